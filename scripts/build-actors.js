#!/usr/bin/env node
/**
 * Builds `data/actors.json.gz`, the compiled CAMEO actor dictionary, from raw public data in
 * `../shared/dict/`:
 *
 * - Phoenix actor dictionaries (`phoenix/Phoenix.{Countries,International,MilNonState}.actors.txt`,
 *   MIT © 2014 Open Event Data Alliance) in the TABARI/PETRARCH format: primary phrase with words
 *   joined by `_`, `+synonym` lines, TAB-indented code lines `[CODE]`, `[CODE <date]`,
 *   `[CODE >date]`, `[CODE date-date]`; dates are YYMMDD (years 00–30 → 20YY, else 19YY, as in
 *   PETRARCH's `dstr_to_ordate`) or YYYYMMDD; `<d` means before d, `>d` on or after d, ranges are
 *   inclusive; an undated code is the default.
 * - Phoenix agents (`phoenix/Phoenix.agents.txt`): `WORD [~GOV]` (suffix role) and `WORD [IGO~]`
 *   (prefix), substitution sets `!MINIST! = …`, `{plural}` forms and PETRARCH's regular plurals.
 * - Leaders with dates (`leaders/cia_factbook_executive_1990_2025.tsv`, public domain; Wikidata CSVs of
 *   current heads of state/government and foreign ministers, CC0): a holder of an office becomes
 *   `<ISO3>GOV` for the spell of the office, attached to the Phoenix entry of the same person when
 *   one exists (same country, same full name or same surname), otherwise a new person entry.
 * - Countries (npm `world-countries`, ODbL): ISO codes, names, demonyms and capitals.
 *
 * Output shape (version 1): see `src/link/actor-dictionary.ts` (`CompiledActors`).
 * Run: `node scripts/build-actors.js [sharedDir] [outFile]`.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const shared = path.resolve(process.argv[2] ?? path.join(repo, '..', 'shared'));
const outFile = path.resolve(process.argv[3] ?? path.join(repo, 'data', 'actors.json.gz'));
const dict = path.join(shared, 'dict');

// The dictionary readers live in src/dict/actors.ts (the same ones `--dictionaries` uses).
const dictMod = path.join(repo, 'dist', 'dict', 'actors.js');
if (!fs.existsSync(dictMod)) {
  console.error('build-actors: run `npm run build` first (the readers live in src/dict/actors.ts)');
  process.exit(1);
}
const { normWord, phraseWords, petrDate, parseActorCode: parseCode, prevDay, isoToInt, parseActorDictionary, parseAgentDictionary } = await import(pathToFileURL(dictMod).href);
export { normWord };
void petrDate; void prevDay; void parseCode;

// ---------------------------------------------------------------- countries (world-countries)
const wc = require('world-countries/countries.json');
const iso3set = new Set(wc.map((c) => c.cca3));
const countryByIso3 = new Map(wc.map((c) => [c.cca3, c]));
const countryByName = new Map();
for (const c of wc) {
  for (const n of [c.name.common, c.name.official, ...c.altSpellings]) countryByName.set(n.toLowerCase(), c.cca3);
}
// Extra country names used by the leaders files (Wikidata/CIA labels).
const EXTRA_NAMES = {
  "people's republic of china": 'CHN', 'united states of america': 'USA', 'kingdom of the netherlands': 'NLD',
  'czech republic': 'CZE', 'ivory coast': 'CIV', "cote d'ivoire": 'CIV', 'east timor': 'TLS', 'the gambia': 'GMB',
  'the bahamas': 'BHS', 'state of palestine': 'PSE', 'burma': 'MMR', 'swaziland': 'SWZ', 'macedonia': 'MKD',
  'congo, democratic republic of the': 'COD', 'congo, republic of the': 'COG', 'korea, south': 'KOR', 'korea, north': 'PRK',
  'democratic republic of the congo': 'COD', 'republic of the congo': 'COG', 'federated states of micronesia': 'FSM',
  'vatican city': 'VAT', 'holy see': 'VAT', 'cabo verde': 'CPV', 'turkey': 'TUR', 'türkiye': 'TUR', 'turkiye': 'TUR',
};
for (const [k, v] of Object.entries(EXTRA_NAMES)) countryByName.set(k, v);

// ---------------------------------------------------------------- Phoenix actor files
/** entries: {name, kind, codes: Array<[code]|[code,from,to]>, src, phrases: string[]} */
const entries = [];
/** phrase (normal words joined by ' ') → entry index (first one wins, PETRARCH keeps file order). */
const phraseIndex = new Map();

