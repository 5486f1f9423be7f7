/**
 * An analyst's own PETRARCH/Phoenix dictionaries, read as they are from a directory (or a
 * comma-separated list of files) and compiled once into memory: verb patterns, actors with
 * date-restricted codes, agents, discards and issues.
 *
 * Files are recognised by name (case-insensitive): `*verb*` (PETRARCH-2 or PETRARCH-1 format),
 * `*actor*`, `*agent*`, `*discard*`, `*issue*`; other files are ignored. Several actor files are
 * merged in name order (first phrase wins, as in PETRARCH).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatelineError } from '../doc/errors.js';
import { compileVerbs, parseVerbDictionary, type CompiledVerbs } from './verbs.js';
import { codeOnDate, isoToInt, normWord, parseActorDictionary, parseAgentDictionary, parseDiscards, parseIssues, phraseWords, type DatedCode, type Discards } from './actors.js';

export * from './verbs.js';
export * from './actors.js';

/** A match of the actor lexicon: `length` words from the start word, the code valid on the date. */
export interface LexiconMatch {
  length: number;
  code: string;
  /** The dictionary phrase matched (normal-form words joined by ' '). */
  phrase: string;
}

/** Longest-phrase actor and agent lookup over normal-form words (see {@link normWord}). */
export interface ActorLexicon {
  /** Longest actor phrase starting at `words[i]` with a code valid on `date` (ISO 8601), or null. */
  actorAt(words: readonly string[], i: number, date?: string | null): LexiconMatch | null;
  /** Longest agent phrase starting at `words[i]` (code with its tilde: `~GOV`, `IGO~`), or null. */
  agentAt(words: readonly string[], i: number): LexiconMatch | null;
  /** Number of actor phrases. */
  readonly size: number;
}

/** Dictionaries loaded from an analyst's directory. */
export interface AnalystDictionaries {
  /** The files read, by kind. */
  files: { verbs: string[]; actors: string[]; agents: string[]; discards: string[]; issues: string[] };
  /** Compiled verb patterns (null when no verb file was found). */
  verbs: CompiledVerbs | null;
  /** Actor and agent lexicon (null when no actor file was found). */
  lexicon: ActorLexicon | null;
  discards: Discards;
  issues: Record<string, string>;
}

interface Trie {
  next: Map<string, Trie>;
  codes?: DatedCode[];
  phrase?: string;
}

function trieInsert(root: Trie, ws: string[], codes: DatedCode[]): void {
  let t = root;
  for (const w of ws) {
    let n = t.next.get(w);
    if (!n) t.next.set(w, (n = { next: new Map() }));
    t = n;
  }
  if (!t.codes) {
    t.codes = codes;
    t.phrase = ws.join(' ');
  }
}

function trieLongest(root: Trie, words: readonly string[], i: number, pick: (codes: DatedCode[]) => string | null): LexiconMatch | null {
  let t: Trie | undefined = root;
  let best: LexiconMatch | null = null;
  for (let k = i; k < words.length && t; k++) {
    // an underscore token inside a phrase is PETRARCH's word joiner ("Dol_Amroth", split by the
    // tokenizer into Dol _ Amroth): skipped, as the dictionary's own underscores are
    if (k > i && words[k] === '_' && k + 1 < words.length) continue;
    t = t.next.get(words[k]);
    if (t?.codes) {
      const code = pick(t.codes);
      if (code) best = { length: k - i + 1, code, phrase: t.phrase! };
    }
  }
  return best;
}

/** Build an actor lexicon from actor and agent dictionary texts. */
export function buildLexicon(actorTexts: string[], agentTexts: string[]): ActorLexicon {
  const actors: Trie = { next: new Map() };
  const agents: Trie = { next: new Map() };
  let size = 0;
  for (const text of actorTexts) {
    for (const g of parseActorDictionary(text)) {
      for (const n of g.names) {
        const ws = phraseWords(n.raw);
        if (!ws.length) continue;
        trieInsert(actors, ws, g.codes);
        size++;
      }
    }
  }
  for (const text of agentTexts) for (const [k, code] of Object.entries(parseAgentDictionary(text))) trieInsert(agents, k.split(' '), [[code]]);
  return {
    size,
    actorAt(words, i, date) {
      const d = isoToInt(date ?? null);
      return trieLongest(actors, words, i, (codes) => {
        const c = codeOnDate(codes, d);
        return c && c !== '---' ? c : null;
      });
    },
    agentAt(words, i) {
      return trieLongest(agents, words, i, (codes) => codes[0][0]);
    },
  };
}

/**
 * Read and compile the dictionaries in `spec`: a directory, or a comma-separated list of files.
 * @throws DatelineError `E_NOT_FOUND` when a path does not exist, `E_USAGE` when no dictionary file is recognised.
 */
export function loadDictionaries(spec: string): AnalystDictionaries {
  const paths = spec.split(',').map((s) => s.trim()).filter(Boolean);
  const all: string[] = [];
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new DatelineError('E_NOT_FOUND', `dictionaries not found: ${p}`);
    if (fs.statSync(p).isDirectory()) for (const f of fs.readdirSync(p).sort()) all.push(path.join(p, f));
    else all.push(p);
  }
  const files: AnalystDictionaries['files'] = { verbs: [], actors: [], agents: [], discards: [], issues: [] };
  for (const f of all) {
    const b = path.basename(f).toLowerCase();
    if (!fs.statSync(f).isFile()) continue;
    if (b.includes('verb')) files.verbs.push(f);
    else if (b.includes('actor')) files.actors.push(f);
    else if (b.includes('agent')) files.agents.push(f);
    else if (b.includes('discard')) files.discards.push(f);
    else if (b.includes('issue')) files.issues.push(f);
  }
  if (!files.verbs.length && !files.actors.length) throw new DatelineError('E_USAGE', `no verb or actor dictionary in ${spec} (file names must contain "verb" or "actor")`);
  const read = (f: string) => fs.readFileSync(f, 'utf8');
  const verbs = files.verbs.length ? compileVerbs(files.verbs.map((f) => parseVerbDictionary(read(f))), files.verbs.map((f) => path.basename(f)).join(', ')) : null;
  const lexicon = files.actors.length ? buildLexicon(files.actors.map(read), files.agents.map(read)) : null;
  const discards: Discards = { story: [], sentence: [] };
  for (const f of files.discards) {
    const d = parseDiscards(read(f));
    discards.story.push(...d.story);
    discards.sentence.push(...d.sentence);
  }
  const issues: Record<string, string> = {};
  for (const f of files.issues) Object.assign(issues, parseIssues(read(f)));
  return { files, verbs, lexicon, discards, issues };
}

/** True when the normal-form `words` contain one of the `phrases` (consecutive words). */
export function containsPhrase(words: readonly string[], phrases: readonly string[][]): boolean {
  for (const p of phrases) {
    outer: for (let i = 0; i + p.length <= words.length; i++) {
      for (let k = 0; k < p.length; k++) if (words[i + k] !== p[k]) continue outer;
      return true;
    }
  }
  return false;
}

export { normWord };
