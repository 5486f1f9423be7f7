import path from 'node:path';
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
 * A tag dictionary fixes the tag of frequent unambiguous words (≥ 20 occurrences, ≥ 97% one tag),
 * as in Honnibal's tagger.
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
  private scratch: Float64Array;
  private fast: FastTagger | null;

  constructor(model: Perceptron | CompiledModel, tagdict: Map<string, string>, lexicon: Map<string, string> = new Map()) {
    this.model = model;
    this.tagdict = tagdict;
    this.lexicon = lexicon;
    this.scratch = new Float64Array(model.nClasses);
    this.fast = model instanceof CompiledModel ? new FastTagger(model, tagdict, lexicon) : null;
  }

  /** Tags (one per word) for a sentence of word forms (gold or any tokenization close to UD's). */
  tag(words: readonly string[]): string[] {
    if (this.fast) return this.fast.tag(words);
    const model = this.model as Perceptron;
    const norm = words.map(normalizeWord);
    const out: string[] = [];
    let p1 = '-START-';
    let p2 = '-START2-';
    const feats: string[] = [];
    for (let i = 0; i < words.length; i++) {
      let t = this.tagdict.get(words[i]);
      if (!t) {
        feats.length = 0;
        staticFeatures(words, norm, i, feats, this.lexicon);
        historyFeatures(norm, i, p1, p2, feats);
        t = model.classes[model.predict(feats, this.scratch)];
      }
      out.push(t);
      p2 = p1;
      p1 = t;
    }
    return out;
  }

  /**
   * Serializable form (model weights + tag dictionary: word forms and tags only).
   * @throws Error for a compiled model (its feature strings are gone).
   */
  toData(minWeight = 0.001): TaggerData {
    if (!(this.model instanceof Perceptron)) throw new Error('PosTagger.toData: the model is compiled (no feature strings)');
    return { kind: 'pos-tagger', version: 1, tagdict: [...this.tagdict], lexicon: [...this.lexicon], model: this.model.toData(minWeight) };
  }

  /** Rebuild from {@link toData} output; `compile` (default true) hashes the features for fast tagging. */
  static fromData(d: TaggerData, compile = true): PosTagger {
    return new PosTagger(compile ? CompiledModel.fromData(d.model) : Perceptron.fromData(d.model), new Map(d.tagdict), new Map(d.lexicon ?? []));
  }

  /**
   * Load a model file: a compiled `.bin` model ({@link save}), or a gzip-JSON {@link TaggerData}
   * file (`.json.gz`, compiled on loading).
   * @throws DatelineError `E_NOT_FOUND` when missing, `E_USAGE` when not a model.
   */
  static load(file: string): PosTagger {
    if (file.endsWith('.json.gz') || file.endsWith('.json')) return PosTagger.fromData(readJsonModel<TaggerData>(file));
    const { model, meta } = readCompiled<{ kind: string; tagdict: Array<[string, string]>; lexicon: Array<[string, string]> }>(file);
    return new PosTagger(model, new Map(meta.tagdict), new Map(meta.lexicon));
  }

  /**
   * Save as a compiled model file (gzip binary, see `writeCompiled`): weights below `minWeight`
   * dropped and quantized (×1000) as in {@link toData}; returns the file size in bytes.
   */
  save(file: string, minWeight = 0.001): number {
    const model = this.model instanceof Perceptron ? CompiledModel.fromData(this.model.toData(minWeight)) : this.model;
    return writeCompiled(file, model, { kind: 'pos-tagger', version: 2, tagdict: [...this.tagdict], lexicon: [...this.lexicon] });
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

  constructor(m: CompiledModel, tagdict: Map<string, string>, lexicon: Map<string, string>) {
    this.m = m;
    this.tagdict = tagdict;
    const at = m.atoms;
    for (const k of ['b', 'w=', 'W=', 's1=', 's2=', 's3=', 's4=', 'p1=', 'p2=', 'p3=', 'sh=', 'hy', 't0', 'w-1=', 'w-2=', 'w+1=', 'w+2=', 's3-1=', 's3+1=', 'w-1w=', 'ww+1=', 'a=', 'a+1=', 'a+2=', 'a-1=', 'aa+1=', 'wa+1=', 'sh+1=', 'sh-1=', 't-1=', 't-2=', 't-1t-2=', 't-1w=', '-S-', '-E-', '?', '-START-', '-START2-', 'undefined'])
      this.A[k] = at.intern(k);
    for (const [w, a] of lexicon) this.lexAtom.set(w, at.intern(a));
    this.classAtom = m.classes.map((c) => at.intern(c));
    for (const t of new Set(tagdict.values())) this.dictAtom.set(t, at.intern(t));
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
    const out: string[] = new Array(n);
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
      m.emit1(A['b']);
      m.emit2(A['w='], na);
      m.emit2(A['W='], at.get(w));
      m.emit2(A['s1='], at.get(lw.slice(-1)));
      m.emit2(A['s2='], at.get(lw.slice(-2)));
      m.emit2(A['s3='], at.get(lw.slice(-3)));
      m.emit2(A['s4='], at.get(lw.slice(-4)));
      m.emit2(A['p1='], w.length ? at.get(w[0]) : A['undefined']);
      m.emit2(A['p2='], at.get(lw.slice(0, 2)));
      m.emit2(A['p3='], at.get(lw.slice(0, 3)));
      m.emit2(A['sh='], shA[i]);
      if (w.includes('-')) m.emit1(A['hy']);
      if (i === 0 && isTitle(w)) m.emit1(A['t0']);
      const pw = i > 0 ? nA[i - 1] : A['-S-'];
      const ppw = i > 1 ? nA[i - 2] : A['-S-'];
      const nw = i + 1 < n ? nA[i + 1] : A['-E-'];
      const nnw = i + 2 < n ? nA[i + 2] : A['-E-'];
      m.emit2(A['w-1='], pw);
      m.emit2(A['w-2='], ppw);
      m.emit2(A['w+1='], nw);
      m.emit2(A['w+2='], nnw);
      m.emit2(A['s3-1='], i > 0 ? n3A[i - 1] : A['-S-']);
      m.emit2(A['s3+1='], i + 1 < n ? n3A[i + 1] : A['-E-']);
      m.emit3(A['w-1w='], pw, 32, na);
      m.emit3(A['ww+1='], na, 32, nw);
      const a0 = lxA[i];
      const a1 = i + 1 < n ? lxA[i + 1] : A['-E-'];
      m.emit2(A['a='], a0);
      m.emit2(A['a+1='], a1);
      m.emit2(A['a+2='], i + 2 < n ? lxA[i + 2] : A['-E-']);
      m.emit2(A['a-1='], i > 0 ? lxA[i - 1] : A['-S-']);
      m.emit3(A['aa+1='], a0, 32, a1);
      m.emit3(A['wa+1='], na, 32, a1);
      m.emit2(A['sh+1='], i + 1 < n ? shA[i + 1] : A['-E-']);
      m.emit2(A['sh-1='], i > 0 ? shA[i - 1] : A['-S-']);
      // history
      m.emit2(A['t-1='], p1);
      m.emit2(A['t-2='], p2);
      m.emit3(A['t-1t-2='], p1, 32, p2);
      m.emit3(A['t-1w='], p1, 32, na);
      const c = m.best();
      out[i] = m.classes[c];
      p2 = p1;
      p1 = this.classAtom[c];
    }
    return out;
  }
}

