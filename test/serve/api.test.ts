/**
 * The HTTP API through fastify's `inject` (no socket): validation errors as one-line JSON, every
 * event filter and paging against fixture stories written here, the aggregates, the exports'
 * columns, the OpenAPI document, and one real analysis of the project's example story.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/serve/server.js';
import { sqliteServeData } from '../../src/serve/data.js';
import { openStore } from '../../src/store/sqlite.js';
import { createDoc, type Doc, type Event, type Modality } from '../../src/doc/types.js';
import { GDELT_COLUMNS, DATELINE_COLUMNS } from '../../src/output/format.js';
import { repoRoot } from '../helpers/shared.js';

/** A fixture story: one sentence per event, "<source> <verb> <target> in <place>." */
function fixture(
  name: string,
  published: string,
  events: { src: [string, string]; verb: string; tgt?: [string, string]; cameo: string; quad: number; plover: string; date: string; place?: [string, number, number, number]; modality?: Modality }[],
): Doc {
  let text = '';
  const evs: Event[] = [];
  events.forEach((e, i) => {
    const start = text.length;
    const srcStart = text.length;
    text += e.src[0] + ' ';
    const trigStart = text.length;
    text += e.verb;
    const trigEnd = text.length;
    let tgtStart = -1;
    if (e.tgt) {
      text += ' ';
      tgtStart = text.length;
      text += e.tgt[0];
    }
    if (e.place) text += ` in ${e.place[0]}`;
    text += '. ';
    evs.push({
      id: `ev${i + 1}`,
      cameo: e.cameo,
      root: e.cameo.slice(0, 2),
      quadClass: e.quad,
      goldstein: 1,
      plover: e.plover,
      source: { text: e.src[0], actor: e.src[1], start: srcStart, end: srcStart + e.src[0].length },
      target: e.tgt ? { text: e.tgt[0], actor: e.tgt[1], start: tgtStart, end: tgtStart + e.tgt[0].length } : null,
      date: e.date,
      place: e.place ? { name: e.place[0], geonamesId: e.place[1], lat: e.place[2], lon: e.place[3] } : null,
      modality: e.modality ?? 'asserted',
      sentence: { start, end: text.length - 1 },
      trigger: { start: trigStart, end: trigEnd, text: e.verb },
    });
  });
  const doc = createDoc(text, { title: name, published, publishedSource: 'given', url: `https://news.example/${name}` });
  doc.text = text.trim();
  doc.id = Buffer.from(name).toString('hex').padEnd(16, '0');
  doc.events = evs;
  return doc;
}

const PARIS: [string, number, number, number] = ['Paris', 2988507, 48.853, 2.349];
const KYIV: [string, number, number, number] = ['Kyiv', 703448, 50.45, 30.524];
const FIJI: [string, number, number, number] = ['Suva', 2198148, -18.141, 178.441];

let tmp: string;
let app: FastifyInstance;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-api-'));
  const store = openStore(path.join(tmp, 'api.db'));
  store.saveDoc(
    fixture('alpha', '2022-02-20', [
      { src: ['Macron', 'FRAGOV'], verb: 'visited', tgt: ['Putin', 'RUSGOV'], cameo: '042', quad: 1, plover: 'CONSULT', date: '2022-02-07', place: PARIS },
      { src: ['Russia', 'RUS'], verb: 'attacked', tgt: ['Ukraine', 'UKR'], cameo: '190', quad: 4, plover: 'ASSAULT', date: '2022-02-24', place: KYIV },
      { src: ['Putin', 'RUSGOV'], verb: 'criticized', tgt: ['NATO', 'IGONAT'], cameo: '111', quad: 3, plover: 'DISAPPROVE', date: '2022-03-01' },
    ]),
  );
  store.saveDoc(
    fixture('beta', '2022-03-10', [
      { src: ['Fiji', 'FJI'], verb: 'will host', tgt: ['Macron', 'FRAGOV'], cameo: '043', quad: 1, plover: 'CONSULT', date: '2022-04', place: FIJI, modality: 'planned' },
      { src: ['Zelensky', 'UKRGOV'], verb: 'appealed', cameo: '020', quad: 1, plover: 'REQUEST', date: '2022-03-09', place: KYIV },
    ]),
  );
  app = await buildServer({ data: sqliteServeData(store), webDir: false });
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function get(url: string): Promise<{ status: number; body: any; raw: string; headers: Record<string, unknown> }> {
  const r = await app.inject(url);
  let body: unknown;
  try {
    body = JSON.parse(r.body);
  } catch {
    body = undefined;
  }
  return { status: r.statusCode, body, raw: r.body, headers: r.headers };
}

