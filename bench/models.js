// Speed and size of the trained models (tagger, NER, parser) on one core.
// Run: npm run build && node bench/models.js   → bench/results/models.json
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContext } from '../dist/context.js';
import { PosTagger } from '../dist/nlp/models/tagger.js';
import { EntityRecognizer } from '../dist/nlp/models/ner.js';
import { DependencyParser } from '../dist/nlp/models/parser.js';
import { nerResources } from '../dist/nlp/models/recognize.js';
import { parseConllu, readText } from '../dist/nlp/models/io.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const models = path.join(root, 'data', 'models');
const dev = parseConllu(readText(path.join(root, '..', 'shared', 'gold', 'parse', 'ud-english', 'en_ewt-ud-dev.conllu.gz')));
const sents = dev.map((s) => s.words.map((w) => w.form));
const nWords = sents.reduce((a, s) => a + s.length, 0);
const result = { words: nWords, corpus: 'UD English EWT dev (gold tokenization)', node: process.version, models: {} };

function timeLoad(name, file, load) {
  const t = performance.now();
  const m = load(path.join(models, file));
  const ms = performance.now() - t;
  result.models[name] = { file: `data/models/${file}`, bytes: fs.statSync(path.join(models, file)).size, loadMs: Math.round(ms) };
  return m;
}
function rate(name, fn) {
  fn(sents.slice(0, 200)); // warm up
  const t = performance.now();
  fn(sents);
  const s = (performance.now() - t) / 1000;
  result.models[name].wordsPerSecond = Math.round(nWords / s);
}

const tagger = timeLoad('tagger', 'tagger.json.gz', (f) => PosTagger.load(f));
rate('tagger', (ss) => ss.forEach((s) => tagger.tag(s)));
const ctx = createContext();
const res = nerResources(ctx);
const ner = timeLoad('ner', 'ner.json.gz', (f) => EntityRecognizer.load(f));
const noTag = { actors: res.actors, places: res.places };
rate('ner', (ss) => ner.tagDocument(ss, noTag)); // without the tagger's share
const tagsOf = sents.map((s) => tagger.tag(s));
if (fs.existsSync(path.join(models, 'parser.json.gz'))) {
  const parser = timeLoad('parser', 'parser.json.gz', (f) => DependencyParser.load(f));
  rate('parser', (ss) => ss.forEach((s, i) => parser.parse(s, tagsOf[i] ?? tagger.tag(s))));
}
const parser = result.models.parser ? DependencyParser.load(path.join(models, 'parser.json.gz')) : null;
const t = performance.now();
for (const s of sents) {
  const tags = tagger.tag(s);
  if (parser) parser.parse(s, tags);
}
ner.tagDocument(sents, res);
// tagger + parser + NER (with its gazetteer lookups and its own tagging pass)
result.allWordsPerSecond = Math.round(nWords / ((performance.now() - t) / 1000));
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'models.json'), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
