/**
 * The compiled toponym gazetteer (`data/gazetteer.json.gz`, built by `scripts/build-gazetteer.js`
 * from GeoNames cities15000/cities500/admin1/countryInfo, CC BY 4.0, and world-countries, ODbL).
 * Coordinates are decimal degrees (WGS84); countries are ISO 3166-1 alpha-2.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Context } from '../context.js';
import { DatelineError } from '../doc/errors.js';

/** A gazetteer entry that a toponym may refer to. */
export interface Candidate {
  /** GeoNames id; 0 for a region GeoNames has no id for (e.g. "Central Asia"). */
  geonamesId: number;
  /** Canonical name ("Saint Petersburg"). */
  name: string;
  /** ISO 3166-1 alpha-2 country code; "" for continents and regions. */
  country: string;
  lat: number;
  lon: number;
  /** GeoNames feature code: PCLI/PCLD (country), CONT, RGN, ADM1, PPLC, PPLA, PPL… */
  featureCode: string;
  population: number;
  /** Name of the first-order admin division ("Texas"). */
  admin1?: string;
}

/** Context for `resolve`: ISO2 codes of the countries of the story and an admin-1 qualifier. */
export interface ResolveContext {
  countries?: string[];
  /** Admin-1 name or abbreviation as printed after a comma ("Texas", "N.C.", "TX"). */
  admin1?: string;
  /**
   * Admin-1 divisions the story is set in, as `"CC|Admin-1 name"` (`"US|Louisiana"`): from the
   * divisions it names and its unambiguous places (see `storyGeoContext` in the places stage).
   */
  admin1s?: string[];
  /** The story's home division (`"CC|Admin-1 name"`), where most of its toponyms lie. */
  home?: string;
  /**
   * Per story division (`"CC|Admin-1 name"`), the centre [lat, lon] of the story's places there
   * (the median latitude and longitude): where an unknown county of the story lies.
   */
  centres?: Record<string, [number, number]>;
  /**
   * Spatial coherence, keyed by an entry's `"lat,lon"`: the number of the story's other toponyms
   * that may name a place near it (see `storyGeoContext`); each adds `COHERE_BONUS`, up to 3.
   */
  coherence?: Record<string, number>;
}

/** The gazetteer API. */
export interface Gazetteer {
  /** Every entry named `name` (any alternate name; "St."/"Saint", "Mt."/"Mount" normalized). */
  candidates(name: string): Candidate[];
  /**
   * The best entry for `name`, or null. Scoring (higher wins):
   * - feature: country 160, continent/region 150, ADM1 70; populated places: capital PPLC 60,
   *   PPLA 20, other 0, plus 10·log10(population+1); an ADM1 is skipped when a populated place of
   *   the same name lies in the same country (Moscow the city, not the federal subject);
   * - +25 when `name` is the entry's main name (not an alternate);
   * - +100 when the entry's country is one of `context.countries` (story countries), +40 when only
   *   an alternate name matched;
   * - +300 when `context.admin1` names the entry's admin-1 division ("Paris, Texas"); with an
   *   admin-1 qualifier, countries and regions are not candidates;
   * - +60 when the entry lies in one of the story's admin-1 divisions (`context.admin1s`): local
   *   news names nearby places (Lieberman, Samet & Sankaranarayanan 2010, "Geotagging with local
   *   lexicons", the LGL corpus's "local lexicon").
   * A state or province abbreviation on its own ("W.Va.", "Kan.", "Calif.", "Ont.", "NSW") resolves to
   * that division; a short all-capitals word matches main names only ("ER" is not Hyères); a
   * residents' word ("Ohioans", "Texan") resolves to its division or country.
   * "X County" / "X Parish", which the gazetteer lacks, resolves to the most populous town X in one
   * of `context.admin1s`, returned as an ADM2 named as printed with GeoNames id 0 (an approximation).
   * A demonym ("European", "Tajik") resolves to its country or region, never to a town.
   */
  resolve(name: string, context?: ResolveContext): Candidate | null;
  /**
   * Number of words (from `words[i]`, up to 5) of the longest notable place name — a country,
   * continent, region, admin-1 division, capital, admin seat or a place of ≥ 50,000 people — or 0.
   */
  isPlaceName(words: readonly string[], i: number): number;
  /** True when `qualifier` ("Texas", "Tex.", "TX", "N.C.") names the admin-1 division of `c`. */
  matchesAdmin1(c: Candidate, qualifier: string): boolean;
  /** The country entry for an ISO2 code. */
  countryEntry(iso2: string): Candidate | null;
  /** Number of entries. */
  readonly size: number;
}

