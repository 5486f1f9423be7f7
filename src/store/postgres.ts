/**
 * The PostgreSQL store (`pg`), for scale-out: many workers on many machines writing to one
 * database. Same tables, same values and the same answers as the SQLite store (`./sqlite.js`);
 * numbered migrations in `schema_version`, applied under an advisory lock so that workers starting
 * together migrate once; code columns `COLLATE "C"` so that prefix ranges and ordering compare code
 * unit by code unit as in SQLite; full-text search over a generated `tsvector` (english) with a GIN
 * index.
 *
 * A story is saved by ONE statement (data-modifying CTEs: inputs, stories `ON CONFLICT DO
 * NOTHING`, then its events, entities and band keys only when the story row was inserted), so it
 * is one implicit transaction and one network round trip; two workers saving the same story at
 * once store it once (the second waits on the primary key and inserts nothing).
 */
import zlib from 'node:zlib';
import pg from 'pg';
import type { Doc } from '../doc/types.js';
import { fromJSON } from '../doc/serialize.js';
import { DatelineError } from '../doc/errors.js';
import type {
  ClusterAssignment,
  DatelineStore,
  DedupSummary,
  EventFilter,
  FailureRecord,
  RealEvent,
  RealEventFilter,
  SaveOptions,
  SaveResult,
  StoreCounts,
  StoreStats,
  StoredEvent,
  StoryHit,
} from './store.js';
import {
  contentHash, entityRows, packDocJSON, unpackDocJSON, eventRows, eventWhere, paging, realEventValues, storyRow, STORY_COLUMNS, toRealEvent,
  toStoredEvent, useDateCutoff, cutoffBranches, earliestCutoff, type EventRow, type RealEventRow,
  COMPOSITE_EVENT_INDEXES,
} from './rows.js';
import { bandKeys, minhash, signatureFromBytes, signatureToBytes } from '../cluster/minhash.js';
import { clusterStories, clusterText, groupRealEvents, type ClusterStory, type ReportRow } from '../cluster/dedup.js';

/** A numbered PostgreSQL migration; `sql` runs in one transaction with its `schema_version` row. */
export interface PgMigration {
  version: number;
  description: string;
  sql: string;
}

/**
 * The PostgreSQL schema, as migrations in order (never edit a released one: add a new one).
 * - 1: stories, events, entities, failures, inputs, story_bands, and the query indexes
 *   (actor, code, root, date, lat/lon box, story).
 * - 2: full-text search: a generated `tsvector` over title + text and its GIN index.
 * - 3: story_clusters, real_events, real_event_reports (filled by `dedup`).
 * - 4: composite event indexes (source actor, date), (target actor, date), (code, date),
 *   (root, date), replacing the single-column ones they extend, so that an actor or code query
 *   reads its cutoff date by an index-only scan (see {@link PgStore.queryEvents}).
 */
