/**
 * Reader for PETRARCH/TABARI verb-pattern dictionaries, in both formats as they are:
 *
 * - PETRARCH-2 (`CAMEO.2.0.txt`, `PETR_Validate_verbs_2_02.txt`): synsets `&NAME` followed by
 *   `+PHRASE` lines (regular plurals generated — S / IES / ES — unless the label or phrase ends
 *   with `_`); verb blocks `--- NAME [code] ---`; verb lines `WORD {IRREGULAR FORMS} [code]`, `+A_B`
 *   for multi-word verbs (regular forms S, ED, ING generated); patterns `- PRE * POST [code]` where
 *   `*` is the verb, `{A B}` consecutive words, `(PREP …)` a prepositional phrase, `&SYN` a synset,
 *   `+` the target, `$` the source, `^` any noun phrase, `%` a compound actor.
 * - PETRARCH-1 / TABARI (`CAMEO.verbpatterns.150430.txt`, `PETR.Validate.verbs.txt`): the same
 *   blocks, but words joined by `_` are consecutive (`IN_*`, `NEW_&TIETYPES_RELATIONS`), synsets may
 *   be defined between blocks, and `<!-- … -->` comments occur.
 *
 * Codes `[a:b]` are paired: `a` source→target and the reciprocal `b` target→source (TABARI
 * convention); `[:b]` only the reciprocal; `[---]` no event. Transformations (`~` lines) are
 * skipped. Sources: PETRARCH `docs/dictionaries.rst`, TABARI manual ch. 5.
 *
 * Compiled shape ({@link CompiledVerbs}), written by `scripts/build-verbs.js` to `data/verbs.json`:
 *   `{ synsets: {NAME: string[][]}, forms: {"form words": [blockIndex, code|null][]},
 *      blocks: [{name, code, patterns: [{pre, post, code, rev, src, add?}]}] }`
 * Elements: `"word"` | `"&SYN"` | `"+"` | `"$"` | `"^"` | `"%"` | `{p: Elem[]}` (consecutive) |
 * `{pp: string[], e: Elem[]}` (preposition alternatives, then elements). Words are lower case.
 */

/** A compiled pattern element (see the module comment). */
export type PatternElem = string | { p: PatternElem[] } | { pp: string[]; e: PatternElem[] };

/** One compiled pattern. */
export interface CompiledPattern {
  pre: PatternElem[];
  post: PatternElem[];
  /** CAMEO (or dictionary) code source → target, or null. */
  code: string | null;
  /** Reciprocal code target → source, or null. */
  rev: string | null;
  /** The pattern as written. */
  src: string;
  /** True for a Dateline addition. */
  add?: boolean;
}

/** A parsed verb block before compilation. */
export interface ParsedBlock {
  name: string;
  code: { code: string | null; rev: string | null } | null;
  verbs: Array<{ base: string[]; irregular: string[][]; code: { code: string | null; rev: string | null } | null }>;
  patterns: CompiledPattern[];
}

/** A parsed verb dictionary: synsets and blocks. */
export interface ParsedVerbs {
  synsets: Record<string, string[][]>;
  blocks: ParsedBlock[];
}

/** The compiled verb dictionary (the JSON in `data/verbs.json`). */
export interface CompiledVerbs {
  _source?: string;
  synsets: Record<string, string[][]>;
  forms: Record<string, Array<[number, string | null]>>;
  blocks: Array<{ name: string; code: string | null; patterns: CompiledPattern[] }>;
}

/** Regular plural of a lower-case noun (PETRARCH rule: +S, Y→IES, SS/SH/CH/X→ES). */
export function pluralOf(w: string): string {
  if (/[^aeiou]y$/.test(w)) return w.slice(0, -1) + 'ies';
  if (/(ss|sh|ch|x)$/.test(w)) return w + 'es';
  return w + 's';
}

/** Regular verb forms of a lower-case verb: base, 3sg, past, gerund (doubled final consonant for CVC verbs). */
export function verbForms(w: string): string[] {
  const f = new Set([w]);
  if (/[^aeiou]y$/.test(w)) {
    f.add(w.slice(0, -1) + 'ies');
    f.add(w.slice(0, -1) + 'ied');
    f.add(w + 'ing');
  } else if (w.endsWith('e')) {
    f.add(w + 's');
    f.add(w + 'd');
    f.add((w.endsWith('ee') ? w : w.slice(0, -1)) + 'ing');
  } else {
    f.add(/(s|sh|ch|x|z|o)$/.test(w) ? w + 'es' : w + 's');
    f.add(w + 'ed');
    f.add(w + 'ing');
    if (/^[^aeiou]*[aeiou][bdgklmnprtv]$/.test(w)) {
      f.add(w + w.slice(-1) + 'ed');
      f.add(w + w.slice(-1) + 'ing');
    }
  }
  return [...f];
}