const ids = (b: { items: { sourceActor: string; cameo: string }[] }) => b.items.map((e) => `${e.sourceActor}:${e.cameo}`);

describe('validation', () => {
  it.each([
    ['/api/events?limit=0', 'query.limit'],
    ['/api/events?limit=5000', 'query.limit'],
    ['/api/events?offset=-1', 'query.offset'],
    ['/api/events?quadClass=5', 'query.quadClass'],
    ['/api/events?cameo=4x', 'query.cameo'],
    ['/api/events?from=yesterday', 'query.from'],
    ['/api/events?bbox=1,2,3', 'query.bbox'],
    ['/api/events?bbox=0,50,10,40', 'query.bbox'],
    ['/api/events?bbox=0,0,200,10', 'query.bbox'],
    ['/api/events?modality=rumoured', 'query.modality'],
    ['/api/stories/not-a-hash', 'params.id'],
    ['/api/actors/R%20U', 'params.code'],
    ['/api/timeline?granularity=week', 'query.granularity'],
  ])('%s → 400 naming %s', async (url, field) => {
    const r = await get(url);
    expect(r.status).toBe(400);
    expect(Object.keys(r.body)).toEqual(['error']);
    expect(r.body.error.code).toBe('E_USAGE');
    expect(r.body.error.message).toContain(field);
    expect(r.raw).not.toContain('\n');
  });

  it('rejects bad analyze bodies with one-line JSON errors', async () => {
    const cases: [object | string, string, number, string][] = [
      [{ text: 'a', html: 'b' }, 'application/json', 400, 'exactly one'],
      [{}, 'application/json', 400, 'exactly one'],
      [{ text: 'Putin spoke.', date: '2022-02-30' }, 'application/json', 400, 'body.date'],
      [{ text: 'Putin spoke.', url: 'javascript:alert(1)' }, 'application/json', 400, 'body.url'],
      [{ text: 'Putin spoke.', extra: 1 }, 'application/json', 400, 'body'],
      ['{not json', 'application/json', 400, 'JSON'],
      ['   ', 'text/plain', 422, 'empty'],
      [{ text: '' }, 'application/json', 422, 'empty'], // as the CLI: an empty story is E_EMPTY, not a usage error
      [{ html: '  ' }, 'application/json', 422, 'empty'],
      // as the CLI refuses a file with NUL bytes: a text with more than stray NULs is binary, not stored
      [{ text: 'Putin\u0000 visited\u0000 Paris.' }, 'application/json', 422, 'binary'],
      ['abc', 'application/octet-stream', 415, ''],
    ];
    for (const [payload, type, status, words] of cases) {
      const r = await app.inject({ method: 'POST', url: '/api/analyze', payload: typeof payload === 'string' ? payload : JSON.stringify(payload), headers: { 'content-type': type } });
      expect(r.statusCode, JSON.stringify(payload)).toBe(status);
      const body = JSON.parse(r.body);
      expect(body.error.code).toMatch(/^E_[A-Z_]+$/);
      expect(body.error.message).toContain(words);
      expect(r.body).not.toMatch(/\n|at .*\.ts:\d+/);
    }
  });

  it('refuses a body over the limit with 413 E_TOO_LARGE', async () => {
    const small = await buildServer({ data: sqliteServeData(openStore(':memory:')), webDir: false, bodyLimit: 2048 });
    const r = await small.inject({ method: 'POST', url: '/api/analyze', payload: 'x '.repeat(5000), headers: { 'content-type': 'text/plain' } });
    expect(r.statusCode).toBe(413);
    expect(JSON.parse(r.body).error.code).toBe('E_TOO_LARGE');
    await small.close();
  });

  it('answers unknown routes with 404 E_NOT_FOUND and unknown stories too', async () => {
    expect((await get('/api/nothing')).body.error.code).toBe('E_NOT_FOUND');
    const r = await get('/api/stories/' + 'ab'.repeat(32));
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('E_NOT_FOUND');
  });

  it('takes filter values literally (SQL parameters; LIKE and FTS syntax escaped)', async () => {
    for (const q of ["' OR 1=1 --", '%', '_', 'NEAR(a b)', '"']) {
      const r = await get(`/api/events?q=${encodeURIComponent(q)}`);
      expect(r.status).toBe(200);
      expect(r.body.total).toBe(0);
      const p = await get(`/api/events?place=${encodeURIComponent(q)}`);
      expect(p.body.total).toBe(0);
    }
    expect((await get(`/api/events?actor=${encodeURIComponent("x' OR '1'='1")}`)).body.total).toBe(0);
  });
});

