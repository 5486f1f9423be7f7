import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { extractTimexes } from '../../src/time/timex.js';
import type { Timex } from '../../src/doc/types.js';
import { segmentText } from './helpers.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = path.resolve(repoRoot, '..', 'shared');

interface GoldTimex {
  text: string;
  values: string[];
  charStart?: number;
}

/** Precision/recall of values: a predicted timex is correct when its text and value match a gold one. */
function score(pred: Timex[], gold: GoldTimex[]): { tp: number; pred: number; gold: number; missing: string[] } {
  let tp = 0;
  const missing: string[] = [];
  for (const g of gold) {
    const hit = pred.find((p) => p.text === g.text && g.values.includes(p.value) &&
      (g.charStart === undefined || p.start === g.charStart));
    if (hit) tp++;
    else missing.push(`${g.text}=${g.values.join('|')} got ${JSON.stringify(pred.map((p) => [p.text, p.value]))}`);
  }
  return { tp, pred: pred.length, gold: gold.length, missing };
}

function report(name: string, s: { tp: number; pred: number; gold: number }): void {
  const p = s.pred ? s.tp / s.pred : 1;
  const r = s.gold ? s.tp / s.gold : 1;
  console.log(`${name}: precision ${(100 * p).toFixed(1)}% (${s.tp}/${s.pred}), recall ${(100 * r).toFixed(1)}% (${s.tp}/${s.gold})`);
}

describe('gold: dates cases of cases_dev.jsonl', () => {
  const file = path.join(shared, 'gold', 'cases', 'cases_dev.jsonl');
  const cases = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim())
    .map((l) => JSON.parse(l)).filter((c) => c.area === 'dates');
  const total = { tp: 0, pred: 0, gold: 0 };

  test.each(cases.map((c) => [c.id, c]))('%s', (_, c) => {
    const gold: GoldTimex[] = c.expected.dates.map((d: Record<string, string | number>) => ({
      text: d.text as string,
      values: [d.value !== undefined ? String(d.value)
        : d.granularity === 'month' ? String(d.start).slice(0, 7) : String(d.start)],
      charStart: d.char_start as number | undefined,
    }));
    for (const withTokens of [false, true]) {
      const pred = extractTimexes(c.input, c.reference_date, withTokens ? segmentText(c.input) : {});
      const s = score(pred, gold);
      expect(s.missing, `${c.id} (tokens: ${withTokens})`).toEqual([]);
      expect(s.pred, `${c.id}: no extra timexes (tokens: ${withTokens}) ${JSON.stringify(pred.map((p) => p.text))}`).toBe(s.gold);
      for (const d of c.expected.dates) {
        if (d.granularity) expect(pred.find((p) => p.text === d.text)!.granularity).toBe(d.granularity);
      }
      if (withTokens) {
        total.tp += s.tp;
        total.pred += s.pred;
        total.gold += s.gold;
      }
    }
  });

  test('report', () => report('cases_dev dates', total));
});

describe('gold: seed story', () => {
  const gold = JSON.parse(fs.readFileSync(path.join(shared, 'gold', 'putin-tajikistan.gold.json'), 'utf8'));
  const text = fs.readFileSync(path.join(shared, 'seed', 'putin-tajikistan.txt'), 'utf8');
  const goldTimexes: GoldTimex[] = gold.timexes.map((t: { text: string; value?: string; any_of?: string[] }) => ({
    text: t.text, values: t.any_of ?? [t.value!],
  }));

  for (const withTokens of [false, true]) {
    test(`every gold timex is found with its value (tokens: ${withTokens})`, () => {
      const pred = extractTimexes(text, gold.reference_date, withTokens ? segmentText(text) : {});
      const s = score(pred, goldTimexes);
      expect(s.missing).toEqual([]);
      for (const g of gold.timexes) {
        expect(pred.find((p) => p.text === g.text)!.type).toBe(g.type);
      }
      // The only extra one is the boilerplate line's "1 month ago" (removed by cleaning upstream).
      const extra = pred.filter((p) => !goldTimexes.some((g) => g.text === p.text)).map((p) => p.text);
      expect(extra).toEqual(['1 month ago']);
      report(`seed (raw text, tokens: ${withTokens})`, s);
    });
  }
});
