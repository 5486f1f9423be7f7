/**
 * Output formats of `dateline analyze`: a readable table, Doc JSON, JSON Lines, and a CSV of
 * events with the GDELT 2.0 event table columns.
 */
import { createHash } from 'node:crypto';
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import type { Doc, Event, EventActor, Place, Span } from '../doc/types.js';
import { toJSON } from '../doc/serialize.js';
import { isIso3 } from './countries.js';

/**
 * Labels of the 20 CAMEO root codes (CAMEO Event and Actor Codebook, Schrodt 2012, v1.1b3),
 * shown when an event carries no label of its own.
 */
export const CAMEO_ROOT_LABELS: Readonly<Record<string, string>> = Object.freeze({
  '01': 'Make public statement',
  '02': 'Appeal',
  '03': 'Express intent to cooperate',
  '04': 'Consult',
  '05': 'Engage in diplomatic cooperation',
  '06': 'Engage in material cooperation',
  '07': 'Provide aid',
  '08': 'Yield',
  '09': 'Investigate',
  '10': 'Demand',
  '11': 'Disapprove',
  '12': 'Reject',
  '13': 'Threaten',
  '14': 'Protest',
  '15': 'Exhibit force posture',
  '16': 'Reduce relations',
  '17': 'Coerce',
  '18': 'Assault',
  '19': 'Fight',
  '20': 'Use unconventional mass violence',
});

/** The label of an event: its own `label`, else the label of its CAMEO root code, else "". */
export function cameoLabel(e: Pick<Event, 'label' | 'root' | 'cameo'>): string {
  return e.label ?? CAMEO_ROOT_LABELS[e.root || e.cameo?.slice(0, 2)] ?? '';
}

const ELLIPSIS = '…';

/**
 * The evidence of an event: its sentence, whitespace collapsed, trimmed to at most `max`
 * characters (UTF-16 code units) around the trigger, cut at word boundaries, with `…` where text
 * was cut.
 * @param text `doc.text`
 * @param sentence span of the sentence in `text`
 * @param trigger span of the trigger in `text` (should lie inside the sentence)
 */
export function evidenceExcerpt(text: string, sentence: Span, trigger: Span, max = 80): string {
  const sStart = Math.max(0, Math.min(sentence.start, trigger.start));
  const sEnd = Math.min(text.length, Math.max(sentence.end, trigger.end));
  const s = text.slice(sStart, sEnd);
  const collapse = (x: string) => x.replace(/\s+/g, ' ').trim();
  const whole = collapse(s);
  if (whole.length <= max) return whole;
  const tStart = trigger.start - sStart;
  const tEnd = trigger.end - sStart;
  const budget = max - 2;
  if (tEnd - tStart >= budget) return collapse(s.slice(tStart, tStart + max));
  let left = Math.max(0, Math.min(s.length - budget, tStart - Math.floor((budget - (tEnd - tStart)) / 2)));
  let right = left + budget;
  // snap inwards to word boundaries, never past the trigger
  if (left > 0) {
    const sp = s.indexOf(' ', left);
    if (sp >= 0 && sp < tStart && sp - left < 20) left = sp + 1;
  }
  if (right < s.length) {
    const sp = s.lastIndexOf(' ', right);
    if (sp > tEnd && right - sp < 20) right = sp;
  }
  const body = collapse(s.slice(left, right));
  return (left > 0 ? ELLIPSIS : '') + body + (right < s.length ? ELLIPSIS : '');
}

function actorCell(a: EventActor | null): string {
  if (!a) return '—';
  return a.actor && a.actor !== '---' ? `${a.text} (${a.actor})` : a.text;
}

function plural(n: number, word: string, pl = word + 's'): string {
  return `${n} ${n === 1 ? word : pl}`;
}

/** One-line summary of a Doc's layers: "4 entities, 2 timexes, 2 places, 1 quote, 2 events". */
export function summaryLine(doc: Doc): string {
  return [
    plural(doc.entities.length, 'entity', 'entities'),
    plural(doc.timexes.length, 'timex', 'timexes'),
    plural(doc.places.length, 'place'),
    plural(doc.quotes.length, 'quote'),
    plural(doc.events.length, 'event'),
  ].join(', ');
}

/**
 * A readable table per story: a header line (title, content hash, publication date and how it
 * was obtained), one row per event (source → CAMEO code and label → target, date, place,
 * modality, evidence excerpt ≤ 80 chars), the consistency flags, and a one-line summary.
 * Plain text, no colour codes.
 */
