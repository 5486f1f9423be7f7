#!/usr/bin/env node
/**
 * Builds `data/gazetteer.json.gz`, the compiled toponym gazetteer, from raw public data in
 * `../shared/dict/geonames/` (GeoNames, CC BY 4.0) and the npm package `world-countries` (ODbL):
 *
 * - every row of `cities15000.txt` (GeoNames dump 2025-11);
 * - every row of `cities500.txt.gz` (dump 2023) not already present: the villages of 500 people
 *   and more that local news names (LGL's small towns);
 * - US counties, parishes and boroughs from `scripts/data/us-admin2.txt` (GeoNames admin2Codes, US
 *   rows; point: median of its settlements in cities500);
 * - first-order admin divisions from `admin1CodesASCII.txt` (point: the middle of the 1st–99th
 *   percentile range of its settlements' latitudes and longitudes in cities500, else its seat;
 *   population = sum of listed cities);
 * - countries (world-countries names, Latin alternate spellings, capital; point: the Factbook's
 *   geographic coordinates as world-countries gives them, GeoNames' point for the US,
 *   the Lambert centre for Australia; GeoNames id and population from
 *   `countryInfo.txt`); continents (GeoNames ids 6255146–6255152) and a few regions (CAMEO
 *   regional names, GeoNames id 0 where GeoNames has none);
 * - demonyms (world-countries `demonyms.eng`, the most populous country for a shared one, their
 *   plurals, "-stan" stems, continent adjectives) mapped to their country or region record, so
 *   "European" resolves to Europe and "American" to the United States, never to a town.
 *
 * Alternate names: only Latin-script ones (so Kiev/Kyiv, Ashkhabad/Ashgabat, Alma-Ata/Almaty,
 * Sankt-Peterburg resolve), without IATA-like all-caps codes. Keys are normalized with `normKey`
 * (lower case, no diacritics, "st"/"st." → "saint", "mt"/"mt." → "mount", hyphens → spaces).
 * Run: `node scripts/build-gazetteer.js [sharedDir] [outFile]`.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const shared = path.resolve(process.argv[2] ?? path.join(repo, '..', 'shared'));
const outFile = path.resolve(process.argv[3] ?? path.join(repo, 'data', 'gazetteer.json.gz'));
const geo = path.join(shared, 'dict', 'geonames');

/** Lookup key of a toponym (must equal `normKey` in src/geo/gazetteer.ts). */
export function normKey(s) {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/[-\u2010-\u2015]/g, ' ')
    .replace(/\./g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(st|ste|saint|sainte|sankt|san) /, 'saint ')
    .replace(/ (st|saint) /g, ' saint ')
    .replace(/^(mt|mount) /, 'mount ')
    .replace(/^ft /, 'fort ');
}

