/**
 * Temporal expressions normalized to TIMEX3 (TimeML 1.2.1 / ISO-TimeML values).
 *
 * Design (chrono-node's parsers and refiners): rule parsers and chrono-node propose spans, then a
 * list of small ordered refiners decide: drop false dates ("May" the surname, "may" the modal,
 * bare numbers), de-overlap, merge a date with the time that follows it, and resolve the parts
 * the text leaves out from the anchor (the document creation time) and the clause's tense.
 *
 * Conventions (documented choices):
 * - "currently", "nowadays", "at present", and "now" after a preposition ("until now", "by now")
 *   → PRESENT_REF; the adverb "now" alone ("now expects") is not taken: it rarely dates an event; "recently", "lately",
 *   "(in) the past", "recent months" → PAST_REF; "the future" → FUTURE_REF.
 * - "today" → the anchor day; "tonight" → anchor `TNI` (TIME); "last night" → the day before `TNI`.
 * - A bare weekday in a past clause is the latest such day on or before the anchor (news style:
 *   "said on Monday" in a Monday story is that day); "last <weekday>" is strictly before.
 * - Without an anchor, unknown parts are written as X: "June 28" → `XXXX-06-28`,
 *   "last Tuesday" → `XXXX-WXX-2`, "yesterday" → `XXXX-XX-XX`.
 */
import * as chrono from 'chrono-node';
import type { Sentence, Timex, TimexType, Token } from '../doc/types.js';
import { firstStartingAt } from '../doc/types.js';
import {
  addDays, dayNumber, daysInMonth, isoDay, isoWeekValue, isoWeekday, pad, parseIsoDay, type Ymd,
} from './calendar.js';
import { clauseTense, type Tense, type Word } from './tense.js';

/** Options of {@link extractTimexes}. */
export interface TimexOptions {
  /** Tokens of `text` with UPOS tags (offsets UTF-16 code units); improve tense and "May" tests. */
  tokens?: Token[];
  /** Sentences of `text`; without them sentences are guessed from punctuation. */
  sentences?: Sentence[];
  /** Read `3/4/2021` as day/month (British and most non-US locales); default month/day (US). */
  dayFirst?: boolean;
  /**
   * Annotation conventions. `'dateline'` (default): the discourse adverb "now" before a verb
   * ("the board now expects") and the conjunction "now that" date nothing and are not tagged.
   * `'timeml'`: as the TimeML annotation guidelines and TimeBank do, every "now" is a TIMEX3
   * `PRESENT_REF` (used for TempEval-3 output and scoring).
   */
  conventions?: 'dateline' | 'timeml';
}

// ---------------------------------------------------------------------------------------------
// Lexicon

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december',
];
const MONTH_RE = '(January|February|March|April|May|June|July|August|September|October|November|December)';
/** Month names that are also common words or given names: need a date context to count. */
const AMBIGUOUS_MONTHS = new Set(['march', 'april', 'may', 'june', 'august']);
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEKDAY_RE = '(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50,
  sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, 'a hundred': 100, 'a couple of': 2,
  'couple of': 2, 'a dozen': 12, dozen: 12,
};
/** Vague quantities: the TIMEX3 number becomes X ("several years" → PXY). */
const VAGUE = new Set(['a few', 'few', 'several', 'many', 'some']);
const NUM_WORD_RE =
  '(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\\s](?:one|two|three|four|five|six|seven|eight|nine)\\b)?' +
  '|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven' +
  '|eight|nine|ten|a hundred|hundred|a dozen|dozen)';
const NUM_RE = `(?:\\d+\\s+[13]\\/[24](?=\\s)|\\d+(?:\\.\\d+)?|${NUM_WORD_RE}|a couple of|couple of|a few|several|few|many|some|an|a)`;
const UNIT_RE = '(second|minute|hour|day|night|week|fortnight|month|year|decade|century|centurie)';

/** TIMEX3 duration unit letters (TimeML): T marks the time units. */
const UNITS: Record<string, { code: string; time: boolean; gran: string; mult: number }> = {
  second: { code: 'S', time: true, gran: 'second', mult: 1 },
  minute: { code: 'M', time: true, gran: 'minute', mult: 1 },
  hour: { code: 'H', time: true, gran: 'hour', mult: 1 },
  day: { code: 'D', time: false, gran: 'day', mult: 1 },
  night: { code: 'D', time: false, gran: 'day', mult: 1 },
  week: { code: 'W', time: false, gran: 'week', mult: 1 },
  fortnight: { code: 'W', time: false, gran: 'week', mult: 2 },
  month: { code: 'M', time: false, gran: 'month', mult: 1 },
  year: { code: 'Y', time: false, gran: 'year', mult: 1 },
  // TimeBank writes decades in years: "two decades" P20Y, "decades" PXY, "a decade ago" a year
  decade: { code: 'Y', time: false, gran: 'decade', mult: 10 },
  century: { code: 'CE', time: false, gran: 'century', mult: 1 },
  centurie: { code: 'CE', time: false, gran: 'century', mult: 1 },
};
const SEASONS: Record<string, string> = { spring: 'SP', summer: 'SU', autumn: 'FA', fall: 'FA', winter: 'WI' };
/** First month of each TIMEX3 season (northern meteorological seasons; winter begins in December). */
const SEASON_START: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };
const PARTS: Record<string, string> = { morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI' };
const MODS: Record<string, string> = {
  early: 'START', start: 'START', beginning: 'START', late: 'END', end: 'END', mid: 'MID', middle: 'MID',
};

/** The number a numeral stands for; `null` for a vague one ("several"). */
function numberOf(s: string): number | null {
  const w = s.toLowerCase().replace(/\s+/g, ' ');
  if (VAGUE.has(w)) return null;
  const frac = /^(\d+) ([13])\/([24])$/.exec(w); // "2 1/2"
  if (frac) return Number(frac[1]) + Number(frac[2]) / Number(frac[3]);
  if (/^\d/.test(w)) return Number(w);
  if (w in NUMBER_WORDS) return NUMBER_WORDS[w];
  const parts = w.split(/[-\s]/);
  if (parts.length === 2 && parts[0] in NUMBER_WORDS && parts[1] in NUMBER_WORDS) {
    return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]];
  }
  return null;
}

function unitOf(s: string): (typeof UNITS)[string] {
  return UNITS[s.toLowerCase()];
}

/** The next smaller unit of a fractional duration, with its size in the larger one (TimeML writes "2 1/2 years" as P2Y6M). */
const FRACTION_UNIT: Record<string, [string, number]> = {
  Y: ['M', 12], M: ['D', 30], W: ['D', 7], D: ['H', 24], H: ['M', 60], 'T:M': ['S', 60],
};

/**
 * TIMEX3 duration value: P3Y, PT5H, PXW (vague). A fraction goes to the next smaller unit when it
 * is a whole number of it: 2.5 years → P2Y6M, 5.5 hours → PT5H30M, 1.5 minutes → PT1M30S
 * (TimeML 1.2.1 guidelines, `value` of DURATION); otherwise the decimal stays (P1.5DE).
 */
function durationValue(n: number | null, unit: string): string {
  const u = unitOf(unit);
  if (n === null) return `P${u.time ? 'T' : ''}X${u.code}`;
  const total = n * u.mult;
  const whole = Math.floor(total);
  const next = FRACTION_UNIT[u.time && u.code === 'M' ? 'T:M' : u.code];
  if (total !== whole && next) {
    const sub = (total - whole) * next[1];
    if (Math.abs(sub - Math.round(sub)) < 1e-9) {
      const subCode = next[0];
      const t = u.time || subCode === 'H';
      const head = whole ? `${whole}${u.code}` : '';
      return t && !u.time ? `P${head}T${Math.round(sub)}${subCode}` : `P${t ? 'T' : ''}${head}${Math.round(sub)}${subCode}`;
    }
  }
  return `P${u.time ? 'T' : ''}${String(Number(total.toFixed(3)))}${u.code}`;
}

// ---------------------------------------------------------------------------------------------
// Proposals

/** Date parts stated (or stated relative to the anchor) by an expression, before resolution. */
interface DateSpec {
  year?: number;
  month?: number;
  day?: number;
  /** ISO weekday 1 = Monday … 7 = Sunday. */
  weekday?: number;
  hour?: number;
  minute?: number;
  /** TIMEX3 part of day: MO, AF, EV, NI. */
  part?: string;
  /** "last"/"next"/"this" before a weekday or month. */
  rel?: 'last' | 'next' | 'this';
  /** Year offset from the anchor year ("June next year" → +1), year still implied. */
  yearShift?: number;
  mod?: string;
}

/** A value decided at proposal time (durations, sets, anchored relatives). */
interface Final {
  type: TimexType;
  value: string;
  granularity?: string;
  known?: string[];
  implied?: string[];
  mod?: string;
}

interface Proposal {
  start: number;
  end: number;
  origin: 'rule' | 'chrono';
  rule: string;
  confidence: number;
  final?: Final;
  spec?: DateSpec;
  /**
   * Resolved against the last quarter the story names (financial news): `year-back` = the same
   * quarter a year earlier ("a year ago", "the year-earlier quarter"); `latest` = that quarter
   * ("the quarter", "the latest period"); `in-year` = that quarter of another year ("the 1988
   * period"). Without a quarter before it the `final` value stands.
   */
  quarterCtx?: 'year-back' | 'latest' | 'in-year';
  /** "that year", "the following day": the unit and shift, read against the last date named. */
  anaphor?: { unit: string; k: number };
  /** For `in-year` ("the 1988 period"): the year; the quarter is the last one named. */
  quarterYear?: number;
  /** For `year-back` with an ordinal ("the year-ago third quarter"): that quarter, 1–4. */
  quarterOrd?: number;
}

interface Run {
  text: string;
  anchor: Ymd | null;
  words: Word[];
  /** Sentence ranges as word-index pairs [first, last] plus character bounds. */
  sentences: Array<{ start: number; end: number; lo: number; hi: number }>;
  dayFirst: boolean;
  /** TimeML conventions (see {@link TimexOptions.conventions}). */
  timeml: boolean;
}

type Rule = (run: Run, m: RegExpExecArray, out: Proposal[]) => void;

/** A rule: a precompiled regex and what to do with a match. Regexes have no nested quantifiers. */
interface RuleDef {
  name: string;
  /**
   * A word every match of `re` contains (same case rule): a text without it is not scanned with
   * `re`, which spares most of the rules most texts (a cheap literal search instead).
   */
  need?: RegExp;
  re: RegExp;
  apply: Rule;
}

function offsetOf(m: RegExpExecArray, group: number): number {
  // Position of a capture group: search it inside the match from the left.
  const g = m[group];
  return m.index + m[0].indexOf(g);
}

function shiftUnit(a: Ymd, n: number, unit: string): Final {
  const u = unitOf(unit);
  const k = n * u.mult;
  switch (u.code) {
    case 'D': return { type: 'DATE', value: isoDay(addDays(a, -k)), granularity: 'day' };
    case 'W': return { type: 'DATE', value: isoWeekValue(addDays(a, -7 * k)), granularity: 'week' };
    case 'M': {
      if (u.time) return { type: 'TIME', value: isoDay(a), granularity: 'day' };
      const idx = a.y * 12 + (a.m - 1) - k;
      return { type: 'DATE', value: `${pad(Math.floor(idx / 12), 4)}-${pad((idx % 12) + 1)}`, granularity: 'month' };
    }
    case 'Y': return { type: 'DATE', value: pad(a.y - k, 4), granularity: 'year' };
    case 'DE': return { type: 'DATE', value: String(Math.floor((a.y - 10 * k) / 10)), granularity: 'decade' };
    case 'CE': return { type: 'DATE', value: String(Math.floor((a.y - 100 * k) / 100)), granularity: 'century' };
    default: return { type: 'TIME', value: isoDay(a), granularity: 'day' };
  }
}

