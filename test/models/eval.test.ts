import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { repoRoot, sharedDir, hasShared } from '../helpers/shared.js';
import { createContext } from '../../src/context.js';
import { PosTagger, TAGGER_FILE } from '../../src/nlp/models/tagger.js';
import { EntityRecognizer, NER_FILE } from '../../src/nlp/models/ner.js';
import { parseConll, parseConllu, readText } from '../../src/nlp/models/io.js';
import { tagConll, goldTags, TYPE_MAPS } from '../../src/nlp/models/conll-ner.js';
import { recognizeWithModel, nerResources } from '../../src/nlp/models/recognize.js';
import { conlleval } from '../../src/eval/ner.js';
import { DependencyParser, PARSER_FILE } from '../../src/nlp/models/parser.js';
import { scoreParse } from '../../src/eval/parse.js';
import { segment, wink } from '../../src/nlp/segment.js';

const models = path.join(repoRoot, 'data', 'models');

describe.skipIf(!hasShared)('trained models on the dev sets (floors)', () => {
  it('tagger: UPOS on UD English EWT dev ≥ 95.4%', () => {
    const tagger = PosTagger.load(path.join(models, TAGGER_FILE));
    const dev = parseConllu(readText(path.join(sharedDir, 'gold', 'parse', 'ud-english', 'en_ewt-ud-dev.conllu.gz')));
    let right = 0;
    let n = 0;
    for (const s of dev) {
      const tags = tagger.tag(s.words.map((w) => w.form));
      s.words.forEach((w, i) => {
        n++;
        if (tags[i] === w.upos) right++;
      });
    }
    expect(n).toBe(25147);
    expect((100 * right) / n).toBeGreaterThanOrEqual(95.4);
  });

  it('NER: conlleval F1 on CoNLL-2003 eng.testa ≥ 88.5 (NORP scored as MISC)', () => {
    const ctx = createContext();
    const rec = EntityRecognizer.load(path.join(models, NER_FILE));
    const dev = parseConll(readText(path.join(sharedDir, 'gold', 'ner', 'conll2003', 'eng.testa')));
    const pred = tagConll(dev, rec, nerResources(ctx), { map: TYPE_MAPS.conll.predicted });
    const r = conlleval(goldTags(dev), pred);
    expect(r.overall.gold).toBe(5942);
    expect(r.overall.f1).toBeGreaterThanOrEqual(88.5);
    expect(r.byType.PER.f1).toBeGreaterThanOrEqual(91);
    expect(r.byType.LOC.f1).toBeGreaterThanOrEqual(93);
  }, 120_000);
});

describe.skipIf(!hasShared)('parser on EWT dev (floor)', () => {
  it('UAS ≥ 83.5 and LAS ≥ 80.5 with predicted tags (CoNLL 2018 definitions)', () => {
    const tagger = PosTagger.load(path.join(models, TAGGER_FILE));
    const parser = DependencyParser.load(path.join(models, PARSER_FILE));
    const dev = parseConllu(readText(path.join(sharedDir, 'gold', 'parse', 'ud-english', 'en_ewt-ud-dev.conllu.gz')));
    const pred = dev.map((s) => {
      const words = s.words.map((w) => w.form);
      const tags = tagger.tag(words);
      const { heads, labels } = parser.parse(words, tags);
      return { ...s, words: s.words.map((w, i) => ({ ...w, upos: tags[i], head: heads[i], deprel: labels[i] })) };
    });
    const r = scoreParse(dev, pred);
    expect(r.uas).toBeGreaterThanOrEqual(83.5);
    expect(r.las).toBeGreaterThanOrEqual(80.5);
  }, 180_000);
});

describe('recognizeWithModel on a Doc', () => {
  it('finds typed mentions with exact offsets on wink tokens', () => {
    const ctx = createContext();
    const text = 'Russian President Vladimir Putin met Tajik leader Emomali Rahmon in Dushanbe on Tuesday.\n\nThe Collective Security Treaty Organization said it would send troops to Kazakhstan.';
    const { sentences, tokens } = segment(wink(ctx), text);
    const ms = recognizeWithModel({ text, sentences, tokens }, ctx);
    for (const m of ms) expect(text.slice(m.start, m.end)).toBe(m.text);
    const got = ms.map((m) => `${m.type}:${m.text}`);
    // known weakness (see report): the title run "Russian President Vladimir Putin" is cut wrongly
    expect(got.some((g) => g.startsWith('PER:') && g.includes('Vladimir'))).toBe(true);
    expect(got).toContain('PER:Emomali Rahmon');
    expect(got).toContain('NORP:Tajik');
    expect(got).toContain('LOC:Dushanbe');
    expect(got).toContain('LOC:Kazakhstan');
    expect(got.some((g) => g.startsWith('ORG:') && g.includes('Collective Security Treaty Organization'))).toBe(true);
  });
});
