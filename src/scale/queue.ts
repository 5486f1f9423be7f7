/**
 * Scale-out on BullMQ (Redis): `enqueue` puts stories on a queue, any number of `worker`
 * processes on any machines take them, analyse them and write them to the store (PostgreSQL, or
 * a SQLite file for one machine), and `status` reports the counts.
 *
 * - Jobs: name `story`, job id = sha256 hex of the input's raw bytes, so enqueuing the same bytes
 *   twice adds one job (BullMQ ignores an `add` whose job id exists); data `{ name, b64 }` carries
 *   the bytes base64-encoded, so a worker on any machine can process it without the file.
 * - Retries: 3 attempts with exponential backoff (1 s, 2 s). An input that is bad in itself
 *   (a `DatelineError` other than `E_STAGE`: empty, binary, too large …) is not retried.
 * - Dead letters: a job that fails for good is copied to the queue `<name>-dead` (same job id;
 *   data `{ name, b64, code, message, attempts }`) and recorded in the store's `failures` table,
 *   so nothing is lost; BullMQ's own failed set keeps it too.
 * - Idempotence: the worker skips an input whose raw hash the store has recorded, and a story is
 *   saved with `ON CONFLICT DO NOTHING` keyed by its content hash in one transaction, so a job
 *   retried after a crash (SIGKILL between the write and the acknowledgement) changes nothing.
 * - Crashes: a killed worker's job keeps its lock until `lockDuration` runs out; the stalled-job
 *   check of any live worker then moves it back to waiting (up to `maxStalledCount` times).
 * - Graceful shutdown: on SIGTERM or SIGINT the worker stops taking jobs, finishes the ones it
 *   holds, closes its connections and exits 0.
 */
import type { DocMeta } from '../doc/types.js';
import { Queue, Worker, UnrecoverableError, type Job } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { createAnalyzer, type Analyzer } from '../pipeline.js';
import { DatelineError, describeError, describeInputError } from '../doc/errors.js';
import { readInputs, inputMeta } from '../ingest/read.js';
import { openStore, describeLocation } from '../store/index.js';
import type { DatelineStore, StoreStats } from '../store/store.js';
import { rawHash } from '../store/rows.js';

/** Default queue name. */
export const DEFAULT_QUEUE = 'dateline';
/** Default Redis URL. */
export const DEFAULT_REDIS = 'redis://127.0.0.1:6379';
/** Attempts per job before it becomes a dead letter. */
export const ATTEMPTS = 3;
/** First retry delay, milliseconds; doubled at each retry (BullMQ `exponential` backoff). */
export const BACKOFF_MS = 1000;

/** The data of a story job. */
export interface StoryJobData {
  /** Path, URL or other name of the input. */
  name: string;
  /** The raw input bytes, base64. */
  b64: string;
  /** Metadata the input's container gave (feed item, WARC record, JSON line): url, title, published, crawled. */
  meta?: Partial<DocMeta>;
}

/** The data of a dead letter: the story job's data plus why it failed. */
export interface DeadLetterData extends StoryJobData {
  code: string;
  message: string;
  attempts: number;
}

/** What a worker returns for a job (BullMQ's `returnvalue`). */
export interface StoryJobResult {
  /** Content hash of the stored story, absent when the input had been done before. */
  id?: string;
  /** True when this job wrote the story; false when it was already stored (a retry, a reprint with the same text). */
  stored: boolean;
  /** True when the raw input was already recorded and nothing was analysed. */
  skipped: boolean;
  events: number;
}

/**
 * Connection options for a Redis URL (`redis://[user:pass@]host[:port][/db]`, `rediss://` for TLS).
 * @throws DatelineError `E_USAGE` for a URL that is not redis:// or rediss://
 */
export function redisOptions(url = DEFAULT_REDIS): RedisOptions & { host: string; port: number; db: number; tls?: object } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new DatelineError('E_USAGE', `invalid Redis URL "${url}"`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new DatelineError('E_USAGE', `--redis must be a redis:// URL, got "${url}"`);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // BullMQ workers block on Redis: they require unlimited retries per request
    maxRetriesPerRequest: null,
    connectTimeout: 10_000,
  };
}

/** Connections opened for BullMQ objects, closed with them (BullMQ leaves a client it was given open). */
type Conn = Redis;

