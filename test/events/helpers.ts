/**
 * Test helpers: build a Doc by hand (segmentation by the real `segment` stage code, hand-made
 * mentions/entities/timexes/places) and run the event coder on it.
 */
import { createDoc, type Doc, type MentionType, type Place } from '../../src/doc/types.js';
import { createContext, type Context } from '../../src/context.js';
import { segment, wink } from '../../src/nlp/segment.js';
import { eventsStage } from '../../src/events/stage.js';

/** A hand-made entity: every occurrence of each surface form becomes a mention. */
export interface EntSpec {
  forms: string[];
  type: MentionType;
  actor?: string;
  metonymy?: string;
  country?: string;
  place?: { name: string; geonamesId: number; lat: number; lon: number; country: string; featureCode: string };
}

export const ctx: Context = createContext();

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Build a Doc from text, entity specs and timexes `[surface, TIMEX3 value]`. */
export function makeDoc(text: string, ents: EntSpec[], timexes: Array<[string, string]> = [], meta: { published?: string; dateline?: string } = {}): Doc {
  const doc = createDoc(text, { published: meta.published ?? '2024-03-05', publishedSource: 'given', dateline: meta.dateline });
  doc.text = text;
  const { sentences, tokens } = segment(wink(ctx), text);
  doc.sentences = sentences;
  doc.tokens = tokens;
  const taken: Array<[number, number]> = [];
  ents.forEach((e, ei) => {
    const id = `e${ei}`;
    const mentionIds: string[] = [];
    // longest forms first, whole words only, no overlaps
    for (const f of [...e.forms].sort((a, b) => b.length - a.length)) {
      const re = new RegExp(`(?<![\\w])${escapeRe(f)}(?![\\w])`, 'g');
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const s = m.index;
        const en = s + f.length;
        if (taken.some(([a, b]) => s < b && en > a)) continue;
        taken.push([s, en]);
        const mid = `m${doc.mentions.length}`;
        doc.mentions.push({ id: mid, start: s, end: en, text: f, type: e.type, entityId: id });
        mentionIds.push(mid);
        if (e.place) {
          const p: Place = { start: s, end: en, text: f, ...e.place, mentionId: mid };
          doc.places.push(p);
        }
      }
    }
    doc.entities.push({ id, name: e.forms[0], type: e.type, mentions: e.forms, mentionIds, actor: e.actor, metonymy: e.metonymy, country: e.country });
  });
  doc.mentions.sort((a, b) => a.start - b.start);
  doc.places.sort((a, b) => a.start - b.start);
  timexes.forEach(([t, v], i) => {
    const s = text.indexOf(t);
    if (s >= 0) doc.timexes.push({ id: `t${i}`, start: s, end: s + t.length, text: t, type: 'DATE', value: v });
  });
  doc.timexes.sort((a, b) => a.start - b.start);
  return doc;
}

/** Run the events stage on a hand-made Doc and return its events. */
export async function code(doc: Doc) {
  await eventsStage.run(doc, ctx);
  return doc.events;
}

/** Compact view of an event: "SRC CODE TGT modality". */
export function brief(e: Doc['events'][number]): string {
  return `${e.source.actor} ${e.cameo} ${e.target?.actor ?? '-'} ${e.modality}`;
}
