import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Perceptron, shuffle, type PerceptronData } from './perceptron.js';
import { CompiledModel, readCompiled, writeCompiled } from './compiled.js';
import { normalizeWord, wordShape, isTitle } from './features.js';
import { readJsonModel } from './io.js';
import type { Context } from '../../context.js';

/**
 * Greedy left-to-right part-of-speech tagger with an averaged perceptron (Collins 2002), feature
 * set after Honnibal (2013, "A good part-of-speech tagger in about 200 lines of Python") extended
 * with word shape, 1–4-character affixes and a ±2 word window. Tags are whatever the training data
 * uses (Universal Dependencies UPOS for the shipped model).
 *
 * A tag dictionary fixes the tag of frequent unambiguous words (≥ 20 occurrences, ≥ 97% one tag by
 * default; the shipped model: ≥ 99%),
 * as in Honnibal's tagger.
 *
 * Optionally ({@link twoPass}) a second greedy pass sees the first pass's tags of the word and of the
 * two words to its right (right-hand context as in Toutanova et al. 2003, here by stacking; pass 1's
 * tags on the training data come from a jackknife), and optionally word-cluster features
 * ({@link clusters}: cluster ids of the word and its neighbours, as in Koo et al. 2008).
 *
 * Two forms of the weights: a {@link Perceptron} (string features; training, and models read from
 * the old gzip-JSON files) and a {@link CompiledModel} (hashed features; the shipped `.bin` model),
 * on which {@link tag} builds each feature's hash from per-sentence atoms instead of strings. Both
 * give the same tags for the same weights.
 */
export class PosTagger {
  readonly model: Perceptron | CompiledModel;
  readonly tagdict: Map<string, string>;
  /** Ambiguity class of each frequent word form ("NOUN|VERB"): the tags it had ≥ 10% of the time in training. */
  readonly lexicon: Map<string, string>;
  /** Word clusters: normal form ({@link normalizeWord}) → cluster id at each granularity (coarse to fine); empty when the model has none. */
  readonly clusters: Map<string, string[]>;
  private scratch: Float64Array;
  private fast: FastTagger | null;

  /**
   * Two passes (Toutanova et al. 2003's right-hand context, as stacking): a second left-to-right
   * pass whose features (names prefixed `2:`) add the first pass's tags of the word and the two
   * words to its right; both passes' weights live in {@link model}.
   */
  readonly twoPass: boolean;

  constructor(
    model: Perceptron | CompiledModel,
    tagdict: Map<string, string>,
    lexicon: Map<string, string> = new Map(),
    clusters: Map<string, string[]> = new Map(),
    twoPass = false,
  ) {
    this.model = model;
    this.twoPass = twoPass;
    this.tagdict = tagdict;
    this.lexicon = lexicon;
    this.clusters = clusters;
    this.scratch = new Float64Array(model.nClasses);
    this.fast = model instanceof CompiledModel ? new FastTagger(model, tagdict, lexicon, clusters, twoPass) : null;
  }

  /** Tags (one per word) for a sentence of word forms (gold or any tokenization close to UD's). */
  tag(words: readonly string[]): string[] {
    if (this.fast) return this.fast.tag(words);
    const model = this.model as Perceptron;
    const norm = words.map(normalizeWord);
    const stat = words.map((_, i) => {
      const f: string[] = [];
      staticFeatures(words, norm, i, f, this.lexicon, this.clusters.size ? this.clusters : undefined);
      return f;
    });
    const first = greedyPass(model, words, norm, stat, this.tagdict, this.scratch);
    return this.twoPass ? greedyPass(model, words, norm, stat, this.tagdict, this.scratch, first) : first;
  }

  /**
   * Serializable form (model weights + tag dictionary: word forms and tags only).
   * @throws Error for a compiled model (its feature strings are gone).
   */
  toData(minWeight = 0.001): TaggerData {
    if (!(this.model instanceof Perceptron)) throw new Error('PosTagger.toData: the model is compiled (no feature strings)');
    const d: TaggerData = { kind: 'pos-tagger', version: 1, tagdict: [...this.tagdict], lexicon: [...this.lexicon], model: this.model.toData(minWeight) };
    if (this.twoPass) d.twoPass = true;
    if (this.clusters.size) d.clusters = [...this.clusters];
    return d;
  }

