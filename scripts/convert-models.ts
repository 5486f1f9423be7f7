/**
 * Convert gzip-JSON perceptron models (`*.json.gz`, `PerceptronData`) into compiled model files
 * (`*.bin`: hashed features, sparse typed-array weights; see src/nlp/models/compiled.ts), the same
 * weights (nothing retrained, nothing pruned): `npx tsx scripts/convert-models.ts [--dir data/models]
 * [--models tagger,ner,parser]`. Reads `<dir>/<name>.json.gz`, writes `<dir>/<name>.bin`.
 * @throws Error when two features of a model share a 64-bit hash (then the hash must change).
 */
import path from 'node:path';
import { PosTagger } from '../src/nlp/models/tagger.js';
import { EntityRecognizer } from '../src/nlp/models/ner.js';
import { DependencyParser } from '../src/nlp/models/parser.js';
import { arg, repoRoot } from './ud-data.js';

const dir = path.resolve(repoRoot, arg('dir', 'data/models'));
const loaders: Record<string, (f: string) => { save(file: string): number; model: { size: number } }> = {
  tagger: (f) => PosTagger.load(f),
  ner: (f) => EntityRecognizer.load(f),
  parser: (f) => DependencyParser.load(f),
};
for (const name of arg('models', 'tagger,ner,parser').split(',')) {
  const t0 = Date.now();
  const m = loaders[name](path.join(dir, `${name}.json.gz`));
  const bytes = m.save(path.join(dir, `${name}.bin`));
  console.log(`${name}: ${m.model.size} feature rows → ${name}.bin (${(bytes / 1e6).toFixed(2)} MB) in ${Date.now() - t0} ms`);
}
