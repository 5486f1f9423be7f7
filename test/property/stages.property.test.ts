/**
 * Property tests (fast-check) over the stages one at a time — ingest and cleaning, segmentation,
 * time, places and the event coder — each run on the layers of the stages before it. For
 * arbitrary Unicode text (news words mixed with random code points, surrogate pairs, lone
 * surrogates, controls, bidi marks, quotes): a stage throws nothing but a one-line
 * `DatelineError`; every offset of the layer it adds lies inside the text, on code-unit
 * boundaries that do not split a surrogate pair, and names its own text; the Doc JSON
 * round-trips unchanged after every stage. The pipeline-level property is in
 * `pipeline.property.test.ts`.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { createContext, type Context } from '../../src/context.js';
import { PIPELINE } from '../../src/pipeline.js';
import { createDoc, type Doc } from '../../src/doc/types.js';
import { DatelineError } from '../../src/doc/errors.js';
import { toJSON, fromJSON } from '../../src/doc/serialize.js';
import { segment, wink, breakLongRuns, MAX_RUN } from '../../src/nlp/segment.js';
import { extractTimexes } from '../../src/time/timex.js';

const WORDS = [
  'President', 'Putin', 'visited', 'Dushanbe', 'Paris', 'on', 'Monday', 'said', 'will', 'not', 'sign', 'the', 'talks',
  'June', '28,', '2022', 'last', 'week', 'next', 'year', 'ago', '1/2/2022', '2022-06-28', 'at', '8', 'p.m.', 'since', 'March',
  'Moscow', 'Kyiv', 'Russia', 'Ukraine', 'Tajikistan', 'criticized', 'attacked', 'met', 'troops', '7,000', 'about',
  '"', '“', '”', '‘', '’', "'", ',', '.', '--', '—', '(Reuters)', 'DUSHANBE,', 'By', 'Copyright', '©',
  'López', 'Øresund', '北京', 'الرياض', '😀', '𝔘', '\u200f', '\u202e', '\u2067', '\u0000', '\ufeff', '\t', '\n\n', 'e\u0301',
  '\ud800', '\udc00', 'St.', 'U.S.', 'Mr.',
];

/** News-like text: words from the list and random graphemes and code units. */
const newsLike = fc
  .array(fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...WORDS) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  ), { minLength: 1, maxLength: 50 })
  .map((ws) => ws.join(' '));

/** Clause-shaped text (actor, verb, target, time, place) with noise between the clauses, for the coder. */
const clauses = fc
  .array(fc.tuple(
    fc.constantFrom('President Putin', 'Russia', 'Ukrainian troops', 'The United Nations', 'Rahmon', 'He', 'Police in Kyiv'),
    fc.constantFrom('visited', 'criticized', 'attacked', 'met', 'will not sign a deal with', 'said he would visit', 'accused'),
    fc.constantFrom('Dushanbe', 'Ukraine', 'the rebels', 'President Emomali Rahmon', 'Moscow', 'Tajikistan'),
    fc.constantFrom('on Monday', 'last week', 'on June 28, 2022', 'in Paris', '', 'since March'),
    fc.oneof(fc.constant(''), newsLike),
  ), { minLength: 1, maxLength: 6 })
  .map((cs) => cs.map(([a, v, t, w, noise]) => `${a} ${v} ${t} ${w}. ${noise}`).join(' '));

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Offsets of `spans` lie in `text`, split no surrogate pair and name their own text. */
function checkSpans(text: string, spans: Array<{ start: number; end: number; text?: string }>, where: string): void {
  const n = text.length;
  for (const s of spans) {
    expect(Number.isInteger(s.start) && Number.isInteger(s.end), where).toBe(true);
    expect(s.start >= 0 && s.start <= s.end && s.end <= n, `${where} ${s.start}-${s.end} of ${n}`).toBe(true);
    for (const o of [s.start, s.end]) {
      if (o > 0 && o < n) expect(isLow(text.charCodeAt(o)) && isHigh(text.charCodeAt(o - 1)), `${where} splits a pair at ${o}`).toBe(false);
    }
    if (s.text !== undefined) expect(text.slice(s.start, s.end), where).toBe(s.text);
  }
}

function roundTrips(doc: Doc): void {
  const json = JSON.stringify(toJSON(doc));
  expect(JSON.stringify(toJSON(fromJSON(JSON.parse(json))))).toBe(json);
}

let ctx: Context;

/** Run the pipeline's stages up to and including `last` on `raw`; `undefined` when a DatelineError stops it. */
async function runTo(raw: string, last: string, check: (doc: Doc) => void): Promise<Doc | undefined> {
  const doc = createDoc(raw, { mediaType: raw.trimStart().startsWith('<') ? 'text/html' : 'text/plain', input: 'property' });
  for (const s of PIPELINE) {
    // W_NOT_ENGLISH stops the real pipeline; here the later stages run anyway, on any text
    try {
      await s.run(doc, ctx);
    } catch (e) {
      expect(e, `${s.name}: ${String(e)}`).toBeInstanceOf(DatelineError);
      expect((e as Error).message).not.toContain('\n');
      return undefined;
    }
    check(doc);
    if (s.name === last) return doc;
  }
  return doc;
}