  /** Rebuild from {@link toData} output; `compile` (default true) hashes the features for fast tagging. */
  static fromData(d: TaggerData, compile = true): PosTagger {
    return new PosTagger(
      compile ? CompiledModel.fromData(d.model) : Perceptron.fromData(d.model),
      new Map(d.tagdict),
      new Map(d.lexicon ?? []),
      new Map(d.clusters ?? []),
      d.twoPass === true,
    );
  }

  /**
   * Load a model file: a compiled `.bin` model ({@link save}), or a gzip-JSON {@link TaggerData}
   * file (`.json.gz`, compiled on loading).
   * @throws DatelineError `E_NOT_FOUND` when missing, `E_USAGE` when not a model.
   */
  static load(file: string): PosTagger {
    if (file.endsWith('.json.gz') || file.endsWith('.json')) return PosTagger.fromData(readJsonModel<TaggerData>(file));
    const { model, meta } = readCompiled<{ kind: string; tagdict: Array<[string, string]>; lexicon: Array<[string, string]>; clusters?: string; twoPass?: boolean }>(file);
    return new PosTagger(model, new Map(meta.tagdict), new Map(meta.lexicon), meta.clusters ? parseClusters(meta.clusters) : new Map(), meta.twoPass === true);
  }

  /**
   * Save as a compiled model file (gzip binary, see `writeCompiled`): weights below `minWeight`
   * dropped and quantized (×1000) as in {@link toData}; returns the file size in bytes.
   */
  save(file: string, minWeight = 0.001): number {
    const model = this.model instanceof Perceptron ? CompiledModel.fromData(this.model.toData(minWeight)) : this.model;
    const meta: Record<string, unknown> = { kind: 'pos-tagger', version: 2, tagdict: [...this.tagdict], lexicon: [...this.lexicon] };
    if (this.twoPass) meta.twoPass = true;
    if (this.clusters.size) meta.clusters = [...this.clusters].map(([w, ids]) => w + '\t' + ids.join('\t')).join('\n');
    return writeCompiled(file, model, meta);
  }
}

/**
 * The tagger's feature extractor on a compiled model: the features of {@link staticFeatures} and
 * {@link historyFeatures}, in the same order, hashed from atoms.
 */
class FastTagger {
  private m: CompiledModel;
  private tagdict: Map<string, string>;
  /** word form → atom of its ambiguity class */
  private lexAtom = new Map<string, number>();
  private classAtom: number[];
  private dictAtom = new Map<string, number>();
  private A: Record<string, number> = {};
  private nA = new Int32Array(64);
  private n3A = new Int32Array(64);
  private shA = new Int32Array(64);
  private lxA = new Int32Array(64);
  /** normal form → atoms of its cluster ids (one per granularity) */
  private clAtoms = new Map<string, Int32Array>();
  /** number of cluster granularities (0: no cluster features) */
  private nG = 0;
  /** cluster-id atoms of the sentence's words, `[i * nG + g]` */
  private clA = new Int32Array(256);
  private CT: number[][] = [];
  private noCl: Int32Array = new Int32Array(0);
  private CT2: number[][] = [];
  /** template atoms of pass 2 (`2:` + template) */
  private A2: Record<string, number> = {};
  private twoPass: boolean;
  /** tag → atom */
  private tagAtom = new Map<string, number>();
  /** atoms of pass 1's tags */
  private t1A = new Int32Array(64);

