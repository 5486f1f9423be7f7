import { createContext } from '../../src/context.js';
import { segment, wink } from '../../src/nlp/segment.js';
import type { Sentence, Token } from '../../src/doc/types.js';

const ctx = createContext();

/** Sentences and UPOS tokens of `text` from the project's wink-nlp segmenter. */
export function segmentText(text: string): { sentences: Sentence[]; tokens: Token[] } {
  return segment(wink(ctx), text);
}
