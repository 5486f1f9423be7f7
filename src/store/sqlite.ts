/**
 * The embedded SQLite store (better-sqlite3 v12): one file, WAL journal, foreign keys on,
 * numbered migrations recorded in `schema_version`, an FTS5 index over story title and text.
 */
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
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
  Store,
  StoreCounts,
  StoreStats,
  StoredEvent,
  StoryHit,
} from './store.js';
import {
  contentHash, entityRows, packDocJSON, unpackDocJSON, ENTITY_COLUMNS, eventRows, EVENT_COLUMNS, eventWhere, paging, realEventValues,
  REAL_EVENT_COLUMNS, storyRow, STORY_COLUMNS, toRealEvent, toStoredEvent, useDateCutoff, cutoffBranches, earliestCutoff, type EventRow, type RealEventRow,
  COMPOSITE_EVENT_INDEXES,
} from './rows.js';
import { bandKeys, minhash, signatureFromBytes, signatureToBytes } from '../cluster/minhash.js';
import { clusterStories, clusterText, groupRealEvents, type ClusterStory, type ReportRow } from '../cluster/dedup.js';

/** A numbered schema migration. `sql` runs inside one transaction together with its `schema_version` row. */
export interface Migration {
  /** Version reached after the migration, from 1, consecutive. */
  version: number;
  description: string;
  sql: string;
}

/**
 * The schema, as migrations in order. Never edit a released migration: add a new one.
 * - 1: stories, events, entities, failures and their indexes.
 * - 2: FTS5 index over story title + text, back-filled from the stories already stored.
 * - 3: `stories.publisher` and `stories.minhash` (MinHash signature, see `src/cluster/minhash.ts`),
 *   `inputs` (raw-bytes hash → story, for resumable runs), `story_bands` (LSH band keys),
 *   `story_clusters`, `real_events` and `real_event_reports` (filled by `dedup`). Stories stored
 *   before version 3 get their signature when `dedup` first runs.
 * - 4: composite event indexes (source actor, date), (target actor, date), (code, date),
 *   (root, date), replacing the single-column ones they extend: an actor or code query reads its
 *   dates from the index alone (see {@link SqliteStore.queryEvents}); at one million events
 *   (bench/queries.js, loaded machine) the actor query's p50/p95 went from 81/353 to 2.9/11.9 ms
 *   and the code query's from 467/772 to 11/19 ms.
 * - 5: `story_bands` as a plain table, rows appended in insertion order. Its key (band_key,
 *   story_id) put a story's 16 band keys on up to 16 random b-tree pages: 22 of the 58 pages
 *   (4 KiB) written to the WAL per saved BBC story. The bands are only read by `dedup`, which
 *   groups them (a sort, once per run); a story's bands are written once, with the story, so
 *   there is nothing for the key to deduplicate.
 * - 6: drops `entities_name` and `entities_actor` (no query reads them: the API's actor-name
 *   filter matches `name LIKE '%…%'` within one story, found by the (story_id, ord) key) and
 *   `events_story` (the (story_id, ord) key serves it). A story's entity names went to as many
 *   random pages of those two indexes: the pages (4 KiB) written to the WAL per saved BBC story
 *   went from 41.7 to 26.0 (400 stories saved after 100; saveDoc CPU 1.27 → 1.10 ms, median of
 *   8 interleaved runs, loaded machine).
 */
