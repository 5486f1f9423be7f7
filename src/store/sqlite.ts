/**
 * The embedded SQLite store (better-sqlite3 v12): one file, WAL journal, foreign keys on,
 * numbered migrations recorded in `schema_version`, an FTS5 index over story title and text.
 */
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import type { Doc } from '../doc/types.js';
import { toJSON, fromJSON } from '../doc/serialize.js';
import { DatelineError } from '../doc/errors.js';
import type {
  EventFilter,
  FailureRecord,
  SaveResult,
  Store,
  StoreCounts,
  StoredEvent,
  StoryHit,
} from './store.js';

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

/** sha256 hex of a text: the content hash used when a Doc arrives without an id. */
function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** Quote every word of a free-text query for FTS5, so that its syntax characters are taken literally. */
function ftsQuery(query: string): string {
  const words = query.match(/[\p{L}\p{N}_]+/gu) ?? [];
  return words.map((w) => `"${w}"`).join(' ');
}

interface EventRow {
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
  geonames_id: number | null;
  lat: number | null;
  lon: number | null;
  modality: StoredEvent['modality'];
  sentence_start: number;
  sentence_end: number;
  trigger_start: number;
  trigger_end: number;
  trigger_text: string;
}

function toStoredEvent(r: EventRow): StoredEvent {
  return {
    storyId: r.story_id,
    eventId: r.event_id,
    cameo: r.cameo,
    root: r.root,
    quadClass: r.quad_class,
    goldstein: r.goldstein,
    plover: r.plover,
    sourceText: r.source_text,
    sourceActor: r.source_actor,
    targetText: r.target_text,
    targetActor: r.target_actor,
    date: r.date,
    placeName: r.place_name,
    geonamesId: r.geonames_id,
    lat: r.lat,
    lon: r.lon,
    modality: r.modality,
    sentenceStart: r.sentence_start,
    sentenceEnd: r.sentence_end,
    triggerStart: r.trigger_start,
    triggerEnd: r.trigger_end,
    triggerText: r.trigger_text,
  };
}

/** The SQLite implementation of {@link Store}. Create it with {@link openStore}. */
export class SqliteStore implements Store {
  /** The underlying better-sqlite3 connection (for tools and tests). */
  readonly db: Database.Database;
  private readonly stmt;
  private readonly saveTx: (doc: Doc, id: string) => boolean;

  private readonly compress: boolean;
  /** Prepared event queries by SQL text (at most one per combination of filter fields). */
  private readonly queries = new Map<string, Database.Statement>();

