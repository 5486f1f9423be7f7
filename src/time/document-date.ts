/**
 * The story's clock when nothing else gives it: the latest date the story reports.
 *
 * News reports events of the past days; the latest fully written date of the story (day, month and
 * year printed: "June 28, 2022", "28/06/2022", "2022-06-28") is the best lower bound of its
 * publication date and, for a wire story, usually the day itself. Dates in a future-tense clause
 * ("the vote will take place on 4 July 2022") and dates after `notAfter` (the crawl time) are not
 * evidence of the publication date and are skipped.
 */
import type { Sentence, Token } from '../doc/types.js';
import { extractTimexes } from './timex.js';

/** The inferred date with its evidence. */
export interface InferredDate {
  /** ISO 8601 day `YYYY-MM-DD`. */
  date: string;
  /** The text of the date the inference rests on. */
  evidence: string;
  /** Offset (UTF-16 code units) of the evidence in the text. */
  start: number;
}

/** Options of {@link inferDocumentDate}. */
export interface InferDateOptions {
  tokens?: Token[];
  sentences?: Sentence[];
  /** Read slash dates day-first. */
  dayFirst?: boolean;
  /** Latest possible date (ISO `YYYY-MM-DD`, e.g. the crawl time): later dates are ignored. */
  notAfter?: string;
}

/**
 * A sentence that can state a full date. Without an anchor only a date whose year, month and day
 * are all printed gets a `YYYY-MM-DD` value: a year is written with digits ("2022", "'22",
 * "June 28, 99"), and the month either by name ("June", "Jun.", "Sept") or in a numeric date
 * ("28/06/22", "2022-06-28", "28.6.2022"). Words chrono-node dates from its reference instant
 * ("today", "tonight", "the end of the month") keep a sentence too, so that the result is the
 * one a search of the whole text gives.
 */
const CASUAL_DAY = /\b(?:today|tonight|tomorrow|tmrw?|overmorrow|yesterday|now|noon|midnight|midday|morning|afternoon|evening|night|month)\b/i;
const MONTH_STEM = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
const NUMERIC_DATE = /\d\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d/;

function canStateDate(s: string): boolean {
  if (CASUAL_DAY.test(s)) return true;
  if (!/\d/.test(s)) return false;
  return MONTH_STEM.test(s) || NUMERIC_DATE.test(s);
}

/**
 * `text` with every sentence that cannot state a full date blanked (each UTF-16 code unit → a
 * space, so offsets stay), which spares the date search most of the story. Text outside the
 * sentences is kept. Without sentences, `text` itself.
 */
function evidenceText(text: string, sentences: Sentence[] | undefined): string {
  if (!sentences || !sentences.length) return text;
  let out = '';
  let at = 0;
  for (const s of sentences) {
    if (s.start < at || s.end <= s.start || s.end > text.length) continue;
    if (canStateDate(text.slice(s.start, s.end))) continue;
    out += text.slice(at, s.start) + ' '.repeat(s.end - s.start);
    at = s.end;
  }
  return at === 0 ? text : out + text.slice(at);
}

/**
 * The latest fully stated calendar date (year, month and day printed) of `text` that is not in a
 * future clause and not after `opts.notAfter`, or null when the story states none.
 * Never throws.
 */
export function inferDocumentDate(text: string, opts: InferDateOptions = {}): InferredDate | null {
  // without an anchor every part the text leaves out stays X, so a value of the shape YYYY-MM-DD
  // was fully stated
  const timexes = extractTimexes(evidenceText(text, opts.sentences), null, opts);
  let best: InferredDate | null = null;
  for (const t of timexes) {
    const m = /^(\d{4}-\d{2}-\d{2})(?:T|$)/.exec(t.value);
    if (!m) continue;
    const day = m[1];
    if (opts.notAfter && day > opts.notAfter.slice(0, 10)) continue;
    const before = text.slice(Math.max(0, t.start - 60), t.start);
    if (/\b(?:will|shall|'ll|is\s+to|are\s+to|scheduled|due|planned|expected|until|by)\b[^.!?]*$/i.test(before)) continue;
    if (!best || day > best.date) best = { date: day, evidence: t.text, start: t.start };
  }
  return best;
}