interface Compiled {
  version: 1;
  records: { id: number[]; name: string[]; cc: string[]; lat: number[]; lon: number[]; fc: string[]; pop: number[]; a1: string[] };
  keys: string[];
  keyRecs: Array<number | number[]>;
  demonyms: Record<string, number>;
  admin1Alias: Record<string, string>;
}

/** Lookup key of a toponym: lower case, no diacritics, "St."/"Sankt" → "saint", "Mt." → "mount", hyphens and periods → spaces. */
export function normKey(s: string): string {
  let k = normKeys.get(s);
  if (k === undefined) {
    if (normKeys.size >= 100_000) normKeys.clear();
    normKeys.set(s, (k = canonicalPrefixes(basicKey(s))));
  }
  return k;
}

/** {@link normKey} per string asked (a pure function: remembered, cleared past 100,000). */
const normKeys = new Map<string, string>();

/** The word-local part of {@link normKey}: no diacritics, lower case, hyphens and periods → spaces, trimmed. */
function basicKey(s: string): string {
  if (/^(?:[A-Za-z]+(?: [A-Za-z]+)*)?$/.test(s)) return s.toLowerCase(); // the usual words: nothing else applies
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/[-\u2010-\u2015]/g, ' ')
    .replace(/\./g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The phrase-level part of {@link normKey}: "St."/"Sankt" → "saint", "Mt." → "mount", "Ft." → "fort". */
function canonicalPrefixes(s: string): string {
  if (!s.includes(' ')) return s; // every rule needs a space
  return s
    .replace(/^(st|ste|saint|sainte|sankt|san) /, 'saint ')
    .replace(/ (st|saint) /g, ' saint ')
    .replace(/^(mt|mount) /, 'mount ')
    .replace(/^ft /, 'fort ');
}

/** Score per coherent toponym (see `ResolveContext.coherence`). */
const COHERE_BONUS = 30;
/** A town named like a county stands in for it only within this distance (km) of the story's places in its division. */
const COUNTY_TOWN_KM = 80;

/** Great-circle distance in km (haversine, mean Earth radius 6371 km). */
function kmBetween(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const d = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * d) / 2) ** 2 + Math.cos(lat1 * d) * Math.cos(lat2 * d) * Math.sin(((lon2 - lon1) * d) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}
const isCountry = (fc: string) => fc.startsWith('PCL');
const isRegion = (fc: string) => fc === 'CONT' || fc === 'RGN';

/** Build the gazetteer API from compiled data. */
/**
 * Country abbreviations and short names of English news (normalized keys, see {@link normKey}) →
 * ISO 3166-1 alpha-2. Used only when no country of that name exists in the gazetteer.
 */
const COUNTRY_ABBREVIATIONS: Record<string, string> = {
  'u s': 'US', us: 'US', usa: 'US', 'u s a': 'US', america: 'US', 'united states of america': 'US',
  uk: 'GB', 'u k': 'GB', britain: 'GB', 'great britain': 'GB', uae: 'AE', 'u a e': 'AE',
  drc: 'CD', 'd r c': 'CD', prc: 'CN', roc: 'TW', 'n korea': 'KP', 's korea': 'KR',
};