const words = (s: string): string[] => s.toLowerCase().replace(/_/g, ' ').split(/\s+/).filter(Boolean);

/**
 * Tokenize a pattern body into elements. In PETRARCH-1 syntax (`petr1`), `A_B` is the consecutive
 * phrase `{A B}` and `IN_*` puts the verb right after IN. Returns null when the body is malformed.
 */
export function parsePatternElems(body: string, petr1 = false): PatternElem[] | null {
  let src = body;
  if (petr1) {
    // "IN_*" → "IN *"; "NEW_&TIETYPES_RELATIONS" → "{NEW &TIETYPES RELATIONS}"
    src = src
      .split(/\s+/)
      .filter(Boolean)
      .map((t) => {
        if (!t.includes('_') || /^[{(]|[})]$/.test(t)) return t;
        const parts = t.split('_').filter(Boolean);
        if (parts.includes('*')) return parts.join(' ');
        return parts.length > 1 ? `{${parts.join(' ')}}` : parts.join('');
      })
      .join(' ');
  }
  const toks = src.match(/\{|\}|\(|\)|[^\s{}()]+/g) || [];
  let i = 0;
  const seq = (close: string | null): PatternElem[] | null => {
    const list: PatternElem[] = [];
    while (i < toks.length) {
      const t = toks[i++];
      if (t === close) return list;
      if (t === '{') {
        const inner = seq('}');
        if (!inner) return null;
        list.push({ p: inner });
      } else if (t === '(') {
        const inner = seq(')');
        if (!inner) return null;
        if (!inner.length || typeof inner[0] !== 'string' || /^[&+$^%*]/.test(inner[0])) list.push({ pp: [], e: inner });
        else list.push({ pp: inner[0].split('/'), e: inner.slice(1) });
      } else if (t === '}' || t === ')') {
        return null;
      } else if (t === '*' || t === '+' || t === '$' || t === '^' || t === '%') {
        list.push(t);
      } else if (t.startsWith('&')) {
        list.push(t.toUpperCase().replace(/_$/, ''));
      } else if (t.includes('/')) {
        return null; // disjunctions are not supported by PETRARCH-2 either
      } else {
        for (const w of words(t)) list.push(w.replace(/^\+/, ''));
      }
    }
    return close ? null : list;
  };
  return seq(null);
}

/** Parse a code field `a`, `a:b`, `:b`, `---` into paired codes (null for no code). */
export function parseVerbCode(s: string): { code: string | null; rev: string | null } {
  const [a, b] = s.split(':');
  const norm = (x?: string) => (x && x.trim() !== '---' && /^\d{2,4}[A-Z]?$/.test(x.trim()) ? x.trim() : null);
  return { code: norm(a), rev: b === undefined ? null : norm(b) };
}

/**
 * Parse a verb dictionary text (either format; PETRARCH-1 syntax is detected from `_`-joined
 * pattern words or HTML comments, or forced with `petr1`).
 * @param additions mark every pattern as a Dateline addition (`add: true`)
 */
