/**
 * Language identification of article text with franc-min (trigram profiles of the 82 languages with
 * the most speakers, from the UDHR translations; Wooorm's `franc`), mapped from ISO 639-3 to
 * ISO 639-1 (the ISO 639-2 registration authority's table; macrolanguage members map to the
 * macrolanguage's code: `arb`→`ar`, `cmn`→`zh`, `pes`→`fa`, `zlm`→`ms`, `swh`→`sw`, `uzn`→`uz`,
 * `azj`→`az`, `npi`→`ne`, `plt`→`mg`, `pbu`→`ps`, `ckb`→`ku`, `qug`→`qu`, `zyb`→`za`, `fuv`→`ff`).
 * Languages without an ISO 639-1 code (e.g. `ceb`, `ilo`, `hms`) keep their 639-3 code.
 */
import { data as FRANC_DATA } from 'franc-min/data.js';
import { expressions as FRANC_SCRIPTS } from 'franc-min/expressions.js';

/** ISO 639-3 (as franc-min returns) → ISO 639-1. */
export const ISO639_3_TO_1: Readonly<Record<string, string>> = Object.freeze({
  spa: 'es', eng: 'en', por: 'pt', ind: 'id', fra: 'fr', deu: 'de', jav: 'jv', vie: 'vi', ita: 'it', tur: 'tr',
  pol: 'pl', swh: 'sw', sun: 'su', ron: 'ro', hau: 'ha', fuv: 'ff', bos: 'bs', hrv: 'hr', nld: 'nl', srp: 'sr',
  ckb: 'ku', yor: 'yo', uzn: 'uz', zlm: 'ms', ibo: 'ig', tgl: 'tl', hun: 'hu', azj: 'az', ces: 'cs', run: 'rn',
  plt: 'mg', qug: 'qu', nya: 'ny', zyb: 'za', kin: 'rw', zul: 'zu', swe: 'sv', lin: 'ln', som: 'so', rus: 'ru',
  ukr: 'uk', koi: 'kv', bel: 'be', bul: 'bg', kaz: 'kk', arb: 'ar', urd: 'ur', pes: 'fa', pbu: 'ps', hin: 'hi',
  mar: 'mr', npi: 'ne', cmn: 'zh', ben: 'bn', jpn: 'ja', kor: 'ko', tel: 'te', tam: 'ta', guj: 'gu', kan: 'kn',
  mal: 'ml', mya: 'my', pan: 'pa', amh: 'am', tha: 'th', sin: 'si', ell: 'el',
});

/** Relative franc score at or above which English is preferred to the best-scored language. */
export const ENGLISH_MARGIN = 0.85;

/** Fewest letters of text franc is asked about (below it the guess is noise). */
export const MIN_LANGUAGE_CHARS = 40;

/**
 * The language of `text` as an ISO 639-1 code (639-3 where no 639-1 code exists), or `undefined`
 * when the text is too short (under {@link MIN_LANGUAGE_CHARS} characters) or franc-min cannot tell.
 * Reads at most the first 2,000 characters (franc's accuracy does not improve much beyond that,
 * and its cost grows with the length). English wins when franc scores it within
 * {@link ENGLISH_MARGIN} of the best language (franc's scores are relative to the best, 1): short
 * English sentences full of names are often scored just below Dutch or Malagasy, and a false
 * "not English" would leave a story uncoded.
 */
export function detectLanguage(text: string): string | undefined {
  const sample = text.slice(0, 2000);
  if (!hasLetters(sample, MIN_LANGUAGE_CHARS)) return undefined;
  const all = francScores(sample, MIN_LANGUAGE_CHARS);
  const code = all[0]?.[0];
  if (!code || code === 'und') return undefined;
  if (code !== 'eng' && (all.find((x) => x[0] === 'eng')?.[1] ?? 0) >= ENGLISH_MARGIN) return 'en';
  return ISO639_3_TO_1[code] ?? code;
}

/** A letter (`\p{L}`) at the sticky position. */
const LETTER_AT = /\p{L}/uy;

/**
 * True when `s` holds at least `min` UTF-16 code units of letters, i.e.
 * `s.replace(/[^\p{L}]/gu, '').length >= min`, read only as far as needed and without a copy.
 */
function hasLetters(s: string, min: number): boolean {
  let n = 0;
  for (let i = 0; i < s.length && n < min; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) n++;
      continue;
    }
    LETTER_AT.lastIndex = i;
    const astral = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (LETTER_AT.test(s)) n += astral ? 2 : 1;
    if (astral) i++;
  }
  return n >= min;
}

