/**
 * Gold test on the seed story: every gold quote, quantity and flag of
 * `../shared/gold/putin-tajikistan.gold.json` must come out of the full pipeline (`analyze`) with
 * the document date 2022-06-28. Read from `../shared`, never copied into the project.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Doc } from '../../src/doc/types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = path.resolve(repoRoot, '..', 'shared');
const seedFile = path.join(shared, 'seed', 'putin-tajikistan.txt');
const goldFile = path.join(shared, 'gold', 'putin-tajikistan.gold.json');
const have = fs.existsSync(seedFile) && fs.existsSync(goldFile);

interface Gold {
  quotes: Array<{ speaker: string; direct: boolean; contains: string }>;
  quantities: Array<{ text: string; value: number; unit: string; approximate?: boolean; bound?: 'min' | 'max' }>;
  flags: Array<{ kind: string; involves: string[] }>;
}

describe.skipIf(!have)('seed story gold: quotes, quantities, flags', () => {
  let doc: Doc;
  let gold: Gold;
  beforeAll(async () => {
    const { analyze } = await import('../../src/pipeline.js');
    gold = JSON.parse(fs.readFileSync(goldFile, 'utf8'));
    doc = await analyze(fs.readFileSync(seedFile), { date: '2022-06-28' });
  });

  it('finds every gold quote with its speaker entity', () => {
    for (const g of gold.quotes) {
      const q = doc.quotes.find((x) => x.text.includes(g.contains) && x.direct === g.direct);
      expect(q, g.contains).toBeDefined();
      const ent = doc.entities.find((e) => e.id === q!.speaker.entityId);
      expect(ent?.name, g.contains).toBe(g.speaker);
    }
  });

  it('finds every gold quantity with value, unit and hedge', () => {
    for (const g of gold.quantities) {
      const q = doc.quantities.find((x) => x.text.includes(g.text) || g.text.includes(x.text));
      expect(q, g.text).toBeDefined();
      expect(q!.value).toBe(g.value);
      expect(q!.unit).toBe(g.unit);
      expect(q!.approximate ?? false).toBe(g.approximate ?? false);
      expect(q!.bound).toBe(g.bound);
    }
  });

  it('raises both gold flags, each involving the gold items', () => {
    for (const g of gold.flags) {
      const f = doc.flags.find((x) => x.kind === g.kind && g.involves.every((s) => x.spans.some((sp) => sp.text === s) || x.message.includes(s)));
      expect(f, `${g.kind}: ${g.involves.join(', ')}`).toBeDefined();
    }
    expect(doc.flags.find((f) => f.kind === 'date-conflict')?.message).toContain('2022-06-29');
  });

  it('finds no quote in scare quotes', () => {
    expect(doc.quotes.some((q) => q.text === 'quasi-states')).toBe(false);
  });
});
