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
 * The parser is `src/dict/verbs.ts` (the same one `--dictionaries` uses): run `npm run build` first.
 * Usage: node scripts/build-verbs.js [--shared DIR] [--out FILE]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
 *  - URGE_DL: "urge X (to V)" is an appeal (020, "make an appeal or request"); CAMEO.2.0.txt keeps
 *    URGE's patterns (commented "# URGE") in the DEMAND block but lists no URGE verb line, so the verb
 *    was never coded.
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
 *  - PROTEST_DL: begin/start/continue/launch/stage/hold/end a hunger strike, demonstration, protest,
 *    rally, sit-in or strike: the noun is the event (142 hunger strike, 141 demonstrate or rally,
 *    143 strike or boycott); CAMEO.2.0.txt codes STAGE with these but not the aspectual verbs.
 *  - CURFEW_DL: extend/prolong/tighten/reimpose a curfew (1723 impose curfew), a blockade (191
 *    impose blockade) or a state of emergency / martial law (1724); the dictionary codes only
 *    IMPOSE/DECLARE/CLAMP/MAINTAIN a curfew and nothing extends a blockade.
 *  - EASE_DL: shorten/relax/ease/lift a curfew (0813 ease curfew), a blockade (0872 ease military
 *    blockade) or a state of emergency (0814).
 *  - REINFORCE_DL: strengthen/reinforce/bolster/boost forces or troops (154 mobilize or increase
 *    armed forces); the dictionary's STRENGTHEN has no pattern with armed forces.
 *  - CUT_DL: reduce/cut/slash/suspend aid or (food) supplies (162 reduce or stop aid).
 *  - ACCEPT_DL: accept/meet demands (080 yield); the dictionary's ACCEPT (EMBRACE block) codes
 *    only responsibility and charges.
 *  - AGREE_DL: "agree (to/on/upon …)" with no more specific pattern is an expression of intent to
 *    cooperate (030, the codebook's "agree to" example), not diplomatic cooperation (CAMEO.2.0.txt's
 *    AGREE block default 050); the block's own patterns still apply.
 */
const ADDITIONS = `
---  PROTEST_DL   [---]  ---
STAGE
BEGIN {BEGINS BEGAN BEGUN BEGINNING}
START
CONTINUE
LAUNCH
HOLD {HOLDS HELD HOLDING}
RESUME
- * {HUNGER STRIKE} [142]
- * {HUNGER STRIKES} [142]
- * DEMONSTRATION [141]
- * DEMONSTRATIONS [141]
- * PROTEST [141]
- * PROTESTS [141]
- * RALLY [141]
- * RALLIES [141]
- * SIT-IN [141]
- * {GENERAL STRIKE} [143]

---  CURFEW_DL   [---]  ---
EXTEND
PROLONG
LENGTHEN
TIGHTEN
REIMPOSE
- * CURFEW [1723]
- * BLOCKADE [191]
- * {STATE OF EMERGENCY} [1724]
- * {MARTIAL LAW} [1724]

---  EASE_DL   [---]  ---
SHORTEN
RELAX
EASE
LIFT
- * CURFEW [0813]
- * BLOCKADE [0872]
- * {STATE OF EMERGENCY} [0814]

---  REINFORCE_DL   [---]  ---
STRENGTHEN
REINFORCE
BOLSTER
BOOST
- * &MILITARY [154]
- * FORCES [154]
- * {MILITARY PRESENCE} [154]

---  CUT_DL   [---]  ---
REDUCE
CUT {CUTS CUTTING}
SLASH {SLASHES SLASHED SLASHING}
SUSPEND
- * {FOOD SUPPLIES} [162]
- * {FOOD AID} [162]
- * SUPPLIES [162]
- * AID [162]

---  ACCEPT_DL   [---]  ---
ACCEPT
MEET {MEETS MET MEETING}
- * DEMANDS [080]
- * DEMAND [080]

---  AGREE_DL   [030]  ---
AGREE

---  URGE_DL   [020]  ---
URGE
- * + [020]

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

const dictMod = path.join(root, 'dist', 'dict', 'verbs.js');
if (!fs.existsSync(dictMod)) {
  console.error('build-verbs: run `npm run build` first (the parser lives in src/dict/verbs.ts)');
  process.exit(1);
}
const { parseVerbDictionary, compileVerbs } = await import(pathToFileURL(dictMod).href);

// Additions first (their patterns are tried first; their verb codes override).
const compiled = compileVerbs([parseVerbDictionary(ADDITIONS, { additions: true, petr1: false }), parseVerbDictionary(fs.readFileSync(src, 'utf8'), { petr1: false })]);
const { forms, blocks } = compiled;
const adds = { blocks: blocks.filter((b) => b.patterns.some((p) => p.add) || b.name.endsWith('_DL')) };
const dict = { synsets: compiled.synsets };

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