  constructor(db: Database.Database, options: { compress?: boolean } = {}) {
    this.db = db;
    this.compress = options.compress ?? true;
    this.stmt = {
      has: db.prepare('SELECT 1 FROM stories WHERE id = ?').pluck(),
      get: db.prepare('SELECT doc_json, doc_encoding FROM stories WHERE id = ?'),
      story: db.prepare(`INSERT INTO stories (id, input, title, url, published, published_source, language,
          original_publisher, is_reprint, copyright_year, text, doc_json, doc_encoding, created_at)
          VALUES (@id, @input, @title, @url, @published, @published_source, @language,
          @original_publisher, @is_reprint, @copyright_year, @text, @doc_json, @doc_encoding, @created_at)
          ON CONFLICT(id) DO NOTHING`),
      event: db.prepare(`INSERT INTO events (story_id, ord, event_id, cameo, root, quad_class, goldstein, plover,
          source_text, source_actor, target_text, target_actor, date, place_name, geonames_id, lat, lon, modality,
          sentence_start, sentence_end, trigger_start, trigger_end, trigger_text)
          VALUES (@story_id, @ord, @event_id, @cameo, @root, @quad_class, @goldstein, @plover,
          @source_text, @source_actor, @target_text, @target_actor, @date, @place_name, @geonames_id, @lat, @lon,
          @modality, @sentence_start, @sentence_end, @trigger_start, @trigger_end, @trigger_text)`),
      entity: db.prepare(`INSERT INTO entities (story_id, ord, entity_id, name, type, actor, geonames_id, country)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      fts: db.prepare('INSERT INTO stories_fts (story_id, title, text) VALUES (?, ?, ?)'),
      failure: db.prepare('INSERT INTO failures (input, code, message, at) VALUES (?, ?, ?, ?)'),
      failures: db.prepare('SELECT input, code, message, at FROM failures ORDER BY id LIMIT ?'),
      search: db.prepare(`SELECT story_id AS id, title, snippet(stories_fts, 2, '[', ']', '…', 12) AS snippet
          FROM stories_fts WHERE stories_fts MATCH ? ORDER BY rank LIMIT ?`),
      counts: db.prepare(`SELECT (SELECT count(*) FROM stories) AS stories, (SELECT count(*) FROM events) AS events,
          (SELECT count(*) FROM entities) AS entities, (SELECT count(*) FROM failures) AS failures`),
    };
    this.saveTx = db.transaction((doc: Doc, id: string): boolean => this.insertDoc(doc, id));
  }

  /** Insert one story with its rows; runs inside the save transaction. */
  private insertDoc(doc: Doc, id: string): boolean {
    const m = doc.meta ?? { publishedSource: 'unknown' };
    const json = JSON.stringify({ ...toJSON(doc), id });
    const info = this.stmt.story.run({
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
      doc_json: this.compress ? zlib.brotliCompressSync(json, BROTLI_FAST) : json,
      doc_encoding: this.compress ? 'br' : 'json',
      created_at: new Date().toISOString(),
    });
    if (info.changes === 0) return false;
    doc.events.forEach((e, ord) => {
      this.stmt.event.run({
        story_id: id,
        ord,
        event_id: e.id,
        cameo: e.cameo,
        root: e.root,
        quad_class: num(e.quadClass),
        goldstein: num(e.goldstein),
        plover: e.plover ?? null,
        source_text: e.source.text,
        source_actor: e.source.actor,
        target_text: e.target?.text ?? null,
        target_actor: e.target?.actor ?? null,
        date: e.date ?? null,
        place_name: e.place?.name ?? null,
        geonames_id: num(e.place?.geonamesId),
        lat: num(e.place?.lat),
        lon: num(e.place?.lon),
        modality: e.modality,
        sentence_start: e.sentence.start,
        sentence_end: e.sentence.end,
        trigger_start: e.trigger.start,
        trigger_end: e.trigger.end,
        trigger_text: e.trigger.text,
      });
    });
    doc.entities.forEach((en, ord) => {
      this.stmt.entity.run(id, ord, en.id, en.name, en.type, en.actor ?? null, num(en.geonamesId), en.country ?? null);
    });
    this.stmt.fts.run(id, m.title ?? '', doc.text);
    return true;
  }

  /** @inheritdoc */
  saveDoc(doc: Doc): SaveResult {
    const id = doc.id || contentHash(doc.text ?? '');
    if (this.stmt.has.get(id)) return { stored: false, id };
    try {
      return { stored: this.saveTx(doc, id), id };
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
    return fromJSON(json);
  }

  /** @inheritdoc */
  hasDoc(id: string): boolean {
    return this.stmt.has.get(id) !== undefined;
  }

  /** @inheritdoc */
  recordFailure(input: string, code: string, message: string): void {
    this.stmt.failure.run(String(input), String(code), String(message), new Date().toISOString());
  }

  /** @inheritdoc */
  failures(limit = 1000): FailureRecord[] {
    return this.stmt.failures.all(Math.max(0, Math.floor(limit))) as FailureRecord[];
  }

  /** @inheritdoc */
  queryEvents(filter: EventFilter = {}): StoredEvent[] {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    if (filter.actor) {
      where.push(
        '((source_actor >= @actor AND source_actor < @actorEnd) OR (target_actor >= @actor AND target_actor < @actorEnd))',
      );
      params.actor = filter.actor;
      params.actorEnd = filter.actor + '\uffff';
    }
    if (filter.cameo) {
      where.push('cameo >= @cameo AND cameo < @cameoEnd');
      params.cameo = filter.cameo;
      params.cameoEnd = filter.cameo + '\uffff';
    }
    if (filter.root) {
      where.push('root = @root');
      params.root = filter.root;
    }
    if (filter.quadClass != null) {
      where.push('quad_class = @quadClass');
      params.quadClass = filter.quadClass;
    }
    if (filter.from) {
      where.push('date >= @from');
      params.from = filter.from;
    }
    if (filter.to) {
      where.push('date < @toEnd');
      params.toEnd = filter.to + '\uffff';
    }
    if (filter.modality) {
      where.push('modality = @modality');
      params.modality = filter.modality;
    }
    if (filter.storyId) {
      where.push('story_id = @storyId');
      params.storyId = filter.storyId;
    }
    params.limit = Math.min(100_000, Math.max(0, Math.floor(filter.limit ?? 1000)));
    params.offset = Math.max(0, Math.floor(filter.offset ?? 0));
    const sql = `SELECT * FROM events ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY date IS NULL, date, story_id, ord LIMIT @limit OFFSET @offset`;
    let stmt = this.queries.get(sql);
    if (!stmt) this.queries.set(sql, (stmt = this.db.prepare(sql)));
    return (stmt.all(params) as EventRow[]).map(toStoredEvent);
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

  /** @inheritdoc */
  close(): void {
    if (this.db.open) this.db.close();
  }
}

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
