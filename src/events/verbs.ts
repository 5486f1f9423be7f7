/**
 * The CAMEO verb-pattern dictionary (PETRARCH-2 `CAMEO.2.0.txt` plus Dateline additions),
 * compiled by `scripts/build-verbs.js` into `data/verbs.json`, and a matcher that applies its
 * patterns to a window of tokens around a verb.
 *
 * Pattern semantics (TABARI manual ch. 5 / PETRARCH docs): elements before `*` must occur before
 * the verb, those after it after the verb, in order, with gaps allowed between elements (the
 * parse-free approximation of PETRARCH's phrase matching); `{…}` phrases are consecutive words;
 * `(PREP …)` needs the preposition and then its elements; `+` marks the target noun phrase and `$`
 * the source; `^` is any noun phrase. Among matching patterns the most specific (most words
 * matched) wins; ties go to the earlier one (Dateline additions come first).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { DatelineError } from '../doc/errors.js';

import type { CompiledVerbs, PatternElem } from '../dict/verbs.js';
export type { PatternElem } from '../dict/verbs.js';

/** One verb pattern: elements before/after the verb and the paired code `code[:rev]`. */
export interface VerbPattern {
  pre: PatternElem[];
  post: PatternElem[];
  /** CAMEO code source → target, or null (no event). */
  code: string | null;
  /** Reciprocal CAMEO code target → source (TABARI paired code `[a:b]`), or null. */
  rev: string | null;
  /** The pattern as written in the dictionary. */
  src: string;
  /** True for a Dateline addition. */
  add?: boolean;
  /** Literal words the pattern needs (computed at load; a fast pre-filter). */
  req?: string[];
}

/** A verb block: synonymous verbs sharing a default code and patterns. */
export interface VerbBlock {
  name: string;
  /** Default code of the block, `a`, `a:b` or null. */
  code: string | null;
  patterns: VerbPattern[];
  /**
   * Patterns by one literal word each needs (its longest, computed at load), and those needing none:
   * only patterns whose indexing word occurs near the verb are tried, in dictionary order.
   */
  byWord?: Map<string, number[]>;
  always?: number[];
}

/** The loaded dictionary with lookup indexes. */
export interface VerbDict {
  synsets: Map<string, string[][]>;
  /** First words of each synset's phrases (a fast pre-filter). */
  synFirst: Map<string, Set<string>>;
  /** First word of a verb form → [form words, [block index, verb-line code]][]. */
  byFirst: Map<string, Array<{ words: string[]; blocks: Array<[number, string | null]> }>>;
  blocks: VerbBlock[];
}

/**
 * Read `verbs.json` from a data directory.
 * @throws DatelineError `E_NOT_FOUND` when the file is missing (run `node scripts/build-verbs.js`).
 */
export function loadVerbs(dataDir: string): VerbDict {
  const file = path.join(dataDir, 'verbs.json');
  if (!fs.existsSync(file)) throw new DatelineError('E_NOT_FOUND', `verb dictionary not found: ${file} (run node scripts/build-verbs.js)`);
  return indexVerbs(JSON.parse(fs.readFileSync(file, 'utf8')) as CompiledVerbs);
}

/**
 * Index a compiled verb dictionary (`data/verbs.json`, or an analyst's dictionary compiled by
 * `src/dict`) for matching: verb forms by first word (longest first), synset first words and the
 * literal words each pattern needs. The input's pattern objects are annotated in place (`req`).
 */
export function indexVerbs(raw: CompiledVerbs): VerbDict {
  const byFirst: VerbDict['byFirst'] = new Map();
  for (const [form, blocks] of Object.entries(raw.forms)) {
    const words = form.split(' ');
    const list = byFirst.get(words[0]) ?? [];
    list.push({ words, blocks });
    byFirst.set(words[0], list);
  }
  // longer forms first so "push back" wins over "push"
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  const synsets = new Map(Object.entries(raw.synsets));
  const synFirst = new Map<string, Set<string>>();
  for (const [k, v] of synsets) synFirst.set(k, new Set(v.map((p) => p[0])));
  const literals = (elems: PatternElem[], out: string[]): string[] => {
    for (const e of elems) {
      if (typeof e === 'string') {
        if (!/^[&+$^%*]/.test(e)) out.push(e);
      } else if ('p' in e) literals(e.p, out);
      else {
        if (e.pp.length === 1) out.push(e.pp[0]);
        literals(e.e, out);
      }
    }
    return out;
  };
  for (const b of raw.blocks as VerbBlock[]) {
    const byWord = new Map<string, number[]>();
    const always: number[] = [];
    b.patterns.forEach((p, i) => {
      p.req = literals([...p.pre, ...p.post], []);
      if (!p.req.length) { always.push(i); return; }
      const key = p.req.reduce((x, y) => (y.length > x.length ? y : x));
      const list = byWord.get(key);
      if (list) list.push(i);
      else byWord.set(key, [i]);
    });
    Object.defineProperty(b, 'byWord', { value: byWord, enumerable: false, configurable: true, writable: true });
    Object.defineProperty(b, 'always', { value: always, enumerable: false, configurable: true, writable: true });
  }
  return { synsets, synFirst, byFirst, blocks: raw.blocks as VerbBlock[] };
}

