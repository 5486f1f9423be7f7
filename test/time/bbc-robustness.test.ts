import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { extractTimexes } from '../../src/time/timex.js';
import { segmentText } from './helpers.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bbc = path.resolve(repoRoot, '..', 'shared', 'corpora', 'bbc-news', 'bbc');

test('speed on BBC news stories (ms per story, timexes per second)', () => {
  const texts: string[] = [];
  for (const topic of ['business', 'politics', 'sport', 'tech', 'entertainment']) {
    const dir = path.join(bbc, topic);
    for (const f of fs.readdirSync(dir).sort().slice(0, 40)) texts.push(fs.readFileSync(path.join(dir, f), 'latin1'));
  }
  const segs = texts.map((t) => segmentText(t));
  for (const t of texts.slice(0, 10)) extractTimexes(t, '2005-03-01'); // warm up
  let n = 0;
  const t0 = performance.now();
  for (let i = 0; i < texts.length; i++) n += extractTimexes(texts[i], '2005-03-01', segs[i]).length;
  const ms = performance.now() - t0;
  const perStory = ms / texts.length;
  console.log(`time stage core: ${texts.length} BBC stories, ${n} timexes, ${perStory.toFixed(2)} ms/story, ${(n / (ms / 1000)).toFixed(0)} timexes/s, ${(texts.length / (ms / 1000)).toFixed(0)} stories/s`);
  expect(n).toBeGreaterThan(texts.length); // news stories are full of dates
});
