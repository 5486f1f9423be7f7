import path from 'node:path';
import { Perceptron, shuffle, type PerceptronData } from './perceptron.js';
import { normalizeWord } from './features.js';
import { readJsonModel, writeJsonModel } from './io.js';
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
 */
export class DependencyParser {
  readonly model: Perceptron;
  private scratch: Float64Array;
  private moves: Array<{ kind: 0 | 1 | 2; label: string }>;

  constructor(model: Perceptron) {
    this.model = model;
    this.scratch = new Float64Array(model.nClasses);
    this.moves = model.classes.map(decodeMove);
  }

  /**
   * Parse one sentence. `words` and `tags` (UPOS) are 0-based; the result gives, for each word,
   * its head as a 1-based index (0 = root) and its relation.
   */
  parse(words: readonly string[], tags: readonly string[]): { heads: number[]; labels: string[] } {
    const st = new ParseState(words, tags);
    const feats: string[] = [];
    while (!st.terminal()) {
      feats.length = 0;
      st.features(feats);
      const s = this.scratch.fill(0);
      this.model.scoreInto(feats, s);
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

  /** Serializable form. */
  toData(minWeight = 0.001): ParserData {
    return { kind: 'parser', version: 1, model: this.model.toData(minWeight) };
  }

  /** Rebuild from {@link toData} output. */
  static fromData(d: ParserData): DependencyParser {
    return new DependencyParser(Perceptron.fromData(d.model));
  }

  /** Load a gzip JSON model. @throws DatelineError `E_NOT_FOUND` when missing. */
  static load(file: string): DependencyParser {
    return DependencyParser.fromData(readJsonModel<ParserData>(file));
  }

  /** Save as gzip JSON; returns bytes written. */
  save(file: string, minWeight = 0.001): number {
    return writeJsonModel(file, this.toData(minWeight));
  }
}

/** Serialized {@link DependencyParser}. */
export interface ParserData {
  kind: 'parser';
  version: 1;
  model: PerceptronData;
}

/** File name of the shipped parser in `data/models/`. */
export const PARSER_FILE = 'parser.json.gz';

/** The context's dependency parser (`data/models/parser.json.gz`), loaded once per context. */
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
