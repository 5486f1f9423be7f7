import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Doc, Sentence, Token } from '../doc/types.js';
import type { Context } from '../context.js';
import type { Stage } from '../stage.js';

/** The wink-nlp instance with its English "lite web" model (loaded once per context; ~1 s). */
export type Wink = ReturnType<typeof winkNLP>;

/** The shared wink-nlp instance of a context. */
export function wink(ctx: Context): Wink {
  return ctx.resource('wink', () => winkNLP(model, ['sbd', 'pos']));
}

/**
 * Split `text` into sentences and tokens with Universal Dependencies UPOS tags (wink-nlp with
 * wink-eng-lite-web-model; its tokenizer splits hyphens, slashes and clitics: "would" + "n't").
 *
 * A blank line always ends a sentence (paragraph boundary), and `paragraph` counts blank-line
 * separated blocks from 0. Whitespace tokens are dropped. Offsets are UTF-16 code units into
 * `text`; a token whose surface cannot be found where expected is skipped rather than misplaced.
 * A run of more than {@link MAX_RUN} non-space characters is cut (see {@link breakLongRuns}).
 *
 * @returns sentences (spans trimmed of surrounding white space) and tokens (each with `sentence`).
 */
export function segment(nlp: Wink, text: string): { sentences: Sentence[]; tokens: Token[] } {
  const its = nlp.its;
  const sentences: Sentence[] = [];
  const tokens: Token[] = [];
  // Paragraphs first: wink already breaks at blank lines, but doing it here keeps paragraph
  // indices exact and bounds the work per call.
  const paraRe = /\n[ \t]*\n\s*/g;
  let paraStart = 0;
  let paragraph = 0;
  const paragraphs: Array<[number, number]> = [];
  for (let m = paraRe.exec(text); m; m = paraRe.exec(text)) {
    paragraphs.push([paraStart, m.index]);
    paraStart = m.index + m[0].length;
  }
  paragraphs.push([paraStart, text.length]);
  for (const [pStart, pEnd] of paragraphs) {
    const chunk = text.slice(pStart, pEnd);
    if (!chunk.trim()) continue;
    const masked = breakLongRuns(chunk);
    const wdoc = nlp.readDoc(masked);
    // one pass over the paragraph's tokens (three `out` calls), cut at the sentences' token spans
    const values = wdoc.tokens().out(its.value) as string[];
    const pos = wdoc.tokens().out(its.pos) as string[];
    const lemmas = wdoc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
    const spans = wdoc.sentences().out(its.span) as unknown as Array<[number, number]>;
    let cursor = 0;
    for (const [first, last] of spans) {
      const sentIndex = sentences.length;
      let sStart = -1;
      let sEnd = -1;
      for (let i = first; i <= last; i++) {
        const w = values[i];
        if (pos[i] === 'SPACE' || !w.trim()) continue;
        // look for the token at most 200 code units ahead (a bounded window keeps this linear)
        const at = findAhead(masked, w, cursor, 200);
        if (at < 0) continue;
        const v = chunk.slice(at, at + w.length);
        cursor = at + w.length;
        const start = pStart + at;
        const end = start + v.length;
        if (sStart < 0) sStart = start;
        sEnd = end;
        tokens.push({ start, end, text: v, pos: pos[i], lemma: lemmas[i]?.toLowerCase(), sentence: sentIndex });
      }
      if (sStart >= 0) sentences.push({ start: sStart, end: sEnd, paragraph });
    }
    paragraph++;
  }
  return { sentences, tokens };
}

/**
 * First position `p` of `w` in `text` with `from` ≤ p ≤ `from + window`, or -1. Same answer as
 * `text.slice(from, from + window + w.length).indexOf(w)` (+ `from`), without the copy: white
 * space is skipped first and a token that starts right there is the usual case.
 */
function findAhead(text: string, w: string, from: number, window: number): number {
  let p = from;
  while (p < text.length && isSpaceUnit(text.charCodeAt(p))) p++;
  if (p - from <= window && !isSpaceUnit(w.charCodeAt(0)) && text.startsWith(w, p)) return p;
  const rel = text.slice(from, from + window + w.length).indexOf(w);
  return rel < 0 || rel > window ? -1 : from + rel;
}

/** The white-space code units skipped before a token (ASCII white space, NBSP, U+2000–U+200A, U+3000). */
function isSpaceUnit(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x3000;
}

/**
 * Longest run of non-space characters handed to wink-nlp whole, in UTF-16 code units. wink's
 * tokenizer takes time growing with the square of a run's length (measured: 16,000 hyphenated
 * letters 1.1 s, 4,000 0.1 s), so a longer run (a hostile input, a base64 blob) is cut.
 */
export const MAX_RUN = 128;

/**
 * `text` with a space put in place of one character every {@link MAX_RUN} code units of any
 * longer run of non-space characters (never a surrogate, so no pair is split); same length, so
 * offsets into it are offsets into `text`.
 */
export function breakLongRuns(text: string): string {
  if (text.length <= MAX_RUN) return text;
  let out: string[] | undefined;
  let run = 0;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x3000) {
      run = 0;
      continue;
    }
    if (++run > MAX_RUN && (c < 0xd800 || c > 0xdfff)) {
      (out ??= []).push(text.slice(last, i), ' ');
      last = i + 1;
      run = 0;
    }
  }
  if (!out) return text;
  out.push(text.slice(last));
  return out.join('');
}

/** The `segment` stage: sentences, tokens and UPOS tags (wink-nlp). */
export const segmentStage: Stage = {
  name: 'segment',
  requires: ['text'],
  provides: ['sentences', 'tokens'],
  run(doc: Doc, ctx: Context) {
    const { sentences, tokens } = segment(wink(ctx), doc.text);
    doc.sentences = sentences;
    doc.tokens = tokens;
  },
};
