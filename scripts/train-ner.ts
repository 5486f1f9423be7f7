/**
 * Train the named-entity recognizer: `npm run train:ner` (tsx scripts/train-ner.ts [--iterations N]
 * [--out data/models/ner.bin]). Trains on CoNLL-2003 eng.train (MISC split into NORP by the
 * actor dictionary's demonyms), reports conlleval figures on eng.testa (NORP scored as MISC).
 * Needs data/models/tagger.bin (npm run train:tagger) and data/actors.json.gz, data/gazetteer.json.gz.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createContext } from '../src/context.js';
import { actorDictionary } from '../src/link/actor-dictionary.js';
import { gazetteer } from '../src/geo/gazetteer.js';
import { posTagger } from '../src/nlp/models/tagger.js';
import { trainRecognizer, splitNorp, type NerResources, type NerTrainSentence } from '../src/nlp/models/ner.js';
import { parseConll, readText } from '../src/nlp/models/io.js';
import { chunksOf } from '../src/nlp/models/chunks.js';
import { tagConll, goldTags, TYPE_MAPS } from '../src/nlp/models/conll-ner.js';
import { conlleval, renderConlleval } from '../src/eval/ner.js';
import { arg, repoRoot, sharedDir } from './ud-data.js';

const t0 = Date.now();
const out = path.resolve(repoRoot, arg('out', 'data/models/ner.bin'));
const ctx = createContext({ dataDir: path.join(repoRoot, 'data') });
const res: NerResources = { tagger: posTagger(ctx), actors: actorDictionary(ctx), places: gazetteer(ctx) };
if (arg('gaz', 'yes') === 'no') {
  delete res.actors;
  delete res.places;
}
const conllDir = path.join(sharedDir, 'gold', 'ner', 'conll2003');
const train = parseConll(readText(path.join(conllDir, 'eng.train')));
const sents: NerTrainSentence[] = train.sentences.map((s) => {
  const words = s.rows.map((r) => r[0]);
  return { words, doc: s.doc, chunks: splitNorp(words, chunksOf(s.rows.map((r) => r[r.length - 1])), actorDictionary(ctx)) };
});
const norp = sents.reduce((a, s) => a + s.chunks.filter((c) => c.type === 'NORP').length, 0);
console.log(`eng.train: ${sents.length} sentences, ${norp} MISC phrases relabelled NORP (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
const rec = trainRecognizer(sents, res, {
  iterations: Number(arg('iterations', '10')),
  minCount: Number(arg('min-count', '1')),
  onIteration: (it, acc) => console.log(`iteration ${it}: train token accuracy ${(acc * 100).toFixed(2)}% (${((Date.now() - t0) / 1000).toFixed(0)} s)`),
});
const dev = parseConll(readText(path.join(conllDir, 'eng.testa')));
const pred = tagConll(dev, rec, res, { map: TYPE_MAPS.conll.predicted });
console.log('eng.testa (conlleval, NORP scored as MISC):\n' + renderConlleval(conlleval(goldTags(dev), pred)));
fs.mkdirSync(path.dirname(out), { recursive: true });
const bytes = rec.save(out, Number(arg('min-weight', '0.002')));
console.log(`wrote ${path.relative(repoRoot, out)} (${(bytes / 1e6).toFixed(2)} MB, ${rec.model.size} rows before pruning) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