  constructor(m: CompiledModel, tagdict: Map<string, string>, lexicon: Map<string, string>, clusters: Map<string, string[]>, twoPass: boolean) {
    this.m = m;
    this.tagdict = tagdict;
    const at = m.atoms;
    for (const k of ['b', 'w=', 'W=', 's1=', 's2=', 's3=', 's4=', 'p1=', 'p2=', 'p3=', 'sh=', 'hy', 't0', 'w-1=', 'w-2=', 'w+1=', 'w+2=', 's3-1=', 's3+1=', 'w-1w=', 'ww+1=', 'a=', 'a+1=', 'a+2=', 'a-1=', 'aa+1=', 'wa+1=', 'sh+1=', 'sh-1=', 't-1=', 't-2=', 't-1t-2=', 't-1w=', '-S-', '-E-', '?', '-START-', '-START2-', 'undefined'])
      this.A[k] = at.intern(k);
    this.twoPass = twoPass;
    if (twoPass)
      for (const k of ['b', 'w=', 'W=', 's1=', 's2=', 's3=', 's4=', 'p1=', 'p2=', 'p3=', 'sh=', 'hy', 't0', 'w-1=', 'w-2=', 'w+1=', 'w+2=', 's3-1=', 's3+1=', 'w-1w=', 'ww+1=', 'a=', 'a+1=', 'a+2=', 'a-1=', 'aa+1=', 'wa+1=', 'sh+1=', 'sh-1=', 't-1=', 't-2=', 't-1t-2=', 't-1w=', 'r0=', 'r1=', 'r2=', 'r1r2=', 't-1r1=', 'wr1='])
        this.A2[k] = at.intern(PASS2 + k);
    for (const [w, a] of lexicon) this.lexAtom.set(w, at.intern(a));
    this.classAtom = m.classes.map((c) => at.intern(c));
    m.classes.forEach((c, i) => this.tagAtom.set(c, this.classAtom[i]));
    for (const t of new Set(tagdict.values())) this.dictAtom.set(t, at.intern(t));
    for (const [w, ids] of clusters) {
      this.nG = ids.length;
      this.clAtoms.set(w, Int32Array.from(ids, (id) => at.intern(id)));
    }
    this.CT = CT.slice(0, this.nG).map((t) => t.map((x) => at.intern(x)));
    this.CT2 = CT.slice(0, this.nG).map((t) => t.map((x) => at.intern(PASS2 + x)));
    this.noCl = new Int32Array(this.nG).fill(this.A['?']);
  }

  tag(words: readonly string[]): string[] {
    const m = this.m;
    const at = m.atoms;
    const A = this.A;
    const n = words.length;
    at.reset();
    if (this.nA.length < n) {
      const c = 2 * n;
      this.nA = new Int32Array(c);
      this.n3A = new Int32Array(c);
      this.shA = new Int32Array(c);
      this.lxA = new Int32Array(c);
      this.t1A = new Int32Array(c);
    }
    const { nA, n3A, shA, lxA } = this;
    const norm: string[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const w = words[i];
      const nw = (norm[i] = normalizeWord(w));
      nA[i] = at.get(nw);
      n3A[i] = at.get(nw.slice(-3));
      shA[i] = at.get(wordShape(w));
      lxA[i] = this.lexAtom.get(w) ?? this.lexAtom.get(w.toLowerCase()) ?? A['?'];
    }
    const G = this.nG;
    if (G) {
      if (this.clA.length < (n + 4) * G) this.clA = new Int32Array(2 * (n + 4) * G);
      const clA = this.clA;
      // rows 0, 1: before the sentence; 2..n+1: the words; n+2, n+3: after it
      for (let g = 0; g < G; g++) {
        clA[g] = clA[G + g] = A['-S-'];
        clA[(n + 2) * G + g] = clA[(n + 3) * G + g] = A['-E-'];
      }
      for (let i = 0; i < n; i++) clA.set(this.clAtoms.get(norm[i]) ?? this.noCl, (i + 2) * G);
    }
    const out: string[] = new Array(n);
    this.pass(words, out, this.A, this.CT, false);
    if (this.twoPass) {
      for (let i = 0; i < n; i++) this.t1A[i] = this.tagAtom.get(out[i])!;
      this.pass(words, out, this.A2, this.CT2, true);
    }
    return out;
  }

