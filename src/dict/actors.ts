/**
 * Readers for the PETRARCH/TABARI actor, agent and discard dictionaries, as they are
 * (Phoenix.{Countries,International,MilNonState}.actors.txt, Phoenix.agents.txt,
 * Phoenix.discards.txt, PETR.Validate.*; format: PETRARCH `docs/dictionaries.rst`, TABARI manual ch. 4).
 *
 * Actors: a primary phrase (words joined by `_` or spaces; a trailing `_` = no plural), `+synonym`
 * lines, then code lines `[CODE]`, `[CODE <date]`, `[CODE >date]`, `[CODE date-date]` (TAB-indented
 * or on the phrase line; several per line allowed). Dates are YYMMDD (years 00–30 → 20YY, else
 * 19YY, PETRARCH's `dstr_to_ordate` pivot) or YYYYMMDD; `<d` = before d, `>d` = on or after d,
 * ranges inclusive; the undated code is the default. Comments: `#`, `;` and `<!-- … -->`.
 */

/** A dated code: `[code]` (default) or `[code, from, to]` with inclusive YYYYMMDD integers (0 / 99999999 open). */
export type DatedCode = [string] | [string, number, number];

/** One actor entry: its phrases (primary first, raw as written) and its codes in file order. */
export interface ActorGroup {
  names: Array<{ raw: string; comment: string; primary?: boolean }>;
  codes: DatedCode[];
  src?: string;
}

const PLAIN_WORD = /^[A-Za-z0-9'-]*$/;

/** Normal form of one word: no diacritics, upper case, no periods, straight apostrophes. */
export function normWord(w: string): string {
  // plain ASCII letters, digits, hyphens and straight apostrophes: upper case is the whole normal form
  if (PLAIN_WORD.test(w)) return w.toUpperCase();
  return w
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/\./g, '');
}

/** Words of a dictionary phrase (`VLADIMIR_PUTIN_`, `ST._PETERSBURG`) in normal form. */
export function phraseWords(p: string): string[] {
  return p
    .split(/[_\s]+/)
    .map((w) => normWord(w.replace(/,+$/, '')))
    .filter((w) => w.length > 0);
}

/** PETRARCH's date reading: YYMMDD (≤ 7 chars, 00–30 → 20YY) or YYYYMMDD → integer YYYYMMDD, or null. */
export function petrDate(s: string): number | null {
  s = s.trim();
  const m0 = /^\d{6,8}/.exec(s);
  if (!m0) return null;
  s = m0[0];
  let y: number;
  let m: number;
  let d: number;
  if (s.length > 7) {
    y = +s.slice(0, 4);
    m = +s.slice(4, 6);
    d = +s.slice(6, 8);
  } else {
    y = +s.slice(0, 2);
    y += y <= 30 ? 2000 : 1900;
    m = +s.slice(2, 4);
    d = +s.slice(4, 6);
  }
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  return y * 10000 + m * 100 + d;
}

/** The day before an integer YYYYMMDD date. */
export function prevDay(d: number): number {
  const dt = new Date(Date.UTC(Math.floor(d / 10000), (Math.floor(d / 100) % 100) - 1, d % 100));
  dt.setUTCDate(dt.getUTCDate() - 1);
  return dt.getUTCFullYear() * 10000 + (dt.getUTCMonth() + 1) * 100 + dt.getUTCDate();
}

/** ISO 8601 date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, longer strings cut) → integer YYYYMMDD, or null. */
export function isoToInt(s: string | null | undefined): number | null {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(s ?? '');
  if (!m) return null;
  return +m[1] * 10000 + +(m[2] ?? 1) * 100 + +(m[3] ?? 1);
}

/** Parse the inside of `[CODE …]` into a {@link DatedCode}, or null when malformed. */
export function parseActorCode(inner: string): DatedCode | null {
  const t = inner.trim();
  const sp = t.search(/\s/);
  if (sp < 0) return t ? [t.toUpperCase()] : null;
  const code = t.slice(0, sp).toUpperCase();
  const rest = t.slice(sp + 1).trim();
  if (!rest) return [code];
  if (rest[0] === '<' || rest[0] === '>') {
    const d = petrDate(rest.slice(1));
    if (d === null) return null;
    return rest[0] === '<' ? [code, 0, prevDay(d)] : [code, d, 99999999];
  }
  const mm = /^(\d{6,8})\s*-\s*(\d{6,8})/.exec(rest);
  if (mm) {
    const a = petrDate(mm[1]);
    const b = petrDate(mm[2]);
    if (a === null || b === null || b < a) return null;
    return [code, a, b];
  }
  return [code];
}

/**
 * The code valid on `date` (integer YYYYMMDD): the first dated code whose range holds the date,
 * else the undated default (PETRARCH's order), else null. Without a date, the default.
 */
export function codeOnDate(codes: readonly DatedCode[], date: number | null): string | null {
  if (date !== null) for (const c of codes) if (c.length === 3 && date >= c[1] && date <= c[2]) return c[0];
  for (const c of codes) if (c.length === 1) return c[0];
  return null;
}

function stripComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, '');
}

