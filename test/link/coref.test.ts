import { describe, it, expect, beforeAll } from 'vitest';
import { createAnalyzer } from '../../src/pipeline.js';
import { antecedentOf, resolveCoreference, corefStage } from '../../src/link/coref.js';
import { toJSON } from '../../src/doc/serialize.js';
import type { Doc } from '../../src/doc/types.js';

// A story written for these tests (not from any corpus).
const STORY = [
  'Finnish President Sauli Niinisto arrived in Oslo on Monday for a two-day visit. He met his Norwegian counterpart, Jonas Gahr Store, at the airport.',
  'The Finnish president said his country would buy more gas from Norway. Store thanked him.',
  'Acme Corporation said on Tuesday that it would close its factory in Tampere. It is likely that the plant will be sold.',
  'Anna Petrova, a 34-year-old teacher, said she had never seen the minister. Mr. Kowalski said he would vote for her.',
  '"We will win," said Tom Baxter. "He cannot stop us."',
].join('\n\n');

let doc: Doc;
const at = (needle: string, from = 0) => {
  const i = doc.text.indexOf(needle, from);
  if (i < 0) throw new Error(`"${needle}" not in the story`);
  return i;
};
const entityName = (id?: string) => doc.entities.find((e) => e.id === id)?.name;
/** The coref mention whose text is `text`, at or after `needle`. */
const link = (text: string, needle: string) => {
  const from = at(needle);
  const c = (doc.coref ?? []).find((x) => x.text === text && x.start >= from);
  return c;
};

beforeAll(async () => {
  doc = await createAnalyzer({ date: '2023-05-08' }).analyze(STORY, { input: 'fixture' });
}, 60_000);

describe('coref stage', () => {
  it('links pronouns to the person, organization or group they refer to', () => {
    expect(entityName(link('He', 'He met')?.entityId)).toBe('Sauli Niinisto');
    expect(entityName(link('his', 'his country')?.entityId)).toBe('Sauli Niinisto');
    expect(entityName(link('him', 'thanked him')?.entityId)).toBe('Sauli Niinisto');
    expect(entityName(link('it', 'it would close')?.entityId)).toBe('Acme Corporation');
    expect(entityName(link('its', 'its factory')?.entityId)).toBe('Acme Corporation');
  });

  it('uses gender from surnames and honorifics', () => {
    expect(entityName(link('she', 'she had')?.entityId)).toBe('Anna Petrova');
    expect(entityName(link('he', 'he would vote')?.entityId)).toBe('Kowalski');
    expect(entityName(link('her', 'for her')?.entityId)).toBe('Anna Petrova');
  });

  it('links appositive and title nominals', () => {
    const counterpart = link('his Norwegian counterpart', 'his Norwegian');
    expect(entityName(counterpart?.entityId)).toBe('Jonas Gahr Store');
    expect(counterpart?.sieve).toBe('appositive');
    const title = link('The Finnish president', 'The Finnish president');
    expect(entityName(title?.entityId)).toBe('Sauli Niinisto');
    expect(title?.kind).toBe('nominal');
    expect(entityName(link('a 34-year-old teacher', 'a 34-year-old')?.entityId)).toBe('Anna Petrova');
  });

  it('leaves pleonastic "it" alone and keeps a quotation\'s speaker out of its third-person pronouns', () => {
    expect(link('It', 'It is likely')).toBeUndefined();
    const he = link('He', 'He cannot');
    expect(he === undefined || entityName(he.entityId) !== 'Tom Baxter').toBe(true);
  });

  it('writes a standoff layer with UTF-16 offsets, ids, stage and confidence, in the Doc JSON', () => {
    expect(doc.coref!.length).toBeGreaterThan(5);
    for (const c of doc.coref!) {
      expect(doc.text.slice(c.start, c.end)).toBe(c.text);
      expect(doc.entities.some((e) => e.id === c.entityId)).toBe(true);
      expect(c.stage).toBe('coref');
      expect(c.confidence).toBeGreaterThan(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
    }
    expect(new Set(doc.coref!.map((c) => c.id)).size).toBe(doc.coref!.length);
    const json = JSON.parse(JSON.stringify(toJSON(doc)));
    expect(json.coref).toHaveLength(doc.coref!.length);
  });

  it('antecedentOf answers for pronouns, nominals and names, preferring the smallest span', () => {
    expect(antecedentOf(doc, at('He met'))?.name).toBe('Sauli Niinisto');
    expect(antecedentOf(doc, at('his Norwegian'))?.name).toBe('Sauli Niinisto');
    expect(antecedentOf(doc, at('counterpart,'))?.name).toBe('Jonas Gahr Store');
    expect(antecedentOf(doc, at('Acme'))?.name).toBe('Acme Corporation');
    expect(antecedentOf(doc, at('airport'))).toBeUndefined();
  });

  it('is a stage after entities and copes with an empty document', () => {
    expect(corefStage.requires).toContain('entities');
    expect(corefStage.provides).toContain('coref');
    const empty = { ...doc, text: '', tokens: [], sentences: [], mentions: [], entities: [] } as Doc;
    expect(resolveCoreference(empty, { match: () => null, demonym: () => null, country: () => null })).toEqual([]);
  });
});
