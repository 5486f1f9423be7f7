import type { Doc, Token } from '../doc/types.js';

/**
 * A word: one or more tokens written without space between them and joined by a hyphen, slash or
 * dot ("Qasym-Zhomart", "RFE/RL", "Iskander-M", "U.S."), since wink-nlp splits those into
 * separate tokens. Offsets are UTF-16 code units into `doc.text`.
 */
export interface Word {
  start: number;
  end: number;
  text: string;
  /** UPOS of the word: PROPN when any of its tokens is PROPN, else the first token's tag. */
  pos: string;
  /** Lower-cased lemma of the last token. */
  lemma: string;
  /** Index of the word's first token in `doc.tokens`. */
  token: number;
  /** Index of the sentence. */
  sentence: number;
}

const JOINERS = new Set(['-', '/', '–', '&']);

/**
 * Glue tokens into words (see {@link Word}). Possessive clitics ("'s", "’s") and contractions
 * ("n't") stay separate words.
 */
export function toWords(doc: Pick<Doc, 'text' | 'tokens'>): Word[] {
  const out: Word[] = [];
  const toks: Token[] = doc.tokens;
  let i = 0;
  while (i < toks.length) {
    let j = i;
    // Extend while the next token touches this one and the joint is a joiner character.
    while (j + 1 < toks.length && toks[j + 1].sentence === toks[i].sentence && toks[j + 1].start === toks[j].end) {
      const next = toks[j + 1];
      const cur = toks[j];
      const joinHere = JOINERS.has(next.text) || JOINERS.has(cur.text);
      const dotted = cur.text.length === 1 && /[A-Z]/.test(cur.text) && next.text === '.';
      if (!(joinHere || dotted)) break;
      // a joiner must be followed by a word character to glue ("Russia-" at a line end stays apart)
      if (JOINERS.has(next.text) && !(j + 2 < toks.length && toks[j + 2].start === next.end)) break;
      j++;
    }
    const first = toks[i];
    const last = toks[j];
    let pos = first.pos;
    for (let k = i; k <= j; k++) if (toks[k].pos === 'PROPN') pos = 'PROPN';
    out.push({
      start: first.start,
      end: last.end,
      text: doc.text.slice(first.start, last.end),
      pos,
      lemma: (last.lemma ?? last.text).toLowerCase(),
      token: i,
      sentence: first.sentence,
    });
    i = j + 1;
  }
  return out;
}

/** True when the word starts with an upper-case letter (any script with case). */
export function isCapitalized(w: string): boolean {
  const c = w.charAt(0);
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

/** True when the word is written in capitals only (at least two letters), e.g. "CSTO", "RFE/RL". */
export function isAllCaps(w: string): boolean {
  const letters = w.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}
