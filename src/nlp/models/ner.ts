import path from 'node:path';
import { Perceptron, shuffle, type PerceptronData } from './perceptron.js';
import { CompiledModel, readCompiled, writeCompiled } from './compiled.js';
import { normalizeWord, wordShape, shortShape, isTitle } from './features.js';
import { readJsonModel } from './io.js';
import { chunksOf, tagsOf, type Chunk } from './chunks.js';
import type { PosTagger } from './tagger.js';
import type { Context } from '../../context.js';
import type { ActorDictionary } from '../../link/actor-dictionary.js';
import type { Gazetteer } from '../../geo/gazetteer.js';

/**
 * Named-entity recognizer: a greedy left-to-right BILOU sequence tagger with an averaged perceptron
 * (Collins 2002), the feature design of Ratinov & Roth (2009, "Design challenges and misconceptions
 * in named entity recognition"): word, lower case, shape, affixes, a ±2 window, the two previous
 * predicted tags, POS tags from {@link PosTagger}, gazetteer match tags (the project's actor
 * dictionary and GeoNames gazetteer, demonyms), and *extended prediction history* (the types
 * already given to the same word earlier in the document). Decoding only allows well-formed BILOU
 * sequences.
 *
 * Types: PER, LOC, ORG, NORP (nationalities, demonyms), MISC.
 *
 * The weights are a {@link Perceptron} (string features: training, old gzip-JSON files) or a
 * {@link CompiledModel} (the shipped `.bin`: hashed features built from atoms, see `compiled.ts`);
 * both give the same tags for the same weights.
 */
export class EntityRecognizer {
  readonly model: Perceptron | CompiledModel;
  private scratch: Float64Array;
  private allowedAfter: boolean[][];
  private fast: FastRecognizer | null;

  constructor(model: Perceptron | CompiledModel) {
    this.model = model;
    this.scratch = new Float64Array(model.nClasses);
    this.allowedAfter = transitionTable(model.classes);
    this.fast = model instanceof CompiledModel ? new FastRecognizer(model, this.allowedAfter) : null;
  }

  /**
   * BILOU tags for the sentences of one document (order matters: earlier sentences feed the
   * prediction history of later ones).
   * @param sents tokens of each sentence
   * @param res the POS tagger and dictionaries the model's features need
   * @param pos UPOS tags of each sentence when the caller already has them (from `res.tagger`, so
   *   that the same tags are not computed twice); otherwise `res.tagger` tags each sentence
   */
  tagDocument(sents: ReadonlyArray<readonly string[]>, res: NerResources, pos?: ReadonlyArray<readonly string[]>): string[][] {
    const history = new Map<string, Map<string, number>>();
    return sents.map((words, k) => {
      const tags = pos?.[k] ?? (res.tagger ? res.tagger.tag(words) : undefined);
      if (this.fast) return this.fast.tagSentence(words, res, tags, history);
      const stat = sentenceFeatures(words, res, tags);
      return this.decode(words, stat, history);
    });
  }

  /**
   * Greedy constrained decoding of one sentence with precomputed static features (string
   * features: needs a {@link Perceptron} model).
   * @throws Error for a compiled model.
   */
  decode(words: readonly string[], stat: string[][], history: Map<string, Map<string, number>>, train?: { gold: number[] }): string[] {
    if (!(this.model instanceof Perceptron)) throw new Error('EntityRecognizer.decode: string features need a Perceptron model');
    const model = this.model;
    const classes = model.classes;
    const out: string[] = [];
    let p1 = 'O';
    let p2 = 'O';
    let prevId = classes.indexOf('O');
    for (let i = 0; i < words.length; i++) {
      const feats = stat[i].slice();
      dynamicFeatures(words, i, p1, p2, history, feats);
      const allow = this.allowedAfter[prevId];
      const g = model.predict(feats, this.scratch, (c) => allow[c]);
      if (train) {
        model.tick();
        model.update(train.gold[i], g, feats);
      }
      const guess = classes[g];
      out.push(guess);
      p2 = p1;
      p1 = guess;
      prevId = g;
    }
    recordHistory(words, out, history);
    return out;
  }

  /** Serializable form. @throws Error for a compiled model (its feature strings are gone). */
  toData(minWeight = 0.001): NerData {
    if (!(this.model instanceof Perceptron)) throw new Error('EntityRecognizer.toData: the model is compiled (no feature strings)');
    return { kind: 'ner', version: 1, model: this.model.toData(minWeight) };
  }

