/**
 * The storage interface of Dateline: where analysed stories (Docs), their events and entities,
 * the inputs done or failed, near-duplicate clusters and real-world events are kept.
 *
 * Two levels: {@link Store}, the synchronous interface of the embedded SQLite store
 * (`openStore` in `./sqlite.js`, used by `dateline analyze --db`), and {@link DatelineStore}, the
 * asynchronous interface both backends implement — SQLite (`SqliteAsyncStore`, wrapping the
 * synchronous store) and PostgreSQL (`./postgres.js`). `openStore(urlOrPath)` in `./index.js`
 * picks the backend. Calls are coarse (one call saves a whole story, one call runs a whole query)
 * so that PostgreSQL needs one round trip per call.
 */
import type { Doc, Modality } from '../doc/types.js';
import type { ClusterAssignment, RealEvent } from '../cluster/dedup.js';

export type { ClusterAssignment, RealEvent } from '../cluster/dedup.js';

/** Result of {@link Store.saveDoc}. */
export interface SaveResult {
  /** False when a story with the same content hash (`doc.id`) was already stored: nothing was written. */
  stored: boolean;
  /** The content hash the story is stored under. */
  id: string;
}

/**
 * Filter of {@link Store.queryEvents}. Every field is optional; the fields given are ANDed.
 * All values are bound as SQL parameters, never spliced into SQL.
 */
export interface EventFilter {
  /** CAMEO actor code of the source **or** the target actor, matched exactly or as a prefix (`RUS` matches `RUSGOV`). */
  actor?: string;
  /** CAMEO event code, matched exactly or as a prefix (CAMEO is hierarchical: `033` matches `0332`). */
  cameo?: string;
  /** Two-digit CAMEO root code, e.g. `04`. */
  root?: string;
  /** Quad class 1..4 (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict). */
  quadClass?: number;
  /** Earliest event date, ISO 8601, compared as a string against the TIMEX3 value (`2022-06` < `2022-06-01`). */
  from?: string;
  /** Latest event date, ISO 8601, inclusive: every value that starts with `to` (a time on that day) is included. */
  to?: string;
  /** Event modality. */
  modality?: Modality;
  /** Content hash of the story. */
  storyId?: string;
  /**
   * Place box `[minLon, minLat, maxLon, maxLat]` in decimal degrees (WGS84), inclusive; events
   * without coordinates never match. A box crossing the antimeridian (minLon > maxLon) is not supported.
   */
  bbox?: [number, number, number, number];
  /** Most rows returned (default 1000, at most 100000). */
  limit?: number;
  /** Rows skipped before the first one returned (default 0). */
  offset?: number;
}

/** One stored event, flattened (one row of the `events` table). Offsets are UTF-16 code units into the story text. */
export interface StoredEvent {
  storyId: string;
  /** Event id within its story (`Event.id`). */
  eventId: string;
  cameo: string;
  root: string;
  quadClass: number;
  goldstein: number;
  plover: string | null;
  sourceText: string;
  sourceActor: string;
  targetText: string | null;
  targetActor: string | null;
  /** TIMEX3 value (ISO 8601 date or month) or null. */
  date: string | null;
  placeName: string | null;
  geonamesId: number | null;
  /** Decimal degrees, WGS84. */
  lat: number | null;
  lon: number | null;
  modality: Modality;
  sentenceStart: number;
  sentenceEnd: number;
  triggerStart: number;
  triggerEnd: number;
  triggerText: string;
}

/** One recorded failure: an input that could not be analysed. */
export interface FailureRecord {
  /** Path, URL or other name of the input. */
  input: string;
  /** Stable error code (`DatelineError.code`, e.g. `E_BINARY`). */
  code: string;
  message: string;
  /** When it was recorded, ISO 8601 UTC timestamp. */
  at: string;
}

/** One full-text search hit over story titles and texts. */
export interface StoryHit {
  id: string;
  title: string | null;
  /** A short excerpt of the text around the matched terms, matches wrapped in `[` `]`. */
  snippet: string;
}

/** Row counts of the store. */
export interface StoreCounts {
  stories: number;
  events: number;
  entities: number;
  failures: number;
}

/**
 * A store of analysed stories. Writes are idempotent, keyed by the content hash `doc.id`: saving
 * the same story twice stores it once, and a retried job changes nothing. Each story is saved in
 * one transaction: a crash never leaves half a story.
 */
export interface Store {
  /**
   * Save a story with its events and entities in one transaction.
   * @returns `{ stored: false }` when the same content hash was already stored.
   * @throws DatelineError (`E_STAGE`) when the database refuses the story; nothing of it is kept.
   */
  saveDoc(doc: Doc): SaveResult;
  /** The stored Doc (its JSON form, parsed), or undefined. */
  getDoc(id: string): Doc | undefined;
  /** True when a story with this content hash is stored. */
  hasDoc(id: string): boolean;
  /** Record an input that failed, so that a bad story is never silently lost. */
  recordFailure(input: string, code: string, message: string): void;
  /** The recorded failures, oldest first. */
  failures(limit?: number): FailureRecord[];
  /** Events matching the filter, ordered by date, story and position in the story. */
  queryEvents(filter?: EventFilter): StoredEvent[];
  /**
   * Full-text search over story titles and texts. Every word of `query` must occur (words are
   * quoted, so query syntax characters are taken literally). Best matches first.
   */
  searchStories(query: string, limit?: number): StoryHit[];
  /** Row counts. */
  counts(): StoreCounts;
  /** Close the store; later calls throw. */
  close(): void;
}

