#!/usr/bin/env node
/**
 * Build `data/verbs.json`: the PETRARCH-2 CAMEO verb-pattern dictionary compiled for fast matching
 * against a token window, plus Dateline's own small additions for news verbs the dictionary codes
 * poorly (see ADDITIONS below: each is documented; none names a person, place or date).
 *
 * Source: ../shared/dict/phoenix/CAMEO.2.0.txt (Open Event Data Alliance, MIT licence, 2015; format
 * documented in PETRARCH's docs/dictionaries.rst and the TABARI manual ch. 5):
 *  - synsets `&NAME` followed by `+PHRASE` lines; regular plurals generated (S / IES / ES) unless the
 *    label or the phrase ends with `_`.
 *  - verb blocks `--- NAME [code] ---`; verb lines `WORD {IRREGULAR FORMS} [code]`, `+A_B` for
 *    multi-word verbs; regular forms (S, ED, ING) are generated.
 *  - patterns `- PRE * POST [code]` where `*` is the verb, `{A B}` consecutive words, `(PREP …)` a
 *    prepositional phrase, `&SYN` a synset, `+` the target, `$` the source, `^` any noun phrase,
 *    `%` a compound actor. Codes `[a:b]` are paired: `a` source→target and the reciprocal `b`
 *    target→source (TABARI convention); `[:b]` only the reciprocal; `[---]` no event.
 *
 * Output shape (`VerbDict` in src/events/verbs.ts):
 *   { synsets: {NAME: string[][]}, forms: {"form words": [blockIndex, code|null][]},
 *     blocks: [{name, code, patterns: [{pre, post, code, rev, src, add?}]}] }
 * Elements: "word" | "&SYN" | "+" | "$" | "^" | "%" | {p: Elem[]} (consecutive) |
 *   {pp: string[], e: Elem[]} (preposition alternatives, then elements). Words are lower case.
 *
 * Usage: node scripts/build-verbs.js [--shared DIR] [--out FILE]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const shared = path.resolve(opt('--shared', path.join(root, '..', 'shared')));
const out = path.resolve(opt('--out', path.join(root, 'data', 'verbs.json')));
const src = path.join(shared, 'dict', 'phoenix', 'CAMEO.2.0.txt');

/**
 * Dateline additions, in the dictionary's own syntax, one block per verb group. Their patterns are
 * tried before the dictionary's and their verb-line codes override the dictionary default.
 * Why each exists (CAMEO 1.1b3 codebook definitions):
 *  - ARRIVE_DL: "arrive in/travel to/fly to X" is a visit (042, reciprocal 043 host); the dictionary
 *    codes ARRIVE as 040 and TRAVEL/LEAVE as 040 without a destination.
 *  - LEAVE_DL: "leave (X) for Y" — the `for` object is the destination of a visit (042:043);
 *    "leave for talks" is a consultation (040).
 *  - GREET_DL: greet/welcome/receive/host a person is hosting a visit (043:042); the dictionary has
 *    GREET as 050/051 (praise).
 *  - TALKS_DL: "hold talks/consultations/a meeting (with X)" 040/046; "start/begin a visit" 042.
 *  - DISCUSS_DL: discuss / confer / negotiate with → 040 / 046 (symmetric).
 *  - SUPPLY_DL: supply/deliver/provide/send weapons/troops (with/to X) → 072 material military aid.
 *  - PROMISE_DL: promise/pledge/vow/offer to supply weapons → 0332 (intent to provide military aid);
 *    the coder turns other promise+infinitive pairs into the matching 03x code.
 *  - CRITICIZE_DL: push back against / rebuke / criticize / slam / denounce → 111.
 *  - REJECT_DL: reject/dismiss (a proposal) → 120; reject talks → 125.
 *  - DEPLOY_DL: station/deploy/send troops → 154 (mobilize or increase armed forces; CAMEO has no
 *    separate "station troops abroad"; 074 is used only with a peacekeeping object).
 *  - INVADE_DL / ATTACK_DL: invade → 192 (occupy territory) and attack/strike/shell → 190.
 *  - RELEASE_DL: release/free (a person) → 0841.
 *  - SIGN_DL: sign an agreement/treaty/deal/document → 057 (sign formal agreement).
 */
