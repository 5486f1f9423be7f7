// Soak benchmark (not CI): N minutes of steady ingestion into SQLite by one process — the BBC
// corpus analysed and stored story after story, pass after pass (each pass appends a line naming
// the pass to every story, so every story is new to the store and the database keeps growing) —
// with memory sampled every few seconds.
//
//   npm run build && node --expose-gc bench/soak.js [MINUTES=30] [--interval 5] [--corpus DIR] [--out FILE]
//
// With --expose-gc each sample first runs a full garbage collection, so `heapMB` is the live heap
// (without it, the heap figures include garbage V8 has not yet collected, and grow until V8's
// old-space limit even when nothing leaks).
// Reports RSS and V8 heap (start after warm-up, end, max), stories/s per minute, failures, the
// heap's growth over the second half of the run (least-squares slope, MB per minute: near 0 when
// memory is flat) and the load average. Results: bench/results/soak.json (or --out).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BBC_CORPUS, storyFiles } from './corpus.js';
import { createAnalyzer } from '../dist/pipeline.js';
import { openStore } from '../dist/store/sqlite.js';
import { describeError } from '../dist/doc/errors.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const minutes = Number(args[0] && !args[0].startsWith('--') ? args[0] : 30);
const intervalS = Number(opt('interval', 5));
const corpus = path.resolve(opt('corpus', BBC_CORPUS));
const out = path.resolve(opt('out', path.join(here, 'results', 'soak.json')));
const MB = (b) => Math.round((b / 2 ** 20) * 10) / 10;
const load = () => os.loadavg().map((x) => Math.round(x * 10) / 10);

const files = storyFiles(corpus);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-soak-'));
const dbFile = path.join(tmp, 'soak.db');
const store = openStore(dbFile);
const analyzer = createAnalyzer({});
await analyzer.analyze('Warm up. The president visited Paris on Monday.');

const samples = [];
let stored = 0;
let failed = 0;
const failures = new Map();
const t0 = performance.now();
const gc = globalThis.gc;
const sample = () => {
  gc?.();
  const m = process.memoryUsage();
  samples.push({ s: Math.round((performance.now() - t0) / 100) / 10, stories: stored, failed, rssMB: MB(m.rss), heapMB: MB(m.heapUsed), externalMB: MB(m.external), dbMB: MB(fs.statSync(dbFile).size + (fs.existsSync(dbFile + '-wal') ? fs.statSync(dbFile + '-wal').size : 0)), load: load()[0] });
};
sample();
const timer = setInterval(sample, intervalS * 1000);
const end = t0 + minutes * 60_000;
let pass = 0;
outer: for (;;) {
  for (const f of files) {
    if (performance.now() > end) break outer;
    const bytes = Buffer.concat([fs.readFileSync(f), Buffer.from(`\n\nThis story was read in pass ${pass}.\n`)]);
    try {
      const doc = await analyzer.analyze(bytes, { input: path.relative(corpus, f) });
      store.saveDoc(doc);
      stored++;
    } catch (e) {
      failed++;
      const code = describeError(e).split(':')[0];
      failures.set(code, (failures.get(code) ?? 0) + 1);
    }
    if ((stored + failed) % 50 === 0) await new Promise((r) => setImmediate(r)); // let the sampler run
  }
  pass++;
}
clearInterval(timer);
sample();
const counts = store.counts();
store.close();
fs.rmSync(tmp, { recursive: true, force: true });

const seconds = (performance.now() - t0) / 1000;
const perMinute = [];
for (let m = 1; m * 60 <= seconds + intervalS; m++) {
  const a = samples.filter((x) => x.s <= (m - 1) * 60).at(-1) ?? samples[0];
  const b = samples.filter((x) => x.s <= m * 60).at(-1);
  if (b && b.s > a.s) perMinute.push(Math.round(((b.stories - a.stories) / (b.s - a.s)) * 10) / 10);
}
const half = samples.filter((x) => x.s >= seconds / 2);
const slope = (ys) => {
  const n = half.length;
  if (n < 3) return null;
  const xs = half.map((x) => x.s / 60);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return Math.round((num / den) * 100) / 100;
};
const first = samples[1] ?? samples[0];
const results = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  minutesAsked: minutes,
  seconds: Math.round(seconds),
  corpus: path.relative(root, corpus),
  corpusStories: files.length,
  passes: pass,
  stored,
  failed,
  failures: Object.fromEntries(failures),
  storeCounts: counts,
  storiesPerSecond: Math.round((stored / seconds) * 100) / 100,
  storiesPerSecondByMinute: perMinute,
  rssMB: { start: first.rssMB, end: samples.at(-1).rssMB, max: Math.max(...samples.map((x) => x.rssMB)) },
  heapMB: { start: first.heapMB, end: samples.at(-1).heapMB, max: Math.max(...samples.map((x) => x.heapMB)) },
  secondHalfSlopeMBPerMinute: { rss: slope(half.map((x) => x.rssMB)), heap: slope(half.map((x) => x.heapMB)) },
  loadAverage: { start: samples[0].load, end: samples.at(-1).load },
  intervalS,
  fullGcBeforeEachSample: !!gc,
  samples,
};
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(results, null, 1) + '\n');
const { samples: _s, ...summary } = results;
console.log(JSON.stringify(summary, null, 1));
