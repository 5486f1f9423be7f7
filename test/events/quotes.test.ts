import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addEntities, segmented, withEntities } from '../checks/helpers.js';
import { findQuotes, quotesStage } from '../../src/events/quotes.js';
import type { Doc, Quote } from '../../src/doc/types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = path.resolve(repoRoot, '..', 'shared');

/** Speaker as the Doc names it: the linked entity's canonical name, else the printed text. */
function speakerName(doc: Doc, q: Quote): string {
  const e = q.speaker.entityId ? doc.entities.find((x) => x.id === q.speaker.entityId) : undefined;
  return e?.name ?? q.speaker.text;
}

describe('direct quotes', () => {
  it('attributes "…," X said after the quote, linked to the entity', async () => {
    const doc = addEntities(await segmented('"We will not retreat from the border," Defense Minister Anna Kovac said on Monday.'), [
      { name: 'Anna Kovac', type: 'PER', surfaces: ['Anna Kovac'] },
    ]);
    const qs = findQuotes(doc);
    expect(qs).toHaveLength(1);
    expect(qs[0].text).toBe('We will not retreat from the border,');
    expect(qs[0].direct).toBe(true);
    expect(qs[0].speaker.entityId).toBe('e0');
    expect(qs[0].cue?.text).toBe('said');
    expect(doc.text.slice(qs[0].start, qs[0].end)).toBe(qs[0].text);
  });

  it('attributes an inverted cue "…," said the minister', async () => {
    const doc = await segmented('"The talks went well and we expect a deal soon," said the foreign minister.');
    const qs = findQuotes(doc);
    expect(qs).toHaveLength(1);
    expect(qs[0].speaker.text).toBe('the foreign minister');
  });

  it('resolves a pronoun speaker to the preceding person (curly quotes)', async () => {
    const doc = addEntities(
      await segmented('Maria Lopez arrived late. “I have nothing to add to what was already said,” she told reporters.'),
      [{ name: 'Maria Lopez', type: 'PER', surfaces: ['Maria Lopez'] }],
    );
    const qs = findQuotes(doc).filter((q) => q.direct);
    expect(qs).toHaveLength(1);
    expect(qs[0].speaker.entityId).toBe('e0');
    expect(speakerName(doc, qs[0])).toBe('Maria Lopez');
    expect(doc.text.slice(qs[0].speaker.start!, qs[0].speaker.end!)).toBe('she');
  });

  it('gives both halves of a split quote the same speaker', async () => {
    const doc = addEntities(
      await segmented('Captain Jon Berg spoke at the dock. "The harbour is closed," he said, "and nobody knows when it will reopen."'),
      [{ name: 'Jon Berg', type: 'PER', surfaces: ['Jon Berg'] }],
    );
    const qs = findQuotes(doc).filter((q) => q.direct);
    expect(qs.map((q) => q.text)).toEqual(['The harbour is closed,', 'and nobody knows when it will reopen.']);
    expect(qs.map((q) => q.speaker.entityId)).toEqual(['e0', 'e0']);
  });

  it('continues a quote over a paragraph break with the same speaker', async () => {
    const doc = addEntities(
      await segmented('Ines Duarte, the mayor of the town, said: "We have asked the capital for more buses.\n\n"Nothing has arrived yet, and winter is coming."'),
      [{ name: 'Ines Duarte', type: 'PER', surfaces: ['Ines Duarte'] }],
    );
    const qs = findQuotes(doc);
    expect(qs.map((q) => q.text)).toEqual(['We have asked the capital for more buses.', 'Nothing has arrived yet, and winter is coming.']);
    expect(qs.every((q) => q.direct && q.speaker.entityId === 'e0')).toBe(true);
  });

  it('splits a quote continued after lost paragraph breaks (` "We …` while a quote is open)', async () => {
    const doc = await segmented('Mr Olsen said: "We have already cut the fares twice this year. "We will cut them again before the winter." He left soon after.');
    const qs = findQuotes(doc).filter((q) => q.direct);
    expect(qs.map((q) => q.text)).toEqual(['We have already cut the fares twice this year.', 'We will cut them again before the winter.']);
    expect(qs.map((q) => q.speaker.text)).toEqual(['Mr Olsen', 'Mr Olsen']);
  });

  it('reads "according to X" after a quote', async () => {
    const doc = addEntities(await segmented('"The vote was rigged from the very start," according to Pavel Orlov.'), [
      { name: 'Pavel Orlov', type: 'PER', surfaces: ['Pavel Orlov'] },
    ]);
    const qs = findQuotes(doc);
    expect(qs).toHaveLength(1);
    expect(qs[0].speaker.entityId).toBe('e0');
    expect(qs[0].cue?.text).toBe('according to');
  });

  it('takes the subject of "was quoted by Y as saying", not Y', async () => {
    const doc = addEntities(
      await segmented('Presidential aide Lena Park was quoted by state television as saying that both sides would discuss "trade routes, water sharing and the new pipeline."'),
      [
        { name: 'Lena Park', type: 'PER', surfaces: ['Lena Park'] },
        { name: 'state television', type: 'ORG', surfaces: ['state television'] },
      ],
    );
    const qs = findQuotes(doc).filter((q) => q.direct);
    expect(qs).toHaveLength(1);
    expect(qs[0].direct).toBe(true);
    expect(qs[0].speaker.entityId).toBe('e0');
    expect(qs[0].cue?.text).toMatch(/quoted.*as saying/);
  });

  it('does not read scare quotes, titles or nicknames as quotes', async () => {
    const doc = await segmented(
      'The minister rejected "quasi-states" in the region and praised the film "Winter in the Valley". A fighter known as "The Wolf" was seen nearby.',
    );
    expect(findQuotes(doc).filter((q) => q.direct)).toEqual([]);
  });
});

