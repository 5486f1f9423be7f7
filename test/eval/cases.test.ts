import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoreCases, loadCases, parseCases, dayRange, codesIn, type Case } from '../../src/eval/cases.js';
import { renderCasesReport, reportJSON } from '../../src/eval/report.js';
import { createDoc, type Doc } from '../../src/doc/types.js';
import { DatelineError } from '../../src/doc/errors.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sharedCases = path.resolve(repoRoot, '..', 'shared', 'gold', 'cases', 'cases_dev.jsonl');

function span(text: string, needle: string) {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`${needle} not in text`);
  return { start, end: start + needle.length, text: needle };
}

function doc(text: string, build: (d: Doc) => void = () => {}): Doc {
  const d = createDoc(text);
  d.text = text;
  d.id = 'x';
  build(d);
  return d;
}

/** Cases written for these tests, one per area. */
const CASES: Case[] = [
  {
    id: 'd1',
    area: 'dates',
    input: 'The council met last Friday and will vote in March next year.',
    reference_date: '2021-03-10',
    expected: {
      dates: [
        { text: 'last Friday', value: '2021-03-05' },
        { text: 'March next year', start: '2022-03-01', end: '2022-03-31' },
      ],
    },
  },
  {
    id: 'n1',
    area: 'entities',
    input: 'Mayor Ana Ruiz flew to Quito. Ruiz met the Andean Council.',
    expected: {
      entities: [
        { text: 'Ana Ruiz', type: 'PERSON' },
        { text: 'Quito', type: 'GPE', country: 'ECU' },
      ],
      entity_clusters: [{ type: 'PERSON', mentions: ['Ana Ruiz', 'Ruiz'] }],
      not_entities: ['Mayor (a title)'],
    },
  },
  {
    id: 'g1',
    area: 'geo',
    input: 'Peruvian officials in Lima met Nordic envoys.',
    expected: {
      places: [{ text: 'Lima', feature: 'capital', country: 'PER' }],
      demonyms: [
        { text: 'Peruvian', country: 'PER' },
        { text: 'Nordic', region: 'Nordic countries' },
      ],
      must_not: ['a free-text rule'],
    },
  },
  {
    id: 'e1',
    area: 'events',
    input: 'Ecuador hosted Peruvian ministers on Monday.',
    expected: {
      events: [
        { source: { text: 'Ecuador', code: 'ECUGOV (or ECU)' }, target: { text: 'Peruvian ministers', code: 'PERGOV' }, cameo: '043' },
        { optional: true, source: { code: 'PERGOV' }, target: { code: 'ECU' }, cameo: '042' },
      ],
    },
  },
  {
    id: 'q1',
    area: 'quotes',
    input: '"We will rebuild the bridge," said Ana Ruiz, reading from the report "Bridges".',
    expected: {
      quotes: [{ text: 'We will rebuild the bridge,', type: 'direct', speaker: 'Ana Ruiz' }],
      not_quotes: ['Bridges (title of a report)'],
    },
  },
  {
    id: 'x1',
    area: 'extraction',
    input: '<html><body><h1>Bridge rebuilt</h1><p>Work ended.</p><aside>Ad: buy now</aside></body></html>',
    expected: {
      title: 'Bridge rebuilt',
      text: 'Work ended.',
      published: '2020-01-02T03:04:05Z',
      must_not_contain: ['buy now'],
      images: [{ src: '/a.jpg' }],
    },
  },
  { id: 'u1', area: 'dedup', input: ['Headline one', 'Headline two - Outlet'], expected: { clusters: [[0, 1]], shared_entities: ['Outlet'] } },
];

