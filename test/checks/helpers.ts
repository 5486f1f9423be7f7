/**
 * Test helpers for the quotes, quantities and checks tests: build a Doc from a sentence with the
 * real `segment` stage (wink-nlp tokens and UPOS), and, when asked, the `mentions` and `entities`
 * stages if they load.
 */
import { createDoc, type Doc, type DocMeta, type Mention, type MentionType } from '../../src/doc/types.js';
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

/** An entity to mark in a test Doc: every occurrence of each surface becomes a mention. */
export interface TestEntity {
  name: string;
  type: MentionType;
  surfaces: string[];
}

/**
 * Hand-built mentions and entities: each occurrence of each surface (longest surfaces first, no
 * overlaps) becomes a `Mention` linked to its `Entity` (ids `e0`, `e1`, …). Deterministic, so speaker
 * tests do not depend on the NER stage.
 */
export function addEntities(doc: Doc, ents: TestEntity[]): Doc {
  const taken = new Uint8Array(doc.text.length);
  const all = ents.flatMap((e, i) => e.surfaces.map((s) => ({ s, i }))).sort((a, b) => b.s.length - a.s.length);
  const mentions: Mention[] = [];
  for (const { s, i } of all) {
    for (let at = doc.text.indexOf(s); at >= 0; at = doc.text.indexOf(s, at + 1)) {
      const end = at + s.length;
      if (taken.subarray(at, end).some((x) => x)) continue;
      if (/\w/.test(doc.text[end] ?? '') || /\w/.test(doc.text[at - 1] ?? '')) continue;
      taken.fill(1, at, end);
      mentions.push({ id: `m${mentions.length}`, start: at, end, text: s, type: ents[i].type, entityId: `e${i}` });
    }
  }
  mentions.sort((a, b) => a.start - b.start);
  doc.mentions = mentions;
  doc.entities = ents.map((e, i) => ({
    id: `e${i}`,
    name: e.name,
    type: e.type,
    mentions: e.surfaces,
    mentionIds: mentions.filter((m) => m.entityId === `e${i}`).map((m) => m.id),
  }));
  return doc;
}
