// Speed and size of the trained models (tagger, NER, parser) on one core.
// Run: npm run build && node bench/models.js   → bench/results/models.json
// Words/s are over UD English EWT dev (gold tokenization), best of 3 passes after a warm-up; the NER
// is run over the dev set as one document, with its gazetteer features (actor dictionary, GeoNames
// gazetteer). Each figure is given by wall clock and by this process's CPU time (user + system,
// `process.cpuUsage`): on a machine shared with other work the CPU-time figure is the one-core speed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContext } from '../dist/context.js';
import { PosTagger, TAGGER_FILE } from '../dist/nlp/models/tagger.js';
import { EntityRecognizer, NER_FILE, gazetteerTags } from '../dist/nlp/models/ner.js';
import { DependencyParser, PARSER_FILE } from '../dist/nlp/models/parser.js';
import { nerResources } from '../dist/nlp/models/recognize.js';
import { parseConllu, readText } from '../dist/nlp/models/io.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const models = path.join(root, 'data', 'models');
const dev = parseConllu(readText(path.join(root, '..', 'shared', 'gold', 'parse', 'ud-english', 'en_ewt-ud-dev.conllu.gz')));
const sents = dev.map((s) => s.words.map((w) => w.form));
const nWords = sents.reduce((a, s) => a + s.length, 0);
const result = { words: nWords, corpus: 'UD English EWT dev (gold tokenization)', node: process.version, models: {} };

const cpuMs = (c) => (c.user + c.system) / 1000;
function timeLoad(name, file, load) {
  const t = performance.now();
  const c = process.cpuUsage();
  const m = load(path.join(models, file));
  const ms = performance.now() - t;
  result.models[name] = { file: `data/models/${file}`, bytes: fs.statSync(path.join(models, file)).size, loadMs: Math.round(ms), loadCpuMs: Math.round(cpuMs(process.cpuUsage(c))) };
  return m;
}
/** Best of `runs` timed passes over the dev set (after a warm-up pass over 200 sentences): wall and CPU words/s. */
function wordsPerSecond(fn, runs = 3) {
  fn(sents.slice(0, 200));
  let best = Infinity;
  let bestCpu = Infinity;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const c = process.cpuUsage();
    fn(sents);
    bestCpu = Math.min(bestCpu, cpuMs(process.cpuUsage(c)) / 1000);
    best = Math.min(best, (performance.now() - t) / 1000);
  }
  return [Math.round(nWords / best), Math.round(nWords / bestCpu)];
}

const tagger = timeLoad('tagger', TAGGER_FILE, (f) => PosTagger.load(f));
const parser = timeLoad('parser', PARSER_FILE, (f) => DependencyParser.load(f));
const ner = timeLoad('ner', NER_FILE, (f) => EntityRecognizer.load(f));
result.loadMs = result.models.tagger.loadMs + result.models.parser.loadMs + result.models.ner.loadMs;
result.loadCpuMs = result.models.tagger.loadCpuMs + result.models.parser.loadCpuMs + result.models.ner.loadCpuMs;
result.bytes = result.models.tagger.bytes + result.models.parser.bytes + result.models.ner.bytes;
const ctx = createContext();
let t = performance.now();
const res = nerResources(ctx); // loads the tagger again, the actor dictionary and the gazetteer
result.nerResourcesLoadMs = Math.round(performance.now() - t);
const noTag = { actors: res.actors, places: res.places };

[result.models.tagger.wordsPerSecond, result.models.tagger.cpuWordsPerSecond] = wordsPerSecond((ss) => ss.forEach((s) => tagger.tag(s)));
const tags = sents.map((s) => tagger.tag(s));
const tagsFor = (ss) => (ss === sents ? tags : ss.map((s) => tagger.tag(s)));
[result.models.parser.wordsPerSecond, result.models.parser.cpuWordsPerSecond] = wordsPerSecond((ss) => {
  const tt = tagsFor(ss);
  ss.forEach((s, i) => parser.parse(s, tt[i]));
});
// the NER alone: given the tags, with its gazetteer lookups
[result.models.ner.wordsPerSecond, result.models.ner.cpuWordsPerSecond] = wordsPerSecond((ss) => ner.tagDocument(ss, noTag, tagsFor(ss)));
// the gazetteer lookups alone (src/link, src/geo: part of the NER's cost)
[result.nerGazetteerLookupsWordsPerSecond, result.nerGazetteerLookupsCpuWordsPerSecond] = wordsPerSecond((ss) => ss.forEach((s) => gazetteerTags(s, noTag)));
// tagger + parser + NER: each sentence tagged once, the tags shared by the parser and the NER
[result.allWordsPerSecond, result.allCpuWordsPerSecond] = wordsPerSecond((ss) => {
  const tt = ss.map((s) => tagger.tag(s));
  ss.forEach((s, i) => parser.parse(s, tt[i]));
  ner.tagDocument(ss, res, tt);
});
result.loadAverage = os.loadavg().map((x) => Math.round(x * 10) / 10);
result.cpus = os.cpus().length;
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'models.json'), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