/** Value of "this/last/next <unit>" at the unit's granularity, shifted by `k` units. */
function unitValue(a: Ymd | null, unit: string, k: number): Final {
  const u = unit.toLowerCase();
  if (u in SEASONS) {
    if (!a) return { type: 'DATE', value: `XXXX-${SEASONS[u]}`, granularity: 'season' };
    return { type: 'DATE', value: `${pad(a.y + k, 4)}-${SEASONS[u]}`, granularity: 'season' };
  }
  if (!a) {
    const x: Record<string, string> = {
      week: 'XXXX-WXX', weekend: 'XXXX-WXX-WE', month: 'XXXX-XX', year: 'XXXX', quarter: 'XXXX-QX',
      decade: 'XXX', century: 'XX',
    };
    return { type: 'DATE', value: x[u], granularity: u === 'weekend' ? 'week' : u };
  }
  switch (u) {
    case 'week': return { type: 'DATE', value: isoWeekValue(addDays(a, 7 * k)), granularity: 'week' };
    case 'weekend': return { type: 'DATE', value: `${isoWeekValue(addDays(a, 7 * k))}-WE`, granularity: 'week' };
    case 'month': {
      const idx = a.y * 12 + (a.m - 1) + k;
      return { type: 'DATE', value: `${pad(Math.floor(idx / 12), 4)}-${pad((idx % 12) + 1)}`, granularity: 'month' };
    }
    case 'quarter': {
      const idx = a.y * 4 + Math.floor((a.m - 1) / 3) + k;
      return { type: 'DATE', value: `${pad(Math.floor(idx / 4), 4)}-Q${(idx % 4) + 1}`, granularity: 'quarter' };
    }
    case 'decade': return { type: 'DATE', value: String(Math.floor(a.y / 10) + k), granularity: 'decade' };
    case 'century': return { type: 'DATE', value: String(Math.floor(a.y / 100) + k), granularity: 'century' };
    default: return { type: 'DATE', value: pad(a.y + k, 4), granularity: 'year' };
  }
}

const REL_SHIFT: Record<string, number> = { this: 0, last: -1, next: 1, coming: 1, past: -1, previous: -1 };

function add(out: Proposal[], p: Proposal): void {
  if (p.end > p.start) out.push(p);
}

/** A duration unit word (every match of {@link UNIT_RE} and of "years", "hours"… has one). */
const UNIT_NEED = /second|minute|hour|day|night|week|fortnight|month|year|decade|centur/i;
/** A month or weekday name. */
const MONTH_OR_WEEKDAY_NEED =
  /january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday/i;

const ORD: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, last: 4 };
const SPELLED_TENS: Record<string, number> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SPELLED_ONES: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };

/** The n-th (1-based) `weekday` (1 = Monday) of a month, or the last one when `n` is -1. */
function nthWeekday(y: number, m: number, weekday: number, n: number): Ymd {
  if (n > 0) {
    const first = isoWeekday({ y, m, d: 1 });
    return { y, m, d: 1 + ((weekday - first + 7) % 7) + 7 * (n - 1) };
  }
  const lastDay = daysInMonth(y, m);
  const last = isoWeekday({ y, m, d: lastDay });
  return { y, m, d: lastDay - ((last - weekday + 7) % 7) };
}

/** Western Easter Sunday of a year (the anonymous Gregorian computus, Meeus/Jones/Butcher). */
function easter(y: number): Ymd {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return { y, m: month, d: ((h + l - 7 * m + 114) % 31) + 1 };
}

/** The day of a (United States or Western Christian) holiday in year `y`; `name` lower-case. */
function holidayDay(name: string, y: number): Ymd {
  if (name.startsWith('thanksgiving')) return nthWeekday(y, 11, 4, 4);
  if (name === 'christmas eve') return { y, m: 12, d: 24 };
  if (name.startsWith('christmas')) return { y, m: 12, d: 25 };
  if (name === "new year's eve") return { y, m: 12, d: 31 };
  if (name.startsWith('new year')) return { y, m: 1, d: 1 };
  if (name.includes('independence') || name.includes('fourth of july')) return { y, m: 7, d: 4 };
  if (name === 'election day') return addDays(nthWeekday(y, 11, 1, 1), 1); // the Tuesday after the first Monday
  if (name.startsWith('easter')) return easter(y);
  if (name === 'memorial day') return nthWeekday(y, 5, 1, -1);
  if (name === 'labor day') return nthWeekday(y, 9, 1, 1);
  if (name === 'halloween') return { y, m: 10, d: 31 };
  if (name.startsWith('valentine')) return { y, m: 2, d: 14 };
  return { y, m: 11, d: 11 }; // Veterans Day
}

/** Quarter (1–4) of a month (1–12). */
function quarterOf(month: number): number {
  return Math.floor((month - 1) / 3) + 1;
}

/**
 * Financial-news rules (TimeBank/WSJ conventions, TimeML 1.2.1 guidelines §2.2): quarters and
 * halves ("the third quarter", "third-quarter", "the 1988 second quarter", "the third quarter of
 * 1990", "the last half of 1989"), "the year-earlier quarter", "the latest period".
 */
const FINANCE_RULES: RuleDef[] = [
  {
    // "the third quarter", "third-quarter", "the fiscal first quarter", "this year's third quarter",
    // "the 1988 second quarter", "the third quarter of 1990", "the second half", "fourth quarters"
    name: 'quarter-ordinal',
    need: /quarter|half/i,
    re: /\b(?:(the|this|that|next)\s+)?(?:((?:1[6-9]|20)\d\d)(?:'s)?\s+|(this|last|next)\s+year's\s+)?(?:(year-earlier|year-ago)\s+)?(?:fiscal[-\s]+)?(first|second|third|fourth|1st|2nd|3rd|4th|last)[-\s]+(?:fiscal[-\s]+)?(quarter|half)(s?)\b(?:\s+of\s+(?:fiscal\s+)?((?:1[6-9]|20)\d\d))?/gi,
    apply(run, m, out) {
      const [, det, yearPre, yearRel, back, ordText, unitText, plural, yearPost] = m;
      const ord = ORD[ordText.toLowerCase()];
      const half = unitText.toLowerCase() === 'half';
      if (!half && ordText.toLowerCase() === 'last') return; // "last quarter": the relative-unit rule
      const a = run.anchor;
      let year: number | null = yearPre ? +yearPre : yearPost ? +yearPost : null;
      if (year === null && yearRel && a) year = a.y + REL_SHIFT[yearRel.toLowerCase()];
      const ordValue = half ? (ord <= 2 && ordText.toLowerCase() !== 'last' ? ord : 2) : ord;
      const code = half ? `H${ordValue}` : `Q${ordValue}`;
      // "the third-quarter loss": the hyphenated adjective alone is the TIMEX3 (TimeBank)
      const adjective = /-(?:quarter|half)$/i.test(m[0]) && !yearPre && !yearRel && !yearPost && !back;
      const start = det && (det.toLowerCase() === 'next' || adjective) ? m.index + m[0].indexOf(ordText) : m.index;
      let final: Final;
      if (plural && !yearPre && !yearPost) final = { type: 'DATE', value: `XXXX-${code}`, granularity: half ? 'half' : 'quarter' };
      else if (year !== null) final = { type: 'DATE', value: `${pad(year, 4)}-${code}`, granularity: half ? 'half' : 'quarter', known: ['year'] };
      else if (!a) final = { type: 'DATE', value: `XXXX-${code}`, granularity: half ? 'half' : 'quarter' };
      else {
        // the quarter of the anchor year unless it lies after the anchor's quarter in a past clause
        const cur = half ? (a.m <= 6 ? 1 : 2) : quarterOf(a.m);
        let y = a.y;
        if (ordValue > cur && tenseAt(run, m.index, m.index + m[0].length) === 'past') y = a.y - 1;
        final = { type: 'DATE', value: `${pad(y, 4)}-${code}`, granularity: half ? 'half' : 'quarter', implied: ['year'] };
      }
      const p: Proposal = { start, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.9, final };
      if (back) {
        p.quarterCtx = 'year-back';
        p.quarterOrd = ord;
        if (a) final.value = `${pad(a.y - 1, 4)}-${code}`;
      }
      add(out, p);
    },
  },
  {
    // "the quarter", "the latest quarter", "the latest period", "the current quarter", "that quarter"
    name: 'quarter-deictic',
    need: /quarter|period/i,
    re: /\b(the|this|that)\s+(?:(latest|current|recent|most\s+recent|just-ended|previous|same)\s+)?(?:fiscal\s+)?(quarter|period)\b(?!\s+(?:of|ended|ending)\b|-to-)/gi,
    apply(run, m, out) {
      const det = m[1].toLowerCase();
      const adj = (m[2] ?? '').toLowerCase();
      const unit = m[3].toLowerCase();
      if (unit === 'period' && !/latest|recent|just-ended/.test(adj)) return;
      if (adj === 'previous' || adj === 'same') return;
      const a = run.anchor;
      const current = det === 'this' || adj === 'current';
      const k = current ? 0 : -1;
      const final: Final = a ? unitValue(a, 'quarter', k) : { type: 'DATE', value: 'XXXX-QX', granularity: 'quarter' };
      const p: Proposal = { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.8, final };
      if (!current) p.quarterCtx = 'latest';
      add(out, p);
    },
  },
  {
    // "the quarter a year ago", "the period a year earlier": the reporting quarter a year back
    name: 'quarter-year-ago',
    need: /year\s+(?:ago|earlier)/i,
    re: /\b(?:the|that)\s+(?:same\s+)?(?:quarter|period)\s+a\s+year\s+(?:ago|earlier)\b/gi,
    apply(run, m, out) {
      const a = run.anchor;
      const final: Final = a ? unitValue(a, 'quarter', -5) : { type: 'DATE', value: 'XXXX-QX', granularity: 'quarter' };
      add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.8, final, quarterCtx: 'year-back' });
    },
  },
  {
    // "the year-earlier quarter", "year-ago", "the comparable year-ago period", "year-earlier"
    name: 'year-earlier',
    need: /year-(?:earlier|ago)/i,
    re: /\b(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?(year-earlier|year-ago)(?:\s+(quarter|period)\b)?/gi,
    apply(run, m, out) {
      const a = run.anchor;
      const final: Final = a ? unitValue(a, m[2] ? 'quarter' : 'year', m[2] ? -5 : -1) : { type: 'DATE', value: 'PAST_REF' };
      add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.8, final, quarterCtx: 'year-back' });
    },
  },
  {
    // "that year", "later that year", "earlier that day", "the following year": a year, month or
    // day of the story's own timeline, read against the last such date named before it
    name: 'anaphoric',
    need: /\b(?:that|following|previous)\s+(?:year|month|day)/i,
    re: /\b(?:(earlier|later)\s+)?(that(?:\s+same)?|the\s+(?:following|previous))\s+(year|month|day)\b(?!['’-])/gi,
    apply(run, m, out) {
      const rel = m[2].toLowerCase();
      const unit = m[3].toLowerCase();
      const k = rel.includes('following') ? 1 : rel.includes('previous') ? -1 : 0;
      const a = run.anchor;
      const x: Record<string, string> = { year: 'XXXX', month: 'XXXX-XX', day: 'XXXX-XX-XX' };
      const f: Final = { type: 'DATE', value: x[unit], granularity: unit };
      if (m[1]) f.mod = m[1].toLowerCase() === 'earlier' ? 'START' : 'END';
      // "trades made that day": without a date before it the anaphor stays X (filled in below)
      add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: a ? 0.6 : 0.5, final: f, anaphor: { unit, k } });
    },
  },
  {
    // "the 1988 period", "the 1989 quarter": the quarter last named, in that year (financial news)
    name: 'year-period',
    need: /period|quarter/i,
    re: /\b(?:the|that)\s+((?:19|20)\d\d)\s+(?:fiscal\s+)?(?:period|quarter)\b/gi,
    apply(run, m, out) {
      add(out, {
        start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.8,
        final: { type: 'DATE', value: `${m[1]}-QX`, granularity: 'quarter', known: ['year'] }, quarterCtx: 'in-year', quarterYear: +m[1],
      });
    },
  },
  {
    // "the quarter ended Sept. 30", "the three months ending June 30" (TIMEX3 "the quarter", the date
    // a second one): the calendar quarter the period ends in, of the latest such day up to the anchor
    name: 'quarter-ended',
    need: /quarter/i,
    re: new RegExp(`\\b(?:the|its|that)\\s+(?:(?:latest|fiscal|recent|third|second|first|fourth)\\s+)?quarter(?=\\s+(?:ended|ending)\\s+(${MONTH_RE}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?\\s+(\\d{1,2})\\b)`, 'g'),
    apply(run, m, out) {
      if (/\b(?:third|second|first|fourth)\b/i.test(m[0])) return; // the ordinal rule's
      const name = m[1].toLowerCase().slice(0, 3);
      const month = MONTHS.findIndex((x) => x.startsWith(name)) + 1;
      const day = +m[2];
      if (month < 1) return;
      // a quarter ends on its last day or within a few days of it (fiscal calendars)
      const q = quarterOf(day >= 25 ? month : month === 1 ? 12 : month - 1);
      const a = run.anchor;
      let y = a ? a.y : null;
      if (a && y !== null && (month > a.m || (month === a.m && day > a.d))) y--;
      if (y !== null && q === 4 && month === 1) y--;
      add(out, {
        start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.8,
        final: { type: 'DATE', value: y === null ? 'XXXX-QX'.replace('QX', `Q${q}`) : `${pad(y, 4)}-Q${q}`, granularity: 'quarter' },
      });
    },
  },
  {
    // "the year", "the full year", "the current year", "the fiscal year": the anchor's year;
    // "the year ended Sept. 30" is a DURATION of one year (TimeBank convention)
    name: 'the-year',
    need: /year/i,
    re: /\b(?:the|this)\s+(?:(full|current|fiscal|calendar)\s+)?(?:(?:fiscal|calendar)\s+)?year\b(?!-|\s+(?:before|after|earlier|ago|later)\b)/gi,
    apply(run, m, out) {
      const a = run.anchor;
      const after = run.text.slice(m.index + m[0].length, m.index + m[0].length + 10);
      const final: Final = /^\s+(?:ended|ending|to)\b/.test(after)
        ? { type: 'DURATION', value: 'P1Y', granularity: 'year' }
        : { type: 'DATE', value: a ? pad(a.y, 4) : 'XXXX', granularity: 'year', implied: ['year'] };
      add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.7, final });
    },
  },
  {
    // spelled-out years of broadcast transcripts: "nineteen ninety-six", "the year two thousand"
    name: 'spelled-year',
    need: /nineteen|eighteen|twenty|thousand/i,
    re: /\b(?:(nineteen|eighteen|twenty)[-\s](ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](one|two|three|four|five|six|seven|eight|nine))?|(?:the\s+year\s+)two\s+thousand(?:\s+and\s+(one|two|three|four|five|six|seven|eight|nine))?)\b/gi,
    apply(run, m, out) {
      let y: number;
      if (m[1]) y = SPELLED_TENS[m[1].toLowerCase()] * 100 + SPELLED_TENS[m[2].toLowerCase()] + (m[3] ? SPELLED_ONES[m[3].toLowerCase()] : 0);
      else y = 2000 + (m[4] ? SPELLED_ONES[m[4].toLowerCase()] : 0);
      add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.8, final: { type: 'DATE', value: String(y), granularity: 'year', known: ['year'] } });
    },
  },
  {
    // "the weekend": the weekend before the anchor in a past clause, else the coming one
    name: 'the-weekend',
    need: /weekend/i,
    re: /\b(?:the|this)\s+weekend\b/gi,
    apply(run, m, out) {
      const a = run.anchor;
      if (!a) return add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.7, final: { type: 'DATE', value: 'XXXX-WXX-WE', granularity: 'week' } });
      const t = tenseAt(run, m.index, m.index + m[0].length);
      const aw = isoWeekday(a);
      const day = t === 'past' ? addDays(a, -aw) : aw >= 6 ? a : addDays(a, 6 - aw);
      add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.7, final: { type: 'DATE', value: `${isoWeekValue(day)}-WE`, granularity: 'week' } });
    },
  },
];