  /** Rebuild from {@link toData} output; `compile` (default true) hashes the features for fast tagging. */
  static fromData(d: NerData, compile = true): EntityRecognizer {
    return new EntityRecognizer(compile ? CompiledModel.fromData(d.model) : Perceptron.fromData(d.model));
  }

  /**
   * Load a compiled `.bin` model ({@link save}) or a gzip-JSON {@link NerData} file (`.json.gz`,
   * compiled on loading).
   * @throws DatelineError `E_NOT_FOUND` when missing, `E_USAGE` when not a model.
   */
  static load(file: string): EntityRecognizer {
    if (file.endsWith('.json.gz') || file.endsWith('.json')) return EntityRecognizer.fromData(readJsonModel<NerData>(file));
    return new EntityRecognizer(readCompiled(file).model);
  }

  /** Save as a compiled model file (weights below `minWeight` dropped, quantized ×1000); returns bytes written. */
  save(file: string, minWeight = 0.001): number {
    const model = this.model instanceof Perceptron ? CompiledModel.fromData(this.model.toData(minWeight)) : this.model;
    return writeCompiled(file, model, { kind: 'ner', version: 2 });
  }
}

/** Record the types given in a sentence's tags for later sentences of the document (extended prediction history). */
function recordHistory(words: readonly string[], tags: readonly string[], history: Map<string, Map<string, number>>): void {
  for (const c of chunksOf(tags)) {
    for (let k = c.start; k < c.end; k++) {
      const key = words[k].toLowerCase();
      let m = history.get(key);
      if (!m) history.set(key, (m = new Map()));
      m.set(c.type, (m.get(c.type) ?? 0) + 1);
    }
  }
}

/** The type most often given to a word earlier in the document (first seen wins ties), or undefined. */
function historyType(history: Map<string, Map<string, number>>, lower: string): string | undefined {
  const h = history.get(lower);
  if (!h) return undefined;
  let best = '';
  let bestN = 0;
  for (const [t, c] of h)
    if (c > bestN) {
      bestN = c;
      best = t;
    }
  return best;
}

const NT = ['b', 'w=', 'W=', 'sh=', 'ss=', 's1=', 'p1=', 's2=', 'p2=', 's3=', 'p3=', 's4=', 'p4=', 'w-1=', 'w-2=', 'w+1=', 'w+2=', 'sh-1=', 'sh+1=', 'ww-1=', 'ww+1=',
  'pos=', 'pos-1=', 'pos+1=', 'pp=', 'caps', 'caps-w=', 'first', 'first-sh=', 'midcap', 'g=', 'gsh=', 'g-1=', 'g+1=', 't-1=', 't-2=', 't-1t-2=', 't-1w=', 'hist=', '<S>', '</S>', '?'] as const;
const SFX = ['s1=', 's2=', 's3=', 's4='] as const;
const PFX = ['p1=', 'p2=', 'p3=', 'p4='] as const;

/**
 * The recognizer on a compiled model: the features of {@link sentenceFeatures} and the dynamic
 * features, in the same order, hashed from atoms instead of concatenated strings.
 */
class FastRecognizer {
  private m: CompiledModel;
  private allowedAfter: boolean[][];
  private T: Record<string, number> = {};
  private classAtom: number[];
  private o: number;

  constructor(m: CompiledModel, allowedAfter: boolean[][]) {
    this.m = m;
    this.allowedAfter = allowedAfter;
    const at = m.atoms;
    for (const t of NT) this.T[t] = at.intern(t);
    this.classAtom = m.classes.map((c) => at.intern(c));
    for (const t of NER_TYPES) at.intern(t);
    this.o = m.classes.indexOf('O');
  }

