/**
 * Consistency checks on a document's dates: internal date conflicts and anachronisms. Each finding
 * is a `Flag` `{kind, message, spans}`; the stage never throws on odd values (an unparsable TIMEX3
 * value is ignored).
 *
 * Kinds:
 * - `date-conflict`
 *   1. a DURATION attached to a trip-like event noun ("a one-day visit", "a three-day trip") whose
 *      start date (a day-precise DATE in the duration's sentence, else the nearest one about the
 *      same actors) is incompatible with a date given for the end of that trip ("will leave … on
 *      <date>", "departs", "returns"): the end date lies after start + duration + 1 day of slack, or
 *      before the start. The message suggests the date a one-month slip explains (same day of the
 *      adjacent month), when it fits.
 *   2. an event reported as having happened (modality `asserted`, past-tense trigger) dated more than
 *      a day after the document date.
 * - `anachronism`
 *   1. the document's stated year (`meta.copyrightYear`, or a year in `meta.copyrightLine`) is earlier
 *      than the year of dated timexes or events in the story; spans are the timexes that postdate it
 *      (the copyright line was removed from the text, so the message names it).
 *   2. an asserted (not past-tense) event dated more than a day after the document date.
 *
 * Dates are ISO 8601; arithmetic with date-fns on local calendar days.
 */
import { addDays, addMonths, addWeeks, addYears, differenceInCalendarDays, format } from 'date-fns';
import { sentenceIndexAt, type Doc, type Event, type Flag, type TextSpan, type Timex } from '../doc/types.js';
import type { Context } from '../context.js';
import type { Stage } from '../stage.js';

/** Nouns of events that have a duration and an end (trips, visits, talks, missions …). */
const TRIP_NOUN_RE =
  /^[\s-]*(?:long\s+|-long\s+)?(?:(?:state|official|working|private|foreign|regional|official|royal|diplomatic|surprise)\s+)?(visit|trip|tour|stay|journey|mission|voyage|summit|conference|talks|meeting|session|forum|festival|tournament|exercises?|drills?|ceasefire|truce|strike|holiday|vacation|break|deployment|expedition|retreat|sojourn)(?![\w-])/i;
/** Words in a sentence that give the end of a trip: departure, return, end. */
const END_CUE_RE =
  /\b(?:leaves?|leaving|left|depart(?:s|ed|ing)?|return(?:s|ed|ing)?|fl(?:y|ies|ew) (?:out|home|back|on)|head(?:s|ed|ing)? (?:home|back|on)|wrap(?:s|ped)? up|conclud(?:e|es|ed|ing)|end(?:s|ed)? (?:his|her|their|the) (?:visit|trip|tour|stay))\b/i;
/** Past-tense trigger: "-ed", a common irregular past, or "has/had/was/were" before it. */
const PAST_RE =
  /(?:ed|went|met|made|gave|took|said|told|held|sent|struck|fought|fled|began|came|left|won|lost|hit|shot|stole|saw|led|brought|bought|sold|spoke|wrote|signed|flew|ran|fell)$/i;

/** A parsed TIMEX3 calendar value: the first day it covers, and its precision. */
interface Cal {
  date: Date;
  year: number;
  precision: 'year' | 'month' | 'day';
}

const CAL_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$/;
const DUR_RE = /^P(\d+(?:\.\d+)?)([DWMY])$/;

/** Parse a TIMEX3 DATE value ("2022-06-28", "2022-06", "2022", "2022-06-28T10:00"); else null. */
export function parseTimexDate(value: string | null | undefined): Cal | null {
  if (!value) return null;
  const m = CAL_RE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 1;
  const day = m[3] ? Number(m[3]) : 1;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(year, month - 1, day);
  if (date.getMonth() !== month - 1) return null;
  return { date, year, precision: m[3] ? 'day' : m[2] ? 'month' : 'year' };
}

/** Add a TIMEX3 duration ("P1D", "P3D", "P2W", "P1M", "P1Y"; integer amounts) to a date; else null. */
export function addTimexDuration(date: Date, value: string): Date | null {
  const m = DUR_RE.exec(value);
  if (!m) return null;
  const n = Math.round(Number(m[1]));
  switch (m[2]) {
    case 'D':
      return addDays(date, n);
    case 'W':
      return addWeeks(date, n);
    case 'M':
      return addMonths(date, n);
    default:
      return addYears(date, n);
  }
}