const RULES: RuleDef[] = [
  ...FINANCE_RULES,
  {
    // "today", "yesterday morning", "tomorrow", "tonight", "last night", "this morning"
    name: 'deictic-day',
    need: /today|tonight|yesterday|tomorrow|night|morning|afternoon|evening/i,
    re: /\b(?:(today|tonight|yesterday|tomorrow)(?:\s+(morning|afternoon|evening|night))?|(last)\s+(night)|(this)\s+(morning|afternoon|evening))\b/gi,
    apply(run, m, out) {
      const word = (m[1] ?? m[3] ?? m[5]).toLowerCase();
      const part = (m[2] ?? m[4] ?? m[6])?.toLowerCase();
      const shift = word === 'yesterday' || word === 'last' ? -1 : word === 'tomorrow' ? 1 : 0;
      const a = run.anchor;
      const day = a ? isoDay(addDays(a, shift)) : 'XXXX-XX-XX';
      const p = word === 'tonight' ? 'NI' : part ? PARTS[part] : undefined;
      const final: Final = p
        ? { type: 'TIME', value: `${day}T${p}`, granularity: 'part-of-day', implied: ['year', 'month', 'day'] }
        : { type: 'DATE', value: day, granularity: 'day', implied: ['year', 'month', 'day'] };
      add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.95, final });
    },
  },
  {
    // "at midday": noon of the anchor day
    name: 'midday',
    need: /mid-?day/i,
    re: /\b(?:at|by|around|until|till|before|after|from|about)\s+(mid-?day)\b/gi,
    apply(run, m, out) {
      const a = run.anchor;
      const start = offsetOf(m, 1);
      add(out, { start, end: start + m[1].length, origin: 'rule', rule: this.name, confidence: 0.8, final: { type: 'TIME', value: `${a ? isoDay(a) : 'XXXX-XX-XX'}T12:00`, granularity: 'minute', implied: ['year', 'month', 'day'] } });
    },
  },
  {
    // "now", "currently": PRESENT_REF; "recently", "the past", "recent months": PAST_REF; "the future"
    name: 'ref',
    need: /now|current|present|recent|lately|past|future|term|coming|these days/i,
    re: /\b(?:((?:right\s+)?now)(?![-\w])|(currently|nowadays|presently|at present|current|these\s+days)(?![-\w])|(recently|lately)|(?:in|of)\s+(the\s+past)|(recent(?:\s+(?:years|months|weeks|days|decades))?)|(the\s+(?:near\s+|distant\s+)?future|the\s+(?:near|short)\s+term|(?<!the\s)coming\s+(?:months|quarters|years|decades)))\b/gi,
    apply(run, m, out) {
      let g = 1;
      while (!m[g]) g++;
      // "Now, he says, ...": a sentence-opening "Now" with a comma is a discourse marker (TimeBank
      // leaves all such untagged)
      if (g === 1 && m[1] === 'Now' && /^,/.test(run.text.slice(m.index + 3, m.index + 4))) return;
      if (g === 1 && !run.timeml) {
        // "now that" is a conjunction; "now" right before the verb ("the board now expects") is a
        // discourse adverb that dates nothing (the project's convention; TimeBank tags it)
        const end = m.index + m[0].length;
        const after = run.text.slice(end, end + 24);
        if (/^\s*that\b/i.test(after)) return;
        const i = wordAt(run.words, end);
        const next = run.words[i];
        if (next && (next.pos ? next.pos === 'VERB' : /^\s+[a-z]+(?:s|ed)\b/.test(after))) return;
      }
      const value = g <= 2 ? 'PRESENT_REF' : g <= 5 ? 'PAST_REF' : 'FUTURE_REF';
      const start = offsetOf(m, g);
      const units = g === 5 && run.timeml ? /\s+(month|week|day)s$/i.exec(m[g]) : null;
      if (units) {
        // TimeML conventions: "recent months", "recent weeks" are a vague stretch up to now, as
        // TimeBank values most of them (PXM; 4 of 6 in TBAQ); "recent years" stays PAST_REF (3 of 5)
        const u = units[1].toLowerCase();
        add(out, { start, end: start + m[g].length, origin: 'rule', rule: this.name, confidence: 0.8, final: { type: 'DURATION', value: durationValue(null, u), granularity: unitOf(u).gran } });
        return;
      }
      add(out, { start, end: start + m[g].length, origin: 'rule', rule: this.name, confidence: 0.8, final: { type: 'DATE', value } });
    },
  },
  {
    // "three weeks ago", "a year ago", "years ago", "a year earlier"
    name: 'ago',
    need: /ago|earlier|later/i,
    re: new RegExp(`\\b(?:(${NUM_RE})\\s+${UNIT_RE}s?|(years|months|weeks|days|decades))(?:\\s+or\\s+so)?\\s+(ago|earlier|later)\\b`, 'gi'),
    apply(run, m, out) {
      const end = m.index + m[0].length;
      const sign = m[4].toLowerCase() === 'later' ? -1 : 1;
      if (sign < 0 && m[3]) return; // "years later": no anchor
      const rel = m[4].toLowerCase();
      if (run.timeml && rel !== 'ago' && m[2] && !(unitOf(m[2]).code === 'Y' && numberOf(m[1]) === 1 && rel === 'earlier')) {
        // TimeML conventions: "three days later", "a day earlier" are the offset, a DURATION related to
        // another event by a TLINK (TimeBank: 4 of 5); "later" stays outside the extent. "A year
        // earlier" in financial news is the year-ago period (below).
        const n = numberOf(m[1]);
        const u = unitOf(m[2]);
        const stop = rel === 'later' ? m.index + m[0].length - m[4].length - 1 : end;
        add(out, { start: m.index, end: stop, origin: 'rule', rule: this.name, confidence: 0.75, final: { type: 'DURATION', value: durationValue(n, m[2]), granularity: u.gran } });
        return;
      }
      if (m[3] || numberOf(m[1]) === null) {
        add(out, { start: m.index, end, origin: 'rule', rule: this.name, confidence: 0.8, final: { type: 'DATE', value: 'PAST_REF' } });
        return;
      }
      const n = numberOf(m[1])!;
      const a = run.anchor;
      // "a year earlier"/"two days later" are read against the anchor (the DCT), as TimeBank does
      // for most news uses.
      const f: Final = a ? shiftUnit(a, sign * n, m[2]) : { type: 'DATE', value: sign > 0 ? 'PAST_REF' : 'FUTURE_REF' };
      f.implied = ['year', 'month', 'day'];
      const yearBack = n === 1 && unitOf(m[2]).code === 'Y' && sign > 0;
      add(out, { start: m.index, end, origin: 'rule', rule: this.name, confidence: 0.85, final: f, quarterCtx: yearBack ? 'year-back' : undefined });
    },
  },
  {
    // "the past two years", "the past year", "the next three months", "the coming weeks"
    name: 'span-duration',
    need: /past|previous|last|next|coming|first|following/i,
    re: new RegExp(`\\b(?:(?:the\\s+)?(past|previous)\\s+(?:(${NUM_RE})\\s+)?${UNIT_RE}s?|the\\s+(last|next|coming|first|following)\\s+(?:(${NUM_RE})\\s+)?${UNIT_RE}s|(?:last|next)\\s+(${NUM_RE})\\s+${UNIT_RE}s)\\b`, 'gi'),
    apply(run, m, out) {
      const numText = m[2] ?? m[5] ?? m[7];
      const unit = m[3] ?? m[6] ?? m[8];
      const plural = /s$/i.test(m[0]);
      const n = numText ? numberOf(numText) : plural ? null : 1;
      const u = unitOf(unit);
      if (!u) return;
      add(out, {
        start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.85,
        final: { type: 'DURATION', value: durationValue(n, unit), granularity: u.gran },
      });
    },
  },
  {
    // "the past two quarters" (P2Q), "several quarters" (PXQ): fiscal quarters counted
    name: 'quarter-duration',
    need: /quarters/i,
    re: new RegExp(`\\b(?:(?:the\\s+)?(?:past|previous|last|next|coming|first)\\s+)?(${NUM_WORD_RE}|\\d+|several|a\\s+few|few)\\s+quarters\\b`, 'gi'),
    apply(run, m, out) {
      const n = numberOf(m[1]);
      add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.8, final: { type: 'DURATION', value: `P${n === null ? 'X' : n}Q`, granularity: 'quarter' } });
    },
  },
  {
    // "once a week", "twice a year", "three times a day"
    name: 'set-frequency',
    need: /once|twice|thrice|times/i,
    re: new RegExp(`\\b(?:once|twice|thrice|(?:${NUM_RE})\\s+times)\\s+(?:a|an|per|each|every)\\s+${UNIT_RE}\\b`, 'gi'),
    apply(run, m, out) {
      add(out, {
        start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.85,
        final: { type: 'SET', value: durationValue(1, m[1]), granularity: unitOf(m[1]).gran },
      });
    },
  },
  {
    // "every Monday", "every two weeks", "each year", "every morning", "every other week"
    name: 'set-every',
    need: /every|each/i,
    re: new RegExp(`\\b(?:every|each)\\s+(other\\s+)?(?:(${NUM_RE})\\s+)?(?:${UNIT_RE}|${WEEKDAY_RE}|(morning|afternoon|evening|weekend|spring|summer|autumn|winter))s?\\b`, 'gi'),
    apply(run, m, out) {
      const [, other, numText, unit, weekday, part] = m;
      let value: string;
      let granularity: string;
      if (weekday) {
        value = `XXXX-WXX-${WEEKDAYS.indexOf(weekday.toLowerCase()) + 1}`;
        granularity = 'day';
      } else if (part) {
        const p = part.toLowerCase();
        value = p === 'weekend' ? 'XXXX-WXX-WE' : p in SEASONS ? `XXXX-${SEASONS[p]}` : `XXXX-XX-XXT${PARTS[p]}`;
        granularity = p === 'weekend' ? 'week' : p in SEASONS ? 'season' : 'part-of-day';
      } else {
        if (numText && /^(?:an?|some|many)$/i.test(numText)) return;
        const n = numText ? numberOf(numText) : 1;
        if (unit.toLowerCase() === 'night') {
          value = 'XXXX-XX-XXTNI';
          granularity = 'part-of-day';
        } else {
          value = durationValue(n === null ? null : n * (other ? 2 : 1), unit);
          granularity = unitOf(unit).gran;
        }
      }
      add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.85, final: { type: 'SET', value, granularity } });
    },
  },
  {
    // "daily", "weekly", "annually", "on Mondays"
    name: 'set-adverb',
    need: /hourly|daily|nightly|weekly|monthly|quarterly|yearly|annual|days/i,
    re: new RegExp(`\\b(?:(hourly|daily|nightly|weekly|biweekly|fortnightly|monthly|quarterly|yearly|annually|annual)|on\\s+(${WEEKDAY_RE.slice(1, -1)})s)\\b`, 'gi'),
    apply(run, m, out) {
      const map: Record<string, [string, string]> = {
        hourly: ['PT1H', 'hour'], daily: ['P1D', 'day'], nightly: ['XXXX-XX-XXTNI', 'part-of-day'],
        weekly: ['P1W', 'week'], biweekly: ['P2W', 'week'], fortnightly: ['P2W', 'week'],
        monthly: ['P1M', 'month'], quarterly: ['P3M', 'month'], yearly: ['P1Y', 'year'],
        annually: ['P1Y', 'year'], annual: ['P1Y', 'year'],
      };
      if (m[1]) {
        // the adjectives "annual", "quarterly" ("annual meeting", "quarterly dividend") name no time
        if (/^(?:annual|quarterly)$/i.test(m[1])) return;
        const [value, granularity] = map[m[1].toLowerCase()];
        add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.75, final: { type: 'SET', value, granularity } });
      } else {
        const start = offsetOf(m, 2);
        add(out, {
          start, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.8,
          final: { type: 'SET', value: `XXXX-WXX-${WEEKDAYS.indexOf(m[2].toLowerCase()) + 1}`, granularity: 'day' },
        });
      }
    },
  },
  {
    // "one-day", "48-hour", "two-year-old": hyphenated duration adjectives
    name: 'duration-adjective',
    need: UNIT_NEED,
    re: new RegExp(`\\b(\\d+(?:\\.\\d+)?|${NUM_WORD_RE})-${UNIT_RE}s?(?:-(?:long|old))?\\b(?!-)`, 'gi'),
    apply(run, m, out) {
      const n = numberOf(m[1]);
      if (n === null) return;
      // an age ("a 6-year-old girl") is not a temporal expression in TimeML; nor is the
      // expression blocked here picked up by the duration rule
      if (/-old$/i.test(m[0])) return add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: 'age', confidence: 0, final: { type: 'DURATION', value: '' } });
      add(out, {
        start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.9,
        final: { type: 'DURATION', value: durationValue(n, m[2]), granularity: unitOf(m[2]).gran },
      });
    },
  },
  {
    // "day-long", "decades-long", "years-long": a duration adjective without a number
    name: 'unit-long',
    need: /-long/i,
    re: new RegExp(`\\b${UNIT_RE}(s?)-long\\b`, 'gi'),
    apply(run, m, out) {
      add(out, {
        start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.8,
        final: { type: 'DURATION', value: durationValue(m[2] ? null : 1, m[1]), granularity: unitOf(m[1]).gran },
      });
    },
  },
  {
    // "the 20th century", "the eleventh century": TIMEX3 century values count from 0 (19 = 1900s)
    name: 'century-ordinal',
    need: /century/i,
    re: /\b(?:the\s+)?(?:(early|late|mid)[-\s])?(\d{1,2})(?:st|nd|rd|th)[-\s]century\b|\b(?:the\s+)?(?:(early|late|mid)[-\s])?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[-\s]century\b/gi,
    apply(run, m, out) {
      const words = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth', 'twenty-first'];
      const n = m[2] ? +m[2] : words.indexOf(m[4].toLowerCase()) + 1;
      if (n < 1 || n > 30) return;
      const f: Final = { type: 'DATE', value: pad(n - 1, 2), granularity: 'century', known: ['century'] };
      const mod = m[1] ?? m[3];
      if (mod) f.mod = MODS[mod.toLowerCase()];
      // "a 20th century democrat": the expression is the century whatever it modifies
      const start = /^the\s/i.test(m[0]) && /^\s+[a-z]/.test(run.text.slice(m.index + m[0].length, m.index + m[0].length + 3)) ? m.index + 4 : m.index;
      add(out, { start, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.8, final: f });
    },
  },
  {
    // "Thanksgiving Day", "last Christmas", "Election Day", "Easter week": holidays with a fixed or
    // computed day, the year by the clause's tense as for a month-day
    name: 'holiday',
    need: /Thanksgiving|Christmas|New Year|Independence Day|Fourth of July|Election Day|Easter|Memorial Day|Labor Day|Halloween|Valentine|Veterans Day/,
    re: /\b(?:(last|next|this)\s+)?(Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+(?:Day|Eve))|Independence\s+Day|(?:the\s+)?Fourth\s+of\s+July|Election\s+Day|Easter(?:\s+(?:Sunday|week))?|Memorial\s+Day|Labor\s+Day|Halloween|Valentine['’]s\s+Day|Veterans\s+Day)\b/g,
    apply(run, m, out) {
      const name = m[2].toLowerCase().replace(/\s+/g, ' ').replace(/’/g, "'");
      const dayOf = (y: number): Ymd => holidayDay(name, y);
      const a = run.anchor;
      const week = name === 'easter week';
      let value: string;
      if (!a) value = week ? 'XXXX-WXX' : 'XXXX-XX-XX';
      else {
        const rel = m[1]?.toLowerCase();
        const cands = [a.y - 1, a.y, a.y + 1].map(dayOf);
        const ref = dayNumber(a);
        let c: Ymd;
        if (rel === 'last') c = [...cands].reverse().find((x) => dayNumber(x) < ref)!;
        else if (rel === 'next') c = cands.find((x) => dayNumber(x) > ref)!;
        else if (rel === 'this') c = cands[1];
        else c = pickByTense(cands, dayNumber, ref, tenseAt(run, m.index, m.index + m[0].length)).c;
        value = week ? isoWeekValue(c) : isoDay(c);
      }
      add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.8, final: { type: 'DATE', value, granularity: week ? 'week' : 'day', implied: ['year'] } });
    },
  },
  {
    // "three weeks", "48 hours", "several years", "a year" (a duration unless a rule above took it)
    name: 'duration',
    need: UNIT_NEED,
    re: new RegExp(`\\b(${NUM_RE})\\s+(?:(?:more|additional|further|straight|consecutive)\\s+)?${UNIT_RE}s?(\\s+and\\s+a\\s+half)?\\b`, 'gi'),
    apply(run, m, out) {
      const unit = m[2].toLowerCase();
      const numText = m[1].toLowerCase();
      // an age ("Mr. Smith, 52 years old"): not a temporal expression in TimeML
      if (/^\s+old\b/i.test(run.text.slice(m.index + m[0].length, m.index + m[0].length + 5))) {
        return add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: 'age', confidence: 0, final: { type: 'DURATION', value: '' } });
      }
      if (unit === 'second' && /^an?$/.test(numText)) return; // "a second time"
      // a rate ("$2 million a year", "four flights a week", "24 hours a day"): a frequency, not a
      // stretch of time; TimeBank leaves most unannotated, so TimeML conventions drop it
      if (/^an?$/.test(numText) && /(?:\d|\b(?:million|billion|thousand|hundred|dozen)|[a-z]s)\s+$/i.test(run.text.slice(Math.max(0, m.index - 12), m.index)) &&
        !/^\s+(?:ago|earlier|later|before|after|or)\b/i.test(run.text.slice(m.index + m[0].length, m.index + m[0].length + 10))) {
        if (run.timeml) return;
        return add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.7, final: { type: 'SET', value: durationValue(1, unit), granularity: unitOf(unit).gran } });
      }
      if (unit === 'night' && /^an?$/.test(numText)) return;
      // "one day he will…", "some day": not a measured stretch of time
      if (/^(?:one|some)$/.test(numText) && unit === 'day' && !/s\b/i.test(m[0])) return;
      if (/^(?:many|some)$/.test(numText) && !/s$/i.test(m[0])) return;
      // after a digit group separator: "1,000 years" is fine, "1,357-kilometer" never reaches here
      const n0 = numberOf(m[1]);
      const half = !!m[3];
      // a singular unit goes with "one"/"a" only: "the 1988 second quarter" is no duration
      // a spelled-out number with a singular unit before a noun is a duration too, unhyphenated
      // as in transcripts: "a five year low", "a two day rally"
      const attributive = /^[a-z]/i.test(numText) && /^\s+[a-z]/.test(run.text.slice(m.index + m[0].length, m.index + m[0].length + 3));
      if (!/s(?:\s+and\s+a\s+half)?$/i.test(m[0]) && n0 !== 1 && n0 !== null && !attributive) return;
      const n = n0 !== null && half ? n0 + 0.5 : n0;
      add(out, {
        start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.8,
        final: { type: 'DURATION', value: durationValue(n, unit), granularity: unitOf(unit).gran },
      });
    },
  },
  {
    // "for years", "for decades"
    name: 'duration-bare',
    need: UNIT_NEED,
    re: /\b(?:for|over)\s+(years|months|weeks|days|decades|hours)\b/gi,
    apply(run, m, out) {
      const unit = m[1].toLowerCase().replace(/s$/, '');
      const start = offsetOf(m, 1);
      add(out, {
        start, end: start + m[1].length, origin: 'rule', rule: this.name, confidence: 0.7,
        final: { type: 'DURATION', value: durationValue(null, unit), granularity: unitOf(unit).gran },
      });
    },
  },
  {
    // "earlier this month", "later this year", "last week", "next year", "early next year",
    // "the end of this month", "the end of the year", "this summer"
    name: 'relative-unit',
    need: /week|month|year|quarter|decade|century|spring|summer|autumn|fall|winter/i,
    re: /\b(?:(earlier|later|early|late)\s+|mid-|(?:the\s+)?(end|start|beginning|middle)\s+of\s+)?(this\s+past|this|last|next|coming|the)\s+(?:(early|late)\s+)?(week|weekend|month|year|quarter|decade|century|spring|summer|autumn|fall|winter)\b/gi,
    apply(run, m, out) {
      const [, pre0, ofWord, det, inner, unit] = m;
      const pre = pre0 ?? inner;
      const d = det.toLowerCase().replace(/\s+/g, ' ');
      const u = unit.toLowerCase();
      if (u in SEASONS && (d === 'the' || d === 'this past')) {
        // "the summer", "this past spring": the season of the anchor year when it has begun (in a
        // past or tenseless clause) or is still ahead (in a future one), else the year around it
        const a = run.anchor;
        let y = a ? a.y : 0;
        if (a) {
          const first = SEASON_START[SEASONS[u]];
          const t = d === 'this past' ? 'past' : tenseAt(run, m.index, m.index + m[0].length);
          if (t === 'future' ? first < a.m && SEASONS[u] !== 'WI' : first > a.m) y += t === 'future' ? 1 : -1;
        }
        const f: Final = { type: 'DATE', value: a ? `${pad(y, 4)}-${SEASONS[u]}` : `XXXX-${SEASONS[u]}`, granularity: 'season', implied: ['year'] };
        const modWord = pre?.toLowerCase();
        if (modWord && MODS[modWord]) f.mod = MODS[modWord];
        add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.8, final: f });
        return;
      }
      if (d === 'this past') return;
      if (d === 'the' && !ofWord) return; // "the year" alone is not a date
      if (d === 'coming' && !/\bthe\s+coming/i.test(run.text.slice(Math.max(0, m.index - 4), m.index + 7))) {
        // "coming week" without "the" is fine too
      }
      const f = unitValue(run.anchor, unit, REL_SHIFT[d] ?? 0);
      const modWord = (pre ?? ofWord ?? (m[0].toLowerCase().startsWith('mid-') ? 'mid' : ''))?.toLowerCase();
      if (modWord && MODS[modWord]) f.mod = MODS[modWord];
      f.implied = ['year'];
      add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.9, final: f });
    },
  },
  {
    // "June next year", "March last year", "May this year", "early June next year"
    name: 'month-shift-year',
    need: /year/i,
    re: new RegExp(`\\b(?:(early|late)\\s+|mid-)?${MONTH_RE}\\s+(this|last|next)\\s+year\\b`, 'g'),
    apply(run, m, out) {
      const month = MONTHS.indexOf(m[2].toLowerCase()) + 1;
      const spec: DateSpec = { month, yearShift: REL_SHIFT[m[3].toLowerCase()] };
      const modWord = m[1]?.toLowerCase() ?? (m[0].startsWith('mid-') ? 'mid' : undefined);
      if (modWord) spec.mod = MODS[modWord];
      add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.9, spec });
    },
  },
  {
    // "next June", "last March", "this May"; "last Tuesday", "next Friday", "this past Sunday"
    name: 'rel-month-weekday',
    need: MONTH_OR_WEEKDAY_NEED,
    re: new RegExp(`\\b(this\\s+past|this|last|next|coming|past|(?:the\\s+)?previous)\\s+(?:${MONTH_RE}|${WEEKDAY_RE})\\b`, 'gi'),
    apply(run, m, out) {
      const d = m[1].toLowerCase().replace(/\s+/g, ' ');
      const rel = d === 'this past' || d === 'past' || d === 'last' || d.endsWith('previous') ? 'last' : d === 'this' ? 'this' : 'next';
      const spec: DateSpec = { rel };
      if (m[2]) {
        if (m[2][0] !== m[2][0].toUpperCase()) return;
        spec.month = MONTHS.indexOf(m[2].toLowerCase()) + 1;
      } else spec.weekday = WEEKDAYS.indexOf(m[3].toLowerCase()) + 1;
      add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.9, spec });
    },
  },
  {
    // "early June", "mid-March 2021", "the end of May", "late 2019", "mid-2020"
    name: 'mod-month-year',
    need: /early|late|mid|end|start|beginning|middle/i,
    re: new RegExp(`\\b(?:(early|late)[-\\s]|(mid)-?|(?:the\\s+)?(end|start|beginning|middle)\\s+of\\s+)(?:${MONTH_RE}(?:,?\\s+((?:1[6-9]|20)\\d\\d))?|((?:1[6-9]|20)\\d\\d))\\b`, 'g'),
    apply(run, m, out) {
      const modWord = (m[1] ?? m[2] ?? m[3]).toLowerCase();
      const spec: DateSpec = { mod: MODS[modWord] };
      if (m[4]) {
        spec.month = MONTHS.indexOf(m[4].toLowerCase()) + 1;
        if (m[5]) spec.year = +m[5];
      } else spec.year = +m[6];
      add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.85, spec });
    },
  },
  {
    // "the nineties", "the '80s": a decade of the anchor's century (of the 1900s without an anchor)
    name: 'decade-word',
    need: /(?:twen|thir|for|fif|six|seven|eigh|nine)ties\b|['’][2-9]0s\b/i,
    re: /(?:\b(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)|['’]([2-9])0s)\b/gi,
    apply(run, m0, out) {
      // "the", "early", "mid-" before the decade belong to it (read back from the match: a leading
      // optional group would make the regex try every position of the text)
      const lead = /\b(?:the\s+)?(?:(early|late|mid)[-\s])?$/i.exec(run.text.slice(Math.max(0, m0.index - 12), m0.index));
      const m = { index: m0.index - (lead ? lead[0].length : 0), 0: (lead ? lead[0] : '') + m0[0], 1: lead?.[1], 2: m0[1], 3: m0[2] };
      const tens: Record<string, number> = { twenties: 2, thirties: 3, forties: 4, fifties: 5, sixties: 6, seventies: 7, eighties: 8, nineties: 9 };
      const t = m[2] ? tens[m[2].toLowerCase()] : +m[3]!;
      const a = run.anchor;
      const century = a ? (Math.floor(a.y / 100) * 10 + t) * 10 > a.y ? Math.floor(a.y / 100) - 1 : Math.floor(a.y / 100) : 19;
      const f: Final = { type: 'DATE', value: `${century}${t}`, granularity: 'decade', implied: ['century'] };
      if (m[1]) f.mod = MODS[m[1].toLowerCase()];
      // "the sixties" of a person's age ("in his sixties") is no date
      if (/\b(?:his|her|their|its|my|your|our)\s+$/i.test(run.text.slice(Math.max(0, m.index - 8), m.index))) return;
      add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.75, final: f });
    },
  },
  {
    // "year-end", "year end", "the year's end": the end of the anchor year (of the year before in
    // a past clause or after "since")
    name: 'year-end',
    need: /year/i,
    re: /\b(?:(?:the\s+)?year['’]s\s+end|year[-\s]end)\b(?!\s+(?:results|dividend|bonus|figures|report|review))/gi,
    apply(run, m, out) {
      const a = run.anchor;
      const before = run.text.slice(Math.max(0, m.index - 10), m.index);
      const back = a && (/\bsince\s+$/i.test(before) || (a.m < 4 && tenseAt(run, m.index, m.index + m[0].length) === 'past'));
      const f: Final = { type: 'DATE', value: a ? pad(a.y - (back ? 1 : 0), 4) : 'XXXX', granularity: 'year', implied: ['year'], mod: 'END' };
      add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.75, final: f });
    },
  },
  {
    // "the 1990s", "the 2000s"
    name: 'decade',
    need: /\d0s/,
    re: /\b(?:the\s+)?(?:(early|late|mid)[-\s]?)?((?:1[5-9]|20)\d)0s\b/g,
    apply(run, m, out) {
      const f: Final = { type: 'DATE', value: m[2], granularity: 'decade', known: ['decade'] };
      if (m[1]) f.mod = MODS[m[1].toLowerCase()];
      add(out, { start: m.index, end: m.index + m[0].length, origin: 'rule', rule: this.name, confidence: 0.85, final: f });
    },
  },
  {
    // a year of the last and this century standing alone: "predicting 1990 earnings", "in both
    // 1990 and 1991", "the company's 1989 results" (TBAQ tags 177 of the 182 such numbers)
    name: 'bare-year',
    need: /(?:19|20)\d\d/,
    re: /(?<![$#€£\d.,:/-]\s?)\b((?:19\d|20[0-4])\d)\b(?![-–/]\d|[,.:]\d|\s*%|\s*-?\s*(?:year|hour|minute|day|week|month)s?\b)/g,
    apply(run, m, out) {
      const before = run.text.slice(Math.max(0, m.index - 20), m.index);
      if (/\b(?:No|no|Nos|Route|route|Flight|flight|Room|room|Suite|suite|page|Page)\.?\s+$/.test(before)) return;
      // the year of a date ("July 1997", "Oct. 23, 1998", "23 June 1998") is chrono's to read whole
      if (/\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s*(?:\d{1,2}(?:st|nd|rd|th)?,?\s*)?$/.test(before)) return;
      if (/\d\s*(?:,|\s)\s*$/.test(before) || /(?:copyright|\(c\)|©)\s*$/i.test(before)) return;
      const after = run.text.slice(m.index + 4, m.index + 40);
      if (COUNT_AFTER.test(after)) return;
      // a street number ("2000 Pennsylvania Avenue")
      if (/^\s+(?:[A-Z][a-z]+\s+){1,2}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Drive|Dr|Way|Place|Pl|Court|Ct)\b/.test(after)) return;
      add(out, { start: m.index, end: m.index + 4, origin: 'rule', rule: this.name, confidence: 0.7, spec: { year: +m[1] } });
    },
  },
  {
    // a year after a preposition: "in 2022", "since 1991", "by 2030", "the 2016 election"
    name: 'year',
    need: /(?:1[6-9]|20)\d\d/,
    re: /\b(in|since|by|until|till|before|after|during|through|throughout|from|of|to|and|the|fiscal|a|an|its|his|her|their|into|for|due|that|this|mid|early|late|between|,)\s*((?:1[6-9]|20)\d\d)\b(?![-–]\w|,\d|\.\d|\s*%)/gi,
    apply(run, m, out) {
      const prep = m[1].toLowerCase();
      const start = offsetOf(m, 2);
      const after = run.text.slice(start + 4, start + 40);
      // counts, not years: "of 2000 troops", "by 1800 votes", "the 2000 people" ("fiscal 1989
      // sales", "the 1990 results" are years)
      if (COUNT_AFTER.test(after) && prep !== 'in' && prep !== 'since') return;
      if ((prep === 'the' || prep === 'a' || prep === 'an' || prep === 'its' || prep === 'his' || prep === 'her' || prep === 'their' || prep === 'that' || prep === 'this') && !/^\s+[A-Za-z]/.test(after)) return;
      if (prep === ',' && !/(?:1[6-9]|20)\d\d\s*$/.test(run.text.slice(Math.max(0, m.index - 12), m.index))) return;
      if (prep === 'fiscal') {
        add(out, { start: m.index, end: start + 4, origin: 'rule', rule: this.name, confidence: 0.85, spec: { year: +m[2] } });
        return;
      }
      if ((prep === 'to' || prep === 'and') && !/(?:1[6-9]|20)\d\d\s*$/.test(run.text.slice(Math.max(0, m.index - 12), m.index))) return;
      add(out, {
        start, end: start + 4, origin: 'rule', rule: this.name, confidence: 0.85,
        spec: { year: +m[2] },
      });
    },
  },
];

/**
 * What a count is followed by ("2000 troops", "1,800 more"): a number before one of these is no
 * year. A closed list: nouns that take round counts in news (people, troops, votes, shares, units of
 * measure and money).
 */
const COUNT_AFTER = /^\s+(?:people|persons|troops|soldiers|police|officers|workers|employees|jobs|votes|voters|shares|members|residents|families|homes|houses|cars|vehicles|units|copies|tons|tonnes|barrels|miles|kilometers|kilometres|acres|hectares|feet|meters|metres|dollars|pounds|francs|marks|yen|points|cases|deaths|dead|students|delegates|seats|men|women|children|refugees|prisoners|more|fewer|others|of|times|or\s+so\s+(?:people|troops))\b/i;

// ---------------------------------------------------------------------------------------------
// chrono-node proposals

const CHRONO_US = chrono.en.casual.clone();
const CHRONO_GB = chrono.en.GB.clone();
/** Sentences worth handing to chrono-node: a digit, a month or weekday stem, or a time word. */
const CHRONO_TRIGGER = /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|noon|midnight)/i;
/** A time of day written as such: "8 p.m.", "10:30", "noon", "9 o'clock". */
const CLOCK = /\d[:.]\d\d|\d\s*[ap]\.?m\b\.?|\bnoon\b|\bmidnight\b|o'clock/i;
const CLOCK_STRONG = /\d\s*[ap]\.?m\b|\bnoon\b|\bmidnight\b|o'clock|\b(?:GMT|BST|UTC|EST|EDT|CET|local time)\b/i;
const LEADING_PREP = /^[\s,;:]*(?:(?:on|at|in|by|from|since|until|till|of|the)\s+)?/i;