  tagSentence(words: readonly string[], res: NerResources, pos: readonly string[] | undefined, history: Map<string, Map<string, number>>): string[] {
    const m = this.m;
    const at = m.atoms;
    const T = this.T;
    const n = words.length;
    at.reset();
    const gaz = gazetteerTags(words, res);
    const nA: number[] = new Array(n);
    const shA: number[] = new Array(n);
    const pA: number[] = new Array(n);
    const gA: number[][] = new Array(n);
    let letters = 0;
    let upper = 0;
    for (let i = 0; i < n; i++) {
      const w = words[i];
      nA[i] = at.get(normalizeWord(w));
      shA[i] = at.get(wordShape(w));
      pA[i] = pos ? at.get(pos[i]) : T['?'];
      gA[i] = gaz[i].length ? gaz[i].map((g) => at.get(g)) : [];
      for (const ch of w)
        if (ch.toLowerCase() !== ch.toUpperCase()) {
          letters++;
          if (ch === ch.toUpperCase()) upper++;
        }
    }
    const capsLine = letters > 0 && upper / letters > 0.9;
    const S = T['<S>'];
    const E = T['</S>'];
    const out: string[] = new Array(n);
    let p1 = this.classAtom[this.o];
    let p2 = p1;
    let prevId = this.o;
    for (let i = 0; i < n; i++) {
      const w = words[i];
      const lw = w.toLowerCase();
      const na = nA[i];
      const ssA = at.get(shortShape(w));
      m.clear();
      m.emit1(T['b']);
      m.emit2(T['w='], na);
      m.emit2(T['W='], at.get(w));
      m.emit2(T['sh='], shA[i]);
      m.emit2(T['ss='], ssA);
      for (let k = 1; k <= 4 && k <= lw.length; k++) {
        m.emit2(T[SFX[k - 1]], at.get(lw.slice(-k)));
        m.emit2(T[PFX[k - 1]], at.get(lw.slice(0, k)));
      }
      const pw = i > 0 ? nA[i - 1] : S;
      const nw = i + 1 < n ? nA[i + 1] : E;
      m.emit2(T['w-1='], pw);
      m.emit2(T['w-2='], i > 1 ? nA[i - 2] : S);
      m.emit2(T['w+1='], nw);
      m.emit2(T['w+2='], i + 2 < n ? nA[i + 2] : E);
      m.emit2(T['sh-1='], i > 0 ? shA[i - 1] : S);
      m.emit2(T['sh+1='], i + 1 < n ? shA[i + 1] : E);
      m.emit3(T['ww-1='], pw, 32, na);
      m.emit3(T['ww+1='], na, 32, nw);
      const pp1 = i + 1 < n ? pA[i + 1] : E;
      m.emit2(T['pos='], pA[i]);
      m.emit2(T['pos-1='], i > 0 ? pA[i - 1] : S);
      m.emit2(T['pos+1='], pp1);
      m.emit3(T['pp='], pA[i], 32, pp1);
      if (capsLine) {
        m.emit1(T['caps']);
        m.emit2(T['caps-w='], na);
      }
      if (i === 0) {
        m.emit1(T['first']);
        m.emit2(T['first-sh='], shA[i]);
      }
      const title = isTitle(w);
      if (title && i > 0) m.emit1(T['midcap']);
      for (const g of gA[i]) {
        m.emit2(T['g='], g);
        m.emit3(T['gsh='], g, 32, ssA);
      }
      if (i > 0) for (const g of gA[i - 1]) m.emit2(T['g-1='], g);
      if (i + 1 < n) for (const g of gA[i + 1]) m.emit2(T['g+1='], g);
      // dynamic features
      m.emit2(T['t-1='], p1);
      m.emit2(T['t-2='], p2);
      m.emit3(T['t-1t-2='], p1, 32, p2);
      m.emit3(T['t-1w='], p1, 32, at.get(lw));
      if (title || /\d/.test(w)) {
        const h = historyType(history, lw);
        if (h !== undefined) m.emit2(T['hist='], at.get(h));
      }
      const g = m.best(this.allowedAfter[prevId]);
      out[i] = m.classes[g];
      p2 = p1;
      p1 = this.classAtom[g];
      prevId = g;
    }
    recordHistory(words, out, history);
    return out;
  }
}

/** Serialized {@link EntityRecognizer}. */
export interface NerData {
  kind: 'ner';
  version: 1;
  model: PerceptronData;
}

/** File name of the shipped recognizer in `data/models/` (compiled, see `compiled.ts`). */
export const NER_FILE = 'ner.bin';

/** The context's entity recognizer (`data/models/ner.bin`), loaded once per context. */
export function entityRecognizer(ctx: Context): EntityRecognizer {
  return ctx.resource('model:ner', (dir) => EntityRecognizer.load(path.join(dir, 'models', NER_FILE)));
}

/** What the recognizer's features read besides the words. Any may be absent (features then missing). */
export interface NerResources {
  tagger?: PosTagger;
  actors?: ActorDictionary;
  places?: Gazetteer;
}

