/**
 * API security (fastify `inject`, a real SQLite store in a temporary file): a bearer token on
 * writing requests when configured, the rate limit, the body limit, CORS off by default, and SQL
 * injection attempts on every filter of every querying route — each answered 200 with an empty
 * or unchanged result or 400 `E_USAGE`, never 500, with the store intact afterwards.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer, bearerMatches } from '../../src/serve/server.js';
import { sqliteServeData } from '../../src/serve/data.js';
import { openStore } from '../../src/store/sqlite.js';
import { createAnalyzer } from '../../src/pipeline.js';

const STORIES = [
  'Russian President Vladimir Putin visited Dushanbe on June 28, 2022 and met President Emomali Rahmon. Putin criticized NATO in Moscow on Monday.',
  "Ukraine's President Volodymyr Zelensky met French President Emmanuel Macron in Paris on Tuesday. Russian troops attacked Kyiv on March 1, 2022.",
];

/** Injection payloads: quote breaking, comments, stacked statements, LIKE and FTS5 syntax, NUL, huge. */
const PAYLOADS = [
  "' OR 1=1 --", "x' OR '1'='1", '1; DROP TABLE stories; --', '" OR ""="', "') UNION SELECT id, text FROM stories --",
  '%', '_', '%%_%', '\\', 'NEAR(a b)', '"', 'a* OR b*', '*', '\u0000', "'; ATTACH DATABASE '/tmp/x.db' AS x; --",
  'RUS%', 'A'.repeat(5000), '1e309', '-1', '0x10', '2022-02-30', '9999-99-99', '1,2,3', '180,90,-180,-90', 'NaN,NaN,NaN,NaN',
];

const FILTERS = ['actor', 'actorName', 'cameo', 'root', 'quadClass', 'plover', 'from', 'to', 'place', 'bbox', 'modality', 'q', 'story'];
const ROUTES = ['/api/events', '/api/timeline', '/api/places', '/api/network', '/api/export.csv', '/api/export.jsonl'];

let tmp: string;
let app: FastifyInstance;
const analyzer = createAnalyzer({ date: '2022-06-28' });

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-hostile-api-'));
  app = await buildServer({ data: sqliteServeData(openStore(path.join(tmp, 'api.db'))), webDir: false, analyzer, token: 's3cret-token', rateLimit: { max: 100_000, analyzeMax: 100_000 } });
  for (const text of STORIES) {
    const r = await app.inject({ method: 'POST', url: '/api/analyze', payload: { text }, headers: { authorization: 'Bearer s3cret-token' } });
    expect(r.statusCode, r.body).toBe(200);
  }
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('token on writing requests', () => {
  it('POST /api/analyze without, with a wrong, or with a malformed token: 401 E_UNAUTHORIZED; reads stay open', async () => {
    for (const authorization of [undefined, 'Bearer wrong', 'Bearer s3cret-token-and-more', 'Basic czNjcmV0LXRva2Vu', 's3cret-token', 'Bearer ', 'Bearer s3cret-token x']) {
      const r = await app.inject({ method: 'POST', url: '/api/analyze', payload: { text: 'Putin visited Paris on Monday.' }, headers: authorization ? { authorization } : {} });
      expect(r.statusCode, String(authorization)).toBe(401);
      expect(JSON.parse(r.body).error.code).toBe('E_UNAUTHORIZED');
    }
    expect((await app.inject('/api/events')).statusCode).toBe(200);
    expect((await app.inject('/api/health')).statusCode).toBe(200);
  });

  it('the right token is accepted (case-insensitive scheme) and compared whole', () => {
    expect(bearerMatches('Bearer s3cret-token', 's3cret-token')).toBe(true);
    expect(bearerMatches('bearer  s3cret-token ', 's3cret-token')).toBe(true);
    expect(bearerMatches('Bearer s3cret', 's3cret-token')).toBe(false);
    expect(bearerMatches(undefined, 's3cret-token')).toBe(false);
  });
});