/** A new BullMQ connection (ioredis) to the Redis at `url`. */
function redisConnection(url = DEFAULT_REDIS): Conn {
  return new Redis(redisOptions(url));
}

/** Close a BullMQ object, then the connection it was given. */
async function closeWith(obj: { close(): Promise<void> }, conn: Conn): Promise<void> {
  try {
    await obj.close();
  } finally {
    await Promise.resolve(conn.disconnect()).catch(() => undefined);
  }
}

/** The name of the dead-letter queue of `queue`. */
export function deadLetterQueue(queue: string): string {
  return `${queue}-dead`;
}

/** Options of {@link enqueueInputs}. */
export interface EnqueueOptions {
  queue?: string;
  redis?: string;
  /** Largest input accepted, bytes (default: the reader's 20 MiB). */
  maxBytes?: number;
  /** Called after each input: how many were added, were already queued, or could not be read. */
  onProgress?: (counts: EnqueueSummary) => void;
  /** Report for an input that could not be read (`E_CODE: message`, without the name). */
  onError?: (name: string, message: string) => void;
}

/** What {@link enqueueInputs} did. */
export interface EnqueueSummary {
  /** Inputs read. */
  read: number;
  /** New jobs added. */
  added: number;
  /** Inputs whose job id (raw hash) was already in the queue: not added again. */
  duplicates: number;
  /** Inputs that could not be read (missing, too large). */
  unreadable: number;
}

/**
 * Put every input (files, directories recursively) on the queue as a story job, in batches of
 * 500. Safe to run twice: inputs already queued are not added again.
 * @throws DatelineError `E_USAGE` when Redis cannot be reached
 */
export async function enqueueInputs(inputs: string[], options: EnqueueOptions = {}): Promise<EnqueueSummary> {
  const conn = redisConnection(options.redis);
  const queue = new Queue<StoryJobData>(options.queue ?? DEFAULT_QUEUE, { connection: conn });
  const summary: EnqueueSummary = { read: 0, added: 0, duplicates: 0, unreadable: 0 };
  try {
    await ping(queue);
    let batch: Array<{ name: string; data: StoryJobData; opts: { jobId: string } }> = [];
    const flush = async () => {
      if (!batch.length) return;
      const ids = batch.map((b) => b.opts.jobId);
      const exists = await Promise.all(ids.map((id) => queue.getJobState(id)));
      const seen = new Set<string>(); // the same bytes twice in one batch are one job
      const fresh = batch.filter((b, i) => exists[i] === 'unknown' && !seen.has(b.opts.jobId) && (seen.add(b.opts.jobId), true));
      summary.duplicates += batch.length - fresh.length;
      if (fresh.length) await queue.addBulk(fresh.map((b) => ({ ...b, opts: { ...b.opts, ...JOB_OPTIONS } })));
      summary.added += fresh.length;
      batch = [];
      options.onProgress?.({ ...summary });
    };
    for await (const item of readInputs(inputs, { maxBytes: options.maxBytes })) {
      summary.read++;
      if (item.error || !item.bytes) {
        summary.unreadable++;
        options.onError?.(item.name, item.error ? describeInputError(item.name, item.error) : 'unreadable');
        continue;
      }
      batch.push({ name: 'story', data: { name: item.name, b64: item.bytes.toString('base64'), meta: inputMeta(item) }, opts: { jobId: rawHash(item.bytes) } });
      if (batch.length >= 500) await flush();
    }
    await flush();
    return summary;
  } finally {
    await closeWith(queue, conn);
  }
}

/** Default options of every story job. */
const JOB_OPTIONS = {
  attempts: ATTEMPTS,
  backoff: { type: 'exponential', delay: BACKOFF_MS },
  removeOnComplete: false,
  removeOnFail: false,
} as const;

async function ping(queue: Queue): Promise<void> {
  try {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      queue.getJobCounts('waiting'),
      new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new Error('timed out after 5 s')), 5000))),
    ]).finally(() => clearTimeout(timer));
  } catch (err) {
    throw new DatelineError('E_USAGE', `cannot reach Redis: ${(err as Error).message}`, { cause: err });
  }
}

