import { describe, it, expect } from 'vitest';
import { chunksOf, detectScheme, tagsOf } from '../../src/nlp/models/chunks.js';
import { conlleval } from '../../src/eval/ner.js';
import { Perceptron } from '../../src/nlp/models/perceptron.js';
import { parseConllu, formatConllu, parseConll } from '../../src/nlp/models/io.js';
import { wordShape, shortShape, normalizeWord } from '../../src/nlp/models/features.js';
import { trainTagger } from '../../src/nlp/models/tagger.js';
import { formatConllWithPredictions } from '../../src/nlp/models/conll-ner.js';

describe('conlleval chunk logic', () => {
  it('reads IOB1: I- starts a phrase, B- only between two phrases of one type', () => {
    expect(chunksOf(['I-PER', 'I-PER', 'B-PER', 'O', 'I-LOC'])).toEqual([
      { start: 0, end: 2, type: 'PER' },
      { start: 2, end: 3, type: 'PER' },
      { start: 4, end: 5, type: 'LOC' },
    ]);
  });
  it('reads IOB2 and a type change inside a run as a new phrase', () => {
    expect(chunksOf(['B-ORG', 'I-ORG', 'I-LOC', 'O', 'B-MISC'])).toEqual([
      { start: 0, end: 2, type: 'ORG' },
      { start: 2, end: 3, type: 'LOC' },
      { start: 4, end: 5, type: 'MISC' },
    ]);
  });
  it('reads BILOU', () => {
    expect(chunksOf(['U-PER', 'B-LOC', 'L-LOC', 'U-LOC'])).toEqual([
      { start: 0, end: 1, type: 'PER' },
      { start: 1, end: 3, type: 'LOC' },
      { start: 3, end: 4, type: 'LOC' },
    ]);
  });
  it('detects schemes and writes them back', () => {
    expect(detectScheme([['I-PER', 'O']])).toBe('IOB1');
    expect(detectScheme([['B-PER', 'I-PER', 'O']])).toBe('IOB2');
    expect(detectScheme([['U-PER']])).toBe('BILOU');
    const ch = [
      { start: 0, end: 2, type: 'PER' },
      { start: 2, end: 3, type: 'PER' },
    ];
    expect(tagsOf(ch, 4, 'IOB1')).toEqual(['I-PER', 'I-PER', 'B-PER', 'O']);
    expect(tagsOf(ch, 4, 'IOB2')).toEqual(['B-PER', 'I-PER', 'B-PER', 'O']);
    expect(tagsOf(ch, 4, 'BILOU')).toEqual(['B-PER', 'L-PER', 'U-PER', 'O']);
    for (const s of ['IOB1', 'IOB2', 'BILOU'] as const) expect(chunksOf(tagsOf(ch, 4, s))).toEqual(ch);
  });
  it('scores phrases exactly as conlleval: boundary errors count as both a false positive and a miss', () => {
    const gold = [['B-PER', 'I-PER', 'O', 'B-LOC'], ['B-ORG']];
    const pred = [['B-PER', 'O', 'O', 'B-LOC'], ['B-MISC']];
    const r = conlleval(gold, pred);
    expect(r.overall.correct).toBe(1);
    expect(r.overall.found).toBe(3);
    expect(r.overall.gold).toBe(3);
    expect(r.overall.f1).toBeCloseTo(33.33, 2);
    expect(r.byType.LOC.f1).toBe(100);
    expect(r.byType.PER.correct).toBe(0);
    expect(r.accuracy).toBeCloseTo(60, 5);
  });
});

describe('averaged perceptron', () => {
  it('learns a separable problem and survives serialization', () => {
    const p = new Perceptron(['A', 'B'], true);
    const data: Array<[string[], number]> = [
      [['x', 'b'], 0],
      [['y', 'b'], 1],
      [['x', 'z', 'b'], 0],
      [['y', 'z', 'b'], 1],
    ];
    for (let it = 0; it < 5; it++)
      for (const [f, c] of data) {
        const g = p.predict(f);
        p.tick();
        p.update(c, g, f);
      }
    p.average();
    for (const [f, c] of data) expect(p.predict(f)).toBe(c);
    const q = Perceptron.fromData(JSON.parse(JSON.stringify(p.toData())));
    for (const [f, c] of data) expect(q.predict(f)).toBe(c);
    expect(() => q.update(0, 1, ['x'])).toThrow();
  });
});

describe('formats and features', () => {
  it('parses and writes CoNLL-U with multiword tokens', () => {
    const text = '# text = I won\'t\n1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2-3\twon\'t\t_\t_\t_\t_\t_\t_\t_\t_\n2\two\twill\tAUX\tMD\t_\t0\troot\t_\t_\n3\tn\'t\tnot\tPART\tRB\t_\t2\tadvmod\t_\t_\n';
    const s = parseConllu(text);
    expect(s).toHaveLength(1);
    expect(s[0].words.map((w) => w.head)).toEqual([2, 0, 2]);
    expect(formatConllu(s)).toBe(text);
    expect(() => parseConllu('1\tx\n')).toThrow(/columns/);
  });
  it('parses CoNLL-2003 style files and writes predictions back', () => {
    const f = parseConll('-DOCSTART- -X- O O\n\nJohn NNP I-NP I-PER\nruns VBZ I-VP O\n\n-DOCSTART- -X- O O\n\nParis NNP I-NP I-LOC\n');
    expect(f.sentences.map((s) => s.doc)).toEqual([0, 1]);
    const out = formatConllWithPredictions(f, [['I-PER', 'O'], ['I-LOC']]);
    expect(out.split('\n')[0]).toBe('-DOCSTART- -X- O O O');
    expect(out).toContain('John NNP I-NP I-PER I-PER');
  });
  it('computes shapes and normal forms', () => {
    expect(wordShape("McDonald's")).toBe("XxXxx'x");
    expect(wordShape('1996-08-30')).toBe('dd-dd-dd');
    expect(shortShape('Iskander-M')).toBe('Xx-X');
    expect(normalizeWord('1996')).toBe('!YEAR');
    expect(normalizeWord('7,000')).toBe('!DIGITS');
    expect(normalizeWord('House')).toBe('house');
  });
});

describe('tagger training', () => {
  it('learns tags from a small fixture and generalizes by suffix and context', () => {
    const sents = [
      { words: ['the', 'dog', 'runs'], tags: ['DET', 'NOUN', 'VERB'] },
      { words: ['a', 'cat', 'sleeps'], tags: ['DET', 'NOUN', 'VERB'] },
      { words: ['the', 'bird', 'sings'], tags: ['DET', 'NOUN', 'VERB'] },
      { words: ['dogs', 'run', 'quickly'], tags: ['NOUN', 'VERB', 'ADV'] },
    ];
    const t = trainTagger(sents, { iterations: 10 });
    expect(t.tag(['the', 'cow', 'eats'])).toEqual(['DET', 'NOUN', 'VERB']);
  });
});
