/**
 * Date helpers for ingest: explicit calendar dates in page text and `<time>` elements, dates in
 * URLs, relative stamps ("3 hours ago"), all normalized to ISO 8601. Date arithmetic uses date-fns.
 */
import { format, isValid, parseISO, sub } from 'date-fns';

/** An explicit date (optionally with a time of day) found in a string. */
export interface FoundDate {
  /** UTF-16 offsets of the expression in the searched string. */
  start: number;
  end: number;
  /** `YYYY-MM-DD`. */
  date: string;
  /** `HH:MM:SS` when a time of day was printed. */
  time?: string;
  /** `modified` when preceded by "Updated", "Modified", "Last updated" …; else `published`. */
  label: 'published' | 'modified';
}

const MONTH_NAMES =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec';
const MONTH_INDEX: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const TIME = String.raw`(?:,?[ \t]{0,3}(?:at[ \t]{1,3})?(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?:[ \t]{0,2}([AaPp])\.?[Mm]\.?)?)?`;
const RE_NUMERIC = new RegExp(String.raw`\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b` + TIME, 'g');
const RE_ISO = /\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/g;
const RE_MDY = new RegExp(String.raw`\b(${MONTH_NAMES})\.?[ \t]{1,3}(\d{1,2})(?:st|nd|rd|th)?,?[ \t]{1,3}(\d{4})\b` + TIME, 'gi');
const RE_DMY = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?[ \t]{1,3}(${MONTH_NAMES})\.?,?[ \t]{1,3}(\d{4})\b` + TIME, 'gi');
const RE_MODIFIED_CUE = /\b(?:updated|modified|last updated|edited|revised|actualizado|aktualisiert|mis à jour)\b[^0-9]{0,16}$/i;

const pad = (n: number): string => (n < 10 ? '0' : '') + n;

function validYmd(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function timeOf(h?: string, mi?: string, s?: string, ampm?: string): string | undefined {
  if (h === undefined || mi === undefined) return undefined;
  let hh = Number(h);
  const mm = Number(mi);
  if (ampm) {
    const pm = ampm.toLowerCase() === 'p';
    if (hh === 12) hh = pm ? 12 : 0;
    else if (pm) hh += 12;
  }
  if (hh > 23 || mm > 59) return undefined;
  return `${pad(hh)}:${pad(mm)}:${pad(Number(s ?? 0))}`;
}

/**
 * Explicit full dates (with a year) in `text`: ISO `2021-04-25`, numeric `25/04/2021` (day first
 * unless impossible, or unless `monthFirst`; `hint` — an ISO date — settles an ambiguous one),
 * `June 3, 2021`, `3 June 2021`, each with an optional time of day (`10:19`, `7.30 pm`).
 */
export function findDates(text: string, opts: { monthFirst?: boolean; hint?: string } = {}): FoundDate[] {
  const out: FoundDate[] = [];
  const push = (m: RegExpExecArray, y: number, mo: number, d: number, t?: string): void => {
    if (!validYmd(y, mo, d)) return;
    out.push({ start: m.index, end: m.index + m[0].length, date: `${y}-${pad(mo)}-${pad(d)}`, time: t, label: 'published' });
  };
  for (const m of text.matchAll(RE_ISO)) push(m, +m[1], +m[2], +m[3], timeOf(m[4], m[5], m[6]));
  for (const m of text.matchAll(RE_NUMERIC)) {
    const a = +m[1];
    const b = +m[2];
    const y = +m[3];
    let dayFirst = !opts.monthFirst;
    if (a > 12) dayFirst = true;
    else if (b > 12) dayFirst = false;
    else if (opts.hint) {
      if (opts.hint.startsWith(`${y}-${pad(b)}-${pad(a)}`)) dayFirst = true;
      else if (opts.hint.startsWith(`${y}-${pad(a)}-${pad(b)}`)) dayFirst = false;
    }
    const t = timeOf(m[4], m[5], m[6], m[7]);
    dayFirst ? push(m, y, b, a, t) : push(m, y, a, b, t);
  }
  for (const m of text.matchAll(RE_MDY)) {
    push(m, +m[3], MONTH_INDEX[m[1].slice(0, 3).toLowerCase()], +m[2], timeOf(m[4], m[5], m[6], m[7]));
  }
  for (const m of text.matchAll(RE_DMY)) {
    push(m, +m[3], MONTH_INDEX[m[2].slice(0, 3).toLowerCase()], +m[1], timeOf(m[4], m[5], m[6], m[7]));
  }
  out.sort((x, y) => x.start - y.start);
  let prevEnd = 0;
  const kept: FoundDate[] = [];
  for (const f of out) {
    if (kept.length && f.start < kept[kept.length - 1].end) continue; // overlapping reading
    const before = text.slice(Math.max(prevEnd, f.start - 40), f.start);
    if (RE_MODIFIED_CUE.test(before)) f.label = 'modified';
    kept.push(f);
    prevEnd = f.end;
  }
  return kept;
}

/** A date printed in a URL path: `/2021/04/25/` (day) or `/2021/04/` (month only). */
export interface UrlDate {
  /** `YYYY-MM-DD` or `YYYY-MM`. */
  value: string;
  granularity: 'day' | 'month';
}

const RE_URL_DATE = /\/((?:19|20)\d{2})[/-](\d{1,2})(?:[/-](\d{1,2}))?(?=[/_.-]|$)/;

/**
 * The date in a URL path, if any. Only 1–2 digit components separated by `/` or `-` count, so an
 * article id after the month (`/2021/04/92713`) is not read as a day.
 */
export function urlDate(url: string | undefined): UrlDate | undefined {
  if (!url) return undefined;
  const m = RE_URL_DATE.exec(url.replace(/[?#].*$/, ''));
  if (!m) return undefined;
  const y = +m[1];
  const mo = +m[2];
  if (mo < 1 || mo > 12) return undefined;
  if (m[3] !== undefined && validYmd(y, mo, +m[3])) return { value: `${y}-${pad(mo)}-${pad(+m[3])}`, granularity: 'day' };
  return { value: `${y}-${pad(mo)}`, granularity: 'month' };
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12,
};
/** Source of the relative-stamp vocabulary: blog/CMS templates ("3 hours ago", "Posted 2 days ago"). */
export const RELATIVE_STAMP =
  /\b(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s{1,3}(sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?|months?|years?|yrs?)\s{1,3}ago\b/i;

/** A relative stamp found in text: count and unit. */
export interface RelativeStamp {
  amount: number;
  unit: 'seconds' | 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'years';
}

/** Parse the first relative stamp ("1 month ago", "an hour ago") in `text`. */
export function relativeStamp(text: string): RelativeStamp | undefined {
  const m = RELATIVE_STAMP.exec(text);
  if (!m) return undefined;
  const n = /^\d/.test(m[1]) ? Number(m[1]) : NUMBER_WORDS[m[1].toLowerCase()];
  const u = m[2].toLowerCase();
  const unit: RelativeStamp['unit'] = u.startsWith('s')
    ? 'seconds'
    : u.startsWith('mi')
      ? 'minutes'
      : u.startsWith('h')
        ? 'hours'
        : u.startsWith('d')
          ? 'days'
          : u.startsWith('w')
            ? 'weeks'
            : u.startsWith('mo')
              ? 'months'
              : 'years';
  return { amount: n, unit };
}

/** `anchor` (ISO 8601) minus a relative stamp, as `YYYY-MM-DD`; undefined when `anchor` is invalid. */
export function resolveRelative(anchor: string, stamp: RelativeStamp): string | undefined {
  const a = parseISO(anchor);
  if (!isValid(a)) return undefined;
  return format(sub(a, { [stamp.unit]: stamp.amount }), 'yyyy-MM-dd');
}

/** True when `s` is a valid ISO 8601 date or timestamp (`YYYY-MM-DD…`). */
export function isIsoDate(s: string | undefined): s is string {
  return !!s && /^\d{4}-\d{2}-\d{2}/.test(s) && isValid(parseISO(s));
}

/**
 * Normalize a date string from page metadata to ISO 8601: ISO strings are kept as printed
 * (trimmed); other printed dates ("June 3, 2021", "03/06/2021") become `YYYY-MM-DD[THH:MM:SS]`.
 */
export function normalizeDate(s: string | undefined | null, opts: { monthFirst?: boolean } = {}): string | undefined {
  if (!s) return undefined;
  const t = s.trim();
  if (isIsoDate(t)) return t;
  const f = findDates(t, opts)[0];
  if (!f) return undefined;
  return f.time ? `${f.date}T${f.time}` : f.date;
}
