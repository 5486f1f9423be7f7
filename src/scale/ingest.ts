/**
 * `dateline ingest`: the queue-less path, in one process: read inputs, analyse, store, then
 * deduplicate (clusters and real events). Resumable: each input's raw bytes are hashed (sha256
 * of the bytes as read, before decoding) and the hash is recorded in the store in the same
 * transaction as the story (or with the failure), so a run restarted after an interruption skips
 * every input already done without decoding or analysing it. Stories themselves are keyed by the
 * content hash of the cleaned text (`doc.id`), so two inputs with different bytes and the same
 * cleaned text are stored once.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createAnalyzer, type Analyzer } from '../pipeline.js';
import { DatelineError, describeError, describeInputError } from '../doc/errors.js';
import { readInputs, inputMeta } from '../ingest/read.js';
import { openStore } from '../store/index.js';
import type { DedupSummary, StoreStats } from '../store/store.js';
import { rawHash } from '../store/rows.js';

/** Options of {@link runIngest}. */
export interface IngestOptions {
  /** Store location: SQLite path (default `./dateline.db`) or `postgres://` URL. */
  db?: string;
  /** Analyzer to use (default: a new one with default options). */
  analyzer?: Analyzer;
  /** Largest input accepted, bytes. */
  maxBytes?: number;
  /** Run `dedup` (clusters, real events) at the end (default true). */
  dedup?: boolean;
  /** Called once with the number of inputs found, then after each input. */
  onStart?: (total: number) => void;
  onProgress?: (p: IngestSummary) => void;
  /** Called for each input that failed, with a one-line reason (`E_CODE: message`, without the name). */
  onError?: (name: string, line: string) => void;
  /** Checked before each input: when it returns true the run stops after the current input (SIGINT). */
  shouldStop?: () => boolean;
}

/** What {@link runIngest} did. */
export interface IngestSummary {
  /** Inputs found. */
  total: number;
  /** Inputs seen so far. */
  seen: number;
  /** Stories analysed and newly stored. */
  stored: number;
  /** Inputs analysed whose story (same cleaned text) was already stored. */
  duplicates: number;
  /** Inputs skipped because their raw hash was recorded by an earlier run. */
  skipped: number;
  failed: number;
  /** Events of the stories newly stored. */
  events: number;
  /** Seconds spent, wall time. */
  seconds: number;
  /** True when the run was stopped before the end. */
  interrupted: boolean;
  dedup?: DedupSummary;
  stats?: StoreStats;
}

/** Number of input files under the arguments (directories counted recursively, hidden names skipped), for the progress bar. */
export async function countInputs(args: string[]): Promise<number> {
  let n = 0;
  const walk = async (p: string, seen: Set<string>): Promise<void> => {
    let st;
    try {
      st = await fs.stat(p);
    } catch {
      n++;
      return;
    }
    if (!st.isDirectory()) {
      n++;
      return;
    }
    const real = await fs.realpath(p);
    if (seen.has(real)) return;
    seen.add(real);
    for (const name of await fs.readdir(p)) if (!name.startsWith('.')) await walk(path.join(p, name), seen);
  };
  const seen = new Set<string>();
  for (const a of args) {
    if (a === '-') n++;
    else await walk(a, seen);
  }
  return n;
}

/**
 * Analyse and store every input; one bad input never stops the run (it is recorded as a
 * failure). Inputs recorded by an earlier run are skipped.
 * @throws DatelineError `E_USAGE` when the store cannot be opened
 */
export async function runIngest(inputs: string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const t0 = Date.now();
  const store = await openStore(options.db ?? './dateline.db');
  const s: IngestSummary = { total: 0, seen: 0, stored: 0, duplicates: 0, skipped: 0, failed: 0, events: 0, seconds: 0, interrupted: false };
  try {
    s.total = await countInputs(inputs);
    options.onStart?.(s.total);
    const analyzer = options.analyzer ?? createAnalyzer({ maxBytes: options.maxBytes });
    for await (const item of readInputs(inputs, { maxBytes: options.maxBytes })) {
      if (options.shouldStop?.()) {
        s.interrupted = true;
        break;
      }
      s.seen++;
      const hash = item.bytes ? rawHash(item.bytes) : undefined;
      try {
        if (item.error || !item.bytes) {
          const err = item.error ?? new DatelineError('E_NOT_FOUND', 'unreadable');
          await store.recordFailure(item.name, err.code, describeError(err));
          throw err;
        }
        if (await store.hasInput(hash!)) {
          s.skipped++;
        } else {
          let doc;
          try {
            doc = await analyzer.analyze(item.bytes, inputMeta(item));
          } catch (err) {
            const code = err instanceof DatelineError ? err.code : 'E_STAGE';
            await store.recordFailure(item.name, code, describeError(err), hash);
            throw err;
          }
          const r = await store.saveDoc(doc, { rawHash: hash, input: item.name });
          if (r.stored) {
            s.stored++;
            s.events += doc.events.length;
          } else s.duplicates++;
        }
      } catch (err) {
        s.failed++;
        options.onError?.(item.name, describeInputError(item.name, err));
      }
      options.onProgress?.({ ...s });
    }
    if (options.dedup ?? true) s.dedup = await store.dedup();
    s.stats = await store.stats();
  } finally {
    await store.close();
  }
  s.seconds = (Date.now() - t0) / 1000;
  return s;
}
