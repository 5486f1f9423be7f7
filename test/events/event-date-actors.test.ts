/**
 * Actors are resolved as of the event's date (its TIMEX3), not the document's: a 2022 story about a
 * 2015 meeting codes the roles of 2015. Fixtures are our own sentences; the person and dates are the
 * compiled dictionary's facts (Tokayev: president of Kazakhstan from 2019-03-20, CIA World Factbook),
 * and a fictional analyst dictionary (test/dict/fixtures/dict-dated).
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { makeDoc, code, ctx } from './helpers.js';
import { resolutionDay } from '../../src/events/coder.js';
import { linkActors } from '../../src/link/actors.js';
import { actorDictionary } from '../../src/link/actor-dictionary.js';
import { createCoder } from '../../src/events/batch.js';
import { repoRoot } from '../helpers/shared.js';

describe('resolutionDay', () => {
  it('takes past event dates, mid-period for coarse ones', () => {
    expect(resolutionDay('2015-05-12', '2022-06-01')).toBe('2015-05-12');
    expect(resolutionDay('2015-05', '2022-06-01')).toBe('2015-05-15');
    expect(resolutionDay('2015', '2022-06-01')).toBe('2015-07-01');
  });
  it('keeps the document date for events of its month, later events and undated ones', () => {
    expect(resolutionDay('2022-06-01', '2022-06-20')).toBeNull();
    expect(resolutionDay('2022-09-01', '2022-06-20')).toBeNull();
    expect(resolutionDay(null, '2022-06-20')).toBeNull();
    expect(resolutionDay('2015-05-12', null)).toBeNull();
    expect(resolutionDay('PAST_REF', '2022-06-20')).toBeNull();
  });
});

const ENTS = [
  { forms: ['Kassym-Jomart Tokayev', 'Tokayev'], type: 'PER' as const },
  { forms: ['Vladimir Putin', 'Putin'], type: 'PER' as const },
];

async function codeWithDictionary(text: string, timexes: Array<[string, string]>, published: string) {
  const doc = makeDoc(text, ENTS, timexes, { published });
  linkActors(doc, actorDictionary(ctx));
  return code(doc);
}

describe('event coder: actors as of the event date (compiled dictionary)', () => {
  it('a 2022 story about a 2015 meeting codes Tokayev as he was in 2015 (not yet president)', async () => {
    const evs = await codeWithDictionary('Tokayev met Putin on 12 May 2015.', [['12 May 2015', '2015-05-12']], '2022-06-01');
    const ev = evs.find((e) => e.source.text === 'Tokayev');
    expect(ev).toBeDefined();
    expect(ev!.date).toBe('2015-05-12');
    expect(ev!.source.actor).toBe('KAZELI');
    expect(ev!.target?.actor).toBe('RUSGOV');
  });
  it('the same sentence about a 2022 meeting codes him as president', async () => {
    const evs = await codeWithDictionary('Tokayev met Putin on Monday.', [['Monday', '2022-05-30']], '2022-06-01');
    const ev = evs.find((e) => e.source.text === 'Tokayev');
    expect(ev!.source.actor).toBe('KAZGOV');
  });
  it('a year-only date resolves on the middle of that year', async () => {
    const evs = await codeWithDictionary('In 2016, Tokayev met Putin.', [['2016', '2016']], '2024-02-01');
    expect(evs.find((e) => e.source.text === 'Tokayev')?.source.actor).toBe('KAZELI');
  });
  it('an undated event keeps the document-date codes', async () => {
    const evs = await codeWithDictionary('Tokayev will meet Putin.', [], '2024-02-01');
    expect(evs.find((e) => e.source.text === 'Tokayev')?.source.actor).toBe('KAZGOV');
  });
});

describe('event coder: actors as of the event date (analyst dictionary)', () => {
  const coder = createCoder({ dictionaries: path.join(repoRoot, 'test', 'dict', 'fixtures', 'dict-dated') });
  it('codes the dated role of the event day, the default after it', async () => {
    const then = await coder.code({ id: 'a', text: 'Zoran Kovac visited Fredonia on 3 March 2016.', date: '2022-01-10' });
    const ev = then.events.find((e) => e.cameo.startsWith('04'));
    expect(ev?.date).toBe('2016-03-03');
    expect(ev?.source.actor).toBe('ABCGOV');
    const now = await coder.code({ id: 'b', text: 'Zoran Kovac visited Fredonia on Monday.', date: '2022-01-12' });
    expect(now.events.find((e) => e.cameo.startsWith('04'))?.source.actor).toBe('ABCELI');
  });
});