describe('limits', () => {
  it('rate limit: over `max` requests in the window gives 429 E_RATE_LIMIT with retry-after', async () => {
    const limited = await buildServer({ data: sqliteServeData(openStore(':memory:')), webDir: false, analyzer, rateLimit: { max: 5, analyzeMax: 2, windowMs: 60_000 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) codes.push((await limited.inject('/api/health')).statusCode);
      expect(codes).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const r = await limited.inject('/api/events');
      expect(r.statusCode).toBe(429);
      expect(JSON.parse(r.body).error.code).toBe('E_RATE_LIMIT');
      expect(r.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }
  });

  it('rate limit on analyze is tighter than on reads; off with rateLimit: false (and by default in buildServer)', async () => {
    const limited = await buildServer({ data: sqliteServeData(openStore(':memory:')), webDir: false, analyzer, rateLimit: { max: 100, analyzeMax: 1 } });
    const open = await buildServer({ data: sqliteServeData(openStore(':memory:')), webDir: false, analyzer });
    try {
      const post = (a: FastifyInstance) => a.inject({ method: 'POST', url: '/api/analyze', payload: { text: 'Putin visited Paris on Monday.' } });
      expect((await post(limited)).statusCode).toBe(200);
      expect((await post(limited)).statusCode).toBe(429);
      expect((await limited.inject('/api/health')).statusCode).toBe(200);
      const codes = await Promise.all(Array.from({ length: 1200 }, () => open.inject('/api/health').then((r) => r.statusCode)));
      expect(codes.every((c) => c === 200)).toBe(true);
      const dflt = await buildServer({ data: sqliteServeData(openStore(':memory:')), webDir: false, analyzer, rateLimit: true });
      const many: number[] = [];
      for (let i = 0; i < 1001; i++) many.push((await dflt.inject('/api/health')).statusCode);
      expect(many.filter((c) => c === 429)).toHaveLength(1); // DEFAULT_RATE_LIMIT.max = 1000 a minute
      await dflt.close();
    } finally {
      await limited.close();
      await open.close();
    }
  });

  it('body over the limit: 413 E_TOO_LARGE; CORS off by default (no allow-origin header)', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/analyze', payload: 'x '.repeat(3 * 2 ** 20), headers: { 'content-type': 'text/plain', authorization: 'Bearer s3cret-token' } });
    expect(r.statusCode).toBe(413);
    expect(JSON.parse(r.body).error.code).toBe('E_TOO_LARGE');
    const c = await app.inject({ url: '/api/events', headers: { origin: 'https://evil.example' } });
    expect(c.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await app.inject({ method: 'OPTIONS', url: '/api/analyze', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('SQL injection on every filter of every route', () => {
  it('answers 200 or 400, never 500; matches nothing it should not; the store is intact', async () => {
    const before = JSON.parse((await app.inject('/api/health')).body).counts;
    const all = JSON.parse((await app.inject('/api/events?limit=1000')).body).total as number;
    expect(all).toBeGreaterThan(1);
    let tried = 0;
    const statuses = new Map<number, number>();
    for (const route of ROUTES) {
      for (const f of FILTERS) {
        for (const p of PAYLOADS) {
          const r = await app.inject(`${route}?${f}=${encodeURIComponent(p)}`);
          tried++;
          statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
          expect([200, 400], `${route}?${f}=${p.slice(0, 40)}: ${r.body.slice(0, 200)}`).toContain(r.statusCode);
          if (r.statusCode === 400) expect(JSON.parse(r.body).error.code).toBe('E_USAGE');
          if (r.statusCode === 200 && route === '/api/events') {
            // a payload never widens the match beyond all events; quote-breaking ones match none
            const total = JSON.parse(r.body).total as number;
            expect(total).toBeLessThanOrEqual(all);
            if (/OR|UNION|DROP|ATTACH/.test(p) && !['q'].includes(f)) expect(total, `${f}=${p}`).toBe(0);
          }
        }
      }
    }
    for (const p of PAYLOADS) {
      for (const url of [`/api/actors/${encodeURIComponent(p)}`, `/api/stories/${encodeURIComponent(p)}`, `/api/stories?limit=${encodeURIComponent(p)}`, `/api/stories?offset=${encodeURIComponent(p)}`]) {
        const r = await app.inject(url);
        tried++;
        expect([200, 400, 404, 414], `${url.slice(0, 80)}: ${r.body.slice(0, 200)}`).toContain(r.statusCode);
        if (r.statusCode !== 200) expect(JSON.parse(r.body).error.code).toMatch(/^E_(USAGE|NOT_FOUND)$/);
      }
    }
    const after = JSON.parse((await app.inject('/api/health')).body).counts;
    expect(after).toEqual(before);
    expect(JSON.parse((await app.inject('/api/events?limit=1000')).body).total).toBe(all);
    expect(tried).toBeGreaterThan(1900);
    expect(statuses.get(200)).toBeGreaterThan(100);
    expect(statuses.get(400)).toBeGreaterThan(100);
  });
});
