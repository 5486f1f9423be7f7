/**
 * Acceptance test of the scale-out path against the real local Redis and PostgreSQL: 2,000 BBC
 * stories (plus a reprint of one of them and a binary file) enqueued, two `dateline worker`
 * processes writing to PostgreSQL, one killed with SIGKILL mid-run and restarted. Every story must
 * be stored exactly once and the events must be exactly those of a single-process SQLite
 * `dateline ingest` of the same inputs; a reprint and its original form one cluster; the bad
 * input ends as a dead letter. Needs `dist/` (built by `npm test`).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { repoRoot, sharedDir, hasShared } from '../helpers/shared.js';
import { openPostgresStore, type PgStore } from '../../src/store/postgres.js';
import { openStore as openSqlite } from '../../src/store/sqlite.js';
import { queueStatus, deadLetters, obliterateQueue } from '../../src/scale/queue.js';
import { rawHash } from '../../src/store/rows.js';
import { pgUrl, redisUrl } from '../store/pg.js';

const BBC = path.join(sharedDir, 'corpora', 'bbc-news', 'bbc');
const N = 2000;
const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const queue = `dl-test-${run}`;
const schema = `dl_test_scale_${run}`;
const db = `${pgUrl()}?schema=${schema}`;
const bin = path.join(repoRoot, 'bin', 'dateline.js');
let dir: string;
let inputs: string;
let sqlitePath: string;
let origName = '';
const children = new Set<ChildProcess>();

/** Spawn `dateline ARGS…`; resolves with its exit code and stderr when it exits. */
function dateline(args: string[]): { child: ChildProcess; exit: Promise<{ code: number | null; signal: string | null; stderr: string }> } {
  const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdout!.resume();
  const exit = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal, stderr });
    }),
  );
  return { child, exit };
}

const worker = () => dateline(['worker', '--queue', queue, '--redis', redisUrl(), '--db', db, '--concurrency', '2', '--lock-ms', '5000', '--quiet']);

