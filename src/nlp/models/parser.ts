import path from 'node:path';
import { Perceptron, shuffle, type PerceptronData } from './perceptron.js';
import { CompiledModel, readCompiled, writeCompiled } from './compiled.js';
import { normalizeWord } from './features.js';
import { readJsonModel } from './io.js';
import type { Context } from '../../context.js';

/**
 * Greedy arc-hybrid transition-based dependency parser (Kuhlmann, Gómez-Rodríguez & Satta 2011)
 * with an averaged perceptron, trained with the dynamic oracle of Goldberg & Nivre (2013,
 * "Training deterministic parsers with non-deterministic oracles"; arc-hybrid is arc-decomposable,
 * so a transition's cost is the number of gold arcs it makes unreachable) and error exploration.
 * Features: a subset of Zhang & Nivre (2011, "Transition-based dependency parsing with rich
 * non-local features"): words and tags of s0–s2, b0–b2, the leftmost/rightmost children of s0, s1
 * and b0, their labels, distance and valency.
 *
 * Labels are Universal Dependencies relations without subtypes (`nmod`, not `nmod:poss`), as the
 * CoNLL 2018 shared task scores LAS.
 *
 * The weights are a {@link Perceptron} (string features: training, old gzip-JSON files) or a
 * {@link CompiledModel} (the shipped `.bin`: hashed features built from atoms, see `compiled.ts`);
 * both give the same parse for the same weights.
 */
export class DependencyParser {
  readonly model: Perceptron | CompiledModel;
  private scratch: Float64Array;
  private moves: Array<{ kind: 0 | 1 | 2; label: string }>;
  private fast: FastParser | null;

  constructor(model: Perceptron | CompiledModel) {
    this.model = model;
    this.scratch = new Float64Array(model.nClasses);
    this.moves = model.classes.map(decodeMove);
    this.fast = model instanceof CompiledModel ? new FastParser(model, this.moves) : null;
  }

  /**
   * Parse one sentence. `words` and `tags` (UPOS) are 0-based; the result gives, for each word,
   * its head as a 1-based index (0 = root) and its relation.
   */
  parse(words: readonly string[], tags: readonly string[]): { heads: number[]; labels: string[] } {
    if (this.fast) return this.fast.parse(words, tags);
    const model = this.model as Perceptron;
    const st = new ParseState(words, tags);
    const feats: string[] = [];
    while (!st.terminal()) {
      feats.length = 0;
      st.features(feats);
      const s = this.scratch.fill(0);
      model.scoreInto(feats, s);
      let best = -1;
      let bestScore = -Infinity;
      for (let c = 0; c < this.moves.length; c++) {
        if (!st.valid(this.moves[c].kind)) continue;
        if (s[c] > bestScore) {
          bestScore = s[c];
          best = c;
        }
      }
      st.apply(this.moves[best].kind, this.moves[best].label);
    }
    return { heads: st.heads.slice(1).map((h) => Math.max(0, h)), labels: st.labels.slice(1).map((l) => l || 'dep') };
  }

  /** Serializable form. @throws Error for a compiled model (its feature strings are gone). */
  toData(minWeight = 0.001): ParserData {
    if (!(this.model instanceof Perceptron)) throw new Error('DependencyParser.toData: the model is compiled (no feature strings)');
    return { kind: 'parser', version: 1, model: this.model.toData(minWeight) };
  }

  /** Rebuild from {@link toData} output; `compile` (default true) hashes the features for fast parsing. */
  static fromData(d: ParserData, compile = true): DependencyParser {
    return new DependencyParser(compile ? CompiledModel.fromData(d.model) : Perceptron.fromData(d.model));
  }

  /**
   * Load a compiled `.bin` model ({@link save}) or a gzip-JSON {@link ParserData} file (`.json.gz`,
   * compiled on loading).
   * @throws DatelineError `E_NOT_FOUND` when missing, `E_USAGE` when not a model.
   */
  static load(file: string): DependencyParser {
    if (file.endsWith('.json.gz') || file.endsWith('.json')) return DependencyParser.fromData(readJsonModel<ParserData>(file));
    return new DependencyParser(readCompiled(file).model);
  }

  /** Save as a compiled model file (weights below `minWeight` dropped, quantized ×1000); returns bytes written. */
  save(file: string, minWeight = 0.001): number {
    const model = this.model instanceof Perceptron ? CompiledModel.fromData(this.model.toData(minWeight)) : this.model;
    return writeCompiled(file, model, { kind: 'parser', version: 2 });
  }
}

