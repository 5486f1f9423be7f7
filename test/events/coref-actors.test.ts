import { describe, it, expect, beforeAll } from 'vitest';
import { createAnalyzer, type Analyzer } from '../../src/pipeline.js';
import type { Doc } from '../../src/doc/types.js';

// Sentences written for these tests (not from any corpus). The full pipeline runs, so the `coref`
// stage links the pronouns before the `quotes` and `events` stages read them.

/** "He" two sentences after the name, with neither sentence between having a person as subject. */
const EVENT_STORY =
  'The plane carrying Russian President Vladimir Putin landed in Dushanbe on Tuesday. ' +
  'The Kremlin said the visit would last two days. ' +
  'He met Tajik President Emomali Rahmon on Wednesday.';

/** "…," he said, after an indirect quote of the speaker and a sentence naming someone else. */
const QUOTE_STORY =
  'Tajik President Emomali Rahmon said the talks had gone well. ' +
  'He praised Vladimir Putin for his support. ' +
  '"We are grateful to our partners," he said.';

let analyzer: Analyzer;
const run = (text: string): Promise<Doc> => analyzer.analyze(text, { input: 'fixture' });
const entityName = (doc: Doc, id?: string) => doc.entities.find((e) => e.id === id)?.name;

beforeAll(() => {
  analyzer = createAnalyzer({ date: '2022-06-28' });
});

describe('pronoun actors from the coref stage', () => {
  it('gives a pronoun subject two sentences after a name that name\'s actor code', async () => {
    const doc = await run(EVENT_STORY);
    const he = doc.text.indexOf('He met');
    expect(entityName(doc, doc.coref?.find((c) => c.start === he)?.entityId)).toBe('Vladimir Putin');
    const met = doc.events.filter((e) => e.trigger.text === 'met');
    expect(met.map((e) => `${e.source.actor} ${e.target?.actor}`)).toContain('RUSGOV TJKGOV');
    const fromPutin = met.find((e) => e.source.actor === 'RUSGOV')!;
    expect(fromPutin.source.text).toBe('Vladimir Putin');
    expect(entityName(doc, fromPutin.source.entityId)).toBe('Vladimir Putin');
  }, 60_000);

  it('names the speaker of a quote whose cue has "he" as its subject', async () => {
    const doc = await run(QUOTE_STORY);
    const q = doc.quotes.find((x) => x.text.startsWith('We are grateful'));
    expect(q).toBeDefined();
    // the nearest person before the quote is Putin; the pronoun is the previous speaker's
    expect(q!.speaker.text).toBe('Emomali Rahmon');
    expect(entityName(doc, q!.speaker.entityId)).toBe('Emomali Rahmon');
    expect(doc.text.slice(q!.speaker.start, q!.speaker.end)).toBe('he');
  }, 60_000);
});
