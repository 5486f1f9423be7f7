/**
 * The compiled CAMEO actor dictionary (`data/actors.json.gz`, built by `scripts/build-actors.js` from
 * the Phoenix dictionaries of the Open Event Data Alliance, the CIA World Factbook leaders 1990–2025,
 * Wikidata leaders and foreign ministers, and world-countries).
 *
 * Matching works on whole tokens, case-insensitively, after a normal form that removes diacritics
 * and periods ("U.S." = "US", "St." = "ST"): a demonym such as "Tajik" never matches inside
 * "Tajikistan". Codes are date-restricted as in PETRARCH: dated codes (`[CODE <d]`, `[CODE >d]`,
 * `[CODE d1-d2]`, limits inclusive) are tried in dictionary order, the undated code is the default.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Context } from '../context.js';
import { DatelineError } from '../doc/errors.js';
import { normWord } from '../dict/actors.js';

/**
 * Kind of a dictionary phrase: `country` (a country name), `demonym` (a nationality adjective or noun:
 * "Tajik", "Russian"), `capital` (a capital city listed under its country), `city` (another city that
 * Phoenix lists under a country), `person`, `org` (national institution, NGO), `igo` (international
 * governmental organization), `group` (militant non-state group, Phoenix MilNonState) and `region`
 * (CAMEO regional code: "European" → `EUR`).
 */
export type ActorKind = 'country' | 'demonym' | 'capital' | 'city' | 'person' | 'org' | 'igo' | 'group' | 'region';

/** A dictionary match: `length` tokens from the start word, the CAMEO actor code valid on the date. */
export interface ActorMatch {
  /** Number of words matched. */
  length: number;
  /** CAMEO actor code valid on the asked date, e.g. "RUSGOV", "TJK", "IGOUNO", "EUR". */
  code: string;
  kind: ActorKind;
  /** Canonical name of the dictionary entry ("Vladimir Putin", "Russian Federation", "Europe"). */
  name: string;
}

/** A country found by name, demonym or capital. ISO 3166-1 codes. */
export interface CountryMatch {
  iso3: string;
  iso2: string;
  name: string;
  via: 'name' | 'demonym' | 'capital';
}

/** A dated code: `[code]` (default) or `[code, from, to]` with inclusive YYYYMMDD integers. */
type Code = [string] | [string, number, number];

/** Shape of `data/actors.json.gz` (version 1). */
export interface CompiledActors {
  version: 1;
  /** [canonical name, kind, codes] */
  entries: Array<[string, ActorKind, Code[]]>;
  /** [normal phrase (words joined by ' '), entry index, phrase kind or 0 when it is the entry's kind] */
  phrases: Array<[string, number, ActorKind | 0]>;
  /** normal agent phrase → role code: "GOV" style as `~GOV`, prefix agents as `IGO~`. */
  agents: Record<string, string>;
  /** [ISO3, ISO2, common name] */
  countries: Array<[string, string, string]>;
  /** normal phrase → [ISO3, via] */
  countryWords: Record<string, [string, 'name' | 'demonym' | 'capital']>;
  /** normal phrase → [CAMEO region code, name] */
  regions: Record<string, [string, string]>;
}