const iso = (d: Date) => format(d, 'yyyy-MM-dd');
const span = (doc: Doc, x: { start: number; end: number }): TextSpan => ({ start: x.start, end: x.end, text: doc.text.slice(x.start, x.end) });


/** Entity ids mentioned in each sentence (empty sets when there are no mentions). */
function entitiesBySentence(doc: Doc): Array<Set<string>> {
  const out = doc.sentences.map(() => new Set<string>());
  for (const m of doc.mentions) {
    const s = sentenceIndexAt(doc, m.start);
    if (s >= 0) out[s].add(m.entityId ?? m.text);
  }
  return out;
}

/** Rule date-conflict 1: trip durations against their start and end dates. */
function tripConflicts(doc: Doc, flags: Flag[]): void {
  const days = doc.timexes.filter((t) => t.type === 'DATE' && parseTimexDate(t.value)?.precision === 'day');
  if (!days.length) return;
  const ents = entitiesBySentence(doc);
  const hasMentions = doc.mentions.length > 0;
  const sentText = (i: number) => (i >= 0 ? doc.text.slice(doc.sentences[i].start, doc.sentences[i].end) : '');
  const shares = (a: number, b: number) => {
    if (!hasMentions || a < 0 || b < 0) return true;
    for (const e of ents[a]) if (ents[b].has(e)) return true;
    return false;
  };
  for (const dur of doc.timexes) {
    if (dur.type !== 'DURATION' || !DUR_RE.test(dur.value)) continue;
    const noun = TRIP_NOUN_RE.exec(doc.text.slice(dur.end, dur.end + 60));
    if (!noun) continue;
    const ds = sentenceIndexAt(doc, dur.start);
    const isEnd = (t: Timex) => END_CUE_RE.test(sentText(sentenceIndexAt(doc, t.start)));
    // The start: the day-precise date nearest to the duration (its own sentence first, then the
    // nearest sentence, earlier text first) about the same actors. The ends: the other dates in
    // sentences with a departure/return cue.
    const startCands = days.filter((t) => shares(ds, sentenceIndexAt(doc, t.start)));
    startCands.sort(
      (a, b) => Math.abs(sentenceIndexAt(doc, a.start) - ds) - Math.abs(sentenceIndexAt(doc, b.start) - ds) || a.start - b.start,
    );
    let start: { date: Date; span: TextSpan } | undefined;
    if (startCands.length) {
      start = { date: parseTimexDate(startCands[0].value)!.date, span: span(doc, startCands[0]) };
    } else {
      // Fall back to a dated visit-like event (CAMEO 04x) in the same sentence.
      const ev = doc.events.find((e) => e.root === '04' && parseTimexDate(e.date)?.precision === 'day' && sentenceIndexAt(doc, e.trigger.start) === ds);
      if (ev) start = { date: parseTimexDate(ev.date)!.date, span: span(doc, ev.trigger) };
    }
    if (!start) continue;
    const startSpan = start.span;
    const ends = days.filter(
      (t) => isEnd(t) && t.start !== startSpan.start && shares(ds, sentenceIndexAt(doc, t.start)),
    );
    const last = addTimexDuration(start.date, dur.value);
    if (!last) continue;
    const latest = addDays(last, 1);
    for (const e of ends) {
      const end = parseTimexDate(e.value)!.date;
      const late = differenceInCalendarDays(end, latest) > 0;
      const early = differenceInCalendarDays(end, start.date) < 0;
      if (!late && !early) continue;
      let hint = '';
      for (const shift of [-1, 1]) {
        const alt = addMonths(end, shift);
        if (differenceInCalendarDays(alt, start.date) >= 0 && differenceInCalendarDays(alt, latest) <= 0) {
          hint = `; a one-month slip would explain it: probably ${iso(alt)} ("${doc.text.slice(e.start, e.end)}" → same day of the ${shift < 0 ? 'previous' : 'next'} month)`;
          break;
        }
      }
      const what = `a "${doc.text.slice(dur.start, dur.end)}" ${noun[1].toLowerCase()} (${dur.value})`;
      flags.push({
        kind: 'date-conflict',
        message: late
          ? `${what} starting ${iso(start.date)} cannot end on ${iso(end)}: that is ${differenceInCalendarDays(end, start.date)} days after the start${hint}`
          : `${what} starting ${iso(start.date)} has an end date ${iso(end)} before its start${hint}`,
        spans: [span(doc, dur), start.span, span(doc, e)],
      });
    }
  }
}

