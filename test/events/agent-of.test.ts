import { describe, it, expect, beforeAll } from 'vitest';
import { createAnalyzer, type Analyzer } from '../../src/pipeline.js';

// Sentences written for this test. An agent noun with no actor of its own takes the country of its
// of-phrase ("the mayor of <town>"): MAYOR and GOVERNOR are [~GOV] in Phoenix.agents.txt.
let analyzer: Analyzer;
beforeAll(() => {
  analyzer = createAnalyzer({ date: '2023-05-04' });
});

describe('agent nouns with an of-phrase', () => {
  it('codes "the mayor of the West Bank town of X" as the Palestinian government', async () => {
    const doc = await analyzer.analyze('Israel on Thursday released the mayor of the West Bank town of Jenin.', { input: 'fixture' });
    const e = doc.events.find((x) => x.cameo.startsWith('084'));
    expect(e?.source.actor).toBe('ISR');
    expect(e?.target?.actor).toBe('PSEGOV');
  });

  it('codes "the governor of <region>" as that country\'s government', async () => {
    const doc = await analyzer.analyze('Russia on Monday arrested the governor of the Ukrainian region of Kherson.', { input: 'fixture' });
    const e = doc.events.find((x) => x.cameo.startsWith('17'));
    expect(e?.source.actor).toMatch(/^RUS/);
    expect(e?.target?.actor).toBe('UKRGOV');
  });
});
