/**
 * A transliteration key for comparing spellings of one name across romanizations
 * ("Toqaev"/"Tokayev", "Lukashenka"/"Lukashenko", "Rakhmonov"/"Rahmon", "Yury"/"Yuriy"):
 * lower-cased, diacritics removed, common digraph variants folded (q→k, kh→h, zh→j, ya→ia, yu→iu,
 * y→i, w→v, ph→f, ck→k, double letters single), vowels after the first letter dropped, and Slavic
 * patronymic suffixes (-ov, -ev, -ova, -eva) removed. Two names with the same key, or one key a
 * prefix of the other with at least 4 consonants in common, are taken as the same name.
 */
export function nameKey(name: string, stripSuffix = true): string {
  const cache = stripSuffix ? KEY_CACHE : KEY_CACHE_NO_SUFFIX;
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  if (cache.size >= KEY_CACHE_MAX) cache.clear();
  const key = computeNameKey(name, stripSuffix);
  cache.set(name, key);
  return key;
}

/** Most names remembered per cache of {@link nameKey} (a pure function: cleared when full). */
const KEY_CACHE_MAX = 50_000;
const KEY_CACHE = new Map<string, string>();
const KEY_CACHE_NO_SUFFIX = new Map<string, string>();

/** {@link nameKey} without the cache. */
function computeNameKey(name: string, stripSuffix: boolean): string {
  let s = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  if (stripSuffix) s = s.replace(/(ova|eva|ov|ev)$/, '');
  s = s
    .replace(/kh/g, 'h')
    .replace(/zh/g, 'j')
    .replace(/q/g, 'k')
    .replace(/ck/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/w/g, 'v')
    .replace(/y/g, 'i')
    .replace(/(.)\1+/g, '$1');
  return s.charAt(0) + s.slice(1).replace(/[aeiou]/g, '');
}

/** True when two spellings name the same person or place (equal, or equal {@link nameKey}s, or one key a prefix of the other with ≥ 4 letters). */
export function sameName(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  const fa = nameKey(a, false);
  if (fa.length >= 3 && fa === nameKey(b, false)) return true;
  const ka = nameKey(a);
  const kb = nameKey(b);
  if (ka === kb && ka.length >= 3) return true;
  const [s, l] = ka.length <= kb.length ? [ka, kb] : [kb, ka];
  return s.length >= 4 && l.startsWith(s);
}

