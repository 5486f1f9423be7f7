import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { bandKeys, estimateJaccard, minhash, shingleHashes, signatureFromBytes, signatureToBytes, MINHASH_DEFAULTS } from '../../src/cluster/minhash.js';
import { stripOutletSuffix, outletSuffix } from '../../src/cluster/titles.js';
import { clusterStories, datesCompatible, groupRealEvents, publisherOf, type ReportRow } from '../../src/cluster/dedup.js';

const BODY =
  'Ministers from the two countries met in the capital on Monday to discuss a new trade agreement covering grain, ' +
  'fertiliser and shipping. Officials said the talks would continue next week, and that a draft text could be ready ' +
  'by the end of the month. The opposition criticised the plan, saying it gave too much away to foreign exporters.';

function jaccard(a: Uint32Array, b: Uint32Array): number {
  const A = new Set(a);
  const B = new Set(b);
  let i = 0;
  for (const x of A) if (B.has(x)) i++;
  return i / (A.size + B.size - i);
}

describe('MinHash', () => {
  it('is deterministic and identical for identical texts', () => {
    expect(minhash(BODY)).toEqual(minhash(BODY));
    expect(estimateJaccard(minhash(BODY), minhash(BODY.toUpperCase()))).toBe(1);
    expect(signatureFromBytes(signatureToBytes(minhash(BODY)))).toEqual(minhash(BODY));
  });

  it('estimates the Jaccard similarity of the shingle sets', () => {
    const edited = BODY.replace('next week', 'on Friday').replace('grain', 'wheat') + ' Copyright Nordic Wire.';
    const exact = jaccard(shingleHashes(BODY), shingleHashes(edited));
    const est = estimateJaccard(minhash(BODY), minhash(edited));
    expect(exact).toBeGreaterThan(0.5);
    expect(Math.abs(est - exact)).toBeLessThan(0.2); // standard error sqrt(J(1-J)/64) ≈ 0.06
    expect(estimateJaccard(minhash(BODY), minhash('A storm closed the harbour at Bergen on Tuesday and ferries stayed in port.'))).toBeLessThan(0.1);
  });

  it('puts near-duplicates in a shared LSH band and keeps band keys stable', () => {
    const a = bandKeys(minhash(BODY));
    const b = bandKeys(minhash(BODY + ' (Reprinted from Nordic Wire.)'));
    expect(a.length).toBe(MINHASH_DEFAULTS.bands);
    expect(a.filter((k) => b.includes(k)).length).toBeGreaterThan(0);
    expect(() => bandKeys(new Uint32Array(3))).toThrow(RangeError);
  });

  it('never estimates outside [0, 1] (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (x, y) => {
        const j = estimateJaccard(minhash(x), minhash(y));
        return j >= 0 && j <= 1;
      }),
      { numRuns: 200 },
    );
  });
});

describe('outlet suffixes', () => {
  it('strips " - Outlet" and " | Site" suffixes, not dashes inside headlines', () => {
    expect(stripOutletSuffix('UAE says it is suspending commerce with Iran - Outlet A')).toBe('UAE says it is suspending commerce with Iran');
    expect(stripOutletSuffix('Talks resume in Geneva | World News | Example Times')).toBe('Talks resume in Geneva');
    expect(stripOutletSuffix('Up - and down')).toBe('Up - and down');
    expect(stripOutletSuffix('Markets rally as rates fall - analysts say the rally has a long way further to run now')).toContain('analysts');
    expect(outletSuffix('Storm hits coast - Outlet B')).toBe('Outlet B');
    expect(outletSuffix('Storm hits coast')).toBeUndefined();
  });
});