const LATIN = /^[\p{Script=Latin}\s\-'\u2019.,()0-9]+$/u;
const okAlt = (a) => a.length >= 2 && a.length <= 40 && LATIN.test(a) && !/^[A-Z0-9]{2,4}$/.test(a) && !/\d{2,}/.test(a);

const rec = { id: [], name: [], cc: [], lat: [], lon: [], fc: [], pop: [], a1: [] };
/** key → Set(record index) */
const keys = new Map();
function addKey(k, i) {
  if (!k) return;
  let s = keys.get(k);
  if (!s) keys.set(k, (s = new Set()));
  s.add(i);
}
function addRecord(r, names) {
  const i = rec.id.length;
  rec.id.push(r.id);
  rec.name.push(r.name);
  rec.cc.push(r.cc);
  rec.lat.push(Math.round(r.lat * 1e4) / 1e4);
  rec.lon.push(Math.round(r.lon * 1e4) / 1e4);
  rec.fc.push(r.fc);
  rec.pop.push(r.pop);
  rec.a1.push(r.a1 ?? '');
  const seen = new Set();
  for (const n of [r.name, ...names]) {
    const k = normKey(n);
    if (seen.has(k)) continue;
    seen.add(k);
    addKey(k, i);
  }
  return i;
}

// ---------------------------------------------------------------- countryInfo + world-countries
const wc = require('world-countries/countries.json');

/**
 * Country points: the CIA World Factbook's "geographic coordinates" of the country, as world-countries
 * carries them (`latlng`). GeoNames gives its country entries the same points (Russia 60, 100; Canada
 * 60, -95; Egypt 27, 30), so they are what a GeoNames-based gold (LGL's `gaztag`) and most references
 * use. Two exceptions: the United States, whose Factbook point (38, -97, southern Kansas) is replaced
 * by GeoNames' own, the geographic centre of the contiguous states near Lebanon, Kansas (39.76, -98.5);
 * and Australia, whose Factbook point (-27, 133) lies 200 km from its geographic centre, the Lambert
 * Gravitational Centre (-25.61, 134.35), which Geoscience Australia publishes. (A build before 2026-11 used the centroid of each country's largest Natural
 * Earth polygon, which puts Russia 690 km and Canada 230 km from these points.)
 */
const COUNTRY_POINT_OVERRIDES = { US: [39.76, -98.5], AU: [-25.61, 134.35] };
const countryInfo = new Map(); // iso2 → {geonameid, pop, continent, name, capital}
for (const l of fs.readFileSync(path.join(geo, 'countryInfo.txt'), 'utf8').split('\n')) {
  if (!l || l[0] === '#') continue;
  const f = l.split('\t');
  countryInfo.set(f[0], { name: f[4], capital: f[5], pop: +f[7] || 0, continent: f[8], geonameid: +f[16] || 0 });
}
const countryRec = new Map(); // iso2 → record index
for (const c of wc) {
  const ci = countryInfo.get(c.cca2);
  const names = [c.name.common, c.name.official, ...c.altSpellings.filter((s) => s.length > 2 && LATIN.test(s))];
  if (ci) names.push(ci.name);
  for (const n of Object.values(c.name.native ?? {})) if (LATIN.test(n.common)) names.push(n.common);
  const [lat, lon] = COUNTRY_POINT_OVERRIDES[c.cca2] ?? c.latlng;
  const i = addRecord(
    { id: ci?.geonameid ?? 0, name: c.name.common, cc: c.cca2, lat, lon, fc: c.independent ? 'PCLI' : 'PCLD', pop: ci?.pop ?? 0 },
    names,
  );
  countryRec.set(c.cca2, i);
}

// ---------------------------------------------------------------- continents and regions
const REGIONS = [
  // [geonamesId, name, featureCode, lat, lon, names[], adjectives[]]
  [6255146, 'Africa', 'CONT', 7.19, 21.09, [], ['African']],
  [6255147, 'Asia', 'CONT', 29.84, 89.3, [], ['Asian']],
  [6255148, 'Europe', 'CONT', 48.69, 9.14, [], ['European', 'Europeans']],
  [6255149, 'North America', 'CONT', 46.07, -100.55, [], ['North American']],
  [6255150, 'South America', 'CONT', -14.6, -57.66, [], ['South American']],
  [6255151, 'Oceania', 'CONT', -18.31, 138.52, [], []],
  [6255152, 'Antarctica', 'CONT', -78.16, 16.41, [], []],
  [0, 'Central Asia', 'RGN', 43.0, 65.0, [], ['Central Asian']],
  [0, 'Middle East', 'RGN', 29.0, 41.0, ['Mideast', 'Middle-East'], ['Middle Eastern']],
  [0, 'Caucasus', 'RGN', 42.0, 44.0, ['South Caucasus', 'North Caucasus'], ['Caucasian']],
  [0, 'Balkans', 'RGN', 42.5, 21.0, [], ['Balkan']],
  [0, 'Eastern Europe', 'RGN', 50.0, 30.0, ['East Europe'], ['Eastern European']],
  [0, 'Western Europe', 'RGN', 48.0, 4.0, [], ['Western European']],
  [0, 'Central Europe', 'RGN', 49.0, 15.0, [], ['Central European']],
  [0, 'Southeast Asia', 'RGN', 5.0, 110.0, ['South-East Asia'], ['Southeast Asian']],
  [0, 'South Asia', 'RGN', 22.0, 79.0, [], ['South Asian']],
  [0, 'East Asia', 'RGN', 35.0, 115.0, [], ['East Asian']],
  [0, 'Latin America', 'RGN', -5.0, -65.0, [], ['Latin American']],
  [0, 'Caribbean', 'RGN', 15.0, -72.0, [], ['Caribbean']],
  [0, 'Scandinavia', 'RGN', 63.0, 14.0, [], ['Scandinavian']],
  [0, 'Persian Gulf', 'RGN', 26.5, 52.0, ['Gulf region'], []],
  [0, 'West Africa', 'RGN', 11.0, -3.0, [], ['West African']],
  [0, 'East Africa', 'RGN', 1.0, 38.0, [], ['East African']],
  [0, 'North Africa', 'RGN', 27.0, 14.0, [], ['North African']],
  [0, 'Sahel', 'RGN', 15.0, 5.0, [], []],
  // regions, seas and islands of the news without a record of their own here (approximate centres)
  [0, 'Darfur', 'RGN', 13.0, 25.0, [], ['Darfuri']],
  [0, 'Kashmir', 'RGN', 34.5, 76.0, [], ['Kashmiri']],
  [0, 'Kurdistan', 'RGN', 36.5, 44.0, [], []],
  [0, 'South Ossetia', 'RGN', 42.3, 44.0, [], ['South Ossetian', 'South Ossetians']],
  [0, 'Abkhazia', 'RGN', 43.0, 41.0, [], ['Abkhaz', 'Abkhazian', 'Abkhazians']],
  [0, 'Sinai', 'RGN', 29.5, 33.8, ['Sinai Peninsula'], []],
  [0, 'Siberia', 'RGN', 60.0, 105.0, [], ['Siberian']],
  [0, 'Northern Europe', 'RGN', 60.0, 15.0, [], ['Northern European']],
  [0, 'Southern Europe', 'RGN', 41.0, 15.0, [], ['Southern European']],
  [0, 'Horn of Africa', 'RGN', 8.0, 45.0, [], []],
  [0, 'Sahara', 'RGN', 23.0, 13.0, ['Sahara Desert'], ['Saharan']],
  [0, 'Sumatra', 'RGN', 0.0, 102.0, [], ['Sumatran']],
  [0, 'Java', 'RGN', -7.5, 110.0, [], ['Javanese']],
  [0, 'Borneo', 'RGN', 0.5, 114.0, [], []],
  [0, 'Mediterranean', 'RGN', 35.0, 18.0, ['Mediterranean Sea'], []],
  [0, 'Eastern Mediterranean', 'RGN', 34.0, 30.0, [], []],
  [0, 'Indian Ocean', 'RGN', -20.0, 80.0, [], []],
  [0, 'Atlantic Ocean', 'RGN', 0.0, -30.0, ['Atlantic'], []],
  [0, 'Pacific Ocean', 'RGN', 0.0, -160.0, ['Pacific'], []],
  [0, 'Arctic', 'RGN', 80.0, 0.0, ['Arctic Ocean'], []],
];
const demonyms = {}; // key → record index
for (const [id, name, fc, lat, lon, names, adjs] of REGIONS) {
  const i = addRecord({ id, name, cc: '', lat, lon, fc, pop: 0 }, names);
  for (const a of adjs) demonyms[normKey(a)] = i;
}
// A demonym shared by several countries goes to the most populous ("American": the United States,
// not the Northern Mariana Islands); the plural names the people and so the country too
// ("Russians", "Palestinians"), except for -ese/-ish/-ch forms, which have no -s plural.
const byPop = [...wc].sort((a, b) => (countryInfo.get(b.cca2)?.pop ?? 0) - (countryInfo.get(a.cca2)?.pop ?? 0));
for (const c of byPop) {
  const d = c.demonyms?.eng;
  const i = countryRec.get(c.cca2);
  for (const x of d ? [d.m, d.f] : []) {
    if (!x) continue;
    if (!(normKey(x) in demonyms)) demonyms[normKey(x)] = i;
    if (/[aeiou]n$|i$/.test(x) && !(normKey(x + 's') in demonyms)) demonyms[normKey(x + 's')] = i;
  }
  const m = /^(.{5,}?)(?:i)?stan$/i.exec(c.name.common);
  if (m && !(normKey(m[1]) in demonyms)) demonyms[normKey(m[1])] = i;
}

// ---------------------------------------------------------------- cities
const admin1Name = new Map(); // "CC.code" → name
const admin1Rows = [];
for (const l of fs.readFileSync(path.join(geo, 'admin1CodesASCII.txt'), 'utf8').split('\n')) {
  const f = l.split('\t');
  if (f.length < 4) continue;
  admin1Name.set(f[0], f[1]);
  admin1Rows.push(f);
}
const seenIds = new Set();
const a1Stats = new Map(); // CC.code → {seat, best, pop}
const a1Points = new Map(); // CC.code → {lat: number[], lon: number[]} of every listed settlement
function a1Point(a1code, lat, lon) {
  let p = a1Points.get(a1code);
  if (!p) a1Points.set(a1code, (p = { lat: [], lon: [] }));
  p.lat.push(lat);
  p.lon.push(lon);
}
const a2Points = new Map(); // US.ST.fips → {lat: number[], lon: number[], pop} of every listed settlement
function a2Point(code, lat, lon, pop) {
  let p = a2Points.get(code);
  if (!p) a2Points.set(code, (p = { lat: [], lon: [], pop: 0 }));
  p.lat.push(lat);
  p.lon.push(lon);
  p.pop += pop;
}
function cityRow(f) {
  const id = +f[0];
  const pop = +f[14] || 0;
  const cc = f[8];
  const a1code = `${cc}.${f[10]}`;
  const r = { id, name: f[1], cc, lat: +f[4], lon: +f[5], fc: f[7], pop, a1: admin1Name.get(a1code) ?? '' };
  const alts = [f[2], ...(f[3] ? f[3].split(',') : [])].filter(okAlt);
  addRecord(r, alts);
  seenIds.add(id);
  let s = a1Stats.get(a1code);
  if (!s) a1Stats.set(a1code, (s = { seat: null, best: null, pop: 0 }));
  s.pop += pop;
  if (f[7] === 'PPLA' || (f[7] === 'PPLC' && !s.seat)) s.seat = r;
  if (!s.best || pop > s.best.pop) s.best = r;
}
let n15 = 0;
let n500 = 0;
for (const l of fs.readFileSync(path.join(geo, 'cities15000.txt'), 'utf8').split('\n')) {
  const f = l.split('\t');
  if (f.length < 15) continue;
  cityRow(f);
  n15++;
}
for (const l of zlib.gunzipSync(fs.readFileSync(path.join(geo, 'cities500.txt.gz'))).toString('utf8').split('\n')) {
  const f = l.split('\t');
  if (f.length < 15) continue;
  a1Point(`${f[8]}.${f[10]}`, +f[4], +f[5]);
  if (f[8] === 'US' && f[11]) a2Point(`US.${f[10]}.${f[11]}`, +f[4], +f[5], +f[14] || 0);
  if (seenIds.has(+f[0])) continue;
  const pop = +f[14] || 0;
  cityRow(f);
  n500++;
}

// ---------------------------------------------------------------- admin-1 divisions
/**
 * The point of an admin-1 division: the middle of the 1st–99th percentile range of the latitudes and
 * longitudes of its settlements in cities500 (about its geographic centre, as GeoNames places an
 * ADM1 point: Texas 31.25, -99.25), not its seat (Austin lies 180 km from the centre of Texas).
 * The seat, else the most populous city, when the division lists fewer than 5 settlements.
 */
function a1Centre(code, at) {
  const p = a1Points.get(code);
  if (!p || p.lat.length < 5) return [at.lat, at.lon];
  const mid = (xs) => {
    const v = [...xs].sort((a, b) => a - b);
    const lo = v[Math.floor(0.01 * (v.length - 1))];
    const hi = v[Math.ceil(0.99 * (v.length - 1))];
    return (lo + hi) / 2;
  };
  return [mid(p.lat), mid(p.lon)];
}
let nA1 = 0;
for (const [code, name, ascii, gid] of admin1Rows) {
  const s = a1Stats.get(code);
  const at = s?.seat ?? s?.best;
  if (!at) continue;
  const [lat, lon] = a1Centre(code, at);
  addRecord({ id: +gid, name, cc: code.split('.')[0], lat, lon, fc: 'ADM1', pop: s.pop, a1: name }, [ascii]);
  nA1++;
}

// ---------------------------------------------------------------- US counties (admin-2)
/**
 * US counties, parishes and boroughs from `scripts/data/us-admin2.txt` (GeoNames admin2Codes, US
 * rows): "Laurel County" (also "Laurel Co."), "Avoyelles Parish". Point: the median latitude and
 * longitude of the county's settlements in cities500 (joined on the admin2 code); population: their
 * sum. A county without a listed settlement is left out. GeoNames id 0 (the extract keeps no ids).
 */
let nA2 = 0;
for (const l of fs.readFileSync(path.join(here, 'data', 'us-admin2.txt'), 'utf8').split('\n')) {
  if (!l.trim() || l[0] === '#') continue;
  const m = /^([A-Z]{2}) (\d{3}) (.+)$/.exec(l.trim());
  if (!m) throw new Error(`us-admin2.txt: bad row ${l}`);
  const [, st, fips, raw] = m;
  const name = raw.startsWith('=') ? raw.slice(1) : `${raw} County`;
  const p = a2Points.get(`US.${st}.${fips}`);
  const a1 = admin1Name.get(`US.${st}`);
  if (!p || !a1) continue;
  const med = (xs) => { const v = [...xs].sort((a, b) => a - b); return v[(v.length - 1) >> 1]; };
  const alts = raw.startsWith('=') ? [] : [`${raw} Co.`];
  addRecord({ id: 0, name, cc: 'US', lat: med(p.lat), lon: med(p.lon), fc: 'ADM2', pop: p.pop, a1 }, alts);
  nA2++;
}

// ---------------------------------------------------------------- admin-1 qualifiers ("Paris, Texas", "Troy, N.C.")
/** key → admin1 name (US postal codes and AP-style abbreviations; GeoNames admin1 names). */
const admin1Alias = {};
const US_AP = {
  AL: 'Ala', AZ: 'Ariz', AR: 'Ark', CA: 'Calif', CO: 'Colo', CT: 'Conn', DE: 'Del', FL: 'Fla', GA: 'Ga', IL: 'Ill', IN: 'Ind', KS: 'Kan',
  KY: 'Ky', LA: 'La', MD: 'Md', MA: 'Mass', MI: 'Mich', MN: 'Minn', MS: 'Miss', MO: 'Mo', MT: 'Mont', NE: 'Neb', NV: 'Nev', NH: 'N.H.',
  NJ: 'N.J.', NM: 'N.M.', NY: 'N.Y.', NC: 'N.C.', ND: 'N.D.', OK: 'Okla', OR: 'Ore', PA: 'Pa', RI: 'R.I.', SC: 'S.C.', SD: 'S.D.',
  TN: 'Tenn', TX: 'Tex', VT: 'Vt', VA: 'Va', WA: 'Wash', WV: 'W.Va.', WI: 'Wis', WY: 'Wyo', DC: 'D.C.',
};
for (const [code, name] of admin1Name) {
  if (!code.startsWith('US.')) continue;
  const pc = code.slice(3);
  admin1Alias[normKey(pc)] = name;
  if (US_AP[pc]) admin1Alias[normKey(US_AP[pc])] = name;
}
admin1Alias[normKey('Wash. D.C.')] = 'Washington, D.C.';
// Canadian provinces and territories: Canadian Press abbreviations and Canada Post codes; Australian
// states: their usual short forms. A key the US already uses ("WA", "NT"… ) stays American.
const OTHER_A1 = {
  Alberta: ['Alta.', 'AB'], 'British Columbia': ['B.C.', 'BC'], Manitoba: ['Man.', 'MB'], 'New Brunswick': ['N.B.', 'NB'],
  'Newfoundland and Labrador': ['N.L.', 'Nfld.', 'NL', 'Newfoundland'], 'Nova Scotia': ['N.S.', 'NS'], Ontario: ['Ont.', 'ON'],
  'Prince Edward Island': ['P.E.I.', 'PE', 'PEI'], Quebec: ['Que.', 'QC', 'Québec'], Saskatchewan: ['Sask.', 'SK'],
  'Northwest Territories': ['N.W.T.', 'NWT'], Yukon: ['Y.T.', 'YT'],
  'New South Wales': ['NSW', 'N.S.W.'], Queensland: ['Qld', 'Qld.'], Victoria: ['Vic.'], Tasmania: ['Tas.'],
  'Australian Capital Territory': ['A.C.T.'],
};
for (const [name, abbrs] of Object.entries(OTHER_A1)) for (const a of abbrs) admin1Alias[normKey(a)] ??= name;

// ---------------------------------------------------------------- write (keys sorted for binary search)
const keyList = [];
const keyRecs = [];
for (const [k, s] of [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
  keyList.push(k);
  keyRecs.push(s.size === 1 ? [...s][0] : [...s]);
}
const out = { version: 1, built: new Date().toISOString().slice(0, 10), records: rec, keys: keyList, keyRecs, demonyms, admin1Alias };
const json = JSON.stringify(out);
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, zlib.gzipSync(json, { level: 9 }));
console.log(
  `gazetteer: ${rec.id.length} records (${wc.length} countries, ${REGIONS.length} continents/regions, ${n15} cities15000, ${n500} cities500, ${nA1} admin1, ${nA2} US counties), ` +
    `${keyList.length} name keys, ${Object.keys(demonyms).length} demonyms`,
);
console.log(`wrote ${path.relative(repo, outFile)} (${(fs.statSync(outFile).size / 1e6).toFixed(2)} MB gz, ${(json.length / 1e6).toFixed(2)} MB json)`);
