/**
 * The server's view of the store: a thin, asynchronous adapter with the queries the HTTP API
 * needs (stories with paging, events with every filter and a total count, aggregates for the
 * timeline, the map and the actor network).
 *
 * Every method returns a Promise, so that the asynchronous PostgreSQL store (`AsyncStore`) can
 * take the SQLite one's place by writing one more implementation of {@link ServeData}; nothing
 * else in `src/serve` touches a database. The SQLite implementation ({@link sqliteServeData})
 * uses the `Store` methods where they fit (`saveDoc`, `getDoc`, `counts`) and parameterized SQL on
 * the store's own better-sqlite3 handle for what the `Store` interface lacks (listing stories,
 * counting and filtering events by actor name, PLOVER type, place, bounding box and text).
 * No value is ever spliced into SQL: every value is a bound parameter.
 */
import type Database from 'better-sqlite3';
import type { Doc, Modality } from '../doc/types.js';
import type { SaveResult, StoreCounts, StoredEvent } from '../store/store.js';
import type { SqliteStore } from '../store/sqlite.js';
import { toStoredEvent, type EventRow } from '../store/rows.js';

/**
 * Filter of the API's event queries. Every field is optional; the fields given are ANDed.
 * Dates are ISO 8601 strings compared with the events' TIMEX3 values; coordinates are decimal
 * degrees (WGS84).
 */
export interface EventQuery {
  /** CAMEO actor code of the source or the target, matched exactly or as a prefix (`RUS` matches `RUSGOV`). */
  actor?: string;
  /** Words of the actor as printed (source or target text, or the entity name), case-insensitive substring. */
  actorName?: string;
  /** CAMEO event code, exact or prefix (`03` matches `0332`). */
  cameo?: string;
  /** Two-digit CAMEO root code. */
  root?: string;
  /** Quad class 1..4. */
  quadClass?: number;
  /** PLOVER event type (CAMEO2PLOVER), e.g. `CONSULT`, case-insensitive. */
  plover?: string;
  /** Earliest event date (ISO 8601), inclusive. */
  from?: string;
  /** Latest event date (ISO 8601), inclusive: values starting with `to` are included. */
  to?: string;
  /** Place name of the event, case-insensitive substring. */
  place?: string;
  /** Bounding box `[minLon, minLat, maxLon, maxLat]`; `minLon > maxLon` crosses the antimeridian. */
  bbox?: [number, number, number, number];
  /** Event modality. */
  modality?: Modality;
  /** Free text: every word must occur in the story (full-text index) or the event's trigger/actor texts hold the phrase. */
  q?: string;
  /** Content hash of one story. */
  storyId?: string;
}

/** Paging: at most `limit` rows after skipping `offset`. */
export interface Paging {
  limit: number;
  offset: number;
}

/** One page of results with the total number of matches. */
export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

/** A stored story, listed without its Doc. */
export interface StorySummary {
  id: string;
  title: string | null;
  url: string | null;
  /** Publication date, ISO 8601, and how it was obtained. */
  published: string | null;
  publishedSource: string | null;
  input: string | null;
  /** When it was stored, ISO 8601 UTC. */
  createdAt: string;
  /** Number of events coded in it. */
  events: number;
}

/** Events per period (day `YYYY-MM-DD` or month `YYYY-MM`) and quad class. */
export interface TimelineBucket {
  period: string;
  count: number;
  /** Counts per quad class, index 0 = quad class 1. */
  byQuad: [number, number, number, number];
}

/** Events grouped by location: one row per coordinate pair. */
export interface PlaceBucket {
  name: string;
  lat: number;
  lon: number;
  /** Number of event records (reports) at this place. */
  count: number;
  /** Number of distinct stories that report an event there. */
  stories: number;
}

/** Events between two actors with one quad class (an edge of the actor network). */
export interface NetworkEdge {
  source: string;
  target: string;
  quadClass: number;
  count: number;
}