/** Universal POS tags, interned once (other tags get per-sentence atoms). */
const UPOS = ['ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'SYM', 'VERB', 'X'];

/** Parser feature templates (prefixes of the feature strings of `ParseState.features`). */
const PT = ['b', 's0w=', 's0p=', 's0wp=', 's1w=', 's1p=', 's1wp=', 's2p=', 's2w=', 'b0w=', 'b0p=', 'b0wp=', 'b1w=', 'b1p=', 'b1wp=', 'b2p=',
  's0wp,b0wp=', 's0wp,b0w=', 's0w,b0wp=', 's0wp,b0p=', 's0p,b0wp=', 's0w,b0w=', 's0p,b0p=', 'b0p,b1p=', 's1p,s0p=', 's1w,s0w=', 's1wp,s0p=', 's1p,s0wp=',
  'b0p,b1p,b2p=', 's0p,b0p,b1p=', 's1p,s0p,b0p=', 's0p,s0lp,b0p=', 's0p,s0rp,b0p=', 's0p,b0p,b0lp=', 's1p,s0p,s0lp=', 's1p,s0p,s0rp=', 's1p,s1rp,s0p=', 's1p,s1lp,s0p=', 's2p,s1p,s0p=',
  'd,s0w=', 'd,s0p=', 'd,b0w=', 'd,b0p=', 'd,s0p,b0p=', 'd01,s1p,s0p=', 'vl,s0wp=', 'vr,s0wp=', 'vlb,b0wp=',
  's0lw=', 's0lp=', 's0ll=', 's0rw=', 's0rp=', 's0rl=', 's1lp=', 's1ll=', 's1rp=', 's1rl=', 's1rw=', 'b0lw=', 'b0lp=', 'b0ll=',
  's0l2p=', 's0r2p=', 'b0l2p=', 's0p,s0ll,s0l2l=', 's0p,s0rl,s0r2l=', 'b0p,b0ll,b0l2l=', 's0p,s0ll,s0rl='] as const;

const SP = 32; // ' '
const SL = 47; // '/'

/**
 * The parser on a compiled model: the arc-hybrid system of `ParseState` with the features of
 * `ParseState.features`, hashed from atoms (word normal forms, tags, labels, numbers) instead of
 * concatenated strings; only legal transitions compete, and no features are computed when only
 * SHIFT is legal.
 *
 * The 17 features made only of the tags of s0–s2, b0–b2 and the two distances are summed once per
 * distinct combination and the sum cached ({@link CompiledModel.exactFeatures} guarantees that
 * float64 sums of these weights are exact, so the cached sum plus the other features gives the
 * very score the string-feature parser computes, in any order).
 */
class FastParser {
  private m: CompiledModel;
  private kind: Int8Array;
  private labAtom: Int32Array;
  private labels: string[];
  private T: Record<string, number> = {};
  private num: number[] = [];
  private dash: number;
  private root: number;
  private wA = new Int32Array(64);
  private pA = new Int32Array(64);
  private lA = new Int32Array(64);
  private heads = new Int32Array(64);
  private stack = new Int32Array(64);
  /**
   * Small index of each permanent atom for the group cache keys: `tagIdx` 0..31 for the pads and
   * UPOS tags, `labIdx` 0..63 for the pad and the relations. Per-sentence atoms (a tag outside
   * UPOS) fall outside these arrays and turn caching off for the sentence.
   */
  private tagIdx = new Int8Array(0);
  private labIdx = new Int8Array(0);
  /** per feature group: key → the group's score vector */
  private cache: Array<Map<number, Float64Array>> = [];
  private cacheOk = false;
  /** Fetch the word features' table slots together before adding (see `CompiledModel.deferred`). */
  defer = true;
  private canCache: boolean;

  constructor(m: CompiledModel, moves: ReadonlyArray<{ kind: 0 | 1 | 2; label: string }>) {
    this.m = m;
    const at = m.atoms;
    for (const t of PT) this.T[t] = at.intern(t);
    this.dash = at.intern('-');
    this.root = at.intern('<ROOT>');
    const small = [this.dash, this.root, ...UPOS.map((t) => at.intern(t))];
    for (let k = -1; k <= 255; k++) this.num[k + 1] = at.intern(String(k));
    this.kind = Int8Array.from(moves.map((mv) => mv.kind));
    this.labAtom = Int32Array.from(moves.map((mv) => (mv.label ? at.intern(mv.label) : this.dash)));
    this.labels = moves.map((mv) => mv.label);
    this.tagIdx = new Int8Array(at.n).fill(-1);
    small.forEach((a, i) => (this.tagIdx[a] = i));
    this.labIdx = new Int8Array(at.n).fill(-1);
    const labs = [this.dash, ...new Set(this.labAtom)].filter((a, i, all) => all.indexOf(a) === i);
    labs.forEach((a, i) => (this.labIdx[a] = i));
    this.canCache = m.exactFeatures >= PT.length && small.length <= 32 && labs.length <= 64;
    for (let g = 0; g < 6; g++) this.cache.push(new Map());
  }

  /** Add a cached group vector to the scores (exact: see {@link CompiledModel.exactFeatures}). */
  private addVec(v: Float64Array): void {
    const sc = this.m.scores;
    for (let c = 0; c < sc.length; c++) sc[c] += v[c];
  }

  /**
   * Cache the scores (the group's sum alone) under `key` for group `g`, then add back `snap`
   * (the scores before the group; null for the first group).
   */
  private put(g: number, key: number, snap: Float64Array | null): void {
    const sc = this.m.scores;
    const map = this.cache[g];
    if (key >= 0) {
      if (map.size >= 50_000) map.clear();
      map.set(key, Float64Array.from(sc));
    }
    if (snap) for (let c = 0; c < sc.length; c++) sc[c] += snap[c];
  }

  private numAtom(k: number): number {
    return k >= -1 && k <= 255 ? this.num[k + 1] : this.m.atoms.get(String(k));
  }

  parse(words: readonly string[], tags: readonly string[]): { heads: number[]; labels: string[] } {
    const m = this.m;
    const at = m.atoms;
    const T = this.T;
    const n = words.length;
    at.reset();
    if (this.wA.length < n + 1) {
      const c = 2 * (n + 1);
      this.wA = new Int32Array(c);
      this.pA = new Int32Array(c);
      this.lA = new Int32Array(c);
      this.heads = new Int32Array(c);
      this.stack = new Int32Array(c);
    }
    const { wA, pA, lA, heads, stack } = this;
    // group caching needs every tag of the sentence among the interned ones
    let known = this.canCache;
    for (let i = 0; i < n && known; i++) if (!(this.tagIdx[at.get(tags[i])] >= 0)) known = false;
    at.reset();
    this.cacheOk = known;
    const labels: string[] = new Array(n + 1).fill('');
    const lefts: number[][] = new Array(n + 1);
    const rights: number[][] = new Array(n + 1);
    wA[0] = this.root;
    pA[0] = this.root;
    lA[0] = this.dash;
    heads[0] = -1;
    lefts[0] = [];
    rights[0] = [];
    for (let i = 1; i <= n; i++) {
      wA[i] = at.get(normalizeWord(words[i - 1]));
      pA[i] = at.get(tags[i - 1]);
      lA[i] = this.dash;
      heads[i] = -1;
      lefts[i] = [];
      rights[i] = [];
    }
    const D = this.dash;
    const W = (i: number) => (i < 0 ? D : wA[i]);
    const P = (i: number) => (i < 0 ? D : pA[i]);
    const Lb = (i: number) => (i < 0 ? D : lA[i]);
    const lc = (i: number, k: number) => (i < 0 ? -1 : lefts[i][k] ?? -1);
    const rc = (i: number, k: number) => (i < 0 ? -1 : rights[i][rights[i].length - 1 - k] ?? -1);
    let L = 1;
    stack[0] = 0;
    let b = 1;
    const nC = m.nClasses;
    const kind = this.kind;
    while (!(b > n && L === 1)) {
      const s0 = stack[L - 1];
      const s1 = L > 1 ? stack[L - 2] : -1;
      const s2 = L > 2 ? stack[L - 3] : -1;
      const b0 = b <= n ? b : -1;
      const b1 = b + 1 <= n ? b + 1 : -1;
      const b2 = b + 2 <= n ? b + 2 : -1;
      const s0w = W(s0), s0p = P(s0), s1w = W(s1), s1p = P(s1), b0w = W(b0), b0p = P(b0), b1w = W(b1), b1p = P(b1), b2p = P(b2);
      const s2p = P(s2);
      const s0l = lc(s0, 0), s0r = rc(s0, 0), s1l = lc(s1, 0), s1r = rc(s1, 0), b0l = lc(b0, 0);
      const s0l2 = lc(s0, 1), s0r2 = rc(s0, 1), b0l2 = lc(b0, 1);
      const dist = this.numAtom(s0 >= 0 && b0 >= 0 ? Math.min(b0 - s0, 6) : -1);
      const dist01 = this.numAtom(s0 >= 0 && s1 >= 0 ? Math.min(s0 - s1, 6) : -1);
      const vl0 = this.numAtom(s0 >= 0 ? lefts[s0].length : 0);
      const vr0 = this.numAtom(s0 >= 0 ? rights[s0].length : 0);
      const vlb = this.numAtom(b0 >= 0 ? lefts[b0].length : 0);
      const s0lp = P(s0l), s0rp = P(s0r), s1lp = P(s1l), s1rp = P(s1r), b0lp = P(b0l);
      const s0ll = Lb(s0l), s0rl = Lb(s0r), s0l2l = Lb(s0l2), s0r2l = Lb(s0r2), b0ll = Lb(b0l), b0l2l = Lb(b0l2);
      if (L === 1 && b <= n) {
        // only SHIFT is legal
        stack[L++] = b++;
        continue;
      }
      // five groups of features made of tags, labels and distances only: each group's sum is
      // cached per distinct combination of its atoms (key: their small indexes); the rest direct
      const ok = this.cacheOk;
      const ti = this.tagIdx;
      const li = this.labIdx;
      const s0l2p = P(s0l2), s0r2p = P(s0r2), b0l2p = P(b0l2), s1ll = Lb(s1l), s1rl = Lb(s1r);
      // group 1: the stack's tags and their distance
      const k1 = ok ? ((ti[s0p] * 32 + ti[s1p]) * 32 + ti[s2p]) * 8 + (dist01 - this.num[0]) : -1;
      const v1 = k1 >= 0 ? this.cache[0].get(k1) : undefined;
      if (v1) m.scores.set(v1);
      else {
        m.clear();
        m.emit2(T['s0p='], s0p);
        m.emit2(T['s1p='], s1p);
        m.emit2(T['s2p='], s2p);
        m.emit3(T['s1p,s0p='], s1p, SP, s0p);
        m.emit5(T['s2p,s1p,s0p='], s2p, SP, s1p, SP, s0p);
        m.emit5(T['d01,s1p,s0p='], dist01, SP, s1p, SP, s0p);
        this.put(0, k1, null);
      }
      // group 1b: the buffer's tags, s0's tag, their distance
      const k1b = ok ? (((ti[s0p] * 32 + ti[b0p]) * 32 + ti[b1p]) * 32 + ti[b2p]) * 8 + (dist - this.num[0]) : -1;
      const v1b = k1b >= 0 ? this.cache[5].get(k1b) : undefined;
      if (v1b) this.addVec(v1b);
      else {
        const snap = Float64Array.from(m.scores);
        m.clear();
        m.emit2(T['b0p='], b0p);
        m.emit2(T['b1p='], b1p);
        m.emit2(T['b2p='], b2p);
        m.emit3(T['s0p,b0p='], s0p, SP, b0p);
        m.emit3(T['b0p,b1p='], b0p, SP, b1p);
        m.emit5(T['b0p,b1p,b2p='], b0p, SP, b1p, SP, b2p);
        m.emit5(T['s0p,b0p,b1p='], s0p, SP, b0p, SP, b1p);
        m.emit3(T['d,s0p='], dist, SP, s0p);
        m.emit3(T['d,b0p='], dist, SP, b0p);
        m.emit5(T['d,s0p,b0p='], dist, SP, s0p, SP, b0p);
        this.put(5, k1b, snap);
      }
      // group 2: s0's children (tags, labels)
      const k2 = ok ? ((((((((ti[s0p] * 32 + ti[s0lp]) * 64 + li[s0ll]) * 32 + ti[s0rp]) * 64 + li[s0rl]) * 32 + ti[s0l2p]) * 64 + li[s0l2l]) * 32 + ti[s0r2p]) * 64 + li[s0r2l]) : -1;
      const v2 = k2 >= 0 ? this.cache[1].get(k2) : undefined;
      if (v2) this.addVec(v2);
      else {
        const snap = Float64Array.from(m.scores);
        m.clear();
        m.emit2(T['s0lp='], s0lp);
        m.emit2(T['s0ll='], s0ll);
        m.emit2(T['s0rp='], s0rp);
        m.emit2(T['s0rl='], s0rl);
        m.emit3(T['s0l2p='], s0l2p, SP, s0l2l);
        m.emit3(T['s0r2p='], s0r2p, SP, s0r2l);
        m.emit5(T['s0p,s0ll,s0l2l='], s0p, SP, s0ll, SP, s0l2l);
        m.emit5(T['s0p,s0rl,s0r2l='], s0p, SP, s0rl, SP, s0r2l);
        m.emit5(T['s0p,s0ll,s0rl='], s0p, SP, s0ll, SP, s0rl);
        this.put(1, k2, snap);
      }
      // group 3: s0's outer children with s1, b0 (and the three's tags)
      const k3 = ok ? (((ti[s0p] * 32 + ti[s1p]) * 32 + ti[b0p]) * 32 + ti[s0lp]) * 32 + ti[s0rp] : -1;
      const v3 = k3 >= 0 ? this.cache[2].get(k3) : undefined;
      if (v3) this.addVec(v3);
      else {
        const snap = Float64Array.from(m.scores);
        m.clear();
        m.emit5(T['s0p,s0lp,b0p='], s0p, SP, s0lp, SP, b0p);
        m.emit5(T['s0p,s0rp,b0p='], s0p, SP, s0rp, SP, b0p);
        m.emit5(T['s1p,s0p,s0lp='], s1p, SP, s0p, SP, s0lp);
        m.emit5(T['s1p,s0p,s0rp='], s1p, SP, s0p, SP, s0rp);
        m.emit5(T['s1p,s0p,b0p='], s1p, SP, s0p, SP, b0p);
        this.put(2, k3, snap);
      }
      // group 4: s1's children
      const k4 = ok ? ((((ti[s1p] * 32 + ti[s0p]) * 32 + ti[s1lp]) * 64 + li[s1ll]) * 32 + ti[s1rp]) * 64 + li[s1rl] : -1;
      const v4 = k4 >= 0 ? this.cache[3].get(k4) : undefined;
      if (v4) this.addVec(v4);
      else {
        const snap = Float64Array.from(m.scores);
        m.clear();
        m.emit2(T['s1lp='], s1lp);
        m.emit2(T['s1ll='], s1ll);
        m.emit2(T['s1rp='], s1rp);
        m.emit2(T['s1rl='], s1rl);
        m.emit5(T['s1p,s1rp,s0p='], s1p, SP, s1rp, SP, s0p);
        m.emit5(T['s1p,s1lp,s0p='], s1p, SP, s1lp, SP, s0p);
        this.put(3, k4, snap);
      }
      // group 5: b0's children
      const k5 = ok ? ((((ti[s0p] * 32 + ti[b0p]) * 32 + ti[b0lp]) * 64 + li[b0ll]) * 32 + ti[b0l2p]) * 64 + li[b0l2l] : -1;
      const v5 = k5 >= 0 ? this.cache[4].get(k5) : undefined;
      if (v5) this.addVec(v5);
      else {
        const snap = Float64Array.from(m.scores);
        m.clear();
        m.emit2(T['b0lp='], b0lp);
        m.emit2(T['b0ll='], b0ll);
        m.emit3(T['b0l2p='], b0l2p, SP, b0l2l);
        m.emit5(T['s0p,b0p,b0lp='], s0p, SP, b0p, SP, b0lp);
        m.emit5(T['b0p,b0ll,b0l2l='], b0p, SP, b0ll, SP, b0l2l);
        this.put(4, k5, snap);
      }
      // features with words: direct (their table slots fetched together, then added)
      m.deferred = this.defer;
      m.emit1(T['b']);
      m.emit2(T['s0w='], s0w);
      m.emit3(T['s0wp='], s0w, SL, s0p);
      m.emit2(T['s1w='], s1w);
      m.emit3(T['s1wp='], s1w, SL, s1p);
      m.emit2(T['s2w='], W(s2));
      m.emit2(T['b0w='], b0w);
      m.emit3(T['b0wp='], b0w, SL, b0p);
      m.emit2(T['b1w='], b1w);
      m.emit3(T['b1wp='], b1w, SL, b1p);
      m.emit7(T['s0wp,b0wp='], s0w, SL, s0p, SP, b0w, SL, b0p);
      m.emit5(T['s0wp,b0w='], s0w, SL, s0p, SP, b0w);
      m.emit5(T['s0w,b0wp='], s0w, SP, b0w, SL, b0p);
      m.emit5(T['s0wp,b0p='], s0w, SL, s0p, SP, b0p);
      m.emit5(T['s0p,b0wp='], s0p, SP, b0w, SL, b0p);
      m.emit3(T['s0w,b0w='], s0w, SP, b0w);
      m.emit3(T['s1w,s0w='], s1w, SP, s0w);
      m.emit5(T['s1wp,s0p='], s1w, SL, s1p, SP, s0p);
      m.emit5(T['s1p,s0wp='], s1p, SP, s0w, SL, s0p);
      m.emit3(T['d,s0w='], dist, SP, s0w);
      m.emit3(T['d,b0w='], dist, SP, b0w);
      m.emit5(T['vl,s0wp='], vl0, SP, s0w, SL, s0p);
      m.emit5(T['vr,s0wp='], vr0, SP, s0w, SL, s0p);
      m.emit5(T['vlb,b0wp='], vlb, SP, b0w, SL, b0p);
      m.emit2(T['s0lw='], W(s0l));
      m.emit2(T['s0rw='], W(s0r));
      m.emit2(T['s1rw='], W(s1r));
      m.emit2(T['b0lw='], W(b0l));
      m.deferred = false;
      m.flush();
      // legal transitions only (ties to the lower class id, as Perceptron.predict)
      const okS = b <= n;
      const okL = L > 1 && b <= n;
      const okR = L > 1;
      const sc = m.scores;
      let best = -1;
      let bestScore = -Infinity;
      for (let c = 0; c < nC; c++) {
        const k = kind[c];
        if (k === SHIFT ? !okS : k === LEFT ? !okL : !okR) continue;
        if (sc[c] > bestScore) {
          bestScore = sc[c];
          best = c;
        }
      }
      const k = kind[best];
      if (k === SHIFT) {
        stack[L++] = b++;
        continue;
      }
      const d = stack[--L];
      const h = k === LEFT ? b : stack[L - 1];
      heads[d] = h;
      labels[d] = this.labels[best];
      lA[d] = this.labAtom[best];
      if (d < h) lefts[h].unshift(d);
      else rights[h].push(d);
    }
    const outHeads: number[] = new Array(n);
    const outLabels: string[] = new Array(n);
    for (let i = 1; i <= n; i++) {
      outHeads[i - 1] = Math.max(0, heads[i]);
      outLabels[i - 1] = labels[i] || 'dep';
    }
    return { heads: outHeads, labels: outLabels };
  }
}

/** Serialized {@link DependencyParser}. */
export interface ParserData {
  kind: 'parser';
  version: 1;
  model: PerceptronData;
}

/** File name of the shipped parser in `data/models/` (compiled, see `compiled.ts`). */
export const PARSER_FILE = 'parser.bin';

/** The context's dependency parser (`data/models/parser.bin`), loaded once per context. */
export function dependencyParser(ctx: Context): DependencyParser {
  return ctx.resource('model:parser', (dir) => DependencyParser.load(path.join(dir, 'models', PARSER_FILE)));
}

const SHIFT = 0;
const LEFT = 1;
const RIGHT = 2;

function decodeMove(c: string): { kind: 0 | 1 | 2; label: string } {
  if (c === 'S') return { kind: SHIFT, label: '' };
  return { kind: c[0] === 'L' ? LEFT : RIGHT, label: c.slice(2) };
}

/** Universal part of a UD relation ("nmod:poss" → "nmod"). */
export function universalRelation(deprel: string): string {
  const i = deprel.indexOf(':');
  return i < 0 ? deprel : deprel.slice(0, i);
}

/** Arc-hybrid configuration over words 1..n (0 = root, at the bottom of the stack). */
class ParseState {
  readonly n: number;
  readonly w: string[];
  readonly p: string[];
  readonly stack: number[] = [0];
  b = 1;
  readonly heads: number[];
  readonly labels: string[];
  /** children sorted by position */
  readonly lefts: number[][];
  readonly rights: number[][];

  constructor(words: readonly string[], tags: readonly string[]) {
    this.n = words.length;
    this.w = ['<ROOT>', ...words.map(normalizeWord)];
    this.p = ['<ROOT>', ...tags];
    this.heads = new Array(this.n + 1).fill(-1);
    this.labels = new Array(this.n + 1).fill('');
    this.lefts = Array.from({ length: this.n + 1 }, () => []);
    this.rights = Array.from({ length: this.n + 1 }, () => []);
  }

  terminal(): boolean {
    return this.b > this.n && this.stack.length === 1;
  }

  valid(kind: number): boolean {
    if (kind === SHIFT) return this.b <= this.n;
    if (kind === LEFT) return this.stack.length > 1 && this.b <= this.n;
    return this.stack.length > 1;
  }

  apply(kind: number, label: string): void {
    if (kind === SHIFT) {
      this.stack.push(this.b++);
      return;
    }
    const d = this.stack.pop()!;
    const h = kind === LEFT ? this.b : this.stack[this.stack.length - 1];
    this.heads[d] = h;
    this.labels[d] = label;
    if (d < h) this.lefts[h].unshift(d);
    else this.rights[h].push(d);
  }

  /**
   * Costs of SHIFT, LEFT, RIGHT under the gold tree (heads 1-based, 0 = root): the number of gold
   * arcs each would make unreachable (Goldberg & Nivre 2013, arc-hybrid).
   */
  costs(gold: readonly number[]): [number, number, number] {
    const st = this.stack;
    const s0 = st[st.length - 1];
    const s1 = st.length > 1 ? st[st.length - 2] : -1;
    const b = this.b;
    let sh = Infinity;
    let le = Infinity;
    let ri = Infinity;
    if (this.valid(SHIFT)) {
      sh = 0;
      // b's head among the stack below s0, or b's dependents on the stack
      for (let k = 0; k < st.length; k++) {
        const x = st[k];
        if (k < st.length - 1 && gold[b] === x) sh++;
        if (x !== 0 && gold[x] === b) sh++;
      }
    }
    if (st.length > 1 && s0 !== 0) {
      // dependents of s0 still in the buffer are lost by both LEFT and RIGHT
      let deps = 0;
      for (let k = b; k <= this.n; k++) if (gold[k] === s0) deps++;
      if (this.valid(LEFT)) {
        le = deps;
        if (gold[s0] === s1) le++;
        else if (gold[s0] > b) le++;
      }
      ri = deps;
      if (gold[s0] >= b && b <= this.n) ri++;
    }
    return [sh, le, ri];
  }

  features(out: string[]): void {
    const st = this.stack;
    const L = st.length;
    const s0 = L > 0 ? st[L - 1] : -1;
    const s1 = L > 1 ? st[L - 2] : -1;
    const s2 = L > 2 ? st[L - 3] : -1;
    const b0 = this.b <= this.n ? this.b : -1;
    const b1 = this.b + 1 <= this.n ? this.b + 1 : -1;
    const b2 = this.b + 2 <= this.n ? this.b + 2 : -1;
    const W = (i: number) => (i < 0 ? '-' : this.w[i]);
    const P = (i: number) => (i < 0 ? '-' : this.p[i]);
    const Lb = (i: number) => (i < 0 ? '-' : this.labels[i] || '-');
    const lc = (i: number, k = 0) => (i < 0 ? -1 : this.lefts[i][k] ?? -1);
    const rc = (i: number, k = 0) => (i < 0 ? -1 : this.rights[i][this.rights[i].length - 1 - k] ?? -1);
    const s0w = W(s0), s0p = P(s0), s1w = W(s1), s1p = P(s1), b0w = W(b0), b0p = P(b0), b1w = W(b1), b1p = P(b1), b2p = P(b2);
    const s0l = lc(s0), s0r = rc(s0), s1l = lc(s1), s1r = rc(s1), b0l = lc(b0);
    const s0l2 = lc(s0, 1), s0r2 = rc(s0, 1), b0l2 = lc(b0, 1);
    const dist = s0 >= 0 && b0 >= 0 ? Math.min(b0 - s0, 6) : -1;
    const dist01 = s0 >= 0 && s1 >= 0 ? Math.min(s0 - s1, 6) : -1;
    const vl0 = s0 >= 0 ? this.lefts[s0].length : 0;
    const vr0 = s0 >= 0 ? this.rights[s0].length : 0;
    const vlb = b0 >= 0 ? this.lefts[b0].length : 0;
    out.push(
      'b',
      's0w=' + s0w, 's0p=' + s0p, 's0wp=' + s0w + '/' + s0p,
      's1w=' + s1w, 's1p=' + s1p, 's1wp=' + s1w + '/' + s1p,
      's2p=' + P(s2), 's2w=' + W(s2),
      'b0w=' + b0w, 'b0p=' + b0p, 'b0wp=' + b0w + '/' + b0p,
      'b1w=' + b1w, 'b1p=' + b1p, 'b1wp=' + b1w + '/' + b1p, 'b2p=' + b2p,
      // pairs
      's0wp,b0wp=' + s0w + '/' + s0p + ' ' + b0w + '/' + b0p,
      's0wp,b0w=' + s0w + '/' + s0p + ' ' + b0w,
      's0w,b0wp=' + s0w + ' ' + b0w + '/' + b0p,
      's0wp,b0p=' + s0w + '/' + s0p + ' ' + b0p,
      's0p,b0wp=' + s0p + ' ' + b0w + '/' + b0p,
      's0w,b0w=' + s0w + ' ' + b0w,
      's0p,b0p=' + s0p + ' ' + b0p,
      'b0p,b1p=' + b0p + ' ' + b1p,
      's1p,s0p=' + s1p + ' ' + s0p,
      's1w,s0w=' + s1w + ' ' + s0w,
      's1wp,s0p=' + s1w + '/' + s1p + ' ' + s0p,
      's1p,s0wp=' + s1p + ' ' + s0w + '/' + s0p,
      // triples
      'b0p,b1p,b2p=' + b0p + ' ' + b1p + ' ' + b2p,
      's0p,b0p,b1p=' + s0p + ' ' + b0p + ' ' + b1p,
      's1p,s0p,b0p=' + s1p + ' ' + s0p + ' ' + b0p,
      's0p,s0lp,b0p=' + s0p + ' ' + P(s0l) + ' ' + b0p,
      's0p,s0rp,b0p=' + s0p + ' ' + P(s0r) + ' ' + b0p,
      's0p,b0p,b0lp=' + s0p + ' ' + b0p + ' ' + P(b0l),
      's1p,s0p,s0lp=' + s1p + ' ' + s0p + ' ' + P(s0l),
      's1p,s0p,s0rp=' + s1p + ' ' + s0p + ' ' + P(s0r),
      's1p,s1rp,s0p=' + s1p + ' ' + P(s1r) + ' ' + s0p,
      's1p,s1lp,s0p=' + s1p + ' ' + P(s1l) + ' ' + s0p,
      's2p,s1p,s0p=' + P(s2) + ' ' + s1p + ' ' + s0p,
      // distance and valency
      'd,s0w=' + dist + ' ' + s0w, 'd,s0p=' + dist + ' ' + s0p, 'd,b0w=' + dist + ' ' + b0w, 'd,b0p=' + dist + ' ' + b0p,
      'd,s0p,b0p=' + dist + ' ' + s0p + ' ' + b0p, 'd01,s1p,s0p=' + dist01 + ' ' + s1p + ' ' + s0p,
      'vl,s0wp=' + vl0 + ' ' + s0w + '/' + s0p, 'vr,s0wp=' + vr0 + ' ' + s0w + '/' + s0p, 'vlb,b0wp=' + vlb + ' ' + b0w + '/' + b0p,
      // children and labels
      's0lw=' + W(s0l), 's0lp=' + P(s0l), 's0ll=' + Lb(s0l), 's0rw=' + W(s0r), 's0rp=' + P(s0r), 's0rl=' + Lb(s0r),
      's1lp=' + P(s1l), 's1ll=' + Lb(s1l), 's1rp=' + P(s1r), 's1rl=' + Lb(s1r), 's1rw=' + W(s1r),
      'b0lw=' + W(b0l), 'b0lp=' + P(b0l), 'b0ll=' + Lb(b0l),
      's0l2p=' + P(s0l2) + ' ' + Lb(s0l2), 's0r2p=' + P(s0r2) + ' ' + Lb(s0r2), 'b0l2p=' + P(b0l2) + ' ' + Lb(b0l2),
      's0p,s0ll,s0l2l=' + s0p + ' ' + Lb(s0l) + ' ' + Lb(s0l2), 's0p,s0rl,s0r2l=' + s0p + ' ' + Lb(s0r) + ' ' + Lb(s0r2), 'b0p,b0ll,b0l2l=' + b0p + ' ' + Lb(b0l) + ' ' + Lb(b0l2),
      's0p,s0ll,s0rl=' + s0p + ' ' + Lb(s0l) + ' ' + Lb(s0r),
    );
  }
}

/** A gold sentence for parser training: forms, (predicted) tags, 1-based heads, relations. */
export interface ParserTrainSentence {
  words: string[];
  tags: string[];
  heads: number[];
  labels: string[];
}

/** Options of {@link trainParser}. */
export interface TrainParserOptions {
  iterations?: number;
  seed?: number;
  /** Probability of following the model's (possibly wrong) transition after the first iteration (error exploration). */
  explore?: number;
  onIteration?: (iter: number, uas: number) => void;
}

/** Train with the dynamic oracle and error exploration (Goldberg & Nivre 2012/2013). */
export function trainParser(sents: readonly ParserTrainSentence[], opts: TrainParserOptions = {}): DependencyParser {
  const labelSet = new Set<string>();
  for (const s of sents) for (const l of s.labels) labelSet.add(universalRelation(l));
  const labels = [...labelSet].sort();
  const classes = ['S', ...labels.map((l) => 'L-' + l), ...labels.map((l) => 'R-' + l)];
  const model = new Perceptron(classes, true);
  const parser = new DependencyParser(model);
  const moves = classes.map(decodeMove);
  const scratch = new Float64Array(classes.length);
  const order = sents.map((_, i) => i);
  let rnd = (opts.seed ?? 11) >>> 0;
  const random = () => ((rnd = (Math.imul(rnd, 1664525) + 1013904223) >>> 0) / 4294967296);
  for (let it = 0; it < (opts.iterations ?? 10); it++) {
    shuffle(order, (opts.seed ?? 11) + it);
    let right = 0;
    let total = 0;
    for (const k of order) {
      const s = sents[k];
      const gold = [-1, ...s.heads];
      const glab = ['', ...s.labels.map(universalRelation)];
      const st = new ParseState(s.words, s.tags);
      const feats: string[] = [];
      while (!st.terminal()) {
        feats.length = 0;
        st.features(feats);
        scratch.fill(0);
        model.scoreInto(feats, scratch);
        const cost = st.costs(gold);
        const s0 = st.stack[st.stack.length - 1];
        const s1 = st.stack.length > 1 ? st.stack[st.stack.length - 2] : -1;
        let guess = -1;
        let gScore = -Infinity;
        let best = -1;
        let bScore = -Infinity;
        for (let c = 0; c < moves.length; c++) {
          const m = moves[c];
          if (!st.valid(m.kind)) continue;
          if (scratch[c] > gScore) {
            gScore = scratch[c];
            guess = c;
          }
          if (cost[m.kind] !== 0) continue;
          // a zero-cost arc needs the gold label when it is the gold arc
          if (m.kind === LEFT && gold[s0] === st.b && m.label !== glab[s0]) continue;
          if (m.kind === RIGHT && gold[s0] === s1 && m.label !== glab[s0]) continue;
          if (scratch[c] > bScore) {
            bScore = scratch[c];
            best = c;
          }
        }
        if (best < 0) best = guess; // no zero-cost move (cannot happen for arc-hybrid), follow the model
        model.tick();
        if (guess !== best) model.update(best, guess, feats);
        const follow = it > 0 && random() < (opts.explore ?? 0.9) ? guess : best;
        st.apply(moves[follow].kind, moves[follow].label);
      }
      for (let i = 1; i <= s.words.length; i++) {
        total++;
        if (st.heads[i] === gold[i]) right++;
      }
    }
    opts.onIteration?.(it + 1, right / Math.max(1, total));
  }
  model.average();
  return parser;
}