/* ------------------------------------------------------------------------------------------------
 * franc-min's `francAll`, computed faster with the same profiles and the same arithmetic.
 *
 * franc (v6) scores a text against each language of its most frequent script: the text is cleaned
 * (ASCII punctuation and digits U+0021–U+0040 → space, white space collapsed, trimmed, lower-cased),
 * padded with one space each side and cut into overlapping character trigrams; for every distinct
 * trigram with count c, a language whose profile ranks it r (0 = most frequent) adds |c − r − 1|,
 * and one whose profile lacks it adds 300. Distances are sorted ascending (stable) and normalised
 * to 1 − (d − min) / (length × 300 − min). franc does this with one object lookup per
 * (trigram, language) pair, ~35,000 per 2,000-character story; here every profile trigram gets an
 * integer id and a posting list of (language, rank), so each distinct trigram of the text costs one
 * Map lookup and a walk over the languages that know it (ASCII trigrams are counted under an
 * integer key, without a string per position). The results are identical, score for
 * score (the test compares the two on texts in many languages and scripts).
 * ---------------------------------------------------------------------------------------------- */

/** franc-min's longest sample (code units) and per-trigram penalty (its `MAX_LENGTH`, `MAX_DIFFERENCE`). */
const FRANC_MAX_LENGTH = 2048;
const FRANC_MAX_DIFFERENCE = 300;

/** One script's profiles as posting lists: trigram → id; postings of id in `langs`/`ranks`. */
interface ScriptIndex {
  names: string[];
  ids: Map<TrigramKey, number>;
  /** Postings of trigram id k: positions start[k] .. start[k+1]-1 of `langs` and `ranks`. */
  start: Int32Array;
  langs: Int32Array;
  ranks: Int32Array;
  /** Trigram id + 1 (0: none) of each trigram of spaces and a–z, by its {@link smallCode}s in base 27. */
  small: Int32Array;
}

/** 0 for a space, 1–26 for a–z, else -1: the alphabet of the trigrams counted in a table. */
function smallCode(c: number): number {
  return c === 0x20 ? 0 : c >= 0x61 && c <= 0x7a ? c - 0x60 : -1;
}

/** Counts of the table-counted trigrams of the text being scored (all 0 between calls). */
const SMALL_COUNTS = new Int32Array(27 * 27 * 27);
/** Table slots touched by the text being scored (each slot at most once). */
const SMALL_TOUCHED = new Int32Array(27 * 27 * 27);

/**
 * A trigram as a Map key: three ASCII code units packed in one small integer (7 bits each), any
 * other trigram as its string (the two kinds never collide: a number is never equal to a string).
 */
type TrigramKey = number | string;

/** The key of the trigram at `s[i..i+3)` (see {@link TrigramKey}). */
function trigramKey(s: string, i: number): TrigramKey {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  const c = s.charCodeAt(i + 2);
  return (a | b | c) < 0x80 ? (a << 14) | (b << 7) | c : s.slice(i, i + 3);
}

let francIndex: Map<string, ScriptIndex> | undefined;

/** Build (once) the posting-list index of franc-min's trigram profiles, script by script. */
function francIndexes(): Map<string, ScriptIndex> {
  if (francIndex) return francIndex;
  const out = new Map<string, ScriptIndex>();
  for (const script of Object.keys(FRANC_DATA)) {
    const languages = FRANC_DATA[script];
    const names = Object.keys(languages);
    const ids = new Map<TrigramKey, number>();
    const lists: Array<Array<[number, number]>> = [];
    names.forEach((name, l) => {
      // franc: `trigrams[model[weight]] = weight`, walking from the end, so the first rank wins
      const model = languages[name].split('|');
      const rank = new Map<string, number>();
      for (let w = model.length - 1; w >= 0; w--) rank.set(model[w], w);
      for (const [tri, r] of rank) {
        if (tri.length !== 3) continue; // franc-min's profiles hold trigrams only
        const key = trigramKey(tri, 0);
        let id = ids.get(key);
        if (id === undefined) {
          id = lists.length;
          ids.set(key, id);
          lists.push([]);
        }
        lists[id].push([l, r]);
      }
    });
    const start = new Int32Array(lists.length + 1);
    let n = 0;
    lists.forEach((p, k) => {
      start[k] = n;
      n += p.length;
    });
    start[lists.length] = n;
    const langs = new Int32Array(n);
    const ranks = new Int32Array(n);
    let i = 0;
    for (const p of lists) for (const [l, r] of p) (langs[i] = l), (ranks[i] = r), i++;
    const small = new Int32Array(27 * 27 * 27);
    for (const [key, id] of ids) {
      if (typeof key !== 'number') continue;
      const a = smallCode(key >> 14);
      const b = smallCode((key >> 7) & 0x7f);
      const c = smallCode(key & 0x7f);
      if ((a | b | c) >= 0) small[a * 729 + b * 27 + c] = id + 1;
    }
    out.set(script, { names, ids, start, langs, ranks, small });
  }
  return (francIndex = out);
}

