import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoreGold, loadGold, checkGold, type GoldFile } from '../../src/eval/gold.js';
import { renderGoldReport, reportJSON } from '../../src/eval/report.js';
import { createDoc } from '../../src/doc/types.js';
import { DatelineError } from '../../src/doc/errors.js';
import { makeDoc } from '../output/fixture.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sharedGold = path.resolve(repoRoot, '..', 'shared', 'gold', 'putin-tajikistan.gold.json');

/** A small gold annotation of the test fixture (written for these tests). */
function gold(): GoldFile {
  return {
    doc: 'fixture',
    metadata: { title: 'Nordby visits Helsinki', dateline: 'OSLO' },
    entities: [
      { canonical: 'Kari Nordby', type: 'PER', mentions: ['Kari Nordby', 'Nordby'], actor: 'NORGOV' },
      { canonical: 'Matti Virtanen', type: 'PER', mentions: ['Matti Virtanen', 'Virtanen'], actor: 'FINGOV' },
      { canonical: 'Helsinki', type: 'LOC', mentions: ['Helsinki'], country: 'FI', geonames: 658225 },
      { canonical: 'Stockholm', type: 'LOC', mentions: ['Stockholm'], country: 'SE' },
    ],
    timexes: [
      { text: 'Monday', type: 'DATE', value: '2023-05-08' },
      { text: 'May 12', any_of: ['2023-05-12', '2023-05'] },
    ],
    quantities: [],
    quotes: [{ speaker: 'her office', direct: false, contains: 'travel to Stockholm' }],
    events: [
      { id: 'visit', source: ['NORGOV'], target: ['FINGOV', 'FIN'], cameo_any_of: ['042'], date: '2023-05-08', place: 'Helsinki', modality: 'asserted', required: true },
      { id: 'trip', source: ['NORGOV'], target: ['SWE', 'SWEGOV'], cameo_any_of: ['042', '044'], date: '2023-05-12', place: 'Stockholm', modality: 'planned', required: true },
    ],
    must_not: [{ why: "negated: 'no agreement will be signed'", cameo_any_of: ['057'], modality: 'asserted' }],
    flags: [{ kind: 'date-conflict', involves: ['Monday'] }],
  };
}

