#!/usr/bin/env node
// Benchmark: speed of the `time` (TIMEX3) and `places` (toponym resolution) stages together on the
// BBC News corpus (../shared/corpora/bbc-news, 2,225 stories), on one core (one Node thread).
// The Doc of each story is prepared by the earlier stages (ingest … actors) outside the timed part;
// the timed part runs only timeStage.run and placesStage.run over every prepared Doc.
// Usage: npm run build && node bench/timegeo.js [--limit N] [--passes N]
// Writes bench/results/timegeo.json. A benchmark, not a test: nothing here asserts a time.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { BBC_CORPUS, storyFiles } from './corpus.js';
import { createAnalyzer, PIPELINE } from '../dist/pipeline.js';
import { timeStage } from '../dist/time/stage.js';
import { placesStage } from '../dist/geo/stage.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = BBC_CORPUS;
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const limit = opt('--limit', Infinity);
const passes = Math.max(1, opt('--passes', 3));

const files = storyFiles(corpus);
const selected = files.slice(0, limit);

// The stages before `time`: their output is the timed stages' input.
const upTo = PIPELINE.findIndex((s) => s.name === timeStage.name);
const before = PIPELINE.slice(0, upTo);
const analyzer = createAnalyzer({}, before);
const ctx = analyzer.ctx;
const tPrep = performance.now();
const prepared = [];
let failed = 0;
for (const f of selected) {
  try {
    prepared.push(await analyzer.analyze(fs.readFileSync(f), { input: path.relative(corpus, f) }));
  } catch {
    failed++;
  }
}
const prepSeconds = (performance.now() - tPrep) / 1000;
// Words of the analysed text (whitespace-separated tokens of doc.text), the unit of the figure.
const words = prepared.reduce((n, d) => n + d.text.split(/\s+/).filter(Boolean).length, 0);

// Each pass works on fresh copies so that every pass sees the same input (the time stage may set
// doc.meta.published when it infers the date); copying is outside the timed part.
// Wall-clock and CPU time (user + system of this process, which runs on one thread) are both
// kept: on a loaded machine the CPU time is the faithful one-core figure.
function runPass(docs) {
  const c = process.cpuUsage();
  const t = performance.now();
  for (const d of docs) {
    timeStage.run(d, ctx);
    placesStage.run(d, ctx);
  }
  const wall = (performance.now() - t) / 1000;
  const u = process.cpuUsage(c);
  return { wall, cpu: (u.user + u.system) / 1e6 };
}
// warm-up (loads the gazetteer, compiles the code paths)
runPass(prepared.slice(0, 50).map((d) => structuredClone(d)));
const seconds = [];
const cpuSeconds = [];
let timexes = 0;
let places = 0;
for (let p = 0; p < passes; p++) {
  const docs = prepared.map((d) => structuredClone(d));
  const r = runPass(docs);
  seconds.push(r.wall);
  cpuSeconds.push(r.cpu);
  if (p === 0) {
    timexes = docs.reduce((n, d) => n + d.timexes.length, 0);
    places = docs.reduce((n, d) => n + d.places.length, 0);
  }
}
const best = Math.min(...seconds);
const median = [...seconds].sort((a, b) => a - b)[Math.floor(seconds.length / 2)];
const bestCpu = Math.min(...cpuSeconds);
const result = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: os.cpus()[0]?.model,
  loadAverage1m: +os.loadavg()[0].toFixed(2),
  corpus: 'BBC News (Greene & Cunningham 2006), ../shared/corpora/bbc-news',
  stages: ['time', 'places'],
  stories: prepared.length,
  failed,
  words,
  timexes,
  places,
  preparationSeconds: +prepSeconds.toFixed(2),
  passes,
  secondsPerPass: seconds.map((s) => +s.toFixed(3)),
  bestSeconds: +best.toFixed(3),
  wordsPerSecond: Math.round(words / best),
  wordsPerSecondMedian: Math.round(words / median),
  cpuSecondsPerPass: cpuSeconds.map((s) => +s.toFixed(3)),
  wordsPerCpuSecond: Math.round(words / bestCpu),
  target: 200000,
};
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
fs.writeFileSync(path.join(here, 'results', 'timegeo.json'), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
