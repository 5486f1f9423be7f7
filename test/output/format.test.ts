import { describe, it, expect } from 'vitest';
import {
  formatCSV,
  formatJSON,
  formatJSONL,
  formatTable,
  evidenceExcerpt,
  splitActorCode,
  GDELT_COLUMNS,
  DATELINE_COLUMNS,
  globalEventId,
} from '../../src/output/format.js';
import { makeDoc } from './fixture.js';

const EXPECTED_GDELT = [
  'GLOBALEVENTID', 'SQLDATE', 'MonthYear', 'Year', 'FractionDate',
  'Actor1Code', 'Actor1Name', 'Actor1CountryCode', 'Actor1KnownGroupCode', 'Actor1EthnicCode',
  'Actor1Religion1Code', 'Actor1Religion2Code', 'Actor1Type1Code', 'Actor1Type2Code', 'Actor1Type3Code',
  'Actor2Code', 'Actor2Name', 'Actor2CountryCode', 'Actor2KnownGroupCode', 'Actor2EthnicCode',
  'Actor2Religion1Code', 'Actor2Religion2Code', 'Actor2Type1Code', 'Actor2Type2Code', 'Actor2Type3Code',
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale',
  'NumMentions', 'NumSources', 'NumArticles', 'AvgTone',
  'Actor1Geo_Type', 'Actor1Geo_FullName', 'Actor1Geo_CountryCode', 'Actor1Geo_ADM1Code', 'Actor1Geo_ADM2Code',
  'Actor1Geo_Lat', 'Actor1Geo_Long', 'Actor1Geo_FeatureID',
  'Actor2Geo_Type', 'Actor2Geo_FullName', 'Actor2Geo_CountryCode', 'Actor2Geo_ADM1Code', 'Actor2Geo_ADM2Code',
  'Actor2Geo_Lat', 'Actor2Geo_Long', 'Actor2Geo_FeatureID',
  'ActionGeo_Type', 'ActionGeo_FullName', 'ActionGeo_CountryCode', 'ActionGeo_ADM1Code', 'ActionGeo_ADM2Code',
  'ActionGeo_Lat', 'ActionGeo_Long', 'ActionGeo_FeatureID',
  'DATEADDED', 'SOURCEURL',
];

