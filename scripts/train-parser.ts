/**
 * Train the dependency parser: `npm run train:parser` (tsx scripts/train-parser.ts [--iterations N]
 * [--out data/models/parser.bin]). Trains on UD English EWT train with the tags of
 * data/models/tagger.bin, reports UPOS/UAS/LAS on EWT dev (predicted tags).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PosTagger, TAGGER_FILE } from '../src/nlp/models/tagger.js';
import { trainParser } from '../src/nlp/models/parser.js';
import { scoreParse, renderParseScores } from '../src/eval/parse.js';
import { ewt, arg, repoRoot } from './ud-data.js';

const t0 = Date.now();
const out = path.resolve(repoRoot, arg('out', 'data/models/parser.bin'));
const tagger = PosTagger.load(path.join(repoRoot, 'data', 'models', TAGGER_FILE));
const train = ewt('train').map((s) => {
  const words = s.words.map((w) => w.form);
  return { words, tags: tagger.tag(words), heads: s.words.map((w) => w.head), labels: s.words.map((w) => w.deprel) };
});
console.log(`EWT train: ${train.length} sentences (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
const parser = trainParser(train, {
  iterations: Number(arg('iterations', '10')),
  onIteration: (it, uas) => console.log(`iteration ${it}: train UAS ${(uas * 100).toFixed(2)}% (${((Date.now() - t0) / 1000).toFixed(0)} s)`),
});
const dev = ewt('dev');
const t1 = Date.now();
const pred = dev.map((s) => {
  const words = s.words.map((w) => w.form);
  const tags = tagger.tag(words);
  const { heads, labels } = parser.parse(words, tags);
  return { ...s, words: s.words.map((w, i) => ({ ...w, upos: tags[i], head: heads[i], deprel: labels[i] })) };
});
const words = dev.reduce((a, s) => a + s.words.length, 0);
console.log(`EWT dev (predicted tags), ${Math.round(words / ((Date.now() - t1) / 1000))} words/s tag+parse:\n` + renderParseScores(scoreParse(dev, pred)));
fs.mkdirSync(path.dirname(out), { recursive: true });
const bytes = parser.save(out, Number(arg('min-weight', '0.002')));
console.log(`wrote ${path.relative(repoRoot, out)} (${(bytes / 1e6).toFixed(2)} MB, ${parser.model.size} rows before pruning) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