export const PG_MIGRATIONS: readonly PgMigration[] = Object.freeze([
  {
    version: 1,
    description: 'stories, events, entities, failures, inputs, LSH bands',
    sql: `
      CREATE TABLE stories (
        id TEXT COLLATE "C" PRIMARY KEY,
        input TEXT, title TEXT, url TEXT,
        published TEXT COLLATE "C",
        published_source TEXT, language TEXT, original_publisher TEXT,
        is_reprint INTEGER, copyright_year INTEGER,
        text TEXT NOT NULL,
        publisher TEXT,
        minhash BYTEA,
        created_at TEXT NOT NULL,
        doc_json BYTEA NOT NULL,
        doc_encoding TEXT NOT NULL DEFAULT 'json'
      );
      CREATE INDEX stories_published ON stories(published);
      CREATE TABLE events (
        story_id TEXT COLLATE "C" NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        cameo TEXT COLLATE "C" NOT NULL,
        root TEXT COLLATE "C" NOT NULL,
        quad_class INTEGER,
        goldstein DOUBLE PRECISION,
        plover TEXT,
        source_text TEXT,
        source_actor TEXT COLLATE "C",
        target_text TEXT,
        target_actor TEXT COLLATE "C",
        date TEXT COLLATE "C",
        place_name TEXT,
        geonames_id BIGINT,
        lat DOUBLE PRECISION,
        lon DOUBLE PRECISION,
        modality TEXT NOT NULL,
        sentence_start INTEGER, sentence_end INTEGER, trigger_start INTEGER, trigger_end INTEGER,
        trigger_text TEXT,
        PRIMARY KEY (story_id, ord)
      );
      CREATE INDEX events_source_actor ON events(source_actor);
      CREATE INDEX events_target_actor ON events(target_actor);
      CREATE INDEX events_cameo ON events(cameo);
      CREATE INDEX events_root ON events(root);
      CREATE INDEX events_date ON events(date);
      CREATE INDEX events_latlon ON events(lat, lon);
      CREATE TABLE entities (
        story_id TEXT COLLATE "C" NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        entity_id TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        actor TEXT COLLATE "C",
        geonames_id BIGINT,
        country TEXT,
        PRIMARY KEY (story_id, ord)
      );
      CREATE INDEX entities_actor ON entities(actor);
      CREATE INDEX entities_name ON entities(name);
      CREATE TABLE failures (
        id BIGSERIAL PRIMARY KEY,
        input TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL, at TEXT NOT NULL
      );
      CREATE TABLE inputs (
        raw_hash TEXT COLLATE "C" PRIMARY KEY,
        story_id TEXT, input TEXT, code TEXT, at TEXT NOT NULL
      );
      CREATE TABLE story_bands (
        band_key TEXT COLLATE "C" NOT NULL,
        story_id TEXT COLLATE "C" NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        PRIMARY KEY (band_key, story_id)
      );
    `,
  },
  {
    version: 2,
    description: 'full-text search (tsvector, GIN)',
    sql: `
      ALTER TABLE stories ADD COLUMN tsv tsvector
        GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED;
      CREATE INDEX stories_tsv ON stories USING GIN (tsv);
    `,
  },
  {
    version: 3,
    description: 'story clusters, real events and their reports',
    sql: `
      CREATE TABLE story_clusters (
        story_id TEXT COLLATE "C" PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
        cluster_id TEXT COLLATE "C" NOT NULL,
        size INTEGER NOT NULL,
        original_publisher TEXT
      );
      CREATE INDEX story_clusters_cluster ON story_clusters(cluster_id);
      CREATE TABLE real_events (
        id TEXT COLLATE "C" PRIMARY KEY,
        source_actor TEXT COLLATE "C" NOT NULL,
        target_actor TEXT COLLATE "C",
        root TEXT COLLATE "C" NOT NULL,
        cameo TEXT COLLATE "C" NOT NULL,
        date TEXT COLLATE "C",
        status TEXT NOT NULL,
        geonames_id BIGINT,
        place_name TEXT,
        lat DOUBLE PRECISION,
        lon DOUBLE PRECISION,
        num_mentions INTEGER NOT NULL,
        num_sources INTEGER NOT NULL,
        num_articles INTEGER NOT NULL,
        num_clusters INTEGER NOT NULL
      );
      CREATE INDEX real_events_source ON real_events(source_actor);
      CREATE INDEX real_events_target ON real_events(target_actor);
      CREATE INDEX real_events_cameo ON real_events(cameo);
      CREATE INDEX real_events_date ON real_events(date);
      CREATE INDEX real_events_latlon ON real_events(lat, lon);
      CREATE TABLE real_event_reports (
        real_event_id TEXT COLLATE "C" NOT NULL,
        story_id TEXT COLLATE "C" NOT NULL,
        ord INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        PRIMARY KEY (story_id, ord)
      );
      CREATE INDEX real_event_reports_event ON real_event_reports(real_event_id);
    `,
  },
  COMPOSITE_EVENT_INDEXES,
]);

/** Brotli at quality 1, as the SQLite store. */
const BROTLI_FAST = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } };

/** PostgreSQL types of the `events` columns (rows.ts `EVENT_COLUMNS` order), for `unnest` arrays. */
const EVENT_TYPES = ['text', 'int', 'text', 'text', 'text', 'int', 'float8', 'text', 'text', 'text', 'text', 'text', 'text',
  'text', 'int8', 'float8', 'float8', 'text', 'int', 'int', 'int', 'int', 'text'];
