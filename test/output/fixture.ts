/** A hand-built Doc (text written for these tests) with two events, used by the store, output and eval tests. */
import { createHash } from 'node:crypto';
import { createDoc, type Doc } from '../../src/doc/types.js';

const TEXT =
  'OSLO — Norwegian Prime Minister Kari Nordby arrived in Helsinki on Monday for talks with Finnish President Matti Virtanen.\n\n' +
  'Nordby will travel to Stockholm on May 12, her office said. No agreement will be signed, an aide said.';

function at(text: string, needle: string, from = 0): { start: number; end: number; text: string } {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`fixture: ${needle} not found`);
  return { start, end: start + needle.length, text: needle };
}

/** A fresh copy of the fixture Doc. `variant` changes the text (and so the content hash). */
export function makeDoc(variant = ''): Doc {
  const text = TEXT + variant;
  const doc = createDoc(text, { input: `fixture${variant ? '-' + variant.length : ''}.txt` });
  doc.text = text;
  doc.id = createHash('sha256').update(text).digest('hex');
  doc.meta = {
    ...doc.meta,
    title: 'Nordby visits Helsinki',
    url: 'https://news.example.org/2023/05/nordby',
    published: '2023-05-08',
    publishedSource: 'given',
    language: 'en',
    dateline: 'OSLO',
  };
  const s1End = text.indexOf('\n\n');
  const s2Start = s1End + 2;
  const s2End = text.indexOf('said.', s2Start) + 5;
  const s3Start = s2End + 1;
  doc.sentences = [
    { start: 0, end: s1End, paragraph: 0 },
    { start: s2Start, end: s2End, paragraph: 1 },
    { start: s3Start, end: text.length, paragraph: 1 },
  ];
  const nordby = at(text, 'Kari Nordby');
  doc.entities = [
    { id: 'e1', name: 'Kari Nordby', type: 'PER', mentions: ['Kari Nordby', 'Nordby'], mentionIds: [], actor: 'NORGOV', country: 'NO' },
    { id: 'e2', name: 'Matti Virtanen', type: 'PER', mentions: ['Matti Virtanen'], mentionIds: [], actor: 'FINGOV', country: 'FI' },
    { id: 'e3', name: 'Helsinki', type: 'LOC', mentions: ['Helsinki'], mentionIds: [], country: 'FI', geonamesId: 658225, lat: 60.169, lon: 24.935 },
    { id: 'e4', name: 'Stockholm', type: 'LOC', mentions: ['Stockholm'], mentionIds: [], country: 'SE', geonamesId: 2673730, lat: 59.333, lon: 18.065 },
  ];
  doc.timexes = [
    { id: 't1', ...at(text, 'Monday'), type: 'DATE', value: '2023-05-08' },
    { id: 't2', ...at(text, 'May 12'), type: 'DATE', value: '2023-05-12' },
  ];
  doc.places = [
    { ...at(text, 'Helsinki'), name: 'Helsinki', geonamesId: 658225, country: 'FI', lat: 60.169, lon: 24.935, featureCode: 'PPLC' },
    { ...at(text, 'Stockholm'), name: 'Stockholm', geonamesId: 2673730, country: 'SE', lat: 59.333, lon: 18.065, featureCode: 'PPLC' },
  ];
  doc.quotes = [
    { ...at(text, 'Nordby will travel to Stockholm on May 12'), direct: false, speaker: { text: 'her office' } },
  ];
  doc.events = [
    {
      id: 'ev1',
      cameo: '042',
      root: '04',
      label: 'Make a visit',
      quadClass: 1,
      goldstein: 1.9,
      plover: 'CONSULT',
      source: { text: nordby.text, actor: 'NORGOV', entityId: 'e1' },
      target: { text: 'Finnish President Matti Virtanen', actor: 'FINGOV', entityId: 'e2' },
      date: '2023-05-08',
      place: { name: 'Helsinki', geonamesId: 658225, lat: 60.169, lon: 24.935, country: 'FI' },
      modality: 'asserted',
      sentence: { start: 0, end: s1End },
      trigger: at(text, 'arrived'),
    },
    {
      id: 'ev2',
      cameo: '042',
      root: '04',
      label: 'Make a visit',
      quadClass: 1,
      goldstein: 1.9,
      plover: 'CONSULT',
      source: { text: 'Nordby', actor: 'NORGOV', entityId: 'e1' },
      target: { text: 'Stockholm', actor: 'SWE' },
      date: '2023-05-12',
      place: { name: 'Stockholm', geonamesId: 2673730, lat: 59.333, lon: 18.065, country: 'SE' },
      modality: 'planned',
      sentence: { start: s2Start, end: s2End },
      trigger: at(text, 'travel'),
    },
  ];
  doc.flags = [{ kind: 'date-conflict', message: 'Monday does not match the dateline date', spans: [at(text, 'Monday')] }];
  return doc;
}
