import type { Doc, Mention, MentionType } from '../doc/types.js';
import type { Context } from '../context.js';
import type { Stage } from '../stage.js';
import { toWords, isCapitalized, isAllCaps, type Word } from './words.js';
import { isTitleWord, TITLE_MODIFIERS, HONORIFICS, ORG_HEADS, LOC_HEADS, CALENDAR_WORDS } from './titles.js';
import { nameLexicon, type NameLexicon } from './lexicon.js';
import { sameName } from './names.js';

/**
 * Rule-based named-entity recognizer (the `mentions` stage), general by construction:
 *
 * 1. **Gazetteers propose**: the longest known name at each word — countries, cities and regions
 *    (GeoNames), people, organizations and groups (Phoenix actor dictionaries) — see {@link NameLexicon}.
 * 2. **Capitalization chunks propose**: maximal runs of capitalized words (with "of"/"for"/"de"
 *    inside, an ordinal before "Motor Rifle Division"-style units), with leading titles split off
 *    ("Kazakh President X" → NORP "Kazakh" + PER "X").
 * 3. **Refiners decide** the type: known name > location head ("… Sea") > organization head
 *    ("… Organization") > acronym (ORG) > title/honorific cue or 2–4 plain capitalized words (PER)
 *    > demonym (NORP) > product-like hyphenated word (MISC); a single capitalized word that is the
 *    last name of a person already found is that person (PER).
 *
 * Months, weekdays and sentence-initial non-proper words are never mentions.
 */