const ADDITIONS = `
---  ARRIVE_DL   [042:043]  ---
ARRIVE
- * (IN +) [042:043]
- * (AT +) [042:043]
- * (TO +) [042:043]

---  TRAVEL_DL   [---]  ---
TRAVEL {TRAVELS TRAVELLED TRAVELED TRAVELLING TRAVELING}
FLY {FLIES FLEW FLOWN FLYING}
- * (TO +) [042:043]

---  LEAVE_DL   [---]  ---
LEAVE {LEAVES LEFT LEAVING}
DEPART
HEAD {HEADS HEADED HEADING}
- * (FOR TALKS) [040:040]
- * (FOR NEGOTIATIONS) [046:046]
- * (FOR +) [042:043]

---  VISIT_DL   [042:043]  ---
VISIT
- * (FOR TALKS) [042:043]
- * + [042:043]

---  GREET_DL   [043:042]  ---
GREET
WELCOME
RECEIVE
HOST
- * + [043:042]

---  TALKS_DL   [---]  ---
HOLD {HOLDS HELD HOLDING}
START
BEGIN {BEGINS BEGAN BEGUN BEGINNING}
CONDUCT
OPEN
PAY {PAYS PAID PAYING}
MAKE {MAKES MADE MAKING}
- * VISIT (TO +) [042:043]
- * VISIT [042:043]
- * TRIP (TO +) [042:043]
- * TRIP [042:043]
- * TALKS (WITH +) [040:040]
- * TALKS [040:040]
- * CONSULTATIONS [040:040]
- * MEETING (WITH +) [040:040]
- * NEGOTIATIONS [046:046]
- * SUMMIT [044:044]

---  DISCUSS_DL   [040:040]  ---
DISCUSS
CONFER {CONFERS CONFERRED CONFERRING}
NEGOTIATE [046:046]
MEET {MEETS MET MEETING}
- * (WITH +) [040:040]

---  SUPPLY_DL   [070]  ---
SUPPLY {SUPPLIES SUPPLIED SUPPLYING}
DELIVER
PROVIDE
SEND {SENDS SENT SENDING}
SHIP {SHIPS SHIPPED SHIPPING}
TRANSFER {TRANSFERS TRANSFERRED TRANSFERRING}
GIVE {GIVES GAVE GIVEN GIVING}
- * + (WITH &WEAPON) [072]
- * + (WITH {MISSILE SYSTEM}) [072]
- * + (WITH MISSILES) [072]
- * &WEAPON [072]
- * MISSILES [072]
- * {MISSILE SYSTEM} [072]
- * WEAPONS [072]
- * ARMS [072]
- * + (WITH AID) [070]

---  PROMISE_DL   [030]  ---
PROMISE
PLEDGE
VOW
OFFER
- * (TO SUPPLY &WEAPON) [0332]
- * (TO SUPPLY +) [0332]
- * (TO SEND &WEAPON) [0332]
- * (TO DELIVER &WEAPON) [0332]
- * (TO PROVIDE &WEAPON) [0332]
- * (TO GIVE &WEAPON) [0332]
- * &WEAPON [0332]
- * {MILITARY AID} [0332]
- * AID [033]

---  CRITICIZE_DL   [111]  ---
+PUSH_BACK {+PUSHES_BACK +PUSHED_BACK +PUSHING_BACK}
REBUKE
CRITICIZE
CRITICISE
SLAM {SLAMS SLAMMED SLAMMING}
DENOUNCE
CONDEMN
- * (AGAINST +) [111]
- * + [111]

---  REJECT_DL   [120]  ---
REJECT
DISMISS
- * TALKS [125]
- * PROPOSAL [125]
- * + [120]

---  DEPLOY_DL   [---]  ---
STATION
DEPLOY
- * &PKO [074]
- * TROOPS [154]
- * SOLDIERS [154]
- * FORCES [154]

---  INVADE_DL   [192]  ---
INVADE
OCCUPY {OCCUPIES OCCUPIED OCCUPYING}
ANNEX

---  ATTACK_DL   [190]  ---
ATTACK
STRIKE {STRIKES STRUCK STRIKING}
SHELL {SHELLS SHELLED SHELLING}
BOMB
BOMBARD

---  RELEASE_DL   [0841]  ---
RELEASE
FREE {FREES FREED FREEING}
- * PRISONERS [0841]
- * + [0841]

---  SIGN_DL   [---]  ---
SIGN
- * &TREATY [057:057]
- * AGREEMENT [057:057]
- * DEAL [057:057]
- * ACCORD [057:057]
- * DOCUMENTS [057:057]
- * TREATY [057:057]
- * PACT [057:057]
- * MEMORANDUM [057:057]
`;