/** Entity types the recognizer outputs. */
export const NER_TYPES = ['PER', 'LOC', 'ORG', 'NORP', 'MISC'] as const;

/** allowed[prev][next]: BILOU well-formedness (after B-X/I-X only I-X or L-X; elsewhere no I-/L-). */
function transitionTable(classes: readonly string[]): boolean[][] {
  return classes.map((p) =>
    classes.map((n) => {
      const pIn = /^[BI]-/.test(p);
      if (pIn) return /^[IL]-/.test(n) && n.slice(2) === p.slice(2);
      return !/^[IL]-/.test(n);
    }),
  );
}

/** Gazetteer match tags per token: "kind:B|I|L|U" for every dictionary phrase covering it. */
export function gazetteerTags(words: readonly string[], res: NerResources): string[][] {
  const out: string[][] = words.map(() => []);
  const mark = (i: number, len: number, kind: string) => {
    for (let k = i; k < i + len && k < words.length; k++) out[k].push(kind + ':' + (len === 1 ? 'U' : k === i ? 'B' : k === i + len - 1 ? 'L' : 'I'));
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!/^[\p{Lu}\d]/u.test(w)) continue;
    if (res.actors) {
      const m = res.actors.matchAt(words, i);
      if (m) mark(i, m.length, 'a' + m.kind);
      else {
        const n = res.actors.isKnownName(words, i);
        if (n) mark(i, n, 'aname');
      }
      const c = res.actors.country(w);
      if (c) out[i].push('c:' + c.via);
      else if (w.endsWith('s') && res.actors.country(w.slice(0, -1))?.via === 'demonym') out[i].push('c:demonyms');
    }
    if (res.places) {
      const n = res.places.isPlaceName(words, i);
      if (n) mark(i, n, 'g');
    }
  }
  return out;
}

/**
 * Features of every token of a sentence that do not depend on predictions. `tags`: the sentence's
 * UPOS tags when already known (else `res.tagger` tags it; `?` for every token without a tagger).
 */
export function sentenceFeatures(words: readonly string[], res: NerResources, tags?: readonly string[]): string[][] {
  const n = words.length;
  const norm = words.map(normalizeWord);
  const pos = tags ?? (res.tagger ? res.tagger.tag(words) : words.map(() => '?'));
  const gaz = gazetteerTags(words, res);
  const shapes = words.map(wordShape);
  let letters = 0;
  let upper = 0;
  for (const w of words)
    for (const ch of w)
      if (ch.toLowerCase() !== ch.toUpperCase()) {
        letters++;
        if (ch === ch.toUpperCase()) upper++;
      }
  const capsLine = letters > 0 && upper / letters > 0.9;
  const at = <T>(a: readonly T[], k: number, pad: T): T => (k < 0 || k >= n ? pad : a[k]);
  return words.map((w, i) => {
    const lw = w.toLowerCase();
    const f: string[] = ['b', 'w=' + norm[i], 'W=' + w, 'sh=' + shapes[i], 'ss=' + shortShape(w)];
    for (let k = 1; k <= 4 && k <= lw.length; k++) f.push(`s${k}=` + lw.slice(-k), `p${k}=` + lw.slice(0, k));
    f.push('w-1=' + at(norm, i - 1, '<S>'), 'w-2=' + at(norm, i - 2, '<S>'), 'w+1=' + at(norm, i + 1, '</S>'), 'w+2=' + at(norm, i + 2, '</S>'));
    f.push('sh-1=' + at(shapes, i - 1, '<S>'), 'sh+1=' + at(shapes, i + 1, '</S>'));
    f.push('ww-1=' + at(norm, i - 1, '<S>') + ' ' + norm[i], 'ww+1=' + norm[i] + ' ' + at(norm, i + 1, '</S>'));
    f.push('pos=' + pos[i], 'pos-1=' + at(pos, i - 1, '<S>'), 'pos+1=' + at(pos, i + 1, '</S>'), 'pp=' + pos[i] + ' ' + at(pos, i + 1, '</S>'));
    if (capsLine) f.push('caps', 'caps-w=' + norm[i]);
    if (i === 0) f.push('first', 'first-sh=' + shapes[i]);
    if (isTitle(w) && i > 0) f.push('midcap');
    for (const g of gaz[i]) f.push('g=' + g, 'gsh=' + g + ' ' + shortShape(w));
    for (const g of at(gaz, i - 1, [] as string[])) f.push('g-1=' + g);
    for (const g of at(gaz, i + 1, [] as string[])) f.push('g+1=' + g);
    return f;
  });
}

