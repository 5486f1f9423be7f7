import type { UdSentence } from '../nlp/models/io.js';
import { universalRelation } from '../nlp/models/parser.js';

/** Word-level parsing scores in percent, as the CoNLL 2018 shared task defines them for gold tokenization. */
export interface ParseScores {
  words: number;
  /** UPOS accuracy. */
  upos: number;
  /** Unlabelled attachment score: words with the right head. */
  uas: number;
  /** Labelled attachment score: right head and right universal relation (subtypes ignored). */
  las: number;
}

/**
 * Score predicted against gold CoNLL-U sentences word by word (same tokenization; punctuation
 * included, as in CoNLL 2018; relation subtypes ignored for LAS).
 * @throws Error when the sentence or word counts differ.
 */
export function scoreParse(gold: readonly UdSentence[], pred: readonly UdSentence[]): ParseScores {
  if (gold.length !== pred.length) throw new Error(`${gold.length} gold sentences but ${pred.length} predicted`);
  let n = 0;
  let upos = 0;
  let uas = 0;
  let las = 0;
  gold.forEach((g, s) => {
    const p = pred[s];
    if (g.words.length !== p.words.length) throw new Error(`sentence ${s + 1}: ${g.words.length} gold words but ${p.words.length} predicted`);
    g.words.forEach((w, i) => {
      const q = p.words[i];
      n++;
      if (w.upos === q.upos) upos++;
      if (w.head === q.head) {
        uas++;
        if (universalRelation(w.deprel) === universalRelation(q.deprel)) las++;
      }
    });
  });
  const pc = (x: number) => (n ? (100 * x) / n : 0);
  return { words: n, upos: pc(upos), uas: pc(uas), las: pc(las) };
}

/** One line per figure, as `dateline eval parse` prints them. */
export function renderParseScores(s: ParseScores): string {
  return [`words: ${s.words}`, `UPOS: ${s.upos.toFixed(2)}`, `UAS:  ${s.uas.toFixed(2)}`, `LAS:  ${s.las.toFixed(2)}`].join('\n');
}