/** The asynchronous form of {@link Store}, for backends with a network round trip (PostgreSQL). */
export type AsyncStore = {
  [K in keyof Store]: Store[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};

/** Options of {@link DatelineStore.saveDoc}. */
export interface SaveOptions {
  /**
   * sha256 hex of the raw input bytes, recorded in the `inputs` table in the same transaction, so
   * that a resumed run skips the input without decoding or analysing it ({@link DatelineStore.hasInput}).
   */
  rawHash?: string;
  /** Name of the input (path, URL), recorded with `rawHash`. */
  input?: string;
}

/** Row counts of the store, with the across-story tables. */
export interface StoreStats extends StoreCounts {
  /** Raw inputs recorded (by raw-bytes hash), analysed or failed. */
  inputs: number;
  /** Near-duplicate clusters (as of the last `dedup`). */
  clusters: number;
  /** Stories in clusters of two or more (reprints and their originals). */
  clusteredStories: number;
  /** Real-world events (as of the last `dedup`). */
  realEvents: number;
}

/** Filter of {@link DatelineStore.queryRealEvents}: the {@link EventFilter} fields that a real event has. */
export type RealEventFilter = Pick<EventFilter, 'actor' | 'cameo' | 'root' | 'from' | 'to' | 'bbox' | 'limit' | 'offset'>;

/** What a `dedup` run found. */
export interface DedupSummary {
  stories: number;
  /** Clusters, counting a story without near-duplicate as a cluster of one. */
  clusters: number;
  /** Stories in clusters of two or more. */
  clusteredStories: number;
  /** Event mentions grouped (negated and hypothetical mentions are left out). */
  mentions: number;
  realEvents: number;
  /** Wall time, milliseconds. */
  ms: number;
}

/**
 * The asynchronous store interface both backends implement: SQLite (embedded default, wrapping
 * the synchronous {@link Store}) and PostgreSQL (`pg`). Writes are idempotent, keyed by the
 * content hash `doc.id` (`INSERT … ON CONFLICT DO NOTHING`, one transaction per story), so a
 * retried job or a concurrent worker saving the same story changes nothing.
 *
 * Across-story results (near-duplicate clusters in `story_clusters`, real-world events in
 * `real_events` and their reports in `real_event_reports`) are computed by {@link dedup}, not on
 * every write: a full, deterministic recomputation that gives the same result whatever order the
 * stories were written in, by however many workers.
 */
export interface DatelineStore {
  /** `sqlite` or `postgres`. */
  readonly backend: 'sqlite' | 'postgres';
  /** Save a story (see {@link Store.saveDoc}); also records `options.rawHash` in the same transaction. */
  saveDoc(doc: Doc, options?: SaveOptions): Promise<SaveResult>;
  /** The stored Doc (every layer, as saved), or undefined. */
  getDoc(id: string): Promise<Doc | undefined>;
  /** True when a story with this content hash is stored. */
  hasDoc(id: string): Promise<boolean>;
  /** True when an input with this raw-bytes hash (sha256 hex) was recorded, analysed or failed. */
  hasInput(rawHash: string): Promise<boolean>;
  /** Record an input that failed (and, with `rawHash`, mark the input as done so a resumed run skips it). */
  recordFailure(input: string, code: string, message: string, rawHash?: string): Promise<void>;
  /** The recorded failures, oldest first. */
  failures(limit?: number): Promise<FailureRecord[]>;
  /** Events matching the filter, ordered by date (nulls last), story and position in the story. */
  queryEvents(filter?: EventFilter): Promise<StoredEvent[]>;
  /** Full-text search over story titles and texts; every word must occur. Best matches first. */
  searchStories(query: string, limit?: number): Promise<StoryHit[]>;
  /** Row counts of stories, events, entities, failures. */
  counts(): Promise<StoreCounts>;
  /** Row counts including inputs, clusters and real events. */
  stats(): Promise<StoreStats>;
  /** Recompute near-duplicate clusters and real-world events from every stored story (one transaction). */
  dedup(): Promise<DedupSummary>;
  /** The cluster of a story (as of the last `dedup`), or undefined. */
  clusterOf(storyId: string): Promise<ClusterAssignment | undefined>;
  /** Real-world events matching the filter, ordered by date (nulls last) and id. */
  queryRealEvents(filter?: RealEventFilter): Promise<RealEvent[]>;
  /** The reports (stored event mentions, with their evidence spans) of one real-world event. */
  reportsOf(realEventId: string): Promise<StoredEvent[]>;
  /** Close the store (a pool's connections, or the SQLite file). */
  close(): Promise<void>;
}