  /** One greedy left-to-right pass with template atoms `T`; `right`: add the pass-2 features of the tags in `out` (pass 1's). */
  private pass(words: readonly string[], out: string[], T: Record<string, number>, CTs: number[][], right: boolean): void {
    const m = this.m;
    const at = m.atoms;
    const A = this.A;
    const n = words.length;
    const { nA, n3A, shA, lxA, t1A } = this;
    const G = this.nG;
    let p1 = A['-START-'];
    let p2 = A['-START2-'];
    for (let i = 0; i < n; i++) {
      const w = words[i];
      const d = this.tagdict.get(w);
      if (d) {
        out[i] = d;
        p2 = p1;
        p1 = this.dictAtom.get(d)!;
        continue;
      }
      m.clear();
      const lw = w.toLowerCase();
      const na = nA[i];
      m.emit1(T['b']);
      m.emit2(T['w='], na);
      m.emit2(T['W='], at.get(w));
      m.emit2(T['s1='], at.get(lw.slice(-1)));
      m.emit2(T['s2='], at.get(lw.slice(-2)));
      m.emit2(T['s3='], at.get(lw.slice(-3)));
      m.emit2(T['s4='], at.get(lw.slice(-4)));
      m.emit2(T['p1='], w.length ? at.get(w[0]) : A['undefined']);
      m.emit2(T['p2='], at.get(lw.slice(0, 2)));
      m.emit2(T['p3='], at.get(lw.slice(0, 3)));
      m.emit2(T['sh='], shA[i]);
      if (w.includes('-')) m.emit1(T['hy']);
      if (i === 0 && isTitle(w)) m.emit1(T['t0']);
      const pw = i > 0 ? nA[i - 1] : A['-S-'];
      const ppw = i > 1 ? nA[i - 2] : A['-S-'];
      const nw = i + 1 < n ? nA[i + 1] : A['-E-'];
      const nnw = i + 2 < n ? nA[i + 2] : A['-E-'];
      m.emit2(T['w-1='], pw);
      m.emit2(T['w-2='], ppw);
      m.emit2(T['w+1='], nw);
      m.emit2(T['w+2='], nnw);
      m.emit2(T['s3-1='], i > 0 ? n3A[i - 1] : A['-S-']);
      m.emit2(T['s3+1='], i + 1 < n ? n3A[i + 1] : A['-E-']);
      m.emit3(T['w-1w='], pw, 32, na);
      m.emit3(T['ww+1='], na, 32, nw);
      const a0 = lxA[i];
      const a1 = i + 1 < n ? lxA[i + 1] : A['-E-'];
      m.emit2(T['a='], a0);
      m.emit2(T['a+1='], a1);
      m.emit2(T['a+2='], i + 2 < n ? lxA[i + 2] : A['-E-']);
      m.emit2(T['a-1='], i > 0 ? lxA[i - 1] : A['-S-']);
      m.emit3(T['aa+1='], a0, 32, a1);
      m.emit3(T['wa+1='], na, 32, a1);
      m.emit2(T['sh+1='], i + 1 < n ? shA[i + 1] : A['-E-']);
      m.emit2(T['sh-1='], i > 0 ? shA[i - 1] : A['-S-']);
      if (G) {
        const clA = this.clA;
        const r = (i + 2) * G;
        for (let g = 0; g < G; g++) {
          const ct = CTs[g];
          m.emit2(ct[0], clA[r + g]);
          m.emit2(ct[1], clA[r - G + g]);
          m.emit2(ct[2], clA[r + G + g]);
        }
      }
      // history
      m.emit2(T['t-1='], p1);
      m.emit2(T['t-2='], p2);
      m.emit3(T['t-1t-2='], p1, 32, p2);
      m.emit3(T['t-1w='], p1, 32, na);
      if (right) {
        const r1 = i + 1 < n ? t1A[i + 1] : A['-E-'];
        const r2 = i + 2 < n ? t1A[i + 2] : A['-E-'];
        m.emit2(T['r0='], t1A[i]);
        m.emit2(T['r1='], r1);
        m.emit2(T['r2='], r2);
        m.emit3(T['r1r2='], r1, 32, r2);
        m.emit3(T['t-1r1='], p1, 32, r1);
        m.emit3(T['wr1='], na, 32, r1);
      }
      const c = m.best();
      out[i] = m.classes[c];
      p2 = p1;
      p1 = this.classAtom[c];
    }
  }
}

/** Serialized {@link PosTagger}. */
export interface TaggerData {
  kind: 'pos-tagger';
  version: 1;
  tagdict: Array<[string, string]>;
  lexicon?: Array<[string, string]>;
  /** Word clusters: normal form → cluster ids, coarse to fine (see {@link readClusters}). */
  clusters?: Array<[string, string[]]>;
  /** Second pass with right-hand tags (see {@link PosTagger.twoPass}). */
  twoPass?: boolean;
  model: PerceptronData;
}

/** File name of the shipped tagger model in `data/models/` (compiled, see `compiled.ts`). */
export const TAGGER_FILE = 'tagger.bin';

/** The context's POS tagger (`data/models/tagger.bin`), loaded once per context. */
export function posTagger(ctx: Context): PosTagger {
  return ctx.resource('model:tagger', (dir) => PosTagger.load(path.join(dir, 'models', TAGGER_FILE)));
}

