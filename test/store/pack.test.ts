import { describe, it, expect } from 'vitest';
import { createAnalyzer } from '../../src/pipeline.js';
import { toJSON } from '../../src/doc/serialize.js';
import { packDocJSON, unpackDocJSON } from '../../src/store/rows.js';
import { makeDoc } from '../output/fixture.js';

describe('packed token layer', () => {
  it('restores an analysed Doc exactly and is much smaller', async () => {
    const doc = await createAnalyzer().analyze(
      'GENEVA — The foreign ministers of Norway and Chile met in Geneva on Tuesday. They agreed to resume trade talks, officials said. ' +
        "Chile's minister will visit Oslo in March.",
      { input: 'pack.txt' },
    );
    expect(doc.tokens.length).toBeGreaterThan(20);
    const packed = packDocJSON(doc, doc.id);
    expect(unpackDocJSON(packed)).toEqual(JSON.parse(JSON.stringify(toJSON(doc))));
    expect(packed.length).toBeLessThan(JSON.stringify(toJSON(doc)).length * 0.85);
  });

  it('keeps a token layer it cannot pack losslessly as it is', () => {
    const doc = makeDoc();
    doc.tokens = [{ start: 0, end: 4, text: 'XXXX', pos: 'PROPN', sentence: 0 }];
    const back = unpackDocJSON(packDocJSON(doc, doc.id)) as { tokens: unknown };
    expect(back.tokens).toEqual(doc.tokens);
    doc.tokens = [{ start: 0, end: 4, text: 'OSLO', pos: 'PROPN', sentence: 0 }];
    expect((unpackDocJSON(packDocJSON(doc, doc.id)) as { tokens: unknown }).tokens).toEqual(doc.tokens);
  });
});