/** Parse one actor dictionary file into entries (names that precede a code line share its codes). */
export function parseActorDictionary(text: string, src = ''): ActorGroup[] {
  const lines = stripComments(text).split(/\r?\n/);
  let cur: ActorGroup | null = null;
  const groups: ActorGroup[] = [];
  const codesOf = (s: string, into: DatedCode[]) => {
    for (const m of s.matchAll(/\[([^\]]*)\]/g)) {
      const c = parseActorCode(m[1]);
      if (c) into.push(c);
    }
  };
  for (const rawLine of lines) {
    if (/^\s*#/.test(rawLine) || !rawLine.trim()) continue;
    if (rawLine.includes('---STOP---')) break;
    const hash = rawLine.indexOf('#');
    const comment = hash >= 0 ? rawLine.slice(hash + 1) : '';
    const line = (hash >= 0 ? rawLine.slice(0, hash) : rawLine).replace(/;.*$/, '');
    if (!line.trim()) continue;
    const t = line.trim();
    if ((/^\s/.test(line) && line.includes('[')) || t[0] === '[') {
      if (cur) codesOf(t, cur.codes);
      continue;
    }
    if (t[0] === '+') {
      if (!cur) continue;
      cur.names.push({ raw: t.slice(1).split('[')[0].trim(), comment: '' });
      codesOf(t, cur.codes);
      continue;
    }
    if (cur && cur.codes.length) {
      groups.push(cur);
      cur = null;
    }
    if (!cur) cur = { names: [], codes: [], src };
    cur.names.push({ raw: t.split('[')[0].trim(), comment, primary: true });
    codesOf(t, cur.codes);
  }
  if (cur && cur.codes.length) groups.push(cur);
  return groups;
}

/**
 * Parse an agents dictionary: `PHRASE [~GOV]` (suffix role: appended to the country code),
 * `PHRASE [IGO~]` (prefix), `{PLURAL}` forms (`{}` = none), PETRARCH's regular plurals otherwise
 * (trailing `_` = none), substitution sets `!NAME! = A, B, C`.
 * @returns normal phrase (words joined by ' ') → code with its tilde (`~GOV`, `IGO~`)
 */
export function parseAgentDictionary(text: string): Record<string, string> {
  const agents: Record<string, string> = {};
  const subs: Record<string, string[]> = {};
  const store = (phrase: string, code: string) => {
    const k = phraseWords(phrase).join(' ');
    if (!k || agents[k]) return;
    agents[k] = code;
  };
  for (const raw of stripComments(text).split(/\r?\n/)) {
    const l = raw.replace(/#.*$/, '').trim();
    if (!l) continue;
    const sm = /^!(\w+)!\s*=\s*(.+)$/.exec(l);
    if (sm) {
      subs[sm[1]] = sm[2].split(',').map((s) => s.trim()).filter(Boolean);
      continue;
    }
    const b = l.indexOf('[');
    if (b < 0) continue;
    const code = l.slice(b + 1, l.indexOf(']', b)).trim().toUpperCase();
    let phrase = l.slice(0, b).trim();
    let plural: string | null = null;
    const br = /\{([^}]*)\}/.exec(phrase);
    if (br) {
      plural = br[1].trim();
      phrase = phrase.slice(0, br.index).trim();
    }
    if (/(^|_)MINIST_?$/.test(phrase) && subs.MINIST) phrase = phrase.replace(/MINIST_?$/, '!MINIST!');
    const variants: string[] = [];
    const mk = /!(\w+)!/.exec(phrase);
    if (mk && subs[mk[1]]) for (const s of subs[mk[1]]) variants.push(phrase.replace(mk[0], mk.index > 0 && phrase[mk.index - 1] !== '_' ? s : s));
    else variants.push(phrase);
    for (const v of variants) {
      store(v, code);
      if (mk) continue; // substitution sets already list their plurals
      if (plural !== null) {
        if (plural) store(plural, code);
      } else {
        const p = v.replace(/_+$/, '');
        if (v.endsWith('_')) continue;
        store(/Y$/i.test(p) && !/[AEIOU]Y$/i.test(p) ? p.slice(0, -1) + 'IES' : /S$/i.test(p) ? p + 'ES' : p + 'S', code);
      }
    }
  }
  return agents;
}

/** A discards dictionary: phrases that void a whole story (`+PHRASE`) or only a sentence. */
export interface Discards {
  story: string[][];
  sentence: string[][];
}

/** Parse a discards file (`+` = story-level, otherwise sentence-level; normal-form words). */
export function parseDiscards(text: string): Discards {
  const out: Discards = { story: [], sentence: [] };
  for (const raw of stripComments(text).split(/\r?\n/)) {
    const l = raw.replace(/#.*$/, '').replace(/;.*$/, '').trim();
    if (!l) continue;
    const story = l.startsWith('+');
    const ws = phraseWords(story ? l.slice(1) : l);
    if (ws.length) (story ? out.story : out.sentence).push(ws);
  }
  return out;
}

/** Issues dictionary (`Phoenix.IssueCoding.txt`): normal phrase → issue category. */
export function parseIssues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let cat = '';
  for (const raw of text.split(/\r?\n/)) {
    const c = /<ISSUE CATEGORY="([^"]+)"/.exec(raw);
    if (c) { cat = c[1]; continue; }
    const l = raw.replace(/#.*$/, '').trim();
    if (!l || l.startsWith('<')) continue;
    const m = /^(?:n:)?([^[]+?)\s*(?:\[([^\]]*)\])?$/.exec(l);
    if (!m) continue;
    const k = phraseWords(m[1]).join(' ');
    if (k) out[k] = m[2] ?? cat;
  }
  return out;
}
