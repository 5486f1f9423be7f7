import { describe, it, expect } from 'vitest';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createContext } from '../../src/context.js';
import { createDoc, type Doc, type Mention, type MentionType } from '../../src/doc/types.js';
import { gazetteer, normKey } from '../../src/geo/gazetteer.js';
import { placesStage, resolveDateline } from '../../src/geo/stage.js';
import { actorDictionary } from '../../src/link/actor-dictionary.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = path.resolve(repoRoot, '..', 'shared');
const ctx = createContext();
const g = gazetteer(ctx);

/** A Doc whose mentions are the given surface strings (each its own entity), found in order. */
function docWith(text: string, ms: Array<[string, MentionType]>, meta: Record<string, string> = {}): Doc {
  const doc = createDoc(text, { published: '2022-06-28', ...meta });
  doc.text = text;
  let from = 0;
  ms.forEach(([t, type], k) => {
    const start = text.indexOf(t, from);
    if (start < 0) throw new Error(`fixture: ${t}`);
    const m: Mention = { id: `m${k}`, start, end: start + t.length, text: t, type, entityId: `e${k}` };
    doc.mentions.push(m);
    doc.entities.push({ id: `e${k}`, name: t, type, mentions: [t], mentionIds: [m.id] });
    from = start + t.length;
  });
  return doc;
}

describe('gazetteer', () => {
  it('normalizes St./Saint and Mt./Mount', () => {
    expect(normKey('St. Petersburg')).toBe(normKey('Saint Petersburg'));
    expect(normKey('Sankt-Peterburg')).toBe('saint peterburg');
    expect(normKey('Mt. Kenya')).toBe('mount kenya');
  });

  it('remembers answers per whole context: a story\'s spatial coherence is part of the key', () => {
    const athens = g.candidates('Athens').filter((c) => c.country === 'US' && c.featureCode.startsWith('PPL'));
    const ohio = athens.find((c) => c.admin1 === 'Ohio');
    expect(ohio).toBeDefined();
    const plain = g.resolve('Athens', { countries: ['US'] });
    expect(plain?.admin1).not.toBe('Ohio');
    // the same name and countries, another story whose other places lie near Athens, Ohio
    const near = g.resolve('Athens', { countries: ['US'], coherence: { [`${ohio!.lat},${ohio!.lon}`]: 3 } });
    expect(near?.admin1).toBe('Ohio');
    expect(g.resolve('Athens', { countries: ['US'] })?.admin1).toBe(plain?.admin1);
  });

  it('resolves Latin alternate names', () => {
    expect(g.resolve('Kiev')?.geonamesId).toBe(703448);
    expect(g.resolve('Ashkhabad')?.geonamesId).toBe(162183);
    expect(g.resolve('Alma-Ata')?.geonamesId).toBe(1526384);
    for (const n of ['St. Petersburg', 'St Petersburg', 'Saint Petersburg', 'Sankt-Peterburg', 'Leningrad']) expect(g.resolve(n)?.geonamesId, n).toBe(498817);
  });

  it('keeps a city that bears a name over a small town with it as a historic alternate, even in that town\'s country', () => {
    const alternates = g.candidates('Samarkand').filter((c) => c.country === 'KZ');
    expect(alternates.length).toBeGreaterThan(0); // the trap exists: a Kazakh town once called so
    expect(g.resolve('Samarkand', { countries: ['KZ'] })).toMatchObject({ country: 'UZ', name: 'Samarkand' });
    // a story country still decides between namesakes matched by their main names
    expect(g.resolve('Georgia', { countries: ['US'] })?.country).toBe('US');
  });

  it('prefers a city to its homonym division and capitals to small namesakes', () => {
    expect(g.resolve('Moscow')?.geonamesId).toBe(524901);
    expect(g.resolve('Paris')).toMatchObject({ country: 'FR', featureCode: 'PPLC' });
  });

  it('uses an admin-1 qualifier: Paris, Texas and Troy, N.C.', () => {
    expect(g.resolve('Paris', { admin1: 'Texas' })).toMatchObject({ country: 'US', admin1: 'Texas' });
    expect(g.resolve('Troy', { admin1: 'N.C.' })).toMatchObject({ country: 'US', admin1: 'North Carolina' });
  });

  it('Georgia: the country by default and with Georgian context, the US state with US-only context', () => {
    expect(g.resolve('Georgia')).toMatchObject({ country: 'GE', featureCode: 'PCLI' });
    expect(g.resolve('Georgia', { countries: ['GE'] })?.country).toBe('GE');
    expect(g.resolve('Georgia', { countries: ['US'] })).toMatchObject({ country: 'US', featureCode: 'ADM1' });
  });

  it('never geocodes a demonym to a town', () => {
    expect(g.resolve('European')).toMatchObject({ geonamesId: 6255148, name: 'Europe' });
    expect(g.resolve('Tajik')?.country).toBe('TJ');
    expect(g.resolve('Central Asia')).toMatchObject({ featureCode: 'RGN', geonamesId: 0 });
  });

  it('flags notable place names for the recognizer', () => {
    const w = ['talks', 'in', 'St.', 'Petersburg', 'and', 'New', 'York'];
    expect(g.isPlaceName(w, 2)).toBe(2);
    expect(g.isPlaceName(w, 5)).toBe(2);
    expect(g.isPlaceName(w, 0)).toBe(0);
  });
});

