/**
 * Build distributional word clusters from the unlabeled news text in ../shared/corpora/ (BBC News
 * 2004–2005 articles and Reuters-21578 bodies): `npx tsx scripts/build-clusters.ts [--min-count 3]
 * [--k 64,256,1024] [--out data/models/clusters.tsv.gz]`.
 *
 * Method (a cheap stand-in for Brown clusters, in the spirit of Lin & Wu 2009's k-means phrase
 * clusters): every word form (normal form of `normalizeWord`: lower-cased, numbers collapsed) seen
 * at least `min-count` times gets a context vector of its left and right neighbours among the
 * 1,000 most frequent words (separate dimensions for left and right, positive PMI weights, L2
 * normalized); spherical k-means (cosine, k-means++ seeding with a fixed seed) groups the vectors
 * at each granularity of `--k`. The output holds one line per word: `word TAB id@k1 TAB id@k2 …`
 * (header line `# k=…`), word forms and integers only: no sentence of any corpus.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { normalizeWord } from '../src/nlp/models/features.js';
import { arg, repoRoot, sharedDir } from './ud-data.js';

const minCount = Number(arg('min-count', '3'));
const ks = arg('k', '64,256,1024').split(',').map(Number);
const out = path.resolve(repoRoot, arg('out', 'data/models/clusters.tsv.gz'));
const nCtx = Number(arg('contexts', '1000'));
const iters = Number(arg('iterations', '12'));
const t0 = Date.now();
const log = (s: string) => console.log(`${s} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);

/** Plain texts of the corpora: BBC article files and Reuters <BODY> elements. */
function* texts(): Generator<string> {
  const bbc = path.join(sharedDir, 'corpora', 'bbc-news', 'bbc');
  for (const cat of fs.readdirSync(bbc).sort()) {
    const dir = path.join(bbc, cat);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.txt')) yield fs.readFileSync(path.join(dir, f), 'latin1');
  }
  const reu = path.join(sharedDir, 'corpora', 'reuters-21578');
  for (const f of fs.readdirSync(reu).sort()) {
    if (!f.endsWith('.sgm')) continue;
    const sgm = fs.readFileSync(path.join(reu, f), 'latin1');
    for (const m of sgm.matchAll(/<BODY>([\s\S]*?)<\/BODY>/g))
      yield m[1]
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
        .replace(/&#\d+;/g, ' ')
        .replace(/\s+Reuter\s*$/, '');
  }
}

/**
 * Tokens of a text, close to UD English tokenization: words with inner hyphens/periods/apostrophes
 * kept, clitics ('s, n't, 're, 'll, 've, 'd, 'm) split off, punctuation one token per character.
 */
function tokenize(text: string): string[] {
  const toks: string[] = [];
  for (const m of text.matchAll(/[A-Za-z0-9]+(?:[-.'&][A-Za-z0-9]+)*\.?|[^\sA-Za-z0-9]/g)) {
    let t = m[0];
    // a final period belongs to the word only for abbreviations (letters with inner periods, single capitals)
    if (t.endsWith('.') && !/^([A-Za-z]\.)+$/.test(t) && !/^(Mr|Mrs|Ms|Dr|St|Jr|Inc|Co|Corp|Ltd|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|U\.S)\.$/.test(t)) {
      toks.push(...splitClitic(t.slice(0, -1)), '.');
      continue;
    }
    toks.push(...splitClitic(t));
  }
  return toks;
}

function splitClitic(t: string): string[] {
  const m = /^(.+?)(n't|N'T|'s|'S|'re|'ll|'ve|'d|'m)$/.exec(t);
  if (m && m[1].length) return m[2].toLowerCase() === "n't" ? [m[1], m[2]] : [m[1], m[2]];
  return [t];
}

// 1. counts
const seqs: string[][] = [];
const freq = new Map<string, number>();
let nTok = 0;
for (const text of texts())
  for (const para of text.split(/\n\s*\n|\n {2,}/)) {
    const toks = tokenize(para).map(normalizeWord);
    if (!toks.length) continue;
    seqs.push(toks);
    nTok += toks.length;
    for (const t of toks) freq.set(t, (freq.get(t) ?? 0) + 1);
  }
log(`${seqs.length} paragraphs, ${nTok} tokens, ${freq.size} types`);
const vocab = [...freq].filter(([, c]) => c >= minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
const vid = new Map(vocab.map((w, i) => [w, i]));
const ctxId = new Map(vocab.slice(0, nCtx).map((w, i) => [w, i]));
const D = 2 * (nCtx + 1); // left contexts, right contexts; the last of each is the paragraph edge
const edge = nCtx;

// 2. co-occurrence counts (word × context)
const co: Array<Map<number, number>> = vocab.map(() => new Map());
const ctxTotal = new Float64Array(D);
for (const s of seqs)
  for (let i = 0; i < s.length; i++) {
    const w = vid.get(s[i]);
    if (w === undefined) continue;
    const l = i > 0 ? ctxId.get(s[i - 1]) ?? -1 : edge;
    const r = i + 1 < s.length ? ctxId.get(s[i + 1]) ?? -1 : edge;
    const m = co[w];
    if (l >= 0) m.set(l, (m.get(l) ?? 0) + 1);
    if (r >= 0) m.set(nCtx + 1 + r, (m.get(nCtx + 1 + r) ?? 0) + 1);
  }
let grand = 0;
for (const m of co) for (const [d, c] of m) (ctxTotal[d] += c), (grand += c);

// 3. PPMI vectors, L2-normalized (sparse: index and value arrays)
const vecIdx: Int32Array[] = [];
const vecVal: Float32Array[] = [];
for (let w = 0; w < vocab.length; w++) {
  const m = co[w];
  let wt = 0;
  for (const c of m.values()) wt += c;
  const idx: number[] = [];
  const val: number[] = [];
  for (const [d, c] of m) {
    const pmi = Math.log((c * grand) / (wt * Math.pow(ctxTotal[d], 0.75) * Math.pow(grand, 0.25)));
    if (pmi > 0) (idx.push(d), val.push(pmi));
  }
  let norm = 0;
  for (const v of val) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  vecIdx.push(Int32Array.from(idx));
  vecVal.push(Float32Array.from(val.map((v) => v / norm)));
}
log(`${vocab.length} words with count ≥ ${minCount}, ${D} context dimensions`);

/** Deterministic PRNG (LCG). */
let seed = 12345;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);

/** Spherical k-means over the sparse vectors; returns the cluster of each word. */
function kmeans(k: number): Int32Array {
  const n = vocab.length;
  const C = new Float32Array(k * D); // transposed: C[d * k + c]
  // seeding: k-means++ on a sample of the 20k most frequent words
  const pool = Math.min(n, 20000);
  const dist = new Float64Array(pool).fill(2);
  const dot = (w: number, c: number) => {
    const idx = vecIdx[w];
    const val = vecVal[w];
    let s = 0;
    for (let j = 0; j < idx.length; j++) s += val[j] * C[idx[j] * k + c];
    return s;
  };
  const setCentroid = (c: number, w: number) => {
    const idx = vecIdx[w];
    const val = vecVal[w];
    for (let j = 0; j < idx.length; j++) C[idx[j] * k + c] = val[j];
  };
  setCentroid(0, 0);
  for (let c = 1; c < k; c++) {
    let tot = 0;
    for (let w = 0; w < pool; w++) {
      const d = 1 - dot(w, c - 1);
      if (d < dist[w]) dist[w] = d;
      tot += dist[w] * dist[w];
    }
    let r = rand() * tot;
    let pick = pool - 1;
    for (let w = 0; w < pool; w++) {
      r -= dist[w] * dist[w];
      if (r <= 0) {
        pick = w;
        break;
      }
    }
    setCentroid(c, pick);
  }
  const assign = new Int32Array(n).fill(-1);
  const scores = new Float64Array(k);
  for (let it = 0; it < iters; it++) {
    let moved = 0;
    for (let w = 0; w < n; w++) {
      scores.fill(0);
      const idx = vecIdx[w];
      const val = vecVal[w];
      for (let j = 0; j < idx.length; j++) {
        const base = idx[j] * k;
        const v = val[j];
        for (let c = 0; c < k; c++) scores[c] += v * C[base + c];
      }
      let best = 0;
      for (let c = 1; c < k; c++) if (scores[c] > scores[best]) best = c;
      if (assign[w] !== best) moved++;
      assign[w] = best;
    }
    // recompute centroids (normalized means)
    C.fill(0);
    for (let w = 0; w < n; w++) {
      const c = assign[w];
      const idx = vecIdx[w];
      const val = vecVal[w];
      for (let j = 0; j < idx.length; j++) C[idx[j] * k + c] += val[j];
    }
    const norms = new Float64Array(k);
    for (let i = 0; i < C.length; i++) norms[i % k] += C[i] * C[i];
    for (let i = 0; i < C.length; i++) C[i] /= Math.sqrt(norms[i % k]) || 1;
    log(`k=${k} iteration ${it + 1}: ${moved} words moved`);
    if (moved < n / 1000) break;
  }
  return assign;
}

const assigns = ks.map((k) => kmeans(k));
const lines = [`# k=${ks.join(',')} min-count=${minCount} contexts=${nCtx}`];
vocab.forEach((w, i) => {
  if (/[\t\n]/.test(w)) return;
  lines.push([w, ...assigns.map((a) => a[i])].join('\t'));
});
fs.mkdirSync(path.dirname(out), { recursive: true });
const buf = zlib.gzipSync(lines.join('\n') + '\n', { level: 9 });
fs.writeFileSync(out, buf);
log(`wrote ${path.relative(repoRoot, out)} (${vocab.length} words, ${(buf.length / 1e6).toFixed(2)} MB)`);
