import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { sharedDir, hasShared } from '../helpers/shared.js';
import { evalPlover } from '../../src/eval/plover.js';

// Floors measured 2026-11-29 on plover_gsr_dev.jsonl (179 records): event type F1 32.4 %,
// (type, actor, recipient) F1 20.2 % (before that day's fixes: 28.6 % and 17.2 %). A rule taking an in-place's country as the
// target of an act with no actor object gave 33.5 % / 20.6 % but mostly wrong events on BBC stories
// ("defend the title in Sheffield"): not kept. With "X said Y must V" as a demand (and the
// demand's that-clause subject as its target): 34.4 % and 22.0 %. Later the same day 56.6 % and 36.5 %:
// the evaluation codes with require_dyad false (PLOVER events may have no recipient) and pairs the
// gold's SRC/TAR actors both ways; in that mode a target-less verb takes its verb phrase's first
// actor (the in-place rule above stays out of the default coder), unnamed groups of people get a
// country from their context, planned acts are typed AGREE / THREATEN. Then 63.6 % and 41.2 %:
// CAMEO 18 vs 19 for killing and wounding, attributive participles and reduced relatives not coded,
// blocking a road as protest, verb additions (curfew, blockade, forces, aid cuts), 081x as CONCEDE;
// 65.1 % / 42.8 % after actor fixes (Hamas as a place, PRC, plural demonyms) and military craft.
describe.skipIf(!hasShared)('PLOVER gold records (dev)', () => {
  it('keeps event type and triple F1 at their floors', async () => {
    const r = await evalPlover(path.join(sharedDir, 'gold', 'events', 'plover', 'plover_gsr_dev.jsonl'));
    expect(r.records).toBe(179);
    expect(r.type.f1).toBeGreaterThanOrEqual(0.64);
    expect(r.triple.f1).toBeGreaterThanOrEqual(0.42);
  }, 120_000);
});
