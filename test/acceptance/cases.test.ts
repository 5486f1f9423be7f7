/**
 * The small hard cases of ../shared/gold/cases/cases_dev.jsonl, scored per area by the same code
 * as `dateline eval cases`. Floors are the figures measured when this test was written (see README);
 * a drop fails the test.
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { createAnalyzer, type Analyzer } from '../../src/pipeline.js';
import { loadCases, scoreCases } from '../../src/eval/cases.js';
import { sharedDir, hasShared } from '../helpers/shared.js';

describe.skipIf(!hasShared)('cases_dev', () => {
  it('keeps every area at or above its floor', async () => {
    const cases = loadCases(path.join(sharedDir, 'gold', 'cases', 'cases_dev.jsonl'));
    const analyzers = new Map<string, Analyzer>();
    const report = await scoreCases(cases, (input, o) => {
      const key = o.date ?? '';
      if (!analyzers.has(key)) analyzers.set(key, createAnalyzer({ date: o.date }));
      return analyzers.get(key)!.analyze(input, { input: 'case' });
    });
    const area = (name: string) => report.areas.find((a) => a.layer === name)!;
    expect(area('dates').f1).toBe(1);
    expect(area('quotes').f1).toBe(1);
    expect(area('entities').f1).toBe(1);
    expect(area('geo').f1).toBe(1);
    expect(area('events').f1).toBe(1);
    expect(area('extraction').f1).toBe(1);
    expect(area('dedup').f1).toBe(1);
    expect(report.overall.f1).toBe(1);
  });
});
