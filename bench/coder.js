#!/usr/bin/env node
// Benchmark: the event coder alone (`codeDocument`, src/events/coder.ts), with every layer it
// consumes prepared outside the timed part — sentences, tokens with UPOS tags and lemmas (our
// stand-in for PETRARCH-2's supplied parse), mentions, entities with actor codes, timexes, places
// and the dateline place. Two sets:
//   bbc      the BBC News corpus (../shared/corpora/bbc-news, 2,225 stories), default dictionaries;
//   petrarch PETRARCH-2's unit-test records (../shared/gold/events/petrarch/petrarch_validation.jsonl,
//            284 sentences) with the toy validation dictionaries read as they are (run A of
//            `dateline eval petrarch`).
// Reports sentences per second of wall clock and per CPU-second (process.cpuUsage, user + system:
// the steadier figure on a shared machine), against PETRARCH-2's 2,037 sentences/s of coding
// measured on this machine (../shared/gold/events/petrarch/run_D_speed_summary.json, parses given).
// Usage: npm run build && node bench/coder.js [--limit N] [--rounds N] [--dump FILE] [--cache DIR] [--only bbc|petrarch]
//   --rounds N   timed passes over each set (default 5; ten times that for the small petrarch set);
//   --dump FILE  write every document's events (first round) as JSON Lines, to compare outputs
//                before and after a change to the coder (nothing is timed differently);
//   --cache DIR  keep the prepared documents as JSON in DIR and reuse them on the next run.
// Writes bench/results/coder.json. A benchmark, not a test: nothing here asserts a time.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { BBC_CORPUS, storyFiles } from './corpus.js';
import { createAnalyzer, PIPELINE } from '../dist/pipeline.js';
import { eventsStage, datelinePlace } from '../dist/events/stage.js';
import { codeDocument, ANALYST_DICTIONARIES } from '../dist/events/coder.js';
import { indexVerbs } from '../dist/events/verbs.js';
import { loadDictionaries } from '../dist/dict/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = path.resolve(here, '..', '..', 'shared');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const limit = Number(opt('--limit', Infinity));
const roundsArg = Number(opt('--rounds', 5));
const dumpFile = opt('--dump', null);
const cacheDir = opt('--cache', null);
const only = opt('--only', null);

// every stage before `events`: what the coder consumes
const before = PIPELINE.slice(0, PIPELINE.indexOf(eventsStage));

/** A context answering `overrides` first (as `createCoder` does for an analyst's dictionaries). */
function overlay(base, overrides) {
  return Object.freeze({
    options: base.options,
    dataDir: base.dataDir,
    resource(key, load) { return overrides.has(key) ? overrides.get(key) : base.resource(key, load); },
  });
}

async function prepare(name, inputs, ctxOverrides) {
  const cacheFile = cacheDir ? path.join(cacheDir, `coder-docs-${name}-${Number.isFinite(limit) ? limit : 'all'}.json`) : null;
  const analyzer = createAnalyzer({}, before);
  const ctx = ctxOverrides ? overlay(analyzer.ctx, ctxOverrides) : analyzer.ctx;
  let items;
  if (cacheFile && fs.existsSync(cacheFile)) {
    items = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
  } else {
    items = [];
    for (const inp of inputs) {
      const doc = await analyzer.analyze(inp.body, inp.meta);
      delete doc.raw;
      delete doc.extracted;
      items.push({ id: inp.id, doc, dateline: null });
    }
    if (cacheFile) {
      fs.mkdirSync(cacheDir, { recursive: true });
      fs.writeFileSync(cacheFile, JSON.stringify(items));
    }
  }
  // the dateline place (the events stage looks it up before coding): outside the timed part
  for (const it of items) it.dateline = it.doc.tokens.length ? await datelinePlace(it.doc, ctx) : null;
  // resources (verb dictionary, country codes, actor dictionary) load once, before timing
  for (const it of items.slice(0, 5)) if (it.doc.tokens.length) codeDocument(it.doc, ctx, it.dateline);
  return { name, items, ctx };
}