/** Regular plural of a noun (PETRARCH rule: +S, Y→IES, SS→SES). */
function plural(w) {
  if (/[^aeiou]y$/.test(w)) return w.slice(0, -1) + 'ies';
  if (/(ss|sh|ch|x)$/.test(w)) return w + 'es';
  return w + 's';
}

/** Regular verb forms of a lower-case verb: base, 3sg, past, gerund. */
function verbForms(w) {
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
    // doubled final consonant for short CVC verbs (stop → stopped)
    if (/^[^aeiou]*[aeiou][bdgklmnprtv]$/.test(w)) {
      f.add(w + w.slice(-1) + 'ed');
      f.add(w + w.slice(-1) + 'ing');
    }
  }
  return [...f];
}

const words = (s) => s.toLowerCase().replace(/_/g, ' ').split(/\s+/).filter(Boolean);

/** Tokenize a pattern body into elements (see header). Returns null if malformed. */
function parseElems(body) {
  const toks = body.match(/\{|\}|\(|\)|[^\s{}()]+/g) || [];
  let i = 0;
  function seq(close) {
    const list = [];
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
        if (!inner.length || typeof inner[0] !== 'string' || /^[&+$^%*]/.test(inner[0])) {
          list.push({ pp: [], e: inner });
        } else {
          list.push({ pp: inner[0].split('/'), e: inner.slice(1) });
        }
      } else if (t === '}' || t === ')') {
        return null;
      } else if (t === '*' || t === '+' || t === '$' || t === '^' || t === '%') {
        list.push(t);
      } else if (t.startsWith('&')) {
        list.push(t.toUpperCase());
      } else if (t.includes('/')) {
        return null; // disjunctions are not supported by PETRARCH-2 either
      } else {
        for (const w of words(t)) list.push(w);
      }
    }
    return close ? null : list;
  }
  return seq(null);
}

function parseCode(s) {
  const [a, b] = s.split(':');
  const norm = (x) => (x && x !== '---' && /^\d{2,4}$/.test(x.trim()) ? x.trim() : null);
  return { code: norm(a), rev: b === undefined ? null : norm(b) };
}