describe('stage properties', () => {
  beforeAll(async () => {
    ctx = createContext({ date: '2022-06-28' });
    await runTo('Warm up. The president visited Paris on Monday.', 'checks', () => undefined);
  });

  it('ingest and clean: a DatelineError or a text, with the Doc JSON round-tripping', async () => {
    let texts = 0;
    await fc.assert(
      fc.asyncProperty(newsLike, fc.boolean(), async (text, html) => {
        const raw = html ? `<html><body><article><p>${text.replace(/[<&]/g, ' ')}</p></article></body></html>` : text;
        const doc = await runTo(raw, 'clean', (d) => roundTrips(d));
        if (doc) {
          expect(typeof doc.text).toBe('string');
          texts++;
        }
      }),
      { numRuns: 400, seed: 91 },
    );
    expect(texts).toBeGreaterThan(100);
  });

  it('segmentation: ordered sentences and tokens inside the text, never splitting a pair', () => {
    const nlp = wink(ctx);
    let tokens = 0;
    fc.assert(
      fc.property(fc.oneof(newsLike, fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', minLength: 130, maxLength: 400 })), (text) => {
        const r = segment(nlp, text);
        checkSpans(text, r.sentences, 'sentence');
        checkSpans(text, r.tokens, 'token');
        for (let i = 1; i < r.tokens.length; i++) expect(r.tokens[i].start).toBeGreaterThanOrEqual(r.tokens[i - 1].end);
        for (const t of r.tokens) expect(t.sentence >= 0 && t.sentence < r.sentences.length).toBe(true);
        tokens += r.tokens.length;
      }),
      { numRuns: 500, seed: 92 },
    );
    expect(tokens).toBeGreaterThan(1000);
  });

  it('breakLongRuns keeps the length, changes only characters of long runs into spaces, and never a surrogate', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), fc.integer({ min: 0, max: 400 }), (s, n) => {
        const text = s + 'x'.repeat(n);
        const b = breakLongRuns(text);
        expect(b.length).toBe(text.length);
        let run = 0;
        for (let i = 0; i < b.length; i++) {
          if (b[i] !== text[i]) {
            expect(b[i]).toBe(' ');
            expect(isHigh(text.charCodeAt(i)) || isLow(text.charCodeAt(i))).toBe(false);
          }
          run = /\s/.test(b[i]) ? 0 : run + 1;
        }
        if (!/[\ud800-\udfff]/.test(text)) expect(Math.max(0, ...b.split(/\s/).map((w) => w.length))).toBeLessThanOrEqual(MAX_RUN);
      }),
      { numRuns: 300, seed: 93 },
    );
  });

  it('time: timexes inside the text with TIMEX3 values, standalone and in the pipeline', async () => {
    let found = 0;
    await fc.assert(
      fc.asyncProperty(newsLike, fc.constantFrom('2022-06-28', '1999-12-31', null), async (text, anchor) => {
        const ts = extractTimexes(text, anchor);
        checkSpans(text, ts, 'timex');
        for (const t of ts) expect(t.value).toMatch(/^[\dX]{4}|^P|^PRESENT_REF|^PAST_REF|^FUTURE_REF|^XXXX|^\d/);
        found += ts.length;
        const doc = await runTo(text, 'time', (d) => roundTrips(d));
        if (doc) checkSpans(doc.text, doc.timexes, 'timex (pipeline)');
      }),
      { numRuns: 300, seed: 94 },
    );
    expect(found).toBeGreaterThan(30);
  });

  it('places: resolved toponyms inside the text, with coordinates in range', async () => {
    let places = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(newsLike, clauses), async (text) => {
        const doc = await runTo(text, 'places', (d) => roundTrips(d));
        if (!doc) return;
        checkSpans(doc.text, doc.places, 'place');
        for (const p of doc.places) {
          if (p.lat !== undefined) expect(Math.abs(p.lat)).toBeLessThanOrEqual(90);
          if (p.lon !== undefined) expect(Math.abs(p.lon)).toBeLessThanOrEqual(180);
        }
        places += doc.places.length;
      }),
      { numRuns: 300, seed: 95 },
    );
    expect(places).toBeGreaterThan(20);
  });

  it('the coder: every event cites a sentence holding its trigger, with a CAMEO code', async () => {
    let events = 0;
    await fc.assert(
      fc.asyncProperty(clauses, async (text) => {
        const doc = await runTo(text, 'events', (d) => roundTrips(d));
        if (!doc) return;
        checkSpans(doc.text, doc.events.flatMap((e) => [e.sentence, e.trigger]), 'event');
        for (const e of doc.events) {
          expect(e.sentence.start <= e.trigger.start && e.trigger.end <= e.sentence.end).toBe(true);
          expect(e.cameo).toMatch(/^\d{2,4}$/);
          expect(e.cameo.startsWith(e.root)).toBe(true);
        }
        events += doc.events.length;
      }),
      { numRuns: 300, seed: 96 },
    );
    expect(events).toBeGreaterThan(10);
  });
});