function timeSet(set) {
  // the unit-test set is small (284 sentences): ten times the rounds, for a steadier figure
  const rounds = set.name === 'petrarch' ? roundsArg * 10 : roundsArg;
  const docs = set.items.filter((it) => it.doc.tokens.length);
  const sentences = docs.reduce((n, it) => n + it.doc.sentences.length, 0);
  const tokens = docs.reduce((n, it) => n + it.doc.tokens.length, 0);
  const per = [];
  let events = 0;
  let dump = null;
  for (let r = 0; r < rounds; r++) {
    const out = r === 0 && dumpFile ? [] : null;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let ev = 0;
    for (const it of docs) {
      const e = codeDocument(it.doc, set.ctx, it.dateline);
      ev += e.length;
      if (out) out.push({ set: set.name, id: it.id, events: e });
    }
    const wall = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(cpu0);
    per.push({ wall, cpu: (c.user + c.system) / 1e6 });
    events = ev;
    if (out) dump = out;
  }
  const wall = per.reduce((s, x) => s + x.wall, 0);
  const cpu = per.reduce((s, x) => s + x.cpu, 0);
  const bestWall = Math.min(...per.map((x) => x.wall));
  return {
    result: {
      documents: docs.length,
      sentences,
      tokens,
      events,
      rounds,
      seconds: +wall.toFixed(3),
      cpuSeconds: +cpu.toFixed(3),
      sentencesPerSecond: Math.round((sentences * rounds) / wall),
      sentencesPerCpuSecond: Math.round((sentences * rounds) / cpu),
      sentencesPerSecondBestRound: Math.round(sentences / bestWall),
      roundsSeconds: per.map((x) => +x.wall.toFixed(3)),
      roundsCpuSeconds: per.map((x) => +x.cpu.toFixed(3)),
    },
    dump,
  };
}

// ---- inputs
const bbcInputs = storyFiles(BBC_CORPUS).map((f) => {
  const id = path.relative(BBC_CORPUS, f).split(path.sep).join('/');
  return { id, body: fs.readFileSync(f), meta: { input: id } };
});
const petrDir = path.join(shared, 'gold', 'events', 'petrarch');
const petrInputs = fs.readFileSync(path.join(petrDir, 'petrarch_validation.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))
  .map((r) => ({ id: r.id, body: r.text, meta: { input: 'record', ...(r.date && /^\d{4}-\d{2}-\d{2}/.test(r.date) ? { published: r.date.slice(0, 10), publishedSource: 'given' } : {}) } }));
const valDir = path.join(shared, 'dict', 'validation');
const dicts = loadDictionaries(['PETR.Validate.actors.txt', 'PETR.Validate.agents.txt', 'PETR.Validate.discards.txt', 'PETR.Validate.verbs.txt'].map((f) => path.join(valDir, f)).join(','));
const petrOverrides = new Map([[ANALYST_DICTIONARIES, dicts], ['events.verbs', indexVerbs(dicts.verbs)]]);

const tp = performance.now();
const sets = [];
if (!only || only === 'bbc') sets.push(await prepare('bbc', bbcInputs.slice(0, limit), null));
if (!only || only === 'petrarch') sets.push(await prepare('petrarch', petrInputs.slice(0, limit), petrOverrides));
const prepSeconds = (performance.now() - tp) / 1000;

const results = {};
const dumps = [];
for (const s of sets) {
  const { result, dump } = timeSet(s);
  results[s.name] = result;
  if (dump) dumps.push(...dump);
}
if (dumpFile) fs.writeFileSync(dumpFile, dumps.map((d) => JSON.stringify(d)).join('\n') + '\n');

const anchor = JSON.parse(fs.readFileSync(path.join(petrDir, 'run_D_speed_summary.json'), 'utf8'));
const all = { sentences: 0, seconds: 0, cpuSeconds: 0 };
for (const r of Object.values(results)) { all.sentences += r.sentences * r.rounds; all.seconds += r.seconds; all.cpuSeconds += r.cpuSeconds; }
const out = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: os.cpus()[0]?.model,
  loadAverage1m: +os.loadavg()[0].toFixed(2),
  note: 'codeDocument only; sentences, tokens (UPOS, lemmas), mentions, entities, actors, timexes, places and the dateline place prepared before timing. Machine shared with other jobs: per-CPU-second figures are the steadier ones.',
  prepareSeconds: +prepSeconds.toFixed(1),
  sets: results,
  overall: {
    sentencesPerSecond: Math.round(all.sentences / all.seconds),
    sentencesPerCpuSecond: Math.round(all.sentences / all.cpuSeconds),
  },
  petrarch2: { sentencesPerSecondCoding: anchor.sent_per_s_coding, source: 'run_D_speed_summary.json (parses given, Phoenix dictionaries, 1 core)' },
  target: { sentencesPerSecond: 6000 },
};
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
if (!Number.isFinite(limit) && !only) fs.writeFileSync(path.join(here, 'results', 'coder.json'), JSON.stringify(out, null, 2) + '\n');
console.log(JSON.stringify(out, null, 2));
