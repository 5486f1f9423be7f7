/**
 * Language identification of article text with franc-min (trigram profiles of the 82 languages with
 * the most speakers, from the UDHR translations; Wooorm's `franc`), mapped from ISO 639-3 to
 * ISO 639-1 (the ISO 639-2 registration authority's table; macrolanguage members map to the
 * macrolanguage's code: `arb`→`ar`, `cmn`→`zh`, `pes`→`fa`, `zlm`→`ms`, `swh`→`sw`, `uzn`→`uz`,
 * `azj`→`az`, `npi`→`ne`, `plt`→`mg`, `pbu`→`ps`, `ckb`→`ku`, `qug`→`qu`, `zyb`→`za`, `fuv`→`ff`).
 * Languages without an ISO 639-1 code (e.g. `ceb`, `ilo`, `hms`) keep their 639-3 code.
 */
import { francAll } from 'franc-min';

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
  const all = francAll(sample, { minLength: MIN_LANGUAGE_CHARS });
  const code = all[0]?.[0];
  if (!code || code === 'und') return undefined;
  if (code !== 'eng' && (all.find((x) => x[0] === 'eng')?.[1] ?? 0) >= ENGLISH_MARGIN) return 'en';
  return ISO639_3_TO_1[code] ?? code;
}