/** The store as the HTTP server uses it. All methods are asynchronous; see the module docs. */
export interface ServeData {
  /** Save one analysed story (idempotent by content hash). */
  saveDoc(doc: Doc): Promise<SaveResult>;
  /** The stored Doc, or undefined. */
  getDoc(id: string): Promise<Doc | undefined>;
  /** Stories, newest first. */
  listStories(page: Paging): Promise<Page<StorySummary>>;
  /** Events matching `q`, ordered by date, story and position, with the total count. */
  queryEvents(q: EventQuery, page: Paging): Promise<Page<StoredEvent>>;
  /** Event counts per day or month. */
  timeline(q: EventQuery, granularity: 'day' | 'month'): Promise<TimelineBucket[]>;
  /** Located events grouped by coordinates. */
  places(q: EventQuery): Promise<PlaceBucket[]>;
  /** Source→target edges (actor codes; events without a target are left out). */
  network(q: EventQuery): Promise<NetworkEdge[]>;
  /** Actor names as printed for an actor code (exact code), most frequent first. */
  actorNames(code: string): Promise<string[]>;
  /** Row counts. */
  counts(): Promise<StoreCounts>;
  /** Close the underlying store. */
  close(): Promise<void>;
}

/** Escape `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`. */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

/** Quote every word for FTS5 so that query syntax characters are taken literally. */
function ftsWords(query: string): string {
  return (query.match(/[\p{L}\p{N}_]+/gu) ?? []).map((w) => `"${w}"`).join(' ');
}

/**
 * The WHERE clause and its named parameters for an {@link EventQuery} over the `events` table
 * (aliased `e`). Exported for tests.
 */
export function eventWhere(q: EventQuery): { sql: string; params: Record<string, string | number> } {
  const where: string[] = [];
  const p: Record<string, string | number> = {};
  if (q.actor) {
    where.push('((e.source_actor >= @actor AND e.source_actor < @actorEnd) OR (e.target_actor >= @actor AND e.target_actor < @actorEnd))');
    p.actor = q.actor.toUpperCase();
    p.actorEnd = p.actor + '\uffff';
  }
  if (q.actorName) {
    where.push(`(e.source_text LIKE @actorName ESCAPE '\\' OR e.target_text LIKE @actorName ESCAPE '\\'
      OR EXISTS (SELECT 1 FROM entities n WHERE n.story_id = e.story_id AND n.name LIKE @actorName ESCAPE '\\'
        AND n.actor IS NOT NULL AND (n.actor = e.source_actor OR n.actor = e.target_actor)))`);
    p.actorName = `%${likeEscape(q.actorName)}%`;
  }
  if (q.cameo) {
    where.push('e.cameo >= @cameo AND e.cameo < @cameoEnd');
    p.cameo = q.cameo;
    p.cameoEnd = q.cameo + '\uffff';
  }
  if (q.root) {
    where.push('e.root = @root');
    p.root = q.root;
  }
  if (q.quadClass != null) {
    where.push('e.quad_class = @quadClass');
    p.quadClass = q.quadClass;
  }
  if (q.plover) {
    where.push('upper(e.plover) = @plover');
    p.plover = q.plover.toUpperCase();
  }
  if (q.from) {
    where.push('e.date >= @from');
    p.from = q.from;
  }
  if (q.to) {
    where.push('e.date < @toEnd');
    p.toEnd = q.to + '\uffff';
  }
  if (q.place) {
    where.push(`e.place_name LIKE @place ESCAPE '\\'`);
    p.place = `%${likeEscape(q.place)}%`;
  }
  if (q.bbox) {
    const [minLon, minLat, maxLon, maxLat] = q.bbox;
    where.push('e.lat IS NOT NULL AND e.lat BETWEEN @minLat AND @maxLat');
    where.push(minLon <= maxLon ? 'e.lon BETWEEN @minLon AND @maxLon' : '(e.lon >= @minLon OR e.lon <= @maxLon)');
    Object.assign(p, { minLon, minLat, maxLon, maxLat });
  }
  if (q.modality) {
    where.push('e.modality = @modality');
    p.modality = q.modality;
  }
  if (q.storyId) {
    where.push('e.story_id = @storyId');
    p.storyId = q.storyId;
  }
  if (q.q && q.q.trim()) {
    const fts = ftsWords(q.q);
    const parts = [`e.trigger_text LIKE @qLike ESCAPE '\\'`, `e.source_text LIKE @qLike ESCAPE '\\'`, `e.target_text LIKE @qLike ESCAPE '\\'`];
    p.qLike = `%${likeEscape(q.q.trim())}%`;
    if (fts) {
      parts.push('e.story_id IN (SELECT story_id FROM stories_fts WHERE stories_fts MATCH @qFts)');
      p.qFts = fts;
    }
    where.push(`(${parts.join(' OR ')})`);
  }
  return { sql: where.length ? 'WHERE ' + where.join(' AND ') : '', params: p };
}