/** Longest piece of text handed to chrono at once, in UTF-16 code units (see {@link windows}). */
const MAX_CHRONO_PIECE = 2000;

/**
 * `start..end` cut into pieces of at most {@link MAX_CHRONO_PIECE} code units, each ending at white
 * space where there is some (else before a code unit that is not a low surrogate). chrono's time
 * grows faster than the length of what it reads (a 200,000-character hostile "sentence" of month
 * names: 4 s); real sentences are far shorter, so they pass whole.
 */
function windows(text: string, start: number, end: number): Array<{ start: number; end: number }> {
  if (end - start <= MAX_CHRONO_PIECE) return [{ start, end }];
  const out: Array<{ start: number; end: number }> = [];
  let a = start;
  while (end - a > MAX_CHRONO_PIECE) {
    let b = a + MAX_CHRONO_PIECE;
    const half = a + MAX_CHRONO_PIECE / 2;
    const ws = text.slice(half, b).lastIndexOf(' ');
    if (ws > 0) b = half + ws;
    else if (b < end && text.charCodeAt(b) >= 0xdc00 && text.charCodeAt(b) <= 0xdfff) b--;
    out.push({ start: a, end: b });
    a = b;
  }
  out.push({ start: a, end });
  return out;
}

/** chrono-node's results (null: it threw) by parser, reference instant and piece; read only, cleared past 2,000. */
const CHRONO_CACHE = new Map<string, chrono.ParsedResult[] | null>();

