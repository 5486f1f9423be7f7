/**
 * Word-level feature helpers shared by the trained models: normal forms, word shapes and affixes.
 */

/**
 * Normal form of a word for lexical features (Honnibal 2013, "A good part-of-speech tagger in about
 * 200 lines of Python"): 4-digit numbers → `!YEAR`, other words starting with a digit → `!DIGITS`,
 * everything else lower-cased.
 */
export function normalizeWord(w: string): string {
  if (/^\d{4}$/.test(w)) return '!YEAR';
  if (/^\d/.test(w)) return '!DIGITS';
  return w.toLowerCase();
}

/**
 * Word shape: upper-case letters → `X`, lower-case → `x`, digits → `d`, other characters kept,
 * runs of the same class longer than 2 collapsed to 2 ("McDonald's" → "XxXxx'x", "1996-08-30" →
 * "dd-dd-dd"), at most 8 characters.
 */
export function wordShape(w: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of w) {
    let c: string;
    if (ch >= '0' && ch <= '9') c = 'd';
    else if (ch !== ch.toLowerCase()) c = 'X';
    else if (ch !== ch.toUpperCase()) c = 'x';
    else c = ch;
    if (c === last) {
      run++;
      if (run > 2) continue;
    } else {
      run = 1;
      last = c;
    }
    out += c;
    if (out.length >= 8) break;
  }
  return out;
}

/** Short shape: like {@link wordShape} but every run collapsed to one character ("Xx", "d-d-d"). */
export function shortShape(w: string): string {
  let out = '';
  let last = '';
  for (const ch of w) {
    let c: string;
    if (ch >= '0' && ch <= '9') c = 'd';
    else if (ch !== ch.toLowerCase()) c = 'X';
    else if (ch !== ch.toUpperCase()) c = 'x';
    else c = ch;
    if (c !== last) out += c;
    last = c;
    if (out.length >= 6) break;
  }
  return out;
}

/** True when the first character is an upper-case letter. */
export function isTitle(w: string): boolean {
  const c = w.charAt(0);
  return c !== c.toLowerCase();
}
