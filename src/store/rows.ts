/**
 * Rows and queries shared by the SQLite and PostgreSQL stores, so that both store the same
 * values and answer a filter with the same conditions.
 */
import { createHash } from 'node:crypto';
import type { Doc } from '../doc/types.js';
import { bandKeys, minhash, signatureToBytes } from '../cluster/minhash.js';
import { clusterText, publisherOf, type RealEvent } from '../cluster/dedup.js';
import type { EventFilter, RealEventFilter, StoredEvent } from './store.js';

/** sha256 hex of a text (UTF-8): the content hash used when a Doc arrives without an id. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** sha256 hex of raw input bytes: the key of the `inputs` table and of queue jobs. */
export function rawHash(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** Columns of the `stories` table other than the Doc JSON and its encoding, in insert order. */
export const STORY_COLUMNS = [
  'id', 'input', 'title', 'url', 'published', 'published_source', 'language', 'original_publisher',
  'is_reprint', 'copyright_year', 'text', 'publisher', 'minhash', 'created_at',
] as const;

/** The `stories` row of a Doc (without the Doc JSON), its MinHash signature and its LSH band keys. */
export function storyRow(doc: Doc, id: string): { row: Record<(typeof STORY_COLUMNS)[number], unknown>; bands: string[] } {
  const m = doc.meta ?? { publishedSource: 'unknown' };
  const sig = minhash(clusterText(m.title, doc.text ?? ''));
  return {
    row: {
      id,
      input: str(m.input),
      title: str(m.title),
      url: str(m.url),
      published: str(m.published),
      published_source: str(m.publishedSource),
      language: str(m.language),
      original_publisher: str(m.originalPublisher),
      is_reprint: m.isReprint == null ? null : m.isReprint ? 1 : 0,
      copyright_year: num(m.copyrightYear),
      text: doc.text,
      publisher: publisherOf(m),
      minhash: signatureToBytes(sig),
      created_at: new Date().toISOString(),
    },
    bands: bandKeys(sig),
  };
}

/** Columns of the `events` table, in insert order. */
export const EVENT_COLUMNS = [
  'story_id', 'ord', 'event_id', 'cameo', 'root', 'quad_class', 'goldstein', 'plover', 'source_text', 'source_actor',
  'target_text', 'target_actor', 'date', 'place_name', 'geonames_id', 'lat', 'lon', 'modality', 'sentence_start',
  'sentence_end', 'trigger_start', 'trigger_end', 'trigger_text',
] as const;

/** The `events` rows of a Doc, as value arrays in {@link EVENT_COLUMNS} order. */
export function eventRows(doc: Doc, id: string): unknown[][] {
  return doc.events.map((e, ord) => [
    id, ord, e.id, e.cameo, e.root, num(e.quadClass), num(e.goldstein), e.plover ?? null, e.source.text, e.source.actor,
    e.target?.text ?? null, e.target?.actor ?? null, e.date ?? null, e.place?.name ?? null, num(e.place?.geonamesId),
    num(e.place?.lat), num(e.place?.lon), e.modality, e.sentence.start, e.sentence.end, e.trigger.start, e.trigger.end,
    e.trigger.text,
  ]);
}

/** Columns of the `entities` table, in insert order. */
export const ENTITY_COLUMNS = ['story_id', 'ord', 'entity_id', 'name', 'type', 'actor', 'geonames_id', 'country'] as const;

/** The `entities` rows of a Doc, as value arrays in {@link ENTITY_COLUMNS} order. */
export function entityRows(doc: Doc, id: string): unknown[][] {
  return doc.entities.map((en, ord) => [id, ord, en.id, en.name, en.type, en.actor ?? null, num(en.geonamesId), en.country ?? null]);
}

/** A row of the `events` table as read back. */
export interface EventRow {
  story_id: string;
  event_id: string;
  cameo: string;
  root: string;
  quad_class: number;
  goldstein: number;
  plover: string | null;
  source_text: string;
  source_actor: string;
  target_text: string | null;
  target_actor: string | null;
  date: string | null;
  place_name: string | null;
  geonames_id: number | string | null;
  lat: number | null;
  lon: number | null;
  modality: StoredEvent['modality'];
  sentence_start: number;
  sentence_end: number;
  trigger_start: number;
  trigger_end: number;
  trigger_text: string;
}

const n = (v: number | string | null): number | null => (v === null || v === undefined ? null : Number(v));

/** A stored event from its row (PostgreSQL returns bigint and numeric columns as strings: converted here). */
export function toStoredEvent(r: EventRow): StoredEvent {
  return {
    storyId: r.story_id,
    eventId: r.event_id,
    cameo: r.cameo,
    root: r.root,
    quadClass: n(r.quad_class) as number,
    goldstein: n(r.goldstein) as number,
    plover: r.plover,
    sourceText: r.source_text,
    sourceActor: r.source_actor,
    targetText: r.target_text,
    targetActor: r.target_actor,
    date: r.date,
    placeName: r.place_name,
    geonamesId: n(r.geonames_id),
    lat: n(r.lat),
    lon: n(r.lon),
    modality: r.modality,
    sentenceStart: n(r.sentence_start) as number,
    sentenceEnd: n(r.sentence_end) as number,
    triggerStart: n(r.trigger_start) as number,
    triggerEnd: n(r.trigger_end) as number,
    triggerText: r.trigger_text,
  };
}

/** A row of the `real_events` table as read back. */
export interface RealEventRow {
  id: string;
  source_actor: string;
  target_actor: string | null;
  root: string;
  cameo: string;
  date: string | null;
  status: 'happened' | 'planned';
  geonames_id: number | string | null;
  place_name: string | null;
  lat: number | null;
  lon: number | null;
  num_mentions: number | string;
  num_sources: number | string;
  num_articles: number | string;
  num_clusters: number | string;
}

/** A real event from its row. */
export function toRealEvent(r: RealEventRow): RealEvent {
  return {
    id: r.id,
    sourceActor: r.source_actor,
    targetActor: r.target_actor,
    root: r.root,
    cameo: r.cameo,
    date: r.date,
    status: r.status,
    geonamesId: n(r.geonames_id),
    placeName: r.place_name,
    lat: n(r.lat),
    lon: n(r.lon),
    numMentions: Number(r.num_mentions),
    numSources: Number(r.num_sources),
    numArticles: Number(r.num_articles),
    numClusters: Number(r.num_clusters),
  };
}

/** The `real_events` row values of a real event, in {@link REAL_EVENT_COLUMNS} order. */
export function realEventValues(e: RealEvent): unknown[] {
  return [e.id, e.sourceActor, e.targetActor, e.root, e.cameo, e.date, e.status, e.geonamesId, e.placeName, e.lat, e.lon,
    e.numMentions, e.numSources, e.numArticles, e.numClusters];
}

/** Columns of the `real_events` table, in insert order. */
export const REAL_EVENT_COLUMNS = [
  'id', 'source_actor', 'target_actor', 'root', 'cameo', 'date', 'status', 'geonames_id', 'place_name', 'lat', 'lon',
  'num_mentions', 'num_sources', 'num_articles', 'num_clusters',
] as const;

/**
 * The WHERE conditions and parameters of an event filter, for either SQL dialect: `param(v)`
 * returns the placeholder for a new parameter (`?` for SQLite, `$n` for PostgreSQL). Prefix
 * matches are half-open ranges `[x, x + U+FFFF)`, which use the btree indexes (PostgreSQL's code
 * columns are `COLLATE "C"`, so they compare as SQLite does, code unit by code unit).
 * With `actorSide`, the actor condition tests that side only (a branch of the date cutoff, see
 * {@link cutoffBranches}). With `cutoff`, rows must also have `column <= date` (`column` is
 * `date`, or `+date` in SQLite to keep the planner off the date index); with an actor filter the
 * bound is repeated inside both sides of its OR.
 */
export function eventWhere(
  filter: EventFilter | RealEventFilter,
  param: (v: unknown) => string,
  actorSide?: 'source' | 'target',
  cutoff?: { date: string; column: string },
): string[] {
  const where: string[] = [];
  const f = filter as EventFilter;
  const bound = () => (cutoff ? ` AND ${cutoff.column} <= ${param(cutoff.date)}` : '');
  if (f.actor) {
    const end = f.actor + '\uffff';
    if (actorSide) where.push(`${actorSide}_actor >= ${param(f.actor)} AND ${actorSide}_actor < ${param(end)}`);
    else {
      // the cutoff goes inside each side, where the (actor, date) index can test it
      where.push(
        `((source_actor >= ${param(f.actor)} AND source_actor < ${param(end)}${bound()}) OR (target_actor >= ${param(f.actor)} AND target_actor < ${param(end)}${bound()}))`,
      );
    }
  }
  if (cutoff && (!f.actor || actorSide)) where.push(`${cutoff.column} <= ${param(cutoff.date)}`);
  if (f.cameo) where.push(`cameo >= ${param(f.cameo)} AND cameo < ${param(f.cameo + '\uffff')}`);
  if (f.root) where.push(`root = ${param(f.root)}`);
  if (f.quadClass != null) where.push(`quad_class = ${param(f.quadClass)}`);
  if (f.from) where.push(`date >= ${param(f.from)}`);
  if (f.to) where.push(`date < ${param(f.to + '\uffff')}`);
  if (f.modality) where.push(`modality = ${param(f.modality)}`);
  if (f.storyId) where.push(`story_id = ${param(f.storyId)}`);
  if (f.bbox) {
    const [minLon, minLat, maxLon, maxLat] = f.bbox.map(Number);
    if (![minLon, minLat, maxLon, maxLat].every(Number.isFinite)) throw new RangeError('bbox must be four numbers');
    where.push(`lat BETWEEN ${param(minLat)} AND ${param(maxLat)} AND lon BETWEEN ${param(minLon)} AND ${param(maxLon)}`);
  }
  return where;
}

/**
 * Whether {@link queryEvents} should first look up the date of the last wanted row (the "date
 * cutoff", see the stores' `queryEvents`): yes for filters that can match many thousand events
 * (actor, code, root, quad class, modality, date range, or none), no when a story id or a
 * bounding box already narrows the rows to a few dozen (the plain query is then one cheap step).
 */
export function useDateCutoff(filter: EventFilter): boolean {
  return !filter.storyId && !filter.bbox;
}

/**
 * The branches whose cutoff dates bound an event query's cutoff: an actor filter matches source
 * OR target actor, so each side is asked on its own (each reads its own (actor, date) index
 * alone); the n-th date of either side is at or after the n-th date of their union, so the
 * earlier of the two is a safe cutoff. Other filters: one branch.
 */
export function cutoffBranches(filter: EventFilter): Array<'source' | 'target' | undefined> {
  return filter.actor ? ['source', 'target'] : [undefined];
}

/** The earlier of the branch cutoffs that are dates (a branch with fewer rows, or whose cutoff row has no date, bounds nothing); undefined when none does. */
export function earliestCutoff(cutoffs: unknown[]): string | undefined {
  let best: string | undefined;
  for (const c of cutoffs) if (typeof c === 'string' && (best === undefined || c < best)) best = c;
  return best;
}

/** `limit` and `offset` of a filter, clamped (default 1000, at most 100000; offset ≥ 0). */
export function paging(filter: { limit?: number; offset?: number }): { limit: number; offset: number } {
  return {
    limit: Math.min(100_000, Math.max(0, Math.floor(filter.limit ?? 1000))),
    offset: Math.max(0, Math.floor(filter.offset ?? 0)),
  };
}

/**
 * The stored form of a Doc's JSON with its `tokens` layer packed (the bulk of a Doc: ~70% of its
 * JSON): each token `{start, end, text, pos, lemma, sentence}` becomes `[start, end − start,
 * pos, sentence]` plus the lemma only when it differs from the lower-cased token text; the token
 * text is `text.slice(start, end)`. Lossless: when a token's text is not that slice, or it has
 * other fields, the layer is kept as is. {@link unpackDocJSON} restores the full Doc.
 */
export function packDocJSON(doc: Doc, id: string): string {
  const { raw: _r, extracted: _e, tokens, ...rest } = doc;
  const text = doc.text ?? '';
  const packed: unknown[] = [];
  let ok = Array.isArray(tokens);
  for (const t of tokens ?? []) {
    if (!onlyTokenKeys(t) || !(t.start >= 0) || t.end - t.start !== t.text.length || !text.startsWith(t.text, t.start)) {
      ok = false;
      break;
    }
    const row: unknown[] = [t.start, t.end - t.start, t.pos, t.sentence];
    if (t.lemma !== undefined && t.lemma !== t.text.toLowerCase()) row.push(t.lemma);
    else if (t.lemma === undefined) row.push(null);
    packed.push(row);
  }
  return JSON.stringify(ok ? { ...rest, id, tokens: undefined, packedTokens: packed } : { ...rest, id, tokens });
}

const TOKEN_KEYS = new Set(['start', 'end', 'text', 'pos', 'lemma', 'sentence']);

/** True when every own enumerable key of a token is one {@link packDocJSON} knows how to pack. */
function onlyTokenKeys(t: object): boolean {
  for (const k in t) if (!TOKEN_KEYS.has(k)) return false;
  return true;
}

/** The Doc JSON object from its stored form (see {@link packDocJSON}); a Doc stored unpacked passes through. */
export function unpackDocJSON(json: string): object {
  const v = JSON.parse(json) as Record<string, unknown> & { text: string; packedTokens?: unknown[][] };
  if (!Array.isArray(v.packedTokens)) return v;
  const text = v.text;
  const tokens = v.packedTokens.map((r) => {
    const start = r[0] as number;
    const end = start + (r[1] as number);
    const t: Record<string, unknown> = { start, end, text: text.slice(start, end), pos: r[2] };
    if (r.length < 5) t.lemma = (t.text as string).toLowerCase();
    else if (r[4] !== null) t.lemma = r[4];
    t.sentence = r[3];
    return t;
  });
  const { packedTokens: _p, ...rest } = v;
  return { ...rest, tokens };
}

/**
 * Migration 4, the same SQL in both backends: composite (source actor, date), (target actor,
 * date), (CAMEO code, date) and (root, date) event indexes replace the single-column ones, so an
 * actor or code filter sorted by date is read from one index.
 */
export const COMPOSITE_EVENT_INDEXES = {
  version: 4,
  description: 'composite (actor, date), (code, date), (root, date) event indexes',
  sql: `
      CREATE INDEX events_source_actor_date ON events(source_actor, date);
      CREATE INDEX events_target_actor_date ON events(target_actor, date);
      CREATE INDEX events_cameo_date ON events(cameo, date);
      CREATE INDEX events_root_date ON events(root, date);
      DROP INDEX events_source_actor;
      DROP INDEX events_target_actor;
      DROP INDEX events_cameo;
      DROP INDEX events_root;
    `,
} as const;