function chronoProposals(run: Run, masked: string, out: Proposal[]): void {
  const parser = run.dayFirst ? CHRONO_GB : CHRONO_US;
  const a = run.anchor;
  const instant = a ? new Date(Date.UTC(a.y, a.m - 1, a.d, 12)) : new Date(Date.UTC(2000, 0, 1, 12));
  for (const s of run.sentences.flatMap((x) => windows(masked, x.start, x.end))) {
    const piece = masked.slice(s.start, s.end);
    if (!CHRONO_TRIGGER.test(piece)) continue;
    // the same piece is often read twice with the same instant (the publication date inferred
    // first, then the timexes with no anchor): chrono's answer is a function of the three
    const key = `${run.dayFirst ? 'GB' : 'US'}|${instant.getTime()}|${piece}`;
    let results = CHRONO_CACHE.get(key);
    if (results === undefined) {
      try {
        results = parser.parse(piece, { instant, timezone: 0 }, { forwardDate: false });
      } catch {
        results = null;
      }
      if (CHRONO_CACHE.size >= 2000) CHRONO_CACHE.clear();
      CHRONO_CACHE.set(key, results);
    }
    if (!results) continue;
    for (const r of results) {
      const tags = r.tags();
      if (tags.has('result/relativeDate')) continue; // relative ones are the rules' job
      // a range ("Sept. 14 to Thursday", "Aug. 26 to Oct. 20") is two TIMEX3s in TimeML: each
      // end is proposed on its own
      const joint = r.end ? RANGE_JOINT.exec(r.text) : null;
      if (r.end && joint) {
        chronoPart(run, r.text.slice(0, joint.index), s.start + r.index, r.start, tags, r.text, out);
        const at = joint.index + joint[0].length;
        chronoPart(run, r.text.slice(at), s.start + r.index + at, r.end, tags, r.text.slice(at), out);
      } else chronoPart(run, r.text, s.start + r.index, r.start, tags, r.text, out);
    }
  }
}

