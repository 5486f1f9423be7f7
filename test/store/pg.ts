/**
 * The PostgreSQL server the tests use: `DATELINE_TEST_PG` when set, else the local server at
 * 127.0.0.1:5432, database `test`, trust auth, role `postgres` (CI and this machine).
 */
export function pgUrl(): string {
  return process.env.DATELINE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
}

/** The Redis server the tests use: `DATELINE_TEST_REDIS` when set, else 127.0.0.1:6379. */
export function redisUrl(): string {
  return process.env.DATELINE_TEST_REDIS ?? 'redis://127.0.0.1:6379';
}