describe('scoreGold', () => {
  it('gives F1 = 1 on every layer for a perfect Doc', () => {
    const doc = makeDoc();
    doc.entities[1].mentions.push('Virtanen');
    const r = scoreGold(doc, gold());
    for (const l of r.layers) expect([l.layer, l.f1]).toEqual([l.layer, 1]);
    expect(r.layers.map((l) => l.layer)).toEqual([
      'metadata', 'entities', 'timexes', 'timexes.value', 'quantities', 'quantities.value',
      'quotes', 'quotes.speaker', 'events', 'events.full', 'flags',
    ]);
    for (const a of r.attributes) expect([a.name, a.accuracy]).toEqual([a.name, 1]);
    expect(r.attributes.map((a) => a.name)).toContain('entity.actor');
    expect(r.requiredEvents).toEqual({ found: 2, total: 2, recall: 1 });
    expect(r.mustNot).toEqual({ rules: 1, violations: 0 });
    expect(r.misses).toEqual([]);
  });

  it('drops event recall and lists the miss when an event is missing', () => {
    const doc = makeDoc();
    doc.entities[1].mentions.push('Virtanen');
    doc.events.pop();
    const r = scoreGold(doc, gold());
    const ev = r.layers.find((l) => l.layer === 'events')!;
    expect(ev).toMatchObject({ tp: 1, fp: 0, fn: 1, precision: 1, recall: 0.5 });
    expect(ev.f1).toBeCloseTo(2 / 3, 6);
    expect(r.requiredEvents).toEqual({ found: 1, total: 2, recall: 0.5 });
    const miss = r.misses.find((m) => m.layer === 'events');
    expect(miss).toMatchObject({ kind: 'FN' });
    expect(miss!.item).toContain('trip');
    expect(miss!.item).toContain('(required)');
    expect(miss!.detail).toContain('042 NORGOV→FINGOV'); // the nearest prediction is shown
  });

  it('counts a negated 057 coded as asserted as a must_not violation', () => {
    const doc = makeDoc();
    doc.entities[1].mentions.push('Virtanen');
    const t = doc.text.indexOf('signed');
    doc.events.push({
      ...doc.events[0],
      id: 'ev3',
      cameo: '057',
      root: '05',
      modality: 'asserted',
      trigger: { start: t, end: t + 6, text: 'signed' },
      date: null,
      place: null,
    });
    const r = scoreGold(doc, gold());
    expect(r.mustNot.violations).toBe(1);
    const v = r.misses.filter((m) => m.kind === 'VIOLATION');
    expect(v.length).toBe(1);
    expect(v[0].item).toContain('057');
    expect(v[0].detail).toContain('negated');
    expect(r.layers.find((l) => l.layer === 'events')!.precision).toBeCloseTo(2 / 3, 6);
    // coded as negated it is no violation
    doc.events[2].modality = 'negated';
    expect(scoreGold(doc, gold()).mustNot.violations).toBe(0);
  });

  it('scores attributes apart from detection and names what is wrong', () => {
    const doc = makeDoc();
    doc.entities[0].actor = 'NOR';
    doc.timexes[0].value = '2023-05-15';
    doc.events[0].date = '2023-05-09';
    doc.quotes[0].direct = true;
    doc.entities[2].type = 'ORG';
    const r = scoreGold(doc, gold());
    const layer = (n: string) => r.layers.find((l) => l.layer === n)!;
    const attr = (n: string) => r.attributes.find((a) => a.name === n)!;
    expect(layer('timexes').f1).toBe(1);
    expect(layer('timexes.value')).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(attr('entity.actor')).toMatchObject({ correct: 1, total: 2 });
    // Virtanen's cluster lacks the gold mention "Virtanen"; Helsinki (typed ORG) is unmatched
    expect(attr('entity.cluster')).toMatchObject({ correct: 2, total: 3 });
    expect(r.misses.some((m) => m.kind === 'WRONG' && m.detail === 'mentions not in the cluster: Virtanen')).toBe(true);
    expect(layer('entities')).toMatchObject({ tp: 3, fp: 1, fn: 1 });
    expect(r.misses.find((m) => m.layer === 'entities' && m.kind === 'FN')!.detail).toBe('found as ORG "Helsinki"');
    expect(layer('events').f1).toBe(1);
    expect(layer('events.full')).toMatchObject({ tp: 1, fn: 1 });
    expect(attr('event.date')).toMatchObject({ correct: 1, total: 2 });
    expect(layer('quotes').f1).toBe(1);
    expect(layer('quotes.speaker').tp).toBe(0);
    const text = renderGoldReport(r);
    expect(text).toMatch(/timexes\.value\s+50\.0\s+50\.0\s+50\.0/);
    expect(text).toContain('WRONG');
    expect(text).toContain('required events recall: 100.0% (2/2)');
    expect(JSON.parse(reportJSON(r)).layers[0].layer).toBe('metadata');
  });

  it('marks a second prediction of a matched event as a duplicate FP, and scores boilerplate once per line', () => {
    const doc = makeDoc();
    doc.events.push({ ...doc.events[0], id: 'ev1b' });
    doc.meta.boilerplate = ['Share this story', '(c) 2023 Example Wire'];
    doc.meta.copyrightLine = '(c) 2023 Example Wire';
    const g = gold();
    g.metadata!.boilerplate_removed = ['(c) 2023 Example Wire'];
    const r = scoreGold(doc, g);
    expect(r.layers.find((l) => l.layer === 'events')).toMatchObject({ tp: 2, fp: 1, fn: 0 });
    const dup = r.misses.find((m) => m.layer === 'events' && m.kind === 'FP')!;
    expect(dup.detail).toContain('duplicate of visit');
    expect(r.layers.find((l) => l.layer === 'boilerplate')).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    expect(r.misses.find((m) => m.layer === 'boilerplate')).toMatchObject({ kind: 'FP', item: 'Share this story' });
  });

  it('rejects malformed gold with E_GOLD and a missing file with E_NOT_FOUND', () => {
    expect(() => checkGold([])).toThrow(DatelineError);
    expect(() => checkGold({ events: [{ source: ['X'] }] })).toThrow(/cameo_any_of/);
    expect(() => loadGold(path.join(repoRoot, 'no-such.gold.json'))).toThrow(/gold file not found/);
    expect(() => loadGold(path.join(repoRoot, 'README.md'))).toThrow(/cannot read gold file/); // not JSON
  });

  it.skipIf(!fs.existsSync(sharedGold))('reads the shared story gold and scores an empty Doc as recall 0', () => {
    const g = loadGold(sharedGold);
    const doc = createDoc('');
    const r = scoreGold(doc, g);
    for (const l of r.layers) if (l.layer !== 'metadata') expect([l.layer, l.recall]).toEqual([l.layer, 0]);
    expect(r.requiredEvents.found).toBe(0);
    expect(r.requiredEvents.total).toBeGreaterThan(0);
    expect(r.misses.filter((m) => m.kind === 'FN').length).toBeGreaterThan(g.entities!.length);
  });
});