describe('events: filters and paging', () => {
  it('lists every event by date with the total, and pages', async () => {
    const all = await get('/api/events');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(5);
    expect(all.body.items.map((e: { date: string }) => e.date)).toEqual(['2022-02-07', '2022-02-24', '2022-03-01', '2022-03-09', '2022-04']);
    expect(all.body.items[0].label).toBe('Make a visit');
    const p1 = await get('/api/events?limit=2&offset=0');
    const p2 = await get('/api/events?limit=2&offset=2');
    const p3 = await get('/api/events?limit=2&offset=4');
    expect([p1.body.total, p2.body.total, p3.body.total]).toEqual([5, 5, 5]);
    expect([...ids(p1.body), ...ids(p2.body), ...ids(p3.body)]).toEqual(ids(all.body));
    expect(p3.body.items).toHaveLength(1);
  });

  it.each([
    ['actor=RUS', ['FRAGOV:042', 'RUS:190', 'RUSGOV:111']],
    ['actor=RUSGOV', ['FRAGOV:042', 'RUSGOV:111']],
    ['actor=Zelensky', ['UKRGOV:020']],
    ['actorName=macron', ['FRAGOV:042', 'FJI:043']],
    ['cameo=04', ['FRAGOV:042', 'FJI:043']],
    ['cameo=190', ['RUS:190']],
    ['root=11', ['RUSGOV:111']],
    ['quadClass=4', ['RUS:190']],
    ['plover=consult', ['FRAGOV:042', 'FJI:043']],
    ['from=2022-03', ['RUSGOV:111', 'UKRGOV:020', 'FJI:043']],
    ['to=2022-02-24', ['FRAGOV:042', 'RUS:190']],
    ['from=2022-02-10&to=2022-03', ['RUS:190', 'RUSGOV:111', 'UKRGOV:020']],
    ['place=kyi', ['RUS:190', 'UKRGOV:020']],
    ['bbox=20,40,40,60', ['RUS:190', 'UKRGOV:020']],
    ['bbox=170,-30,-170,0', ['FJI:043']],
    ['modality=planned', ['FJI:043']],
    // q: the story holds every word (full-text index), or an event's words hold the phrase
    ['q=attacked', ['FRAGOV:042', 'RUS:190', 'RUSGOV:111']],
    ['q=will host', ['FJI:043', 'UKRGOV:020']],
    ['q=attacked Zelensky', []],
    ['q=Zelensky', ['FJI:043', 'UKRGOV:020']],
    ['actor=RUS&quadClass=1', ['FRAGOV:042']],
  ])('%s', async (qs, expected) => {
    const r = await get(`/api/events?${qs}`);
    expect(r.status).toBe(200);
    expect(ids(r.body).sort()).toEqual([...expected].sort());
    expect(r.body.total).toBe(expected.length);
  });
});