/** The timex in the event's sentence whose value matches the event date, if any. */
function eventDateSpan(doc: Doc, ev: Event): TextSpan | undefined {
  const t = doc.timexes.find((x) => x.value === ev.date && x.start >= ev.sentence.start && x.end <= ev.sentence.end);
  return t ? span(doc, t) : undefined;
}

/** Past-tense trigger: a past form, or a perfect/passive auxiliary just before it. */
function pastTense(doc: Doc, ev: Event): boolean {
  const trig = ev.trigger.text.trim().split(/\s+/)[0] ?? '';
  if (PAST_RE.test(trig)) return true;
  const before = doc.text.slice(Math.max(ev.sentence.start, ev.trigger.start - 12), ev.trigger.start);
  return /\b(?:has|have|had|was|were)\s+$/i.test(before);
}

/** Events asserted as happened but dated more than a day after the document date. */
function futureAsserted(doc: Doc, flags: Flag[]): void {
  const pub = parseTimexDate(doc.meta.published?.slice(0, 10));
  if (!pub || pub.precision !== 'day') return;
  for (const ev of doc.events) {
    if (ev.modality !== 'asserted') continue;
    const d = parseTimexDate(ev.date);
    if (!d) continue;
    // A month or year value is compared by its first day, so only clear cases are flagged.
    if (differenceInCalendarDays(d.date, pub.date) <= 1) continue;
    const past = pastTense(doc, ev);
    const spans = [span(doc, ev.trigger)];
    const ds = eventDateSpan(doc, ev);
    if (ds) spans.push(ds);
    flags.push({
      kind: past ? 'date-conflict' : 'anachronism',
      message: past
        ? `"${ev.trigger.text}" is reported as past and asserted, but is dated ${ev.date}, after the document date ${iso(pub.date)}`
        : `the document date ${iso(pub.date)} is earlier than the asserted event "${ev.trigger.text}" dated ${ev.date}`,
      spans,
    });
  }
}

/** The document's own stated year: `meta.copyrightYear`, or a year in `meta.copyrightLine`. */
function statedYear(doc: Doc): number | undefined {
  if (doc.meta.copyrightYear) return doc.meta.copyrightYear;
  const m = /\b(1[89]\d\d|20\d\d)\b/.exec(doc.meta.copyrightLine ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Rule anachronism 1: the document's stated year against the years the story reports. */
function copyrightAnachronism(doc: Doc, flags: Flag[]): void {
  const year = statedYear(doc);
  if (!year) return;
  const later = doc.timexes.filter((t) => (t.type === 'DATE' || t.type === 'TIME') && (parseTimexDate(t.value)?.year ?? 0) > year);
  const spans = later.map((t) => span(doc, t));
  let years = later.map((t) => parseTimexDate(t.value)!.year);
  if (!spans.length) {
    for (const ev of doc.events) {
      const y = parseTimexDate(ev.date)?.year;
      if (y && y > year && ev.modality !== 'hypothetical' && ev.modality !== 'negated') {
        spans.push(span(doc, ev.trigger));
        years.push(y);
      }
    }
  }
  if (!spans.length) return;
  years = [...new Set(years)].sort();
  const line = doc.meta.copyrightLine ? ` ("${doc.meta.copyrightLine.slice(0, 80)}")` : '';
  const pub = doc.meta.published ? `; the document date is ${doc.meta.published.slice(0, 10)}` : '';
  flags.push({
    kind: 'anachronism',
    message: `the document's copyright year ${year}${line} is earlier than the ${years.join(', ')} dates the story reports (${spans
      .map((s) => `"${s.text}"`)
      .join(', ')})${pub}`,
    spans,
  });
}

/** Run every check on `doc`; returns the flags (does not modify `doc`). */
export function checkDocument(doc: Doc): Flag[] {
  const flags: Flag[] = [];
  tripConflicts(doc, flags);
  futureAsserted(doc, flags);
  copyrightAnachronism(doc, flags);
  return flags;
}

/** The `checks` stage: appends consistency flags to `doc.flags` (see {@link checkDocument}). */
export const checksStage: Stage = {
  name: 'checks',
  requires: ['timexes', 'events', 'meta'],
  provides: ['flags'],
  run(doc: Doc, _ctx: Context) {
    doc.flags.push(...checkDocument(doc));
  },
};
