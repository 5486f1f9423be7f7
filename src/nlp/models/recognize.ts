import type { Doc, Mention, MentionType } from '../../doc/types.js';
import type { Context } from '../../context.js';
import { toWords } from '../words.js';
import { chunksOf } from './chunks.js';
import { entityRecognizer, type NerResources } from './ner.js';
import { posTagger } from './tagger.js';
import { actorDictionary } from '../../link/actor-dictionary.js';
import { gazetteer } from '../../geo/gazetteer.js';

/** The resources the shipped NER model was trained with, from the context (loaded once per context). */
export function nerResources(ctx: Context): NerResources {
  return ctx.resource('model:ner-resources', () => ({ tagger: posTagger(ctx), actors: actorDictionary(ctx), places: gazetteer(ctx) }));
}

/**
 * Named-entity mentions of a Doc found by the trained recognizer (`data/models/ner.bin`),
 * a drop-in alternative to the rule-based `recognize` of `src/nlp/mentions.ts`.
 *
 * Works on `doc.tokens` (wink-nlp) glued into words with `toWords` (so "Qasym-Zhomart", "RFE/RL",
 * "1996-08-30" are one token each, as in CoNLL-2003's tokenization), one sentence per
 * `doc.sentences` entry, in document order (the model's prediction history spans the document).
 * Mentions get ids `m1`, `m2`, … in text order, `stage: 'mentions'`, confidence 0.8.
 * Offsets are UTF-16 code units into `doc.text`.
 * @throws DatelineError `E_NOT_FOUND` when a model file is missing from `ctx.dataDir/models/`.
 */
export function recognizeWithModel(doc: Pick<Doc, 'text' | 'tokens' | 'sentences'>, ctx: Context): Mention[] {
  const rec = entityRecognizer(ctx);
  const res = nerResources(ctx);
  const words = toWords(doc);
  const bySentence: Array<typeof words> = [];
  for (const w of words) {
    const last = bySentence[bySentence.length - 1];
    if (last && last[0].sentence === w.sentence) last.push(w);
    else bySentence.push([w]);
  }
  const tags = rec.tagDocument(
    bySentence.map((s) => s.map((w) => w.text)),
    res,
  );
  const out: Mention[] = [];
  bySentence.forEach((s, k) => {
    for (const c of chunksOf(tags[k])) {
      const start = s[c.start].start;
      const end = s[c.end - 1].end;
      out.push({ id: `m${out.length + 1}`, start, end, text: doc.text.slice(start, end), type: c.type as MentionType, stage: 'mentions', confidence: 0.8 });
    }
  });
  return out;
}