describe('indirect quotes', () => {
  it('reads "X told Y that …" with the reported clause as the span', async () => {
    const doc = addEntities(await segmented('Finance Minister Omar Haddad told Reuters that the budget would be cut by a fifth.'), [
      { name: 'Omar Haddad', type: 'PER', surfaces: ['Omar Haddad'] },
      { name: 'Reuters', type: 'ORG', surfaces: ['Reuters'] },
    ]);
    const qs = findQuotes(doc);
    expect(qs).toHaveLength(1);
    expect(qs[0]).toMatchObject({ direct: false, text: 'the budget would be cut by a fifth' });
    expect(qs[0].speaker.entityId).toBe('e0');
    expect(qs[0].cue?.text).toBe('told');
  });

  it('reads "X said they would …" without "that"', async () => {
    const doc = addEntities(await segmented('Haddad said they would review the whole tax code next year.'), [
      { name: 'Omar Haddad', type: 'PER', surfaces: ['Haddad'] },
    ]);
    const qs = findQuotes(doc);
    expect(qs).toHaveLength(1);
    expect(qs[0].text).toBe('they would review the whole tax code next year');
    expect(speakerName(doc, qs[0])).toBe('Omar Haddad');
  });

  it('reads a trailing cue "…, the council said."', async () => {
    const doc = await segmented('The old bridge will reopen to traffic in May, the city council said.');
    const qs = findQuotes(doc);
    expect(qs).toHaveLength(1);
    expect(qs[0]).toMatchObject({ direct: false, text: 'The old bridge will reopen to traffic in May' });
    expect(qs[0].speaker.text).toBe('the city council');
  });

  it('keeps the direct quote and its reported clause, with one cue, when "said that" introduces one', async () => {
    const doc = await segmented('Kim also said that the delegations will discuss "fishing rights, customs rules and the border crossings."');
    const qs = findQuotes(doc);
    expect(qs).toHaveLength(2);
    const direct = qs.find((q) => q.direct)!;
    const clause = qs.find((q) => !q.direct)!;
    expect(direct.text).toBe('fishing rights, customs rules and the border crossings.');
    expect(clause.text).toMatch(/^the delegations will discuss "fishing rights.*crossings\.$/);
    expect(direct.speaker.text).toBe('Kim');
    expect(clause.speaker.text).toBe('Kim');
    expect(clause.cue?.start).toBe(direct.cue?.start);
  });

  it('finds nothing where a speech verb reports no clause', async () => {
    const doc = await segmented('The minister said nothing. Officials declined to comment on the report.');
    expect(findQuotes(doc)).toEqual([]);
  });

  it('resolves "He also vowed that …" to the last person named', async () => {
    const doc = addEntities(
      await segmented('Prime Minister Sven Aalto met union leaders on Friday.\n\nHe also vowed that the factory would not close this year.'),
      [{ name: 'Sven Aalto', type: 'PER', surfaces: ['Sven Aalto'] }],
    );
    const qs = findQuotes(doc);
    expect(qs).toHaveLength(1);
    expect(qs[0].text).toBe('the factory would not close this year');
    expect(speakerName(doc, qs[0])).toBe('Sven Aalto');
  });

  it('runs as a stage and handles empty input', async () => {
    const doc = await segmented('');
    quotesStage.run(doc, undefined as never);
    expect(doc.quotes).toEqual([]);
  });
});

describe('cases_dev.jsonl quotes cases', () => {
  const file = path.join(shared, 'gold', 'cases', 'cases_dev.jsonl');
  const cases = fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l))
        .filter((c) => c.area === 'quotes')
    : [];
  it('has quotes cases', () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    it(c.id, async () => {
      const doc = await withEntities(c.input);
      const qs = findQuotes(doc);
      for (const exp of c.expected.quotes ?? []) {
        const q = qs.find((x) => x.text.trim() === exp.text.trim());
        expect(q, exp.text).toBeDefined();
        expect(q!.direct).toBe(exp.type === 'direct');
        const clean = (s: string) => s.replace(/["“”]/g, '').replace(/[.,\s]+$/, '').trim();
        expect([clean(speakerName(doc, q!)), clean(q!.speaker.text)]).toContain(exp.speaker);
        if (exp.speaker_mention) expect(doc.text.slice(q!.speaker.start!, q!.speaker.end!)).toBe(exp.speaker_mention);
      }
      for (const nq of c.expected.not_quotes ?? []) {
        const surface = String(nq).replace(/\s*\(.*$/, '');
        expect(qs.some((q) => q.text.replace(/[.,]+$/, '') === surface)).toBe(false);
      }
      expect(qs.filter((q) => q.direct)).toHaveLength((c.expected.quotes ?? []).filter((q: { type: string }) => q.type === 'direct').length);
    });
  }
});

describe('attribution kinds scored on PolNeAR (our own sentences)', () => {
  it('gives a continued quote the cue of its first part', async () => {
    const doc = await segmented('The harbour master said: "Two ships are waiting outside.\n\n"They will come in at dawn."');
    const qs = findQuotes(doc).filter((q) => q.direct);
    expect(qs).toHaveLength(2);
    expect(qs[1].cue?.text).toBe('said');
    expect(qs[1].cue?.start).toBe(qs[0].cue?.start);
  });
  it('takes a cue that ends the previous paragraph with a colon', async () => {
    const doc = await segmented('The governor said:\n\n"The roads will be cleared before the holiday."');
    const qs = findQuotes(doc);
    expect(qs).toHaveLength(1);
    expect(qs[0].speaker.text).toBe('The governor');
    expect(qs[0].cue?.text).toBe('said');
  });
  it('reads transcript turns "NAME: …" inside quotation marks', async () => {
    const doc = await segmented('"HOST: Will the ferry run on Sunday?"\n\n"OKAFOR: It will run, but only in the morning."');
    const qs = findQuotes(doc);
    expect(qs.map((q) => [q.speaker.text, q.cue?.text, q.text])).toEqual([
      ['HOST', ':', 'Will the ferry run on Sunday?'],
      ['OKAFOR', ':', 'It will run, but only in the morning.'],
    ]);
  });
  it('reads "told X how …" with the wh-clause as the content', async () => {
    const doc = await segmented('The farmer told reporters on Friday how the flood had ruined the harvest.');
    const qs = findQuotes(doc);
    expect(qs).toHaveLength(1);
    expect(qs[0].text).toBe('how the flood had ruined the harvest');
  });
  it('reads report and belief verbs only with "that"', async () => {
    const a = findQuotes(await segmented('A survey found that most drivers want a new toll.'));
    expect(a.map((q) => [q.speaker.text, q.cue?.text, q.text])).toEqual([['A survey', 'found', 'most drivers want a new toll']]);
    expect(findQuotes(await segmented('The inspectors found the papers in a drawer.'))).toHaveLength(0);
  });
  it('takes "officials in X" as the speaker, not X', async () => {
    const doc = addEntities(await segmented('Officials in Tirana said the port would stay closed.'), [{ name: 'Tirana', type: 'LOC', surfaces: ['Tirana'] }]);
    const qs = findQuotes(doc);
    expect(qs[0].speaker.text).toBe('Officials in Tirana');
  });
  it("reads two apostrophes '' as quotation marks", async () => {
    const qs = findQuotes(await segmented("''We will open the school in March,'' the headmaster told the council."));
    expect(qs.map((q) => [q.text, q.speaker.text, q.cue?.text])).toEqual([['We will open the school in March,', 'the headmaster', 'told']]);
  });
  it('reads a clause that starts with an adverb ("says too much is made of …")', async () => {
    const qs = findQuotes(await segmented('The governor says too much is made of the delays.'));
    expect(qs.map((q) => q.text)).toEqual(['too much is made of the delays']);
  });
  it('reads a trailing "— according to X"', async () => {
    const qs = findQuotes(await segmented('Prices would rise by a fifth — according to the farmers union.'));
    expect(qs.map((q) => [q.speaker.text, q.text])).toEqual([['the farmers union', 'Prices would rise by a fifth']]);
  });
  it('takes the subject before a long appositive with a participle', async () => {
    const qs = findQuotes(await segmented('Lena Park, a senior adviser for housing working at the regional planning office, said rents would fall.'));
    expect(qs[0].speaker.text).toBe('Lena Park');
    expect(qs[0].text).toBe('rents would fall');
  });
  it('reads a parenthetical cue as two parts of one attribution', async () => {
    const qs = findQuotes(await segmented('In the capital, the minister said, the workers decided to end the strike.'));
    expect(qs.map((q) => q.text)).toEqual(['In the capital', 'the workers decided to end the strike']);
    expect(new Set(qs.map((q) => q.cue?.start)).size).toBe(1);
  });
});

