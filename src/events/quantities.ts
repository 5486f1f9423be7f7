/**
 * Quantities: numbers with their units and what they measure ("about 7,000 troops",
 * "a 1,357-kilometer border", "up to 500 kilometers", "$2.5 billion", "40 percent").
 *
 * A regular-expression scan over `doc.text` proposes numbers (digits with thousands separators,
 * decimals, English number words up to the billions); refiners then attach a hedge before the
 * number ("about" → approximate, "up to" → bound max, "at least" → bound min), a scale word
 * ("billion"), a currency sign, a measure unit (normalized: kilometers/kilometres/km → "km") or a
 * counted noun (its plural as printed, lower case: "troops"), and what a measure measures (the noun
 * after a hyphenated measure, or the noun before "of": "range of up to 500 kilometers" → "range").
 *
 * Not quantities: years ("in 2015"), day numbers of dates ("June 28"), ordinals ("201st", "first"),
 * times ("10:30", "5 p.m."), durations and ages in time units (left to the time stage: "three days",
 * "one-day"), street addresses, suite numbers, postcodes and phone numbers, model numbers glued to
 * a name ("Su-27"), anaphoric counts ("the two leaders") and bare numbers without a unit.
 *
 * Offsets are UTF-16 code units into `doc.text`. Linear in the text length; every regex is
 * anchored or bounded, free of nested quantifiers.
 */
import type { Doc, Quantity, Token } from '../doc/types.js';
import { firstStartingAt } from '../doc/types.js';
import type { Context } from '../context.js';
import type { Stage } from '../stage.js';

const SMALL: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
  seventy: 70, eighty: 80, ninety: 90, dozen: 12,
};
const SCALE: Record<string, number> = {
  hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, bn: 1e9, mn: 1e6,
};
const WORDNUM = Object.keys(SMALL).filter((w) => w !== 'dozen').join('|');

/**
 * Number candidates: group 1 currency, group 2 digits, group 3 number words. Preceded by neither a
 * word character, a hyphen, a period nor a comma (so "Su-27", "3.5.1" parts and "1,357" tails are not
 * re-read); a digit run followed by a letter is refined later (ordinals, "5km").
 */
const NUM_RE = new RegExp(
  `(?<![\\w.,\\-/$€£])(US\\$|\\$|€|£)?\\s?(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(?![\\d,]\\d)` +
    `|\\b((?:${WORDNUM})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)\\b`,
  'gi',
);
/** Scale word right after the number ("2.5 billion", "$3bn", "1.2m"). */
const SCALE_RE = /^\s?(hundred|thousand|million|billion|trillion|bn|mn)\b/i;
const SCALE_M_RE = /^m\b/;
/** Measure units right after the number (space or hyphen), normalized by {@link UNIT_NORM}. */
const UNIT_RE =
  /^(?:\s|-|\s?-\s?)?(square kilomet(?:er|re)s?|sq\.? km|km2|kilomet(?:er|re)s?|km|miles?|mi|met(?:er|re)s?|m|centimet(?:er|re)s?|cm|millimet(?:er|re)s?|mm|feet|foot|ft|inch(?:es)?|tonnes?|tons?|kilograms?|kg|grams?|g|hectares?|ha|acres?|barrels?|bpd|lit(?:er|re)s?|megawatts?|mw|gigawatts?|gw|kilowatts?|kw|degrees?|knots?|kph|km\/h|mph|percent|per cent|percentage points?|%)(?![\p{L}\d])/iu;
