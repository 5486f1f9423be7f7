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
  /** Largest input accepted, in bytes (default 20 MiB). */
  maxBytes?: number;
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