const EVENT_NAMES = ['story_id', 'ord', 'event_id', 'cameo', 'root', 'quad_class', 'goldstein', 'plover', 'source_text',
  'source_actor', 'target_text', 'target_actor', 'date', 'place_name', 'geonames_id', 'lat', 'lon', 'modality',
  'sentence_start', 'sentence_end', 'trigger_start', 'trigger_end', 'trigger_text'];
const ENTITY_TYPES = ['text', 'int', 'text', 'text', 'text', 'text', 'int8', 'text'];
const ENTITY_NAMES = ['story_id', 'ord', 'entity_id', 'name', 'type', 'actor', 'geonames_id', 'country'];
const STORY_TYPES: Record<string, string> = { is_reprint: 'int', copyright_year: 'int', minhash: 'bytea' };

/** Columns of `rows` (arrays of values) as one array per column, for `unnest($1::t[], $2::t[], …)`. */
function columns(rows: unknown[][], width: number): unknown[][] {
  const cols: unknown[][] = Array.from({ length: width }, () => []);
  for (const r of rows) for (let i = 0; i < width; i++) cols[i].push(r[i]);
  return cols;
}

/** A schema name that is safe to splice into SQL (the only identifier that is not a constant). */
function checkSchema(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new DatelineError('E_USAGE', `invalid PostgreSQL schema name "${name}" (use a-z, 0-9, _)`);
  return name;
}

/** Options of {@link openPostgresStore}. */
export interface PgStoreOptions {
  /** Schema holding the tables (default: the `schema` parameter of the URL, else `public`). Created when missing. */
  schema?: string;
  /** Most connections in the pool (default 4). */
  max?: number;
}

/** The PostgreSQL implementation of {@link DatelineStore}. Open it with {@link openPostgresStore}. */
export class PgStore implements DatelineStore {
  readonly backend = 'postgres' as const;
  /** The connection pool (for tools, tests and benchmarks). */
  readonly pool: pg.Pool;
  /** The schema holding the tables. */
  readonly schema: string;
  private readonly saveSql: string;

  constructor(pool: pg.Pool, schema: string) {
    this.pool = pool;
    this.schema = schema;
    let p = 0;
    const next = () => `$${++p}`;
    const inputP = [next(), next(), next()];
    const storyCols = [...STORY_COLUMNS, 'doc_json', 'doc_encoding'];
    const storyP = storyCols.map((c) => `${next()}${STORY_TYPES[c] ? '::' + STORY_TYPES[c] : ''}`);
    const evP = EVENT_TYPES.map((t) => `${next()}::${t}[]`);
    const enP = ENTITY_TYPES.map((t) => `${next()}::${t}[]`);
    const bandP = next();
    this.saveSql = `WITH inp AS (
        INSERT INTO inputs (raw_hash, story_id, input, code, at)
        SELECT ${inputP[0]}::text, ${inputP[1]}::text, ${inputP[2]}::text, NULL, now()::text WHERE ${inputP[0]}::text IS NOT NULL
        ON CONFLICT (raw_hash) DO NOTHING
      ), s AS (
        INSERT INTO stories (${storyCols.join(', ')}) VALUES (${storyP.join(', ')})
        ON CONFLICT (id) DO NOTHING RETURNING id
      ), ev AS (
        INSERT INTO events (${EVENT_NAMES.join(', ')})
        SELECT * FROM unnest(${evP.join(', ')}) WHERE EXISTS (SELECT 1 FROM s)
      ), en AS (
        INSERT INTO entities (${ENTITY_NAMES.join(', ')})
        SELECT * FROM unnest(${enP.join(', ')}) WHERE EXISTS (SELECT 1 FROM s)
      ), b AS (
        INSERT INTO story_bands (band_key, story_id)
        SELECT k, (SELECT id FROM s) FROM unnest(${bandP}::text[]) AS k WHERE EXISTS (SELECT 1 FROM s)
      )
      SELECT count(*)::int AS stored FROM s`;
  }