/** Options of {@link startWorker}. */
export interface WorkerOptions {
  queue?: string;
  redis?: string;
  /** Store location: a `postgres://` URL or a SQLite path (default `./dateline.db`). */
  db?: string;
  /** Jobs processed at once by this process (default 2: one analyses while another waits on the database). */
  concurrency?: number;
  /** Job lock, milliseconds (default 30000): how long a killed worker's job waits before another worker takes it. */
  lockDuration?: number;
  /** Stalled-job check interval, milliseconds (default: `lockDuration`). */
  stalledInterval?: number;
  /** Stop once the queue has no waiting job left (for batch runs and benchmarks). */
  untilDrained?: boolean;
  /** Analysis options (reference date …). */
  analyzer?: Analyzer;
  /** Log lines (default: none). */
  log?: (line: string) => void;
}

/** A running worker. */
export interface RunningWorker {
  /** Resolves when the worker has stopped (after {@link RunningWorker.stop}, a signal, or draining with `untilDrained`). */
  done: Promise<WorkerSummary>;
  /** Stop taking jobs, finish the current ones, close the store and connections. */
  stop(): Promise<WorkerSummary>;
}

/** What a worker did. */
export interface WorkerSummary {
  processed: number;
  stored: number;
  /** Jobs whose input or story was already stored (retries, duplicates). */
  alreadyStored: number;
  /** Attempts that failed (retried or dead-lettered). */
  failedAttempts: number;
  /** Jobs moved to the dead-letter queue. */
  deadLetters: number;
  /** Peak resident set size of the process, MiB (`process.resourceUsage().maxRSS`). */
  peakRssMiB: number;
  /** Wall time, seconds. */
  seconds: number;
}

/** A DatelineError code that says the input itself is bad: retrying cannot help. */
function permanent(err: unknown): boolean {
  return err instanceof DatelineError && err.code !== 'E_STAGE';
}

/**
 * Start a worker: take story jobs from the queue, analyse each (one shared analyzer, so
 * resources load once) and save it to the store with its raw hash.
 * @throws DatelineError `E_USAGE` when the store or Redis cannot be opened
 */
export async function startWorker(options: WorkerOptions = {}): Promise<RunningWorker> {
  const t0 = Date.now();
  const log = options.log ?? (() => undefined);
  const name = options.queue ?? DEFAULT_QUEUE;
  const store: DatelineStore = await openStore(options.db ?? './dateline.db');
  const analyzer = options.analyzer ?? createAnalyzer();
  const deadConn = redisConnection(options.redis);
  const dead = new Queue<DeadLetterData>(deadLetterQueue(name), { connection: deadConn });
  try {
    await ping(dead);
  } catch (err) {
    await closeWith(dead, deadConn);
    await store.close();
    throw err;
  }
  const connection = redisConnection(options.redis);
  const summary: WorkerSummary = { processed: 0, stored: 0, alreadyStored: 0, failedAttempts: 0, deadLetters: 0, peakRssMiB: 0, seconds: 0 };
  const lockDuration = options.lockDuration ?? 30_000;
  const worker = new Worker<StoryJobData, StoryJobResult>(
    name,
    async (job: Job<StoryJobData>) => {
      const bytes = Buffer.from(job.data.b64, 'base64');
      const hash = job.id && /^[0-9a-f]{64}$/.test(job.id) ? job.id : rawHash(bytes);
      if (await store.hasInput(hash)) {
        summary.alreadyStored++;
        return { stored: false, skipped: true, events: 0 };
      }
      let doc;
      try {
        doc = await analyzer.analyze(bytes, { ...job.data.meta, input: job.data.name });
      } catch (err) {
        if (permanent(err)) throw new UnrecoverableError(`${(err as DatelineError).code}: ${describeError(err)}`);
        throw err;
      }
      const r = await store.saveDoc(doc, { rawHash: hash, input: job.data.name });
      if (r.stored) summary.stored++;
      else summary.alreadyStored++;
      return { id: r.id, stored: r.stored, skipped: false, events: doc.events.length };
    },
    {
      connection,
      concurrency: Math.max(1, Math.floor(options.concurrency ?? 2)),
      lockDuration,
      stalledInterval: options.stalledInterval ?? lockDuration,
      maxStalledCount: 3,
      autorun: true,
    },
  );
  worker.on('completed', () => {
    summary.processed++;
  });
  worker.on('failed', (job, err) => {
    summary.failedAttempts++;
    if (!job) return;
    const final = err instanceof UnrecoverableError || err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) {
      log(`retry ${job.data.name}: ${describeError(err)}`);
      return;
    }
    const m = /^(E_[A-Z_]+): (.*)$/s.exec(err.message);
    const code = m ? m[1] : err instanceof DatelineError ? err.code : 'E_STAGE';
    const message = m ? m[2] : describeError(err);
    summary.deadLetters++;
    log(`dead letter ${job.data.name}: ${code} ${message}`);
    const jobs: Promise<unknown>[] = [
      dead.add('dead', { ...job.data, code, message, attempts: job.attemptsMade }, { jobId: job.id, removeOnComplete: false }),
      store.recordFailure(job.data.name, code, message, job.id && /^[0-9a-f]{64}$/.test(job.id) ? job.id : undefined),
    ];
    pending.add(Promise.allSettled(jobs).then(() => undefined));
  });
  worker.on('error', (err) => log(`worker error: ${describeError(err)}`));
  const pending = new Set<Promise<void>>();

  let stopping: Promise<WorkerSummary> | undefined;
  let resolveDone!: (s: WorkerSummary) => void;
  const done = new Promise<WorkerSummary>((r) => (resolveDone = r));
  const stop = () => {
    stopping ??= (async () => {
      await closeWith(worker, connection);
      await Promise.allSettled([...pending]);
      await closeWith(dead, deadConn);
      await store.close();
      summary.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
      summary.seconds = (Date.now() - t0) / 1000;
      resolveDone(summary);
      return summary;
    })();
    return stopping;
  };
  if (options.untilDrained) worker.on('drained', () => void stop());
  return { done, stop };
}