const UNIT_NORM: Array<[RegExp, string]> = [
  [/^(square kilomet|sq\.? km|km2)/i, 'km2'],
  [/^(kilomet|km$)/i, 'km'],
  [/^(mile|mi$)/i, 'mi'],
  [/^(centimet|cm$)/i, 'cm'],
  [/^(millimet|mm$)/i, 'mm'],
  [/^(met|m$)/i, 'm'],
  [/^(feet|foot|ft$)/i, 'ft'],
  [/^inch/i, 'in'],
  [/^tonne/i, 't'],
  [/^ton/i, 'ton'],
  [/^(kilogram|kg$)/i, 'kg'],
  [/^(gram|g$)/i, 'g'],
  [/^(hectare|ha$)/i, 'ha'],
  [/^acre/i, 'acre'],
  [/^(barrel|bpd)/i, 'bbl'],
  [/^lit/i, 'L'],
  [/^(megawatt|mw$)/i, 'MW'],
  [/^(gigawatt|gw$)/i, 'GW'],
  [/^(kilowatt|kw$)/i, 'kW'],
  [/^degree/i, 'deg'],
  [/^knot/i, 'kn'],
  [/^(kph|km\/h)/i, 'km/h'],
  [/^mph/i, 'mph'],
  [/^percentage point/i, 'pp'],
  [/^(percent|per cent|%)/i, '%'],
];
/** Currency words after the number ("50 dollars", "3 billion euros"). */
const CURRENCY_WORD_RE = /^\s(?:US\s)?(dollars?|euros?|pounds sterling|roubles?|rubles?|yuan|yen|rupees?|somoni)\b/i;
const CURRENCY_NORM: Record<string, string> = {
  $: 'USD', us$: 'USD', '€': 'EUR', '£': 'GBP', dollar: 'USD', euro: 'EUR', 'pounds sterling': 'GBP',
  rouble: 'RUB', ruble: 'RUB', yuan: 'CNY', yen: 'JPY', rupee: 'INR', somoni: 'TJS',
};
/** Hedges before a number, longest first; the value says approximate or which bound. */
const HEDGE_RE =
  /(?:^|[^\p{L}])(about|around|approximately|roughly|nearly|almost|some|an estimated|estimated|close to|up to|as many as|as much as|at most|no more than|fewer than|less than|under|at least|more than|over|above|upwards of|in excess of|at minimum|just over|just under|more that)\s+$/iu;