export function recognize(doc: Pick<Doc, 'text' | 'tokens' | 'sentences'>, lex: NameLexicon): Mention[] {
  const words = toWords(doc);
  const out: Array<Omit<Mention, 'id'>> = [];
  const texts = words.map((w) => w.text);
  let i = 0;
  while (i < words.length) {
    const w = words[i];
    const sentenceStart = i === 0 || words[i - 1].sentence !== w.sentence || /^["“‘(\u2014-]+$/.test(words[i - 1].text);
    // names start with a capital letter or a digit ("201st …"): skip the gazetteers elsewhere
    const known = /^[\p{Lu}\d]/u.test(w.text) ? lex.match(texts, i) : null;
    const chunkEnd = chunkFrom(words, i, sentenceStart, lex);
    const orgPhrase = (!known || known.type === 'NORP' || known.length === 1) && lex.demonym(w.text) ? lowerOrgPhrase(words, i) : 0;
    if (orgPhrase > 0) {
      out.push(mk(doc.text, words, i, i + orgPhrase, 'ORG', 0.7));
      i += orgPhrase;
      continue;
    }
    if (known && known.type === 'LOC' && known.length > 1 && lex.demonym(words[i + known.length - 1].text)) {
      // "Central Asian": a regional demonym, not the region
      known.type = 'NORP';
    }
    if (known && known.length >= chunkEnd - i && allNameLike(words, i, i + known.length)) {
      if (known.type === 'PER') {
        // dictionaries list "President X" and "Russian President X" as synonyms: split the cue off
        let k = i;
        if (known.length > 1 && lex.demonym(words[k].text)) {
          out.push(mk(doc.text, words, k, k + 1, 'NORP', 0.9));
          k++;
        }
        while (k < i + known.length - 1 && (isTitleWord(words[k].text) || TITLE_MODIFIERS.has(words[k].text.toLowerCase()))) k++;
        out.push(mk(doc.text, words, k, i + known.length, 'PER', 0.9));
        i += known.length;
        continue;
      }
      if (known.type !== 'NORP' || !demonymBeforeName(words, i + known.length, lex)) {
        out.push(mk(doc.text, words, i, i + known.length, known.type, 0.9));
        i += known.length;
        continue;
      }
    }
    if (chunkEnd <= i) {
      i++;
      continue;
    }
    // split leading demonym + title words off the chunk
    let k = i;
    const demonymAt = lex.demonym(words[k].text) ? k : -1;
    if (demonymAt >= 0 && k + 1 < chunkEnd) k++;
    let sawTitle = false;
    const titleStart = k;
    while (k < chunkEnd - 1 && (isTitleWord(words[k].text) || TITLE_MODIFIERS.has(words[k].text.toLowerCase()))) {
      if (isTitleWord(words[k].text)) sawTitle = true;
      k++;
    }
    // a party name before a title is an organization: "Labour MP X", "Republican Senator X"
    if (sawTitle && demonymAt < 0 && PARTY_WORDS.has(words[titleStart].text.toLowerCase()) && isCapitalized(words[titleStart].text)) {
      out.push(mk(doc.text, words, titleStart, titleStart + 1, 'ORG', 0.7));
    }
    // a title with a complement is an office, not a person: "Minister for Women", "President of X"
    if (sawTitle && CONNECTORS.has(words[k].text.toLowerCase())) {
      const rest = k + 1;
      const t = rest < chunkEnd ? classify(words, rest, chunkEnd, lex, false) : null;
      if (t && t.type !== 'PER' && t.type !== 'MISC') out.push(mk(doc.text, words, rest, chunkEnd, t.type, t.confidence));
      i = chunkEnd;
      continue;
    }
    if (!sawTitle) k = demonymAt >= 0 && chunkEnd - i > 1 && titleFollows(words, i + 1, chunkEnd) ? k : i;
    if (sawTitle && demonymAt >= 0) out.push(mk(doc.text, words, demonymAt, demonymAt + 1, 'NORP', 0.9));
    const start = sawTitle ? k : i;
    const type = classify(words, start, chunkEnd, lex, sawTitle || titleBefore(words, start));
    if (type) out.push(mk(doc.text, words, start, chunkEnd, type.type, type.confidence));
    i = chunkEnd;
  }
  return lastNamePass(out);
}

function mk(text: string, words: Word[], a: number, b: number, type: MentionType, confidence: number): Omit<Mention, 'id'> {
  const start = words[a].start;
  const end = words[b - 1].end;
  return { start, end, text: text.slice(start, end), type, stage: 'mentions', confidence };
}

const PARTY_WORDS = new Set(['labour', 'labor', 'conservative', 'tory', 'liberal', 'democratic', 'democrat', 'republican', 'green', 'socialist', 'communist']);

/** Lower-case nouns that head a government body after a demonym ("Georgian defence ministry"). */
const LOWER_ORG_HEADS = new Set(['ministry', 'government', 'army', 'military', 'navy', 'police', 'parliament', 'cabinet', 'embassy', 'authorities', 'forces', 'guards', 'guard', 'service', 'agency', 'court', 'council', 'committee', 'administration', 'presidency', 'company', 'party']);

/**
 * Length of a "Demonym [lower-case modifiers] org-head" phrase at `i` ("Georgian defence ministry",
 * "Russian foreign ministry", "Tajik border guards"), at most three modifiers, or 0.
 */
function lowerOrgPhrase(words: Word[], i: number): number {
  for (let k = i + 1; k < words.length && k <= i + 4 && words[k].sentence === words[i].sentence; k++) {
    const t = words[k].text;
    if (t !== t.toLowerCase() || !/^\p{L}/u.test(t)) return 0;
    if (LOWER_ORG_HEADS.has(t)) return k - i + 1;
  }
  return 0;
}

const CONNECTORS = new Set(['of', 'for', 'de', 'del', 'la', 'le', 'al', 'bin', 'ibn', 'von', 'van', 'der', 'da', 'do', 'dos']);
const ORDINAL = /^\d+(st|nd|rd|th)$/i;

function nameLike(w: Word): boolean {
  if (CALENDAR_WORDS.has(w.text.toLowerCase())) return false;
  // "Russia-backed", "Kremlin-led": a hyphenated adjective, not a name
  if (/-\p{Ll}+$/u.test(w.text) && !/^\p{Lu}\p{Ll}*-\p{Ll}{1,3}-/u.test(w.text)) return false;
  return isCapitalized(w.text) && /\p{L}/u.test(w.text);
}

/** A month or weekday inside a name ("Daria May", "Man Friday"), not followed by a number. */
function calendarInName(words: Word[], j: number): boolean {
  const n = words[j];
  const next = words[j + 1];
  return CALENDAR_WORDS.has(n.text.toLowerCase()) && isCapitalized(n.text) && !(next && next.sentence === n.sentence && /^\d/.test(next.text));
}

function allNameLike(words: Word[], a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (!nameLike(words[k]) && !CONNECTORS.has(words[k].text.toLowerCase()) && words[k].text !== '.') return false;
  return true;
}

/** End (exclusive word index) of the capitalized chunk starting at `i`, or `i` when none starts there. */
function chunkFrom(words: Word[], i: number, sentenceStart: boolean, lex: NameLexicon): number {
  const w = words[i];
  let j = i;
  if (ORDINAL.test(w.text) && i + 1 < words.length && words[i + 1].sentence === w.sentence && nameLike(words[i + 1])) {
    j = i + 1;
  } else if (!nameLike(w)) return i;
  if (sentenceStart && w.pos !== 'PROPN' && !lex.match([w.text], 0) && !lex.demonym(w.text) && !isTitleWord(w.text)) {
    return i;
  }
  j++;
  while (j < words.length && words[j].sentence === w.sentence) {
    const n = words[j];
    if (nameLike(n) || calendarInName(words, j)) {
      j++;
      continue;
    }
    if (CONNECTORS.has(n.text.toLowerCase()) && j + 1 < words.length && words[j + 1].sentence === w.sentence && nameLike(words[j + 1]) && n.text === n.text.toLowerCase()) {
      j += 2;
      continue;
    }
    break;
  }
  return j;
}

function titleFollows(words: Word[], a: number, b: number): boolean {
  for (let k = a; k < b - 1; k++) {
    if (isTitleWord(words[k].text)) return true;
    if (!TITLE_MODIFIERS.has(words[k].text.toLowerCase())) return false;
  }
  return false;
}

function titleBefore(words: Word[], start: number): boolean {
  const p = words[start - 1];
  return !!p && p.sentence === words[start].sentence && (isTitleWord(p.text) || HONORIFICS.has(p.text.toLowerCase()));
}

/** A demonym immediately followed by a capitalized non-title word is part of a longer name ("Russian Orthodox Church"). */
function demonymBeforeName(words: Word[], next: number, lex: NameLexicon): boolean {
  const n = words[next];
  return !!n && n.sentence === words[next - 1].sentence && nameLike(n) && !isTitleWord(n.text) && !lex.demonym(n.text);
}

/** Confidence of a lone unknown proper noun: dropped unless {@link lastNamePass} links it to a person. */
const TENTATIVE = 0.25;

const SPEECH_AFTER = new Set(['said', 'says', 'told', 'added', 'stated', 'declared', 'announced', 'wrote', 'tweeted']);

function classify(words: Word[], a: number, b: number, lex: NameLexicon, titled: boolean): { type: MentionType; confidence: number } | null {
  if (b <= a) return null;
  const texts = words.slice(a, b).map((w) => w.text);
  const lower = texts.map((t) => t.toLowerCase());
  const known = lex.match(texts, 0);
  if (known && known.length === texts.length) return { type: known.type, confidence: 0.9 };
  const last = lower[lower.length - 1];
  if (texts.length > 1 && LOC_HEADS.has(last)) return { type: 'LOC', confidence: 0.7 };
  if (lower.some((t, k) => ORG_HEADS.has(t) && (k > 0 || texts.length > 1))) return { type: 'ORG', confidence: 0.7 };
  if (texts.length === 1 && isAllCaps(texts[0]) && texts[0].replace(/[^\p{L}]/gu, '').length <= 8) {
    return { type: 'ORG', confidence: 0.6 };
  }
  if (texts.length === 1 && lex.demonym(texts[0])) return { type: 'NORP', confidence: 0.9 };
  if (texts.length > 1 && lex.demonym(texts[texts.length - 1]) && !titled) return { type: 'NORP', confidence: 0.6 };
  if (titled) return { type: 'PER', confidence: 0.8 };
  if (texts.length >= 2 && texts.length <= 4 && texts.every((t) => /^[\p{Lu}][\p{L}'’.-]*$/u.test(t))) {
    return { type: 'PER', confidence: 0.6 };
  }
  if (texts.length === 1) {
    if (/^[\p{L}]+-[\p{Lu}\d][\p{L}\d]*$/u.test(texts[0]) || /^[\p{Lu}][\p{L}]*-\d+/u.test(texts[0])) return { type: 'MISC', confidence: 0.5 };
    const next = words[b];
    if (next && next.sentence === words[a].sentence && SPEECH_AFTER.has(next.text.toLowerCase())) return { type: 'PER', confidence: 0.5 };
    // tentative: kept only if a later refiner finds it is a known person's surname
    if (words[a].pos === 'PROPN') return { type: 'MISC', confidence: TENTATIVE };
    return null;
  }
  return { type: 'MISC', confidence: 0.4 };
}

/**
 * Refiner: a lone capitalized word that is the last name of a person found elsewhere in the story,
 * in the same or another romanization ({@link sameName}: "Putin" after "Vladimir Putin",
 * "Lukashenko" after "Alyaksandr Lukashenka"), is that person, whatever the first pass said.
 */
function lastNamePass(found: Array<Omit<Mention, 'id'>>): Mention[] {
  const surnames: string[] = [];
  for (const m of found) {
    if (m.type !== 'PER') continue;
    const parts = m.text.split(/\s+/);
    if (parts.length >= 2) surnames.push(parts[parts.length - 1]);
  }
  const out: Mention[] = [];
  let n = 0;
  for (const m of found) {
    let type = m.type;
    const linked = (type === 'MISC' || type === 'PER') && !m.text.includes(' ') && surnames.some((s) => sameName(s, m.text));
    if (linked) type = 'PER';
    else if (m.confidence === TENTATIVE) continue;
    out.push({ ...m, type, confidence: linked ? Math.max(m.confidence ?? 0, 0.6) : m.confidence, id: `m${++n}` });
  }
  return out;
}

/** The `mentions` stage: named-entity mentions (PER, LOC, ORG, NORP, MISC) from gazetteers and rules. */
export const mentionsStage: Stage = {
  name: 'mentions',
  requires: ['tokens', 'sentences'],
  provides: ['mentions'],
  run(doc: Doc, ctx: Context) {
    doc.mentions = recognize(doc, nameLexicon(ctx));
  },
};
