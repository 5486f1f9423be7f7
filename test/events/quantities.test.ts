import { describe, expect, it } from 'vitest';
import { segmented } from '../checks/helpers.js';
import { findQuantities, quantitiesStage } from '../../src/events/quantities.js';
import type { Quantity } from '../../src/doc/types.js';

async function q(text: string): Promise<Quantity[]> {
  const doc = await segmented(text);
  const out = findQuantities(doc);
  for (const x of out) expect(doc.text.slice(x.start, x.end)).toBe(x.text);
  return out;
}
const pick = (x: Quantity) => ({ text: x.text, value: x.value, unit: x.unit, approximate: x.approximate, bound: x.bound, measures: x.measures });

describe('quantities', () => {
  const cases: Array<[string, Partial<Quantity>]> = [
    ['The army has about 12,500 soldiers in the north.', { text: 'about 12,500 soldiers', value: 12500, unit: 'soldiers', approximate: true }],
    ['They are building a 2,300-kilometre pipeline to the coast.', { text: '2,300-kilometre', value: 2300, unit: 'km', measures: 'pipeline' }],
    ['The rocket has a range of up to 800 kilometers.', { text: 'up to 800 kilometers', value: 800, unit: 'km', bound: 'max', measures: 'range' }],
    ['Police searched four warehouses on Tuesday.', { text: 'four warehouses', value: 4, unit: 'warehouses' }],
    ['The bank lent $3.2 billion to the utility.', { text: '$3.2 billion', value: 3.2e9, unit: 'USD' }],
    ['Turnout fell to 41 percent.', { text: '41 percent', value: 41, unit: '%' }],
    ['Prices rose 7.5% in March.', { text: '7.5%', value: 7.5, unit: '%' }],
    ['More than 300 people were evacuated.', { text: 'More than 300 people', value: 300, unit: 'people', bound: 'min' }],
    ['At least 16 civilians were hurt.', { text: 'At least 16 civilians', value: 16, unit: 'civilians', bound: 'min' }],
    ['Nearly 40 trucks crossed the bridge.', { text: 'Nearly 40 trucks', value: 40, unit: 'trucks', approximate: true }],
    ['Some 2,000 Ukrainian refugees arrived.', { text: 'Some 2,000 Ukrainian refugees', value: 2000, unit: 'refugees', approximate: true }],
    ['Twenty-five villages lost power.', { text: 'Twenty-five villages', value: 25, unit: 'villages' }],
    ['The island lies 60 miles offshore.', { text: '60 miles', value: 60, unit: 'mi' }],
    ['The port handled 1.5 million tonnes of grain.', { text: '1.5 million tonnes', value: 1.5e6, unit: 't' }],
    ['The club paid €45m for the striker.', { text: '€45m', value: 45e6, unit: 'EUR' }],
    ['The convoy drove 12km along the river.', { text: '12km', value: 12, unit: 'km' }],
  ];
  for (const [text, exp] of cases) {
    it(text, async () => {
      const got = await q(text);
      expect(got).toHaveLength(1);
      const p = pick(got[0]);
      expect(p).toMatchObject(exp);
      if (!('approximate' in exp)) expect(p.approximate).toBeUndefined();
      if (!('bound' in exp)) expect(p.bound).toBeUndefined();
    });
  }

  const negatives = [
    'The law was passed in 2015 and amended in 1998.',
    'The summit opened on June 28 and closed on 30 June.',
    'The 201st Division and the 3rd Brigade moved first.',
    'The meeting starts at 10:30 or at 9 a.m. at the latest.',
    'Write to 1600 Pennsylvania Ave NW, Ste 200, Washington DC 20500 or call 202-555-0143.',
    'The two leaders met for a three-day visit after 45 years.',
    'One of the officials said the Su-27 was grounded.',
    'Only 12 came.',
  ];
  for (const text of negatives) {
    it(`no quantity: ${text}`, async () => {
      expect(await q(text)).toEqual([]);
    });
  }

  it('finds several quantities in one sentence, in text order', async () => {
    const got = await q('About 7,000 troops guard a 900-km frontier, and three bases hold up to 40 tanks.');
    expect(got.map((x) => [x.value, x.unit])).toEqual([
      [7000, 'troops'],
      [900, 'km'],
      [3, 'bases'],
      [40, 'tanks'],
    ]);
    expect(got[1].measures).toBe('frontier');
    expect(got[3].bound).toBe('max');
  });

  it('runs as a stage', async () => {
    const doc = await segmented('Rebels seized six towns.');
    quantitiesStage.run(doc, undefined as never);
    expect(doc.quantities.map((x) => x.text)).toEqual(['six towns']);
    expect(doc.quantities[0].stage).toBe('quantities');
  });
});