/** Features of word `i` that do not depend on earlier tags. */
export function staticFeatures(
  words: readonly string[],
  norm: readonly string[],
  i: number,
  out: string[],
  lexicon?: ReadonlyMap<string, string>,
  clusters?: ReadonlyMap<string, readonly string[]>,
): void {
  const w = words[i];
  const n = norm[i];
  const lw = w.toLowerCase();
  out.push('b', 'w=' + n, 'W=' + w, 's1=' + lw.slice(-1), 's2=' + lw.slice(-2), 's3=' + lw.slice(-3), 's4=' + lw.slice(-4), 'p1=' + w[0], 'p2=' + lw.slice(0, 2), 'p3=' + lw.slice(0, 3), 'sh=' + wordShape(w));
  if (w.includes('-')) out.push('hy');
  if (i === 0 && isTitle(w)) out.push('t0');
  const pw = i > 0 ? norm[i - 1] : '-S-';
  const ppw = i > 1 ? norm[i - 2] : '-S-';
  const nw = i + 1 < words.length ? norm[i + 1] : '-E-';
  const nnw = i + 2 < words.length ? norm[i + 2] : '-E-';
  out.push('w-1=' + pw, 'w-2=' + ppw, 'w+1=' + nw, 'w+2=' + nnw);
  out.push('s3-1=' + pw.slice(-3), 's3+1=' + nw.slice(-3), 'w-1w=' + pw + ' ' + n, 'ww+1=' + n + ' ' + nw);
  if (lexicon) {
    const amb = (k: number) => (k < 0 ? '-S-' : k >= words.length ? '-E-' : lexicon.get(words[k]) ?? lexicon.get(words[k].toLowerCase()) ?? '?');
    const a0 = amb(i);
    const a1 = amb(i + 1);
    out.push('a=' + a0, 'a+1=' + a1, 'a+2=' + amb(i + 2), 'a-1=' + amb(i - 1), 'aa+1=' + a0 + ' ' + a1, 'wa+1=' + n + ' ' + a1);
  }
  out.push('sh+1=' + (i + 1 < words.length ? wordShape(words[i + 1]) : '-E-'), 'sh-1=' + (i > 0 ? wordShape(words[i - 1]) : '-S-'));
  if (clusters) {
    const none = NO_CLUSTER;
    const cl = (k: number) => (k < 0 ? START_CLUSTER : k >= words.length ? END_CLUSTER : clusters.get(norm[k]) ?? none);
    const c0 = cl(i);
    const cm = cl(i - 1);
    const cp = cl(i + 1);
    const G = granularities(clusters);
    for (let g = 0; g < G; g++) out.push(CT[g][0] + c0[g], CT[g][1] + cm[g], CT[g][2] + cp[g]);
  }
}

const nGran = new WeakMap<object, number>();
/** Number of cluster granularities of a cluster table (cached). */
function granularities(clusters: ReadonlyMap<string, readonly string[]>): number {
  let g = nGran.get(clusters);
  if (g === undefined) nGran.set(clusters, (g = clusters.size ? clusters.values().next().value!.length : 0));
  return g;
}

/** Cluster ids at each granularity of a word missing from the cluster table / before / after the sentence. */
const NO_CLUSTER = ['?', '?', '?', '?', '?', '?', '?', '?'];
const START_CLUSTER = Array(8).fill('-S-');
const END_CLUSTER = Array(8).fill('-E-');
/** Cluster feature template prefixes: [granularity][0 = word, 1 = previous, 2 = next]. */
const CT = [0, 1, 2, 3, 4, 5, 6, 7].map((g) => [`k${g}=`, `k${g}-1=`, `k${g}+1=`]);

/** Element-wise mean of the weights of perceptrons over the same classes (a feature missing from one weighs 0 there). */
function averageData(ds: readonly PerceptronData[]): PerceptronData {
  const nC = ds[0].classes.length;
  const rows = new Map<string, Float64Array>();
  for (const d of ds)
    d.feats.forEach((f, i) => {
      let r = rows.get(f);
      if (!r) rows.set(f, (r = new Float64Array(nC)));
      const w = d.weights[i];
      for (let k = 0; k < w.length; k += 2) r[w[k]] += w[k + 1];
    });
  const feats: string[] = [];
  const weights: number[][] = [];
  for (const [f, r] of rows) {
    const row: number[] = [];
    for (let c = 0; c < nC; c++) {
      const q = Math.round(r[c] / ds.length);
      if (q !== 0) row.push(c, q);
    }
    if (row.length) (feats.push(f), weights.push(row));
  }
  return { classes: ds[0].classes, scale: ds[0].scale, feats, weights };
}

