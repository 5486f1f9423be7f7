/**
 * The `events` stage: codes who did what to whom, when and where (CAMEO + PLOVER) from the
 * sentences, tokens, mentions, entities (with actor codes), timexes and places of a Doc.
 */
import type { Doc, Place } from '../doc/types.js';
import type { Context } from '../context.js';
import type { Stage } from '../stage.js';
import { addMessage } from '../doc/types.js';
import { codeDocument } from './coder.js';

type DatelineResolver = (doc: Doc, ctx: Context) => Place | null | undefined;
let geoModule: Promise<{ resolveDateline?: DatelineResolver } | null> | undefined;

/**
 * The place of the document's dateline ("DUSHANBE --"): `resolveDateline` from the geo stage when
 * that module exports it, else the first resolved place whose text equals `meta.dateline`
 * (case-insensitive), else null.
 */
export async function datelinePlace(doc: Doc, ctx: Context): Promise<Place | null> {
  const spec = '../geo/stage.js';
  geoModule ??= import(spec).catch(() => null) as Promise<{ resolveDateline?: DatelineResolver } | null>;
  const geo = await geoModule;
  if (geo && typeof geo.resolveDateline === 'function') {
    try {
      const p = geo.resolveDateline(doc, ctx);
      if (p) return p;
    } catch {
      /* fall back below */
    }
  }
  const d = doc.meta.dateline?.trim().toLowerCase();
  if (!d) return null;
  return doc.places.find((p) => p.text.toLowerCase() === d || p.name.toLowerCase() === d) ?? null;
}

/** The events stage (requires sentences … places, and `coref` for pronoun actors; provides `events`). */
export const eventsStage: Stage = {
  name: 'events',
  requires: ['sentences', 'tokens', 'mentions', 'entities', 'actors', 'coref', 'timexes', 'places'],
  provides: ['events'],
  async run(doc: Doc, ctx: Context) {
    if (!doc.tokens.length) {
      doc.events = [];
      return;
    }
    const dateline = await datelinePlace(doc, ctx);
    try {
      doc.events = codeDocument(doc, ctx, dateline);
    } catch (err) {
      doc.events = [];
      addMessage(doc, 'events', 'W_EVENTS_FAILED', `event coding failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
  },
};