/** franc's script choice: the script whose expression matches the largest share of the text. */
function topScript(value: string): [string | undefined, number] {
  let topCount = -1;
  let top: string | undefined;
  const counts = scriptCounts(value);
  SCRIPT_NAMES.forEach((script, k) => {
    const count = (counts ? counts[k] : (value.match(FRANC_SCRIPTS[script])?.length ?? 0)) / value.length || 0;
    if (count > topCount) {
      topCount = count;
      top = script;
    }
  });
  return [top, topCount];
}

/** franc-min's scripts, in its order (the order breaks ties). */
const SCRIPT_NAMES = Object.keys(FRANC_SCRIPTS);
/** Each script's expression without the `g` flag, for testing one character. */
const SCRIPT_ONE = SCRIPT_NAMES.map((k) => new RegExp(FRANC_SCRIPTS[k].source, FRANC_SCRIPTS[k].flags.replace('g', '')));
/** Per BMP code unit, bit k set when script k's expression matches it alone; -1 until asked. */
const SCRIPT_BITS = new Int32Array(0x10000).fill(-1);

/**
 * Per script (in {@link SCRIPT_NAMES} order), how many matches of its expression `value` holds:
 * without surrogates every match is one code unit the expression matches alone (the expressions'
 * only longer alternatives start with a surrogate), so counting code units gives the same numbers
 * as `value.match(expression).length` without building the arrays. Undefined when `value` holds
 * a surrogate (the caller then matches).
 */
function scriptCounts(value: string): Int32Array | undefined {
  const counts = new Int32Array(SCRIPT_NAMES.length);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return undefined;
    let bits = SCRIPT_BITS[c];
    if (bits < 0) {
      bits = 0;
      const ch = String.fromCharCode(c);
      SCRIPT_ONE.forEach((re, k) => {
        if (re.test(ch)) bits |= 1 << k;
      });
      SCRIPT_BITS[c] = bits;
    }
    if (bits === 0) continue;
    for (let k = 0; bits; k++, bits >>>= 1) if (bits & 1) counts[k]++;
  }
  return counts;
}

/**
 * The ranked languages of `value` as franc-min's `francAll(value, { minLength })` returns them:
 * `[iso639_3, score]` pairs, best (score 1) first; `[['und', 1]]` when the text is shorter than
 * `minLength` code units or has no letters of a known script. Same results as franc-min 6.2,
 * computed with posting lists (see above).
 */
export function francScores(input: string, minLength = 10): Array<[string, number]> {
  if (!input || input.length < minLength) return [['und', 1]];
  const value = input.slice(0, FRANC_MAX_LENGTH);
  const [script, share] = topScript(value);
  const index = script === undefined ? undefined : francIndexes().get(script);
  if (!index) return !script || share === 0 ? [['und', 1]] : [[script, 1]];
  // trigram-utils `clean` + `trigrams`, counted
  const cleaned = value.replace(/[\u0021-\u0040]+/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  const padded = ' ' + cleaned + ' ';
  // trigrams of spaces and a–z are counted in a table (SMALL_COUNTS, reset after use), others in a Map
  const counts = new Map<TrigramKey, number>();
  let touched = 0;
  let c1 = smallCode(padded.charCodeAt(0));
  let c2 = padded.length > 1 ? smallCode(padded.charCodeAt(1)) : -1;
  for (let i = 0; i + 3 <= padded.length; i++) {
    const c3 = smallCode(padded.charCodeAt(i + 2));
    if ((c1 | c2 | c3) >= 0) {
      const k = c1 * 729 + c2 * 27 + c3;
      if (SMALL_COUNTS[k]++ === 0) SMALL_TOUCHED[touched++] = k;
    } else {
      const t = trigramKey(padded, i);
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    c1 = c2;
    c2 = c3;
  }
  const L = index.names.length;
  const dist = new Float64Array(L).fill((counts.size + touched) * FRANC_MAX_DIFFERENCE);
  const add = (id: number, c: number) => {
    for (let k = index.start[id], end = index.start[id + 1]; k < end; k++) {
      const d = c - index.ranks[k] - 1;
      dist[index.langs[k]] += (d < 0 ? -d : d) - FRANC_MAX_DIFFERENCE;
    }
  };
  for (let j = 0; j < touched; j++) {
    const k = SMALL_TOUCHED[j];
    const id = index.small[k] - 1;
    if (id >= 0) add(id, SMALL_COUNTS[k]);
    SMALL_COUNTS[k] = 0;
  }
  for (const [t, c] of counts) {
    const id = index.ids.get(t);
    if (id !== undefined) add(id, c);
  }
  const out: Array<[string, number]> = index.names.map((name, l) => [name, dist[l]]);
  out.sort((a, b) => a[1] - b[1]);
  const min = out[0][1];
  const max = value.length * FRANC_MAX_DIFFERENCE - min;
  for (const o of out) o[1] = 1 - (o[1] - min) / max || 0;
  return out;
}
