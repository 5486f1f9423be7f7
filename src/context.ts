import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Options that change how documents are analysed. Dates are ISO 8601 `YYYY-MM-DD`. */
export interface AnalyzeOptions {
  /** Publication date given by the caller (`--date`); wins over page metadata and inference. */
  date?: string;
  /** When the page was crawled (ISO 8601); anchors relative stamps such as "1 month ago". */
  crawled?: string;
  /** Directory of compiled resources; defaults to the package's `data/`. */
  dataDir?: string;
  /** Largest input accepted, in bytes (default {@link DEFAULT_LIMITS}.maxBytes, 20 MiB). */
  maxBytes?: number;
  /** Longest cleaned body analysed, in UTF-16 code units (default {@link DEFAULT_LIMITS}.maxTextChars). */
  maxTextChars?: number;
  /**
   * Deadline of one document, in milliseconds of wall-clock time from the start of `analyze`
   * (default {@link DEFAULT_LIMITS}.timeoutMs; 0 = none). It is checked between stages: a stage
   * that is running is not interrupted, so the bound is the deadline plus the longest stage.
   * Past it, `analyze` fails with `E_TIMEOUT`.
   */
  timeoutMs?: number;
}

/**
 * The shared, read-only context of a pipeline run: options plus resources (dictionaries,
 * gazetteers, models) loaded once, lazily, on first use, and shared by all documents.
 */
export interface Context {
  readonly options: Readonly<AnalyzeOptions>;
  /** Absolute path of the compiled resources directory. */
  readonly dataDir: string;
  /** The resource named `key`, loading it with `load` the first time it is asked for. */
  resource<T>(key: string, load: (dataDir: string) => T): T;
}

/**
 * Default limits (configurable per analyzer, `--max-bytes` and `--max-text` on the CLI):
 * - `maxBytes` 20 MiB of raw input (a larger input fails with `E_TOO_LARGE` before decoding);
 * - `maxTextChars` 200,000 UTF-16 code units of text (about 30,000 words: four times a long
 *   feature story; the stages take about 1 s per 20,000 words on one loaded core, and a hostile
 *   text of this size was measured at up to 4 s). A text/plain input longer than this is refused before
 *   ingest, an HTML one after cleaning;
 * - `timeoutMs` 120,000 ms per document (`--timeout` on the CLI), checked between stages; past it
 *   the document fails with `E_TIMEOUT` and a batch goes on with the next one.
 */
export const DEFAULT_LIMITS = Object.freeze({ maxBytes: 20 * 1024 * 1024, maxTextChars: 200_000, timeoutMs: 120_000 });

/** Absolute path of the package's own `data/` directory. */
export const DEFAULT_DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'data');

/** A new context. Resources are cached per context, never globally. */
export function createContext(options: AnalyzeOptions = {}): Context {
  const cache = new Map<string, unknown>();
  const dataDir = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  return Object.freeze({
    options: Object.freeze({ ...options }),
    dataDir,
    resource<T>(key: string, load: (dir: string) => T): T {
      if (!cache.has(key)) cache.set(key, load(dataDir));
      return cache.get(key) as T;
    },
  });
}