  /** Apply pending migrations under an advisory lock. @returns the version reached */
  async migrate(migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<number> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`dateline:${this.schema}`]);
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await c.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT, applied_at TEXT NOT NULL)');
      const { rows } = await c.query('SELECT coalesce(max(version), 0) AS v FROM schema_version');
      let current = Number(rows[0].v);
      const newest = migrations.length ? migrations[migrations.length - 1].version : 0;
      if (current > newest) throw new DatelineError('E_USAGE', `database schema version ${current} is newer than this Dateline supports (${newest})`);
      for (const m of migrations) {
        if (m.version <= current) continue;
        await c.query(m.sql);
        await c.query('INSERT INTO schema_version (version, description, applied_at) VALUES ($1, $2, $3)', [m.version, m.description, new Date().toISOString()]);
        current = m.version;
      }
      await c.query('COMMIT');
      return current;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  async saveDoc(doc: Doc, options: SaveOptions = {}): Promise<SaveResult> {
    const id = doc.id || contentHash(doc.text ?? '');
    try {
      const json = packDocJSON(doc, id);
      const { row, bands } = storyRow(doc, id);
      const params: unknown[] = [options.rawHash ?? null, id, options.input ?? doc.meta?.input ?? null];
      for (const c of STORY_COLUMNS) params.push(row[c]);
      params.push(zlib.brotliCompressSync(json, BROTLI_FAST), 'br');
      params.push(...columns(eventRows(doc, id), EVENT_TYPES.length));
      params.push(...columns(entityRows(doc, id), ENTITY_TYPES.length));
      params.push(bands);
      const { rows } = await this.pool.query(this.saveSql, params);
      return { stored: rows[0].stored === 1, id };
    } catch (err) {
      if (err instanceof DatelineError) throw err;
      const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new DatelineError('E_STAGE', `store: could not save story ${id.slice(0, 12)}: ${msg}`, { cause: err });
    }
  }

  async getDoc(id: string): Promise<Doc | undefined> {
    const { rows } = await this.pool.query('SELECT doc_json, doc_encoding FROM stories WHERE id = $1', [id]);
    if (!rows.length) return undefined;
    const { doc_json, doc_encoding } = rows[0] as { doc_json: Buffer; doc_encoding: string };
    return fromJSON(unpackDocJSON(doc_encoding === 'br' ? zlib.brotliDecompressSync(doc_json).toString('utf8') : doc_json.toString('utf8')));
  }

  async hasDoc(id: string): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM stories WHERE id = $1', [id])).rowCount! > 0;
  }

  async hasInput(rawHash: string): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM inputs WHERE raw_hash = $1', [rawHash])).rowCount! > 0;
  }

  async recordFailure(input: string, code: string, message: string, rawHash?: string): Promise<void> {
    const at = new Date().toISOString();
    await this.pool.query(
      `WITH f AS (INSERT INTO failures (input, code, message, at) VALUES ($1, $2, $3, $4))
       INSERT INTO inputs (raw_hash, story_id, input, code, at) SELECT $5::text, NULL, $1, $2, $4 WHERE $5::text IS NOT NULL
       ON CONFLICT (raw_hash) DO NOTHING`,
      [String(input), String(code), String(message), at, rawHash ?? null],
    );
  }

  async failures(limit = 1000): Promise<FailureRecord[]> {
    const { rows } = await this.pool.query('SELECT input, code, message, at FROM failures ORDER BY id LIMIT $1', [Math.max(0, Math.floor(limit))]);
    return rows as FailureRecord[];
  }

  /**
   * Events matching the filter in (date, story, ordinal) order, dated events first; a filter that
   * can match many events is answered in two steps through a cutoff date, as in the SQLite store
   * (`SqliteStore.queryEvents`): the same rows in the same order.
   */
  async queryEvents(filter: EventFilter = {}): Promise<StoredEvent[]> {
    const { limit, offset } = paging(filter);
    let cutoff: string | undefined;
    if (limit > 0 && useDateCutoff(filter)) {
      const found = await Promise.all(cutoffBranches(filter).map(async (side) => {
        const params: unknown[] = [];
        const where = eventWhere(filter, (v) => (params.push(v), `$${params.length}`), side);
        params.push(limit + offset - 1);
        const { rows } = await this.pool.query(
          `SELECT date FROM events ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
           ORDER BY date IS NULL, date LIMIT 1 OFFSET $${params.length}`,
          params,
        );
        return rows[0]?.date as unknown;
      }));
      cutoff = earliestCutoff(found);
    }
    const params: unknown[] = [];
    const where = eventWhere(filter, (v) => (params.push(v), `$${params.length}`), undefined, cutoff === undefined ? undefined : { date: cutoff, column: 'date' });
    params.push(limit, offset);
    const { rows } = await this.pool.query(
      `SELECT * FROM events ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY date IS NULL, date, story_id, ord LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return (rows as EventRow[]).map(toStoredEvent);
  }

  async searchStories(query: string, limit = 20): Promise<StoryHit[]> {
    const words = (query.match(/[\p{L}\p{N}_]+/gu) ?? []).join(' ');
    if (!words) return [];
    const { rows } = await this.pool.query(
      `SELECT id, title, ts_headline('english', text, q, 'StartSel=[, StopSel=], MaxWords=24, MinWords=8, ShortWord=2') AS snippet
       FROM (SELECT id, title, text, q, ts_rank(tsv, q) AS r FROM stories, plainto_tsquery('english', $1) q
             WHERE tsv @@ q ORDER BY r DESC, id LIMIT $2) t ORDER BY r DESC, id`,
      [words, Math.max(0, Math.floor(limit))],
    );
    return rows as StoryHit[];
  }

  async counts(): Promise<StoreCounts> {
    const { rows } = await this.pool.query(`SELECT (SELECT count(*) FROM stories)::int AS stories, (SELECT count(*) FROM events)::int AS events,
      (SELECT count(*) FROM entities)::int AS entities, (SELECT count(*) FROM failures)::int AS failures`);
    return rows[0] as StoreCounts;
  }

  async stats(): Promise<StoreStats> {
    const { rows } = await this.pool.query(`SELECT (SELECT count(*) FROM inputs)::int AS inputs,
      (SELECT count(DISTINCT cluster_id) FROM story_clusters)::int AS clusters,
      (SELECT count(*) FROM story_clusters WHERE size > 1)::int AS "clusteredStories",
      (SELECT count(*) FROM real_events)::int AS "realEvents"`);
    return { ...(await this.counts()), ...rows[0] };
  }

  async clusterOf(storyId: string): Promise<ClusterAssignment | undefined> {
    const { rows } = await this.pool.query(
      'SELECT story_id AS "storyId", cluster_id AS "clusterId", size, original_publisher AS "originalPublisher" FROM story_clusters WHERE story_id = $1',
      [storyId],
    );
    return rows[0] as ClusterAssignment | undefined;
  }

  async queryRealEvents(filter: RealEventFilter = {}): Promise<RealEvent[]> {
    const params: unknown[] = [];
    const where = eventWhere(filter, (v) => (params.push(v), `$${params.length}`));
    const { limit, offset } = paging(filter);
    params.push(limit, offset);
    const { rows } = await this.pool.query(
      `SELECT * FROM real_events ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY date IS NULL, date, id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return (rows as RealEventRow[]).map(toRealEvent);
  }

  async reportsOf(realEventId: string): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query(
      `SELECT e.* FROM real_event_reports r JOIN events e ON e.story_id = r.story_id AND e.ord = r.ord
       WHERE r.real_event_id = $1 ORDER BY e.story_id, e.ord`,
      [realEventId],
    );
    return (rows as EventRow[]).map(toStoredEvent);
  }

  async dedup(): Promise<DedupSummary> {
    const t0 = Date.now();
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`dateline-dedup:${this.schema}`]);
      const missing = (await c.query('SELECT id, title, text FROM stories WHERE minhash IS NULL')).rows as Array<{ id: string; title: string | null; text: string }>;
      for (const m of missing) {
        const sig = minhash(clusterText(m.title, m.text));
        await c.query('UPDATE stories SET minhash = $1 WHERE id = $2', [signatureToBytes(sig), m.id]);
        await c.query('INSERT INTO story_bands (band_key, story_id) SELECT k, $2 FROM unnest($1::text[]) k ON CONFLICT DO NOTHING', [bandKeys(sig), m.id]);
      }
      const stories = (await c.query('SELECT id, published, original_publisher AS "originalPublisher" FROM stories')).rows as ClusterStory[];
      const groups = ((await c.query(`SELECT array_agg(story_id) AS ids FROM story_bands GROUP BY band_key HAVING count(*) > 1`)).rows as Array<{ ids: string[] }>).map((r) => r.ids);
      const need = [...new Set(groups.flat())];
      const sigs = new Map<string, Uint32Array>();
      for (let i = 0; i < need.length; i += 10_000) {
        const { rows } = await c.query('SELECT id, minhash FROM stories WHERE id = ANY($1::text[])', [need.slice(i, i + 10_000)]);
        for (const r of rows as Array<{ id: string; minhash: Buffer }>) sigs.set(r.id, signatureFromBytes(r.minhash));
      }
      const clusters = clusterStories(stories, groups, (id) => sigs.get(id));
      await c.query('DELETE FROM story_clusters; DELETE FROM real_event_reports; DELETE FROM real_events;');
      for (let i = 0; i < clusters.length; i += 10_000) {
        const part = clusters.slice(i, i + 10_000);
        await c.query(
          'INSERT INTO story_clusters (story_id, cluster_id, size, original_publisher) SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[])',
          [part.map((x) => x.storyId), part.map((x) => x.clusterId), part.map((x) => x.size), part.map((x) => x.originalPublisher)],
        );
      }
      const rows = (await c.query(`SELECT e.story_id AS "storyId", e.ord, e.event_id AS "eventId", e.cameo, e.root,
          e.source_actor AS "sourceActor", e.target_actor AS "targetActor", e.date, e.geonames_id::float8 AS "geonamesId",
          e.place_name AS "placeName", e.lat, e.lon, e.modality, s.published, s.publisher, c.cluster_id AS "clusterId"
          FROM events e JOIN stories s ON s.id = e.story_id JOIN story_clusters c ON c.story_id = e.story_id`)).rows as ReportRow[];
      const { events, reports } = groupRealEvents(rows);
      for (let i = 0; i < events.length; i += 10_000) {
        const cols = columns(events.slice(i, i + 10_000).map(realEventValues), 15);
        await c.query(
          `INSERT INTO real_events SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
           $8::int8[], $9::text[], $10::float8[], $11::float8[], $12::int[], $13::int[], $14::int[], $15::int[])`,
          cols,
        );
      }
      for (let i = 0; i < reports.length; i += 10_000) {
        const part = reports.slice(i, i + 10_000);
        await c.query(
          'INSERT INTO real_event_reports (real_event_id, story_id, ord, event_id) SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[])',
          [part.map((x) => x.realEventId), part.map((x) => x.storyId), part.map((x) => x.ord), part.map((x) => x.eventId)],
        );
      }
      await c.query('COMMIT');
      return {
        stories: stories.length,
        clusters: new Set(clusters.map((x) => x.clusterId)).size,
        clusteredStories: clusters.filter((x) => x.size > 1).length,
        mentions: reports.length,
        realEvents: events.length,
        ms: Date.now() - t0,
      };
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  /** Drop this store's schema with every table in it (for tests and benchmarks). Refuses `public`. */
  async dropSchema(): Promise<void> {
    if (this.schema === 'public') throw new DatelineError('E_USAGE', 'refusing to drop the public schema');
    await this.pool.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * Open the PostgreSQL store at `url` (`postgres://user@host:port/db`, optionally
 * `?schema=NAME`), create its schema when missing and apply pending migrations.
 * @throws DatelineError `E_USAGE` when the server cannot be reached, the schema name is invalid,
 *   or the schema's version is newer than this Dateline
 */
export async function openPostgresStore(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new DatelineError('E_USAGE', `invalid PostgreSQL URL "${url}"`);
  }
  const schema = checkSchema(options.schema ?? u.searchParams.get('schema') ?? 'public');
  u.searchParams.delete('schema');
  const pool = new pg.Pool({
    connectionString: u.toString(),
    max: options.max ?? 4,
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: 10_000,
  });
  pool.on('error', () => undefined); // an idle client's lost connection: the next query reconnects
  const store = new PgStore(pool, schema);
  try {
    await store.migrate();
  } catch (err) {
    await pool.end().catch(() => undefined);
    if (err instanceof DatelineError) throw err;
    throw new DatelineError('E_USAGE', `cannot open PostgreSQL store ${u.host}${u.pathname}: ${(err as Error).message}`, { cause: err });
  }
  return store;
}
