/**
 * One test suite run against both store backends: SQLite (a temporary file) and PostgreSQL (the
 * local server, a schema of its own per run, dropped afterwards).
 */
import { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { openStore } from '../../src/store/index.js';
import { openPostgresStore, type PgStore } from '../../src/store/postgres.js';
import type { DatelineStore } from '../../src/store/store.js';
import type { Doc } from '../../src/doc/types.js';
import { makeDoc } from '../output/fixture.js';
import { pgUrl } from './pg.js';

/** A reprint of the fixture story: the same body with an agency line, another outlet's title suffix and URL. */
function reprint(): Doc {
  const d = makeDoc(' (Reprinted from Nordic Wire.)');
  d.id = createHash('sha256').update(d.text).digest('hex');
  d.meta.title = 'Nordby visits Helsinki - Outlet B';
  d.meta.url = 'https://outlet-b.example.com/world/nordby';
  d.meta.originalPublisher = 'Nordic Wire';
  d.meta.isReprint = true;
  return d;
}

/** A different story with a different body: no cluster with the fixture. */
function other(): Doc {
  const d = makeDoc();
  d.text = 'A storm closed the harbour at Bergen on Tuesday, officials said, and ferries stayed in port all day long.';
  d.id = createHash('sha256').update(d.text).digest('hex');
  d.meta.title = 'Storm shuts Bergen harbour';
  d.events = [];
  return d;
}

interface Backend {
  name: string;
  open(): Promise<DatelineStore>;
  cleanup(): Promise<void>;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-backends-'));
const schema = `dl_test_store_${randomBytes(4).toString('hex')}`;
let n = 0;

const backends: Backend[] = [
  {
    name: 'sqlite',
    open: async () => openStore(path.join(dir, `s${++n}.db`)),
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  },
  {
    name: 'postgres',
    open: async () => {
      const s = await openPostgresStore(pgUrl(), { schema: `${schema}_${++n}` });
      opened.push(s);
      return s;
    },
    cleanup: async () => undefined,
  },
];
const opened: PgStore[] = [];

afterAll(async () => {
  for (const b of backends) await b.cleanup();
  for (const s of opened) {
    const p = await openPostgresStore(pgUrl(), { schema: s.schema, max: 1 });
    await p.dropSchema();
    await p.close();
  }
});

describe.each(backends)('$name store', (backend) => {
  let store: DatelineStore;
  beforeEach(async () => {
    store = await backend.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it('saves a story once per content hash, in one piece, and reads every layer back', async () => {
    const doc = makeDoc();
    expect(await store.saveDoc(doc)).toEqual({ stored: true, id: doc.id });
    expect(await store.saveDoc(makeDoc())).toEqual({ stored: false, id: doc.id });
    expect(await store.counts()).toEqual({ stories: 1, events: 2, entities: 4, failures: 0 });
    expect(await store.hasDoc(doc.id)).toBe(true);
    expect(await store.hasDoc('0'.repeat(64))).toBe(false);
    const back = (await store.getDoc(doc.id))!;
    expect(back.text).toBe(doc.text);
    expect(back.tokens).toEqual(doc.tokens);
    expect(back.events).toEqual(doc.events);
    expect(back.meta.title).toBe('Nordby visits Helsinki');
    expect(await store.getDoc('nope')).toBeUndefined();
  });

  it('stores a story saved by several callers at once exactly once', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => store.saveDoc(makeDoc())));
    expect(results.filter((r) => r.stored).length).toBe(1);
    expect((await store.counts()).events).toBe(2);
  });

  it('records raw inputs, analysed or failed, so a resumed run skips them', async () => {
    await store.saveDoc(makeDoc(), { rawHash: 'a'.repeat(64), input: 'one.txt' });
    await store.saveDoc(makeDoc(), { rawHash: 'b'.repeat(64), input: 'copy-of-one.txt' });
    await store.recordFailure('bad.bin', 'E_BINARY', "input is binary'; DROP TABLE stories; --", 'c'.repeat(64));
    for (const h of ['a', 'b', 'c']) expect(await store.hasInput(h.repeat(64))).toBe(true);
    expect(await store.hasInput('d'.repeat(64))).toBe(false);
    const st = await store.stats();
    expect([st.stories, st.inputs, st.failures]).toEqual([1, 3, 1]);
    expect((await store.failures()).map((f) => [f.input, f.code])).toEqual([['bad.bin', 'E_BINARY']]);
  });

  it('answers the common queries: actor, code, date range, place box, story, full text', async () => {
    const doc = makeDoc();
    await store.saveDoc(doc);
    await store.saveDoc(other());
    const ids = async (f: Parameters<DatelineStore['queryEvents']>[0]) => (await store.queryEvents(f)).map((e) => e.eventId);
    expect(await ids({})).toEqual(['ev1', 'ev2']);
    expect(await ids({ actor: 'NOR' })).toEqual(['ev1', 'ev2']);
    expect(await ids({ actor: 'FIN' })).toEqual(['ev1']);
    expect(await ids({ actor: 'SWE' })).toEqual(['ev2']);
    expect(await ids({ actor: 'NORMIL' })).toEqual([]);
    expect(await ids({ cameo: '04' })).toEqual(['ev1', 'ev2']);
    expect(await ids({ cameo: '0421' })).toEqual([]);
    expect(await ids({ from: '2023-05-09' })).toEqual(['ev2']);
    expect(await ids({ to: '2023-05-08' })).toEqual(['ev1']);
    expect(await ids({ from: '2023-05', to: '2023-05' })).toEqual(['ev1', 'ev2']);
    expect(await ids({ bbox: [20, 59, 30, 61] })).toEqual(['ev1']); // Helsinki, not Stockholm
    expect(await ids({ bbox: [10, 55, 30, 65] })).toEqual(['ev1', 'ev2']);
    expect(await ids({ storyId: doc.id, modality: 'planned' })).toEqual(['ev2']);
    expect(await ids({ limit: 1, offset: 1 })).toEqual(['ev2']);
    const e = (await store.queryEvents({ actor: 'FIN' }))[0];
    expect(e).toMatchObject({ storyId: doc.id, cameo: '042', quadClass: 1, goldstein: 1.9, geonamesId: 658225, lat: 60.169, triggerText: 'arrived' });
    expect((await store.searchStories('harbour Bergen')).map((h) => h.id)).toEqual([other().id]);
    const hits = await store.searchStories('Helsinki');
    expect(hits.map((h) => h.id)).toEqual([doc.id]);
    expect(hits[0].snippet).toContain('[Helsinki]');
    expect(await store.searchStories('"unbalanced AND (')).toEqual([]);
  });

  it('answers large queries through the date cutoff with the same rows and order as a full sort', async () => {
    // three stories of 40 events each: actors on either side, codes, repeated dates and undated events
    const actors = ['NORGOV', 'NORMIL', 'FINGOV', 'SWE', 'SWEOPP'];
    const codes = ['042', '0421', '043', '190', '051'];
    const all: Array<{ storyId: string; ord: number; eventId: string; date: string | null; src: string; tgt: string | null; cameo: string }> = [];
    for (let s = 0; s < 3; s++) {
      const d = makeDoc(` Story ${s}.`);
      d.id = createHash('sha256').update(d.text).digest('hex');
      const base = d.events[0];
      d.events = Array.from({ length: 40 }, (_, k) => {
        const x = (k * 7 + s * 3) % 13;
        const date = x === 0 ? undefined : `2023-05-${String(1 + (x % 6)).padStart(2, '0')}`;
        const src = actors[(k + s) % actors.length];
        const tgt = k % 4 === 0 ? undefined : actors[(k * 3 + 1) % actors.length];
        const cameo = codes[(k + 2 * s) % codes.length];
        return { ...base, id: `s${s}e${k}`, cameo, root: cameo.slice(0, 2), date, source: { ...base.source, actor: src }, target: tgt ? { text: 'X', actor: tgt } : undefined };
      });
      await store.saveDoc(d);
      d.events.forEach((e, ord) => all.push({ storyId: d.id, ord, eventId: e.id, date: e.date ?? null, src: e.source.actor, tgt: e.target?.actor ?? null, cameo: e.cameo }));
    }
    all.sort((a, b) => (a.date === null ? 1 : 0) - (b.date === null ? 1 : 0) || (a.date ?? '').localeCompare(b.date ?? '') || (a.storyId < b.storyId ? -1 : a.storyId > b.storyId ? 1 : 0) || a.ord - b.ord);
    const cases: Array<{ actor?: string; cameo?: string; from?: string; to?: string; limit: number; offset?: number }> = [];
    for (const limit of [1, 5, 17, 60, 200]) {
      for (const offset of [0, 3, 50]) {
        cases.push({ limit, offset }, { actor: 'NOR', limit, offset }, { actor: 'SWE', limit, offset }, { actor: 'FINGOV', cameo: '04', limit, offset });
        cases.push({ cameo: '042', limit, offset }, { from: '2023-05-02', to: '2023-05-04', limit, offset });
      }
    }
    for (const c of cases) {
      const want = all
        .filter((e) => !c.actor || e.src.startsWith(c.actor) || (e.tgt ?? '').startsWith(c.actor))
        .filter((e) => !c.cameo || e.cameo.startsWith(c.cameo))
        .filter((e) => !c.from || (e.date !== null && e.date >= c.from))
        .filter((e) => !c.to || (e.date !== null && e.date < c.to + '\uffff'))
        .slice(c.offset ?? 0, (c.offset ?? 0) + c.limit)
        .map((e) => e.eventId);
      expect((await store.queryEvents(c)).map((e) => e.eventId), JSON.stringify(c)).toEqual(want);
    }
  });

  it('clusters a reprint with its original, keeps the original publisher, and counts one event from both reports', async () => {
    const orig = makeDoc();
    const rep = reprint();
    await store.saveDoc(orig);
    await store.saveDoc(rep);
    await store.saveDoc(other());
    const summary = await store.dedup();
    expect(summary).toMatchObject({ stories: 3, clusters: 2, clusteredStories: 2 });
    const a = (await store.clusterOf(orig.id))!;
    const b = (await store.clusterOf(rep.id))!;
    expect(a.clusterId).toBe(b.clusterId);
    expect(a.size).toBe(2);
    expect(a.originalPublisher).toBe('Nordic Wire');
    expect((await store.clusterOf(other().id))!.size).toBe(1);
    // ev1 (asserted visit) and ev2 (planned trip) of each copy: two real events, each with two reports
    const real = await store.queryRealEvents({});
    expect(real.map((r) => [r.cameo, r.status, r.date, r.numMentions, r.numArticles, r.numSources, r.numClusters])).toEqual([
      ['042', 'happened', '2023-05-08', 2, 2, 2, 1],
      ['042', 'planned', '2023-05-12', 2, 2, 2, 1],
    ]);
    expect((await store.queryRealEvents({ actor: 'FIN' })).length).toBe(1);
    expect((await store.queryRealEvents({ bbox: [20, 59, 30, 61] })).length).toBe(1);
    const reports = await store.reportsOf(real[0].id);
    expect(reports.map((r) => [r.storyId, r.eventId, r.triggerText]).sort()).toEqual(
      [[orig.id, 'ev1', 'arrived'], [rep.id, 'ev1', 'arrived']].sort(),
    );
    // recomputing gives the same ids
    await store.dedup();
    expect((await store.queryRealEvents({})).map((r) => r.id)).toEqual(real.map((r) => r.id));
    const st = await store.stats();
    expect([st.clusters, st.clusteredStories, st.realEvents]).toEqual([2, 2, 2]);
  });
});
