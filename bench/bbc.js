#!/usr/bin/env node
// Benchmark: analyse the BBC News corpus (../shared/corpora/bbc-news, 2,225 stories) with the full
// pipeline on one core and report stories per second (wall clock and per CPU-second), words per
// second and peak RSS.
// Usage: npm run build && node bench/bbc.js [--limit N] [--store]
// Writes bench/results/bbc.json. A benchmark, not a test: nothing here asserts a time.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { BBC_CORPUS, storyFiles } from './corpus.js';
import { createAnalyzer } from '../dist/pipeline.js';
import { openStore } from '../dist/store/sqlite.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = BBC_CORPUS;
const args = process.argv.slice(2);
const limit = args.includes('--limit') ? Number(args[args.indexOf('--limit') + 1]) : Infinity;
const withStore = args.includes('--store');

const files = storyFiles(corpus);
const selected = files.slice(0, limit);
const inputs = selected.map((f) => ({ name: path.relative(corpus, f), bytes: fs.readFileSync(f) }));
const words = inputs.reduce((n, i) => n + i.bytes.toString('utf8').split(/\s+/).length, 0);

let peak = process.memoryUsage().rss;
const sample = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
const t0 = performance.now();
const analyzer = createAnalyzer({});
// warm-up: load every resource once (dictionaries, gazetteer, model)
await analyzer.analyze('Warm-up story. The president visited Paris on Monday.', { input: 'warm-up' });
const tLoad = performance.now() - t0;
const dbPath = path.join(os.tmpdir(), `dateline-bench-${process.pid}.db`);
const store = withStore ? openStore(dbPath) : null;
let failed = 0;
let events = 0;
const failures = {};
const t1 = performance.now();
const cpu1 = process.cpuUsage();
for (const input of inputs) {
  try {
    const doc = await analyzer.analyze(input.bytes, { input: input.name });
    events += doc.events.length;
    store?.saveDoc(doc);
  } catch (e) {
    failed++;
    failures[input.name] = String(e && e.message);
  }
}
const elapsed = (performance.now() - t1) / 1000;
const cpuUsed = process.cpuUsage(cpu1);
// process CPU time (user + system, all threads: GC helpers and SQLite included): on a machine
// shared with other jobs, stories per CPU-second is the steadier per-core figure
const cpuSeconds = (cpuUsed.user + cpuUsed.system) / 1e6;
clearInterval(sample);
peak = Math.max(peak, process.memoryUsage().rss);
store?.close();
let dbBytes = null;
if (withStore) { dbBytes = fs.statSync(dbPath).size; for (const ext of ['', '-wal', '-shm']) fs.rmSync(dbPath + ext, { force: true }); }
const result = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: os.cpus()[0]?.model,
  stories: inputs.length,
  words,
  failed,
  failures,
  events,
  resourceLoadSeconds: +(tLoad / 1000).toFixed(2),
  seconds: +elapsed.toFixed(2),
  storiesPerSecond: +(inputs.length / elapsed).toFixed(1),
  cpuSeconds: +cpuSeconds.toFixed(2),
  storiesPerCpuSecond: +(inputs.length / cpuSeconds).toFixed(1),
  loadAverage1m: +os.loadavg()[0].toFixed(2),
  wordsPerSecond: Math.round(words / elapsed),
  peakRssMiB: +(peak / 2 ** 20).toFixed(0),
  store: withStore,
  dbBytesPer1000Stories: dbBytes && Math.round((dbBytes / inputs.length) * 1000),
};
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
fs.writeFileSync(path.join(here, 'results', `bbc${withStore ? '-store' : ''}.json`), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
