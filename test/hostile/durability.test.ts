/**
 * Durability: a process killed (SIGKILL) while it writes stories leaves a consistent store with no
 * half-stored story. A child process analyses one story, then saves variants of it in a loop (each
 * a distinct story: its text differs, so its content hash does) until it is killed at a random
 * moment; this is done three times on the same database, each child resuming after the last. Then:
 * SQLite's `PRAGMA integrity_check` is `ok`, foreign keys hold, and every stored story has exactly
 * the events, entities and full-text row its Doc JSON lists. The same for PostgreSQL (its own
 * schema, dropped after). Needs `dist/` (built by `npm test` before vitest runs).
 */
import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import pg from 'pg';
import { repoRoot } from '../helpers/shared.js';
import { pgUrl } from '../store/pg.js';
import { createAnalyzer } from '../../src/pipeline.js';
import { toJSON } from '../../src/doc/serialize.js';

const dist = (p: string): string => pathToFileURL(path.join(repoRoot, 'dist', p)).href;
const hasDist = fs.existsSync(path.join(repoRoot, 'dist', 'store', 'sqlite.js'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-durability-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const STORY = 'Russian President Vladimir Putin visited Dushanbe on June 28, 2022 and met President Emomali Rahmon. '
  + 'Putin said Russia will send 7,000 troops to Tajikistan. Rahmon criticized the talks in Moscow on Monday. '
  + 'The United Nations urged both sides to negotiate in Geneva.';

/** The writer: `node writer.mjs sqlite|pg TARGET START DOC.json` prints `saved N` after each committed story. */
const WRITER = `
import fs from 'node:fs';
import { fromJSON } from ${JSON.stringify(dist('doc/serialize.js'))};
import { openStore } from ${JSON.stringify(dist('store/sqlite.js'))};
import { openPostgresStore } from ${JSON.stringify(dist('store/postgres.js'))};
const [kind, target, start, docFile] = process.argv.slice(2);
const doc = fromJSON(JSON.parse(fs.readFileSync(docFile, 'utf8')));
const store = kind === 'sqlite' ? openStore(target) : await openPostgresStore(target);
for (let i = Number(start); ; i++) {
  const variant = { ...doc, id: undefined, text: doc.text + ' Variant ' + i + '.' };
  await store.saveDoc(variant);
  process.stdout.write('saved ' + i + '\\n');
}
`;
const writerPath = path.join(dir, 'writer.mjs');
fs.writeFileSync(writerPath, WRITER);
const docPath = path.join(dir, 'doc.json');

beforeAll(async () => {
  const doc = await createAnalyzer({ date: '2022-06-28' }).analyze(STORY, { input: 'durability' });
  fs.writeFileSync(docPath, JSON.stringify(toJSON(doc)));
});

/**
 * Run the writer until it has saved `atLeast` stories past `start`, then SIGKILL it after a
 * random 0–40 ms. @returns the last index it reported saved
 */
function writeThenKill(kind: 'sqlite' | 'pg', target: string, start: number, atLeast: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writerPath, kind, target, String(start), docPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    let last = start - 1;
    let killing = false;
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d: Buffer) => {
      const m = /saved (\d+)\n(?![\s\S]*saved)/.exec(String(d));
      if (m) last = Number(m[1]);
      if (!killing && last - start + 1 >= atLeast) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 40));
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(last);
      else reject(new Error(`writer exited ${code}: ${err.split('\n').slice(-5).join(' ')}`));
    });
  });
}

describe.skipIf(!hasDist)('durability under SIGKILL', () => {
  it('SQLite (WAL, one transaction per story): integrity ok and no half-stored story after three kills', async () => {
    const file = path.join(dir, 'kill.db');
    let next = 0;
    for (let round = 0; round < 3; round++) next = (await writeThenKill('sqlite', file, next, 40)) + 1;
    const db = new Database(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const stories = db.prepare('SELECT id, doc_json, doc_encoding FROM stories').all() as Array<{ id: string; doc_json: Buffer | string; doc_encoding: string }>;
      // every story reported saved is there (a commit is durable once saveDoc returns)
      expect(stories.length).toBeGreaterThanOrEqual(next);
      const nEvents = db.prepare('SELECT count(*) AS n FROM events WHERE story_id = ?');
      const nEntities = db.prepare('SELECT count(*) AS n FROM entities WHERE story_id = ?');
      const nFts = db.prepare('SELECT count(*) AS n FROM stories_fts WHERE story_id = ?');
      let events = 0;
      for (const s of stories) {
        const doc = JSON.parse(s.doc_encoding === 'br' ? zlib.brotliDecompressSync(s.doc_json as Buffer).toString('utf8') : String(s.doc_json));
        const ev = (nEvents.get(s.id) as { n: number }).n;
        expect(ev, `events of ${s.id}`).toBe(doc.events.length);
        expect((nEntities.get(s.id) as { n: number }).n, `entities of ${s.id}`).toBe(doc.entities.length);
        expect((nFts.get(s.id) as { n: number }).n, `full-text row of ${s.id}`).toBe(1);
        events += ev;
      }
      expect(events).toBeGreaterThan(stories.length); // the story has events: the check is not vacuous
    } finally {
      db.close();
    }
  });

  it('PostgreSQL (one transaction per story): no half-stored story after three kills', async () => {
    const schema = `dl_test_hostile_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
    const url = `${pgUrl()}?schema=${schema}`;
    const client = new pg.Client({ connectionString: pgUrl() });
    await client.connect();
    try {
      let next = 0;
      for (let round = 0; round < 3; round++) next = (await writeThenKill('pg', url, next, 20)) + 1;
      const stories = (await client.query(`SELECT id, doc_json, doc_encoding FROM ${schema}.stories`)).rows as Array<{ id: string; doc_json: Buffer; doc_encoding: string }>;
      expect(stories.length).toBeGreaterThanOrEqual(next);
      const count = async (table: string): Promise<Map<string, number>> =>
        new Map((await client.query(`SELECT story_id, count(*)::int AS n FROM ${schema}.${table} GROUP BY story_id`)).rows.map((r) => [r.story_id, r.n]));
      const ev = await count('events');
      const en = await count('entities');
      for (const s of stories) {
        const doc = JSON.parse((s.doc_encoding === 'br' ? zlib.brotliDecompressSync(s.doc_json) : s.doc_json).toString('utf8'));
        expect(ev.get(s.id) ?? 0, `events of ${s.id}`).toBe((doc as { events: unknown[] }).events.length);
        expect(en.get(s.id) ?? 0, `entities of ${s.id}`).toBe((doc as { entities: unknown[] }).entities.length);
      }
      expect([...ev.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(stories.length);
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  });
});