/** The word or dash joining the two ends of a chrono range ("to", "through", "-", "–"). */
const RANGE_JOINT = /\s*(?:\bto\b|\bthrough\b|\buntil\b|\btill\b|[-–—])\s*/i;

/**
 * One proposal from a chrono reading: `text` (the reading, or one end of a range) at `start`, with
 * its parsed components `c`; `raw` is the text chrono matched for that part (for the clock test).
 */
function chronoPart(run: Run, text0: string, start0: number, c: chrono.ParsedComponents, tags: Set<string>, raw: string, out: Proposal[]): void {
  const a = run.anchor;
  let text = text0;
  let start = start0;
  const lead = LEADING_PREP.exec(text);
  if (lead) {
    start += lead[0].length;
    text = text.slice(lead[0].length);
  }
  text = text.replace(/[\s,;:]+$/, '');
  if (!text) return;
  if (!a && tags.has('parser/ENEndOfCurrentMonthParser')) {
    // "the last day of the month" is read in the month of chrono's reference instant: without
    // an anchor that month is unknown (it was the placeholder 2000-01-31)
    out.push({
      start, end: start + text.length, origin: 'chrono', rule: 'chrono', confidence: 0.8,
      final: { type: 'DATE', value: 'XXXX-XX-XX', granularity: 'day', implied: ['year', 'month', 'day'] },
    });
    return;
  }
  const spec: DateSpec = {};
  if (c.isCertain('year')) spec.year = c.get('year')!;
  if (c.isCertain('month')) spec.month = c.get('month')!;
  if (c.isCertain('day')) spec.day = c.get('day')!;
  if (c.isCertain('weekday')) {
    const w = c.get('weekday')!;
    spec.weekday = w === 0 ? 7 : w;
  }
  if (c.isCertain('hour') && CLOCK.test(text)) {
    spec.hour = c.get('hour')!;
    spec.minute = c.isCertain('minute') ? c.get('minute')! : 0;
  } else {
    // a clock reading that is not one ("Jan. 1, 1990 at 1,015 francs"): the date alone
    text = text.replace(/\s+at\s+\d{1,2}$/i, '');
    for (const [word, code] of Object.entries(PARTS)) {
      if (tags.has(`casualReference/${word}`) || (word === 'evening' && tags.has('casualReference/evening'))) {
        spec.part = /night/i.test(text) ? 'NI' : code;
      }
    }
  }
  const dated = spec.year !== undefined || spec.month !== undefined || spec.day !== undefined ||
    spec.weekday !== undefined;
  if (!dated && spec.hour === undefined) return;
  // A clock time alone ("3:39" may be a race time) needs a meridiem or "at"/"by" before it.
  if (!dated && !CLOCK_STRONG.test(text) && !/^[\s,;:]*(?:at|by|until|till|from)\s/i.test(raw)) return;
  if (/^(?:right\s+)?now$/i.test(text)) return; // "now": the rules' call (see the module doc)
  out.push({
    start, end: start + text.length, origin: 'chrono', rule: 'chrono', confidence: spec.year ? 0.95 : 0.8, spec,
  });
}

// ---------------------------------------------------------------------------------------------
// Refiners

type Refiner = (run: Run, ps: Proposal[]) => Proposal[];

/** Index of the first word starting at or after `at` (binary search). */
function wordAt(words: Word[], at: number): number {
  return firstStartingAt(words, at);
}

const MONTH_CONTEXT = new Set([
  'in', 'by', 'since', 'until', 'till', 'early', 'late', 'mid', 'before', 'after', 'during', 'through',
  'throughout', 'from', 'to', 'of', 'last', 'next', 'this', 'until', 'end', 'between', 'and', 'or',
]);

/**
 * Drop a bare month name that is not a date: the modal "may", the surname "May" ("Theresa May"),
 * "to march". A lower-case month is never taken; an ambiguous one (March, April, May, June,
 * August) alone needs a date preposition before it ("in May", "since June"); any month tagged
 * VERB or AUX is dropped (wink-nlp tags modal "may" AUX).
 */
const refineFalseMonths: Refiner = (run, ps) =>
  ps.filter((p) => {
    if (p.origin !== 'chrono' || !p.spec) return true;
    const s = p.spec;
    const bare = s.month !== undefined && s.day === undefined && s.year === undefined && s.hour === undefined;
    if (!bare) return true;
    const text = run.text.slice(p.start, p.end);
    const name = /[A-Za-z]+/.exec(text)?.[0] ?? '';
    if (name[0] !== name[0]?.toUpperCase()) return false;
    const i = wordAt(run.words, p.start);
    const tok = run.words[i];
    if (tok && tok.start === p.start && (tok.pos === 'AUX' || tok.pos === 'VERB')) return false;
    const prev = i > 0 ? run.words[i - 1] : undefined;
    // "a June agreement", "the March accession": an article and a lower-case noun around the month
    const next = run.words[i + 1];
    const attributive = prev && /^(?:a|an|the|its|their)$/.test(prev.w) && next && /^[a-z]+$/.test(run.text.slice(next.start, next.end)) && next.pos !== 'VERB' && next.pos !== 'AUX';
    const prevOk = prev && (MONTH_CONTEXT.has(prev.w) || attributive) && p.start - prev.end < 3;
    if (AMBIGUOUS_MONTHS.has(name.toLowerCase()) || name.length <= 4) return !!prevOk;
    // Unambiguous month names: reject only right after a capitalized word ("Ms February").
    if (prev && /^[A-Z]/.test(run.text.slice(prev.start, prev.end)) && prev.pos === 'PROPN') return false;
    return true;
  });

/** Drop chrono proposals that are bare numbers or ordinals ("1,357", "201st", "2"). */
const refineNumbers: Refiner = (run, ps) =>
  ps.filter((p) => {
    if (p.origin !== 'chrono') return true;
    const t = run.text.slice(p.start, p.end);
    return !/^[\d,.\s]+$/.test(t) && !/^\d+(?:st|nd|rd|th)$/i.test(t);
  });

/**
 * Drop chrono readings that are stock-price fractions ("112 5/8", "7/8": a denominator of 2, 4, 8,
 * 16, 32 or 64 above the numerator) and weekday abbreviations standing alone ("Sun" the newspaper,
 * "sat" the verb).
 */
const refineFractions: Refiner = (run, ps) =>
  ps.filter((p) => {
    if (p.origin !== 'chrono') return true;
    const t = run.text.slice(p.start, p.end);
    const f = /^(\d+)\/(\d+)$/.exec(t);
    if (f && [2, 4, 8, 16, 32, 64].includes(+f[2]) && +f[1] < +f[2]) return false;
    // a price with a fraction ("12 3/4", "112 5/8")
    const g = /^\d+\s+(\d+)\/(\d+)$/.exec(t);
    if (g && [2, 4, 8, 16, 32, 64].includes(+g[2]) && +g[1] < +g[2]) return false;
    // "Sun, Hewlett-Packard and others": an abbreviation is a weekday only with its period
    if (/^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)$/i.test(t) && !/^\./.test(run.text.slice(p.end, p.end + 1))) return false;
    return true;
  });

/**
 * Financial context: "a year ago", "the year-earlier quarter", "year-ago" after a quarter is named
 * ("third-quarter profit … compared with $2 a share a year ago") is that quarter a year earlier;
 * "the quarter", "the latest period" is the last quarter named. TimeBank values these as quarters.
 */
const refineQuarterContext: Refiner = (run, ps) => {
  let last: { y: number; q: number; at: number } | null = null;
  for (const p of ps) {
    const v = p.final?.value ?? '';
    const q = /^(\d{4})-Q([1-4])$/.exec(v);
    // a quarter named ahead of the story ("expects a loss in the fourth quarter" in October) is not
    // the one its results are about: "the latest quarter" is at most the last one completed
    const a = run.anchor;
    const done = a ? a.y * 4 + quarterOf(a.m) - 2 : Infinity;
    if (last && last.y * 4 + last.q - 1 > done && p.quarterCtx) last = { y: Math.floor(done / 4), q: (done % 4) + 1, at: last.at };
    if (p.quarterCtx === 'in-year' && p.quarterYear !== undefined) {
      if (last && p.start - last.at < 1500) p.final = { ...p.final!, value: `${pad(p.quarterYear, 4)}-Q${last.q}` };
      continue;
    }
    if (p.quarterCtx === 'year-back' && last && p.start - last.at < 1500) {
      const qq = p.quarterOrd ?? last.q;
      p.final = { ...p.final!, type: 'DATE', value: `${pad(last.y - 1, 4)}-Q${qq}`, granularity: 'quarter' };
      continue;
    }
    if (p.quarterCtx === 'latest' && last && p.start - last.at < 1500) {
      p.final = { ...p.final!, type: 'DATE', value: `${pad(last.y, 4)}-Q${last.q}`, granularity: 'quarter' };
      continue;
    }
    // the story's reporting quarter: the latest one named (an earlier one, "after a flat second
    // quarter", is background), a newer one replacing it
    if (q && !p.quarterCtx && (!last || p.start - last.at >= 1500 || +q[1] * 4 + +q[2] >= last.y * 4 + last.q)) last = { y: +q[1], q: +q[2], at: p.end };
    else if (q && !p.quarterCtx && last) last.at = p.end;
  }
  return ps;
};

/**
 * "that year", "earlier that day", "the following year": the last year (month, day) a timex before
 * it names, shifted; without one, the anchor's. TimeBank values them so (TimeML 1.2.1 guidelines:
 * anaphoric expressions take the value of their antecedent).
 */