/** Parse a dictionary text into { synsets, blocks } (blocks keep raw verb lines). */
function parseDict(text, { additions = false } = {}) {
  const synsets = {};
  const blocks = [];
  let section = additions ? 'verbs' : 'head';
  let syn = null;
  let block = null;
  for (const raw of text.split(/\r?\n/)) {
    if (/^#+\s*SYNONYM SETS/.test(raw)) { section = 'syn'; continue; }
    if (/^#+\s*VERB PATTERNS/.test(raw)) { section = 'verbs'; continue; }
    if (/^#+\s*TRANSFORMATIONS/.test(raw)) { section = 'end'; continue; }
    if (section === 'end' || section === 'head') continue;
    const line = raw.replace(/#.*$/, '').replace(/<!--.*?-->/g, '').trimEnd();
    if (section === 'syn') {
      const t = line.trim();
      if (!t) continue;
      if (t.startsWith('&')) {
        syn = { name: t.split(/\s+/)[0].toUpperCase(), list: [] };
        synsets[syn.name.replace(/_$/, '')] = syn;
      } else if (t.startsWith('+') && syn) {
        const phrase = t.slice(1).trim();
        const noPlural = syn.name.endsWith('_') || phrase.endsWith('_');
        const ws = words(phrase.replace(/_$/, ''));
        if (!ws.length) continue;
        syn.list.push(ws);
        if (!noPlural) syn.list.push([...ws.slice(0, -1), plural(ws[ws.length - 1])]);
      }
      continue;
    }
    const head = /^---\s+(\S+)\s+\[([^\]]*)\]/.exec(line);
    if (head) {
      block = { name: head[1], code: parseCode(head[2]), verbs: [], patterns: [] };
      blocks.push(block);
      continue;
    }
    if (!block) continue;
    const t = line.trim();
    if (!t) continue;
    if (t.startsWith('-')) {
      const m = /^-\s*(.*?)\s*\[([^\]]*)\]/.exec(t);
      if (!m) continue;
      const elems = parseElems(m[1]);
      if (!elems) continue;
      const star = elems.indexOf('*');
      if (star < 0) continue;
      const { code, rev } = parseCode(m[2]);
      const pat = { pre: elems.slice(0, star), post: elems.slice(star + 1), code, rev, src: `- ${m[1]} [${m[2]}]` };
      if (additions) pat.add = true;
      block.patterns.push(pat);
      continue;
    }
    // verb line
    const vm = /^(\+?)([A-Za-z'_-]+)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?/.exec(t);
    if (!vm) continue;
    const base = words(vm[2]);
    const irregular = vm[3]
      ? vm[3].slice(1, -1).trim().split(/\s+/).filter(Boolean).map((s) => words(s.replace(/^\+/, '')))
      : [];
    const code = vm[4] ? parseCode(vm[4].slice(1, -1)) : null;
    block.verbs.push({ base, irregular, code });
  }
  const syn2 = {};
  for (const [k, v] of Object.entries(synsets)) syn2[k] = v.list;
  return { synsets: syn2, blocks };
}

const dict = parseDict(fs.readFileSync(src, 'utf8'));
const adds = parseDict(ADDITIONS, { additions: true });

// Merge: additions first (their patterns are tried first; their verb codes override).
const blocks = [];
const forms = {};
function addForm(form, bi, code) {
  const key = form.join(' ');
  const list = (forms[key] ||= []);
  if (!list.some((x) => x[0] === bi)) list.push([bi, code]);
}
for (const b of [...adds.blocks, ...dict.blocks]) {
  const bi = blocks.length;
  const codeStr = (c) => (c && (c.code || c.rev) ? `${c.code ?? ''}${c.rev ? ':' + c.rev : ''}` : null);
  blocks.push({ name: b.name, code: codeStr(b.code), patterns: b.patterns });
  for (const v of b.verbs) {
    const vcode = v.code ? codeStr(v.code) ?? '---' : null;
    const generated = v.base.length === 1 ? verbForms(v.base[0]).map((f) => [f]) : verbForms(v.base[0]).map((f) => [f, ...v.base.slice(1)]);
    for (const f of [...generated, ...v.irregular]) if (f.length) addForm(f, bi, vcode);
  }
}

const result = {
  _source:
    'Built by scripts/build-verbs.js from ../shared/dict/phoenix/CAMEO.2.0.txt (PETRARCH-2 CAMEO verb dictionary, Open Event Data Alliance, MIT) plus documented Dateline additions (blocks named *_DL).',
  synsets: { ...dict.synsets },
  forms,
  blocks,
};
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(result) + '\n');
const npat = blocks.reduce((n, b) => n + b.patterns.length, 0);
console.log(`verbs.json: ${blocks.length} blocks (${adds.blocks.length} additions), ${Object.keys(forms).length} verb forms, ${npat} patterns, ${Object.keys(result.synsets).length} synsets -> ${path.relative(root, out)}`);
