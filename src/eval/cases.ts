/**
 * Scoring the small hard cases (`gold/cases/cases_dev.jsonl` in the shared resources): one short
 * input per case, with what a correct analysis must contain (`expected`).
 *
 * Each expected item is scored in the area its kind belongs to (dates, entities, geo, events,
 * quotes, extraction, dedup), whatever the case's own area. What a pass is:
 * - **dates** (`dates`): a timex whose text equals (or overlaps) the expected text — and starts at
 *   `char_start` when given — with the expected TIMEX3 `value` (a time's `:00` seconds ignored),
 *   or, when `start`/`end` are given, a value covering exactly that range of days.
 * - **entities** (`entities`, `entities_extra`, `entity_clusters`): an entity whose name or a
 *   mention text equals the expected text, of the mapped type (PERSON→PER, GPE/FAC→LOC,
 *   WORK_OF_ART/EVENT/PRODUCT/LAW→MISC), and of the expected country (ISO alpha-3, compared with
 *   the entity's alpha-2 country, actor code or role country); a cluster passes when one entity
 *   holds all its mentions. A named entity in `not_entities` is a false positive.
 * - **geo** (`places`, `demonyms`): a resolved place with the text, the country (ISO alpha-3 vs
 *   the place's alpha-2, converted) and the feature (`country` → GeoNames PCL*, `capital` → PPLC);
 *   a demonym passes when it is a NORP mention whose entity has the country, and is not geocoded
 *   as a place (a region demonym such as "European" may only resolve to the region itself).
 * - **events** (`events`): a predicted event with the CAMEO code and the source and target actor
 *   codes (any of the codes written in the expected field, "PSEGOV (or PSEHMS)"), not negated or
 *   hypothetical. An `optional` event missed is not a miss.
 * - **quotes** (`quotes`): a quote whose text contains the expected text (or is ≥ 80% of it and
 *   contained in it), attributed to the expected speaker (its text or its entity's name; a speaker
 *   text inside the expected description counts), direct or indirect as expected. A quote in
 *   `not_quotes` is a false positive.
 * - **extraction**: `title` equal, `text` equal with whitespace collapsed, `published`/`modified`
 *   the same instant; each `must_not_contain(_in_text)` string found in the text is a false positive.
 * - **dedup**: the headlines are analysed and clustered as `dateline dedup` clusters headlines
 *   (`scoreDedupCase` in `src/cluster/headlines.ts`); the expected partition must come out exactly,
 *   and each expected shared entity must be found in every headline of the cluster.
 *
 * Counts: a pass is TP, a failed item FN, a forbidden prediction FP. Unmatched predictions count
 * as FP only in cases of that area (their expected lists are taken as exhaustive there). Free-text
 * rules (`must_not` sentences) and fields the Doc has no place for are listed as skipped.
 */
import { scoreDedupCase } from '../cluster/headlines.js';
import fs from 'node:fs';
import type { Doc, Entity, Quote } from '../doc/types.js';
import { DatelineError, describeError } from '../doc/errors.js';
import { iso3 } from '../output/countries.js';
import { norm, overlaps, score, stripNote, type LayerScore, type Miss } from './metrics.js';

/** The areas of the cases file, in report order. */
export const AREAS = ['dates', 'entities', 'geo', 'events', 'quotes', 'extraction', 'dedup'] as const;

/** One area name. */
export type Area = (typeof AREAS)[number];

/** One case of the cases file. `reference_date` is ISO 8601 or null; `input` is text, HTML, or a list of headlines (dedup). */
export interface Case {
  id: string;
  area: string;
  input: string | string[];
  reference_date?: string | null;
  expected: Record<string, unknown>;
  source?: string;
  why_hard?: string;
}

/** The analysis function the scorer calls once per case (the pipeline's `analyze`, or a fake in tests). */
export type AnalyzeFn = (input: string, options: { date?: string }) => Promise<Doc>;