/** Serialized {@link PosTagger}. */
export interface TaggerData {
  kind: 'pos-tagger';
  version: 1;
  tagdict: Array<[string, string]>;
  lexicon?: Array<[string, string]>;
  model: PerceptronData;
}

/** File name of the shipped tagger model in `data/models/` (compiled, see `compiled.ts`). */
export const TAGGER_FILE = 'tagger.bin';

/** The context's POS tagger (`data/models/tagger.bin`), loaded once per context. */
export function posTagger(ctx: Context): PosTagger {
  return ctx.resource('model:tagger', (dir) => PosTagger.load(path.join(dir, 'models', TAGGER_FILE)));
}

/** Features of word `i` that do not depend on earlier tags. */
export function staticFeatures(words: readonly string[], norm: readonly string[], i: number, out: string[], lexicon?: ReadonlyMap<string, string>): void {
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
    if (n >= 20 && bestN / n >= 0.97) tagdict.set(w, best);
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
  const model = new Perceptron(classes, true);
  // static features once per token
  const data = sents.map((s) => {
    const norm = s.words.map(normalizeWord);
    const stat = s.words.map((_, i) => {
      const f: string[] = [];
      staticFeatures(s.words, norm, i, f, lexicon);
      return f;
    });
    return { s, norm, stat };
  });
  const order = data.map((_, i) => i);
  const iterations = opts.iterations ?? 8;
  const scratch = new Float64Array(classes.length);
  for (let it = 0; it < iterations; it++) {
    shuffle(order, (opts.seed ?? 1) + it);
    let right = 0;
    let total = 0;
    for (const k of order) {
      const { s, norm, stat } = data[k];
      let p1 = '-START-';
      let p2 = '-START2-';
      for (let i = 0; i < s.words.length; i++) {
        let guess = tagdict.get(s.words[i]);
        if (!guess) {
          const feats = stat[i].slice();
          historyFeatures(norm, i, p1, p2, feats);
          const g = model.predict(feats, scratch);
          model.tick();
          model.update(cls.get(s.tags[i])!, g, feats);
          guess = classes[g];
        }
        if (guess === s.tags[i]) right++;
        total++;
        p2 = p1;
        p1 = guess;
      }
    }
    opts.onIteration?.(it + 1, right / Math.max(1, total));
  }
  model.average();
  return new PosTagger(model, tagdict, lexicon);
}