/** Features from earlier predictions: previous tags and the document's prediction history. */
function dynamicFeatures(words: readonly string[], i: number, p1: string, p2: string, history: Map<string, Map<string, number>>, out: string[]): void {
  out.push('t-1=' + p1, 't-2=' + p2, 't-1t-2=' + p1 + ' ' + p2, 't-1w=' + p1 + ' ' + words[i].toLowerCase());
  if (isTitle(words[i]) || /\d/.test(words[i])) {
    const h = historyType(history, words[i].toLowerCase());
    if (h !== undefined) out.push('hist=' + h);
  }
}

/** A gold sentence for training: tokens, phrases, document index. */
export interface NerTrainSentence {
  words: string[];
  chunks: Chunk[];
  doc: number;
}

/** Options of {@link trainRecognizer}. */
export interface TrainNerOptions {
  iterations?: number;
  seed?: number;
  /** Drop features seen fewer than this many times in the static features (default 1 = keep all). */
  minCount?: number;
  onIteration?: (iter: number, tokenAccuracy: number) => void;
}

/**
 * Train on gold sentences (documents kept whole and in order; documents shuffled each iteration).
 * Classes: BILOU tags of the types found in the data, plus O.
 */
export function trainRecognizer(sents: readonly NerTrainSentence[], res: NerResources, opts: TrainNerOptions = {}): EntityRecognizer {
  const types = new Set<string>();
  for (const s of sents) for (const c of s.chunks) types.add(c.type);
  const classes = ['O'];
  for (const t of [...types].sort()) classes.push('B-' + t, 'I-' + t, 'L-' + t, 'U-' + t);
  const cls = new Map(classes.map((c, i) => [c, i]));
  const model = new Perceptron(classes, true);
  const rec = new EntityRecognizer(model);
  const data = sents.map((s) => ({ s, stat: sentenceFeatures(s.words, res), gold: tagsOf(s.chunks, s.words.length, 'BILOU').map((t) => cls.get(t)!) }));
  if ((opts.minCount ?? 1) > 1) {
    const counts = new Map<string, number>();
    for (const d of data) for (const f of d.stat) for (const x of f) counts.set(x, (counts.get(x) ?? 0) + 1);
    for (const d of data) d.stat = d.stat.map((f) => f.filter((x) => counts.get(x)! >= opts.minCount!));
  }
  const docs = new Map<number, number[]>();
  data.forEach((d, i) => {
    const a = docs.get(d.s.doc) ?? [];
    a.push(i);
    docs.set(d.s.doc, a);
  });
  const order = [...docs.keys()];
  for (let it = 0; it < (opts.iterations ?? 10); it++) {
    shuffle(order, (opts.seed ?? 7) + it);
    let right = 0;
    let total = 0;
    for (const doc of order) {
      const history = new Map<string, Map<string, number>>();
      for (const k of docs.get(doc)!) {
        const d = data[k];
        const out = rec.decode(d.s.words, d.stat, history, { gold: d.gold });
        out.forEach((t, i) => {
          total++;
          if (cls.get(t) === d.gold[i]) right++;
        });
      }
    }
    opts.onIteration?.(it + 1, right / Math.max(1, total));
  }
  model.average();
  return rec;
}

/**
 * Split CoNLL MISC phrases into NORP (a nationality or demonym: the actor dictionary's country
 * lookup answers `via: 'demonym'`, also for a plural "Germans") and MISC (the rest).
 */
export function splitNorp(words: readonly string[], chunks: readonly Chunk[], actors: ActorDictionary): Chunk[] {
  return chunks.map((c) => {
    if (c.type !== 'MISC') return c;
    const text = words.slice(c.start, c.end).join(' ');
    return isDemonym(text, actors) ? { ...c, type: 'NORP' } : c;
  });
}

/** True when `text` is a demonym (or its plural) in the actor dictionary ("Russian", "Tajiks", "Central Asian"). */
export function isDemonym(text: string, actors: ActorDictionary): boolean {
  const c = actors.country(text);
  if (c) return c.via === 'demonym';
  if (text.endsWith('s')) return actors.country(text.slice(0, -1))?.via === 'demonym';
  return false;
}