describe('stories, actors and aggregates', () => {
  it('lists stories with paging and returns one story\'s Doc', async () => {
    const r = await get('/api/stories?limit=1');
    expect(r.body.total).toBe(2);
    expect(r.body.items).toHaveLength(1);
    const both = await get('/api/stories');
    const alpha = both.body.items.find((s: { title: string }) => s.title === 'alpha');
    expect(alpha.events).toBe(3);
    const d = await get(`/api/stories/${alpha.id}`);
    expect(d.status).toBe(200);
    expect(d.body.version).toBe(1);
    expect(d.body.events).toHaveLength(3);
    expect(d.body.text).toContain('Macron visited Putin in Paris');
  });

  it('gives an actor\'s events over time', async () => {
    const r = await get('/api/actors/rusgov');
    expect(r.status).toBe(200);
    expect(r.body.code).toBe('RUSGOV');
    expect(r.body.names.sort()).toEqual(['Putin']);
    expect(r.body.total).toBe(2);
    expect(r.body.timeline).toEqual([
      { period: '2022-02', count: 1, byQuad: [1, 0, 0, 0] },
      { period: '2022-03', count: 1, byQuad: [0, 0, 1, 0] },
    ]);
    expect(r.body.events.items).toHaveLength(2);
    const day = await get('/api/actors/RUS?granularity=day');
    expect(day.body.timeline.map((b: { period: string }) => b.period)).toEqual(['2022-02-07', '2022-02-24', '2022-03-01']);
    expect((await get('/api/actors/ZZZ')).status).toBe(404);
  });

  it('aggregates the timeline, the places and the network', async () => {
    const t = await get('/api/timeline');
    expect(t.body.buckets).toEqual([
      { period: '2022-02', count: 2, byQuad: [1, 0, 0, 1] },
      { period: '2022-03', count: 2, byQuad: [1, 0, 1, 0] },
      { period: '2022-04', count: 1, byQuad: [1, 0, 0, 0] },
    ]);
    // a month-precise date has no day bucket
    expect((await get('/api/timeline?granularity=day')).body.buckets.map((b: { period: string }) => b.period)).toEqual(['2022-02-07', '2022-02-24', '2022-03-01', '2022-03-09']);
    const p = await get('/api/places');
    expect(p.body.places.map((x: { name: string; count: number; stories: number }) => [x.name, x.count, x.stories])).toEqual([
      ['Kyiv', 2, 2],
      ['Paris', 1, 1],
      ['Suva', 1, 1],
    ]);
    const n = await get('/api/network?quadClass=1');
    expect(n.body.edges).toEqual(
      expect.arrayContaining([
        { source: 'FRAGOV', target: 'RUSGOV', quadClass: 1, count: 1 },
        { source: 'FJI', target: 'FRAGOV', quadClass: 1, count: 1 },
      ]),
    );
    expect(n.body.edges).toHaveLength(2);
    expect(n.body.nodes.map((x: { id: string }) => x.id).sort()).toEqual(['FJI', 'FRAGOV', 'RUSGOV']);
  });
});

describe('exports', () => {
  it('writes CSV with the GDELT columns, one row per filtered event', async () => {
    const r = await app.inject('/api/export.csv?actor=RUS');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    expect(r.headers['content-disposition']).toMatch(/attachment/);
    const lines = r.body.trim().split('\n');
    expect(lines[0].split(',')).toEqual([...GDELT_COLUMNS, ...DATELINE_COLUMNS]);
    expect(lines).toHaveLength(4);
    const col = (name: string) => lines.slice(1).map((l) => l.split(',')[GDELT_COLUMNS.indexOf(name)]);
    expect(col('EventCode').sort()).toEqual(['042', '111', '190']);
    expect(col('SQLDATE').sort()).toEqual(['20220207', '20220224', '20220301']);
    expect(col('ActionGeo_FullName').sort()).toEqual(['', 'Kyiv', 'Paris']);
    const empty = await app.inject('/api/export.csv?cameo=2099');
    expect(empty.body.trim().split('\n')).toEqual([[...GDELT_COLUMNS, ...DATELINE_COLUMNS].join(',')]);
  });

  it('writes JSON Lines of events or of Docs', async () => {
    const r = await app.inject('/api/export.jsonl?place=Kyiv');
    expect(r.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const rows = r.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((e) => e.cameo).sort()).toEqual(['020', '190']);
    expect(rows.every((e) => typeof e.storyId === 'string' && e.trigger && e.sentence)).toBe(true);
    const docs = (await app.inject('/api/export.jsonl?place=Kyiv&of=docs')).body.trim().split('\n').map((l) => JSON.parse(l));
    expect(docs).toHaveLength(2);
    expect(docs.every((d) => d.version === 1 && d.events.length === 1)).toBe(true);
  });
});