/** Prefix of the feature names of the second pass. */
const PASS2 = '2:';

/** Pass-2 features from the first pass's tags `t1` (word `i` and the two to its right), with `p1` the previous pass-2 tag. */
function rightFeatures(norm: readonly string[], t1: readonly string[], i: number, p1: string, out: string[]): void {
  const r1 = i + 1 < t1.length ? t1[i + 1] : '-E-';
  const r2 = i + 2 < t1.length ? t1[i + 2] : '-E-';
  out.push('2:r0=' + t1[i], '2:r1=' + r1, '2:r2=' + r2, '2:r1r2=' + r1 + ' ' + r2, '2:t-1r1=' + p1 + ' ' + r1, '2:wr1=' + norm[i] + ' ' + r1);
}

/**
 * One greedy left-to-right pass with string features: `stat` the static features of each word
 * (pass-2 names when `t1`, pass 1's tags, is given). With `train` (gold tags and the class index),
 * updates the perceptron on every word outside the tag dictionary.
 */
function greedyPass(
  model: Perceptron,
  words: readonly string[],
  norm: readonly string[],
  stat: readonly string[][],
  tagdict: ReadonlyMap<string, string>,
  scratch: Float64Array,
  t1?: readonly string[],
  train?: { gold: readonly string[]; cls: ReadonlyMap<string, number> },
): string[] {
  const out: string[] = [];
  let p1 = '-START-';
  let p2 = '-START2-';
  for (let i = 0; i < words.length; i++) {
    let t = tagdict.get(words[i]);
    if (!t) {
      const feats = t1 ? stat[i].map((x) => PASS2 + x) : stat[i].slice();
      if (t1) {
        const h: string[] = [];
        historyFeatures(norm, i, p1, p2, h);
        for (const f of h) feats.push(PASS2 + f);
        rightFeatures(norm, t1, i, p1, feats);
      } else historyFeatures(norm, i, p1, p2, feats);
      const g = model.predict(feats, scratch);
      if (train) {
        model.tick();
        model.update(train.cls.get(train.gold[i])!, g, feats);
      }
      t = model.classes[g];
    }
    out.push(t);
    p2 = p1;
    p1 = t;
  }
  return out;
}

/** Features of word `i` built from the two previous predicted tags. */
export function historyFeatures(norm: readonly string[], i: number, p1: string, p2: string, out: string[]): void {
  out.push('t-1=' + p1, 't-2=' + p2, 't-1t-2=' + p1 + ' ' + p2, 't-1w=' + p1 + ' ' + norm[i]);
}

/** Options of {@link trainTagger}. */
export interface TrainTaggerOptions {
  iterations?: number;
  seed?: number;
  /** Called after each iteration with its training accuracy (0..1). */
  onIteration?: (iter: number, accuracy: number) => void;
  /** Train a second pass with the first pass's right-hand tags (see {@link PosTagger.twoPass}). */
  twoPass?: boolean;
  /** Share of its most frequent tag a word (≥ 20 occurrences) needs to enter the tag dictionary (default 0.97). */
  tagdictPurity?: number;
  /** Models (different training orders) whose weights are averaged, per pass (default 1). */
  ensemble?: number;
  /** Folds of the jackknife that gives pass 1's tags on the training data (default 4). */
  folds?: number;
  /** Word clusters ({@link readClusters}) for cluster features; none by default. */
  clusters?: Map<string, string[]>;
}

/**
 * Read a word-cluster file (`scripts/build-clusters.ts`: gzip text, `word TAB id TAB id …` per
 * line, coarse to fine, `#` header) into normal form → cluster ids.
 */
export function readClusters(file: string): Map<string, string[]> {
  return parseClusters(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'));
}

/** Parse the text of a word-cluster file (see {@link readClusters}). */
export function parseClusters(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [w, ...ids] = line.split('\t');
    out.set(w, ids);
  }
  return out;
}

/**
 * Train a tagger on gold-tagged sentences (greedy decoding with predicted history during training,
 * shuffled each iteration, then averaged).
 */