/** The actor dictionary API. Dates are ISO 8601 `YYYY-MM-DD` (a longer timestamp is cut to the day). */
export interface ActorDictionary {
  /**
   * Longest dictionary phrase that starts at `words[i]`, with its code valid on `date`.
   * A one-word match on an all-lower-case token of ≤ 3 letters ("us", "un") is refused.
   * Returns null when nothing matches or no code is valid on the date.
   */
  matchAt(words: readonly string[], i: number, date?: string): ActorMatch | null;
  /**
   * A whole phrase ("Vladimir Putin", "Putin", "the European Union"). When the phrase itself is not
   * listed, a person is found by surname: a one-word name, or a full name whose last word is the
   * surname of exactly one person entry with the same first initial (preferring one in office on
   * `date`).
   */
  lookup(name: string, date?: string): ActorMatch | null;
  /**
   * Phoenix agent code of a title or agent noun ("president" → "GOV", "troops" → "MIL",
   * "spokesman" → "MED"). Suffix agents (`[~GOV]`) come back without the tilde; prefix agents
   * (`[IGO~]`, e.g. "peacekeeping troops") keep a trailing `~` ("IGO~") meaning "put before the
   * country code". Multi-word titles are tried whole, then by their last two words, then the last.
   */
  agent(word: string): string | null;
  /** Country by name ("Kazakhstan"), demonym ("Tajik", "Belarusian") or capital ("Minsk"). */
  country(word: string): CountryMatch | null;
  /** Every phrase and its kind (for a gazetteer feature of the named-entity recognizer). */
  names(): Iterable<{ phrase: string; kind: ActorKind }>;
  /** Number of words of the longest phrase (any kind, any date) starting at `words[i]`, or 0. */
  isKnownName(words: readonly string[], i: number): number;
  /** Country by ISO3 code. */
  countryByIso3(iso3: string): { iso3: string; iso2: string; name: string } | null;
}

/** A node of the phrase trie: following words, and the patterns whose phrase ends here. */
interface TrieNode {
  next: Map<string, TrieNode> | null;
  pats: Pattern[] | null;
}

interface Pattern {
  entry: number; // -1 for country words / regions
  kind: ActorKind;
  code?: string; // fixed code (country words, regions)
  name?: string;
}

/** Normal form of one word (the dictionary reader's, so compiled keys and lookups agree). */
export { normWord };

