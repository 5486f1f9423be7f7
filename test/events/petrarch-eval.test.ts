import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { sharedDir, hasShared } from '../helpers/shared.js';
import { evalPetrarch } from '../../src/eval/petrarch.js';

// Floors measured 2026-11-29: run A 222/284 = 78.2 %, run B 152/188 = 80.9 % (PETRARCH-2: 32.0 %, 52.1 %;
// earlier that day 68.7 % and 64.4 %, when run B still coded the PETR-1 sentences against the UD suite's
// expectations for its rewritten ones). Later: run A 227/284 = 79.9 % (coordinated agents: "Danish
// media and government", "Lawmakers and officials in X", "Clerics and lawmakers"; an underscore
// token joins a lexicon phrase: "Dol_Amroth").
describe.skipIf(!hasShared)('PETRARCH unit-test records with the validation dictionaries', () => {
  const dir = path.join(sharedDir, 'gold', 'events', 'petrarch');
  const dict = path.join(sharedDir, 'dict', 'validation');
  it('run A (shipped expectations, PETR-1 verbs) beats PETRARCH-2', async () => {
    const r = await evalPetrarch(dir, dict, 'A');
    expect(r.records).toBe(284);
    expect(r.exactRate).toBeGreaterThanOrEqual(0.79);
    expect(r.exactRate).toBeGreaterThan(r.petrarch2?.exactRate ?? 0.32);
    expect(r.precision).toBeGreaterThanOrEqual(0.8);
  }, 120_000);
  it('run B (UD 2.02 expectations, PETR-2 verbs) beats PETRARCH-2', async () => {
    const r = await evalPetrarch(dir, dict, 'B');
    expect(r.records).toBe(188);
    expect(r.exactRate).toBeGreaterThanOrEqual(0.79);
    expect(r.exactRate).toBeGreaterThan(r.petrarch2?.exactRate ?? 0.521);
  }, 120_000);
});
