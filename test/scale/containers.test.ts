/**
 * Every container through both scale paths: an RSS feed (one item's page a local file, the others
 * the feed's own text), an Atom feed, JSON Lines (with a malformed line and a record without a
 * body) and a gzipped WARC (an HTML response, an image and a 404) are put on a BullMQ queue in the
 * real local Redis with `enqueueInputs` and taken by a worker writing to the real local
 * PostgreSQL (a schema of its own, dropped after), and read by `runIngest` into SQLite. Both stores
 * must hold the same stories, each with the URL, title and publication date its container gave.
 * The two bad JSON lines are reported by `enqueue` as unreadable (never queued) and recorded by
 * `ingest` as failures.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { WARCRecord, WARCSerializer } from 'warcio';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createAnalyzer } from '../../src/pipeline.js';
import { enqueueInputs, startWorker, queueStatus, obliterateQueue } from '../../src/scale/queue.js';
import { runIngest } from '../../src/scale/ingest.js';
import { openStore } from '../../src/store/index.js';
import { repoRoot } from '../helpers/shared.js';
import { pgUrl, redisUrl } from '../store/pg.js';

const feeds = path.join(repoRoot, 'test', 'fixtures', 'ingest', 'feeds');
const queue = `dl-test-containers-${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const schema = `dl_test_containers_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
let dir: string;

async function warcGz(): Promise<Buffer> {
  const page = (title: string, body: string) => new TextEncoder().encode(`<html><head><title>${title}</title></head><body><article><p>${body}</p></article></body></html>`);
  const recs = [
    WARCRecord.createWARCInfo({ filename: 'crawl.warc.gz', warcVersion: 'WARC/1.1' }, { software: 'dateline-test' }),
    WARCRecord.create(
      { url: 'https://news.example.net/2024/06/11/bridge', date: '2024-06-11T08:00:00Z', type: 'response', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' } },
      [page('Bridge reopens', 'The river bridge at Kaunas reopened to traffic on Monday after repairs, the city council said.')],
    ),
    WARCRecord.create({ url: 'https://news.example.net/logo.png', date: '2024-06-11T08:00:01Z', type: 'response', httpHeaders: { 'Content-Type': 'image/png' } }, [new Uint8Array([137, 80, 78, 71])]),
    WARCRecord.create({ url: 'https://news.example.net/gone', date: '2024-06-11T08:00:02Z', type: 'response', statusline: 'HTTP/1.1 404 Not Found', httpHeaders: { 'Content-Type': 'text/html' } }, [page('Gone', 'gone')]),
  ];
  const parts: Uint8Array[] = [];
  for (const r of recs) parts.push(await WARCSerializer.serialize(r, { gzip: true }));
  return Buffer.concat(parts);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-containers-'));
  const inDir = path.join(dir, 'in');
  fs.cpSync(feeds, inDir, { recursive: true });
  fs.rmSync(path.join(inDir, 'ferry-story.html')); // read through the feed that links it, not on its own
  fs.mkdirSync(path.join(dir, 'pages')); // beside the input folder: read only through the feed
  fs.copyFileSync(path.join(feeds, 'ferry-story.html'), path.join(dir, 'pages', 'ferry-story.html'));
  const rss = fs.readFileSync(path.join(inDir, 'rss.xml'), 'utf8').replace('<link>ferry-story.html</link>', '<link>../pages/ferry-story.html</link>');
  fs.writeFileSync(path.join(inDir, 'rss.xml'), rss);
  fs.writeFileSync(path.join(inDir, 'crawl.warc.gz'), await warcGz());
  fs.copyFileSync(path.join(inDir, 'atom.xml'), path.join(inDir, 'atom-mirror.xml')); // the same item twice in one batch
});
afterAll(async () => {
  await obliterateQueue(queue, redisUrl()).catch(() => undefined);
  const c = new pg.Client({ connectionString: pgUrl() });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => c.end());
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `url|title|published(day)` of every stored story, sorted. */
async function storedStories(db: string, ids: string[]): Promise<string[]> {
  const store = await openStore(db);
  try {
    const out: string[] = [];
    for (const id of ids) {
      const doc = await store.getDoc(id);
      expect(doc, id).toBeDefined();
      out.push(`${doc!.meta.url ?? ''}|${doc!.meta.title ?? ''}|${(doc!.meta.published ?? '').slice(0, 10)}`);
    }
    return out.sort();
  } finally {
    await store.close();
  }
}

describe('feeds, JSON Lines and WARC through enqueue → worker → PostgreSQL and through ingest → SQLite', () => {
  it('stores the same stories with their container metadata, and the same failures', { timeout: 120_000 }, async () => {
    const input = [path.join(dir, 'in')];
    const enq = await enqueueInputs(input, { queue, redis: redisUrl() });
    // atom #1, rss #1, #2 (its local page), #3, two JSON lines, the WARC's HTML response
    expect(enq).toMatchObject({ added: 7, duplicates: 1, unreadable: 2 });

    const pgDb = `${pgUrl()}?schema=${schema}`;
    const analyzer = createAnalyzer();
    const w = await startWorker({ queue, redis: redisUrl(), db: pgDb, analyzer, concurrency: 2 });
    const t0 = Date.now();
    for (;;) {
      const c = await queueStatus(queue, redisUrl());
      if (c.waiting + c.active + c.delayed === 0 && c.completed + c.failed >= enq.added) break;
      if (Date.now() - t0 > 90_000) throw new Error(`queue did not drain: ${JSON.stringify(c)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const ws = await w.stop();
    expect(ws.stored).toBe(7);

    const sqlite = path.join(dir, 'ingest.db');
    const ing = await runIngest(input, { db: sqlite, analyzer });
    expect(ing.interrupted).toBe(false);

    const client = new pg.Client({ connectionString: pgUrl() });
    await client.connect();
    const pgIds = (await client.query(`SELECT id FROM ${schema}.stories`)).rows.map((r) => r.id as string);
    const pgFailures = (await client.query(`SELECT code FROM ${schema}.failures ORDER BY code`)).rows.map((r) => r.code as string);
    await client.end();
    const lite = new Database(sqlite, { readonly: true });
    const liteIds = (lite.prepare('SELECT id FROM stories').all() as Array<{ id: string }>).map((r) => r.id);
    const liteFailures = (lite.prepare('SELECT code FROM failures ORDER BY code').all() as Array<{ code: string }>).map((r) => r.code);
    lite.close();

    expect(new Set(pgIds)).toEqual(new Set(liteIds));
    const pgStories = await storedStories(pgDb, pgIds);
    const liteStories = await storedStories(sqlite, liteIds);
    expect(pgStories).toEqual(liteStories);
    // each container's stories arrived with what the container said about them
    expect(pgStories.filter((s) => s.startsWith('https://news.example.net/2024/06/11/bridge|Bridge reopens|'))).toHaveLength(1); // WARC record
    expect(pgStories).toContain('https://gazette.example.org/2024/03/05/dock-strike-ends|Dock workers end strike after pay deal|2024-03-05'); // RSS item text
    expect(pgStories.filter((s) => s.includes('|Ferry line adds winter crossings|2024-03-06'))).toHaveLength(1); // RSS item's local page
    expect(pgStories).toContain('https://wire.example.com/a|Grain shipment leaves port|2024-01-10'); // JSON line
    expect(pgStories).toHaveLength(7);
    // the malformed JSON line and the record without a body: never queued, so no failure in PostgreSQL; ingest records both
    expect(pgFailures).toEqual([]);
    expect(liteFailures).toHaveLength(2);
  });
});