/** A fake analyzer returning hand-built Docs; `good` decides whether they are right. */
function fakeAnalyze(good: boolean) {
  const calls: Array<[string, { date?: string }]> = [];
  const fn = async (input: string, opts: { date?: string }): Promise<Doc> => {
    calls.push([input, opts]);
    if (input.startsWith('The council')) {
      return doc(input, (d) => {
        d.timexes = [
          { id: 't1', ...span(input, 'last Friday'), type: 'DATE', value: good ? '2021-03-05' : '2021-02-26' },
          { id: 't2', ...span(input, 'March next year'), type: 'DATE', value: good ? '2022-03' : '2021-03' },
        ];
      });
    }
    if (input.startsWith('Mayor')) {
      return doc(input, (d) => {
        d.entities = [
          { id: 'a', name: 'Ana Ruiz', type: 'PER', mentions: good ? ['Ana Ruiz', 'Ruiz'] : ['Ana Ruiz'], mentionIds: [] },
          { id: 'b', name: 'Quito', type: 'LOC', mentions: ['Quito'], mentionIds: [], country: 'EC' },
        ];
        if (!good) d.entities.push({ id: 'c', name: 'Ruiz', type: 'PER', mentions: ['Ruiz'], mentionIds: [] }, { id: 'd', name: 'Mayor', type: 'ORG', mentions: ['Mayor'], mentionIds: [] });
      });
    }
    if (input.startsWith('Peruvian')) {
      return doc(input, (d) => {
        d.mentions = [
          { id: 'm1', ...span(input, 'Peruvian'), type: 'NORP', entityId: 'p' },
          { id: 'm2', ...span(input, 'Nordic'), type: 'NORP', entityId: 'n' },
        ];
        d.entities = [
          { id: 'p', name: 'Peruvian', type: 'NORP', mentions: ['Peruvian'], mentionIds: ['m1'], country: 'PE' },
          { id: 'n', name: 'Nordic', type: 'NORP', mentions: ['Nordic'], mentionIds: ['m2'] },
        ];
        d.places = [{ ...span(input, 'Lima'), name: 'Lima', geonamesId: 3936456, country: 'PE', lat: -12.04, lon: -77.03, featureCode: 'PPLC' }];
        if (!good) d.places.push({ ...span(input, 'Nordic'), name: 'Nordic', geonamesId: 1, country: 'US', lat: 40, lon: -100, featureCode: 'PPL' });
      });
    }
    if (input.startsWith('Ecuador')) {
      return doc(input, (d) => {
        const base = {
          root: '04', quadClass: 1, goldstein: 2.8, plover: 'CONSULT', date: null, place: null,
          sentence: { start: 0, end: input.length }, trigger: span(input, 'hosted'),
        };
        d.events = [
          { ...base, id: 'e1', cameo: '043', source: { text: 'Ecuador', actor: 'ECU' }, target: { text: 'Peruvian ministers', actor: good ? 'PERGOV' : 'PER' }, modality: 'asserted' },
        ];
      });
    }
    if (input.startsWith('"We')) {
      return doc(input, (d) => {
        d.quotes = [{ ...span(input, '"We will rebuild the bridge,"'), direct: true, speaker: { text: good ? 'Ana Ruiz' : 'the report' } }];
        if (!good) d.quotes.push({ ...span(input, '"Bridges"'), direct: true, speaker: { text: 'Ana Ruiz' } });
      });
    }
    if (input.startsWith('<html>')) {
      return doc(good ? 'Work ended.' : 'Work ended.\n\nAd: buy now', (d) => {
        d.meta.title = 'Bridge rebuilt';
        d.meta.published = good ? '2020-01-02T04:04:05+01:00' : '2020-01-02';
      });
    }
    throw new DatelineError('E_EMPTY', 'input is empty');
  };
  return { fn, calls };
}

