/**
 * Train the UPOS tagger: `npm run train:tagger` (tsx scripts/train-tagger.ts [--iterations N]
 * [--gum none|news|all] [--two-pass yes|no] [--ensemble N, default 5] [--tagdict-purity P, default 0.99] [--clusters none|FILE]
 * [--out data/models/tagger.bin]). Trains on UD English EWT train (+ GUM train documents), reports
 * UPOS accuracy on EWT dev, writes the model. `--two-pass` (default yes): a second pass with the
 * first pass's right-hand tags (pass 1's tags on the training data by a 4-fold jackknife);
 * `--ensemble N`: each pass's weights averaged over N training orders; `--clusters FILE`: word-cluster
 * features from `scripts/build-clusters.ts` (off by default: no gain on EWT dev, see PROVENANCE).
 */
import fs from 'node:fs';
import path from 'node:path';
import { trainTagger, readClusters } from '../src/nlp/models/tagger.js';
import { ewt, gum, arg, repoRoot } from './ud-data.js';

const iterations = Number(arg('iterations', '8'));
const gumMode = arg('gum', 'news');
const out = path.resolve(repoRoot, arg('out', 'data/models/tagger.bin'));
const t0 = Date.now();
const train = ewt('train');
if (gumMode !== 'none') train.push(...gum(gumMode === 'all' ? undefined : gumMode.split(',')));
const sents = train.map((s) => ({ words: s.words.map((w) => w.form), tags: s.words.map((w) => w.upos) }));
console.log(`training on ${sents.length} sentences, ${sents.reduce((a, s) => a + s.words.length, 0)} words (EWT train + GUM ${gumMode})`);
const dev = ewt('dev');
const clusterFile = arg('clusters', 'none');
const clusters = clusterFile === 'none' ? undefined : readClusters(path.resolve(repoRoot, clusterFile));
const tagger = trainTagger(sents, {
  iterations,
  clusters,
  twoPass: arg('two-pass', 'yes') === 'yes',
  ensemble: Number(arg('ensemble', '5')),
  tagdictPurity: Number(arg('tagdict-purity', '0.99')),
  onIteration: (it, acc) => console.log(`iteration ${it}: train accuracy ${(acc * 100).toFixed(2)}% (${((Date.now() - t0) / 1000).toFixed(0)} s)`),
});
let right = 0;
let total = 0;
for (const s of dev) {
  const tags = tagger.tag(s.words.map((w) => w.form));
  s.words.forEach((w, i) => {
    total++;
    if (w.upos === tags[i]) right++;
  });
}
console.log(`EWT dev UPOS: ${((right / total) * 100).toFixed(2)}% (${right}/${total})`);
fs.mkdirSync(path.dirname(out), { recursive: true });
const bytes = tagger.save(out, Number(arg('min-weight', '0.002')));
console.log(`wrote ${path.relative(repoRoot, out)} (${(bytes / 1e6).toFixed(2)} MB, ${tagger.model.size} feature rows before pruning) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
