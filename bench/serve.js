// Benchmark of the HTTP API (dist/serve): a store of N copies of the example story's analysis
// (each a distinct story id, dates spread over two years), then the median and p95 latency of
// typical requests through fastify's inject (no socket). Usage: node bench/serve.js [N=2000]
// Results: bench/results/serve.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnalyzer } from '../dist/pipeline.js';
import { openStore } from '../dist/store/sqlite.js';
import { buildServer } from '../dist/serve/server.js';
import { sqliteServeData } from '../dist/serve/data.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.argv[2] ?? 2000);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-serve-'));
const store = openStore(path.join(tmp, 'bench.db'));
const t0 = performance.now();
const base = await createAnalyzer({}).analyze(fs.readFileSync(path.join(root, 'examples', 'border-talks.txt')), { input: 'example' });
const analyzeMs = performance.now() - t0;
const t1 = performance.now();
for (let i = 0; i < N; i++) {
  const day = new Date(Date.UTC(2022, 0, 1) + (i % 730) * 86400000).toISOString().slice(0, 10);
  const doc = structuredClone(base);
  doc.id = (i.toString(16) + base.id).slice(0, 64);
  doc.text = doc.text + ` [${i}]`;
  doc.events = doc.events.map((e) => ({ ...e, date: day }));
  store.saveDoc(doc);
}
const saveMs = performance.now() - t1;
const app = await buildServer({ data: sqliteServeData(store), webDir: false });
const urls = [
  '/api/events?limit=50',
  '/api/events?limit=50&offset=5000',
  '/api/events?actor=KGZ&quadClass=1&limit=50',
  '/api/events?bbox=60,30,80,50&from=2022-06&to=2022-12&limit=50',
  '/api/events?q=reservoir&limit=50',
  '/api/stories?limit=50',
  '/api/timeline?granularity=day',
  '/api/places',
  '/api/network',
  '/api/actors/KGZGOV?limit=50',
  '/api/export.csv?from=2022-01&to=2022-01',
];
const results = {};
for (const url of urls) {
  const times = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    const r = await app.inject(url);
    times.push(performance.now() - t);
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
  }
  times.sort((a, b) => a - b);
  results[url] = { medianMs: +times[15].toFixed(2), p95Ms: +times[28].toFixed(2) };
}
await app.close();
fs.rmSync(tmp, { recursive: true, force: true });
const out = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  stories: N,
  events: N * base.events.length,
  firstAnalyzeMs: +analyzeMs.toFixed(0),
  saveAllMs: +saveMs.toFixed(0),
  requests: results,
};
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'serve.json'), JSON.stringify(out, null, 2) + '\n');
console.log(JSON.stringify(out, null, 2));
