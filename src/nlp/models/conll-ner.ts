import type { ConllFile } from './io.js';
import { chunksOf, detectScheme, tagsOf, type Chunk, type TagScheme } from './chunks.js';
import type { EntityRecognizer, NerResources } from './ner.js';

/** Maps a type name to another, or to null to drop phrases of that type. */
export type TypeMap = (type: string) => string | null;

/**
 * Type maps between Dateline's types (PER, LOC, ORG, NORP, MISC) and gold sets:
 * - `conll`: CoNLL-2003 / WikiGold (PER, LOC, ORG, MISC): NORP → MISC;
 * - `re3d`: re3d (Person, Location, Organisation, Nationality → PER, LOC, ORG, NORP; its other
 *   types — Temporal, Quantity, Weapon, … — dropped) and Dateline's MISC dropped;
 * - `none`: unchanged.
 */
export const TYPE_MAPS: Record<string, { gold: TypeMap; predicted: TypeMap }> = {
  conll: { gold: (t) => t, predicted: (t) => (t === 'NORP' ? 'MISC' : t) },
  re3d: {
    gold: (t) => ({ Person: 'PER', Location: 'LOC', Organisation: 'ORG', Nationality: 'NORP' })[t] ?? null,
    predicted: (t) => (t === 'MISC' ? null : t),
  },
  none: { gold: (t) => t, predicted: (t) => t },
};

/** Re-tag phrases through a type map (phrases mapped to null are dropped). */
export function mapChunks(chunks: readonly Chunk[], map: TypeMap): Chunk[] {
  const out: Chunk[] = [];
  for (const c of chunks) {
    const t = map(c.type);
    if (t) out.push({ ...c, type: t });
  }
  return out;
}

/** Gold tags (last column) of each sentence; `O` where a line has a single column. */
export function goldTags(file: ConllFile): string[][] {
  return file.sentences.map((s) => s.rows.map((r) => (r.length > 1 ? r[r.length - 1] : 'O')));
}

/**
 * Predicted tags for every sentence of a CoNLL file, in `scheme` (default: the scheme of the
 * file's gold tags, IOB2 when it has none), types mapped with `map` (default identity).
 */
export function tagConll(file: ConllFile, rec: EntityRecognizer, res: NerResources, opts: { scheme?: TagScheme; map?: TypeMap } = {}): string[][] {
  const hasGold = file.sentences.some((s) => s.rows.some((r) => r.length > 1));
  const scheme = opts.scheme ?? (hasGold ? detectScheme(goldTags(file)) : 'IOB2');
  const out: string[][] = new Array(file.sentences.length);
  let k = 0;
  while (k < file.sentences.length) {
    let e = k;
    while (e < file.sentences.length && file.sentences[e].doc === file.sentences[k].doc) e++;
    const words = file.sentences.slice(k, e).map((s) => s.rows.map((r) => r[0]));
    const tags = rec.tagDocument(words, res);
    tags.forEach((t, j) => {
      const chunks = mapChunks(chunksOf(t), opts.map ?? ((x) => x));
      out[k + j] = tagsOf(chunks, t.length, scheme);
    });
    k = e;
  }
  return out;
}

/** The file with the predicted tag appended to every line (`-DOCSTART-` lines get `O`), as conlleval reads it. */
export function formatConllWithPredictions(file: ConllFile, predicted: readonly string[][]): string {
  const lines: string[] = [];
  let d = 0;
  for (let s = 0; s <= file.sentences.length; s++) {
    while (d < file.docstarts.length && file.docstarts[d][0] === s) {
      lines.push(file.docstarts[d][1] + ' O', '');
      d++;
    }
    if (s === file.sentences.length) break;
    file.sentences[s].rows.forEach((r, i) => lines.push(r.join(' ') + ' ' + predicted[s][i]));
    lines.push('');
  }
  return lines.join('\n');
}