/** The outcome of one expected item (or of one unexpected prediction, status `fp`). */
export interface ItemResult {
  caseId: string;
  area: Area;
  item: string;
  status: 'pass' | 'fail' | 'fp' | 'skip';
  detail?: string;
}

/** Per-area score, with the number of skipped items and of cases that had items in the area. */
export interface AreaScore extends LayerScore {
  skipped: number;
  cases: number;
}

/** The result of {@link scoreCases}. */
export interface CasesReport {
  /** One score per area that had items, in {@link AREAS} order. */
  areas: AreaScore[];
  /** Micro-average over all areas. */
  overall: AreaScore;
  items: ItemResult[];
  /** Every failed, false-positive and skipped item. */
  misses: Miss[];
}

/**
 * Read a cases file (JSON Lines, one case per line; blank lines ignored).
 * @throws DatelineError `E_NOT_FOUND` when the file is missing; `E_GOLD` when a line is not JSON or lacks `id`, `area`, `input` or `expected`
 */
export function loadCases(file: string): Case[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new DatelineError('E_NOT_FOUND', `cases file not found: ${file}`);
    throw new DatelineError('E_GOLD', `cannot read cases file ${file}: ${(err as Error).message}`);
  }
  return parseCases(text, file);
}

/**
 * Parse cases from JSON Lines text.
 * @throws DatelineError `E_GOLD` on a malformed line
 */
export function parseCases(text: string, name = 'cases'): Case[] {
  const cases: Case[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let c: Case;
    try {
      c = JSON.parse(line) as Case;
    } catch (err) {
      throw new DatelineError('E_GOLD', `${name}:${i + 1}: not JSON (${(err as Error).message})`);
    }
    if (!c || typeof c.id !== 'string' || typeof c.area !== 'string' || c.input === undefined || !c.expected || typeof c.expected !== 'object') {
      throw new DatelineError('E_GOLD', `${name}:${i + 1}: a case needs id, area, input and expected`);
    }
    cases.push(c);
  });
  return cases;
}

/** Entity type names of the OntoNotes/spaCy scheme mapped to Dateline's mention types. */
const TYPE_MAP: Record<string, string> = {
  PERSON: 'PER',
  PER: 'PER',
  GPE: 'LOC',
  LOC: 'LOC',
  FAC: 'LOC',
  ORG: 'ORG',
  NORP: 'NORP',
  WORK_OF_ART: 'MISC',
  EVENT: 'MISC',
  PRODUCT: 'MISC',
  LAW: 'MISC',
  LANGUAGE: 'MISC',
  MISC: 'MISC',
};

/** Expected keys each area scorer handles; anything else in `expected` is listed as skipped. */
const HANDLED = new Set([
  'dates',
  'not_dates',
  'entities',
  'entities_extra',
  'entity_clusters',
  'not_entities',
  'places',
  'demonyms',
  'events',
  'quotes',
  'not_quotes',
  'title',
  'text',
  'published',
  'modified',
  'must_not_contain',
  'must_not_contain_in_text',
  'note',
]);

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'his', 'her', 'their']);

/** Area of an expected key. */
function areaOf(key: string, caseArea: string): Area {
  if (key === 'clusters' || key === 'shared_entities') return 'dedup';
  if (key === 'dates' || key === 'not_dates') return 'dates';
  if (key.includes('entit')) return 'entities';
  if (key === 'places' || key === 'demonyms') return 'geo';
  if (key === 'events') return 'events';
  if (key.includes('quote')) return 'quotes';
  return (AREAS as readonly string[]).includes(caseArea) ? (caseArea as Area) : 'extraction';
}

/** A TIMEX3 value in comparable form: a time's trailing ":00" seconds dropped. */
function canonValue(v: string): string {
  return /T\d{2}:\d{2}:00$/.test(v) ? v.slice(0, -3) : v;
}