export const MIGRATIONS: readonly Migration[] = Object.freeze([
  {
    version: 1,
    description: 'stories, events, entities, failures',
    sql: `
      CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        input TEXT,
        title TEXT,
        url TEXT,
        published TEXT,
        published_source TEXT,
        language TEXT,
        original_publisher TEXT,
        is_reprint INTEGER,
        copyright_year INTEGER,
        text TEXT NOT NULL,
        doc_json BLOB NOT NULL,
        doc_encoding TEXT NOT NULL DEFAULT 'json',
        created_at TEXT NOT NULL
      );
      CREATE TABLE events (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        cameo TEXT NOT NULL,
        root TEXT NOT NULL,
        quad_class INTEGER,
        goldstein REAL,
        plover TEXT,
        source_text TEXT,
        source_actor TEXT,
        target_text TEXT,
        target_actor TEXT,
        date TEXT,
        place_name TEXT,
        geonames_id INTEGER,
        lat REAL,
        lon REAL,
        modality TEXT NOT NULL,
        sentence_start INTEGER,
        sentence_end INTEGER,
        trigger_start INTEGER,
        trigger_end INTEGER,
        trigger_text TEXT,
        PRIMARY KEY (story_id, ord)
      );
      CREATE INDEX events_source_actor ON events(source_actor);
      CREATE INDEX events_target_actor ON events(target_actor);
      CREATE INDEX events_cameo ON events(cameo);
      CREATE INDEX events_date ON events(date);
      CREATE INDEX events_latlon ON events(lat, lon);
      CREATE INDEX events_story ON events(story_id);
      CREATE TABLE entities (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        entity_id TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        actor TEXT,
        geonames_id INTEGER,
        country TEXT,
        PRIMARY KEY (story_id, ord)
      );
      CREATE INDEX entities_actor ON entities(actor);
      CREATE INDEX entities_name ON entities(name);
      CREATE TABLE failures (
        id INTEGER PRIMARY KEY,
        input TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'FTS5 index over story title and text',
    sql: `
      CREATE VIRTUAL TABLE stories_fts USING fts5(story_id UNINDEXED, title, text);
      INSERT INTO stories_fts (story_id, title, text) SELECT id, coalesce(title, ''), text FROM stories;
    `,
  },
  {
    version: 3,
    description: 'inputs by raw hash, MinHash/LSH bands, story clusters, real events',
    sql: `
      ALTER TABLE stories ADD COLUMN publisher TEXT;
      ALTER TABLE stories ADD COLUMN minhash BLOB;
      CREATE INDEX stories_published ON stories(published);
      CREATE INDEX events_root ON events(root);
      CREATE TABLE inputs (
        raw_hash TEXT PRIMARY KEY,
        story_id TEXT,
        input TEXT,
        code TEXT,
        at TEXT NOT NULL
      );
      CREATE TABLE story_bands (
        band_key TEXT NOT NULL,
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        PRIMARY KEY (band_key, story_id)
      ) WITHOUT ROWID;
      CREATE TABLE story_clusters (
        story_id TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
        cluster_id TEXT NOT NULL,
        size INTEGER NOT NULL,
        original_publisher TEXT
      );
      CREATE INDEX story_clusters_cluster ON story_clusters(cluster_id);
      CREATE TABLE real_events (
        id TEXT PRIMARY KEY,
        source_actor TEXT NOT NULL,
        target_actor TEXT,
        root TEXT NOT NULL,
        cameo TEXT NOT NULL,
        date TEXT,
        status TEXT NOT NULL,
        geonames_id INTEGER,
        place_name TEXT,
        lat REAL,
        lon REAL,
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
        real_event_id TEXT NOT NULL,
        story_id TEXT NOT NULL,
        ord INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        PRIMARY KEY (story_id, ord)
      );
      CREATE INDEX real_event_reports_event ON real_event_reports(real_event_id);
    `,
  },
  COMPOSITE_EVENT_INDEXES,
  {
    version: 5,
    description: 'story_bands without a (band_key, story_id) key: appended, grouped by dedup',
    sql: `
      CREATE TABLE story_bands_v5 (
        band_key TEXT NOT NULL,
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE
      );
      INSERT INTO story_bands_v5 (band_key, story_id) SELECT band_key, story_id FROM story_bands;
      DROP TABLE story_bands;
      ALTER TABLE story_bands_v5 RENAME TO story_bands;
    `,
  },
  {
    version: 6,
    description: 'drop the unused entity name/actor indexes and the events(story_id) index the key covers',
    sql: `
      DROP INDEX IF EXISTS entities_name;
      DROP INDEX IF EXISTS entities_actor;
      DROP INDEX IF EXISTS events_story;
    `,
  },
]);

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /**
   * Store each Doc's JSON Brotli-compressed (default true): about 5× smaller (a 400-word story's
   * Doc JSON is ~80 KB, mostly tokens), which makes saving several times faster on disk.
   * Rows record their encoding (`doc_encoding` = `br` or `json`), so both kinds can be read.
   */
  compress?: boolean;
  /** Open read-only (no migrations are applied; the file must exist). */
  readonly?: boolean;
}

/** The schema version recorded in an open database (0 for a new file). */
export function schemaVersion(db: Database.Database): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (!exists) return 0;
  const row = db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Bring the database to the newest migration in `migrations`, each migration in its own
 * transaction (a failed migration leaves the previous version intact).
 * @returns the version reached
 * @throws DatelineError `E_USAGE` when the file's schema is newer than the migrations known here
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT, applied_at TEXT NOT NULL)');
  let current = schemaVersion(db);
  const newest = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (current > newest) {
    throw new DatelineError('E_USAGE', `database schema version ${current} is newer than this Dateline supports (${newest})`);
  }
  const record = db.prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (m.version <= current) continue;
    if (m.version !== current + 1) throw new DatelineError('E_USAGE', `migration ${m.version} does not follow ${current}`);
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.description, new Date().toISOString());
    })();
    current = m.version;
  }
  return current;
}

/** Brotli at quality 1: ~0.3 ms and ~5× smaller for a typical Doc JSON. */
const BROTLI_FAST = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } };

/** Quote every word of a free-text query for FTS5, so that its syntax characters are taken literally. */
function ftsQuery(query: string): string {
  const words = query.match(/[\p{L}\p{N}_]+/gu) ?? [];
  return words.map((w) => `"${w}"`).join(' ');
}

/** The SQLite implementation of {@link Store}. Create it with {@link openStore}. */
export class SqliteStore implements Store {
  /** The underlying better-sqlite3 connection (for tools and tests). */
  readonly db: Database.Database;
  private readonly stmt;
  private readonly saveTx: (doc: Doc, id: string, options: SaveOptions) => boolean;

  private readonly compress: boolean;
  /** Prepared event queries by SQL text (at most one per combination of filter fields). */
  private readonly queries = new Map<string, Database.Statement>();

  constructor(db: Database.Database, options: { compress?: boolean } = {}) {
    this.db = db;
    this.compress = options.compress ?? true;
    this.stmt = {
      has: db.prepare('SELECT 1 FROM stories WHERE id = ?').pluck(),
      hasInput: db.prepare('SELECT 1 FROM inputs WHERE raw_hash = ?').pluck(),
      get: db.prepare('SELECT doc_json, doc_encoding FROM stories WHERE id = ?'),
      story: db.prepare(`INSERT INTO stories (${STORY_COLUMNS.join(', ')}, doc_json, doc_encoding)
          VALUES (${STORY_COLUMNS.map((c) => '@' + c).join(', ')}, @doc_json, @doc_encoding)
          ON CONFLICT(id) DO NOTHING`),
      event: db.prepare(`INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`),
      entity: db.prepare(`INSERT INTO entities (${ENTITY_COLUMNS.join(', ')}) VALUES (${ENTITY_COLUMNS.map(() => '?').join(', ')})`),
      band: db.prepare('INSERT INTO story_bands (band_key, story_id) VALUES (?, ?)'),
      input: db.prepare('INSERT INTO inputs (raw_hash, story_id, input, code, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(raw_hash) DO NOTHING'),
      fts: db.prepare('INSERT INTO stories_fts (story_id, title, text) VALUES (?, ?, ?)'),
      failure: db.prepare('INSERT INTO failures (input, code, message, at) VALUES (?, ?, ?, ?)'),
      failures: db.prepare('SELECT input, code, message, at FROM failures ORDER BY id LIMIT ?'),
      search: db.prepare(`SELECT story_id AS id, title, snippet(stories_fts, 2, '[', ']', '…', 12) AS snippet
          FROM stories_fts WHERE stories_fts MATCH ? ORDER BY rank LIMIT ?`),
      counts: db.prepare(`SELECT (SELECT count(*) FROM stories) AS stories, (SELECT count(*) FROM events) AS events,
          (SELECT count(*) FROM entities) AS entities, (SELECT count(*) FROM failures) AS failures`),
      stats: db.prepare(`SELECT (SELECT count(*) FROM inputs) AS inputs,
          (SELECT count(DISTINCT cluster_id) FROM story_clusters) AS clusters,
          (SELECT count(*) FROM story_clusters WHERE size > 1) AS clusteredStories,
          (SELECT count(*) FROM real_events) AS realEvents`),
      cluster: db.prepare('SELECT story_id AS storyId, cluster_id AS clusterId, size, original_publisher AS originalPublisher FROM story_clusters WHERE story_id = ?'),
      reports: db.prepare(`SELECT e.* FROM real_event_reports r JOIN events e ON e.story_id = r.story_id AND e.ord = r.ord
          WHERE r.real_event_id = ? ORDER BY e.story_id, e.ord`),
    };
    this.saveTx = db.transaction((doc: Doc, id: string, options: SaveOptions): boolean => this.insertDoc(doc, id, options));
  }

  /** Insert one story with its rows; runs inside the save transaction. */
  private insertDoc(doc: Doc, id: string, options: SaveOptions): boolean {
    if (options.rawHash) this.stmt.input.run(options.rawHash, id, options.input ?? doc.meta?.input ?? null, null, new Date().toISOString());
    const json = packDocJSON(doc, id);
    const { row, bands } = storyRow(doc, id);
    const info = this.stmt.story.run({
      ...row,
      doc_json: this.compress ? zlib.brotliCompressSync(json, BROTLI_FAST) : json,
      doc_encoding: this.compress ? 'br' : 'json',
    });
    if (info.changes === 0) return false;
    for (const r of eventRows(doc, id)) this.stmt.event.run(r);
    for (const r of entityRows(doc, id)) this.stmt.entity.run(r);
    for (const b of bands) this.stmt.band.run(b, id);
    this.stmt.fts.run(id, doc.meta?.title ?? '', doc.text);
    return true;
  }

  /**
   * Save a story with its events, entities and LSH band keys in one transaction (see
   * {@link Store.saveDoc}); with `options.rawHash`, also record the raw input as done.
   */
  saveDoc(doc: Doc, options: SaveOptions = {}): SaveResult {
    const id = doc.id || contentHash(doc.text ?? '');
    if (!options.rawHash && this.stmt.has.get(id)) return { stored: false, id };
    try {
      return { stored: this.saveTx(doc, id, options), id };
    } catch (err) {
      const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new DatelineError('E_STAGE', `store: could not save story ${id.slice(0, 12)}: ${msg}`, { cause: err });
    }
  }

  /** @inheritdoc */
  getDoc(id: string): Doc | undefined {
    const row = this.stmt.get.get(id) as { doc_json: string | Buffer; doc_encoding: string } | undefined;
    if (!row) return undefined;
    const json =
      row.doc_encoding === 'br' ? zlib.brotliDecompressSync(row.doc_json as Buffer).toString('utf8') : String(row.doc_json);
    return fromJSON(unpackDocJSON(json));
  }

  /** @inheritdoc */
  hasDoc(id: string): boolean {
    return this.stmt.has.get(id) !== undefined;
  }

  /** True when an input with this raw-bytes hash was recorded (analysed and saved, or failed). */
  hasInput(rawHash: string): boolean {
    return this.stmt.hasInput.get(rawHash) !== undefined;
  }

  /** Record an input that failed; with `rawHash`, also mark the raw input as done (a resumed run skips it). */
  recordFailure(input: string, code: string, message: string, rawHash?: string): void {
    const at = new Date().toISOString();
    this.db.transaction(() => {
      this.stmt.failure.run(String(input), String(code), String(message), at);
      if (rawHash) this.stmt.input.run(rawHash, null, String(input), String(code), at);
    })();
  }

  /** @inheritdoc */
  failures(limit = 1000): FailureRecord[] {
    return this.stmt.failures.all(Math.max(0, Math.floor(limit))) as FailureRecord[];
  }

  private prepared(sql: string): Database.Statement {
    let stmt = this.queries.get(sql);
    if (!stmt) this.queries.set(sql, (stmt = this.db.prepare(sql)));
    return stmt;
  }

  /**
   * Events matching the filter in (date, story, ordinal) order, dated events first.
   *
   * A filter that can match many events (an actor, a code) is answered in two steps, so that its
   * rows are not all read and sorted: (1) a cutoff date, at or after the date of the last wanted
   * row (the `limit + offset`-th in date order), read from the covering (column, date) indexes of
   * migration 4 (an actor's source and target sides separately, see {@link cutoffBranches});
   * (2) the rows with that date or earlier, sorted and cut as before. The answer is the same:
   * every wanted row has a date at or before the cutoff. When no branch has that many dated rows,
   * the plain query runs instead.
   */
  queryEvents(filter: EventFilter = {}): StoredEvent[] {
    const { limit, offset } = paging(filter);
    let cutoff: string | undefined;
    if (limit > 0 && useDateCutoff(filter)) {
      cutoff = earliestCutoff(cutoffBranches(filter).map((side) => {
        const params: unknown[] = [];
        const where = eventWhere(filter, (v) => (params.push(v), '?'), side);
        const sql = `SELECT date FROM events WHERE ${where.length ? where.join(' AND ') : '1'} ORDER BY date IS NULL, date LIMIT 1 OFFSET ?`;
        return this.prepared(sql).pluck().get(...params, limit + offset - 1);
      }));
    }
    const params: unknown[] = [];
    // with an actor, code or root filter, its (column, date) index finds the rows: the unary +
    // keeps SQLite from walking the date index instead (measured at a million events: 279 ms for
    // a country prefix that matches 3% of them, against 9 ms)
    const column = filter.actor || filter.cameo || filter.root ? '+date' : 'date';
    const where = eventWhere(filter, (v) => (params.push(v), '?'), undefined, cutoff === undefined ? undefined : { date: cutoff, column });
    const sql = `SELECT * FROM events ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY date IS NULL, date, story_id, ord LIMIT ? OFFSET ?`;
    return (this.prepared(sql).all(...params, limit, offset) as EventRow[]).map(toStoredEvent);
  }

  /** @inheritdoc */
  searchStories(query: string, limit = 20): StoryHit[] {
    const q = ftsQuery(query);
    if (!q) return [];
    return this.stmt.search.all(q, Math.max(0, Math.floor(limit))) as StoryHit[];
  }

  /** @inheritdoc */
  counts(): StoreCounts {
    return this.stmt.counts.get() as StoreCounts;
  }

  /** Row counts including inputs, clusters and real events. */
  stats(): StoreStats {
    return { ...this.counts(), ...(this.stmt.stats.get() as Omit<StoreStats, keyof StoreCounts>) };
  }

  /** The cluster of a story (as of the last {@link dedup}), or undefined. */
  clusterOf(storyId: string): ClusterAssignment | undefined {
    return this.stmt.cluster.get(storyId) as ClusterAssignment | undefined;
  }

  /** Real-world events matching the filter (as of the last {@link dedup}). */
  queryRealEvents(filter: RealEventFilter = {}): RealEvent[] {
    const params: unknown[] = [];
    const where = eventWhere(filter, (v) => (params.push(v), '?'));
    const { limit, offset } = paging(filter);
    const sql = `SELECT * FROM real_events ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY date IS NULL, date, id LIMIT ? OFFSET ?`;
    return (this.prepared(sql).all(...params, limit, offset) as RealEventRow[]).map(toRealEvent);
  }

  /** The stored event mentions reporting one real-world event, with their evidence spans. */
  reportsOf(realEventId: string): StoredEvent[] {
    return (this.stmt.reports.all(realEventId) as EventRow[]).map(toStoredEvent);
  }

  /**
   * Recompute near-duplicate clusters and real-world events from every stored story, in one
   * transaction (see `src/cluster/dedup.ts`). Stories stored before schema version 3 get their
   * MinHash signature and band keys here.
   */
  dedup(): DedupSummary {
    const t0 = Date.now();
    const run = this.db.transaction((): DedupSummary => {
      const missing = this.db.prepare('SELECT id, title, text FROM stories WHERE minhash IS NULL').all() as Array<{ id: string; title: string | null; text: string }>;
      const setSig = this.db.prepare('UPDATE stories SET minhash = ? WHERE id = ?');
      for (const m of missing) {
        const sig = minhash(clusterText(m.title, m.text));
        setSig.run(signatureToBytes(sig), m.id);
        for (const b of bandKeys(sig)) this.stmt.band.run(b, m.id);
      }
      const stories = this.db.prepare('SELECT id, published, original_publisher AS originalPublisher FROM stories').all() as ClusterStory[];
      const groups = (this.db.prepare(`SELECT group_concat(story_id, ' ' ORDER BY story_id) AS ids FROM story_bands
          GROUP BY band_key HAVING count(*) > 1 ORDER BY band_key`)
        .pluck().all() as string[]).map((g) => g.split(' '));
      const sigStmt = this.db.prepare('SELECT minhash FROM stories WHERE id = ?').pluck();
      const cache = new Map<string, Uint32Array | undefined>();
      const signature = (id: string) => {
        if (!cache.has(id)) {
          const b = sigStmt.get(id) as Buffer | undefined;
          cache.set(id, b ? signatureFromBytes(b) : undefined);
        }
        return cache.get(id);
      };
      const clusters = clusterStories(stories, groups, signature);
      this.db.exec('DELETE FROM story_clusters; DELETE FROM real_event_reports; DELETE FROM real_events;');
      const ins = this.db.prepare('INSERT INTO story_clusters (story_id, cluster_id, size, original_publisher) VALUES (?, ?, ?, ?)');
      for (const c of clusters) ins.run(c.storyId, c.clusterId, c.size, c.originalPublisher);
      const rows = this.db.prepare(`SELECT e.story_id AS storyId, e.ord, e.event_id AS eventId, e.cameo, e.root,
          e.source_actor AS sourceActor, e.target_actor AS targetActor, e.date, e.geonames_id AS geonamesId,
          e.place_name AS placeName, e.lat, e.lon, e.modality, s.published, s.publisher, c.cluster_id AS clusterId
          FROM events e JOIN stories s ON s.id = e.story_id JOIN story_clusters c ON c.story_id = e.story_id`).all() as ReportRow[];
      const { events, reports } = groupRealEvents(rows);
      const insE = this.db.prepare(`INSERT INTO real_events (${REAL_EVENT_COLUMNS.join(', ')}) VALUES (${REAL_EVENT_COLUMNS.map(() => '?').join(', ')})`);
      for (const e of events) insE.run(realEventValues(e));
      const insR = this.db.prepare('INSERT INTO real_event_reports (real_event_id, story_id, ord, event_id) VALUES (?, ?, ?, ?)');
      for (const r of reports) insR.run(r.realEventId, r.storyId, r.ord, r.eventId);
      const nClusters = new Set(clusters.map((c) => c.clusterId)).size;
      return {
        stories: stories.length,
        clusters: nClusters,
        clusteredStories: clusters.filter((c) => c.size > 1).length,
        mentions: reports.length,
        realEvents: events.length,
        ms: 0,
      };
    });
    const summary = run();
    summary.ms = Date.now() - t0;
    return summary;
  }

  /** @inheritdoc */
  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * The SQLite store behind the asynchronous {@link DatelineStore} interface (every call runs
 * synchronously and returns a settled Promise), so code written for PostgreSQL runs on the
 * embedded default unchanged.
 */
export class SqliteAsyncStore implements DatelineStore {
  readonly backend = 'sqlite' as const;
  /** The synchronous store underneath. */
  readonly sync: SqliteStore;
  constructor(sync: SqliteStore) {
    this.sync = sync;
  }
  async saveDoc(doc: Doc, options?: SaveOptions) { return this.sync.saveDoc(doc, options); }
  async getDoc(id: string) { return this.sync.getDoc(id); }
  async hasDoc(id: string) { return this.sync.hasDoc(id); }
  async hasInput(rawHash: string) { return this.sync.hasInput(rawHash); }
  async recordFailure(input: string, code: string, message: string, rawHash?: string) { this.sync.recordFailure(input, code, message, rawHash); }
  async failures(limit?: number) { return this.sync.failures(limit); }
  async queryEvents(filter?: EventFilter) { return this.sync.queryEvents(filter); }
  async searchStories(query: string, limit?: number) { return this.sync.searchStories(query, limit); }
  async counts() { return this.sync.counts(); }
  async stats() { return this.sync.stats(); }
  async dedup() { return this.sync.dedup(); }
  async clusterOf(storyId: string) { return this.sync.clusterOf(storyId); }
  async queryRealEvents(filter?: RealEventFilter) { return this.sync.queryRealEvents(filter); }
  async reportsOf(realEventId: string) { return this.sync.reportsOf(realEventId); }
  async close() { this.sync.close(); }
}

/**
 * WAL pages after which a commit checkpoints (SQLite's default is 1,000). A saved BBC story writes
 * ~38 pages of 4 KiB to the WAL, so the default checkpoints (copy back + fsync) every ~26 stories;
 * at 4,000 (a WAL of at most ~16 MiB between checkpoints) pages rewritten by many stories (table
 * tails, FTS structure, index interiors) are copied back once per ~100 stories. Measured on 600
 * BBC stories, loaded machine: saveDoc 2.3 → 1.8 ms wall per story, CPU 1.08 → 1.01 ms.
 */
const WAL_AUTOCHECKPOINT_PAGES = 4000;

/**
 * Open (creating when needed) the SQLite store at `path`, in WAL mode with foreign keys on, and
 * apply any pending migrations.
 * @param path database file (default `./dateline.db`); `:memory:` for a throwaway store
 * @throws DatelineError `E_USAGE` when the file is not a SQLite database or its schema is newer than this Dateline
 */
export function openStore(path = './dateline.db', options: OpenStoreOptions = {}): SqliteStore {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (err) {
    throw new DatelineError('E_USAGE', `cannot open database ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) migrate(db, MIGRATIONS);
    return new SqliteStore(db, { compress: options.compress });
  } catch (err) {
    db.close();
    if (err instanceof DatelineError) throw err;
    throw new DatelineError('E_USAGE', `cannot open database ${path}: ${(err as Error).message}`, { cause: err });
  }
}