export function formatTable(docs: Doc[]): string {
  const out: string[] = [];
  for (const doc of docs) {
    const m = doc.meta ?? { publishedSource: 'unknown' };
    const head = [m.title ? `"${m.title}"` : m.input ?? '(untitled)', `id ${doc.id.slice(0, 12)}`];
    if (m.published) head.push(`published ${m.published} (${m.publishedSource})`);
    else head.push('published unknown');
    if (m.originalPublisher) head.push(`from ${m.originalPublisher}${m.isReprint ? ' (reprint)' : ''}`);
    out.push(`== ${head.join(' · ')}`);
    if (doc.events.length) {
      const table = new Table({
        head: ['Source', 'Event', 'Target', 'Date', 'Place', 'Modality', 'Evidence'],
        style: { head: [], border: [] },
      });
      for (const e of doc.events) {
        table.push([
          actorCell(e.source),
          `${e.cameo} ${cameoLabel(e)}`.trim(),
          actorCell(e.target),
          e.date ?? '—',
          e.place?.name ?? '—',
          e.modality,
          evidenceExcerpt(doc.text, e.sentence, e.trigger),
        ]);
      }
      out.push(table.toString());
    } else {
      out.push('No events.');
    }
    if (doc.flags.length) {
      out.push('Flags:');
      for (const f of doc.flags) {
        const spans = f.spans.length ? ` [${f.spans.map((s) => JSON.stringify(s.text)).join(', ')}]` : '';
        out.push(`  ! ${f.kind}: ${f.message}${spans}`);
      }
    } else {
      out.push('Flags: none');
    }
    out.push(summaryLine(doc));
    out.push('');
  }
  return out.join('\n');
}

/** One Doc as pretty-printed JSON (the versioned Doc JSON shape of `toJSON`), no trailing newline. */
export function formatJSON(doc: Doc): string {
  return JSON.stringify(toJSON(doc), null, 2);
}

/** One Doc as one line of JSON (JSON Lines), no trailing newline. */
export function formatJSONL(doc: Doc): string {
  return JSON.stringify(toJSON(doc));
}

/**
 * The 61 columns of the GDELT 2.0 event table, in order (GDELT 2.0 Event Database Data Format
 * Codebook V2.0, 2015).
 */
export const GDELT_COLUMNS: readonly string[] = Object.freeze([
  'GLOBALEVENTID',
  'SQLDATE',
  'MonthYear',
  'Year',
  'FractionDate',
  ...actorColumns('Actor1'),
  ...actorColumns('Actor2'),
  'IsRootEvent',
  'EventCode',
  'EventBaseCode',
  'EventRootCode',
  'QuadClass',
  'GoldsteinScale',
  'NumMentions',
  'NumSources',
  'NumArticles',
  'AvgTone',
  ...geoColumns('Actor1Geo'),
  ...geoColumns('Actor2Geo'),
  ...geoColumns('ActionGeo'),
  'DATEADDED',
  'SOURCEURL',
]);

/** Dateline's own columns, after the GDELT ones. */
export const DATELINE_COLUMNS: readonly string[] = Object.freeze([
  'Modality',
  'PLOVER',
  'TriggerText',
  'SentenceStart',
  'SentenceEnd',
  'StoryId',
]);

function actorColumns(p: string): string[] {
  return [
    'Code',
    'Name',
    'CountryCode',
    'KnownGroupCode',
    'EthnicCode',
    'Religion1Code',
    'Religion2Code',
    'Type1Code',
    'Type2Code',
    'Type3Code',
  ].map((c) => p + c);
}

function geoColumns(p: string): string[] {
  return ['Type', 'FullName', 'CountryCode', 'ADM1Code', 'ADM2Code', 'Lat', 'Long', 'FeatureID'].map((c) => `${p}_${c}`);
}

/**
 * CAMEO actor role/type codes (CAMEO codebook ch. 3: domestic and secondary role codes, plus the
 * IGO/NGO/NGM/MNC group types), which go to the Type1..3 columns.
 */
const TYPE_CODES = new Set(
  (
    'COP GOV INS JUD MIL OPP REB SEP SPY UAF PTY AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB LEG MED REF MOD RAD ' +
    'IGO NGO NGM MNC SET UIS'
  ).split(' '),
);

/** CAMEO religion codes (CAMEO codebook ch. 5, main codes), which go to the Religion1/2 columns. */
const RELIGION_CODES = new Set(
  'ADR ALE ATH BAH BUD CHR CON CPT CTH DOX DRZ HIN HSD ITR JAN JEW JHW LDS MOS MRN NEW PAG PRO SFI SHI SHN SIK SUN TAO UDI ZRO'.split(
    ' ',
  ),
);

/** CAMEO regional "country" codes (CAMEO codebook ch. 4), accepted in the CountryCode column like ISO alpha-3 codes. */
const REGION_CODES = new Set(
  'AFR ASA BLK CAS CAU CFR CRB EAF EEU EIN EUR LAM MEA MDT NAF NMR PGS SAF SAM SAS SCN SEA WAF WEU WST'.split(' '),
);

