// Query latency at one million events, on both store backends.
//
//   npm run build && node bench/queries.js [--events 1000000] [--runs 200] [--backend sqlite|postgres|both]
//
// Synthetic data, inserted in bulk (allowed by the issue for size): stories of 20 events each,
// actors drawn from 60 countries × 5 roles, 30 CAMEO codes, dates over 2020–2024, 70% of events
// with coordinates; story texts built from a fixed word list (for full-text search). Then each
// common query runs `runs` times with varied parameters, through the store's own API (LIMIT 100),
// and p50/p95 wall times are written to bench/results/queries.json. PostgreSQL: the local server
// (DATELINE_BENCH_PG, default postgres://postgres@127.0.0.1:5432/test), a schema of its own,
// vacuumed and analysed after the load, dropped afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore as openSqlite } from '../dist/store/sqlite.js';
import { openPostgresStore } from '../dist/store/postgres.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const EVENTS = Number(opt('events', 1_000_000));
const RUNS = Number(opt('runs', 200));
const BACKEND = opt('backend', 'both');
const PER_STORY = 20;
const STORIES = Math.ceil(EVENTS / PER_STORY);

// deterministic PRNG (mulberry32)
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const COUNTRIES = 'USA RUS CHN GBR FRA DEU IND PAK IRN IRQ SYR ISR PSE EGY SAU TUR UKR POL JPN KOR PRK AFG NGA ZAF KEN ETH SDN LBY DZA MAR TUN JOR LBN YEM QAT ARE BRA ARG MEX COL VEN CUB CAN AUS NZL IDN PHL THA VNM MMR BGD LKA NPL KAZ UZB TJK KGZ AZE ARM GEO'.split(' ');
const ROLES = ['', 'GOV', 'MIL', 'OPP', 'BUS'];
const CODES = ['010', '012', '020', '036', '040', '042', '043', '046', '051', '057', '061', '071', '0332', '111', '112', '120', '130', '138', '141', '160', '172', '173', '180', '190', '193', '194', '0231', '0311', '080', '100'];
const WORDS = 'minister talks border troops election protest trade sanctions ceasefire summit parliament court police army rebels refugees aid oil gas bank market strike vote treaty visit attack negotiations agreement crisis embassy president prime government opposition capital province region village city port airport hospital school river coast island mountain desert forest'.split(' ');

function* synthetic() {
  const r = rng(42);
  const pick = (a) => a[Math.floor(r() * a.length)];
  for (let s = 0; s < STORIES; s++) {
    const id = s.toString(16).padStart(64, '0');
    const words = Array.from({ length: 60 }, () => pick(WORDS)).join(' ');
    const events = [];
    for (let k = 0; k < PER_STORY; k++) {
      const src = pick(COUNTRIES) + pick(ROLES);
      const tgt = r() < 0.8 ? pick(COUNTRIES) + pick(ROLES) : null;
      const cameo = pick(CODES);
      const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(r() * 5 * 365) * 86400000).toISOString().slice(0, 10);
      const placed = r() < 0.7;
      events.push([id, k, `ev${k}`, cameo, cameo.slice(0, 2), 1 + Math.floor(r() * 4), Math.round((r() * 20 - 10) * 10) / 10, null,
        src, src, tgt, tgt, day, placed ? 'Somewhere' : null, placed ? 100000 + Math.floor(r() * 100000) : null,
        placed ? Math.round((r() * 140 - 60) * 1e4) / 1e4 : null, placed ? Math.round((r() * 340 - 170) * 1e4) / 1e4 : null,
        'asserted', 0, 10, 0, 5, 'said']);
    }
    yield { id, title: `${pick(WORDS)} ${pick(WORDS)}`, text: words, events };
  }
}

const EV_COLS = ['story_id', 'ord', 'event_id', 'cameo', 'root', 'quad_class', 'goldstein', 'plover', 'source_text', 'source_actor',
  'target_text', 'target_actor', 'date', 'place_name', 'geonames_id', 'lat', 'lon', 'modality', 'sentence_start', 'sentence_end',
  'trigger_start', 'trigger_end', 'trigger_text'];
const EV_TYPES = ['text', 'int', 'text', 'text', 'text', 'int', 'float8', 'text', 'text', 'text', 'text', 'text', 'text', 'text',
  'int8', 'float8', 'float8', 'text', 'int', 'int', 'int', 'int', 'text'];

async function loadSqlite(file) {
  const store = openSqlite(file);
  const db = store.db;
  const insS = db.prepare("INSERT INTO stories (id, title, text, doc_json, doc_encoding, created_at) VALUES (?, ?, ?, '{}', 'json', '2024-01-01')");
  const insF = db.prepare('INSERT INTO stories_fts (story_id, title, text) VALUES (?, ?, ?)');
  const insE = db.prepare(`INSERT INTO events (${EV_COLS.join(', ')}) VALUES (${EV_COLS.map(() => '?').join(', ')})`);
  let batch = [];
  const flush = db.transaction((rows) => {
    for (const s of rows) {
      insS.run(s.id, s.title, s.text);
      insF.run(s.id, s.title, s.text);
      for (const e of s.events) insE.run(e);
    }
  });
  for (const s of synthetic()) {
    batch.push(s);
    if (batch.length >= 2000) {
      flush(batch);
      batch = [];
    }
  }
  flush(batch);
  db.exec('ANALYZE');
  return { store: { queryEvents: async (f) => store.queryEvents(f), searchStories: async (q, l) => store.searchStories(q, l) }, close: () => store.close() };
}