/** The dictionary of a context, loaded once. */
export function verbDict(ctx: Context): VerbDict {
  return ctx.resource('events.verbs', loadVerbs);
}

/** A token as the matcher sees it: lower-case surface and lemma, and the noun-phrase chunk it starts. */
export interface MatchToken {
  lower: string;
  lemma: string;
  /** Index of the chunk that starts at this token, or -1. */
  chunkStart: number;
  /** Index of the chunk that contains this token, or -1. */
  chunk: number;
  /** True when the chunk containing this token has an actor code. */
  hasActor: boolean;
  /** True for a word that is no preposition here (the infinitive marker "to"): `(PREP …)` skips it. */
  notPrep?: boolean;
}

/** Result of matching a verb. */
export interface VerbMatch {
  /** Token index of the last word of the verb form (a particle for phrasal verbs). */
  verbEnd: number;
  code: string | null;
  rev: string | null;
  /** Pattern source, or `verb:NAME` for the verb's default code. */
  pattern: string;
  /** Chunk index bound to `+` / `$`, when the pattern has one. */
  targetChunk?: number;
  sourceChunk?: number;
  /** Number of words the pattern matched (specificity). */
  score: number;
  /** True when the pattern has `%` (a compound actor: the event is between its members). */
  compound?: boolean;
}

function wordAt(t: MatchToken | undefined, w: string): boolean {
  return !!t && (t.lower === w || t.lemma === w);
}

interface MState {
  i: number;
  score: number;
  target?: number;
  source?: number;
}

/** Match elements `elems` in tokens [from, to) in order with gaps; returns the state after, or null. */
function matchSeq(dict: VerbDict, toks: MatchToken[], elems: PatternElem[], from: number, to: number, consecutive: boolean, st: MState): MState | null {
  let cur: MState = { ...st, i: from };
  for (let k = 0; k < elems.length; k++) {
    const e = elems[k];
    let found: MState | null = null;
    // gaps between elements are bounded (6 tokens); `+`/`$` bind the next noun phrase only
    let limit = consecutive ? Math.min(cur.i + 1, to) : Math.min(to, cur.i + (k === 0 && typeof e === 'string' ? 16 : 7));
    if (e === '+' || e === '$') {
      let j = cur.i;
      while (j < limit && toks[j].chunkStart < 0 && toks[j].chunk < 0) j++;
      limit = Math.min(limit, j + 1);
    }
    for (let j = cur.i; j < limit && !found; j++) found = matchOne(dict, toks, e, j, to, cur);
    if (!found) return null;
    cur = found;
  }
  return cur;
}

/** Match one element starting exactly at token j. */
function matchOne(dict: VerbDict, toks: MatchToken[], e: PatternElem, j: number, to: number, st: MState): MState | null {
  if (typeof e === 'string') {
    if (e === '+' || e === '$') {
      const t = toks[j];
      if (!t || t.chunkStart < 0 || !t.hasActor) return null;
      let end = j + 1;
      while (end < to && toks[end].chunk === t.chunkStart) end++;
      return e === '+' ? { ...st, i: end, target: t.chunkStart } : { ...st, i: end, source: t.chunkStart };
    }
    // `^` skips one noun phrase (PETRARCH-1 pattern syntax: "IFTAR IN ^ +" = in <any NP> <actor NP>)
    if (e === '^') {
      // a noun phrase, or the rest of one after a word the pattern took ("THEIR ^": "their people")
      const t = toks[j];
      if (!t || (t.chunkStart < 0 && !(t.chunk >= 0 && j > 0 && toks[j - 1].chunk === t.chunk))) return null;
      let end = j + 1;
      while (end < to && toks[end].chunk === t.chunk) end++;
      return { ...st, i: end };
    }
    if (e === '%') return { ...st, i: j };
    if (e.startsWith('&')) {
      const list = dict.synsets.get(e);
      if (!list) return null;
      const t0 = toks[j];
      const fs0 = dict.synFirst.get(e);
      if (!t0 || !fs0 || (!fs0.has(t0.lower) && !fs0.has(t0.lemma))) return null;
      for (const phrase of list) {
        let ok = true;
        for (let q = 0; q < phrase.length && ok; q++) ok = j + q < to && wordAt(toks[j + q], phrase[q]);
        if (ok) return { ...st, i: j + phrase.length, score: st.score + phrase.length };
      }
      return null;
    }
    return wordAt(toks[j], e) ? { ...st, i: j + 1, score: st.score + 1 } : null;
  }
  if ('p' in e) return matchSeqAt(dict, toks, e.p, j, to, st);
  // prepositional phrase: the preposition at j, then its elements with gaps (determiners, adjectives)
  if (e.pp.length) {
    if (toks[j]?.notPrep || !e.pp.some((p) => wordAt(toks[j], p))) return null;
    const r = matchSeq(dict, toks, e.e, j + 1, Math.min(to, j + 1 + 6 + e.e.length), false, { ...st, score: st.score + 1 });
    return r;
  }
  return matchSeq(dict, toks, e.e, j, to, false, st);
}

