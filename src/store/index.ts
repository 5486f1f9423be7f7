/**
 * Opening a store by location: a `postgres://` or `postgresql://` URL opens the PostgreSQL store,
 * anything else is a SQLite file path (the embedded default).
 */
import { openStore as openSqlite, SqliteAsyncStore, type OpenStoreOptions } from './sqlite.js';
import { openPostgresStore, type PgStoreOptions } from './postgres.js';
import type { DatelineStore } from './store.js';

export type { DatelineStore } from './store.js';

/** True when `location` names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Open the store at `urlOrPath`: PostgreSQL for `postgres://…` (optionally `?schema=NAME`),
 * otherwise the SQLite file at that path (default `./dateline.db`). Pending migrations are applied.
 * @throws DatelineError `E_USAGE` when the database cannot be opened
 */
export async function openStore(
  urlOrPath = './dateline.db',
  options: { sqlite?: OpenStoreOptions; postgres?: PgStoreOptions } = {},
): Promise<DatelineStore> {
  if (isPostgresUrl(urlOrPath)) return openPostgresStore(urlOrPath, options.postgres);
  return new SqliteAsyncStore(openSqlite(urlOrPath, options.sqlite));
}

/** A location safe to print: a PostgreSQL URL without its password. */
export function describeLocation(urlOrPath: string): string {
  if (!isPostgresUrl(urlOrPath)) return urlOrPath;
  try {
    const u = new URL(urlOrPath);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
