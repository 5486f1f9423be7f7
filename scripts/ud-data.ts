/**
 * Shared loaders for the training scripts: UD English EWT and GUM (from ../shared/gold/parse/ud-english/).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConllu, readText, type UdSentence } from '../src/nlp/models/io.js';

/** Repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** ../shared beside the repository. */
export const sharedDir = path.resolve(repoRoot, '..', 'shared');
/** UD English folder. */
export const udDir = path.join(sharedDir, 'gold', 'parse', 'ud-english');

/** EWT train or dev sentences. */
export function ewt(split: 'train' | 'dev'): UdSentence[] {
  return parseConllu(readText(path.join(udDir, `en_ewt-ud-${split}.conllu.gz`)));
}

/**
 * GUM train-split sentences of the given genres (default: every genre), by the `# newdoc id`
 * comments and the genre column of `en_gum-ud-docs.tsv`.
 */
export function gum(genres?: string[]): UdSentence[] {
  const docs = readText(path.join(udDir, 'en_gum-ud-docs.tsv'))
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((c) => c[0] === 'train' && (!genres || genres.includes(c[2])))
    .map((c) => c[1]);
  const keep = new Set(docs);
  const out: UdSentence[] = [];
  let cur = '';
  for (const s of parseConllu(readText(path.join(udDir, 'en_gum-ud-train.conllu.gz')))) {
    const nd = s.comments.find((c) => c.startsWith('# newdoc id'));
    if (nd) cur = nd.split('=')[1].trim();
    if (keep.has(cur)) out.push(s);
  }
  return out;
}

/** Value of `--name VALUE` on the command line, or `dflt`. */
export function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : dflt;
}
