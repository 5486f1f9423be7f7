/**
 * Quotes and attribution on PolNeAR dev (../shared/gold/quotes/polnear/data/dev): source, cue and
 * content F1 as defined in src/eval/quotes.ts, with floors a little below the measured figures
 * (2026-11-29: content F1 53.7 %, cue 43.7 %, source 45.2 %, source+cue+content 43.0 %; before the
 * quote fixes of that day 30.4 % source+cue+content). Also unit checks of the matching on our own
 * made-up text. Skipped when ../shared is absent.
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { sharedDir, hasShared } from '../helpers/shared.js';
import { evalQuotes, parseBratAttributions, scoreArticle, offsetMapper } from '../../src/eval/quotes.js';
import type { Quote } from '../../src/doc/types.js';

describe('PolNeAR matching', () => {
  const text = 'The mayor said the bridge will reopen in May. "We are ready," she added.';
  const ann = [
    'T1\tSource 0 9\tThe mayor',
    'T2\tCue 10 14\tsaid',
    'T3\tContent 15 44\tthe bridge will reopen in May',
    'T4\tAttribution 10 14\tsaid',
    'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1',
    'T5\tContent 46 60\t"We are ready,"',
    'T6\tCue 65 70\tadded',
    'T7\tAttribution 65 70\tadded',
    'E2\tAttribution-no-source:T7 Content:T5 Cue:T6',
  ].join('\n');
  it('reads relations with and without a source', () => {
    const g = parseBratAttributions(ann);
    expect(g).toHaveLength(2);
    expect(g[0].source).toEqual([[0, 9]]);
    expect(g[1].source).toBeNull();
  });
  it('pairs by token Dice and scores cue and source', () => {
    const q = (start: number, end: number, direct: boolean, speaker: Quote['speaker'], cue: [number, number]): Quote => ({
      start, end, text: text.slice(start, end), direct, speaker, cue: { start: cue[0], end: cue[1], text: text.slice(cue[0], cue[1]) },
    });
    const preds = [
      q(15, 37, false, { text: 'The mayor', start: 0, end: 9 }, [10, 14]), // 5 of 6 content tokens
      q(47, 59, true, { text: 'she', start: 61, end: 64 }, [30, 36]), // wrong cue
    ];
    const s = scoreArticle('x', text, parseBratAttributions(ann), preds);
    expect(s.content).toBe(2);
    expect(s.cue).toBe(1);
    expect(s.all).toBe(1);
  });
  it('maps offsets of a text whose headline the pipeline dropped', () => {
    const orig = 'Headline here\n\nBody  text starts.';
    const clean = 'Body text starts.';
    const m = offsetMapper(orig, clean);
    expect(orig.slice(m(0), m(4, true))).toBe('Body');
    expect(orig.slice(m(5), m(9, true))).toBe('text');
  });
});

describe.skipIf(!hasShared)('PolNeAR dev: source, cue and content F1', () => {
  it('keeps the measured floors', async () => {
    const r = await evalQuotes(path.join(sharedDir, 'gold', 'quotes', 'polnear', 'data', 'dev'));
    expect(r.articles).toBe(84);
    expect(r.content.f1).toBeGreaterThanOrEqual(0.52);
    expect(r.cue.f1).toBeGreaterThanOrEqual(0.42);
    expect(r.source.f1).toBeGreaterThanOrEqual(0.43);
    expect(r.all.f1).toBeGreaterThanOrEqual(0.41);
    expect(r.all.precision).toBeGreaterThanOrEqual(0.68);
  }, 300_000);
});
