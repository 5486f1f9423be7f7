import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { clusterHeadlines, crudeStem, scoreDedupCase, type HeadlineItem } from '../../src/cluster/headlines.js';
import { createAnalyzer } from '../../src/pipeline.js';
import { sharedDir, hasShared } from '../helpers/shared.js';

describe('clusterHeadlines (own fixtures)', () => {
  const it_ = (title: string, entityKeys: string[], entityWords: string[] = []): HeadlineItem => ({ title, entityKeys, entityWords });
  it('joins paraphrases that share the entity set and a content word, not other events of the same parties', () => {
    const items = [
      it_('Norway halts fish exports to Chile after port strike', ['NOR', 'CHL'], ['norway', 'chile']),
      it_('Oslo suspends fish sales to Chile as dockers walk out', ['NOR', 'CHL'], ['oslo', 'chile']),
      it_('Norway and Chile sign climate pact', ['NOR', 'CHL'], ['norway', 'chile']),
      it_('Storm closes Bergen harbour', ['gn:3161732'], ['bergen']),
      it_('Storm closes Bergen harbour again', ['gn:3161732'], ['bergen']),
    ];
    expect(clusterHeadlines(items)).toEqual([[0, 1], [2], [3, 4]]);
    expect(crudeStem('missiles')).toBe(crudeStem('missile'));
    expect(crudeStem('suspending')).toBe('suspend');
  });
});

describe.runIf(hasShared)('dedup hard cases (dev)', () => {
  it('clusters the headlines of one event and finds the shared entities', async () => {
    const lines = fs.readFileSync(path.join(sharedDir, 'gold', 'cases', 'cases_dev.jsonl'), 'utf8').split('\n').filter(Boolean);
    const cases = lines.map((l) => JSON.parse(l)).filter((c) => c.area === 'dedup' && Array.isArray(c.input));
    expect(cases.length).toBeGreaterThan(0);
    const analyzer = createAnalyzer();
    let pass = 0;
    let total = 0;
    for (const c of cases) {
      const r = await scoreDedupCase(c.input, c.expected, (t) => analyzer.analyze(t));
      total += 1 + r.sharedEntities.length;
      pass += (r.clustersPass ? 1 : 0) + r.sharedEntities.filter((s) => s.pass).length;
    }
    expect(pass / total).toBeGreaterThanOrEqual(1); // floor: every dev dedup item (3 of 3 when written)
  });
});
