/**
 * Gold test: the seed story through the whole pipeline, checked against the required events and
 * must_not rules of ../shared/gold/putin-tajikistan.gold.json, and the `events` cases of
 * ../shared/gold/cases/cases_dev.jsonl. Skipped when ../shared is absent.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Event } from '../../src/doc/types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = path.resolve(repoRoot, '..', 'shared');
const haveShared = fs.existsSync(path.join(shared, 'gold', 'putin-tajikistan.gold.json'));

interface GoldEvent {
  id: string;
  source: string[];
  target: string[];
  cameo_any_of: string[];
  date?: string;
  date_before?: string;
  date_any_of?: string[];
  place?: string;
  modality?: string;
  modality_any_of?: string[];
  required: boolean;
}

async function analyzeText(text: string, date: string) {
  const { analyze } = await import('../../src/pipeline.js');
  return analyze(text, { date });
}

describe.skipIf(!haveShared)('events gold: seed story', () => {
  it('codes every required gold event and no asserted signing', async () => {
    const gold = JSON.parse(fs.readFileSync(path.join(shared, 'gold', 'putin-tajikistan.gold.json'), 'utf8'));
    const text = fs.readFileSync(path.join(shared, 'seed', 'putin-tajikistan.txt'), 'utf8');
    const doc = await analyzeText(text, gold.reference_date);
    const matches = (g: GoldEvent, e: Event) =>
      g.source.includes(e.source.actor) &&
      !!e.target && g.target.includes(e.target.actor) &&
      g.cameo_any_of.includes(e.cameo) &&
      (!g.modality || e.modality === g.modality) &&
      (!g.modality_any_of || g.modality_any_of.includes(e.modality));
    const missing: string[] = [];
    for (const g of gold.events as GoldEvent[]) {
      if (!g.required) continue;
      const found = doc.events.filter((e) => matches(g, e));
      if (!found.length) { missing.push(g.id); continue; }
      // date: exact, month prefix, or (date_before) unknown/earlier than the reference date
      const okDate = found.some((e) =>
        g.date ? e.date === g.date : g.date_any_of ? g.date_any_of.some((d) => (e.date ?? '').startsWith(d)) : g.date_before ? e.date === null || e.date < g.date_before : true);
      if (!okDate) missing.push(`${g.id} (date)`);
      if (g.place && !found.some((e) => e.place?.name === g.place)) missing.push(`${g.id} (place)`);
    }
    expect(missing).toEqual([]);
    for (const m of gold.must_not as Array<{ cameo_any_of: string[]; modality: string }>) {
      expect(doc.events.filter((e) => m.cameo_any_of.includes(e.cameo) && e.modality === m.modality)).toEqual([]);
    }
  }, 60_000);
});

describe.skipIf(!haveShared)('events gold: dev cases', () => {
  const file = path.join(shared, 'gold', 'cases', 'cases_dev.jsonl');
  const cases = haveShared
    ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((c) => c.area === 'events')
    : [];
  for (const c of cases) {
    it(c.id, async () => {
      const doc = await analyzeText(c.input, c.reference_date ?? '2022-06-29');
      const want = (c.expected.events as Array<{ optional?: boolean; source: { code: string }; target: { code: string }; cameo: string }>).filter((e) => !e.optional);
      for (const w of want) {
        const tcodes = w.target.code.match(/[A-Z]{3,}/g) ?? [];
        const hit = doc.events.find((e) => e.source.actor === w.source.code && e.cameo === w.cameo && tcodes.some((t) => e.target?.actor.startsWith(t.slice(0, 3))));
        expect(hit, `${c.id}: ${w.source.code} ${w.cameo} ${w.target.code} in ${doc.events.map((e) => `${e.source.actor} ${e.cameo} ${e.target?.actor}`).join('; ')}`).toBeTruthy();
      }
    }, 60_000);
  }
});