describe('clusterStories', () => {
  it('joins verified candidates transitively, keeps singletons, names the original publisher', () => {
    const sig = new Map([
      ['a', minhash(BODY)],
      ['b', minhash(BODY + ' Reprinted from Nordic Wire.')],
      ['c', minhash(BODY + ' Reprinted from Nordic Wire. More at our site.')],
      ['d', minhash('Completely different text about a football match in Madrid that ended in a draw after extra time.')],
    ]);
    const stories = [
      { id: 'b', published: '2023-05-09', originalPublisher: 'Nordic Wire' },
      { id: 'a', published: '2023-05-08', originalPublisher: null },
      { id: 'c', published: null, originalPublisher: null },
      { id: 'd', published: '2023-05-08', originalPublisher: null },
    ];
    const out = clusterStories(stories, [['a', 'b', 'd'], ['b', 'c']], (id) => sig.get(id));
    const by = Object.fromEntries(out.map((c) => [c.storyId, c]));
    expect(by.a.clusterId).toBe('a'); // earliest published is the representative
    expect(by.b.clusterId).toBe('a');
    expect(by.c.clusterId).toBe('a');
    expect(by.a.size).toBe(3);
    expect(by.a.originalPublisher).toBe('Nordic Wire');
    expect(by.d).toMatchObject({ clusterId: 'd', size: 1, originalPublisher: null });
    expect(clusterStories([...stories].reverse(), [['c', 'b'], ['d', 'b', 'a']], (id) => sig.get(id))).toEqual(out);
  });
});

describe('groupRealEvents', () => {
  const row = (p: Partial<ReportRow>): ReportRow => ({
    storyId: 's1', ord: 0, eventId: 'ev1', cameo: '042', root: '04', sourceActor: 'NORGOV', targetActor: 'FINGOV',
    date: '2023-05-08', geonamesId: 658225, placeName: 'Helsinki', lat: 60.17, lon: 24.94, modality: 'asserted',
    published: '2023-05-08', publisher: 'a.example', clusterId: 's1', ...p,
  });

  it('merges reports of one event across stories and counts mentions, sources, articles and clusters', () => {
    const rows = [
      row({}),
      row({ ord: 3, eventId: 'ev4', cameo: '043' }), // second mention in the same story, compatible code
      row({ storyId: 's2', clusterId: 's1', publisher: 'b.example', date: '2023-05' }), // a reprint, month precision
      row({ storyId: 's3', clusterId: 's3', publisher: 'a.example', geonamesId: null, placeName: null, modality: 'reported' }),
      row({ storyId: 's4', clusterId: 's4', date: '2023-05-09' }), // another day: another event
      row({ storyId: 's5', clusterId: 's5', geonamesId: 2673730 }), // another place
      row({ storyId: 's6', clusterId: 's6', root: '11', cameo: '111' }), // another root
      row({ storyId: 's7', clusterId: 's7', modality: 'negated' }), // no event
      row({ storyId: 's8', clusterId: 's8', modality: 'planned' }), // planned stays apart
    ];
    const { events, reports } = groupRealEvents(rows);
    const main = events.find((e) => e.numArticles === 3)!;
    expect(main).toMatchObject({ cameo: '042', date: '2023-05-08', numMentions: 4, numSources: 2, numArticles: 3, numClusters: 2, geonamesId: 658225, status: 'happened' });
    expect(events.length).toBe(5);
    expect(reports.length).toBe(8);
    expect(groupRealEvents([...rows].reverse())).toEqual({ events, reports: expect.arrayContaining(reports) });
    expect(groupRealEvents([...rows].reverse()).events.map((e) => e.id)).toEqual(events.map((e) => e.id));
  });

  it('compares dates within their precision', () => {
    expect(datesCompatible('2023-05', '2023-05-08')).toBe(true);
    expect(datesCompatible('2023-05-08', '2023-05-09')).toBe(false);
    expect(datesCompatible(null, '2023')).toBe(false);
    expect(datesCompatible(null, null)).toBe(true);
    expect(publisherOf({ url: 'https://www.example.org/x' })).toBe('example.org');
    expect(publisherOf({ publisher: 'Outlet A', url: 'https://x.example' })).toBe('Outlet A');
    expect(publisherOf({ url: 'not a url' })).toBeNull();
  });
});