function matchSeqAt(dict: VerbDict, toks: MatchToken[], elems: PatternElem[], j: number, to: number, st: MState): MState | null {
  let cur: MState | null = { ...st, i: j };
  for (const e of elems) {
    if (!cur) return null;
    cur = matchOne(dict, toks, e, cur.i, to, cur);
  }
  return cur;
}

/**
 * Find the verb form starting at token `v` and code it with the best matching pattern.
 * @param toks the sentence's tokens as `MatchToken`s
 * @param v index of the verb token
 * @param lo first token the `pre` elements may use (clause start)
 * @param hi end (exclusive) of the window the `post` elements may use (clause end)
 * @returns the match, or null when the verb is not in the dictionary
 */
export function matchVerb(dict: VerbDict, toks: MatchToken[], v: number, lo: number, hi: number): VerbMatch | null {
  const t = toks[v];
  const c1 = dict.byFirst.get(t.lower);
  const c2 = t.lemma !== t.lower ? dict.byFirst.get(t.lemma) : undefined;
  if (!c1 && !c2) return null;
  const cands = c1 && c2 ? [...c1, ...c2] : (c1 ?? c2)!;
  for (const form of cands) {
    // multi-word forms: following words consecutive (first may be the lemma)
    let ok = true;
    for (let q = 1; q < form.words.length && ok; q++) ok = v + q < toks.length && wordAt(toks[v + q], form.words[q]);
    if (!ok) continue;
    const verbEnd = v + form.words.length - 1;
    let best: VerbMatch | null = null;
    // the window the pattern elements may use: a pattern needing a literal word absent from it fails
    const wlo = Math.max(lo, v - 10);
    const whi = Math.min(hi, verbEnd + 16);
    const present = (w: string): boolean => {
      for (let q = wlo, end = Math.min(whi, toks.length); q < end; q++) if (toks[q].lower === w || toks[q].lemma === w) return true;
      return false;
    };
    for (const [bi, vcode] of form.blocks) {
      const block = dict.blocks[bi];
      for (const pi of candidates(block, toks, wlo, whi)) {
        const p = block.patterns[pi];
        if (p.req && !p.req.every(present)) continue;
        const pre = p.pre.length ? matchSeq(dict, toks, p.pre, wlo, v, false, { i: 0, score: 0 }) : { i: v, score: 0 };
        if (!pre) continue;
        const post = p.post.length ? matchSeq(dict, toks, p.post, verbEnd + 1, whi, false, { i: 0, score: 0 }) : { i: verbEnd + 1, score: 0 };
        if (!post) continue;
        const score = pre.score + post.score + (p.pre.length + p.post.length) * 0.01;
        if (score <= 0) continue;
        if (!best || score > best.score) {
          best = { verbEnd, code: p.code, rev: p.rev, pattern: p.src, score, targetChunk: post.target ?? pre.target, sourceChunk: pre.source ?? post.source, ...(p.pre.includes('%') || p.post.includes('%') ? { compound: true } : {}) };
        }
      }
      if (!best) {
        const code = vcode ?? block.code;
        if (code) {
          const [a, b] = code.split(':');
          const norm = (x?: string) => (x && /^\d{2,4}$/.test(x) ? x : null);
          best = { verbEnd, code: norm(a), rev: norm(b), pattern: `verb:${block.name}`, score: 0 };
        } else if (vcode === '---' || block.code === null) {
          // keep looking in other blocks of this form
        }
      }
      if (best && best.score > 0) break; // a pattern in an earlier block (additions first) wins
    }
    if (best) return best;
  }
  return null;
}

/**
 * Indices (ascending: dictionary order) of the patterns of `block` whose indexing word occurs in
 * tokens [wlo, whi) as a lower-case form or lemma, plus those with no literal word. The other
 * patterns cannot match there: every literal word of a pattern must occur in that window.
 */
function candidates(block: VerbBlock, toks: MatchToken[], wlo: number, whi: number): number[] {
  const byWord = block.byWord;
  if (!byWord) return block.patterns.map((_, i) => i);
  let out: number[] | null = null;
  let seen: Set<string> | null = null;
  for (let q = wlo; q < whi; q++) {
    for (let h = 0; h < 2; h++) {
      const w = h === 0 ? toks[q].lower : toks[q].lemma;
      const list = byWord.get(w);
      if (!list) continue;
      seen ??= new Set();
      if (seen.has(w)) continue;
      seen.add(w);
      out = out ? out.concat(list) : list.slice();
    }
  }
  if (!out) return block.always!;
  out = out.concat(block.always!);
  return out.sort((x, y) => x - y);
}
