import { describe, expect, it } from 'vitest';
import { segmented } from './helpers.js';
import { addTimexDuration, checkDocument, checksStage, parseTimexDate } from '../../src/checks/stage.js';
import type { Doc, Event, TimexType } from '../../src/doc/types.js';

/** Mark the first occurrence of `surface` (after `from`) as a timex with TIMEX3 type and value. */
function timex(doc: Doc, surface: string, type: TimexType, value: string, from = 0): void {
  const start = doc.text.indexOf(surface, from);
  if (start < 0) throw new Error(`no "${surface}"`);
  doc.timexes.push({ id: `t${doc.timexes.length}`, start, end: start + surface.length, text: surface, type, value });
  doc.timexes.sort((a, b) => a.start - b.start);
}

function event(doc: Doc, trigger: string, date: string, modality: Event['modality']): void {
  const start = doc.text.indexOf(trigger);
  const s = doc.sentences.find((x) => x.start <= start && x.end > start)!;
  doc.events.push({
    id: `ev${doc.events.length}`, cameo: '190', root: '19', quadClass: 4, goldstein: -10, plover: 'ASSAULT',
    source: { text: 'X', actor: '---' }, target: null, date, place: null, modality,
    sentence: { start: s.start, end: s.end }, trigger: { start, end: start + trigger.length, text: trigger },
  });
}

const TRIP =
  'Prime Minister Lena Holm began a two-day visit to Norway, where she met the king.\n\n' +
  'The king welcomed Holm in Oslo on March 14 and they held talks.\n\n' +
  'Holm will leave Norway for Denmark on April 15.';

describe('TIMEX3 helpers', () => {
  it('parses dates and durations', () => {
    expect(parseTimexDate('2022-06-28')?.precision).toBe('day');
    expect(parseTimexDate('2022-06')?.precision).toBe('month');
    expect(parseTimexDate('PAST_REF')).toBeNull();
    expect(parseTimexDate('2022-02-30')).toBeNull();
    const d = addTimexDuration(parseTimexDate('2022-06-28')!.date, 'P2W')!;
    expect(d.getMonth()).toBe(6);
    expect(d.getDate()).toBe(12);
    expect(addTimexDuration(new Date(), 'PAST_REF')).toBeNull();
  });
});

describe('date-conflict', () => {
  it('flags a trip end outside start + duration, suggesting the one-month slip', async () => {
    const doc = await segmented(TRIP, { published: '2023-03-14' });
    timex(doc, 'two-day', 'DURATION', 'P2D');
    timex(doc, 'March 14', 'DATE', '2023-03-14');
    timex(doc, 'April 15', 'DATE', '2023-04-15');
    const flags = checkDocument(doc).filter((f) => f.kind === 'date-conflict');
    expect(flags).toHaveLength(1);
    expect(flags[0].spans.map((s) => s.text)).toEqual(['two-day', 'March 14', 'April 15']);
    expect(flags[0].message).toContain('2023-03-15');
  });

  it('does not flag an end date inside the duration (with one day of slack)', async () => {
    const doc = await segmented(TRIP.replace('April 15', 'March 16'), { published: '2023-03-14' });
    timex(doc, 'two-day', 'DURATION', 'P2D');
    timex(doc, 'March 14', 'DATE', '2023-03-14');
    timex(doc, 'March 16', 'DATE', '2023-03-16');
    expect(checkDocument(doc)).toEqual([]);
  });

  it('flags an end date before the start of a week-long tour', async () => {
    const text =
      'The band started a two-week tour of Japan on May 10 in Osaka.\n\nThe band returns home on May 2 after the last show.';
    const doc = await segmented(text);
    timex(doc, 'two-week', 'DURATION', 'P2W');
    timex(doc, 'May 10', 'DATE', '2024-05-10');
    timex(doc, 'May 2', 'DATE', '2024-05-02');
    const flags = checkDocument(doc);
    expect(flags).toHaveLength(1);
    expect(flags[0].kind).toBe('date-conflict');
    expect(flags[0].message).toMatch(/before its start/);
  });

  it('ignores a duration that is not about a trip', async () => {
    const doc = await segmented('Workers held a one-day strike-free week on May 3.\n\nThe mayor will leave on June 20.');
    timex(doc, 'one-day', 'DURATION', 'P1D');
    timex(doc, 'May 3', 'DATE', '2024-05-03');
    timex(doc, 'June 20', 'DATE', '2024-06-20');
    expect(checkDocument(doc)).toEqual([]);
  });

  it('flags a past-tense asserted event dated after the document date', async () => {
    const doc = await segmented('Troops attacked the town on August 3.', { published: '2024-07-01' });
    timex(doc, 'August 3', 'DATE', '2024-08-03');
    event(doc, 'attacked', '2024-08-03', 'asserted');
    const flags = checkDocument(doc);
    expect(flags.map((f) => f.kind)).toEqual(['date-conflict']);
    expect(flags[0].spans.map((s) => s.text)).toEqual(['attacked', 'August 3']);
  });

  it('does not flag a planned future event', async () => {
    const doc = await segmented('Troops will attack the town on August 3.', { published: '2024-07-01' });
    timex(doc, 'August 3', 'DATE', '2024-08-03');
    event(doc, 'attack', '2024-08-03', 'planned');
    expect(checkDocument(doc)).toEqual([]);
  });
});

describe('anachronism', () => {
  it('flags a copyright year earlier than the reported dates', async () => {
    const doc = await segmented('The war began in March. Talks resumed on May 4.', {
      published: '2021-05-05',
      copyrightYear: 2012,
      copyrightLine: 'Copyright (c) 2012 Example News',
    });
    timex(doc, 'March', 'DATE', '2021-03');
    timex(doc, 'May 4', 'DATE', '2021-05-04');
    const flags = checksStage.run(doc, undefined as never);
    void flags;
    const a = doc.flags.filter((f) => f.kind === 'anachronism');
    expect(a).toHaveLength(1);
    expect(a[0].spans.map((s) => s.text)).toEqual(['March', 'May 4']);
    expect(a[0].message).toContain('2012');
  });

  it('reads the year from the copyright line when copyrightYear is missing', async () => {
    const doc = await segmented('Elections were held in 2019.', { copyrightLine: '© 2010 Example Media Ltd.' });
    timex(doc, '2019', 'DATE', '2019');
    expect(checkDocument(doc).map((f) => f.kind)).toEqual(['anachronism']);
  });

  it('does not flag a copyright year equal to the story year', async () => {
    const doc = await segmented('The war began in March.', { copyrightYear: 2021 });
    timex(doc, 'March', 'DATE', '2021-03');
    expect(checkDocument(doc)).toEqual([]);
  });

  it('flags a document date earlier than an asserted present-tense event', async () => {
    const doc = await segmented('The ceasefire holds since September 9.', { published: '2024-07-01' });
    timex(doc, 'September 9', 'DATE', '2024-09-09');
    event(doc, 'holds', '2024-09-09', 'asserted');
    expect(checkDocument(doc).map((f) => f.kind)).toEqual(['anachronism']);
  });
});
