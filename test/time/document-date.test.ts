import { describe, expect, test } from 'vitest';
import { inferDocumentDate } from '../../src/time/document-date.js';
import { createAnalyzer } from '../../src/pipeline.js';
import { createDoc } from '../../src/doc/types.js';
import { createContext } from '../../src/context.js';
import { timeStage } from '../../src/time/stage.js';
import { segmentText } from './helpers.js';

describe('inferDocumentDate: the latest date the story reports', () => {
  test('takes the latest fully stated date', () => {
    const r = inferDocumentDate('The treaty was signed on March 3, 2021. Talks resumed on June 28, 2022, officials said.');
    expect(r?.date).toBe('2022-06-28');
    expect(r?.evidence).toContain('June 28, 2022');
  });
  test('skips dates in a future clause and dates after the crawl time', () => {
    const text = 'Clashes broke out on 2 May 2023. The vote will take place on 4 July 2023.';
    expect(inferDocumentDate(text)?.date).toBe('2023-05-02');
    expect(inferDocumentDate('It happened on 2 May 2023 and on 9 May 2024.', { notAfter: '2023-12-31' })?.date).toBe('2023-05-02');
  });
  test('null when no full date is printed', () => {
    expect(inferDocumentDate('Fighting continued on Tuesday, officials said.')).toBeNull();
  });
  test('"the end of the month" is no evidence (it was read as the placeholder 2000-01-31)', () => {
    const text = 'Shares rose 3% on March 2, 1987. The offer lapses at the end of the month and on the last day of the month.';
    expect(inferDocumentDate(text)?.date).toBe('1987-03-02');
    expect(inferDocumentDate(text, segmentText(text))?.date).toBe('1987-03-02');
  });
  test('with sentences and tokens: the same dates as a search of the whole text', () => {
    const text = [
      'The ministry said on Monday that 3,000 troops had left.',
      'Talks began on 4/5/2021 in Vienna.',
      'The accord, signed June 28, 2022, runs for 10 years.',
      'A new round is expected on 1 July 2022.',
      'No date was given for the vote.',
    ].join(' ');
    for (const dayFirst of [false, true]) {
      expect(inferDocumentDate(text, { ...segmentText(text), dayFirst })).toEqual(inferDocumentDate(text, { dayFirst }));
    }
    expect(inferDocumentDate(text, segmentText(text))?.date).toBe('2022-06-28');
  });
});

describe('time stage refiner: publication date inferred when unknown', () => {
  test('sets published, source inferred, W_DATE_INFERRED and re-anchors the timexes', () => {
    const text = 'Rebels seized the town on June 27, 2022. Government troops arrived yesterday, officials said.';
    const doc = createDoc(text, { input: 'x.txt' });
    doc.text = text;
    Object.assign(doc, segmentText(text));
    expect(doc.meta.publishedSource).toBe('unknown');
    timeStage.run(doc, createContext({}));
    expect(doc.meta.published).toBe('2022-06-27');
    expect(doc.meta.publishedSource).toBe('inferred');
    expect(doc.messages.some((m) => m.code === 'W_DATE_INFERRED')).toBe(true);
    expect(doc.timexes.find((t) => t.text === 'yesterday')?.value).toBe('2022-06-26');
  });
  test('a given date wins', async () => {
    const a = createAnalyzer({ date: '2022-07-01' });
    const doc = await a.analyze('Rebels seized the town on June 27, 2022. Troops arrived yesterday.', { input: 'x.txt' });
    expect(doc.meta.publishedSource).not.toBe('inferred');
    expect(doc.timexes.find((t) => t.text === 'yesterday')?.value).toBe('2022-06-30');
  });
});