/**
 * The {@link ServeData} of an open SQLite store. Statements are prepared once per distinct SQL
 * text (one per combination of filter fields) and cached.
 */
export function sqliteServeData(store: SqliteStore): ServeData {
  const db: Database.Database = store.db;
  const cache = new Map<string, Database.Statement>();
  const prep = (sql: string): Database.Statement => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
  return {
    async saveDoc(doc) {
      return store.saveDoc(doc);
    },
    async getDoc(id) {
      return store.getDoc(id);
    },
    async listStories({ limit, offset }) {
      const total = (prep('SELECT count(*) AS n FROM stories').get() as { n: number }).n;
      const rows = prep(`SELECT s.id, s.title, s.url, s.published, s.published_source AS publishedSource, s.input,
          s.created_at AS createdAt, (SELECT count(*) FROM events e WHERE e.story_id = s.id) AS events
          FROM stories s ORDER BY s.created_at DESC, s.id LIMIT ? OFFSET ?`).all(limit, offset) as StorySummary[];
      return { total, limit, offset, items: rows };
    },
    async queryEvents(q, { limit, offset }) {
      const w = eventWhere(q);
      const total = (prep(`SELECT count(*) AS n FROM events e ${w.sql}`).get(w.params) as { n: number }).n;
      const rows = prep(`SELECT e.* FROM events e ${w.sql}
          ORDER BY e.date IS NULL, e.date, e.story_id, e.ord LIMIT @limit OFFSET @offset`).all({ ...w.params, limit, offset }) as EventRow[];
      return { total, limit, offset, items: rows.map(toStoredEvent) };
    },
    async timeline(q, granularity) {
      const w = eventWhere(q);
      const len = granularity === 'day' ? 10 : 7;
      const rows = prep(`SELECT substr(e.date, 1, ${len}) AS period, e.quad_class AS quad, count(*) AS n FROM events e
          ${w.sql ? w.sql + ' AND' : 'WHERE'} e.date IS NOT NULL AND length(e.date) >= ${len} AND e.date GLOB '[0-9][0-9][0-9][0-9]-*'
          GROUP BY period, quad ORDER BY period`).all(w.params) as { period: string; quad: number; n: number }[];
      const byPeriod = new Map<string, TimelineBucket>();
      for (const r of rows) {
        let b = byPeriod.get(r.period);
        if (!b) byPeriod.set(r.period, (b = { period: r.period, count: 0, byQuad: [0, 0, 0, 0] }));
        b.count += r.n;
        if (r.quad >= 1 && r.quad <= 4) b.byQuad[r.quad - 1] += r.n;
      }
      return [...byPeriod.values()];
    },
    async places(q) {
      const w = eventWhere(q);
      return prep(`SELECT max(e.place_name) AS name, e.lat AS lat, e.lon AS lon, count(*) AS count,
          count(DISTINCT e.story_id) AS stories FROM events e
          ${w.sql ? w.sql + ' AND' : 'WHERE'} e.lat IS NOT NULL AND e.lon IS NOT NULL
          GROUP BY e.lat, e.lon ORDER BY count DESC, name`).all(w.params) as PlaceBucket[];
    },
    async network(q) {
      const w = eventWhere(q);
      return prep(`SELECT e.source_actor AS source, e.target_actor AS target, e.quad_class AS quadClass, count(*) AS count
          FROM events e ${w.sql ? w.sql + ' AND' : 'WHERE'} e.target_actor IS NOT NULL AND e.source_actor IS NOT NULL
          GROUP BY e.source_actor, e.target_actor, e.quad_class ORDER BY count DESC LIMIT 2000`).all(w.params) as NetworkEdge[];
    },
    async actorNames(code) {
      const rows = prep(`SELECT name, count(*) AS n FROM (
            SELECT source_text AS name FROM events WHERE source_actor = @code
            UNION ALL SELECT target_text AS name FROM events WHERE target_actor = @code)
          WHERE name IS NOT NULL GROUP BY name ORDER BY n DESC, name LIMIT 20`).all({ code }) as { name: string }[];
      return rows.map((r) => r.name);
    },
    async counts() {
      return store.counts();
    },
    async close() {
      store.close();
    },
  };
}
