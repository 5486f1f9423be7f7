// Shared by the benchmarks: where the BBC News corpus is, and its story files in a stable order.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `../shared/corpora/bbc-news/bbc` from the project root: 5 category folders of `.txt` stories. */
export const BBC_CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'corpora', 'bbc-news', 'bbc');

/**
 * The `.txt` story files under `corpus` (one level of category folders), sorted by category then
 * file name, as absolute paths. @throws Error when the folder holds none
 */
export function storyFiles(corpus = BBC_CORPUS) {
  const files = [];
  for (const cat of fs.readdirSync(corpus).sort()) {
    const dir = path.join(corpus, cat);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.txt')) files.push(path.join(dir, f));
  }
  if (!files.length) throw new Error(`no stories under ${corpus}`);
  return files;
}
