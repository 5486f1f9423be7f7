import type { Doc, Mention, MentionType } from '../doc/types.js';
import type { Context } from '../context.js';
import type { Stage } from '../stage.js';
import { toWords, isCapitalized, isAllCaps, type Word } from './words.js';
import { isTitleWord, TITLE_MODIFIERS, HONORIFICS, ORG_HEADS, LOC_HEADS, CALENDAR_WORDS } from './titles.js';
import { nameLexicon, type NameLexicon } from './lexicon.js';

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
    const known = lex.match(texts, i);
    const chunkEnd = chunkFrom(words, i, sentenceStart, lex);
    if (known && known.length >= chunkEnd - i && allNameLike(words, i, i + known.length)) {
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
    while (k < chunkEnd - 1 && (isTitleWord(words[k].text) || TITLE_MODIFIERS.has(words[k].text.toLowerCase()))) {
      if (isTitleWord(words[k].text)) sawTitle = true;
      k++;
    }
    if (!sawTitle) k = demonymAt >= 0 && chunkEnd - i > 1 && titleFollows(words, i + 1, chunkEnd) ? k : i;
    if (sawTitle && demonymAt >= 0) out.push(mk(doc.text, words, demonymAt, demonymAt + 1, 'NORP', 0.9));
    const start = sawTitle ? k : i;
    const type = classify(words, start, chunkEnd, lex, sawTitle || titleBefore(words, start));
    if (type) out.push(mk(doc.text, words, start, chunkEnd, type.type, type.confidence));
    i = chunkEnd;
  }
  return lastNamePass(doc.text, words, out);
}

function mk(text: string, words: Word[], a: number, b: number, type: MentionType, confidence: number): Omit<Mention, 'id'> {
  const start = words[a].start;
  const end = words[b - 1].end;
  return { start, end, text: text.slice(start, end), type, stage: 'mentions', confidence };
}

const CONNECTORS = new Set(['of', 'for', 'de', 'del', 'la', 'le', 'al', 'bin', 'ibn', 'von', 'van', 'der', 'da', 'do', 'dos']);
const ORDINAL = /^\d+(st|nd|rd|th)$/i;

function nameLike(w: Word): boolean {
  if (CALENDAR_WORDS.has(w.text.toLowerCase())) return false;
  return isCapitalized(w.text) && /\p{L}/u.test(w.text);
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
    if (nameLike(n)) {
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
    if (words[a].pos === 'PROPN') return { type: 'MISC', confidence: 0.3 };
    return null;
  }
  return { type: 'MISC', confidence: 0.4 };
}

/**
 * Refiner: a lone capitalized word equal to the last (or first) name of a person found elsewhere
 * in the story is that person ("Putin" after "Vladimir Putin"), whatever the first pass said.
 */
function lastNamePass(text: string, _words: Word[], found: Array<Omit<Mention, 'id'>>): Mention[] {
  const surnames = new Set<string>();
  for (const m of found) {
    if (m.type !== 'PER') continue;
    const parts = m.text.split(/\s+/);
    if (parts.length >= 2) surnames.add(parts[parts.length - 1].toLowerCase());
  }
  const out: Mention[] = [];
  let n = 0;
  for (const m of found) {
    let type = m.type;
    if (!m.text.includes(' ') && surnames.has(m.text.toLowerCase()) && type !== 'LOC') type = 'PER';
    out.push({ ...m, type, id: `m${++n}` });
  }
  void text;
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
