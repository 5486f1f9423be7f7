import { describe, expect, test } from 'vitest';
import { createContext } from '../../src/context.js';
import { createDoc } from '../../src/doc/types.js';
import { timeStage } from '../../src/time/stage.js';
import { segmentText } from './helpers.js';

function docOf(text: string, meta: Parameters<typeof createDoc>[1] = {}) {
  const doc = createDoc(text, meta);
  doc.text = text;
  const { sentences, tokens } = segmentText(text);
  doc.sentences = sentences;
  doc.tokens = tokens;
  return doc;
}

describe('timeStage', () => {
  test('declares its layers', () => {
    expect(timeStage.name).toBe('time');
    expect(timeStage.requires).toEqual(['sentences', 'tokens']);
    expect(timeStage.provides).toEqual(['timexes']);
  });

  test('anchors on meta.published', async () => {
    const doc = docOf('The ministers met on Friday and will meet again on July 4.', { published: '2022-06-28T10:00:00Z', publishedSource: 'metadata' });
    await timeStage.run(doc, createContext());
    expect(doc.timexes.map((t) => [t.text, t.value])).toEqual([['Friday', '2022-06-24'], ['July 4', '2022-07-04']]);
    expect(doc.messages).toEqual([]);
  });

  test('without a date: W_NO_ANCHOR and X parts', async () => {
    const doc = docOf('The ministers met on June 28.');
    await timeStage.run(doc, createContext());
    expect(doc.timexes.map((t) => t.value)).toEqual(['XXXX-06-28']);
    expect(doc.messages.map((m) => [m.code, m.stage])).toEqual([['W_NO_ANCHOR', 'time']]);
  });

  test('a day-first locale reads slash dates day/month', async () => {
    const doc = docOf('The order was dated 3/4/2021.', { published: '2022-06-28', language: 'en-GB' });
    await timeStage.run(doc, createContext());
    expect(doc.timexes[0].value).toBe('2021-04-03');
  });
});
