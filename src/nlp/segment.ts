import winkNLP, { type ItemSentence } from 'wink-nlp';
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
    const wdoc = nlp.readDoc(chunk);
    let cursor = 0;
    wdoc.sentences().each((s: ItemSentence) => {
      const values = s.tokens().out(its.value) as string[];
      const pos = s.tokens().out(its.pos) as string[];
      const lemmas = s.tokens().out(its.lemma as unknown as typeof its.value) as string[];
      const sentIndex = sentences.length;
      let sStart = -1;
      let sEnd = -1;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (pos[i] === 'SPACE' || !v.trim()) continue;
        const at = chunk.indexOf(v, cursor);
        if (at < 0 || at - cursor > 200) continue;
        cursor = at + v.length;
        const start = pStart + at;
        const end = start + v.length;
        if (sStart < 0) sStart = start;
        sEnd = end;
        tokens.push({ start, end, text: v, pos: pos[i], lemma: lemmas[i]?.toLowerCase(), sentence: sentIndex });
      }
      if (sStart >= 0) sentences.push({ start: sStart, end: sEnd, paragraph });
    });
    paragraph++;
  }
  return { sentences, tokens };
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
