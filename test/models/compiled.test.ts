import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { hasShared, sharedDir } from '../helpers/shared.js';
import { Atoms, CompiledModel, hashString, readCompiled, writeCompiled } from '../../src/nlp/models/compiled.js';
import { Perceptron } from '../../src/nlp/models/perceptron.js';
import { PosTagger, trainTagger } from '../../src/nlp/models/tagger.js';
import { DependencyParser, trainParser } from '../../src/nlp/models/parser.js';
import { EntityRecognizer, trainRecognizer, type NerResources } from '../../src/nlp/models/ner.js';
import { parseConll, parseConllu, readText } from '../../src/nlp/models/io.js';
import { chunksOf } from '../../src/nlp/models/chunks.js';
import { createContext } from '../../src/context.js';
import { actorDictionary } from '../../src/link/actor-dictionary.js';
import { gazetteer } from '../../src/geo/gazetteer.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-models-'));

describe('feature hashing', () => {
  it('builds the hash of a concatenation from the hashes of its parts', () => {
    const parts = ['s0wp,b0w=', 'Zürich', '/', 'PROPN', ' ', '😀x', ''];
    // a model holding exactly the whole feature (weight 0.25 for class B)
    const whole = parts.join('');
    const [h1, h2] = hashString(whole);
    const model = new CompiledModel(['A', 'B'], 1000, Int32Array.from([h1, h2]), Uint32Array.from([0, 1]), Uint8Array.from([1]), Int32Array.from([250]));
    const pa = parts.map((p) => model.atoms.add(p));
    model.clear();
    model.begin(pa[0]);
    for (const a of pa.slice(1)) model.add(a);
    model.emit();
    expect([...model.scores]).toEqual([0, Math.fround(0.25)]);
    // one code unit at a time gives the same hash
    model.clear();
    model.begin(pa[0]);
    for (const ch of parts.slice(1).join('')) for (let k = 0; k < ch.length; k++) model.ch(ch.charCodeAt(k));
    model.emit();
    expect(model.scores[1]).toBe(Math.fround(0.25));
    // a different string is not found
    model.clear();
    model.emitString(whole + ' ');
    expect([...model.scores]).toEqual([0, 0]);
  });

  it('interns permanent atoms and drops per-sentence ones on reset', () => {
    const at = new Atoms();
    const a = at.intern('NOUN');
    expect(at.intern('NOUN')).toBe(a);
    const b = at.get('house');
    expect(at.get('NOUN')).toBe(a);
    at.reset();
    expect(at.get('house')).toBe(b); // the slot is reused
    expect(() => at.intern('VERB')).toThrow(/after per-sentence/);
  });
});

