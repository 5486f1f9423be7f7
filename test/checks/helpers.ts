/**
 * Test helpers for the quotes, quantities and checks tests: build a Doc from a sentence with the
 * real `segment` stage (wink-nlp tokens and UPOS), and, when asked, the `mentions` and `entities`
 * stages if they load.
 */
import { createDoc, type Doc, type DocMeta } from '../../src/doc/types.js';
import { createContext, type Context } from '../../src/context.js';
import { segmentStage } from '../../src/nlp/segment.js';

/** One shared context for all tests of a file (wink-nlp loads once). */
export const ctx: Context = createContext();

/** A Doc whose text is `text`, segmented into sentences and tokens. */
export async function segmented(text: string, meta: Partial<DocMeta> = {}): Promise<Doc> {
  const doc = createDoc(text, meta);
  doc.text = text;
  await segmentStage.run(doc, ctx);
  return doc;
}

/**
 * A Doc with mentions and entities too, using the project's `mentions` and `entities` stages when
 * they load and run; otherwise only segmented (speakers then come from the text alone).
 */
export async function withEntities(text: string, meta: Partial<DocMeta> = {}): Promise<Doc> {
  const doc = await segmented(text, meta);
  try {
    const { mentionsStage } = await import('../../src/nlp/mentions.js');
    const { entitiesStage } = await import('../../src/link/entities.js');
    await mentionsStage.run(doc, ctx);
    await entitiesStage.run(doc, ctx);
  } catch {
    doc.mentions = [];
    doc.entities = [];
  }
  return doc;
}