export function trainTagger(sents: ReadonlyArray<{ words: string[]; tags: string[] }>, opts: TrainTaggerOptions = {}): PosTagger {
  const counts = new Map<string, Map<string, number>>();
  const tagSet = new Set<string>();
  for (const s of sents)
    s.words.forEach((w, i) => {
      tagSet.add(s.tags[i]);
      let m = counts.get(w);
      if (!m) counts.set(w, (m = new Map()));
      m.set(s.tags[i], (m.get(s.tags[i]) ?? 0) + 1);
    });
  const tagdict = new Map<string, string>();
  for (const [w, m] of counts) {
    let n = 0;
    let best = '';
    let bestN = 0;
    for (const [t, c] of m) {
      n += c;
      if (c > bestN) {
        bestN = c;
        best = t;
      }
    }
    if (n >= 20 && bestN / n >= (opts.tagdictPurity ?? 0.97)) tagdict.set(w, best);
  }
  // ambiguity classes of words seen at least twice (hapaxes look like unknown words at run time)
  const lexicon = new Map<string, string>();
  for (const [w, m] of counts) {
    let n = 0;
    for (const c of m.values()) n += c;
    if (n < 2) continue;
    const tags = [...m].filter(([, c]) => c / n >= 0.1).map(([t]) => t).sort();
    lexicon.set(w, tags.join('|'));
  }
  const classes = [...tagSet].sort();
  const cls = new Map(classes.map((c, i) => [c, i]));
  // static features once per token
  const data = sents.map((s) => {
    const norm = s.words.map(normalizeWord);
    const stat = s.words.map((_, i) => {
      const f: string[] = [];
      staticFeatures(s.words, norm, i, f, lexicon, opts.clusters);
      return f;
    });
    return { s, norm, stat };
  });
  const iterations = opts.iterations ?? 8;
  const scratch = new Float64Array(classes.length);
  /** Train one pass's perceptron on the sentences `idx` (pass 2 when `t1`, pass 1's tags, is given). */
  const trainPass = (idx: readonly number[], t1?: readonly string[][], report = false, seed = opts.seed ?? 1): Perceptron => {
    const model = new Perceptron(classes, true);
    const order = idx.slice();
    for (let it = 0; it < iterations; it++) {
      shuffle(order, seed + it);
      let right = 0;
      let total = 0;
      for (const k of order) {
        const { s, norm, stat } = data[k];
        const tags = greedyPass(model, s.words, norm, stat, tagdict, scratch, t1?.[k], { gold: s.tags, cls });
        tags.forEach((t, i) => {
          total++;
          if (t === s.tags[i]) right++;
        });
      }
      if (report) opts.onIteration?.(it + 1, right / Math.max(1, total));
    }
    model.average();
    return model;
  };
  const all = data.map((_, i) => i);
  const ensemble = opts.ensemble ?? 1;
  /** `ensemble` models trained in different orders, their weights averaged. */
  const trainAveraged = (t1?: readonly string[][], report = false): Perceptron => {
    const ms: Perceptron[] = [];
    for (let e = 0; e < ensemble; e++) ms.push(trainPass(all, t1, report && e === ensemble - 1, (opts.seed ?? 1) + 1000 * e));
    return ensemble === 1 ? ms[0] : Perceptron.fromData(averageData(ms.map((m) => m.toData(0))));
  };
  const model = trainAveraged(undefined, !opts.twoPass);
  if (!opts.twoPass) return new PosTagger(model, tagdict, lexicon, opts.clusters);
  // pass 1's tags on the training sentences by jackknifing (each fold tagged by a model trained on the others)
  const folds = opts.folds ?? 4;
  const t1: string[][] = new Array(data.length);
  for (let f = 0; f < folds; f++) {
    const mf = trainPass(all.filter((k) => k % folds !== f));
    for (let k = f; k < data.length; k += folds) t1[k] = greedyPass(mf, data[k].s.words, data[k].norm, data[k].stat, tagdict, scratch);
  }
  const model2 = trainAveraged(t1, true);
  const d1 = model.toData(0);
  const d2 = model2.toData(0);
  const merged = Perceptron.fromData({ classes, scale: d1.scale, feats: [...d1.feats, ...d2.feats], weights: [...d1.weights, ...d2.weights] });
  return new PosTagger(merged, tagdict, lexicon, opts.clusters, true);
}