export function createGazetteer(data: Compiled): Gazetteer {
  const r = data.records;
  const keys = data.keys; // sorted by UTF-16 code units: binary search, no index to build at load
  const byCountry = new Map<string, number>();
  for (let i = 0; i < r.id.length; i++) if (isCountry(r.fc[i]) && !byCountry.has(r.cc[i])) byCountry.set(r.cc[i], i);
  const notable = (i: number) => {
    const fc = r.fc[i];
    return isCountry(fc) || isRegion(fc) || fc === 'ADM1' || fc === 'PPLC' || fc === 'PPLA' || r.pop[i] >= 50000;
  };
  const cand = (i: number): Candidate => {
    const c: Candidate = { geonamesId: r.id[i], name: r.name[i], country: r.cc[i], lat: r.lat[i], lon: r.lon[i], featureCode: r.fc[i], population: r.pop[i] };
    if (r.a1[i]) c.admin1 = r.a1[i];
    return c;
  };
  /** True when some key starts with `prefix`. */
  /** Index of the first key not below `key` (binary search). */
  const lowerBound = (key: string): number => {
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const anyKeyStartsWith = (prefix: string): boolean => {
    const lo = lowerBound(prefix);
    return lo < keys.length && keys[lo].startsWith(prefix);
  };
  /** True when some record of key index `k` is notable. */
  const notableAt = (k: number): boolean => {
    const v = data.keyRecs[k];
    return typeof v === 'number' ? notable(v) : v.some(notable);
  };
  const ids = (key: string): number[] => {
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = keys[mid];
      if (k < key) lo = mid + 1;
      else if (k > key) hi = mid - 1;
      else {
        const v = data.keyRecs[mid];
        return typeof v === 'number' ? [v] : v;
      }
    }
    return [];
  };
  const a1Is = (a1name: string, q: string) => {
    const qk = normKey(q);
    const alias = data.admin1Alias[qk] ?? data.admin1Alias[qk.replace(/ /g, '')];
    const a1 = normKey(a1name);
    return a1 !== '' && (a1 === qk || (alias !== undefined && a1 === normKey(alias)));
  };
  const a1Match = (i: number, q: string) => a1Is(r.a1[i], q);
  /** normKey of each record's main name, filled on first use. */
  const nameKeys: Array<string | undefined> = new Array(r.id.length);

  /**
   * The division or country a residents' word names ("Ohioans", "Texan", "Iowans", "Ontarians",
   * "Dagestani", "Gazans") when it is no demonym of the compiled list: the word without its
   * suffix (-an, -ian, -n, -i, plural -s), accepted only when it resolves to a country, region or
   * admin-1 division.
   */
  const residentsOf = (key: string, context: ResolveContext): Candidate | null => {
    const m = /^(.*?)(s?)$/.exec(key)!;
    const b = m[1];
    const stems: string[] = [];
    if (b.endsWith('an')) stems.push(b.slice(0, -1), b.slice(0, -2), b.slice(0, -2) + 'o', b.slice(0, -1) + 's', b.slice(0, -2) + 'a');
    else if (b.endsWith('i')) stems.push(b.slice(0, -1));
    for (const st of stems) {
      if (st.length < 3 || !ids(st).length) continue;
      const c = gaz.resolve(st, context);
      if (c && (isCountry(c.featureCode) || isRegion(c.featureCode) || c.featureCode === 'ADM1') && normKey(c.name).startsWith(st.slice(0, 3))) return c;
    }
    return null;
  };

  const gaz: Gazetteer = {
    size: r.id.length,
    candidates(name) {
      return ids(normKey(name)).map(cand);
    },
    resolve(name, context = {}) {
      const key = normKey(name);
      if (!key) return null;
      const dem = data.demonyms[key];
      // a short all-capitals word ("ER", "ACT") is an abbreviation: it names an entry only by its
      // main name or a country's, never by an alternate name ("Er" for Hyères)
      const list = /^[A-Z]{2,4}$/.test(name.trim()) ? ids(key).filter((i) => isCountry(r.fc[i]) || (nameKeys[i] ??= normKey(r.name[i])) === key) : ids(key);
      // Country abbreviations and short names of the press ("U.S.", "UK", "Britain"), which the
      // GeoNames alternate names give only to towns ("Us", France; "Uk", Russia)
      const abbr = COUNTRY_ABBREVIATIONS[key];
      if (abbr && !list.some((i) => isCountry(r.fc[i]))) {
        const c = gaz.countryEntry(abbr);
        if (c) return c;
      }
      if (dem !== undefined && !list.some((i) => isCountry(r.fc[i]) || isRegion(r.fc[i]))) return cand(dem);
      // A state's or province's abbreviation printed on its own: the AP's with periods ("W.Va.",
      // "Kan.", "Pa.", "Ont."), which always names the division (an alternate name "Kan" of Ganzhou,
      // "Pa" of Chongqing does not compete), or a longer one without ("Calif", "NSW") when no town
      // of 1,000 people or country bears it. The division of the story's country, else the US's.
      if (/[a-z]/.test(key) && (name.includes('.') || key.length > 2)) {
        const state = data.admin1Alias[key] ?? data.admin1Alias[key.replace(/ /g, '')];
        const free = name.includes('.')
          ? !list.some((i) => isCountry(r.fc[i]))
          : !list.some((i) => r.pop[i] >= 1000 || isCountry(r.fc[i]));
        if (state && free) {
          const divs = ids(normKey(state)).filter((i) => r.fc[i] === 'ADM1');
          const inCtx = context.countries ? divs.find((i) => context.countries!.includes(r.cc[i])) : undefined;
          const a = inCtx ?? divs.find((i) => r.cc[i] === 'US') ?? divs[0];
          if (a !== undefined) return cand(a);
        }
      }
      const ctx = new Set(context.countries ?? []);
      const a1ctx = new Set(context.admin1s ?? []);
      // "Laurel County", "Pointe Coupee Parish", "Loudon Co.": the gazetteer has no second-order
      // divisions. In a story set in one or more admin-1 divisions, the county lies in one of them
      // (the home division first): a town of its name there stands in for it when it lies near the
      // story's other places there (the county is named for its seat often enough), else the
      // centre of those places (`context.centres`: local news names the towns of its county);
      // marked ADM2 with no GeoNames id.
      const county = /^(.+) (county|parish|co)$/.exec(key);
      if (!list.length && county && a1ctx.size) {
        const order = [...a1ctx].sort((a, b) => (b === context.home ? 1 : 0) - (a === context.home ? 1 : 0));
        const asCounty = (c: Candidate): Candidate => ({ ...c, geonamesId: 0, name: name.trim(), featureCode: 'ADM2', population: 0 });
        for (const d of order) {
          let bestI = -1;
          for (const i of ids(county[1])) {
            if (!r.fc[i].startsWith('PPL') || `${r.cc[i]}|${r.a1[i]}` !== d) continue;
            if (bestI < 0 || r.pop[i] > r.pop[bestI]) bestI = i;
          }
          const centre = context.centres?.[d];
          if (bestI >= 0 && (!centre || kmBetween(r.lat[bestI], r.lon[bestI], centre[0], centre[1]) <= COUNTY_TOWN_KM)) return asCounty(cand(bestI));
          if (centre) {
            const [cc, a1] = [d.slice(0, d.indexOf('|')), d.slice(d.indexOf('|') + 1)];
            return asCounty({ geonamesId: 0, name: '', country: cc, lat: centre[0], lon: centre[1], featureCode: 'ADM2', population: 0, admin1: a1 });
          }
          if (bestI >= 0) return asCounty(cand(bestI));
        }
      }
      // A division is dropped when a populated place of the same name lies in the same country
      // (Moscow the city, not the federal subject; Kiev the capital, not the oblast).
      // A town far smaller than the division does not hide it (California, Pennsylvania; Illinois).
      const pplCountries = new Map<string, number>();
      for (const i of list) if (r.fc[i].startsWith('PPL')) pplCountries.set(r.cc[i], Math.max(pplCountries.get(r.cc[i]) ?? 0, r.pop[i]));
      let best = -1;
      let bestScore = -Infinity;
      for (const i of list) {
        const fc = r.fc[i];
        if (fc === 'ADM1' && pplCountries.has(r.cc[i]) && pplCountries.get(r.cc[i])! >= 0.1 * r.pop[i]) continue;
        let s: number;
        if (context.admin1) {
          if (isCountry(fc) || isRegion(fc)) continue;
          s = a1Match(i, context.admin1) ? 300 : 0;
        } else s = 0;
        if (isCountry(fc)) s += 160;
        else if (isRegion(fc)) s += 150;
        else if (fc === 'ADM1') s += 70;
        else {
          if (fc === 'PPLC') s += 60;
          else if (fc === 'PPLA') s += 20;
          s += 10 * Math.log10(r.pop[i] + 1);
        }
        const mainName = (nameKeys[i] ??= normKey(r.name[i])) === key;
        if (mainName) s += 25;
        // a story country lifts an entry less when only an alternate name matched: a historic name
        // of a small town ("Samarkand" for Temirtau, KZ) must not beat the city that bears it
        if (r.cc[i] && ctx.has(r.cc[i])) s += mainName ? 100 : 40;
        if (a1ctx.size && r.a1[i] && !isCountry(fc) && a1ctx.has(`${r.cc[i]}|${r.a1[i]}`)) s += 60;
        if (context.coherence && !isCountry(fc)) s += COHERE_BONUS * Math.min(3, context.coherence[`${r.lat[i]},${r.lon[i]}`] ?? 0);
        if (s > bestScore) {
          bestScore = s;
          best = i;
        }
      }
      if (best < 0 && !list.length) return residentsOf(key, context);
      return best < 0 ? null : cand(best);
    },
    isPlaceName(words, i) {
      let bestLen = 0;
      let joined = '';
      // normalize each word once; the phrase keys are the word keys joined by spaces
      let hit = false;
      let key = ''; // canonicalPrefixes(joined)
      let after = 0; // index of the first key above `key`
      for (let n = 1; n <= 5 && i + n <= words.length; n++) {
        const w = basicKey(words[i + n - 1]);
        if (!w) {
          // same phrase key as before (a word that normalizes to nothing, e.g. ".")
          if (hit) bestLen = n;
          continue;
        }
        if (joined) {
          // no key goes on from this phrase: no longer phrase can match (canonicalPrefixes of a
          // longer phrase starts with canonicalPrefixes(joined + ' ')). Usually that prefix is
          // key + ' ', and the first key above `key` tells (unless it continues `key` with a
          // control character, which sorts before a space).
          const prefix = canonicalPrefixes(`${joined} `);
          const k2 = keys[after];
          const direct = prefix === `${key} ` && !(k2 !== undefined && k2.length > key.length && k2.startsWith(key) && k2.charCodeAt(key.length) < 0x20);
          if (!(direct ? k2 !== undefined && k2.startsWith(prefix) : anyKeyStartsWith(prefix))) break;
        }
        joined = joined ? `${joined} ${w}` : w;
        key = canonicalPrefixes(joined);
        const at = lowerBound(key);
        const exact = at < keys.length && keys[at] === key;
        after = exact ? at + 1 : at;
        hit = exact && notableAt(at);
        if (hit) bestLen = n;
      }
      return bestLen;
    },
    matchesAdmin1(c, qualifier) {
      return c.admin1 !== undefined && a1Is(c.admin1, qualifier);
    },
    countryEntry(iso2) {
      const i = byCountry.get(iso2);
      return i === undefined ? null : cand(i);
    },
  };
  // resolve is a pure function of its arguments: answers are remembered (cleared past 50,000)
  // and handed out as copies. The key holds every field of the context; the per-story objects
  // (`centres`, `coherence`) by identity, since the places stage builds them once per story.
  const resolveUncached = gaz.resolve;
  const resolved = new Map<string, Candidate | null>();
  const objectIds = new WeakMap<object, number>();
  let nextObjectId = 1;
  const idOf = (o: object | undefined): number => {
    if (!o) return 0;
    let id = objectIds.get(o);
    if (id === undefined) objectIds.set(o, (id = nextObjectId++));
    return id;
  };
  gaz.resolve = (name, context = {}) => {
    const key = `${name}\u0000${context.countries?.join('\u0001') ?? ''}\u0000${context.admin1s?.join('\u0001') ?? ''}\u0000${context.admin1 ?? ''}` +
      `\u0000${context.home ?? ''}\u0000${idOf(context.centres)}\u0000${idOf(context.coherence)}`;
    let hit = resolved.get(key);
    if (hit === undefined) {
      if (resolved.size >= 50_000) resolved.clear();
      hit = resolveUncached(name, context);
      resolved.set(key, hit);
    }
    return hit && { ...hit };
  };
  return Object.freeze(gaz);
}

/**
 * Load `gazetteer.json.gz` (or `gazetteer.json`) from `dataDir`.
 * @throws DatelineError `E_NOT_FOUND` when missing (run `node scripts/build-gazetteer.js`).
 */
export function loadGazetteer(dataDir: string): Gazetteer {
  const gz = path.join(dataDir, 'gazetteer.json.gz');
  const plain = path.join(dataDir, 'gazetteer.json');
  let text: string;
  if (fs.existsSync(gz)) text = zlib.gunzipSync(fs.readFileSync(gz)).toString('utf8');
  else if (fs.existsSync(plain)) text = fs.readFileSync(plain, 'utf8');
  else throw new DatelineError('E_NOT_FOUND', `gazetteer not found in ${dataDir} (run node scripts/build-gazetteer.js)`);
  const data = JSON.parse(text) as Compiled;
  if (data.version !== 1) throw new DatelineError('E_NOT_FOUND', `unsupported gazetteer version ${String(data.version)}`);
  return createGazetteer(data);
}

/** The context's gazetteer, loaded once per context. */
export function gazetteer(ctx: Context): Gazetteer {
  return ctx.resource('gazetteer', loadGazetteer);
}