/** Queue counts of {@link queueStatus}. */
export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
  /** Jobs in the dead-letter queue. */
  dead: number;
}

/**
 * The counts of a queue and its dead-letter queue.
 * @throws DatelineError `E_USAGE` when Redis cannot be reached
 */
export async function queueStatus(queue = DEFAULT_QUEUE, redis = DEFAULT_REDIS): Promise<QueueCounts> {
  const qc = redisConnection(redis);
  const dc0 = redisConnection(redis);
  const q = new Queue(queue, { connection: qc });
  const d = new Queue(deadLetterQueue(queue), { connection: dc0 });
  try {
    await ping(q);
    const c = await q.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized', 'waiting-children');
    const dc = await d.getJobCounts('waiting', 'completed', 'failed', 'active', 'delayed');
    return {
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c['waiting-children'] ?? 0),
      active: c.active ?? 0,
      delayed: c.delayed ?? 0,
      completed: c.completed ?? 0,
      failed: c.failed ?? 0,
      dead: Object.values(dc).reduce((a, b) => a + b, 0),
    };
  } finally {
    await closeWith(q, qc);
    await closeWith(d, dc0);
  }
}

/** The dead letters of a queue (most recent first, at most `limit`). */
export async function deadLetters(queue = DEFAULT_QUEUE, redis = DEFAULT_REDIS, limit = 100): Promise<Array<Pick<DeadLetterData, 'name' | 'code' | 'message' | 'attempts'> & { id: string }>> {
  const conn = redisConnection(redis);
  const d = new Queue<DeadLetterData>(deadLetterQueue(queue), { connection: conn });
  try {
    const jobs = await d.getJobs(['waiting', 'completed', 'failed', 'active', 'delayed'], 0, limit - 1);
    return jobs.map((j) => ({ id: String(j.id), name: j.data.name, code: j.data.code, message: j.data.message, attempts: j.data.attempts }));
  } finally {
    await closeWith(d, conn);
  }
}

/**
 * Remove a queue and its dead-letter queue from Redis with every job (for tests and benchmarks).
 */
export async function obliterateQueue(queue: string, redis = DEFAULT_REDIS): Promise<void> {
  for (const n of [queue, deadLetterQueue(queue)]) {
    const conn = redisConnection(redis);
    const q = new Queue(n, { connection: conn });
    try {
      await q.obliterate({ force: true });
    } finally {
      await closeWith(q, conn);
    }
  }
}

/** Store counts for `dateline status`, with the location printed safely. */
export async function storeStatus(db: string): Promise<StoreStats & { location: string }> {
  const store = await openStore(db);
  try {
    return { location: describeLocation(db), ...(await store.stats()) };
  } finally {
    await store.close();
  }
}