function addPhrase(key, idx) {
  if (!key || phraseIndex.has(key)) return false;
  phraseIndex.set(key, idx);
  entries[idx].phrases.push(key);
  return true;
}

function readActorFile(file, src) {
  return parseActorDictionary(fs.readFileSync(file, 'utf8'), src);
}

/** Title-cased readable name from a dictionary phrase. */
function pretty(raw) {
  const small = new Set(['OF', 'THE', 'AND', 'FOR', 'IN', 'ON', 'AL', 'DE', 'LA', 'DU', 'VON', 'VAN', 'BIN', 'IBN']);
  return raw
    .trim()
    .replace(/_+$/, '')
    .split('_')
    .filter(Boolean)
    .map((w, i) => (small.has(w) ? (i === 0 ? w.charAt(0) + w.slice(1).toLowerCase() : w.toLowerCase()) : /^[A-Z.]{2,4}$/.test(w) && (w.length <= 3 || w.includes('.')) ? w : w.charAt(0) + w.slice(1).toLowerCase()))
    .join(' ')
    .replace(/(^|[-'(])([a-z])/g, (_, a, b) => a + b.toUpperCase());
}

function classify(group) {
  const codes = group.codes.map((c) => c[0]);
  const primary = group.names[0];
  if (group.src === 'MilNonState') return 'group';
  if (group.src === 'Countries') {
    if (codes.some((c) => iso3set.has(c)) && codes.every((c) => c.length <= 6 && !/(GOV|ELI|MIL|LEG|JUD|OPP|REB|PTY|COP|SPY|BUS|MED|EDU|CVL)$/.test(c))) return 'country';
    if (/CountryInfo/i.test(primary.comment)) return 'person';
    return 'org';
  }
  // International
  if (/rulers/i.test(primary.comment) || codes.some((c) => /ELI$/.test(c) || c === 'ELI')) return 'person';
  if (codes.some((c) => c.startsWith('IGO'))) return 'igo';
  return 'org';
}

const files = [
  ['Phoenix.Countries.actors.txt', 'Countries'],
  ['Phoenix.International.actors.txt', 'International'],
  ['Phoenix.MilNonState.actors.txt', 'MilNonState'],
];
for (const [f, src] of files) {
  for (const g of readActorFile(path.join(dict, 'phoenix', f), src)) {
    const kind = classify(g);
    const idx = entries.length;
    // Move the default (undated) codes after the dated ones; keep file order within each.
    const dated = g.codes.filter((c) => c.length === 3);
    const undated = g.codes.filter((c) => c.length === 1);
    entries.push({ name: pretty(g.names[0].raw), kind, codes: [...dated, ...undated], phrases: [] });
    for (const n of g.names) addPhrase(phraseWords(n.raw).join(' '), idx);
    if (!entries[idx].phrases.length) entries.pop();
  }
}

// ---------------------------------------------------------------- country words: names, demonyms, capitals
/** normal phrase → [iso3, via] */
const countryWords = {};
const setCW = (phrase, iso3, via, force = false) => {
  const k = phraseWords(phrase).join(' ');
  if (!k) return;
  if (!force && countryWords[k]) return;
  countryWords[k] = [iso3, via];
};
// Capitals: world-countries capital plus GeoNames countryInfo capital.
const capitalOf = new Map(); // normal phrase → iso3
const ciLines = fs.readFileSync(path.join(dict, 'geonames', 'countryInfo.txt'), 'utf8').split('\n');
const iso2to3 = new Map(wc.map((c) => [c.cca2, c.cca3]));
for (const l of ciLines) {
  if (!l || l[0] === '#') continue;
  const f = l.split('\t');
  if (f[5] && iso2to3.has(f[0])) capitalOf.set(phraseWords(f[5]).join(' '), iso2to3.get(f[0]));
}
for (const c of wc) {
  for (const cap of c.capital ?? []) capitalOf.set(phraseWords(cap).join(' '), c.cca3);
}
// Former/alternate capital spellings that Phoenix lists under their countries.
for (const [p, iso] of [['ALMA-ATA', 'KAZ'], ['ASTANA', 'KAZ'], ['NUR-SULTAN', 'KAZ'], ['KIEV', 'UKR'], ['ASHKHABAD', 'TKM'], ['WASHINGTON', 'USA']]) {
  if (!capitalOf.has(p)) capitalOf.set(p, iso);
}
// Country names first (they win over demonyms and capitals with the same spelling).
for (const c of wc) {
  for (const n of [c.name.common, c.name.official, ...c.altSpellings.filter((s) => /^[\x20-\x7e]+$/.test(s) && s.length > 3)]) setCW(n, c.cca3, 'name');
}
// Initialisms of state names used in news text that world-countries' altSpellings lack or drop
// (3 letters): People's Republic of China, Republic of Korea, Democratic Republic of the Congo,
// Kingdom of Saudi Arabia.
for (const [n, iso] of [['PRC', 'CHN'], ['ROK', 'KOR'], ['DRC', 'COD'], ['KSA', 'SAU']]) setCW(n, iso, 'name');
// Country adjective forms: "-stan" countries' stems (Tajik, Kazakh, Uzbek, Afghan, Kyrgyz, Turkmen).
const demonymSet = new Set();
for (const c of wc) {
  const d = c.demonyms?.eng;
  for (const x of d ? [d.m, d.f] : []) {
    if (x) {
      setCW(x, c.cca3, 'demonym');
      demonymSet.add(phraseWords(x).join(' '));
    }
  }
  const m = /^(.{5,}?)(?:i)?stan$/i.exec(c.name.common);
  if (m) {
    setCW(m[1], c.cca3, 'demonym');
    demonymSet.add(phraseWords(m[1]).join(' '));
  }
}
for (const [p, iso] of capitalOf) {
  if (!countryWords[p]) countryWords[p] = [iso, 'capital'];
}

// ---------------------------------------------------------------- leaders (CIA Factbook, Wikidata)
// Factbook holder names are read by src/dict/leaders.ts (the coverage test uses the same reader).
const { holderName, lostLetterVariants } = await import(pathToFileURL(path.join(repo, 'dist', 'dict', 'leaders.js')).href);

/** Person entries by (iso3, surname) for attaching leaders to Phoenix entries. */
const personBySurname = new Map();
for (let i = 0; i < entries.length; i++) {
  const e = entries[i];
  if (e.kind !== 'person') continue;
  const cc = new Set(e.codes.map((c) => c[0].slice(0, 3)));
  for (const p of e.phrases) {
    const w = p.split(' ');
    if (w.length < 2) continue;
    for (const iso of cc) {
      const k = iso + '|' + w[w.length - 1];
      if (!personBySurname.has(k)) personBySurname.set(k, new Set());
      personBySurname.get(k).add(i);
    }
  }
}

const leaderStats = { spells: 0, attached: 0, created: 0, synonyms: 0, unmatchedCountries: new Set() };
/** Every word of the phrases (to choose among the spellings of a word with lost letters). */
const wordVocab = new Set();
for (const k of phraseIndex.keys()) for (const w of k.split(' ')) wordVocab.add(w);
const hasCountry = (idx, iso3) => entries[idx].codes.some((c) => c[0].startsWith(iso3));

/**
 * Find or create the person entry for a leader name in a country; -1 when the name belongs to an
 * entry of another country ("King Abdallah" of Jordan is not Saudi Arabia's), so no spell is added.
 * `otherSpellings` (word lists, latest first) are other spellings of the same holder in the Factbook
 * editions ("KABYAKOW", "KOBYAKOV"): an entry found by any of them is used, and all become phrases.
 * A name with lost letters ("IN?CIO", see `lostLetterVariants`) takes the spellings already in the
 * dictionary's words, else all of them; a surname written first ("XI Jinping") is not matched by
 * surname (the Phoenix surname index is by last word).
 */
function leaderEntry(iso3, words, surname, display, surnameFirst = false, otherSpellings = []) {
  let keys = [words.join(' '), ...otherSpellings.filter((v) => !v.some((w) => w.includes('?'))).map((v) => v.join(' '))];
  if (words.some((w) => w.includes('?'))) {
    let parts = [[]];
    for (const w of words) {
      let vs = lostLetterVariants(w);
      const known = vs.filter((v) => wordVocab.has(v));
      if (known.length) vs = known;
      parts = parts.flatMap((p) => vs.map((v) => [...p, v]));
    }
    keys = [...parts.slice(0, 100).map((p) => p.join(' ')), ...keys.slice(1)];
    if (!keys.length) return -1;
    words = keys[0].split(' ');
    if (surname.includes('?')) surname = words.find((w) => w.length === surname.length && new RegExp('^' + surname.replace(/\?/g, '.') + '$').test(w)) ?? surname;
    display = words.map((w) => w.charAt(0) + w.slice(1).toLowerCase()).join(' ');
  }
  for (const key of keys) {
    const idx = phraseIndex.get(key);
    if (idx === undefined) continue;
    const e = entries[idx];
    if (e.kind === 'person' || ((e.kind === 'org' || e.kind === 'person') && hasCountry(idx, iso3))) {
      if (!hasCountry(idx, iso3) && e.codes.some((c) => c[0].length >= 3 && /^[A-Z]{3}/.test(c[0]) && iso3set.has(c[0].slice(0, 3)))) return -1;
      e.kind = 'person';
      for (const k of keys) if (addPhrase(k, idx)) leaderStats.synonyms++;
      return idx;
    }
  }
  const cands = surnameFirst ? null : personBySurname.get(iso3 + '|' + surname);
  // one person of the country with that surname and the same first initial ("Serdar" is not "Gurbanguly")
  if (cands && cands.size === 1 && entries[[...cands][0]].phrases.some((p) => p[0] === keys[0][0])) {
    const idx = [...cands][0];
    for (const k of keys) if (addPhrase(k, idx)) leaderStats.synonyms++;
    leaderStats.attached++;
    return idx;
  }
  if (cands && cands.size > 1) {
    // Same surname and same first name initial.
    const m = [...cands].filter((i) => entries[i].phrases.some((p) => p[0] === keys[0][0]));
    if (m.length === 1) {
      for (const k of keys) if (addPhrase(k, m[0])) leaderStats.synonyms++;
      leaderStats.attached++;
      return m[0];
    }
  }
  const idx = entries.length;
  entries.push({ name: display, kind: 'person', codes: [[iso3 + 'ELI']], phrases: [], leader: true });
  for (const k of keys) addPhrase(k, idx);
  if (!entries[idx].phrases.length) {
    entries.pop();
    return -1;
  }
  const k = iso3 + '|' + surname;
  if (!personBySurname.has(k)) personBySurname.set(k, new Set());
  personBySurname.get(k).add(idx);
  leaderStats.created++;
  return idx;
}
const displayName = (words) => words.map((w) => w.charAt(0) + w.slice(1).toLowerCase()).join(' ').replace(/-([a-z])/g, (_, a) => '-' + a.toUpperCase());
/** Spells found per country: iso3 → [{idx, from, to}] (for linking Wikidata rows to the same person). */
const spellsByCountry = new Map();

function addSpell(idx, iso3, from, to) {
  const e = entries[idx];
  const code = iso3 + 'GOV';
  if (e.codes.some((c) => c.length === 3 && c[0] === code && c[1] === from && c[2] === to)) return;
  // Leader spells go first: they are newer than the 2014 Phoenix data and checked before it.
  const lead = e.codes.filter((c) => c.leader);
  const rest = e.codes.filter((c) => !c.leader);
  const c = [code, from, to];
  c.leader = true;
  e.codes = [...lead, c, ...rest];
  leaderStats.spells++;
  if (!spellsByCountry.has(iso3)) spellsByCountry.set(iso3, []);
  spellsByCountry.get(iso3).push({ idx, from, to });
}

{
  const tsv = fs.readFileSync(path.join(dict, 'leaders', 'cia_factbook_executive_1990_2025.tsv'), 'utf8').split('\n');
  const head = tsv[0].split('\t');
  const col = (n) => head.indexOf(n);
  const [cY, cIso, cHos, cHosS, cHog, cHogS, cType, cHosText] = ['edition_year', 'iso2', 'hos_holder', 'hos_since', 'hog_holder', 'hog_since', 'entity_type', 'chief_of_state_text'].map(col);
  // A dependency that shares its ISO code with a sovereign state (Jersey, Guernsey, Isle of Man → GB)
  // is not that state: its rows are skipped.
  const sovereignRows = new Set();
  for (const l of tsv.slice(1)) {
    const f = l.split('\t');
    if (f[cType] === 'sovereign') sovereignRows.add(f[cY] + '|' + f[cIso]);
  }
  // (iso3, role) → [{year, key, words, surname, since}]
  const series = new Map();
  let maxYear = 0;
  for (const l of tsv.slice(1)) {
    if (!l) continue;
    const f = l.split('\t');
    const iso3 = iso2to3.get(f[cIso]);
    if (!iso3) continue;
    if (f[cType] !== 'sovereign' && sovereignRows.has(f[cY] + '|' + f[cIso])) continue;
    const year = +f[cY];
    // A monarch "represented by" a governor-general (Canada, Australia …) is another state's head of
    // state: that spell is not coded as this country's government.
    const realm = /represented by/i.test(f[cHosText] ?? '');
    maxYear = Math.max(maxYear, year);
    // A territory's head of state is its sovereign's (American Samoa's is the US president).
    const ownHos = !realm && f[cType] === 'sovereign';
    for (const [role, h, s] of [['hos', ownHos ? f[cHos] : '', f[cHosS]], ['hog', f[cHog], f[cHogS]]]) {
      const n = holderName(h);
      if (!n) continue;
      const k = iso3 + '|' + role;
      if (!series.has(k)) series.set(k, []);
      series.get(k).push({ year, key: n.surname + '|' + (n.surnameFirst ? n.words.slice(1).join(' ') : n.words[0][0]), words: n.words, surname: n.surname, surnameFirst: n.surnameFirst, since: isoToInt(s) });
    }
  }
  for (const [k, rows] of series) {
    const iso3 = k.split('|')[0];
    rows.sort((a, b) => a.year - b.year);
    // Runs of the same holder (same surname and first initial) across editions.
    const runs = [];
    for (const r of rows) {
      const last = runs[runs.length - 1];
      // the same holder: same surname and initial, or a new spelling with the same start date and
      // initial ("Serdar BERDIMUHAMEDOW" → "BERDIMUHAMEDOV", "RAKHMONOV" → "RAHMONOV")
      if (last && (last.key === r.key || (r.since && r.since === last.lastSince && r.words[0][0] === last.words[0][0]))) {
        if (last.key !== r.key) last.variants.push(r.words);
        last.lastSince = r.since ?? last.lastSince;
        last.lastYear = r.year;
        if (r.since && (!last.since || r.since < last.since) && Math.floor(r.since / 10000) >= last.firstYear - 8) last.since = r.since;
        continue;
      }
      runs.push({ key: r.key, variants: [], lastSince: r.since, words: r.words, surname: r.surname, surnameFirst: r.surnameFirst, firstYear: r.year, lastYear: r.year, since: r.since && r.since <= r.year * 10000 + 1231 ? r.since : null });
    }
    for (let i = 0; i < runs.length; i++) {
      const r = runs[i];
      const from = r.since ?? r.firstYear * 10000 + 101;
      const nxt = runs[i + 1];
      let to = 99999999;
      if (nxt) to = prevDay(nxt.since && nxt.since > from ? nxt.since : nxt.firstYear * 10000 + 101);
      else if (r.lastYear < maxYear) to = r.lastYear * 10000 + 1231;
      if (to < from) continue;
      const idx = leaderEntry(iso3, r.words, r.surname, displayName(r.words), r.surnameFirst, r.variants.slice().reverse());
      if (idx >= 0) addSpell(idx, iso3, from, to);
    }
  }
}

/** Minimal CSV line parser (quoted fields). */
function csvLine(l) {
  const out = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < l.length; i++) {
    const ch = l[i];
    if (q) {
      if (ch === '"' && l[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out;
}
const countryIso3 = (label) => countryByName.get((label ?? '').toLowerCase()) ?? null;

{
  const rows = fs.readFileSync(path.join(dict, 'leaders', 'wikidata', 'world_leaders_current_wikidata_2022-10-09.csv'), 'utf8').split('\n').slice(1);
  for (const l of rows) {
    if (!l.trim()) continue;
    const [, country, , posLabel, , holder, sy, ey] = csvLine(l);
    const iso3 = countryIso3(country);
    if (!iso3) {
      leaderStats.unmatchedCountries.add(country);
      continue;
    }
    if (!holder || /^Q\d+$/.test(holder) || !sy) continue;
    const words = phraseWords(holder.replace(/\s+/g, '_'));
    if (words.length < 2) continue;
    const from = +sy * 10000 + 101;
    const to = ey ? +ey * 10000 + 1231 : 99999999;
    // Same person as a Factbook spell in this country starting within a year → add the Wikidata name as a synonym.
    const spells = spellsByCountry.get(iso3) ?? [];
    const same = spells.find((s) => Math.abs(Math.floor(s.from / 10000) - +sy) <= 1 && (s.to === 99999999 || Math.floor(s.to / 10000) >= (ey ? +ey : 2022)));
    if (same && !phraseIndex.has(words.join(' '))) {
      if (addPhrase(words.join(' '), same.idx)) leaderStats.synonyms++;
      continue;
    }
    if (same) continue;
    if (!/president|prime minister|premier|chancellor|head of (state|government)|king|queen|emir|sultan|leader|chairman/i.test(posLabel ?? '')) continue;
    const idx = leaderEntry(iso3, words, words[words.length - 1], holder);
    if (idx >= 0) addSpell(idx, iso3, from, to);
  }
}
{
  const rows = fs.readFileSync(path.join(dict, 'leaders', 'wikidata', 'foreign_ministers_current_wikidata_2022-12-10.csv'), 'utf8').split('\n').slice(1);
  for (const l of rows) {
    if (!l.trim()) continue;
    const [, name, , countryLabel, , , start] = csvLine(l);
    const iso3 = countryIso3(countryLabel);
    if (!iso3) {
      if (countryLabel) leaderStats.unmatchedCountries.add(countryLabel);
      continue;
    }
    const from = isoToInt(start);
    if (!name || !from) continue;
    const words = phraseWords(name.replace(/\s+/g, '_'));
    if (words.length < 2) continue;
    const idx = leaderEntry(iso3, words, words[words.length - 1], name);
    if (idx >= 0) addSpell(idx, iso3, from, 99999999);
  }
}

// ---------------------------------------------------------------- stale Phoenix spells of leaders
/**
 * The leaders data (Factbook to 2025) is newer than Phoenix (compiled around 2015, often from stale
 * country lists): for a person whose head-of-state/government or foreign-minister spells all ended,
 * a Phoenix spell with the same code that began before the end of the last of them and runs past it
 * (`[KAZGOV >900424]`) ends with it — Nazarbayev is KAZGOV to 2019-03-19, then the entry's default
 * (KAZELI). Later offices the leaders data does not cover (a former president made minister) are lost
 * to this rule. A leader entry without an undated default gets `<ISO3>ELI` (a former office holder is
 * an elite actor, CAMEO manual ch. 2), so that it still codes after office.
 */
let clipped = 0;
for (const e of entries) {
  const lead = e.codes.filter((c) => c.leader);
  if (!lead.length) continue;
  for (const c of e.codes) {
    if (c.leader || c.length !== 3) continue;
    const same = lead.filter((l) => l[0] === c[0]);
    if (!same.length || same.some((l) => l[2] === 99999999)) continue;
    const lastEnd = Math.max(...same.map((l) => l[2]));
    if (c[1] > lastEnd || c[2] <= lastEnd) continue;
    c[2] = lastEnd;
    clipped++;
  }
  if (!e.codes.some((c) => c.length === 1)) e.codes.push([lead[0][0].slice(0, 3) + 'ELI']);
}
leaderStats.clipped = clipped;

// ---------------------------------------------------------------- regions (CAMEO regional codes)
/** CAMEO 1.1b3 manual, ch. 2 (regional actor codes). normal phrase → [code, canonical name] */
const REGIONS = [
  ['AFR', 'Africa', ['AFRICA', 'AFRICAN']],
  ['ASA', 'Asia', ['ASIA', 'ASIAN']],
  ['BLK', 'Balkans', ['BALKANS', 'BALKAN']],
  ['CAR', 'Caribbean', ['CARIBBEAN']],
  ['CAU', 'Caucasus', ['CAUCASUS', 'CAUCASIAN', 'SOUTH CAUCASUS', 'NORTH CAUCASUS']],
  ['CFR', 'Central Africa', ['CENTRAL AFRICA']],
  ['CAS', 'Central Asia', ['CENTRAL ASIA', 'CENTRAL ASIAN']],
  ['CEU', 'Central Europe', ['CENTRAL EUROPE', 'CENTRAL EUROPEAN']],
  ['EAF', 'East Africa', ['EAST AFRICA', 'EASTERN AFRICA', 'EAST AFRICAN']],
  ['EEU', 'Eastern Europe', ['EASTERN EUROPE', 'EAST EUROPE', 'EASTERN EUROPEAN']],
  ['EUR', 'Europe', ['EUROPE', 'EUROPEAN', 'EUROPEANS']],
  ['LAM', 'Latin America', ['LATIN AMERICA', 'LATIN AMERICAN']],
  ['MEA', 'Middle East', ['MIDDLE EAST', 'MIDEAST', 'MIDDLE EASTERN']],
  ['MDT', 'Mediterranean', ['MEDITERRANEAN']],
  ['NAF', 'North Africa', ['NORTH AFRICA', 'NORTH AFRICAN']],
  ['NMR', 'North America', ['NORTH AMERICA', 'NORTH AMERICAN']],
  ['PGS', 'Persian Gulf', ['PERSIAN GULF', 'GULF STATES']],
  ['SCN', 'Scandinavia', ['SCANDINAVIA', 'SCANDINAVIAN']],
  ['SAM', 'South America', ['SOUTH AMERICA', 'SOUTH AMERICAN']],
  ['SAS', 'South Asia', ['SOUTH ASIA', 'SOUTH ASIAN']],
  ['SEA', 'Southeast Asia', ['SOUTHEAST ASIA', 'SOUTH-EAST ASIA', 'SOUTHEAST ASIAN']],
  ['SAF', 'Southern Africa', ['SOUTHERN AFRICA']],
  ['WAF', 'West Africa', ['WEST AFRICA', 'WEST AFRICAN']],
  ['WST', 'The West', ['THE WEST', 'WESTERN']],
];
const regions = {};
for (const [code, name, ps] of REGIONS) for (const p of ps) regions[phraseWords(p).join(' ')] = [code, name];

// ---------------------------------------------------------------- agents
const agents = parseAgentDictionary(fs.readFileSync(path.join(dict, 'phoenix', 'Phoenix.agents.txt'), 'utf8'));
const agentPrefix = {};
for (const [k, v] of Object.entries(agents)) if (/~$/.test(v)) agentPrefix[k] = true;

// ---------------------------------------------------------------- phrase kinds + output
// GeoNames city names (cities15000), to tell cities listed under a country from its other names.
const cityNames = new Set();
for (const l of fs.readFileSync(path.join(dict, 'geonames', 'cities15000.txt'), 'utf8').split('\n')) {
  const f = l.split('\t');
  if (f.length < 9) continue;
  cityNames.add(phraseWords(f[1]).join(' '));
  cityNames.add(phraseWords(f[2]).join(' '));
}
const countries = wc.map((c) => [c.cca3, c.cca2, c.name.common]);
const phraseList = [];
for (const [k, idx] of phraseIndex) {
  const e = entries[idx];
  let kind = e.kind;
  if (kind === 'country') {
    const cw = countryWords[k];
    if (demonymSet.has(k) || (cw && cw[1] === 'demonym')) kind = 'demonym';
    else if (capitalOf.has(k)) kind = 'capital';
    else if (cw && cw[1] === 'name') kind = 'country';
    else if (cityNames.has(k)) kind = 'city';
    else if (k.split(' ').length <= 3 && /(AN|ANS|ESE|ISH|I|IS|IC)$/.test(k) && !/(STAN|LAND|IA)$/.test(k)) kind = 'demonym';
    else kind = 'country';
  }
  phraseList.push([k, idx, kind === e.kind ? 0 : kind]);
}
const out = {
  version: 1,
  built: new Date().toISOString().slice(0, 10),
  entries: entries.map((e) => [e.name, e.kind, e.codes.map((c) => (c.length === 1 ? [c[0]] : [c[0], c[1], c[2]]))]),
  phrases: phraseList,
  agents,
  countries,
  countryWords,
  regions,
};
fs.mkdirSync(path.dirname(outFile), { recursive: true });
const json = JSON.stringify(out);
fs.writeFileSync(outFile, zlib.gzipSync(json, { level: 9 }));
const kinds = {};
for (const e of entries) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
console.log(
  `actors: ${entries.length} entries ${JSON.stringify(kinds)}, ${phraseList.length} phrases, ${Object.keys(agents).length} agent phrases, ` +
    `${Object.keys(countryWords).length} country words; leaders: ${leaderStats.spells} spells, ${leaderStats.attached} attached, ` +
    `${leaderStats.created} new, ${leaderStats.synonyms} synonyms, ${leaderStats.clipped} stale Phoenix spells ended; unmatched countries: ${[...leaderStats.unmatchedCountries].join('; ')}`,
);
console.log(`wrote ${path.relative(repo, outFile)} (${(fs.statSync(outFile).size / 1e6).toFixed(2)} MB gz, ${(json.length / 1e6).toFixed(2)} MB json)`);