/** The first and last day (ISO dates) a TIMEX3 date value covers, or undefined for other values. */
export function dayRange(value: string): [string, string] | undefined {
  let m = /^(\d{4})$/.exec(value);
  if (m) return [`${m[1]}-01-01`, `${m[1]}-12-31`];
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
    return [`${m[1]}-${m[2]}-01`, `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}`];
  }
  m = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  if (m) return [m[1], m[1]];
  return undefined;
}

/** CAMEO actor codes written in an expected field: "PSEGOV (or PSEHMS)" → ["PSEGOV", "PSEHMS"]. */
export function codesIn(s: string | undefined): string[] {
  return s ? s.match(/[A-Z]{3,}/g) ?? [] : [];
}

function names(e: Entity): Set<string> {
  return new Set([e.name, ...(e.mentions ?? [])].map(norm).filter(Boolean));
}

function entityCountryOk(e: Entity | undefined, country3: string): boolean {
  if (!e) return false;
  if (iso3(e.country) === country3) return true;
  if (e.roleCountry === country3) return true;
  return [e.actor, e.metonymy].some((a) => !!a && a.startsWith(country3));
}

function stripQuoteMarks(s: string): string {
  return norm(s.replace(/["'\u2018\u2019\u201C\u201D\u00AB\u00BB]/g, ''));
}

function speakerCandidates(q: Quote, doc: Doc): string[] {
  const c = [q.speaker?.text ?? ''];
  const en = q.speaker?.entityId ? doc.entities.find((x) => x.id === q.speaker.entityId) : undefined;
  if (en) c.push(en.name, ...(en.mentions ?? []));
  return c.map(norm).filter((x) => x && !PRONOUNS.has(x));
}

class Collector {
  readonly items: ItemResult[] = [];
  constructor(readonly caseId: string) {}
  add(area: Area, item: string, status: ItemResult['status'], detail?: string): void {
    this.items.push({ caseId: this.caseId, area, item, status, ...(detail ? { detail } : {}) });
  }
}

function scoreDates(c: Case, doc: Doc, out: Collector): void {
  const expected = (c.expected.dates as Array<Record<string, unknown>>) ?? [];
  const used = new Set<number>();
  for (const d of expected) {
    const text = String(d.text ?? '');
    const at = typeof d.char_start === 'number' ? d.char_start : undefined;
    let best = -1;
    let bestRank = 0;
    doc.timexes.forEach((t, j) => {
      if (used.has(j) || !overlaps(t.text, text)) return;
      if (at !== undefined && !(t.start <= at && at < t.end)) return;
      const r = norm(t.text) === norm(text) ? 2 : 1;
      if (r > bestRank) (best = j), (bestRank = r);
    });
    const want = d.value !== undefined ? String(d.value) : `${d.start}..${d.end}`;
    const item = `"${text}" = ${want}`;
    if (best < 0) {
      out.add('dates', item, 'fail', 'no timex found');
      continue;
    }
    used.add(best);
    const t = doc.timexes[best];
    let ok: boolean;
    if (d.value !== undefined) ok = canonValue(t.value) === canonValue(String(d.value));
    else {
      const r = dayRange(t.value);
      ok = !!r && r[0] === d.start && r[1] === d.end;
    }
    out.add('dates', item, ok ? 'pass' : 'fail', ok ? undefined : `got ${t.value} ("${t.text}")`);
  }
  if (c.area === 'dates') {
    doc.timexes.forEach((t, j) => {
      if (!used.has(j)) out.add('dates', `"${t.text}" = ${t.value} at ${t.start}`, 'fp', 'not an expected date');
    });
  }
}

function scoreEntities(c: Case, doc: Doc, out: Collector): void {
  const used = new Set<string>();
  const e = c.expected;
  const list = [
    ...((e.entities as Array<Record<string, string>>) ?? []),
    ...((e.entities_extra as Array<Record<string, string>>) ?? []),
  ];
  for (const x of list) {
    const text = String(x.text ?? '');
    const type = TYPE_MAP[x.type] ?? x.type;
    const item = `${text} (${x.type}${x.country ? ', ' + x.country : ''})`;
    const cands = doc.entities.filter((en) => names(en).has(norm(text)));
    const en = cands.find((y) => y.type === type && !used.has(y.id)) ?? cands.find((y) => y.type === type);
    if (!en) {
      const mention = doc.mentions.find((m) => norm(m.text) === norm(text) && m.type === type);
      if (mention && !x.country) {
        out.add('entities', item, 'pass', 'mention only');
        continue;
      }
      out.add('entities', item, 'fail', cands.length ? `found as ${cands.map((y) => y.type).join('/')}` : mention ? 'mention without entity' : 'not found');
      continue;
    }
    used.add(en.id);
    if (x.country && !entityCountryOk(en, x.country)) {
      out.add('entities', item, 'fail', `country ${en.country ?? en.actor ?? 'none'}`);
      continue;
    }
    out.add('entities', item, 'pass');
  }
  for (const cl of (e.entity_clusters as Array<{ type: string; mentions: string[] }>) ?? []) {
    const type = TYPE_MAP[cl.type] ?? cl.type;
    const item = `cluster ${cl.mentions.join(' = ')} (${cl.type})`;
    const en = doc.entities.find((y) => y.type === type && cl.mentions.every((m) => names(y).has(norm(m))));
    if (en) {
      used.add(en.id);
      out.add('entities', item, 'pass');
    } else {
      const where = cl.mentions.map((m) => {
        const holder = doc.entities.find((y) => names(y).has(norm(m)));
        if (holder) used.add(holder.id);
        return `${m} → ${holder ? `${holder.name} (${holder.type})` : 'none'}`;
      });
      out.add('entities', item, 'fail', where.join('; '));
    }
  }
  for (const x of (e.not_entities as string[]) ?? []) {
    const text = stripNote(x);
    const bad = doc.entities.find((y) => names(y).has(norm(text)));
    if (bad) {
      used.add(bad.id);
      out.add('entities', `not an entity: ${text}`, 'fp', `predicted ${bad.type} "${bad.name}"`);
    }
  }
  if (c.area === 'entities') {
    for (const en of doc.entities) if (!used.has(en.id)) out.add('entities', `${en.name} (${en.type})`, 'fp', 'not an expected entity');
  }
}

function scoreGeo(c: Case, doc: Doc, out: Collector): void {
  const used = new Set<number>();
  for (const p of (c.expected.places as Array<Record<string, string>>) ?? []) {
    const item = `${p.text} (${p.feature ?? 'place'}, ${p.country})`;
    const j = doc.places.findIndex((x, k) => !used.has(k) && norm(x.text) === norm(p.text));
    if (j < 0) {
      out.add('geo', item, 'fail', 'not resolved');
      continue;
    }
    used.add(j);
    const got = doc.places[j];
    const problems: string[] = [];
    if (p.country && iso3(got.country) !== p.country) problems.push(`country ${got.country}`);
    if (p.feature === 'country' && !got.featureCode?.startsWith('PCL')) problems.push(`feature ${got.featureCode}`);
    if (p.feature === 'capital' && got.featureCode !== 'PPLC') problems.push(`feature ${got.featureCode}`);
    out.add('geo', item, problems.length ? 'fail' : 'pass', problems.length ? `${got.name}: ${problems.join(', ')}` : undefined);
  }
  for (const d of (c.expected.demonyms as Array<Record<string, string>>) ?? []) {
    const item = `demonym ${d.text} (${d.country ?? d.region ?? ''})`;
    const mention = doc.mentions.find((m) => m.type === 'NORP' && norm(m.text) === norm(d.text));
    const entity = mention?.entityId
      ? doc.entities.find((x) => x.id === mention.entityId)
      : doc.entities.find((x) => x.type === 'NORP' && names(x).has(norm(d.text)));
    const geocoded = doc.places.findIndex((x) => norm(x.text) === norm(d.text));
    if (geocoded >= 0) used.add(geocoded);
    if (!mention && !entity) {
      out.add('geo', item, 'fail', 'no NORP mention');
    } else if (geocoded >= 0 && !(d.region && norm(doc.places[geocoded].name) === norm(d.region))) {
      out.add('geo', item, 'fail', `geocoded as ${doc.places[geocoded].name} (${doc.places[geocoded].country})`);
    } else if (d.country && !entityCountryOk(entity, d.country)) {
      out.add('geo', item, 'fail', `country ${entity?.country ?? entity?.actor ?? 'none'}`);
    } else {
      out.add('geo', item, 'pass');
    }
  }
  if (c.area === 'geo') {
    doc.places.forEach((p, k) => {
      if (!used.has(k)) out.add('geo', `${p.text} → ${p.name} (${p.country})`, 'fp', 'not an expected place');
    });
  }
}

function scoreEvents(c: Case, doc: Doc, out: Collector): void {
  const used = new Set<number>();
  for (const ev of (c.expected.events as Array<Record<string, any>>) ?? []) {
    const src = codesIn(ev.source?.code);
    const tgt = codesIn(ev.target?.code);
    const item = `${ev.cameo} ${src.join('|') || '*'}→${tgt.join('|') || '*'}${ev.optional ? ' (optional)' : ''}`;
    const j = doc.events.findIndex(
      (e, k) =>
        !used.has(k) &&
        e.cameo === ev.cameo &&
        (!src.length || src.includes(e.source.actor)) &&
        (!tgt.length || (!!e.target && tgt.includes(e.target.actor))) &&
        e.modality !== 'negated' &&
        e.modality !== 'hypothetical',
    );
    if (j < 0) {
      const near = doc.events.filter((e) => e.cameo === ev.cameo || src.includes(e.source.actor));
      const detail = near.length
        ? `nearest: ${near.map((e) => `${e.cameo} ${e.source.actor}→${e.target?.actor ?? '∅'} ${e.modality}`).join('; ')}`
        : doc.events.length
          ? `${doc.events.length} other events`
          : 'no events';
      out.add('events', item, ev.optional ? 'skip' : 'fail', ev.optional ? `optional, not found (${detail})` : detail);
      continue;
    }
    used.add(j);
    const got = doc.events[j];
    const notes: string[] = [];
    if (typeof ev.date === 'string' && got.date !== ev.date) notes.push(`date ${got.date ?? 'none'} (expected ${ev.date})`);
    if (typeof ev.location === 'string' && norm(got.place?.name) !== norm(ev.location.split(',')[0]))
      notes.push(`place ${got.place?.name ?? 'none'} (expected ${ev.location})`);
    if (typeof ev.reported_by === 'string' && !overlaps(got.attribution?.text ?? '', ev.reported_by))
      notes.push(`attribution ${got.attribution?.text ?? 'none'} (expected ${ev.reported_by})`);
    out.add('events', item, 'pass', notes.length ? notes.join('; ') : undefined);
  }
  if (c.area === 'events') {
    doc.events.forEach((e, k) => {
      if (!used.has(k)) out.add('events', `${e.cameo} ${e.source.actor}→${e.target?.actor ?? '∅'} ${e.modality} "${e.trigger.text}"`, 'fp', 'not an expected event');
    });
  }
}

function scoreQuotes(c: Case, doc: Doc, out: Collector): void {
  const used = new Set<number>();
  for (const q of (c.expected.quotes as Array<Record<string, string>>) ?? []) {
    const want = stripQuoteMarks(q.text ?? '');
    const item = `${q.speaker}: "${(q.text ?? '').slice(0, 50)}"`;
    const j = doc.quotes.findIndex((x, k) => {
      if (used.has(k)) return false;
      const got = stripQuoteMarks(x.text);
      return got.includes(want) || (want.includes(got) && got.length >= 0.8 * want.length);
    });
    if (j < 0) {
      out.add('quotes', item, 'fail', 'quote not found');
      continue;
    }
    used.add(j);
    const got = doc.quotes[j];
    const speaker = norm(q.speaker);
    const cands = speakerCandidates(got, doc);
    const sOk = cands.some((x) => x === speaker || (x.length >= 3 && (speaker.includes(x) || x.includes(speaker))));
    const dOk = q.type === undefined || got.direct === (q.type === 'direct');
    const problems: string[] = [];
    if (!sOk) problems.push(`speaker "${got.speaker?.text ?? ''}"`);
    if (!dOk) problems.push(got.direct ? 'direct, expected indirect' : 'indirect, expected direct');
    out.add('quotes', item, problems.length ? 'fail' : 'pass', problems.join('; ') || undefined);
  }
  for (const x of (c.expected.not_quotes as string[]) ?? []) {
    const text = norm(stripNote(x));
    const k = doc.quotes.findIndex((y) => stripQuoteMarks(y.text) === text);
    if (k >= 0) {
      used.add(k);
      out.add('quotes', `not a quote: ${stripNote(x)}`, 'fp', 'predicted as a quote');
    }
  }
  if (c.area === 'quotes') {
    doc.quotes.forEach((y, k) => {
      if (!used.has(k)) out.add('quotes', `${y.speaker?.text ?? '?'}: "${y.text.slice(0, 50)}"`, 'fp', 'not an expected quote');
    });
  }
}

function sameInstant(a: string, b: string): boolean {
  const x = Date.parse(a);
  const y = Date.parse(b);
  return Number.isNaN(x) || Number.isNaN(y) ? a === b : x === y;
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `differs at ${i}: got "${a.slice(Math.max(0, i - 10), i + 30)}", expected "${b.slice(Math.max(0, i - 10), i + 30)}"`;
}

function scoreExtraction(c: Case, doc: Doc, out: Collector): void {
  const e = c.expected;
  const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (typeof e.title === 'string') {
    const ok = norm(doc.meta?.title) === norm(e.title);
    out.add('extraction', `title "${e.title}"`, ok ? 'pass' : 'fail', ok ? undefined : `got "${doc.meta?.title ?? ''}"`);
  }
  if (typeof e.text === 'string') {
    const got = collapse(doc.text);
    const want = collapse(e.text);
    out.add('extraction', 'text', got === want ? 'pass' : 'fail', got === want ? undefined : firstDifference(got, want));
  }
  for (const key of ['published', 'modified'] as const) {
    const want = e[key];
    if (typeof want !== 'string') continue;
    const got = doc.meta?.[key];
    const ok = !!got && sameInstant(got, want);
    out.add('extraction', `${key} ${want}`, ok ? 'pass' : 'fail', ok ? undefined : `got ${got ?? 'none'}`);
  }
  for (const key of ['must_not_contain', 'must_not_contain_in_text']) {
    for (const s of (e[key] as string[]) ?? []) {
      if (doc.text.includes(s)) out.add('extraction', `text must not contain "${s}"`, 'fp', 'found in the text');
    }
  }
}

/** Score one case's items; a failing `analyze` fails every item with its error. */
async function scoreCase(c: Case, analyze: AnalyzeFn): Promise<ItemResult[]> {
  const out = new Collector(c.id);
  const keys = Object.keys(c.expected);
  if (c.area === 'dedup' || Array.isArray(c.input)) {
    // headlines of one event told by several outlets: clustered as `dateline dedup` does
    const headlines = Array.isArray(c.input) ? c.input.map(String) : [String(c.input)];
    const expected = c.expected as { clusters?: number[][]; shared_entities?: string[] };
    let r: Awaited<ReturnType<typeof scoreDedupCase>>;
    try {
      r = await scoreDedupCase(headlines, expected, (t) => analyze(t, c.reference_date ? { date: c.reference_date } : {}));
    } catch (err) {
      for (const k of keys) if (k !== 'note') out.add('dedup', k, 'fail', `analyze failed: ${describeError(err)}`);
      return out.items;
    }
    if (expected.clusters) out.add('dedup', `clusters ${JSON.stringify(expected.clusters)}`, r.clustersPass ? 'pass' : 'fail', r.clustersPass ? undefined : `got ${JSON.stringify(r.clusters)}`);
    for (const e of r.sharedEntities) out.add('dedup', `shared entity ${e.entity}`, e.pass ? 'pass' : 'fail', e.pass ? undefined : 'not in every headline of the cluster');
    for (const k of keys) if (k !== 'note' && k !== 'clusters' && k !== 'shared_entities') out.add('dedup', k, 'skip', `no Doc field for "${k}"`);
    return out.items;
  }
  let doc: Doc;
  try {
    doc = await analyze(c.input, c.reference_date ? { date: c.reference_date } : {});
  } catch (err) {
    for (const k of keys) if (HANDLED.has(k) && !k.startsWith('not_') && !k.startsWith('must_not') && k !== 'note')
      out.add(areaOf(k, c.area), k, 'fail', `analyze failed: ${describeError(err)}`);
    return out.items;
  }
  if ('dates' in c.expected || c.area === 'dates') scoreDates(c, doc, out);
  if (keys.some((k) => k.includes('entit')) || c.area === 'entities') scoreEntities(c, doc, out);
  if ('places' in c.expected || 'demonyms' in c.expected || c.area === 'geo') scoreGeo(c, doc, out);
  if ('events' in c.expected || c.area === 'events') scoreEvents(c, doc, out);
  if ('quotes' in c.expected || c.area === 'quotes') scoreQuotes(c, doc, out);
  if (c.area === 'extraction') scoreExtraction(c, doc, out);
  for (const k of keys) {
    if (HANDLED.has(k)) continue;
    const why = k === 'must_not' ? 'free-text rules, not machine-checkable' : `no Doc field for "${k}"`;
    out.add(areaOf(k, c.area), k, 'skip', why);
  }
  return out.items;
}

/**
 * Run `analyze` on every case (one at a time, in order) and score each expected item.
 * The analyse function receives the input and `{ date: reference_date }` when the case has one.
 * Never throws for a failing case: its items fail with the error.
 */
export async function scoreCases(cases: Case[], analyze: AnalyzeFn): Promise<CasesReport> {
  const items: ItemResult[] = [];
  for (const c of cases) items.push(...(await scoreCase(c, analyze)));
  const areas: AreaScore[] = [];
  let tpAll = 0;
  let fpAll = 0;
  let fnAll = 0;
  for (const area of AREAS) {
    const its = items.filter((i) => i.area === area);
    if (!its.length) continue;
    const tp = its.filter((i) => i.status === 'pass').length;
    const fp = its.filter((i) => i.status === 'fp').length;
    const fn = its.filter((i) => i.status === 'fail').length;
    const skipped = its.filter((i) => i.status === 'skip').length;
    const scored = its.filter((i) => i.status !== 'skip');
    areas.push({ ...score(area, tp, fp, fn), skipped, cases: new Set(scored.map((i) => i.caseId)).size });
    tpAll += tp;
    fpAll += fp;
    fnAll += fn;
  }
  const misses: Miss[] = items
    .filter((i) => i.status !== 'pass')
    .map((i) => ({
      layer: i.area,
      kind: i.status === 'fail' ? 'FN' : i.status === 'fp' ? 'FP' : 'SKIP',
      item: i.item,
      caseId: i.caseId,
      ...(i.detail ? { detail: i.detail } : {}),
    }));
  const scoredCases = new Set(items.filter((i) => i.status !== 'skip').map((i) => i.caseId)).size;
  const skippedAll = areas.reduce((n, a) => n + a.skipped, 0);
  return { areas, overall: { ...score('overall', tpAll, fpAll, fnAll), skipped: skippedAll, cases: scoredCases }, items, misses };
}
