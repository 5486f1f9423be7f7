/**
 * The queue path in one process, against the real local Redis: idempotent enqueue, retries with
 * backoff, dead letters with their error code, and resumable `ingest`. Stories are written here.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createAnalyzer, type Analyzer } from '../../src/pipeline.js';
import { enqueueInputs, startWorker, queueStatus, deadLetters, obliterateQueue, redisOptions } from '../../src/scale/queue.js';
import { runIngest } from '../../src/scale/ingest.js';
import { openStore } from '../../src/store/sqlite.js';
import { DatelineError } from '../../src/doc/errors.js';
import { redisUrl } from '../store/pg.js';

const STORIES: Record<string, string> = {
  'a.txt': 'Talks in Geneva\n\nThe foreign ministers of Norway and Chile met in Geneva on Tuesday to discuss fishing rights.\n',
  'b.txt': 'Port strike ends\n\nDockers in Valparaiso ended a week-long strike on Monday after the government raised wages.\n',
  'flaky.txt': 'Storm in Bergen\n\nA storm closed the harbour at Bergen on Wednesday, officials said, and ferries stayed in port.\n',
  'always.txt': 'Summit delayed\n\nThe summit in Oslo was postponed on Thursday because of the weather, organisers said.\n',
  'empty.txt': '   \n\n  ',
};

let dir: string;
const queue = `dl-test-q-${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-queue-'));
  fs.mkdirSync(path.join(dir, 'in'));
  for (const [name, text] of Object.entries(STORIES)) fs.writeFileSync(path.join(dir, 'in', name), text);
});
afterAll(async () => {
  await obliterateQueue(queue, redisUrl()).catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('redisOptions', () => {
  it('parses redis URLs and refuses others with a coded error', () => {
    expect(redisOptions('redis://:s3cret@example.org:6380/2')).toMatchObject({ host: 'example.org', port: 6380, password: 's3cret', db: 2, tls: undefined });
    expect(() => redisOptions('http://x')).toThrow(DatelineError);
    expect(() => redisOptions('not a url')).toThrow(/invalid Redis URL/);
  });
});

describe('queue and worker', () => {
  it('enqueues once, retries with backoff, dead-letters what keeps failing, stores the rest once', async () => {
    const first = await enqueueInputs([path.join(dir, 'in')], { queue, redis: redisUrl() });
    expect(first).toEqual({ read: 5, added: 5, duplicates: 0, unreadable: 0 });
    const again = await enqueueInputs([path.join(dir, 'in')], { queue, redis: redisUrl() });
    expect(again).toEqual({ read: 5, added: 0, duplicates: 5, unreadable: 0 });

    const real = createAnalyzer();
    let flakyTries = 0;
    const analyzer: Analyzer = {
      ctx: real.ctx,
      async analyze(input, meta) {
        const name = path.basename(String(meta?.input));
        if (name === 'flaky.txt' && ++flakyTries < 3) throw new Error('database hiccup');
        if (name === 'always.txt') throw new Error('the disk is on fire');
        return real.analyze(input, meta);
      },
    };
    const db = path.join(dir, 'w.db');
    const w = await startWorker({ queue, redis: redisUrl(), db, analyzer, concurrency: 2, lockDuration: 5000 });
    const t0 = Date.now();
    for (;;) {
      const c = await queueStatus(queue, redisUrl());
      if (c.completed + c.failed === 5 && c.dead === 2) break;
      if (Date.now() - t0 > 60_000) throw new Error(`queue did not settle: ${JSON.stringify(c)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const s = await w.stop();
    expect(flakyTries).toBe(3); // two failures, then success on the third attempt
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2900); // backoff 1 s + 2 s before the third attempt
    expect(s).toMatchObject({ processed: 3, stored: 3, deadLetters: 2 });
    expect(s.peakRssMiB).toBeGreaterThan(0);
    const dead = await deadLetters(queue, redisUrl());
    expect(dead.map((d) => [path.basename(d.name), d.code, d.attempts]).sort()).toEqual([
      ['always.txt', 'E_STAGE', 3],
      ['empty.txt', 'E_EMPTY', 1], // a bad input is not retried
    ]);
    const store = openStore(db);
    expect(store.counts()).toMatchObject({ stories: 3, failures: 2 });
    expect(store.failures().map((f) => f.code).sort()).toEqual(['E_EMPTY', 'E_STAGE']);
    store.close();
  });
});

describe('ingest', () => {
  it('resumes after an interruption without analysing an input twice', async () => {
    const db = path.join(dir, 'i.db');
    const inputs = [path.join(dir, 'in')];
    let calls = 0;
    const real = createAnalyzer();
    const analyzer: Analyzer = { ctx: real.ctx, analyze: (i, m) => (calls++, real.analyze(i, m)) };
    let seen = 0;
    const part = await runIngest(inputs, { db, analyzer, shouldStop: () => seen++ >= 2 });
    expect(part).toMatchObject({ interrupted: true, seen: 2, stored: 2 });
    const rest = await runIngest(inputs, { db, analyzer });
    expect(rest).toMatchObject({ interrupted: false, total: 5, skipped: 2, stored: 2, failed: 1 }); // empty.txt fails
    expect(calls).toBe(5); // 2 + 2 stories + 1 failing input, none twice
    const third = await runIngest(inputs, { db, analyzer });
    expect(third).toMatchObject({ skipped: 5, stored: 0, failed: 0 }); // the failed input is recorded as done too
    expect(calls).toBe(5);
    expect(third.stats).toMatchObject({ stories: 4, inputs: 5, failures: 1 });
  });
});