/** A CAMEO actor code split into GDELT's actor columns. */
export interface ActorParts {
  code: string;
  countryCode: string;
  knownGroupCode: string;
  ethnicCode: string;
  religion1Code: string;
  religion2Code: string;
  type1Code: string;
  type2Code: string;
  type3Code: string;
}

/**
 * Split a CAMEO actor code into GDELT's columns: the first 3 characters are the country when they
 * are an ISO 3166-1 alpha-3 code (or a CAMEO region code); the following 3-character chunks are
 * type codes (GOV, MIL…, up to three), religion codes (up to two), and the first other chunk is
 * the known group code ("IGOUNO" → type IGO, known group UNO). Ethnic codes are not recognised.
 * "---" or "" gives empty columns.
 */
export function splitActorCode(code: string | undefined | null): ActorParts {
  const parts: ActorParts = {
    code: '',
    countryCode: '',
    knownGroupCode: '',
    ethnicCode: '',
    religion1Code: '',
    religion2Code: '',
    type1Code: '',
    type2Code: '',
    type3Code: '',
  };
  const c = (code ?? '').trim().toUpperCase();
  if (!c || /^-+$/.test(c)) return parts;
  parts.code = c;
  const chunks = c.match(/.{1,3}/g) ?? [];
  let i = 0;
  if (chunks[0] && (isIso3(chunks[0]) || REGION_CODES.has(chunks[0]))) {
    parts.countryCode = chunks[0];
    i = 1;
  }
  const types: string[] = [];
  const religions: string[] = [];
  for (; i < chunks.length; i++) {
    const ch = chunks[i];
    if (TYPE_CODES.has(ch)) types.push(ch);
    else if (RELIGION_CODES.has(ch)) religions.push(ch);
    else if (!parts.knownGroupCode && ch.length === 3) parts.knownGroupCode = ch;
  }
  [parts.type1Code, parts.type2Code, parts.type3Code] = [types[0] ?? '', types[1] ?? '', types[2] ?? ''];
  [parts.religion1Code, parts.religion2Code] = [religions[0] ?? '', religions[1] ?? ''];
  return parts;
}

/** Options of {@link formatCSV}. */
export interface CsvOptions {
  /** Include the header row (default true). */
  header?: boolean;
  /** Field delimiter (default ","; GDELT's own files use a tab). */
  delimiter?: string;
  /** Time written to DATEADDED (default: now), as YYYYMMDDHHMMSS UTC. */
  dateAdded?: Date;
}

function ymd(value: string | null | undefined): { y: string; m: string; d: string } | undefined {
  if (!value) return undefined;
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!match) return undefined;
  return { y: match[1], m: match[2] ?? '', d: match[3] ?? '' };
}

/**
 * GDELT's date columns for an event: SQLDATE (YYYYMMDD), MonthYear (YYYYMM), Year, FractionDate
 * (YYYY + (month·30 + day)/365, 4 decimals, as in the GDELT codebook). A day-precise event date
 * is used; otherwise the story's publication day (GDELT's own default), keeping the event's
 * month and year when the event date has them.
 */
function dateColumns(e: Event, doc: Doc): [string, string, string, string] {
  const ev = ymd(e.date);
  const pub = ymd(doc.meta?.published);
  let day = ev?.d ? ev : undefined;
  if (!day && pub?.d && (!ev || (ev.y === pub.y && (!ev.m || ev.m === pub.m)))) day = pub;
  const y = day?.y ?? ev?.y ?? pub?.y ?? '';
  const m = day?.m ?? (ev ? ev.m : pub?.m) ?? '';
  const sql = day ? `${day.y}${day.m}${day.d}` : '';
  const monthYear = y && m ? `${y}${m}` : '';
  const fraction = day ? (Number(day.y) + (Number(day.m) * 30 + Number(day.d)) / 365).toFixed(4) : '';
  return [sql, monthYear, y, fraction];
}

/**
 * GDELT geographic type of a place from its GeoNames feature code: 1 COUNTRY (PCL*), 2 USSTATE,
 * 3 USCITY, 4 WORLDCITY, 5 WORLDSTATE (ADM*).
 */
function geoType(featureCode: string | undefined, country: string | undefined): string {
  if (!featureCode) return '4';
  if (featureCode.startsWith('PCL')) return '1';
  const us = country === 'US';
  if (featureCode.startsWith('ADM')) return us ? '2' : '5';
  return us ? '3' : '4';
}

interface GeoLike {
  name: string;
  geonamesId?: number;
  lat?: number;
  lon?: number;
  country?: string;
}

