/**
 * Event-location evaluation on Halterman's gold ("Geolocating Political Events in Text", 2019;
 * `labeled_text.jsonl.zip`: sentences with one VERB span and, when the event has a place in the
 * sentence, the LOCATION span that is its location). Items with `answer: "accept"` are scored;
 * `source: "RELABEL"` items are the adjudicated gold, the others single-annotator labels.
 *
 * For each item the sentence is analysed with the full pipeline (Dateline's own toponyms) and
 * {@link locateInSentence} picks the event's place for the VERB among the story's places, the LOC
 * mentions the gazetteer does not resolve and the toponyms of locative phrases
 * ({@link locativeToponyms}, loose: any capitalized name after a locative preposition). The
 * pipeline's own event places (`locateEvents`) come from resolved places only, since an event place
 * needs coordinates. Correct when the chosen place
 * overlaps the gold LOCATION span, or when neither exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { createAnalyzer } from '../pipeline.js';
import { DatelineError } from '../doc/errors.js';
import { locateInSentence, locativeToponyms } from '../geo/event-location.js';

/** One labelled item: sentence, verb span and gold location span (null: no place in the sentence). */
export interface EventLocationItem {
  id: string;
  source: string;
  text: string;
  verb: { start: number; end: number };
  location: { start: number; end: number } | null;
}

/**
 * The first file of a zip archive whose name ends in `suffix` (macOS `__MACOSX` entries skipped),
 * unpacked with fflate.
 * @throws DatelineError `E_GOLD` when the archive cannot be read or holds no such file.
 */
export function readFirstZipEntry(buf: Buffer, suffix = '.jsonl'): Buffer {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(buf, { filter: (f) => f.name.endsWith(suffix) && !f.name.includes('__MACOSX') });
  } catch (e) {
    throw new DatelineError('E_GOLD', `not a zip archive Dateline can read (${e instanceof Error ? e.message : String(e)})`);
  }
  const first = Object.values(files)[0];
  if (!first) throw new DatelineError('E_GOLD', `no ${suffix} file in the zip archive`);
  return Buffer.from(first.buffer, first.byteOffset, first.byteLength);
}

/** Parse Halterman's labelled items (a JSON array, or JSON lines); keeps `answer: "accept"` ones with one VERB. */
export function parseEventLocation(json: string): EventLocationItem[] {
  const t = json.trim();
  const raw: any[] = t.startsWith('[') ? JSON.parse(t) : t.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const out: EventLocationItem[] = [];
  raw.forEach((x, i) => {
    if (x.answer !== 'accept' || typeof x.text !== 'string' || !Array.isArray(x.spans)) return;
    const verbs = x.spans.filter((s: any) => s.label === 'VERB');
    const locs = x.spans.filter((s: any) => s.label === 'LOCATION');
    if (verbs.length !== 1 || locs.length > 1) return;
    // character offsets of some LOCATION spans are wrong in the release; the token offsets are right
    const span = (sp: any) => {
      const a = x.tokens?.[sp.token_start];
      const b = x.tokens?.[sp.token_end];
      return a && b ? { start: a.start as number, end: b.end as number } : { start: sp.start as number, end: sp.end as number };
    };
    out.push({
      id: String(x._id ?? i), source: String(x.source ?? ''), text: x.text,
      verb: span(verbs[0]),
      location: locs.length ? span(locs[0]) : null,
    });
  });
  return out;
}

/** Accuracy of one group of items. */
export interface EventLocationGroup {
  items: number;
  correct: number;
  accuracy: number;
  /** Items whose gold has a location / of those, found exactly (overlap). */
  withLocation: number;
  withLocationCorrect: number;
  /** Items without a location in the sentence / of those, left without one. */
  withoutLocation: number;
  withoutLocationCorrect: number;
}

/** The report: adjudicated (RELABEL) items and the rest. */
export interface EventLocationScore {
  adjudicated: EventLocationGroup;
  rest: EventLocationGroup;
  errors: Array<{ id: string; text: string; gold: string; got: string }>;
}

function group(): EventLocationGroup {
  return { items: 0, correct: 0, accuracy: 0, withLocation: 0, withLocationCorrect: 0, withoutLocation: 0, withoutLocationCorrect: 0 };
}