export function parseVerbDictionary(text: string, opts: { additions?: boolean; petr1?: boolean } = {}): ParsedVerbs {
  const petr1 = opts.petr1 ?? (/<!--/.test(text) && !/####### VERB PATTERNS/.test(text));
  const synsets: Record<string, string[][]> = {};
  const blocks: ParsedBlock[] = [];
  let syn: { name: string; list: string[][] } | null = null;
  let block: ParsedBlock | null = null;
  let stop = false;
  for (const raw of text.split(/\r?\n/)) {
    if (stop) break;
    if (/^#+\s*TRANSFORMATIONS/.test(raw)) { stop = true; continue; }
    const line = raw.replace(/<!--.*?(-->|$)/g, '').replace(/#.*$/, '').trimEnd();
    const t = line.trim();
    if (!t || t.startsWith('~')) continue;
    if (t.startsWith('&')) {
      const name = t.split(/\s+/)[0].toUpperCase();
      syn = { name, list: [] };
      synsets[name.replace(/_$/, '')] = syn.list;
      (syn as { noPlural?: boolean }).noPlural = name.endsWith('_');
      continue;
    }
    const head = /^---\s+(\S+)\s+\[([^\]]*)\]/.exec(t);
    if (head) {
      syn = null;
      block = { name: head[1], code: parseVerbCode(head[2]), verbs: [], patterns: [] };
      blocks.push(block);
      continue;
    }
    if (syn && t.startsWith('+')) {
      const phrase = t.slice(1).trim();
      const noPlural = (syn as { noPlural?: boolean }).noPlural || phrase.endsWith('_') || phrase.startsWith('&');
      if (phrase.startsWith('&')) {
        // embedded synset: its phrases, resolved lazily below
        syn.list.push([phrase.toUpperCase().replace(/_$/, '')]);
        continue;
      }
      const ws = words(phrase.replace(/_$/, ''));
      if (!ws.length) continue;
      syn.list.push(ws);
      if (!noPlural) syn.list.push([...ws.slice(0, -1), pluralOf(ws[ws.length - 1])]);
      continue;
    }
    syn = null;
    if (!block) continue;
    if (t.startsWith('-')) {
      const m = /^-\s*(.*?)\s*\[([^\]]*)\]/.exec(t);
      if (!m) continue;
      const elems = parsePatternElems(m[1], petr1);
      if (!elems) continue;
      const star = elems.indexOf('*');
      if (star < 0) continue;
      const { code, rev } = parseVerbCode(m[2]);
      const pat: CompiledPattern = { pre: elems.slice(0, star), post: elems.slice(star + 1), code, rev, src: `- ${m[1]} [${m[2]}]` };
      if (opts.additions) pat.add = true;
      block.patterns.push(pat);
      continue;
    }
    const vm = /^(\+?)([A-Za-z'_+-]+)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?/.exec(t);
    if (!vm) continue;
    const base = words(vm[2].replace(/\+/g, ''));
    if (!base.length) continue;
    const irregular = vm[3] ? vm[3].slice(1, -1).trim().split(/\s+/).filter(Boolean).map((s) => words(s.replace(/\+/g, ''))) : [];
    const code = vm[4] ? parseVerbCode(vm[4].slice(1, -1)) : null;
    block.verbs.push({ base, irregular, code });
  }
  // embedded synsets ("+&TIETYPES" inside &ACCORDSYN): expand one level deep, in place
  for (const list of Object.values(synsets)) {
    for (let k = list.length - 1; k >= 0; k--) {
      const p = list[k];
      if (p.length === 1 && p[0].startsWith('&')) list.splice(k, 1, ...(synsets[p[0].replace(/_$/, '')] ?? []).filter((x) => !x[0].startsWith('&')));
    }
  }
  return { synsets, blocks };
}

/**
 * Compile parsed dictionaries into the matcher's form. Blocks of earlier dictionaries come first
 * (their patterns are tried first and their verb-line codes win). A verb line's own code overrides
 * its block's default code; `---` on a verb line means "no default event".
 */
export function compileVerbs(dicts: ParsedVerbs[], source?: string): CompiledVerbs {
  const blocks: CompiledVerbs['blocks'] = [];
  const forms: CompiledVerbs['forms'] = {};
  const synsets: Record<string, string[][]> = {};
  for (const d of dicts) for (const [k, v] of Object.entries(d.synsets)) synsets[k] ??= v;
  const addForm = (form: string[], bi: number, code: string | null) => {
    const key = form.join(' ');
    const list = (forms[key] ||= []);
    if (!list.some((x) => x[0] === bi)) list.push([bi, code]);
  };
  const codeStr = (c: { code: string | null; rev: string | null } | null) => (c && (c.code || c.rev) ? `${c.code ?? ''}${c.rev ? ':' + c.rev : ''}` : null);
  for (const d of dicts) {
    for (const b of d.blocks) {
      const bi = blocks.length;
      blocks.push({ name: b.name, code: codeStr(b.code), patterns: b.patterns });
      for (const v of b.verbs) {
        const vcode = v.code ? codeStr(v.code) ?? '---' : null;
        const generated = verbForms(v.base[0]).map((f) => [f, ...v.base.slice(1)]);
        for (const f of [...generated, ...v.irregular]) if (f.length) addForm(f, bi, vcode);
      }
    }
  }
  return { ...(source ? { _source: source } : {}), synsets, forms, blocks };
}