async function until(cond: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(() => {
  if (!hasShared) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-scale-'));
  inputs = path.join(dir, 'in');
  fs.mkdirSync(inputs);
  sqlitePath = path.join(dir, 'single.db');
  // 1,999 distinct BBC stories (byte-identical copies in the corpus are taken once) …
  const seen = new Set<string>();
  let k = 0;
  for (const cat of fs.readdirSync(BBC).filter((c) => fs.statSync(path.join(BBC, c)).isDirectory()).sort()) {
    for (const f of fs.readdirSync(path.join(BBC, cat)).sort()) {
      if (k >= N - 1) break;
      const bytes = fs.readFileSync(path.join(BBC, cat, f));
      const h = rawHash(bytes);
      if (seen.has(h)) continue;
      seen.add(h);
      fs.writeFileSync(path.join(inputs, `${cat}-${f}`), bytes);
      if (k === 10) origName = `${cat}-${f}`;
      k++;
    }
  }
  // … one reprint of story 10: another outlet's title suffix and a republication line …
  const orig = fs.readFileSync(path.join(inputs, origName), 'utf8');
  const nl = orig.indexOf('\n');
  // (one sentence reworded, so that its cleaned text, hence its content hash, differs)
  const body = orig.slice(nl).replace(/\.(\s)/, ', reports said.$1');
  expect(body).not.toBe(orig.slice(nl));
  fs.writeFileSync(
    path.join(inputs, `zz-reprint-${origName}`),
    `${orig.slice(0, nl)} - Outlet B${body}\n\nThis story was first published by BBC News and is republished here with permission.\n`,
  );
  // … and one input that keeps failing (binary).
  fs.writeFileSync(path.join(inputs, 'zz-binary.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256)));
});

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  if (!hasShared) return;
  // each step on its own, bounded, so that one failing step does not leave the others undone
  const bounded = (what: string, p: Promise<unknown>) =>
    Promise.race([p, new Promise((_, rej) => setTimeout(() => rej(new Error('timed out')), 30_000))]).catch((err) =>
      process.stderr.write(`cleanup ${what}: ${(err as Error).message}\n`),
    );
  const client = new pg.Client({ connectionString: pgUrl() });
  await bounded('schema', client.connect().then(() => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).finally(() => client.end()));
  await bounded('queue', obliterateQueue(queue, redisUrl()));
  fs.rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe.runIf(hasShared)('two workers on 2,000 stories, one killed with SIGKILL', () => {
  it('stores every story once with the same events as a single-process SQLite run', { timeout: 900_000 }, async () => {
    // the reference: one process, SQLite
    const single = await dateline(['ingest', inputs, '--db', sqlitePath, '--no-progress']).exit;
    expect(single.code, single.stderr).toBe(1); // the binary input failed, the rest went on
    expect(single.stderr).toMatch(/zz-binary\.txt: .*binary/i);

    // enqueue, twice: the second adds nothing
    const e1 = await dateline(['enqueue', inputs, '--queue', queue, '--redis', redisUrl()]).exit;
    expect(e1.code, e1.stderr).toBe(0);
    expect(e1.stderr).toContain(`${N + 1} added, 0 already queued`);
    const e2 = await dateline(['enqueue', inputs, '--queue', queue, '--redis', redisUrl()]).exit;
    expect(e2.stderr).toContain(`0 added, ${N + 1} already queued`);

    const a = worker();
    const b = worker();
    let pg: PgStore | undefined;
    await until(async () => {
      pg ??= await openPostgresStore(db, { max: 1 }).catch(() => undefined);
      return pg ? (await pg.counts()).stories >= 300 : false;
    }, 600_000, '300 stories stored');
    a.child.kill('SIGKILL');
    const killed = await a.exit;
    expect(killed.signal).toBe('SIGKILL');
    const a2 = worker();
    await until(async () => {
      const c = await queueStatus(queue, redisUrl());
      return c.waiting + c.active + c.delayed === 0 && c.completed + c.failed === N + 1;
    }, 800_000, 'the queue to drain');
    b.child.kill('SIGTERM');
    a2.child.kill('SIGTERM');
    const [eb, ea2] = await Promise.all([b.exit, a2.exit]);
    expect([eb.code, ea2.code], eb.stderr + ea2.stderr).toEqual([0, 0]);

    const q = await queueStatus(queue, redisUrl());
    expect(q).toMatchObject({ completed: N, failed: 1, dead: 1 });
    const dead = await deadLetters(queue, redisUrl());
    expect(dead.map((d) => [path.basename(d.name), d.code])).toEqual([['zz-binary.txt', 'E_BINARY']]);

    // the same stories and events as the single-process SQLite run
    const lite = openSqlite(sqlitePath);
    const key = (e: { storyId: string; eventId: string; cameo: string; sourceActor: string; targetActor: string | null }) =>
      `${e.storyId} ${e.eventId} ${e.cameo} ${e.sourceActor} ${e.targetActor ?? ''}`;
    const liteEvents = lite.queryEvents({ limit: 100_000 }).map(key).sort();
    const pgEvents = (await pg!.queryEvents({ limit: 100_000 })).map(key).sort();
    const liteCounts = lite.counts();
    const pgCounts = await pg!.counts();
    expect(pgCounts.stories).toBe(liteCounts.stories);
    expect(pgCounts.stories).toBeGreaterThan(N - 50); // a few BBC files share a cleaned text
    expect(pgCounts.events).toBe(liteCounts.events);
    expect(liteEvents.length).toBeGreaterThan(500);
    expect(new Set(pgEvents).size).toBe(pgEvents.length); // no event doubled
    expect(pgEvents).toEqual(liteEvents); // none lost
    const ids = (await pg!.pool.query('SELECT id FROM stories')).rows.map((r) => r.id as string).sort();
    const liteIds = (lite.db.prepare('SELECT id FROM stories ORDER BY id').pluck().all() as string[]).sort();
    expect(ids).toEqual(liteIds);
    expect((await pg!.stats()).inputs).toBe(N + 1);
    expect((await pg!.failures()).map((f) => f.code)).toEqual(['E_BINARY']);

    // the same clusters and real events on both backends; the reprint joins its original
    const d1 = await pg!.dedup();
    const d2 = lite.dedup();
    expect({ ...d1, ms: 0 }).toEqual({ ...d2, ms: 0 });
    const idOf = (name: string) => lite.db.prepare("SELECT id FROM stories WHERE input LIKE '%/' || ?").pluck().get(name) as string;
    const origId = idOf(origName);
    const reprintId = idOf(`zz-reprint-${origName}`);
    expect(origId).toMatch(/^[0-9a-f]{64}$/);
    expect(reprintId).toMatch(/^[0-9a-f]{64}$/);
    expect(reprintId).not.toBe(origId);
    const o = await pg!.clusterOf(origId);
    const r = await pg!.clusterOf(reprintId);
    expect(r!.clusterId).toBe(o!.clusterId);
    expect(o!.size).toBeGreaterThanOrEqual(2);
    expect(o!.originalPublisher).toBe('BBC News'); // named by the reprint's republication line
    const realLite = lite.queryRealEvents({ limit: 100_000 }).map((e) => `${e.id} ${e.numMentions} ${e.numArticles} ${e.numClusters}`);
    const realPg = (await pg!.queryRealEvents({ limit: 100_000 })).map((e) => `${e.id} ${e.numMentions} ${e.numArticles} ${e.numClusters}`);
    expect(realPg).toEqual(realLite);
    lite.close();
    await pg!.close();
  });
});