/** Score items (see the module doc). `limit` caps the non-adjudicated items (the first ones). */
export async function evaluateEventLocation(items: EventLocationItem[], limit = 1000): Promise<EventLocationScore> {
  const analyzer = createAnalyzer({});
  const adjudicated = group();
  const rest = group();
  const errors: EventLocationScore['errors'] = [];
  let nRest = 0;
  for (const it of items) {
    const adj = it.source === 'RELABEL';
    if (!adj && nRest >= limit) continue;
    if (!adj) nRest++;
    const g = adj ? adjudicated : rest;
    let ok = false;
    let got = 'none';
    try {
      const doc = await analyzer.analyze(it.text, { input: it.id, mediaType: 'text/plain' });
      const shift = doc.text === it.text ? 0 : Math.max(0, it.text.indexOf(doc.text.slice(0, 30)));
      const trig = { start: it.verb.start - shift, end: it.verb.end - shift };
      const sent = doc.sentences.find((s) => s.start <= trig.start && trig.start < s.end) ?? { start: 0, end: doc.text.length };
      // toponyms the gazetteer does not resolve still name the event's place: score them too
      const placed = new Set(doc.places.map((p) => p.mentionId));
      const extra = doc.mentions.filter((m) => m.type === 'LOC' && !placed.has(m.id)).map((m) => ({
        start: m.start, end: m.end, text: m.text, name: m.text, geonamesId: 0, country: '', lat: 0, lon: 0, featureCode: 'PPL', mentionId: m.id,
      }));
      const known = [...doc.places, ...extra];
      const choice = locateInSentence(doc, trig, sent, [...known, ...locativeToponyms(doc, sent, known, { loose: true })]);
      if (choice) got = choice.place.text;
      if (!it.location) ok = !choice;
      else ok = !!choice && choice.place.start < it.location.end - shift && it.location.start - shift < choice.place.end;
    } catch {
      ok = false;
    }
    g.items++;
    if (ok) g.correct++;
    if (it.location) { g.withLocation++; if (ok) g.withLocationCorrect++; } else { g.withoutLocation++; if (ok) g.withoutLocationCorrect++; }
    if (!ok && adj) errors.push({ id: it.id, text: it.text, gold: it.location ? it.text.slice(it.location.start, it.location.end) : 'none', got });
  }
  for (const g of [adjudicated, rest]) g.accuracy = g.items ? g.correct / g.items : 0;
  return { adjudicated, rest, errors };
}

/** Options of {@link runEvalEventLocation}. */
export interface EvalEventLocationOptions {
  json?: boolean;
  /** At most this many non-adjudicated items (default 1000). */
  limit?: number;
  verbose?: number;
}

const pct = (x: number) => (100 * x).toFixed(1);

/**
 * `dateline eval event-location [DIR]`: accuracy on the adjudicated items and on the rest (default
 * folder `../shared/gold/geo/event-location`).
 * @returns exit code 0.
 * @throws DatelineError `E_NOT_FOUND` when the folder has no `labeled_text.jsonl(.zip)`.
 */
export async function runEvalEventLocation(dir: string | undefined, opts: EvalEventLocationOptions = {}, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const d = dir ?? path.resolve('..', 'shared', 'gold', 'geo', 'event-location');
  const zip = path.join(d, 'labeled_text.jsonl.zip');
  const plain = path.join(d, 'labeled_text.jsonl');
  let json: string;
  if (fs.existsSync(plain)) json = fs.readFileSync(plain, 'utf8');
  else if (fs.existsSync(zip)) json = readFirstZipEntry(fs.readFileSync(zip)).toString('utf8');
  else throw new DatelineError('E_NOT_FOUND', `no labeled_text.jsonl(.zip) in ${d}`);
  const s = await evaluateEventLocation(parseEventLocation(json), opts.limit ?? 1000);
  if (opts.json) out.write(JSON.stringify({ adjudicated: s.adjudicated, rest: s.rest }, null, 2) + '\n');
  else {
    const line = (name: string, g: EventLocationGroup) =>
      `  ${name}: accuracy ${pct(g.accuracy)}% (${g.correct}/${g.items}); with a gold location ${pct(g.withLocationCorrect / (g.withLocation || 1))}% (${g.withLocationCorrect}/${g.withLocation}); without ${pct(g.withoutLocationCorrect / (g.withoutLocation || 1))}% (${g.withoutLocationCorrect}/${g.withoutLocation})`;
    const lines = ['Event location (Halterman 2019 gold; accepted items, one verb each)', line('adjudicated (RELABEL)', s.adjudicated), line(`rest (first ${opts.limit ?? 1000})`, s.rest)];
    if (opts.verbose) for (const e of s.errors.slice(0, opts.verbose > 1 ? Infinity : 40)) lines.push(`    ${e.id}: gold ${e.gold} → ${e.got} | ${e.text.slice(0, 160)}`);
    out.write(lines.join('\n') + '\n');
  }
  return 0;
}
