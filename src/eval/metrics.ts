/**
 * Shared pieces of the scorers: precision/recall/F1 counts, attribute accuracies, misses, and
 * the text normalisation used to compare surface strings.
 */

/**
 * Counts and scores of one layer. precision = tp / (tp + fp), recall = tp / (tp + fn),
 * F1 = their harmonic mean; each is 0 when its denominator is 0, except that a layer with no
 * gold and no predictions scores 1 (nothing to find, nothing wrongly found).
 */
export interface LayerScore {
  layer: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Accuracy of an attribute over the matched items that have a gold value for it. */
export interface Accuracy {
  name: string;
  correct: number;
  total: number;
  /** correct / total, or 1 when total is 0. */
  accuracy: number;
}

/**
 * One miss. `kind`: `FN` a gold item not found; `FP` a predicted item not in the gold;
 * `WRONG` a matched item with a wrong attribute; `VIOLATION` a prediction the gold forbids
 * (must_not, not_dates…); `SKIP` a gold item that cannot be scored (with the reason).
 */
export interface Miss {
  layer: string;
  kind: 'FN' | 'FP' | 'WRONG' | 'VIOLATION' | 'SKIP';
  /** The gold or predicted item, in a few words. */
  item: string;
  detail?: string;
  /** Case id, for the cases scorer. */
  caseId?: string;
}

/** A LayerScore from counts. */
export function score(layer: string, tp: number, fp: number, fn: number): LayerScore {
  if (tp + fp + fn === 0) return { layer, tp, fp, fn, precision: 1, recall: 1, f1: 1 };
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { layer, tp, fp, fn, precision, recall, f1 };
}

/** An Accuracy from counts. */
export function accuracy(name: string, correct: number, total: number): Accuracy {
  return { name, correct, total, accuracy: total ? correct / total : 1 };
}

/**
 * Normalise a surface string for comparison: Unicode NFKC, curly quotes and dashes to ASCII,
 * lower case, whitespace collapsed, a leading "the " and surrounding punctuation removed.
 */
export function norm(s: string | undefined | null): string {
  if (!s) return '';
  const t = s
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '');
  return trimPunct(t);
}

/** Punctuation trimmed from both ends by {@link norm}; a linear scan (no backtracking). */
const PUNCT = new Set(' "\'.,;:!?()[]-…'.split(''));

function trimPunct(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && PUNCT.has(s[a])) a++;
  while (b > a && PUNCT.has(s[b - 1])) b--;
  return s.slice(a, b);
}

/** Strip a trailing parenthetical comment from a gold string: "May (surname)" → "May". */
export function stripNote(s: string): string {
  const t = s.trimEnd();
  if (!t.endsWith(')')) return t.trim();
  const open = t.lastIndexOf('(');
  return open > 0 ? t.slice(0, open).trim() : t.trim();
}

/** True when two strings, normalised, are equal or one contains the other (lenient span match). */
export function overlaps(a: string, b: string): boolean {
  const x = norm(a);
  const y = norm(b);
  if (!x || !y) return false;
  return x === y || x.includes(y) || y.includes(x);
}