describe('compiled perceptron', () => {
  it('scores exactly like the perceptron it was compiled from, and survives a file round trip', () => {
    const p = new Perceptron(['A', 'B', 'C'], true);
    let s = 7;
    const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
    const feats = Array.from({ length: 300 }, (_, i) => `f${i % 40}=${Math.floor(rnd() * 25)}`);
    for (let it = 0; it < 2000; it++) {
      const f = [feats[Math.floor(rnd() * 300)], feats[Math.floor(rnd() * 300)], 'b'];
      const g = p.predict(f);
      p.tick();
      p.update(Math.floor(rnd() * 3), g, f);
    }
    p.average();
    const d = p.toData(0.0001);
    const ref = Perceptron.fromData(d);
    const c = CompiledModel.fromData(d);
    expect(c.size).toBe(d.feats.length);
    expect(c.exactFeatures).toBeGreaterThan(1000);
    const dir = tmp();
    writeCompiled(path.join(dir, 'm.bin'), c, { kind: 'test' });
    const { model: c2, meta } = readCompiled<{ kind: string }>(path.join(dir, 'm.bin'));
    expect(meta.kind).toBe('test');
    for (let k = 0; k < 200; k++) {
      const f = [feats[Math.floor(rnd() * 300)], 'unknown' + k, feats[Math.floor(rnd() * 300)], 'b'];
      const want = new Float64Array(3);
      ref.scoreInto(f, want);
      for (const m of [c, c2]) {
        m.clear();
        for (const x of f) m.emitString(x);
        expect([...m.scores]).toEqual([...want]);
        expect(m.best()).toBe(ref.predict(f));
      }
    }
    fs.writeFileSync(path.join(dir, 'bad.bin'), 'not a model');
    expect(() => readCompiled(path.join(dir, 'bad.bin'))).toThrow(/not a compiled/);
    expect(() => readCompiled(path.join(dir, 'missing.bin'))).toThrow(/not found/);
  });

  it('refuses two features with the same 64-bit hash', () => {
    const [h1, h2] = hashString('x');
    expect(() => new CompiledModel(['A'], 1000, Int32Array.from([h1, h2, h1, h2]), Uint32Array.from([0, 1, 2]), Uint8Array.from([0, 0]), Int32Array.from([1, 2]))).toThrow(/share the hash/);
  });

  it('tags a fixture identically with string features and compiled features (tagger)', () => {
    const sents = [
      { words: ['the', 'dog', 'runs', 'home'], tags: ['DET', 'NOUN', 'VERB', 'ADV'] },
      { words: ['a', 'cat', 'sleeps', '.'], tags: ['DET', 'NOUN', 'VERB', 'PUNCT'] },
      { words: ['Zürich-based', 'firms', 'hired', '1,200', 'people', 'in', '1999'], tags: ['ADJ', 'NOUN', 'VERB', 'NUM', 'NOUN', 'ADP', 'NUM'] },
    ];
    const t = trainTagger(sents, { iterations: 5 });
    const d = t.toData(0);
    const slow = PosTagger.fromData(d, false);
    const fast = PosTagger.fromData(d);
    for (const w of [['the', 'cow', 'eats', 'grass'], ['a', 'Zürich-based', 'dog', 'hired', '1,200', 'cats', '.'], ['X'], []]) expect(fast.tag(w)).toEqual(slow.tag(w));
    const dir = tmp();
    fast.save(path.join(dir, 't.bin'));
    expect(PosTagger.load(path.join(dir, 't.bin')).tag(['the', 'dog'])).toEqual(slow.tag(['the', 'dog']));
  });

  it('two-pass tagger with word clusters: compiled = string features, and the .bin round trip', () => {
    const sents = [
      { words: ['the', 'dog', 'runs', 'home'], tags: ['DET', 'NOUN', 'VERB', 'ADV'] },
      { words: ['a', 'cat', 'sleeps', '.'], tags: ['DET', 'NOUN', 'VERB', 'PUNCT'] },
      { words: ['Zürich-based', 'firms', 'hired', '1,200', 'people', 'in', '1999'], tags: ['ADJ', 'NOUN', 'VERB', 'NUM', 'NOUN', 'ADP', 'NUM'] },
      { words: ['dogs', 'run', 'home', 'in', 'May'], tags: ['NOUN', 'VERB', 'ADV', 'ADP', 'PROPN'] },
    ];
    const clusters = new Map([
      ['dog', ['1', '10']],
      ['cat', ['1', '10']],
      ['cow', ['1', '11']],
      ['runs', ['2', '20']],
      ['eats', ['2', '21']],
      ['!DIGITS', ['3', '30']],
    ]);
    const t = trainTagger(sents, { iterations: 5, twoPass: true, folds: 2, clusters });
    expect(t.twoPass).toBe(true);
    const d = t.toData(0);
    const slow = PosTagger.fromData(d, false);
    const fast = PosTagger.fromData(d);
    const tests = [['the', 'cow', 'eats', 'grass'], ['a', 'Zürich-based', 'dog', 'hired', '1,200', 'cats', '.'], ['X'], [], ['cats', 'run', 'home']];
    for (const w of tests) expect(fast.tag(w)).toEqual(slow.tag(w));
    const dir = tmp();
    fast.save(path.join(dir, 't2.bin'));
    const loaded = PosTagger.load(path.join(dir, 't2.bin'));
    expect(loaded.twoPass).toBe(true);
    expect(loaded.clusters.get('cow')).toEqual(['1', '11']);
    for (const w of tests) expect(loaded.tag(w)).toEqual(slow.tag(w));
  });
});

const ud = (split: string) => parseConllu(readText(path.join(sharedDir, 'gold', 'parse', 'ud-english', `en_ewt-ud-${split}.conllu.gz`)));

describe.skipIf(!hasShared)('compiled models give the same predictions as string features (small models trained here)', () => {
  it('tagger and parser on 400 EWT dev sentences', () => {
    const train = ud('train').slice(0, 400);
    const dev = ud('dev').slice(0, 400);
    const t = trainTagger(
      train.map((s) => ({ words: s.words.map((w) => w.form), tags: s.words.map((w) => w.upos) })),
      { iterations: 2 },
    );
    const td = t.toData();
    const slowT = PosTagger.fromData(td, false);
    const fastT = PosTagger.fromData(td);
    const p = trainParser(
      train.map((s) => ({ words: s.words.map((w) => w.form), tags: s.words.map((w) => w.upos), heads: s.words.map((w) => w.head), labels: s.words.map((w) => w.deprel) })),
      { iterations: 1 },
    );
    const pd = p.toData();
    const slowP = DependencyParser.fromData(pd, false);
    const fastP = DependencyParser.fromData(pd);
    let n = 0;
    for (const s of dev) {
      const words = s.words.map((w) => w.form);
      const tags = fastT.tag(words);
      expect(tags).toEqual(slowT.tag(words));
      expect(fastP.parse(words, tags)).toEqual(slowP.parse(words, tags));
      n += words.length;
    }
    expect(n).toBeGreaterThan(5000);
  }, 120_000);

  it('entity recognizer on 300 eng.testa sentences', () => {
    const ctx = createContext();
    const res: NerResources = { actors: actorDictionary(ctx), places: gazetteer(ctx) };
    const conll = (f: string) => parseConll(readText(path.join(sharedDir, 'gold', 'ner', 'conll2003', f)));
    const train = conll('eng.train').sentences.slice(0, 400).map((s) => ({ words: s.rows.map((r) => r[0]), chunks: chunksOf(s.rows.map((r) => r[r.length - 1])), doc: s.doc }));
    const rec = trainRecognizer(train, res, { iterations: 2 });
    const d = rec.toData();
    const slow = EntityRecognizer.fromData(d, false);
    const fast = EntityRecognizer.fromData(d);
    const dev = conll('eng.testa').sentences.slice(0, 300).map((s) => s.rows.map((r) => r[0]));
    expect(fast.tagDocument(dev, res)).toEqual(slow.tagDocument(dev, res));
  }, 120_000);
});
