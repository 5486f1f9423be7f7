import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { readGumCoref, readGumGenres, newTally, addCorefDoc, scoreTally, evaluateCoref, corefStages } from '../../src/eval/coref.js';
import { readText } from '../../src/nlp/models/io.js';
import { createContext } from '../../src/context.js';
import { hasShared, sharedDir } from '../helpers/shared.js';

// Two sentences written for this test, in GUM's CorefUD notation (columns: ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC).
const row = (id: string, form: string, upos: string, misc = '_') => [id, form, '_', upos, '_', '_', '0', 'dep', '_', misc].join('\t');
const CONLLU = [
  '# newdoc id = GUM_news_fixture',
  '# newpar',
  '# text = Anna Berg visited Oslo.',
  row('1', 'Anna', 'PROPN', 'Entity=(1-person-new-sssss-cf1-1,2-coref'),
  row('2', 'Berg', 'PROPN', 'Entity=1)'),
  row('3', 'visited', 'VERB'),
  row('4', 'Oslo', 'PROPN', 'Entity=(2-place-new-sssss-cf1-1-sgl)|SpaceAfter=No'),
  row('5', '.', 'PUNCT'),
  '',
  '# newpar',
  "# text = She liked Berg's city.",
  row('1', 'She', 'PRON', 'Entity=(1-person-giv-sssss-cf1-1-coref)'),
  row('2', 'liked', 'VERB'),
  ["3-4", "Berg's", '_', '_', '_', '_', '_', '_', '_', '_'].join('\t'),
  row('3', 'Berg', 'PROPN', 'Entity=(2-place-giv-sssss-cf1-2-coref(1-person-giv-sssss-cf1-1-coref)'),
  row('4', "'s", 'PART'),
  row('5', 'city', 'NOUN', 'Entity=2)|SpaceAfter=No'),
  row('6', '.', 'PUNCT'),
  '',
].join('\n');

describe('GUM coreference reader', () => {
  it('rebuilds the text with paragraph breaks and reads nested mentions and multiword tokens', () => {
    const [doc] = readGumCoref(CONLLU);
    expect(doc.id).toBe('GUM_news_fixture');
    expect(doc.genre).toBe('news');
    expect(doc.text).toBe("Anna Berg visited Oslo.\n\nShe liked Berg's city.");
    const spans = doc.mentions.map((m) => `${m.cluster}:${doc.text.slice(m.start, m.end)}${m.proper ? '*' : ''}${m.pronoun ? '!' : ''}`);
    expect(spans).toEqual(['1:Anna Berg*', '2:Oslo*', '1:She!', '1:Berg*', "2:Berg's city"]);
  });

  it('reads genres from the documents table', () => {
    expect(readGumGenres('split\tdoc_id\tgenre\ntrain\tGUM_bio_x\tbio\n').get('GUM_bio_x')).toBe('bio');
  });
});

describe('coreference scorer', () => {
  const [gold] = readGumCoref(CONLLU);
  const span = (needle: string, from = 0) => {
    const start = gold.text.indexOf(needle, from);
    return { start, end: start + needle.length };
  };
  it('counts a pronoun right when its entity has a name in the gold cluster; B-cubed and MUC over names', () => {
    const t = newTally();
    addCorefDoc(t, gold, {
      names: [{ ...span('Anna Berg'), entity: 'e1' }, { ...span('Oslo'), entity: 'e2' }, { ...span('Berg', 20), entity: 'e1' }],
      pronouns: [{ ...span('She'), entity: 'e1' }],
    });
    const s = scoreTally(t);
    expect(s.pronouns).toMatchObject({ eligible: 1, linked: 1, correct: 1, accuracy: 100, precision: 100 });
    expect(s.names.aligned).toBe(3);
    expect(s.names.b3.f1).toBeCloseTo(100);
    expect(s.names.muc.f1).toBeCloseTo(100);
  });
  it('counts an unlinked pronoun against recall and a wrong cluster against precision', () => {
    const t = newTally();
    addCorefDoc(t, gold, { names: [{ ...span('Anna Berg'), entity: 'e1' }, { ...span('Oslo'), entity: 'e1' }, { ...span('Berg', 20), entity: 'e2' }], pronouns: [] });
    const s = scoreTally(t);
    expect(s.pronouns.accuracy).toBe(0);
    expect(s.names.b3.precision).toBeLessThan(100);
    expect(s.names.muc.recall).toBe(0);
  });
});

const gumDev = path.join(sharedDir, 'gold', 'parse', 'ud-english', 'en_gum-ud-dev.conllu.gz');

describe.skipIf(!hasShared || !fs.existsSync(gumDev))('GUM dev coreference (floors)', () => {
  const genres = () => readGumGenres(fs.readFileSync(path.join(path.dirname(gumDev), 'en_gum-ud-docs.tsv'), 'utf8'));
  it('all genres: pronoun resolution and name clustering above floors and above the baseline', async () => {
    const docs = readGumCoref(readText(gumDev), genres());
    const r = await evaluateCoref(docs, corefStages(), createContext(), 'dev', 'all');
    expect(r.system.docs).toBe(30);
    expect(r.system.pronouns.accuracy).toBeGreaterThanOrEqual(28); // measured 29.6 (baseline 21.9)
    expect(r.system.pronouns.precision).toBeGreaterThanOrEqual(42); // measured 44.0 (baseline 16.7)
    expect(r.system.pronouns.f1).toBeGreaterThan(r.baseline.pronouns.f1);
    expect(r.system.names.b3.f1).toBeGreaterThanOrEqual(90); // measured 91.1
    expect(r.system.names.muc.f1).toBeGreaterThanOrEqual(84); // measured 85.2
  }, 120_000);
  it('news: pronoun precision and name clustering above floors', async () => {
    const docs = readGumCoref(readText(gumDev), genres()).filter((d) => d.genre === 'news');
    const r = await evaluateCoref(docs, corefStages(), createContext(), 'dev', 'news');
    expect(r.system.docs).toBe(2);
    expect(r.system.pronouns.precision).toBeGreaterThanOrEqual(60); // measured 64.3 (baseline 24.1)
    expect(r.system.pronouns.f1).toBeGreaterThan(r.baseline.pronouns.f1);
    expect(r.system.names.b3.f1).toBeGreaterThanOrEqual(91); // measured 92.0
  }, 120_000);
});