const refineAnaphora: Refiner = (run, ps) => {
  const shape: Record<string, RegExp> = { year: /^(\d{4})/, month: /^(\d{4}-\d\d)/, day: /^(\d{4}-\d\d-\d\d)/ };
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    if (!p.anaphor) continue;
    const { unit, k } = p.anaphor;
    let ref: string | null = null;
    for (let j = i - 1; j >= 0 && !ref; j--) {
      const v = ps[j].final?.value ?? '';
      if (ps[j].final?.type === 'DURATION' || ps[j].anaphor) continue;
      ref = shape[unit].exec(v)?.[1] ?? null;
    }
    const a = run.anchor;
    if (!ref && a) ref = unit === 'year' ? pad(a.y, 4) : unit === 'month' ? `${pad(a.y, 4)}-${pad(a.m)}` : isoDay(a);
    if (!ref) continue;
    let value = ref;
    if (k && unit === 'year') value = pad(+ref + k, 4);
    else if (k && unit === 'month') {
      const idx = +ref.slice(0, 4) * 12 + +ref.slice(5, 7) - 1 + k;
      value = `${pad(Math.floor(idx / 12), 4)}-${pad((idx % 12) + 1)}`;
    } else if (k) value = isoDay(addDays(parseIsoDay(ref)!, k));
    p.final = { ...p.final!, value };
  }
  return ps;
};

/**
 * Titles and idioms that look like times: a quoted title of capitalized words that starts with
 * them ("This Week", "60 Minutes", "This Week With David Brinkley": television programmes),
 * "High Noon"/"high noon".
 */
const refineTitles: Refiner = (run, ps) =>
  ps.filter((p) => {
    const t = run.text.slice(p.start, p.end);
    const before = run.text.slice(Math.max(0, p.start - 5), p.start);
    // the title may go on after the time words ("This Week With David Brinkley"), up to its quote
    const after = run.text.slice(p.end, p.end + 80);
    const titled = /^[\p{Lu}\d]\S*(?:\s+[\p{Lu}\d]\S*)+$/u.test(t);
    if (titled && /["“`'‘]\s*$/.test(before) && /^(?:\s+[\p{Lu}\d][^\s"”’]*)*[,.]?["”'’]/u.test(after)) return false;
    if (/^noon$/i.test(t) && /\bhigh\s+$/i.test(before)) return false;
    return true;
  });

/**
 * A season or a month followed by its year in another proposal ("the winter of nineteen
 * ninety-four", "January nineteen ninety-seven", "the summer of 1994"): one TIMEX3 in that year.
 */
const refineOfYear: Refiner = (run, ps) => {
  const out: Proposal[] = [];
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    const q = ps[i + 1];
    const pv = p.final?.value ?? '';
    const qv = q?.final?.value ?? '';
    const gap = q ? run.text.slice(p.end, q.start) : '';
    const season = /^(?:\d{4}|XXXX)-(SP|SU|FA|WI)$/.exec(pv);
    const month = /^(?:\d{4}|XXXX)-(\d\d)$/.exec(pv);
    if (q && /^\d{4}$/.test(qv) && q.final!.granularity === 'year' && ((season && /^\s+of\s+$/i.test(gap)) || (month && p.origin === 'chrono' && /^\s+(?:of\s+)?$/i.test(gap)))) {
      out.push({ ...p, end: q.end, final: { ...p.final!, value: `${qv}-${(season ?? month)![1]}`, implied: [], known: ['year'] } });
      i++;
      continue;
    }
    out.push(p);
  }
  return out;
};

/** De-overlap: longest span first; on equal length a rule beats chrono. */
const refineOverlaps: Refiner = (run, ps) => {
  const sorted = [...ps].sort((x, y) =>
    (y.end - y.start) - (x.end - x.start) || (x.origin === y.origin ? 0 : x.origin === 'rule' ? -1 : 1) || x.start - y.start);
  const kept: Proposal[] = [];
  for (const p of sorted) {
    if (!kept.some((k) => p.start < k.end && k.start < p.end)) kept.push(p);
  }
  return kept.sort((x, y) => x.start - y.start);
};

/** Merge a day-level date and a following clock time ("last Tuesday at 8 p.m.") into one TIME. */
const refineMergeDateTime: Refiner = (run, ps) => {
  const out: Proposal[] = [];
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    const q = ps[i + 1];
    if (q && q.spec && q.spec.hour !== undefined && q.spec.month === undefined && q.spec.weekday === undefined &&
      q.spec.day === undefined && /^\s*,?\s*(?:at\s+)?$/i.test(run.text.slice(p.end, q.start))) {
      if (p.spec && (p.spec.day !== undefined || p.spec.weekday !== undefined)) {
        out.push({ ...p, end: q.end, spec: { ...p.spec, hour: q.spec.hour, minute: q.spec.minute } });
        i++;
        continue;
      }
      if (p.final && p.final.granularity === 'day' && /^\d{4}-\d\d-\d\d$/.test(p.final.value)) {
        const f = { ...p.final, type: 'TIME' as const, granularity: 'minute', value: `${p.final.value}T${pad(q.spec.hour!)}:${pad(q.spec.minute ?? 0)}` };
        out.push({ ...p, end: q.end, final: f });
        i++;
        continue;
      }
    }
    out.push(p);
  }
  return out;
};

/**
 * The sentence holding word `a` (the first whose `lo..hi` holds it), by binary search on `lo`
 * (sentences are in text order): a linear search per timex was quadratic on long texts.
 */
function sentenceOfWord(run: Run, a: number): Run['sentences'][number] | undefined {
  const ss = run.sentences;
  let lo = 0;
  let hi = ss.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ss[mid].lo <= a) lo = mid + 1;
    else hi = mid;
  }
  // lo = number of sentences starting at or before word a; look back over a few (empty ones)
  for (let i = lo - 1; i >= 0 && i >= lo - 4; i--) if (ss[i].lo <= a && a <= ss[i].hi) return ss[i];
  return ss.find((x) => x.lo <= a && a <= x.hi);
}

/** Words that end the look back for an infinitive before a date: another clause begins there. */
const INFINITIVE_STOP = new Set(['but', 'while', 'when', 'whereas', 'although', 'though', 'because', 'which', 'who', 'after', 'before']);

/** The tense of the clause around a span, or null. "since X" always reads X as past. */
function tenseAt(run: Run, start: number, end: number): Tense | null {
  const words = run.words;
  const a = wordAt(words, start);
  let b = wordAt(words, end) - 1;
  if (b < a) b = a;
  // "since the start of the war in February": "since" before the expression, with no verb
  // between, makes it past.
  for (let i = a - 1, n = 0; i >= 0 && n < 12; i--, n++) {
    const w = words[i];
    if (w.w === 'since') return 'past';
    if (w.pos ? w.pos === 'VERB' || w.pos === 'AUX' : /^[,;:.!?]$/.test(w.w)) break;
  }
  const s = sentenceOfWord(run, a);
  if (!s) return null;
  // "until mid-November", "through January": a limit, most often ahead, whatever the main verb's
  // tense: the nearest occurrence. "agreed to acquire the bank in January", "guidelines to be
  // published in early November": the nearest verb before the date is an infinitive, which looks
  // ahead of the main verb's time: future.
  const p1 = words[a - 1]?.w;
  const p2 = words[a - 2]?.w;
  if (p1 === 'until' || p1 === 'till' || p1 === 'through' || p1 === 'effective' || ((p2 === 'until' || p2 === 'through') && /^(?:early|mid|late|the)$/.test(p1 ?? ''))) return null;
  for (let i = a - 1; i >= s.lo && i >= a - 16; i--) {
    const w = words[i];
    // "bank holding company": an -ing form before a noun modifies it and is no verb of the clause
    if (w.pos === 'VERB' && /ing$/.test(w.w) && words[i + 1]?.pos === 'NOUN') continue;
    if (w.pos ? w.pos === 'VERB' || w.pos === 'AUX' : false) {
      const q1 = words[i - 1]?.w;
      const q2 = words[i - 2]?.w;
      // a bare infinitive ("to acquire") or a passive one ("to be published"); not a progressive or
      // perfect one ("was said to be rewriting", "to have signed"), which keep the main verb's time
      if (w.pos === 'VERB' && !/ing$/.test(w.w) && (q1 === 'to' || (q1 === 'be' && q2 === 'to'))) return 'future';
      break;
    }
    if (/^[;:]$/.test(w.w) || INFINITIVE_STOP.has(w.w)) break;
  }
  // "scheduled a news conference Thursday", "planned a rally on Saturday": a plan made in the past
  // for a day that may still be ahead; the nearest such day
  for (let i = a - 1; i >= s.lo && i >= a - 8; i--) {
    if (PLAN_VERBS.has(words[i].w)) return null;
    if (/^[;:,]$/.test(words[i].w) || INFINITIVE_STOP.has(words[i].w)) break;
  }
  return clauseTense(words, a, Math.min(b, s.hi), s.lo, s.hi);
}

/** Past forms of verbs that plan something ahead of the time they were said. */
const PLAN_VERBS = new Set(['scheduled', 'planned', 'slated', 'rescheduled', 'postponed', 'called']);

/**
 * The candidate the clause's tense points to (the latest on or before `ref` in a past clause, the
 * first on or after it in a future one), unless that one lies more than `limit` away (in `key`
 * units): then, and without a tense, the nearest. "He gave no reason for the Jan. 14 deadline" in a
 * story of 5 January 2000 is 14 January 2000, not 1999 (HeidelTime's year guessing works alike).
 */
function pickByTense<T>(cands: T[], key: (c: T) => number, ref: number, tense: Tense | null, limit = Infinity): { c: T; how: string } {
  if (tense === 'past') {
    const past = cands.filter((c) => key(c) <= ref);
    if (past.length && ref - key(past[past.length - 1]) <= limit) return { c: past[past.length - 1], how: 'past' };
  } else if (tense === 'future') {
    const fut = cands.filter((c) => key(c) >= ref);
    if (fut.length && key(fut[0]) - ref <= limit) return { c: fut[0], how: 'future' };
  }
  let best = cands[0];
  for (const c of cands) if (Math.abs(key(c) - ref) < Math.abs(key(best) - ref)) best = c;
  return { c: best, how: 'nearest' };
}