describe('scoreCases', () => {
  it('passes every item of correct Docs, skipping fields without a Doc place', async () => {
    const { fn, calls } = fakeAnalyze(true);
    const r = await scoreCases(CASES.filter((c) => c.area !== 'dedup'), fn);
    expect(calls.find((c) => c[0].startsWith('The council'))![1]).toEqual({ date: '2021-03-10' });
    expect(calls.find((c) => c[0].startsWith('Mayor'))![1]).toEqual({});
    expect(calls.length).toBe(6);
    expect(r.areas.map((a) => a.layer)).toEqual(['dates', 'entities', 'geo', 'events', 'quotes', 'extraction']);
    for (const a of r.areas) expect([a.layer, a.f1, a.fn, a.fp]).toEqual([a.layer, 1, 0, 0]);
    expect(r.areas.find((a) => a.layer === 'dates')!.tp).toBe(2);
    expect(r.areas.find((a) => a.layer === 'entities')!.tp).toBe(3);
    expect(r.areas.find((a) => a.layer === 'geo')!.tp).toBe(3);
    const skips = r.misses.filter((m) => m.kind === 'SKIP');
    expect(skips.map((m) => [m.caseId, m.item])).toEqual([
      ['g1', 'must_not'],
      ['e1', expect.stringContaining('(optional)')],
      ['x1', 'images'],
    ]);
    expect(r.overall).toMatchObject({ cases: 6, skipped: 3 });
    expect(r.overall.f1).toBe(1);
  });

  it('clusters the headlines of a dedup case and checks the shared entities', async () => {
    const entity = (name: string) => ({ id: 'e1', name, type: 'ORG' as const, mentions: [name], mentionIds: [] });
    const fn = async (text: string) => ({ ...createDoc(text), text, entities: [entity('Outlet'), entity(text.split(' ')[0])] });
    const dedup = CASES.filter((c) => c.area === 'dedup');
    const r = await scoreCases(dedup, fn as never);
    const area = r.areas.find((a) => a.layer === 'dedup')!;
    expect(area.tp + area.fn).toBe(2);
    expect(r.items.filter((i) => i.caseId === 'u1').map((i) => i.item)).toEqual(['clusters [[0,1]]', 'shared entity Outlet']);
    expect(renderCasesReport(r)).toMatch(/dedup/);
  });

  it('scores wrong Docs item by item and lists each miss', async () => {
    const r = await scoreCases(CASES, fakeAnalyze(false).fn);
    const area = (n: string) => r.areas.find((a) => a.layer === n)!;
    expect(area('dates')).toMatchObject({ tp: 0, fn: 2, fp: 0 });
    expect(area('entities')).toMatchObject({ tp: 2, fn: 1, fp: 1 }); // split cluster; "Mayor" as an entity
    expect(area('geo')).toMatchObject({ tp: 2, fn: 1, fp: 0 }); // "Nordic" geocoded
    expect(area('events')).toMatchObject({ tp: 0, fn: 1, fp: 1 });
    expect(area('quotes')).toMatchObject({ tp: 0, fn: 1, fp: 1 });
    expect(area('extraction')).toMatchObject({ tp: 1, fn: 2, fp: 1 });
    const miss = (caseId: string, text: string) => r.misses.find((m) => m.caseId === caseId && m.item.includes(text));
    expect(miss('d1', 'last Friday')!.detail).toBe('got 2021-02-26 ("last Friday")');
    expect(miss('n1', 'cluster')!.detail).toContain('Ruiz → Ruiz (PER)');
    expect(miss('g1', 'Nordic')!.detail).toContain('geocoded as Nordic');
    expect(miss('e1', '043')!.detail).toContain('nearest: 043 ECU→PER asserted');
    expect(miss('q1', 'Ana Ruiz')!.detail).toContain('speaker "the report"');
    expect(miss('q1', 'not a quote: Bridges')!.kind).toBe('FP');
    expect(miss('x1', 'buy now')!.kind).toBe('FP');
    const text = renderCasesReport(r);
    expect(text).toMatch(/dates\s+0\.0\s+0\.0\s+0\.0\s+0\s+0\s+2/);
    expect(text).toContain('d1 "last Friday" = 2021-03-05');
    expect(JSON.parse(reportJSON(r)).overall.layer).toBe('overall');
  });

  it('fails the items of a case whose analysis throws, and goes on', async () => {
    const cases: Case[] = [{ id: 'bad', area: 'dates', input: '', expected: { dates: [{ text: 'today', value: '2020-01-01' }] } }, CASES[0]];
    const r = await scoreCases(cases, fakeAnalyze(true).fn);
    expect(r.misses[0]).toMatchObject({ caseId: 'bad', kind: 'FN', detail: 'analyze failed: E_EMPTY: input is empty' });
    expect(r.areas[0]).toMatchObject({ tp: 2, fn: 1 });
  });
});

describe('helpers', () => {
  it('dayRange and codesIn', () => {
    expect(dayRange('2024-02')).toEqual(['2024-02-01', '2024-02-29']);
    expect(dayRange('2023')).toEqual(['2023-01-01', '2023-12-31']);
    expect(dayRange('2023-05-06T10:00')).toEqual(['2023-05-06', '2023-05-06']);
    expect(dayRange('PAST_REF')).toBeUndefined();
    expect(codesIn('PSEGOV (or PSEHMS)')).toEqual(['PSEGOV', 'PSEHMS']);
    expect(codesIn(undefined)).toEqual([]);
  });

  it('parseCases rejects malformed lines with E_GOLD', () => {
    expect(() => parseCases('{"id": "a"}')).toThrow(DatelineError);
    expect(() => parseCases('not json')).toThrow(/not JSON/);
    expect(parseCases('\n{"id":"a","area":"dates","input":"x","expected":{}}\n').length).toBe(1);
  });
});

describe.skipIf(!fs.existsSync(sharedCases))('the shared dev cases', () => {
  it('loads every case and scores empty Docs without throwing', async () => {
    const cases = loadCases(sharedCases);
    expect(cases.length).toBeGreaterThanOrEqual(10);
    const r = await scoreCases(cases, async (input) => doc(typeof input === 'string' ? input : ''));
    const areas = r.areas.map((a) => a.layer);
    for (const a of ['dates', 'entities', 'geo', 'events', 'quotes', 'extraction']) expect(areas).toContain(a);
    for (const a of r.areas) expect([a.layer, a.tp]).toEqual([a.layer, 0]);
    expect(r.areas.find((a) => a.layer === 'dates')!.fn).toBeGreaterThan(0);
    expect(r.areas.find((a) => a.layer === 'dedup')!.fn).toBeGreaterThan(0);
  });
});
