/**
 * Throughput and robustness of decode + ingest + clean over the BBC News corpus
 * (../shared/corpora/bbc-news/bbc/<topic>/<n>.txt, 2,225 stories). Skipped when absent.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { readInputs } from '../../src/ingest/read.js';
import { inputToDoc } from '../../src/ingest/input.js';
import { ingestStage, cleanStage } from '../../src/ingest/stage.js';
import { createContext } from '../../src/context.js';
import { sharedDir } from './helpers.js';

const bbc = path.join(sharedDir, 'corpora', 'bbc-news', 'bbc');

describe.skipIf(!fs.existsSync(bbc))('BBC News robustness', () => {
  it('ingests and cleans every story without errors or false debris (speed is printed, not asserted: see bench/)', async () => {
    const items: Array<{ name: string; bytes: Buffer }> = [];
    for await (const it of readInputs([bbc])) if (it.bytes && it.name.endsWith('.txt')) items.push({ name: it.name, bytes: it.bytes });
    expect(items.length).toBeGreaterThan(2000);
    const ctx = createContext({});
    let errors = 0;
    let titles = 0;
    let debris = 0;
    let best = 0;
    for (let rep = 0; rep < 3; rep++) {
      const t0 = performance.now();
      for (const it of items) {
        try {
          const doc = inputToDoc(it);
          ingestStage.run(doc, ctx);
          cleanStage.run(doc, ctx);
          if (rep === 0) {
            if (doc.meta.title) titles++;
            debris += doc.meta.boilerplate?.length ?? 0;
          }
        } catch {
          if (rep === 0) errors++;
        }
      }
      best = Math.max(best, items.length / ((performance.now() - t0) / 1000));
    }
    console.log(`ingest+clean: ${Math.round(best)} stories/s over ${items.length} BBC stories; titles ${titles}; debris lines ${debris}`);
    expect(errors).toBe(0);
    expect(titles).toBe(items.length); // every BBC story starts with a headline line
    expect(debris).toBeLessThan(items.length * 0.01); // BBC text has no blog debris: removals would be false positives
  });
});