const HEDGE_KIND: Record<string, 'approx' | 'max' | 'min'> = {
  about: 'approx', around: 'approx', approximately: 'approx', roughly: 'approx', nearly: 'approx',
  almost: 'approx', some: 'approx', 'an estimated': 'approx', estimated: 'approx', 'close to': 'approx',
  'up to': 'max', 'as many as': 'max', 'as much as': 'max', 'at most': 'max', 'no more than': 'max',
  'fewer than': 'max', 'less than': 'max', under: 'max', 'just under': 'max',
  'at least': 'min', 'more than': 'min', over: 'min', above: 'min', 'upwards of': 'min',
  'in excess of': 'min', 'at minimum': 'min', 'just over': 'min', 'more that': 'min',
};
const MONTHS =
  /(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?/;
const MONTH_BEFORE_RE = new RegExp(`(?:^|[^\\p{L}])${MONTHS.source}\\s+$`, 'iu');
const MONTH_AFTER_RE = new RegExp(`^(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTHS.source}(?![\\p{L}])`, 'iu');
/** Time units: a number counting them is a duration or an age (a timex), not a quantity. */
const TIME_UNIT_RE =
  /^(?:\s|-|\s?-\s?)(?:year|month|week|day|hour|minute|second|decade|century|centuries|night|fortnight|term|season)s?(?:-old)?(?![\p{L}])/iu;
/** Spans never read as quantities: addresses, suites, postcodes, phone numbers, clock times. */
const MASK_RES: RegExp[] = [
  // "1201 Connecticut Ave NW", "10 Downing Street"
  /\b\d{1,6}\s+(?:[A-Z][\w.'-]{0,20}\s+){1,4}(?:Ave|Avenue|St|Street|Rd|Road|Blvd|Boulevard|Lane|Ln|Drive|Dr|Way|Place|Pl|Square|Sq|Court|Ct|Highway|Hwy|Parkway|Pkwy|Terrace)\b\.?(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b)?/g,
  /\b(?:Ste|Suite|Apt|Room|Rm|Floor|Fl|Unit|P\.?\s?O\.?\s?Box|No)\.?\s?#?\s?\d+[A-Z]?\b/g,
  // US state + ZIP code, UK-style postcodes
  /\b[A-Z]{2}\s\d{5}(?:-\d{4})?\b/g,
  /\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b/g,
  // phone numbers
  /(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]\d{3}[\s.-]\d{3,4}\b/g,
  // clock times
  /\b\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?\b/gi,
  /\b\d{1,2}\s?[ap]\.m\.?/gi,
];
/** Counted nouns never used as units (vague or grammatical). */
const NOT_COUNT_NOUNS = new Set(['times', 'percent', 'per', 'of', 'others', 'ones', 'more', 'people\'s']);
const ANAPHORIC_DET = /(?:^|[^\p{L}])(the|these|those|both|all|its|their|his|her|our|my|your|other|first|last|next|past|previous)\s+$/iu;
const IRREGULAR_PLURALS = new Set(['people', 'police', 'personnel', 'staff', 'children', 'men', 'women', 'cattle', 'livestock', 'militia', 'crew', 'aircraft', 'sheep', 'fish']);

/** Parse number words ("twenty-five" → 25). */
function wordValue(w: string): number | undefined {
  const parts = w.toLowerCase().split('-');
  let v = 0;
  for (const p of parts) {
    const n = SMALL[p];
    if (n === undefined) return undefined;
    v += n;
  }
  return v;
}

/** Index of the first token starting at or after `offset`. */
function tokenFrom(toks: Token[], offset: number): number {
  return firstStartingAt(toks, offset);
}

/** Looks plural (or a count noun that is plural as is). */
function pluralish(word: string): boolean {
  const w = word.toLowerCase();
  return IRREGULAR_PLURALS.has(w) || (/s$/.test(w) && !/(ss|us|is)$/.test(w));
}

/**
 * Find quantities in `doc.text`, using `doc.tokens` (UPOS) to recognise counted nouns. Returns
 * them in text order; does not modify `doc`. `value` is the number scaled ("$2.5 billion" →
 * 2.5e9), `unit` a normal form ("km", "mi", "%", "USD", or the counted noun's plural as printed,
 * lower case), `measures` the measured noun when the unit is a measure.
 */
export function findQuantities(doc: Doc): Quantity[] {
  const text = doc.text;
  const toks = doc.tokens;
  const masked = new Uint8Array(text.length + 1);
  for (const re of MASK_RES) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      masked.fill(1, m.index, m.index + m[0].length);
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  const out: Quantity[] = [];
  NUM_RE.lastIndex = 0;
  for (let m = NUM_RE.exec(text); m; m = NUM_RE.exec(text)) {
    const numStart = m.index + (m[1] ? 0 : m[0].length - (m[2] ?? m[3]).length);
    if (masked[numStart] || masked[m.index + m[0].length - 1]) continue;
    const isWord = m[3] !== undefined;
    let value = isWord ? wordValue(m[3]) : Number(m[2].replace(/,/g, ''));
    if (value === undefined || !Number.isFinite(value)) continue;
    let end = m.index + m[0].length;
    let unit = '';
    let currency = m[1] ? CURRENCY_NORM[m[1].toLowerCase()] : undefined;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    // Ordinals and glued letters: "201st", "3D" (but "5km", "40%", "$3bn" are fine).
    const glued = /^[\p{L}%]/u.test(text.slice(end, end + 1));
    // Scale ("billion", "3bn", "$1.2m").
    const sc = SCALE_RE.exec(text.slice(end, end + 12));
    let scaled = false;
    if (sc) {
      value *= SCALE[sc[1].toLowerCase()];
      end += sc[0].length;
      scaled = true;
    } else if (currency && SCALE_M_RE.test(text.slice(end, end + 2))) {
      value *= 1e6;
      end += 1;
      scaled = true;
    }
    const after = text.slice(end, end + 40);
    if (glued && !scaled && !UNIT_RE.test(after.replace(/^/, ''))) continue;
    if (isWord) {
      const low = m[3].toLowerCase();
      if (low === 'one' && !UNIT_RE.test(after)) continue;
      if (/^\s+of\b/i.test(after)) continue; // "one of", "two of them"
      if (ANAPHORIC_DET.test(before)) continue; // "the two leaders"
    }
    if (TIME_UNIT_RE.test(after)) continue;
    if (!currency && !scaled && (MONTH_BEFORE_RE.test(before) || MONTH_AFTER_RE.test(after))) continue;
    let measures: string | undefined;
    const um = UNIT_RE.exec(after);
    const cw = CURRENCY_WORD_RE.exec(after);
    if (currency) {
      unit = currency;
    } else if (cw) {
      const key = cw[1].toLowerCase().replace(/s$/, '');
      unit = CURRENCY_NORM[key] ?? CURRENCY_NORM[cw[1].toLowerCase()] ?? cw[1].toLowerCase();
      end += cw[0].length;
    } else if (um) {
      const raw = um[1];
      unit = UNIT_NORM.find(([re]) => re.test(raw))?.[1] ?? raw.toLowerCase();
      // A bare "m"/"g" only counts when glued or spaced after digits and not followed by a word.
      if ((unit === 'm' || unit === 'g') && isWord) continue;
      end += um[0].length;
      const hyphenated = /^\s?-/.test(um[0]) && unit !== '%';
      if (hyphenated) {
        // "a 1,357-kilometer border": the next noun is what is measured.
        let ti = tokenFrom(toks, end);
        let skipped = 0;
        while (ti < toks.length && toks[ti].pos === 'ADJ' && skipped < 2) {
          ti++;
          skipped++;
        }
        const t = toks[ti];
        if (t && t.pos === 'NOUN' && t.start - end < 24) measures = t.text.toLowerCase();
      }
    } else {
      // A counted noun: skip up to two adjectives ("7,000 Russian troops").
      if (!Number.isInteger(value) && !scaled) continue;
      let ti = tokenFrom(toks, end);
      if (ti >= toks.length || toks[ti].start - end > 2) continue;
      let skipped = 0;
      while (ti < toks.length && (toks[ti].pos === 'ADJ' || (toks[ti].pos === 'PROPN' && /^\p{Lu}\p{Ll}+(?:an|ian|ese|ish|i)$/u.test(toks[ti].text))) && skipped < 2) {
        ti++;
        skipped++;
      }
      const t = toks[ti];
      if (!t || t.pos !== 'NOUN') continue;
      const w = t.text.toLowerCase();
      if (NOT_COUNT_NOUNS.has(w)) continue;
      if (value !== 1 && !pluralish(w)) continue;
      // A year before a plural noun ("2015 elections") is still a year.
      if (!isWord && value >= 1800 && value <= 2100 && !/,/.test(m[2]) && !HEDGE_RE.test(before)) continue;
      unit = w;
      end = t.end;
    }
    if (!unit) continue;
    // What a measure measures: "range of up to 500 kilometers" → "range".
    let start = m.index + (m[1] ? 0 : m[0].length - (m[2] ?? m[3]).length);
    if (m[1]) start = m.index;
    let approximate: boolean | undefined;
    let bound: 'min' | 'max' | undefined;
    const hm = HEDGE_RE.exec(before);
    if (hm) {
      const kind = HEDGE_KIND[hm[1].toLowerCase()];
      start = m.index - (before.length - before.lastIndexOf(hm[1]));
      if (kind === 'approx') approximate = true;
      else bound = kind;
    }
    if (!measures && um && unit !== '%') {
      const pre = text.slice(Math.max(0, start - 40), start);
      const of = /([\p{L}-]+)\s+of\s+$/u.exec(pre);
      if (of) {
        const wordStart = start - pre.length + of.index;
        const t = toks[tokenFrom(toks, wordStart)];
        if (!t || t.start !== wordStart || t.pos === 'NOUN') measures = of[1].toLowerCase();
      }
    }
    // A bare year-like number with a measure unit is fine ("2000 km"), so no year test here.
    const q: Quantity = { start, end, text: text.slice(start, end), value, unit, stage: 'quantities', confidence: 0.8 };
    if (approximate) q.approximate = true;
    if (bound) q.bound = bound;
    if (measures) q.measures = measures;
    out.push(q);
    NUM_RE.lastIndex = Math.max(NUM_RE.lastIndex, end);
  }
  return out;
}

/** The `quantities` stage: fills `doc.quantities` (see {@link findQuantities}). */
export const quantitiesStage: Stage = {
  name: 'quantities',
  requires: ['tokens'],
  provides: ['quantities'],
  run(doc: Doc, _ctx: Context) {
    doc.quantities = findQuantities(doc);
  },
};