describe('OpenAPI document', () => {
  it('parses and lists every route with its parameters', async () => {
    const r = await get('/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toMatch(/^3\.1/);
    const paths = Object.keys(r.body.paths);
    for (const p of ['/api/analyze', '/api/stories', '/api/stories/{id}', '/api/events', '/api/actors/{code}', '/api/export.csv', '/api/export.jsonl', '/api/timeline', '/api/places', '/api/network', '/api/openapi.json']) {
      expect(paths).toContain(p);
    }
    const params = r.body.paths['/api/events'].get.parameters.map((p: { name: string }) => p.name);
    for (const n of ['actor', 'actorName', 'cameo', 'root', 'quadClass', 'plover', 'from', 'to', 'place', 'bbox', 'modality', 'q', 'limit', 'offset']) expect(params).toContain(n);
    expect(r.body.paths['/api/stories/{id}'].get.parameters[0]).toMatchObject({ name: 'id', in: 'path', required: true });
    const body = r.body.paths['/api/analyze'].post.requestBody.content;
    expect(Object.keys(body)).toEqual(['application/json', 'text/plain', 'text/html']);
    expect(Object.keys(body['application/json'].schema.properties)).toEqual(['text', 'html', 'date', 'url', 'title']);
    const opIds = Object.values(r.body.paths).flatMap((m: any) => Object.values(m).map((o: any) => o.operationId));
    expect(new Set(opIds).size).toBe(opIds.length);
  });
});

describe('analyze', () => {
  it('analyses and stores the example story, JSON or raw text; the same story twice is stored once', async () => {
    const text = fs.readFileSync(path.join(repoRoot, 'examples', 'border-talks.txt'), 'utf8');
    const r = await app.inject({ method: 'POST', url: '/api/analyze', payload: { text, date: '2023-03-15', url: 'https://news.example/border' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['x-dateline-stored']).toBe('true');
    const doc = JSON.parse(r.body);
    expect(doc.version).toBe(1);
    expect(doc.meta).toMatchObject({ published: '2023-03-15', publishedSource: 'given', url: 'https://news.example/border' });
    expect(doc.raw).toBeUndefined();
    expect(doc.events.some((e: { cameo: string }) => e.cameo === '043')).toBe(true);
    const stored = await get(`/api/stories/${doc.id}`);
    expect(stored.body.events).toEqual(doc.events);
    const again = await app.inject({ method: 'POST', url: '/api/analyze?date=2023-03-15', payload: text, headers: { 'content-type': 'text/plain' } });
    expect(again.statusCode).toBe(200);
    expect(again.headers['x-dateline-stored']).toBe('false');
    expect(JSON.parse(again.body).id).toBe(doc.id);
    const evs = await get(`/api/events?story=${doc.id}`);
    expect(evs.body.total).toBe(doc.events.length);
  });

  it('analyses an HTML body', async () => {
    const html = '<html><head><title>Talks</title></head><body><article><p>PARIS, May 3, 2021 -- French President Emmanuel Macron met German Chancellor Angela Merkel in Paris on Monday for talks on trade.</p><p>The two leaders discussed tariffs.</p></article></body></html>';
    const r = await app.inject({ method: 'POST', url: '/api/analyze', payload: html, headers: { 'content-type': 'text/html' } });
    expect(r.statusCode).toBe(200);
    const doc = JSON.parse(r.body);
    expect(doc.text).not.toContain('<');
    expect(doc.meta.mediaType).toBe('text/html');
  });

  it('serves a plain notice at / when the web app is not built, and the app when it is', async () => {
    const noWeb = await buildServer({ data: sqliteServeData(openStore(':memory:')), webDir: path.join(tmp, 'missing') });
    const r = await noWeb.inject('/');
    expect(r.body).toMatch(/vite build --config web\/vite.config.ts/);
    await noWeb.close();
    const dir = path.join(tmp, 'web');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
    const withWeb = await buildServer({ data: sqliteServeData(openStore(':memory:')), webDir: dir });
    const page = await withWeb.inject('/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    await withWeb.close();
  });
});
