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
  if (sample.replace(/[^\p{L}]/gu, '').length < MIN_LANGUAGE_CHARS) return undefined;
  const all = francScores(sample, MIN_LANGUAGE_CHARS);
  const code = all[0]?.[0];
  if (!code || code === 'und') return undefined;
  if (code !== 'eng' && (all.find((x) => x[0] === 'eng')?.[1] ?? 0) >= ENGLISH_MARGIN) return 'en';
  return ISO639_3_TO_1[code] ?? code;
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
}

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
    out.set(script, { names, ids, start, langs, ranks });
  }
  return (francIndex = out);
}

/** franc's script choice: the script whose expression matches the largest share of the text. */
function topScript(value: string): [string | undefined, number] {
  let topCount = -1;
  let top: string | undefined;
  for (const script of Object.keys(FRANC_SCRIPTS)) {
    const m = value.match(FRANC_SCRIPTS[script]);
    const count = (m ? m.length : 0) / value.length || 0;
    if (count > topCount) {
      topCount = count;
      top = script;
    }
  }
  return [top, topCount];
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
  const counts = new Map<TrigramKey, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const t = trigramKey(padded, i);
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const L = index.names.length;
  const dist = new Float64Array(L).fill(counts.size * FRANC_MAX_DIFFERENCE);
  for (const [t, c] of counts) {
    const id = index.ids.get(t);
    if (id === undefined) continue;
    for (let k = index.start[id], end = index.start[id + 1]; k < end; k++) {
      const d = c - index.ranks[k] - 1;
      dist[index.langs[k]] += (d < 0 ? -d : d) - FRANC_MAX_DIFFERENCE;
    }
  }
  const out: Array<[string, number]> = index.names.map((name, l) => [name, dist[l]]);
  out.sort((a, b) => a[1] - b[1]);
  const min = out[0][1];
  const max = value.length * FRANC_MAX_DIFFERENCE - min;
  for (const o of out) o[1] = 1 - (o[1] - min) / max || 0;
  return out;
}
