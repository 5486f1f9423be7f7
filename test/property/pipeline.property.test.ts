/**
 * Property tests (fast-check) over the whole pipeline: for arbitrary Unicode text — news-like
 * sentences mixed with random code points, surrogate pairs, control characters, quotes and
 * punctuation — analysis never throws anything but a `DatelineError`, every offset of every layer
 * lies inside the text on code-unit boundaries that do not split a surrogate pair, every span's
 * `text` equals the slice it names, and the Doc JSON round-trips unchanged.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { createAnalyzer, type Analyzer } from '../../src/pipeline.js';
import { DatelineError } from '../../src/doc/errors.js';
import { toJSON, fromJSON } from '../../src/doc/serialize.js';
import type { Doc } from '../../src/doc/types.js';

const WORDS = [
  'President', 'Minister', 'visited', 'Paris', 'on', 'Monday', 'said', 'will', 'not', 'sign', 'the', 'talks',
  'Moscow', 'Kyiv', '"', '“', '”', ',', '.', '--', '(Reuters)', '2022', 'June', '28', 'about', '7,000', 'troops',
  'Ana', 'López', 'Øresund', '北京', 'الرياض', '😀', '\u200f', '\u0000', '\t', '\n\n', 'e\u0301', 'St.', 'U.S.',
  'one-day', 'up', 'to', '500', 'kilometers', 'Copyright', '(c)', 'Reprinted', 'ago', 'Comments', 'Off',
];

const newsLike = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ unit: 'grapheme', maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 })), { minLength: 1, maxLength: 60 })
  .map((ws) => ws.join(' '));

function isHighSurrogate(c: number) { return c >= 0xd800 && c <= 0xdbff; }
function isLowSurrogate(c: number) { return c >= 0xdc00 && c <= 0xdfff; }

/** Every `{start, end}` in the Doc's layers, with where it was found. */
function spans(doc: Doc): Array<{ where: string; start: number; end: number; text?: string }> {
  const out: Array<{ where: string; start: number; end: number; text?: string }> = [];
  const layers = ['sentences', 'tokens', 'mentions', 'timexes', 'places', 'quotes', 'quantities'] as const;
  for (const l of layers) for (const s of doc[l] as Array<{ start: number; end: number; text?: string }>) out.push({ where: l, ...s });
  for (const e of doc.events) {
    out.push({ where: 'event.sentence', ...e.sentence });
    out.push({ where: 'event.trigger', ...e.trigger });
  }
  for (const q of doc.quotes) if (q.cue) out.push({ where: 'quote.cue', ...q.cue });
  for (const f of doc.flags) for (const s of f.spans) out.push({ where: 'flag', ...s });
  return out;
}

function checkDoc(doc: Doc): void {
  const n = doc.text.length;
  for (const s of spans(doc)) {
    expect(Number.isInteger(s.start) && Number.isInteger(s.end), s.where).toBe(true);
    expect(s.start >= 0 && s.start <= s.end && s.end <= n, `${s.where} ${s.start}-${s.end} of ${n}`).toBe(true);
    if (s.start > 0 && s.start < n) expect(isLowSurrogate(doc.text.charCodeAt(s.start)) && isHighSurrogate(doc.text.charCodeAt(s.start - 1)), `${s.where} splits a pair at ${s.start}`).toBe(false);
    if (s.end > 0 && s.end < n) expect(isLowSurrogate(doc.text.charCodeAt(s.end)) && isHighSurrogate(doc.text.charCodeAt(s.end - 1)), `${s.where} splits a pair at ${s.end}`).toBe(false);
    if (s.text !== undefined) expect(doc.text.slice(s.start, s.end), s.where).toBe(s.text);
  }
  const json = JSON.stringify(toJSON(doc));
  expect(JSON.stringify(toJSON(fromJSON(JSON.parse(json))))).toBe(json);
}

describe('pipeline properties', () => {
  let analyzer: Analyzer;
  beforeAll(async () => {
    analyzer = createAnalyzer({ date: '2022-06-28' });
    await analyzer.analyze('Warm up. The president visited Paris on Monday.');
  });

  it('never throws anything but a DatelineError, and keeps every offset valid', async () => {
    let analysed = 0;
    let events = 0;
    await fc.assert(
      fc.asyncProperty(newsLike, fc.boolean(), async (text, asBytes) => {
        let doc: Doc;
        try {
          doc = await analyzer.analyze(asBytes ? Buffer.from(text, 'utf8') : text, { input: 'property' });
        } catch (e) {
          expect(e).toBeInstanceOf(DatelineError);
          expect(String((e as Error).message)).not.toContain('\n');
          return;
        }
        checkDoc(doc);
        analysed++;
        events += doc.events.length + doc.mentions.length;
      }),
      { numRuns: 300, seed: 20221128 },
    );
    // the generator must reach the later stages, not only the input checks
    expect(analysed).toBeGreaterThan(150);
    expect(events).toBeGreaterThan(30);
  });

  it('keeps offsets valid in HTML input with entities and nested markup', async () => {
    const html = fc.array(fc.tuple(fc.constantFrom('p', 'div', 'span', 'b', 'article', 'li'), newsLike), { minLength: 1, maxLength: 8 })
      .map((parts) => `<html><body>${parts.map(([t, s]) => `<${t}>${s.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!)}</${t}>`).join('')}</body></html>`);
    await fc.assert(
      fc.asyncProperty(html, async (page) => {
        try {
          checkDoc(await analyzer.analyze(page, { input: 'property.html' }));
        } catch (e) {
          expect(e).toBeInstanceOf(DatelineError);
        }
      }),
      { numRuns: 80, seed: 7 },
    );
  });
});