async function loadPostgres() {
  const url = process.env.DATELINE_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
  const store = await openPostgresStore(url, { schema: `dl_bench_q_${process.pid}` });
  let batch = [];
  const flush = async (rows) => {
    await store.pool.query(
      "INSERT INTO stories (id, title, text, doc_json, doc_encoding, created_at) SELECT i, t, x, '\\x7b7d'::bytea, 'json', '2024-01-01' FROM unnest($1::text[], $2::text[], $3::text[]) AS u(i, t, x)",
      [rows.map((s) => s.id), rows.map((s) => s.title), rows.map((s) => s.text)],
    );
    const evs = rows.flatMap((s) => s.events);
    const cols = EV_COLS.map((_, i) => evs.map((e) => e[i]));
    await store.pool.query(`INSERT INTO events (${EV_COLS.join(', ')}) SELECT * FROM unnest(${EV_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`, cols);
  };
  for (const s of synthetic()) {
    batch.push(s);
    if (batch.length >= 1000) {
      await flush(batch);
      batch = [];
    }
  }
  if (batch.length) await flush(batch);
  // VACUUM as well as ANALYZE: it sets the visibility map, so index-only scans skip the heap, which
  // is the steady state of a live database (autovacuum runs after bulk inserts since PostgreSQL 13)
  await store.pool.query('VACUUM ANALYZE');
  return { store, close: async () => { await store.dropSchema(); await store.close(); } };
}

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 100) / 100;
}

async function measure(store) {
  const r = rng(7);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const queries = {
    actor: () => store.queryEvents({ actor: pick(COUNTRIES) + pick(ROLES), limit: 100 }),
    code: () => store.queryEvents({ cameo: pick(CODES), limit: 100 }),
    dateRange: () => {
      const d = new Date(Date.UTC(2020, 0, 1) + Math.floor(r() * 5 * 365) * 86400000);
      return store.queryEvents({ from: d.toISOString().slice(0, 10), to: new Date(d.getTime() + 6 * 86400000).toISOString().slice(0, 10), limit: 100 });
    },
    placeBox: () => {
      const lat = r() * 120 - 60;
      const lon = r() * 330 - 170;
      return store.queryEvents({ bbox: [lon, lat, lon + 2, lat + 2], limit: 100 });
    },
    story: () => store.queryEvents({ storyId: Math.floor(r() * STORIES).toString(16).padStart(64, '0'), limit: 100 }),
    fullText: () => store.searchStories(`${pick(WORDS)} ${pick(WORDS)}`, 20),
  };
  const out = {};
  for (const [name, q] of Object.entries(queries)) {
    for (let i = 0; i < 5; i++) await q(); // warm-up
    const times = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = process.hrtime.bigint();
      rows += (await q()).length;
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    out[name] = { p50ms: pct(times, 50), p95ms: pct(times, 95), meanRows: Math.round(rows / RUNS) };
    console.log(`  ${name}: p50 ${out[name].p50ms} ms, p95 ${out[name].p95ms} ms (${out[name].meanRows} rows)`);
  }
  return out;
}

const results = { events: STORIES * PER_STORY, stories: STORIES, runs: RUNS, limit: 100, cpus: os.cpus().length, loadavg: os.loadavg().map((x) => Math.round(x * 10) / 10), date: new Date().toISOString(), backends: {} };
if (BACKEND !== 'postgres') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-q-'));
  const file = path.join(dir, 'q.db');
  let t = Date.now();
  const s = await loadSqlite(file);
  const loadS = (Date.now() - t) / 1000;
  console.log(`sqlite: ${results.events} events loaded in ${loadS} s`);
  results.backends.sqlite = { loadSeconds: loadS, queries: await measure(s.store) };
  s.close();
  results.backends.sqlite.fileMiB = Math.round(fs.statSync(file).size / 1048576);
  fs.rmSync(dir, { recursive: true, force: true });
}
if (BACKEND !== 'sqlite') {
  let t = Date.now();
  const p = await loadPostgres();
  const loadP = (Date.now() - t) / 1000;
  console.log(`postgres: ${results.events} events loaded in ${loadP} s`);
  results.backends.postgres = { loadSeconds: loadP, queries: await measure(p.store) };
  await p.close();
}
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
fs.writeFileSync(path.join(here, 'results', 'queries.json'), JSON.stringify(results, null, 2) + '\n');
console.log(JSON.stringify(results, null, 2));