/** A small RFC 4180 reader (quoted fields, doubled quotes), enough to read back what csv-stringify wrote. */
function parse(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (c !== '\r') field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

function csvRecords(text: string): Record<string, string>[] {
  const [head, ...rows] = parse(text);
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

describe('formatCSV', () => {
  it('writes the 61 GDELT 2.0 columns in order, then Dateline columns', () => {
    expect(GDELT_COLUMNS).toEqual(EXPECTED_GDELT);
    expect(GDELT_COLUMNS.length).toBe(61);
    const header = formatCSV([makeDoc()]).split('\n')[0];
    expect(header.split(',')).toEqual([...EXPECTED_GDELT, 'Modality', 'PLOVER', 'TriggerText', 'SentenceStart', 'SentenceEnd', 'StoryId']);
    expect(DATELINE_COLUMNS.length).toBe(6);
  });

  it('writes one row per event with GDELT values', () => {
    const doc = makeDoc();
    const out = formatCSV([doc], { dateAdded: new Date(Date.UTC(2023, 4, 9, 7, 5, 3)) });
    const rows = csvRecords(out);
    expect(rows.length).toBe(2);
    const [a, b] = rows;
    expect(a).toMatchObject({
      GLOBALEVENTID: String(globalEventId(doc.id, 'ev1')),
      SQLDATE: '20230508',
      MonthYear: '202305',
      Year: '2023',
      FractionDate: (2023 + (5 * 30 + 8) / 365).toFixed(4),
      Actor1Code: 'NORGOV',
      Actor1Name: 'Kari Nordby',
      Actor1CountryCode: 'NOR',
      Actor1Type1Code: 'GOV',
      Actor2Code: 'FINGOV',
      Actor2CountryCode: 'FIN',
      Actor2Type1Code: 'GOV',
      IsRootEvent: '1',
      EventCode: '042',
      EventBaseCode: '042',
      EventRootCode: '04',
      QuadClass: '1',
      GoldsteinScale: '1.9',
      NumMentions: '1',
      ActionGeo_Type: '4',
      ActionGeo_FullName: 'Helsinki',
      ActionGeo_CountryCode: 'FI',
      ActionGeo_Lat: '60.169',
      ActionGeo_Long: '24.935',
      ActionGeo_FeatureID: '658225',
      DATEADDED: '20230509070503',
      SOURCEURL: 'https://news.example.org/2023/05/nordby',
      Modality: 'asserted',
      PLOVER: 'CONSULT',
      TriggerText: 'arrived',
      SentenceStart: '0',
      StoryId: doc.id,
    });
    expect(b).toMatchObject({
      SQLDATE: '20230512',
      Actor2Code: 'SWE',
      Actor2CountryCode: 'SWE',
      Actor2Type1Code: '',
      IsRootEvent: '0',
      Modality: 'planned',
      TriggerText: 'travel',
      ActionGeo_FullName: 'Stockholm',
    });
    expect(Number(b.SentenceStart)).toBe(doc.events[1].sentence.start);
  });

  it('falls back to the publication day for a month-precise event date, and quotes commas', () => {
    const doc = makeDoc();
    doc.events[0].date = '2023-05';
    doc.events[0].target = { text: 'Virtanen, the president', actor: 'FINGOV' };
    doc.events[1].date = null;
    doc.meta.published = undefined;
    const out = formatCSV([doc], { header: false });
    expect(out).toContain('"Virtanen, the president"');
    const rows = parse(out) as string[][];
    expect(rows[0].length).toBe(67);
    expect(rows[0].slice(1, 5)).toEqual(['', '202305', '2023', '']);
    expect(rows[1].slice(1, 5)).toEqual(['', '', '', '']);
    const doc2 = makeDoc();
    doc2.events[0].date = '2023-05';
    expect(csvRecords(formatCSV([doc2]))[0].SQLDATE).toBe('20230508');
  });
});

describe('splitActorCode', () => {
  it('splits country, types, known groups and religions', () => {
    expect(splitActorCode('RUSGOV')).toMatchObject({ code: 'RUSGOV', countryCode: 'RUS', type1Code: 'GOV' });
    expect(splitActorCode('RUSMILGOV')).toMatchObject({ countryCode: 'RUS', type1Code: 'MIL', type2Code: 'GOV' });
    expect(splitActorCode('IGOUNO')).toMatchObject({ countryCode: '', type1Code: 'IGO', knownGroupCode: 'UNO' });
    expect(splitActorCode('PSEREBHMS')).toMatchObject({ countryCode: 'PSE', type1Code: 'REB', knownGroupCode: 'HMS' });
    expect(splitActorCode('IRQMOSSHI')).toMatchObject({ countryCode: 'IRQ', religion1Code: 'MOS', religion2Code: 'SHI' });
    expect(splitActorCode('---').code).toBe('');
    expect(splitActorCode(undefined).code).toBe('');
  });
});

describe('formatJSON / formatJSONL', () => {
  it('JSONL is one line per doc and round-trips; JSON is pretty and drops raw', () => {
    const docs = [makeDoc(), makeDoc(' Another line\nwith a newline.')];
    const lines = docs.map(formatJSONL);
    for (const l of lines) expect(l.includes('\n')).toBe(false);
    const joined = lines.join('\n');
    expect(joined.split('\n').length).toBe(2);
    const back = JSON.parse(lines[1]);
    expect(back.text).toBe(docs[1].text);
    expect(back.raw).toBeUndefined();
    const pretty = formatJSON(docs[0]);
    expect(pretty.split('\n').length).toBeGreaterThan(20);
    expect(JSON.parse(pretty).events[0].cameo).toBe('042');
  });
});

describe('formatTable', () => {
  it('shows the event code, label, actors, modality, evidence, flags and summary', () => {
    const out = formatTable([makeDoc()]);
    expect(out).toContain('Nordby visits Helsinki');
    expect(out).toContain('042 Make a visit');
    expect(out).toContain('Kari Nordby (NORGOV)');
    expect(out).toContain('planned');
    expect(out).toContain('date-conflict');
    expect(out).toContain('4 entities, 2 timexes, 2 places, 1 quote, 2 events');
    expect(out).not.toMatch(/\u001b\[/); // no colour codes
  });

  it('says so when a story has no events or flags, and falls back to the root label', () => {
    const doc = makeDoc();
    doc.events = [];
    doc.flags = [];
    const out = formatTable([doc]);
    expect(out).toContain('No events.');
    expect(out).toContain('Flags: none');
    const d2 = makeDoc();
    d2.events[0].label = undefined;
    d2.events[0].cameo = '111';
    d2.events[0].root = '11';
    expect(formatTable([d2])).toContain('111 Disapprove');
  });
});

describe('evidenceExcerpt', () => {
  it('keeps short sentences whole and trims long ones around the trigger to 80 chars', () => {
    const short = 'Troops left the town.';
    expect(evidenceExcerpt(short, { start: 0, end: short.length }, { start: 7, end: 11 })).toBe(short);
    const long =
      'After a long night of negotiations in the capital, which had been delayed twice by disagreements, the two delegations finally signed the accord on water rights along the shared river valley.';
    const t = long.indexOf('signed');
    const ex = evidenceExcerpt(long, { start: 0, end: long.length }, { start: t, end: t + 6 });
    expect(ex.length).toBeLessThanOrEqual(80);
    expect(ex).toContain('signed');
    expect(ex.startsWith('…')).toBe(true);
    expect(ex.endsWith('…')).toBe(true);
  });
});
