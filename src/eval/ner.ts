import { chunksOf } from '../nlp/models/chunks.js';

/** Precision, recall and F1 (percentages 0..100) with the phrase counts behind them. */
export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  /** Phrases found by the system. */
  found: number;
  /** Phrases in the gold data. */
  gold: number;
  /** Phrases found with the right span and type. */
  correct: number;
}

/** conlleval's report: token accuracy, overall and per-type phrase-level P/R/F1. */
export interface ConllevalReport {
  tokens: number;
  /** Token accuracy in percent (tags compared as strings, `O` included). */
  accuracy: number;
  overall: PRF;
  byType: Record<string, PRF>;
}

function prf(correct: number, found: number, gold: number): PRF {
  const precision = found ? (100 * correct) / found : 0;
  const recall = gold ? (100 * correct) / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, found, gold, correct };
}

/**
 * Score predicted against gold tag sequences the way CoNLL's `conlleval` does (phrase-level:
 * a phrase is correct only when its span and type both match; phrases read from IOB1, IOB2, IOE
 * or IOBES/BILOU tags with conlleval's start/end-of-chunk rules; sentences are independent).
 * @param gold gold tags per sentence
 * @param guess predicted tags per sentence (same lengths)
 * @throws Error when a sentence's lengths differ
 */
export function conlleval(gold: ReadonlyArray<readonly string[]>, guess: ReadonlyArray<readonly string[]>): ConllevalReport {
  let tokens = 0;
  let right = 0;
  const counts = new Map<string, { c: number; f: number; g: number }>();
  const get = (t: string) => {
    let x = counts.get(t);
    if (!x) counts.set(t, (x = { c: 0, f: 0, g: 0 }));
    return x;
  };
  for (let s = 0; s < gold.length; s++) {
    const g = gold[s];
    const p = guess[s];
    if (g.length !== p.length) throw new Error(`sentence ${s + 1}: ${g.length} gold tags but ${p.length} predicted`);
    for (let i = 0; i < g.length; i++) {
      tokens++;
      if (g[i] === p[i]) right++;
    }
    const gc = chunksOf(g);
    const pc = chunksOf(p);
    const key = (c: { start: number; end: number; type: string }) => `${c.start}:${c.end}:${c.type}`;
    const gs = new Set(gc.map(key));
    for (const c of gc) get(c.type).g++;
    for (const c of pc) {
      get(c.type).f++;
      if (gs.has(key(c))) get(c.type).c++;
    }
  }
  let c = 0;
  let f = 0;
  let gg = 0;
  const byType: Record<string, PRF> = {};
  for (const t of [...counts.keys()].sort()) {
    const x = counts.get(t)!;
    byType[t] = prf(x.c, x.f, x.g);
    c += x.c;
    f += x.f;
    gg += x.g;
  }
  return { tokens, accuracy: tokens ? (100 * right) / tokens : 0, overall: prf(c, f, gg), byType };
}

/** conlleval's text report (same layout and 2-decimal figures). */
export function renderConlleval(r: ConllevalReport): string {
  const o = r.overall;
  const lines = [
    `processed ${r.tokens} tokens with ${o.gold} phrases; found: ${o.found} phrases; correct: ${o.correct}.`,
    `accuracy: ${r.accuracy.toFixed(2)}%; precision: ${o.precision.toFixed(2)}%; recall: ${o.recall.toFixed(2)}%; FB1: ${o.f1.toFixed(2)}`,
  ];
  for (const [t, x] of Object.entries(r.byType))
    lines.push(`${t.padStart(17)}: precision: ${x.precision.toFixed(2)}%; recall: ${x.recall.toFixed(2)}%; FB1: ${x.f1.toFixed(2)}  ${x.found}`);
  return lines.join('\n');
}