function geoCells(g: GeoLike | null | undefined, places: Map<number, Place>): string[] {
  if (!g || g.lat == null || g.lon == null) return ['', '', '', '', '', '', '', ''];
  const place = g.geonamesId ? places.get(g.geonamesId) : undefined;
  const country = g.country ?? place?.country ?? '';
  const isCountry = place?.featureCode?.startsWith('PCL');
  return [
    geoType(place?.featureCode, country),
    g.name,
    country,
    isCountry ? country : '',
    '',
    String(g.lat),
    String(g.lon),
    g.geonamesId ? String(g.geonamesId) : '',
  ];
}

function actorGeo(a: EventActor | null, doc: Doc): GeoLike | null {
  if (!a?.entityId) return null;
  const en = doc.entities.find((x) => x.id === a.entityId);
  if (!en || en.lat == null || en.lon == null) return null;
  return { name: en.name, geonamesId: en.geonamesId, lat: en.lat, lon: en.lon, country: en.country };
}

function actorCells(a: EventActor | null): string[] {
  const p = splitActorCode(a?.actor);
  return [
    p.code,
    a?.text ?? '',
    p.countryCode,
    p.knownGroupCode,
    p.ethnicCode,
    p.religion1Code,
    p.religion2Code,
    p.type1Code,
    p.type2Code,
    p.type3Code,
  ];
}

/** GDELT-style numeric GLOBALEVENTID: the first 52 bits of sha256(story id + ":" + event id), stable across runs. */
export function globalEventId(storyId: string, eventId: string): number {
  const h = createHash('sha256').update(`${storyId}:${eventId}`).digest('hex');
  return parseInt(h.slice(0, 13), 16);
}

function dateAddedStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/** True when the event's sentence lies in the story's first paragraph (GDELT's IsRootEvent). */
function isRootEvent(e: Event, doc: Doc): boolean {
  const s = doc.sentences.find((x) => x.start <= e.sentence.start && e.sentence.start < x.end);
  if (s?.paragraph != null) return s.paragraph === 0;
  return doc.sentences.length ? doc.sentences[0].start <= e.sentence.start && e.sentence.start < doc.sentences[0].end : false;
}

/** The cells of one CSV row (GDELT columns, then Dateline's), as strings. */
export function eventRow(e: Event, doc: Doc, places: Map<number, Place>, dateAdded: string): string[] {
  return [
    String(globalEventId(doc.id, e.id)),
    ...dateColumns(e, doc),
    ...actorCells(e.source),
    ...actorCells(e.target),
    isRootEvent(e, doc) ? '1' : '0',
    e.cameo,
    e.cameo.slice(0, 3),
    e.root || e.cameo.slice(0, 2),
    String(e.quadClass ?? ''),
    String(e.goldstein ?? ''),
    '1',
    '1',
    '1',
    '',
    ...geoCells(actorGeo(e.source, doc), places),
    ...geoCells(actorGeo(e.target, doc), places),
    ...geoCells(e.place, places),
    dateAdded,
    doc.meta?.url ?? doc.meta?.input ?? '',
    e.modality,
    e.plover ?? '',
    e.trigger.text,
    String(e.sentence.start),
    String(e.sentence.end),
    doc.id,
  ];
}

/**
 * One event per row with the 61 GDELT 2.0 event table columns ({@link GDELT_COLUMNS}) followed by
 * {@link DATELINE_COLUMNS}, written with csv-stringify (RFC 4180 quoting).
 *
 * Departures from GDELT, documented: GLOBALEVENTID is a stable hash, not a sequence;
 * Geo_CountryCode is ISO 3166-1 alpha-2 (GDELT uses FIPS 10-4); Geo_FeatureID is the GeoNames id
 * (GDELT uses GNS/GNIS ids); ADM1/ADM2 codes are left empty except for countries; Actor*Name is
 * the actor as printed (GDELT upper-cases it); NumMentions/NumSources/NumArticles are 1 per story
 * and AvgTone is empty (Dateline computes no tone). Actor geography is filled when the actor's
 * entity has coordinates.
 */
export function formatCSV(docs: Doc[], options: CsvOptions = {}): string {
  const dateAdded = dateAddedStamp(options.dateAdded ?? new Date());
  const rows: string[][] = [];
  for (const doc of docs) {
    const places = new Map<number, Place>();
    for (const p of doc.places) if (p.geonamesId) places.set(p.geonamesId, p);
    for (const e of doc.events) rows.push(eventRow(e, doc, places, dateAdded));
  }
  return stringify(rows, {
    header: options.header ?? true,
    columns: [...GDELT_COLUMNS, ...DATELINE_COLUMNS],
    delimiter: options.delimiter ?? ',',
  });
}