const TOKEN_RE = /[\p{L}\p{N}](?:[\p{L}\p{N}'\u2019\-]|\.(?=\p{L}))*\.?|[^\s\p{L}\p{N}]/gu;

/** Words of a name or phrase, split like the tokenizer does; a possessive "'s" is dropped. */
export function tokenizeName(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    let t = m[0];
    if (/^[^\p{L}\p{N}]$/u.test(t) && t !== '&') continue;
    if (/['\u2019][sS]$/.test(t) && t.length > 3) t = t.slice(0, -2);
    out.push(t);
  }
  return out;
}

/** ISO `YYYY-MM-DD…` → YYYYMMDD integer, or null. */
export function dateInt(date: string | undefined): number | null {
  if (!date) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date) ?? /^(\d{4})-(\d{2})/.exec(date) ?? /^(\d{4})/.exec(date);
  if (!m) return null;
  return +m[1] * 10000 + +(m[2] ?? 1) * 100 + +(m[3] ?? 1);
}

/**
 * The code valid on `date` (YYYYMMDD): the first dated code covering it, else the first undated
 * default; with no date the default, else the dated code that ends last. Null when none applies.
 */
export function codeOn(codes: readonly Code[], date: number | null): string | null {
  if (date !== null) {
    for (const c of codes) if (c.length === 3 && date >= c[1] && date <= c[2]) return c[0];
  }
  for (const c of codes) if (c.length === 1) return c[0];
  if (date !== null) return null;
  let best: Code | null = null;
  for (const c of codes) if (c.length === 3 && (!best || c[2] > (best as [string, number, number])[2])) best = c;
  return best ? best[0] : null;
}

/** Build the dictionary API from compiled data. */
export function createActorDictionary(data: CompiledActors): ActorDictionary {
  // a trie over the phrases' normal-form words: a node holds the patterns ending there, in the order
  // they were added (several entries may share a phrase; the first that resolves wins)
  const root: TrieNode = { next: null, pats: null };
  const add = (phrase: string, p: Pattern) => {
    let node = root;
    for (const w of phrase.split(' ')) {
      node.next ??= new Map();
      let nx = node.next.get(w);
      if (!nx) node.next.set(w, (nx = { next: null, pats: null }));
      node = nx;
    }
    (node.pats ??= []).push(p);
  };
  const seen = new Set<string>();
  const listed = new Set<string>(data.phrases.map((p) => p[0]));
  for (const [phrase, entry, kind] of data.phrases) {
    seen.add(phrase);
    add(phrase, { entry, kind: kind || data.entries[entry][1] });
  }
  for (const [phrase, [iso3, via]] of Object.entries(data.countryWords)) {
    if (seen.has(phrase)) continue;
    seen.add(phrase);
    add(phrase, { entry: -1, kind: via === 'name' ? 'country' : via, code: iso3 });
  }
  for (const [phrase, [code, name]] of Object.entries(data.regions)) {
    // Regions win over Phoenix country synonyms of the same spelling only when not listed.
    if (seen.has(phrase)) continue;
    seen.add(phrase);
    add(phrase, { entry: -1, kind: 'region', code, name });
  }

  const countries = new Map(data.countries.map(([iso3, iso2, name]) => [iso3, { iso3, iso2, name }]));

  let surnames: Map<string, number[]> | null = null;
  const surnameIndex = () => {
    if (surnames) return surnames;
    surnames = new Map();
    for (const [phrase, entry] of data.phrases) {
      if (data.entries[entry][1] !== 'person') continue;
      const w = phrase.split(' ');
      if (w.length < 2) continue;
      const k = w[w.length - 1];
      const l = surnames.get(k);
      if (!l) surnames.set(k, [entry]);
      else if (!l.includes(entry)) l.push(entry);
    }
    return surnames;
  };

  // entry → first letters of its phrases ("Vladimir Putin", "Putin" → "VP"), built on first use
  let initials: Map<number, string> | null = null;
  const initialsIndex = () => {
    if (initials) return initials;
    initials = new Map();
    for (const [phrase, entry] of data.phrases) initials.set(entry, (initials.get(entry) ?? '') + phrase[0]);
    return initials;
  };

  const resolve = (p: Pattern, length: number, d: number | null): ActorMatch | null => {
    if (p.entry < 0) {
      const name = p.name ?? countries.get(p.code!)?.name ?? p.code!;
      return { length, code: p.code!, kind: p.kind, name };
    }
    const [name, , codes] = data.entries[p.entry];
    const code = codeOn(codes, d);
    return code ? { length, code, kind: p.kind, name } : null;
  };

  /**
   * The longest phrase (at most `max` words) starting at word `i` of `n`, read through `wordAt` (a
   * normal-form word; called only while the trie goes on, so a word is normalised only when a phrase
   * could continue with it), whose code resolves on `d` (any pattern with `anyDate`); among phrases of
   * the same length the first added.
   */
  const findIn = (wordAt: (k: number) => string, n: number, i: number, max: number, d: number | null, anyDate: boolean): ActorMatch | null => {
    let node = root;
    let hits: TrieNode[] | null = null;
    let depths: number[] | null = null;
    for (let k = i; k < n && k - i < max; k++) {
      const nx = node.next?.get(wordAt(k));
      if (!nx) break;
      node = nx;
      if (nx.pats) {
        (hits ??= []).push(nx);
        (depths ??= []).push(k - i + 1);
      }
    }
    if (!hits) return null;
    for (let h = hits.length - 1; h >= 0; h--) {
      for (const p of hits[h].pats!) {
        const m = anyDate ? { length: depths![h], code: '', kind: p.kind, name: '' } : resolve(p, depths![h], d);
        if (m) return m;
      }
    }
    return null;
  };
  const findAt = (norm: readonly string[], i: number, d: number | null, anyDate: boolean): ActorMatch | null =>
    findIn((k) => norm[k], norm.length, i, Infinity, d, anyDate);
  /** Phrases starting at `words[i]` (raw words), at most 12 words long. */
  const findRaw = (words: readonly string[], i: number, d: number | null, anyDate: boolean): ActorMatch | null =>
    findIn((k) => normWord(words[k]), words.length, i, 12, d, anyDate);

  const countryOf = (code: string) => countries.get(code.slice(0, 3));

  const dict: ActorDictionary = {
    matchAt(words, i, date) {
      if (i < 0 || i >= words.length) return null;
      const m = findRaw(words, i, dateInt(date), false);
      if (m && m.length === 1 && words[i].length <= 3 && words[i] === words[i].toLowerCase()) return null;
      return m;
    },
    lookup(name, date) {
      const words = tokenizeName(name);
      if (!words.length) return null;
      const norm = words.map(normWord);
      const d = dateInt(date);
      const full = findAt(norm, 0, d, false);
      if (full && full.length === norm.length) return full;
      // "the European Union" → skip a leading article
      if (norm[0] === 'THE' && norm.length > 1) {
        const m = findAt(norm, 1, d, false);
        if (m && m.length === norm.length - 1) return { ...m, length: norm.length };
      }
      const last = norm[norm.length - 1];
      let cands = surnameIndex().get(last) ?? [];
      if (norm.length > 1) {
        const initial = norm[0][0];
        cands = cands.filter((e) => initialsIndex().get(e)?.includes(initial));
      }
      if (!cands.length) return null;
      const pick = (e: number): ActorMatch | null => {
        const [n, kind, codes] = data.entries[e];
        const code = codeOn(codes, d);
        return code ? { length: norm.length, code, kind, name: n } : null;
      };
      if (cands.length === 1) return pick(cands[0]);
      if (d !== null) {
        const active = cands.filter((e) => data.entries[e][2].some((c) => c.length === 3 && d >= c[1] && d <= c[2] && !c[0].endsWith('ELI')));
        if (active.length === 1) return pick(active[0]);
      }
      return null;
    },
    agent(word) {
      const w = tokenizeName(word).map(normWord);
      if (!w.length) return null;
      for (const k of [w.join(' '), w.slice(-2).join(' '), w[w.length - 1]]) {
        const c = data.agents[k];
        if (c) return c.startsWith('~') ? c.slice(1) : c;
      }
      return null;
    },
    country(word) {
      const norm = tokenizeName(word).map(normWord);
      if (!norm.length) return null;
      const key = norm.join(' ');
      const cw = data.countryWords[key];
      if (cw) {
        const c = countries.get(cw[0]);
        return c ? { ...c, via: cw[1] } : null;
      }
      const m = findAt(norm, 0, null, false);
      if (!m || m.length !== norm.length) return null;
      if (m.kind !== 'country' && m.kind !== 'demonym' && m.kind !== 'capital') return null;
      const c = countryOf(m.code);
      if (!c || m.code.length !== 3) return null;
      return { ...c, via: m.kind === 'country' ? 'name' : m.kind };
    },
    *names() {
      for (const [p, e, k] of data.phrases) yield { phrase: p, kind: k || data.entries[e][1] };
      for (const [p, [, via]] of Object.entries(data.countryWords)) if (!listed.has(p)) yield { phrase: p, kind: via === 'name' ? 'country' : via };
      for (const p of Object.keys(data.regions)) if (!listed.has(p) && !data.countryWords[p]) yield { phrase: p, kind: 'region' as ActorKind };
    },
    isKnownName(words, i) {
      if (i < 0 || i >= words.length) return 0;
      return findRaw(words, i, null, true)?.length ?? 0;
    },
    countryByIso3(iso3) {
      return countries.get(iso3) ?? null;
    },
  };
  return Object.freeze(dict);
}

/**
 * Load `actors.json.gz` (or `actors.json`) from `dataDir`.
 * @throws DatelineError `E_NOT_FOUND` when the compiled dictionary is missing (run `node scripts/build-actors.js`).
 */
export function loadActorDictionary(dataDir: string): ActorDictionary {
  const gz = path.join(dataDir, 'actors.json.gz');
  const plain = path.join(dataDir, 'actors.json');
  let text: string;
  if (fs.existsSync(gz)) text = zlib.gunzipSync(fs.readFileSync(gz)).toString('utf8');
  else if (fs.existsSync(plain)) text = fs.readFileSync(plain, 'utf8');
  else throw new DatelineError('E_NOT_FOUND', `actor dictionary not found in ${dataDir} (run node scripts/build-actors.js)`);
  const data = JSON.parse(text) as CompiledActors;
  if (data.version !== 1) throw new DatelineError('E_NOT_FOUND', `unsupported actor dictionary version ${String(data.version)}`);
  return createActorDictionary(data);
}

/** The context's actor dictionary, loaded once per context. */
export function actorDictionary(ctx: Context): ActorDictionary {
  return ctx.resource('actors', loadActorDictionary);
}
