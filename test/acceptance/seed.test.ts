/**
 * Acceptance on the seed story (issue 2): the whole pipeline on ../shared/seed/putin-tajikistan.txt
 * with --date 2022-06-28, scored against ../shared/gold/putin-tajikistan.gold.json.
 * Floors: every required gold event, no must_not violation (no asserted 057), both flags, at least
 * 90% of gold entities with the right type and actor code, every gold timex value.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createAnalyzer } from '../../src/pipeline.js';
import { loadGold, scoreGold, type GoldReport } from '../../src/eval/gold.js';
import type { Doc } from '../../src/doc/types.js';
import { sharedDir, hasShared } from '../helpers/shared.js';

describe.skipIf(!hasShared)('seed story acceptance', () => {
  let doc: Doc;
  let report: GoldReport;
  const gold = hasShared ? loadGold(path.join(sharedDir, 'gold', 'putin-tajikistan.gold.json')) : (null as never);
  const layer = (name: string) => report.layers.find((l) => l.layer === name)!;
  const attr = (name: string) => report.attributes.find((a) => a.name === name)!;

  beforeAll(async () => {
    const analyzer = createAnalyzer({ date: '2022-06-28' });
    doc = await analyzer.analyze(fs.readFileSync(path.join(sharedDir, 'seed', 'putin-tajikistan.txt')), { input: 'seed' });
    report = scoreGold(doc, gold);
  });

  it('finds every required gold event with its code, actors and modality', () => {
    expect(report.requiredEvents.total).toBeGreaterThanOrEqual(6);
    expect(report.requiredEvents.found).toBe(report.requiredEvents.total);
  });

  it('never codes the negated signing as an asserted 057', () => {
    expect(report.mustNot.violations).toBe(0);
    expect(doc.events.some((e) => e.cameo.startsWith('057') && e.modality === 'asserted')).toBe(false);
  });

  it('raises both flags: the date conflict and the anachronism', () => {
    const kinds = doc.flags.map((f) => f.kind);
    expect(kinds).toContain('date-conflict');
    expect(kinds).toContain('anachronism');
    expect(layer('flags').recall).toBe(1);
  });

  it('finds at least 90% of gold entities with the right type and actor code', () => {
    const ents = layer('entities');
    expect(ents.recall).toBeGreaterThanOrEqual(0.9);
    const actor = attr('entity.actor');
    expect(actor.correct / actor.total).toBeGreaterThanOrEqual(0.9);
    expect(ents.precision).toBeGreaterThanOrEqual(0.8);
  });

  it('normalizes every gold timex to its TIMEX3 value', () => {
    expect(layer('timexes.value').recall).toBe(1);
  });

  it('recognizes the metadata: title, dateline, reprint, copyright year', () => {
    expect(layer('metadata').recall).toBe(1);
    expect(doc.meta.publishedSource).toBe('given');
  });

  it('keeps quantities and quotes at their measured floors', () => {
    expect(layer('quantities.value').recall).toBe(1);
    expect(layer('quotes.speaker').recall).toBe(1);
  });

  it('links every event to its sentence and trigger words', () => {
    for (const e of doc.events) {
      expect(doc.text.slice(e.trigger.start, e.trigger.end)).toBe(e.trigger.text);
      expect(e.sentence.start).toBeLessThanOrEqual(e.trigger.start);
      expect(e.sentence.end).toBeGreaterThanOrEqual(e.trigger.end);
    }
  });
});