/** Resolve a date spec against the anchor and the clause tense into a TIMEX3 value. */
function resolveSpec(run: Run, p: Proposal): Final | null {
  const s = p.spec!;
  const a = run.anchor;
  const known: string[] = [];
  const implied: string[] = [];
  let date: string | null = null;
  let granularity = 'day';
  let tenseUsed = false;
  const tense = () => {
    tenseUsed = true;
    return tenseAt(run, p.start, p.end);
  };
  if (s.year !== undefined) known.push('year');
  if (s.month !== undefined) known.push('month');
  if (s.day !== undefined) known.push('day');
  if (s.weekday !== undefined) known.push('weekday');

  if (s.month !== undefined && s.day !== undefined) {
    if (s.day > 31) return null;
    if (s.year !== undefined) {
      if (s.day > daysInMonth(s.year, s.month)) return null;
      date = isoDay({ y: s.year, m: s.month, d: s.day });
    } else if (!a) {
      date = `XXXX-${pad(s.month)}-${pad(s.day)}`;
      implied.push('year');
    } else {
      const cands = [a.y - 1, a.y, a.y + 1]
        .filter((y) => s.day! <= daysInMonth(y, s.month!))
        .map((y) => ({ y, m: s.month!, d: s.day! }));
      if (!cands.length) return null;
      // "Monday, Oct. 26": the weekday names the year (the one candidate that falls on it)
      const onWeekday = s.weekday !== undefined ? cands.filter((c) => isoWeekday(c) === s.weekday) : [];
      if (onWeekday.length === 1) {
        date = isoDay(onWeekday[0]);
        implied.push('year');
        return finishSpec(s, date, granularity, known, implied);
      }
      // a verb's tense binds a date it governs ("signed on March 21"); a date in a noun phrase ("the
      // Jan. 14 deadline", "by Jan. 14") more than 270 days off in the tense's direction is the nearest one
      // "the year ended Jan. 31": past however far back
      const lead = run.text.slice(Math.max(0, p.start - 8), p.start);
      const bound = /\bon\s+$/i.test(lead);
      if (/\bended\s+$/i.test(lead)) {
        date = isoDay(pickByTense(cands, dayNumber, dayNumber(a), 'past').c);
        implied.push('year');
        return finishSpec(s, date, granularity, known, implied);
      }
      date = isoDay(pickByTense(cands, dayNumber, dayNumber(a), tense(), bound ? Infinity : 270).c);
      implied.push('year');
    }
  } else if (s.month !== undefined) {
    granularity = 'month';
    if (s.year !== undefined) date = `${pad(s.year, 4)}-${pad(s.month)}`;
    else if (!a) {
      date = `XXXX-${pad(s.month)}`;
      implied.push('year');
    } else if (s.yearShift !== undefined) {
      date = `${pad(a.y + s.yearShift, 4)}-${pad(s.month)}`;
      implied.push('year');
    } else {
      const ref = a.y * 12 + a.m - 1;
      let y: number;
      if (s.rel === 'next') y = s.month - 1 > a.m - 1 ? a.y : a.y + 1;
      else if (s.rel === 'last') y = s.month - 1 < a.m - 1 ? a.y : a.y - 1;
      else if (s.rel === 'this') y = a.y;
      else {
        const cands = [a.y - 1, a.y, a.y + 1].map((yy) => yy * 12 + s.month! - 1);
        y = Math.floor(pickByTense(cands, (c) => c, ref, tense()).c / 12);
      }
      date = `${pad(y, 4)}-${pad(s.month)}`;
      implied.push('year');
    }
  } else if (s.weekday !== undefined) {
    if (!a) {
      date = `XXXX-WXX-${s.weekday}`;
      implied.push('year', 'month', 'day');
    } else {
      const aw = isoWeekday(a);
      const back = (aw - s.weekday + 7) % 7;
      const fwd = (s.weekday - aw + 7) % 7;
      let shift: number;
      if (s.rel === 'last') shift = -(back === 0 ? 7 : back);
      else if (s.rel === 'next') shift = fwd === 0 ? 7 : fwd;
      else if (s.rel === 'this') shift = s.weekday - aw;
      else {
        const t = tense();
        // "Thursday's closing price", "Wednesday's ruling": a possessive weekday names a day whose
        // news is in, the latest such day unless the clause is future
        const possessive = /^['’]s\b/.test(run.text.slice(p.end, p.end + 3));
        if (t === 'past' || possessive) shift = -back;
        else if (t === 'future') shift = fwd;
        else shift = back <= fwd ? -back : fwd;
      }
      date = isoDay(addDays(a, shift));
      implied.push('year', 'month', 'day');
    }
  } else if (s.year !== undefined) {
    granularity = 'year';
    date = pad(s.year, 4);
  } else if (s.hour !== undefined || s.part !== undefined) {
    date = a ? isoDay(a) : 'XXXX-XX-XX';
    implied.push('year', 'month', 'day');
  }
  if (date === null) return null;
  void tenseUsed;
  return finishSpec(s, date, granularity, known, implied);
}

/** The TIMEX3 of a resolved date: a clock time or a part of day makes it a TIME. */
function finishSpec(s: DateSpec, date0: string, granularity0: string, known: string[], implied: string[]): Final {
  let date = date0;
  let granularity = granularity0;
  let type: TimexType = 'DATE';
  if (s.hour !== undefined && granularity === 'day') {
    type = 'TIME';
    date = `${date}T${pad(s.hour)}:${pad(s.minute ?? 0)}`;
    granularity = 'minute';
    known.push('hour', 'minute');
  } else if (s.part !== undefined && granularity === 'day' && s.weekday === undefined) {
    // TimeBank values "Tuesday morning", "Sunday night" as the day; a part of day alone
    // ("yesterday afternoon" comes from the rules) keeps its TIME value
    type = 'TIME';
    date = `${date}T${s.part}`;
    granularity = 'part-of-day';
    known.push('part-of-day');
  }
  return { type, value: date, granularity, known, implied, mod: s.mod };
}

/** Turn every spec into a final TIMEX3 value (dropping impossible dates such as February 30). */
const refineResolve: Refiner = (run, ps) => {
  const out: Proposal[] = [];
  for (const p of ps) {
    if (p.final) {
      out.push(p);
      continue;
    }
    const f = resolveSpec(run, p);
    if (!f) continue;
    let confidence = p.confidence;
    if (f.implied?.includes('year') && run.anchor) confidence = Math.min(confidence, 0.8);
    out.push({ ...p, final: f, confidence });
  }
  return out;
};

/** Quantity modifiers TimeBank keeps inside a duration's extent, with their TIMEX3 `mod`. */
const QUANT_MOD = /\b(nearly|almost|more\s+than|less\s+than|fewer\s+than|no\s+more\s+than|no\s+less\s+than|at\s+least|at\s+most|up\s+to)\s+$/i;
const QUANT_MOD_VALUE: Record<string, string> = {
  nearly: 'LESS_THAN', almost: 'LESS_THAN', 'more than': 'MORE_THAN', 'less than': 'LESS_THAN',
  'fewer than': 'LESS_THAN', 'no more than': 'EQUAL_OR_LESS', 'no less than': 'EQUAL_OR_MORE',
  'at least': 'EQUAL_OR_MORE', 'at most': 'EQUAL_OR_LESS', 'up to': 'EQUAL_OR_LESS',
};

/**
 * Extents as TimeBank draws them (TimeML 1.2.1 guidelines §2.3, `mod`): a quantity modifier
 * belongs to the duration or "ago" expression it bounds ("nearly two years", "at least 30 days",
 * "almost four years ago" → `mod`), "the" to a counted duration ("the nine months", "the four
 * days"), and "or so" to a duration or an "ago" ("the next year or so", "a week or so ago" is
 * read by the ago rule).
 */
const refineModifiers: Refiner = (run, ps) => {
  for (const p of ps) {
    const f = p.final;
    if (!f) continue;
    const measured = f.type === 'DURATION' || p.rule === 'ago';
    if (!measured) continue;
    const before = run.text.slice(Math.max(0, p.start - 16), p.start);
    const q = QUANT_MOD.exec(before);
    if (q && !/^(?:the|each|every)\b/i.test(run.text.slice(p.start, p.end)) || (q && /^at\s+least$/i.test(q[1]))) {
      p.start -= before.length - q!.index;
      if (f.value !== 'PAST_REF' && f.value !== 'FUTURE_REF') f.mod ??= QUANT_MOD_VALUE[q![1].toLowerCase().replace(/\s+/g, ' ')];
    } else if (p.rule === 'duration' && /\bthe\s+$/i.test(before) && !/^(?:an?|some|many)\b/i.test(run.text.slice(p.start, p.end))) {
      p.start -= before.length - before.search(/\bthe\s+$/i);
    }
    if (f.type === 'DURATION' && /^\s+or\s+so\b/i.test(run.text.slice(p.end, p.end + 8))) p.end += /^\s+or\s+so/i.exec(run.text.slice(p.end))![0].length;
  }
  // "earlier Sunday", "late yesterday": the modifier belongs to a day (TimeBank)
  for (const p of ps) {
    const f = p.final;
    if (!f || (f.type !== 'DATE' && f.type !== 'TIME')) continue;
    const t = run.text.slice(p.start, p.end);
    const lead = /\b(earlier|later|early|late)\s+$/i.exec(run.text.slice(Math.max(0, p.start - 9), p.start));
    if (lead && /^(?:yesterday|today|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day)$/i.test(t)) {
      p.start -= lead[0].length;
      f.mod ??= /^(?:earlier|early)$/i.test(lead[1]) ? 'START' : 'END';
    }
  }
  // "the week of March 6": the ISO week of that day
  for (const p of ps) {
    const f = p.final;
    if (!f || f.type !== 'DATE' || !/^\d{4}-\d\d-\d\d$/.test(f.value)) continue;
    const lead = /\bthe\s+week\s+of\s+$/i.exec(run.text.slice(Math.max(0, p.start - 16), p.start));
    if (!lead) continue;
    p.start -= lead[0].length;
    p.final = { ...f, value: isoWeekValue(parseIsoDay(f.value)!), granularity: 'week' };
  }
  return ps;
};

/** The refiners, in order. Each is a small function over the proposal list. */
export const REFINERS: ReadonlyArray<{ name: string; refine: Refiner }> = [
  { name: 'false-months', refine: refineFalseMonths },
  { name: 'numbers', refine: refineNumbers },
  { name: 'overlaps', refine: refineOverlaps },
  { name: 'merge-date-time', refine: refineMergeDateTime },
  { name: 'fractions', refine: refineFractions },
  { name: 'resolve', refine: refineResolve },
  { name: 'of-year', refine: refineOfYear },
  { name: 'quarter-context', refine: refineQuarterContext },
  { name: 'anaphora', refine: refineAnaphora },
  { name: 'modifiers', refine: refineModifiers },
  { name: 'titles', refine: refineTitles },
  { name: 'no-ages', refine: (run, ps) => ps.filter((p) => p.rule !== 'age') },
];

// ---------------------------------------------------------------------------------------------
// Words and sentences

const WORD_RE = /[A-Za-z]+(?:['’][a-z]+)?|\d+(?:[.,:]\d+)*|['’]ll|[^\sA-Za-z\d]/g;
const SENT_END = /[.!?]["”’)]*\s+(?=["“‘(]?[A-Z0-9])|\n\s*\n/g;

function buildRun(text: string, anchor: Ymd | null, opts: TimexOptions): Run {
  let words: Word[];
  if (opts.tokens && opts.tokens.length) {
    words = opts.tokens.map((t) => ({ start: t.start, end: t.end, w: t.text.toLowerCase(), pos: t.pos }));
  } else {
    words = [];
    WORD_RE.lastIndex = 0;
    for (let m = WORD_RE.exec(text); m; m = WORD_RE.exec(text)) {
      words.push({ start: m.index, end: m.index + m[0].length, w: m[0].toLowerCase() });
    }
  }
  let ranges: Array<{ start: number; end: number }>;
  if (opts.sentences && opts.sentences.length) ranges = opts.sentences.map((s) => ({ start: s.start, end: s.end }));
  else {
    ranges = [];
    let from = 0;
    SENT_END.lastIndex = 0;
    for (let m = SENT_END.exec(text); m; m = SENT_END.exec(text)) {
      const end = m.index + (m[0].startsWith('\n') ? 0 : 1);
      // Abbreviations ("p.m.", "St.", "Mr.") before a capital do not end a sentence.
      const before = text.slice(Math.max(from, m.index - 4), m.index + 1);
      if (/(?:\b[A-Za-z]\.[a-z]\.|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Gov|Sen|Rep|Jr|Sr|No|Mt|Ft|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)$/.test(before) && !m[0].includes('\n')) continue;
      ranges.push({ start: from, end });
      from = m.index + m[0].length;
    }
    ranges.push({ start: from, end: text.length });
  }
  const sentences = ranges.map((r) => ({ ...r, lo: wordAt(words, r.start), hi: wordAt(words, r.end) - 1 }));
  return { text, anchor, words, sentences, dayFirst: !!opts.dayFirst, timeml: opts.conventions === 'timeml' };
}

// ---------------------------------------------------------------------------------------------
// Entry point

/**
 * Find the temporal expressions of `text` and normalize them to TIMEX3.
 *
 * @param text the document text; offsets of the result are UTF-16 code units into it
 * @param anchor document creation time, ISO `YYYY-MM-DD` (a longer ISO timestamp is cut to its
 *   date); `null` (or an invalid date) leaves the parts the text does not state as `X`
 * @param opts tokens/sentences of `text` (from the segment stage) and `dayFirst` for slash dates
 * @returns timexes in text order with ids `t1`, `t2`…, `stage: 'time'` and a confidence in [0, 1].
 *   Never throws on odd input; an empty text gives `[]`.
 */
export function extractTimexes(text: string, anchor: string | null, opts: TimexOptions = {}): Timex[] {
  if (!text) return [];
  const run = buildRun(text, parseIsoDay(anchor), opts);
  let ps: Proposal[] = [];
  for (const rule of RULES) {
    if (rule.need && !rule.need.test(text)) continue;
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) rule.apply.call(rule, run, m, ps);
  }
  // chrono-node sees the text with the rule spans blanked, so it cannot glue them together.
  ps = refineOverlaps(run, ps);
  // (the proposals are sorted and disjoint after refineOverlaps)
  let masked = '';
  let at = 0;
  for (const p of ps) {
    masked += text.slice(at, p.start) + ' '.repeat(p.end - p.start);
    at = p.end;
  }
  chronoProposals(run, at === 0 ? text : masked + text.slice(at), ps);
  for (const r of REFINERS) ps = r.refine(run, ps);
  ps.sort((x, y) => x.start - y.start);
  return ps.map((p, i) => {
    const f = p.final!;
    const t: Timex = {
      id: `t${i + 1}`,
      start: p.start,
      end: p.end,
      text: text.slice(p.start, p.end),
      type: f.type,
      value: f.value,
      stage: 'time',
      confidence: p.confidence,
    };
    if (f.mod) t.mod = f.mod;
    if (f.granularity) t.granularity = f.granularity;
    if (f.known?.length) t.known = f.known;
    if (f.implied?.length) t.implied = f.implied;
    return t;
  });
}
