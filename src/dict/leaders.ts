/**
 * Reader of the CIA World Factbook's holder strings (`../shared/dict/leaders/
 * cia_factbook_executive_1990_2025.tsv`, columns `hos_holder`/`hog_holder`, public domain): the person
 * name in "President Kasym-Zhomart TOKAYEV". Used by `scripts/build-actors.js` to build leader
 * entries of `data/actors.json.gz` and by the leaders coverage test.
 */
import { normWord } from './actors.js';

/** A holder's name: its words in the dictionary's normal form (upper case, no diacritics) and surname. */
export interface HolderName {
  /** Name words, e.g. ["KASYM-ZHOMART", "TOKAYEV"], ["XI", "JINPING"], ["KING", "CHARLES"]. */
  words: string[];
  /** The capitalised surname in the Factbook string ("TOKAYEV", "XI", "CHARLES"). */
  surname: string;
  /** True when the surname comes first ("XI Jinping"): the last word is a given name. */
  surnameFirst: boolean;
}

/** Name particles written in lower case ("LULA da Silva", "SALMAN bin Abd al-Aziz"). */
const PARTICLE = /^(?:da|de|do|dos|das|del|della|di|du|la|le|van|von|der|den|bin|bint|ibn|al|el|y|e|ter|zu)$/;

/**
 * Spellings of a name word in which the Factbook archive lost letters: the archive wrote each
 * non-ASCII letter as a space ("Luiz In cio LULA", "S bastien LECORNU"); {@link holderName} marks each
 * lost letter with `?` ("IN?CIO"). Each `?` is replaced by every base letter that an accented Latin
 * letter normalises to (A C E I N O S U Y Z), so that the true spelling, read as the dictionary reads
 * it (diacritics removed: "Inácio" → INACIO), is among them. A word without `?` is returned alone;
 * at most two lost letters are expanded (100 spellings), more give [].
 */
export function lostLetterVariants(word: string): string[] {
  const n = (word.match(/\?/g) ?? []).length;
  if (!n) return [word];
  if (n > 2) return [];
  let out = [word];
  for (let k = 0; k < n; k++) out = out.flatMap((w) => [...'ACEINOSUYZ'].map((c) => w.replace('?', c)));
  return out;
}

/** Title words that precede a Factbook holder's name (normal form, upper case). */
const TITLE: ReadonlySet<string> = new Set(
  ('PRESIDENT PRIME MINISTER PREMIER KING QUEEN EMIR AMIR SULTAN CHANCELLOR CHAIRMAN CHAIRWOMAN GENERAL SUPREME LEADER VICE ACTING ' +
    'INTERIM FEDERAL STATE COUNSELLOR COUNSELOR GOVERNOR-GENERAL GOVERNOR CROWN PRINCE PRINCESS GRAND DUKE DUCHESS SHEIKH SHAYKH ' +
    'EXECUTIVE CHIEF OF THE AND COL COLONEL MAJ LT GEN ADMIRAL FIELD MARSHAL PRESIDENT-ELECT TRANSITIONAL CAPTAIN REGENT FIRST DEPUTY ' +
    'HEAD MONARCH POPE CO-PRINCE CO-PRINCES HIS HER MAJESTY HIGHNESS EXCELLENCY DR SIR NATIONAL COUNCIL ON TAOISEACH EMPEROR EMPRESS ' +
    'SOVEREIGN PRINCIPAL MAHARAJA SHAH SAMDECH TUANKU YANG DI-PERTUAN AGONG CAPTAINS-REGENT SULTANATE MINISTERS COMMANDER').split(' '),
);

/** Titles kept before a one-word regnal name ("King CHARLES III" → "King Charles"). */
const REGNAL: ReadonlySet<string> = new Set(['KING', 'QUEEN', 'EMPEROR', 'EMPRESS', 'EMIR', 'AMIR', 'SULTAN', 'PRINCE', 'PRINCESS', 'SHAH', 'POPE', 'DUKE', 'DUCHESS']);

/**
 * Person name from a Factbook holder string → {words, surname} or null. The Factbook capitalises
 * surnames: "President Kasym-Zhomart TOKAYEV" → KASYM-ZHOMART TOKAYEV (surname TOKAYEV); a surname
 * written first (Chinese, Korean order) keeps the given names after it: "XI Jinping" → XI JINPING
 * (surname XI); a one-word regnal name keeps its title: "King CHARLES III" → KING CHARLES,
 * "Emperor NARUHITO" → EMPEROR NARUHITO (a bare "Charles" would match every Charles).
 */
export function holderName(s: string | null | undefined): HolderName | null {
  if (!s || s.length > 100) return null;
  const raw = s.replace(/\(.*?\)/g, ' ').replace(/[",;]/g, ' ').split(/\s+/).filter(Boolean);
  // a word broken by a lost letter ("In cio", "S bastien") is joined back with '?'
  const toks: string[] = [];
  for (const t of raw) {
    const prev = toks[toks.length - 1];
    if (prev && /^[A-Z][a-z]*\??[a-z]*$/.test(prev) && /^[a-z]+$/.test(t) && !PARTICLE.test(t) && !/^(?:and|or|of|the|for|to|since|in|on|at|is|as)$/.test(t)) toks[toks.length - 1] = prev + '?' + t;
    else toks.push(t);
  }
  const caps = (t: string) => /^[A-Z][A-Z'\-]{1,}$/.test(t.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
  let last = -1;
  for (let i = 0; i < toks.length; i++) if (caps(toks[i]) && !TITLE.has(toks[i])) last = i;
  if (last < 0) return null;
  let first = last;
  while (first > 0 && /^[A-Z]/.test(toks[first - 1]) && !TITLE.has(normWord(toks[first - 1]))) first--;
  // Surname first: given names follow in ordinary case ("XI Jinping", "KIM Jong Un", "LEE Jae-myung").
  let end = last;
  if (first === last) while (end + 1 < toks.length && /^[A-Z][a-z]/.test(toks[end + 1]) && !TITLE.has(normWord(toks[end + 1])) && !/^(?:Jr|Sr)\.?$/.test(toks[end + 1])) end++;
  // regnal numbers after the name are dropped ("CHARLES III"); a first token is a name ("XI Jinping")
  let words = toks.slice(first, end + 1).map(normWord).filter((w: string, i: number) => w && (i === 0 || !/^[IVX]{1,4}$/.test(w)));
  const surnameFirst = first === last && end > last;
  if (words.length === 1) {
    // the regnal title among the titles before the name ("King and Prime Minister FAHD")
    for (let k = first - 1; k >= 0 && TITLE.has(normWord(toks[k])); k--) {
      if (REGNAL.has(normWord(toks[k]))) {
        words = [normWord(toks[k]), ...words];
        break;
      }
    }
  }
  if (words.length < 2 || words.length > 6) return null;
  // Surname: first all-caps token of the name (Factbook capitalises surnames).
  const sIdx = toks.slice(first, end + 1).findIndex((t) => caps(t));
  const surname = normWord(toks[first + Math.max(0, sIdx)]);
  return { words, surname, surnameFirst };
}