describe('gazetteer: points, demonyms, abbreviations, story context', () => {
  const km = (a: { lat: number; lon: number } | null | undefined, lat: number, lon: number) => {
    if (!a) return Infinity;
    const r = Math.PI / 180;
    const h = Math.sin(((lat - a.lat) * r) / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(lat * r) * Math.sin(((lon - a.lon) * r) / 2) ** 2;
    return 2 * 6371 * Math.asin(Math.sqrt(h));
  };
  it('puts a country near its geographic centre, not on an island or a rounded degree', () => {
    // geographic centre of the contiguous United States: near Lebanon, Kansas (39.83 N, 98.58 W)
    expect(km(g.resolve('United States'), 39.83, -98.58)).toBeLessThan(100);
    // geographic centre of Australia: Lambert Gravitational Centre (25.61 S, 134.35 E)
    expect(km(g.resolve('Australia'), -25.61, 134.35)).toBeLessThan(100);
  });
  it("puts a country at the Factbook's (GeoNames') point", () => {
    expect(km(g.resolve('Russia'), 60, 100)).toBeLessThan(50);
    expect(km(g.resolve('Canada'), 60, -95)).toBeLessThan(50);
  });
  it('knows US counties, state abbreviations with a period, residents and news regions', () => {
    const c = g.resolve('Laurel County', { countries: ['US'], admin1s: ['US|Kentucky'] });
    expect(c).toMatchObject({ featureCode: 'ADM2', admin1: 'Kentucky' });
    expect(km(c, 37.11, -84.12)).toBeLessThan(40);
    expect(g.resolve('Loudon Co.')?.admin1).toBe('Tennessee');
    expect(g.resolve('Kan.')?.name).toBe('Kansas');
    expect(g.resolve('Ont.')?.name).toBe('Ontario');
    expect(g.resolve('Ohioans')?.name).toBe('Ohio');
    expect(g.resolve('Darfur')?.featureCode).toBe('RGN');
    expect(g.resolve('ER')?.name).not.toBe('Hyères');
  });
  it('puts an admin-1 division near its centre, not at its seat', () => {
    // geographic centre of Texas: near Mercury, Texas (31.39 N, 99.17 W); Austin lies 180 km off
    expect(km(g.resolve('Texas'), 31.39, -99.17)).toBeLessThan(120);
  });
  it('gives a shared demonym to the most populous country and reads plurals', () => {
    expect(g.resolve('American')?.country).toBe('US');
    expect(g.resolve('Russians')?.country).toBe('RU');
    expect(g.resolve('Palestinians')?.country).toBe('PS');
  });
  it('reads a US state abbreviation printed on its own', () => {
    expect(g.resolve('W.Va.')?.name).toBe('West Virginia');
    expect(g.resolve('Calif.')?.featureCode).toBe('ADM1');
  });
  it("prefers a place in the story's admin-1 division; X County stands on its town there", () => {
    expect(g.resolve('Alexandria')?.country).toBe('EG');
    expect(g.resolve('Alexandria', { countries: ['US'], admin1s: ['US|Louisiana'] })?.admin1).toBe('Louisiana');
    const c = g.resolve('Alexandria County', { countries: ['US'], admin1s: ['US|Louisiana'] });
    expect(c?.featureCode).toBe('ADM2');
    expect(c?.admin1).toBe('Louisiana');
    expect(g.resolve('Alexandria County')).toBeNull();
  });
});

describe('placesStage', () => {
  it('finds toponyms inside organization and office names and skips function words', () => {
    const text = 'But the Shreveport Police Department and Mansfield Mayor Ann Coyle said the road will reopen.';
    const doc = docWith(text, [['But', 'LOC'], ['Shreveport Police Department', 'ORG'], ['Mansfield Mayor Ann Coyle', 'PER']]);
    placesStage.run(doc, ctx);
    expect(doc.places.map((p) => p.text)).toEqual(['Shreveport', 'Mansfield']);
    expect(doc.places[0].country).toBe('US');
    // Shreveport lies only in Louisiana: it sets the story there, so Mansfield is Mansfield,
    // Louisiana (32.04 N, 93.70 W), not the English town
    expect(doc.places[1].lat).toBeGreaterThan(31.9);
    expect(doc.places[1].lat).toBeLessThan(32.2);
    expect(doc.places[1].lon).toBeGreaterThan(-93.9);
    expect(doc.places[1].lon).toBeLessThan(-93.5);
  });
  it("reads the story's local lexicon: a capitalized town of its admin-1 division outside every mention", () => {
    const text = 'Floods closed roads in Shreveport, and crews later drove on to Natchitoches with sandbags.';
    const doc = docWith(text, [['Shreveport', 'LOC']]);
    placesStage.run(doc, ctx);
    expect(doc.places.map((p) => `${p.text}|${p.country}`)).toEqual(['Shreveport|US', 'Natchitoches|US']);
    // without a story division, no guess
    const d2 = docWith('Crews later drove on to Natchitoches with sandbags.', []);
    placesStage.run(d2, ctx);
    expect(d2.places).toEqual([]);
  });
  it('strips a leading article: "The U.S."', () => {
    const doc = docWith('The U.S. sent aid.', [['The U.S.', 'LOC']]);
    placesStage.run(doc, ctx);
    expect(doc.places[0]?.country).toBe('US');
  });
  it('drops a date word the recognizer ran on into: "Iraq Wednesday"', () => {
    const doc = docWith('A bomb went off in north Iraq Wednesday.', [['Iraq Wednesday', 'LOC']]);
    placesStage.run(doc, ctx);
    expect(doc.places.map((p) => `${p.text}|${p.country}`)).toEqual(['Iraq|IQ']);
  });
  it('resolves LOC mentions with a qualifier and story context; NORP → country', () => {
    const text = 'Officials in Tbilisi said troops would leave Georgia, while a fair in Paris, Texas, drew Georgian visitors.';
    const doc = docWith(text, [['Tbilisi', 'LOC'], ['Georgia', 'LOC'], ['Paris', 'LOC'], ['Texas', 'LOC'], ['Georgian', 'NORP']]);
    placesStage.run(doc, ctx);
    const byText = Object.fromEntries(doc.places.map((p) => [p.text, p]));
    expect(byText.Tbilisi).toMatchObject({ country: 'GE', featureCode: 'PPLC' });
    expect(byText.Georgia).toMatchObject({ country: 'GE', featureCode: 'PCLI' });
    expect(byText.Paris).toMatchObject({ country: 'US', geonamesId: 4717560 });
    // the qualifier is a toponym of its own (the admin-1 division), as geoparsing gold counts it
    expect(byText.Texas).toMatchObject({ country: 'US', featureCode: 'ADM1', confidence: 0.7 });
    expect(doc.entities[4].country).toBe('GE');
    expect(doc.entities[0].geonamesId).toBe(611717);
    expect(doc.places[0].start).toBe(text.indexOf('Tbilisi'));
  });

  it('resolves the dateline with the story countries', () => {
    const doc = docWith('Talks in the capital of Tajikistan ended.', [['Tajikistan', 'LOC']], { dateline: 'DUSHANBE' });
    expect(resolveDateline(doc, ctx)).toMatchObject({ geonamesId: 1221874, country: 'TJ' });
  });
});

interface GeoCase { id: string; area: string; input: string; expected: { places?: Array<{ text: string; country: string; feature: string }>; demonyms?: Array<{ text: string; country?: string; region?: string }> } }
const cases: GeoCase[] = fs
  .readFileSync(path.join(shared, 'gold', 'cases', 'cases_dev.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as GeoCase)
  .filter((c) => c.area === 'geo');

describe('gold: geo cases of cases_dev.jsonl', () => {
  const dict = actorDictionary(ctx);
  it('has geo cases', () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    it(c.id, () => {
      const places = c.expected.places ?? [];
      const dem = c.expected.demonyms ?? [];
      const ms: Array<[string, MentionType]> = [];
      // mentions in text order
      const all = [...places.map((p) => [p.text, 'LOC'] as [string, MentionType]), ...dem.map((d) => [d.text, 'NORP'] as [string, MentionType])];
      all.sort((a, b) => wordIndex(c.input, a[0]) - wordIndex(c.input, b[0]));
      ms.push(...all);
      const doc = docWith(c.input, ms);
      placesStage.run(doc, ctx);
      for (const p of places) {
        const pl = doc.places.find((x) => x.text === p.text);
        const iso2 = dict.countryByIso3(p.country)!.iso2;
        expect(pl, p.text).toBeDefined();
        expect(pl!.country, p.text).toBe(iso2);
        expect(pl!.featureCode.startsWith(p.feature === 'country' ? 'PCL' : 'PPLC'), p.text).toBe(true);
      }
      for (const d of dem) {
        const r = g.resolve(d.text);
        if (d.region) expect(r?.name, d.text).toBe(d.region);
        if (d.country) {
          expect(r?.country, d.text).toBe(dict.countryByIso3(d.country)!.iso2);
          expect(dict.country(d.text)?.iso3).toBe(d.country);
        }
      }
    });
  }
});

/** Offset of `w` as a whole word in `s`. */
function wordIndex(s: string, w: string): number {
  const m = new RegExp(`(?<![\\p{L}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').exec(s);
  return m ? m.index : -1;
}

describe('gold: seed story places resolve through resolve()', () => {
  const gold = JSON.parse(fs.readFileSync(path.join(shared, 'gold', 'putin-tajikistan.gold.json'), 'utf8'));
  const locs = (gold.entities as Array<{ canonical: string; mentions: string[]; geonames?: number; country?: string }>).filter((e) => e.geonames || e.country);
  const countries = [...new Set(locs.filter((e) => !e.geonames && e.country).map((e) => e.country!))];
  for (const e of locs) {
    it(e.canonical, () => {
      for (const m of e.mentions) {
        const title = m === m.toUpperCase() ? m.charAt(0) + m.slice(1).toLowerCase() : m;
        const r = g.resolve(title, { countries });
        expect(r, m).not.toBeNull();
        if (e.geonames) expect(r!.geonamesId, m).toBe(e.geonames);
        if (e.country) expect(r!.country, m).toBe(e.country);
      }
    });
  }
});
