/**
 * Quotations and their speakers (attribution: source, cue, content — the three parts of the
 * PolNeAR / PARC attribution scheme).
 *
 * Direct quotes are spans between double quotation marks (straight `"` or curly `“ ”`); a quote
 * left open at the end of a paragraph ends there (the news convention for a quote that runs on into
 * the next paragraph, which then opens with a new mark). Indirect (reported) quotes are the
 * clauses reported by a speech verb: "X said (that) …", "X told Y that …", "…, X said.",
 * "according to X, …".
 *
 * Speakers come from the speech cue next to the quote: after it ("…," said X / "…," X added),
 * before it (X, a regional official, said: "…" / X was quoted by Y as saying "…"). Pronoun speakers
 * ("he added") take the entity the `coref` stage links the pronoun to (`antecedentOf`); when it links
 * none, they are resolved to the nearest preceding person mention in the paragraph, else to the
 * speaker of the previous quote in the same or the preceding paragraph, else to the nearest
 * preceding person mention. Quotation marks around a nickname, a title or a scare-quoted word are
 * not quotes: content of fewer than 4 words without a verb, title-case content, or verbless content
 * with no speech cue is dropped.
 *
 * All offsets are UTF-16 code units into `doc.text`. Linear in the number of tokens, apart from a
 * bounded look-around (≤ 20 tokens) at each cue.
 */
import type { Doc, Mention, Quote, Token } from '../doc/types.js';
import { firstStartingAt } from '../doc/types.js';
import type { Context } from '../context.js';
import type { Stage } from '../stage.js';
import { antecedentOf } from '../link/coref.js';

/** Surface forms (lower case) of verbs that introduce speech next to a direct quote. */
const SPEECH_FORMS = new Set(
  (
    'say says said saying tell tells told telling add adds added adding state states stated ' +
    'announce announces announced claim claims claimed insist insists insisted note notes noted ' +
    'explain explains explained warn warns warned declare declares declared stress stresses stressed ' +
    'reply replies replied write writes wrote tweet tweets tweeted comment comments commented ' +
    'argue argues argued confirm confirms confirmed acknowledge acknowledges acknowledged assert ' +
    'asserts asserted remark remarks remarked recall recalls recalled complain complains complained ' +
    'predict predicts predicted promise promises promised vow vows vowed suggest suggests suggested ' +
    'urge urges urged admit admits admitted deny denies denied ask asks asked continue continued ' +
    'continues says. exclaimed shouted whispered'
  ).split(/\s+/),
);

/** Speech verbs that report a clause (indirect speech): a subset of {@link SPEECH_FORMS}. */
const INDIRECT_FORMS = new Set(
  (
    'say says said tell tells told add adds added state states stated announce announces announced ' +
    'claim claims claimed insist insists insisted note notes noted explain explains explained warn ' +
    'warns warned declare declares declared stress stresses stressed argue argues argued confirm ' +
    'confirms confirmed acknowledge acknowledges acknowledged assert asserts asserted predict predicts ' +
    'predicted promise promises promised vow vows vowed admit admits admitted saying'
  ).split(/\s+/),
);

/**
 * Verbs that report a clause only with an explicit "that" ("a study found that …", "she believes
 * that …"): reports, writings and stated beliefs, attributions in the PARC/PolNeAR sense.
 */
const THAT_FORMS = new Set(
  (
    'report reports reported write writes wrote tweet tweets tweeted suggest suggests suggested believe believes believed ' +
    'think thinks thought find finds found show shows showed shown conclude concludes concluded contend contends contended ' +
    'maintain maintains maintained allege alleges alleged indicate indicates indicated reveal reveals revealed ' +
    'signal signals signaled signalled testify testifies testified concede concedes conceded'
  ).split(/\s+/),
);

const TELL_FORMS = new Set(['tell', 'tells', 'told', 'telling']);
/** Speech verbs whose object may be followed by a wh-clause as the content ("told reporters how …"). */
const WH_AFTER = new Set(['tell', 'tells', 'told', 'telling', 'explain', 'explains', 'explained']);
/** Words skipped between a subject and its speech verb ("X also said", "X has said"). */
const SKIP_BEFORE_VERB = new Set(
  'also has have had was were is are will would later then again further reportedly previously repeatedly earlier once had,'.split(
    ' ',
  ),
);
const PERSONAL = new Set(['he', 'she', 'him', 'her']);
const PLURAL = new Set(['they', 'we']);
const QUOTE_CHARS = /["“”„‟«»]/g;
const CLAUSE_START_POS = new Set(['PRON', 'DET', 'PROPN', 'NOUN', 'NUM', 'ADJ', 'ADV']);
const NP_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'DET', 'NUM', 'PART']);
const SMALL_WORDS = new Set(['of', 'the', 'a', 'an', 'and', 'in', 'on', 'for', 'to', 'at', 'by', 'with', 'or', 'from']);
const PARA_RE = /\n[ \t]*\n\s*/g;
const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

interface Speaker {
  text: string;
  entityId?: string;
  start?: number;
  end?: number;
  /** Pronoun to resolve after all quotes are known. */
  pronoun?: string;
}

interface Pair {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or the paragraph end when left open. */
  close: number;
  closed: boolean;
  paragraph: number;
  /** True when the paragraph starts with this mark. */
  paraStart: boolean;
}

/** Per-document working state shared by the helpers. */
class Work {
  readonly toks: Token[];
  readonly tokMention: Int32Array;
  readonly mentions: Mention[];
  readonly paraStarts: number[] = [];
  /** `doc.text` with each two-apostrophe mark '' written as `" ` (same length): pairs marks alike. */
  readonly markText: string;
  constructor(readonly doc: Doc) {
    this.markText = doc.text.includes("''") ? doc.text.replace(/''/g, '" ') : doc.text;
    this.toks = doc.tokens;
    this.mentions = [...doc.mentions].sort((a, b) => a.start - b.start);
    this.tokMention = new Int32Array(this.toks.length).fill(-1);
    let m = 0;
    for (let i = 0; i < this.toks.length; i++) {
      const t = this.toks[i];
      while (m < this.mentions.length && this.mentions[m].end <= t.start) m++;
      for (let k = m; k < this.mentions.length && this.mentions[k].start < t.end; k++) {
        if (this.mentions[k].start <= t.start && this.mentions[k].end >= t.end) {
          this.tokMention[i] = k;
          break;
        }
      }
    }
    PARA_RE.lastIndex = 0;
    this.paraStarts.push(0);
    for (let p = PARA_RE.exec(doc.text); p; p = PARA_RE.exec(doc.text)) this.paraStarts.push(p.index + p[0].length);
  }
  /** Index of the first token starting at or after `offset`. */
  tokenFrom(offset: number): number {
    return firstStartingAt(this.toks, offset);
  }
  paragraphOf(offset: number): number {
    let lo = 0;
    let hi = this.paraStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.paraStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  paragraphEnd(p: number): number {
    if (p + 1 < this.paraStarts.length) {
      let e = this.paraStarts[p + 1];
      while (e > 0 && /\s/.test(this.doc.text[e - 1])) e--;
      return e;
    }
    return this.doc.text.length;
  }
  lower(i: number): string {
    return this.toks[i]?.text.toLowerCase() ?? '';
  }
  isQuoteMark(i: number): boolean {
    const t = this.toks[i];
    if (!t) return false;
    if (/^(?:["“”„‟«»]+|'')$/.test(t.text)) return true;
    // two apostrophes as a double quotation mark (''…'', as some newspapers print it)
    if (t.text !== "'") return false;
    const p = this.toks[i - 1];
    const n = this.toks[i + 1];
    return (!!p && p.text === "'" && p.end === t.start) || (!!n && n.text === "'" && n.start === t.end);
  }
  isSentenceEnd(i: number): boolean {
    const t = this.toks[i];
    return !!t && /^[.!?;]+$/.test(t.text);
  }
}

/** Pair quotation marks paragraph by paragraph. */
function pairQuotes(w: Work): Pair[] {
  const text = w.markText;
  const pairs: Pair[] = [];
  for (let p = 0; p < w.paraStarts.length; p++) {
    const ps = w.paraStarts[p];
    const pe = w.paragraphEnd(p);
    let open = -1;
    for (let i = ps; i < pe; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x201c /* “ */) {
        // A new opening mark while one is open: the open quote ran on without a closing mark.
        if (open >= 0 && i - open > 2) pairs.push({ open, close: i, closed: false, paragraph: p, paraStart: open === ps });
        open = i;
      } else if (c === 0x201d /* ” */) {
        if (open >= 0) pairs.push({ open, close: i, closed: true, paragraph: p, paraStart: open === ps });
        open = -1;
      } else if (c === 0x22 /* " */) {
        if (open >= 0 && /\s/.test(text[i - 1]) && /[\p{L}\p{N}‘'(]/u.test(text[i + 1] ?? '')) {
          // ` "We …` after an open quote: an opening mark (a quote continued without closing,
          // as when paragraph breaks were lost).
          pairs.push({ open, close: i, closed: false, paragraph: p, paraStart: open === ps });
          open = i;
        } else if (open >= 0) {
          pairs.push({ open, close: i, closed: true, paragraph: p, paraStart: open === ps });
          open = -1;
        } else open = i;
      }
    }
    if (open >= 0 && pe - open > 1) pairs.push({ open, close: pe, closed: false, paragraph: p, paraStart: open === ps });
  }
  return pairs;
}

/** Content words and verb presence of a span: decides names, titles and scare quotes. */
function looksLikeSpeech(w: Work, start: number, end: number, hasCue: boolean): boolean {
  const content = w.doc.text.slice(start, end);
  const words = content.match(WORD_RE) ?? [];
  if (words.length === 0) return false;
  let verb = false;
  for (let i = w.tokenFrom(start); i < w.toks.length && w.toks[i].start < end; i++) {
    const pos = w.toks[i].pos;
    if (pos === 'VERB' || pos === 'AUX') {
      verb = true;
      break;
    }
  }
  if (words.length < 4 && !verb) return false;
  // Title case without sentence punctuation: a title or a name ("Borders of Salt").
  if (!/[.!?,;:]/.test(content) && words.length <= 8) {
    const titled = words.every((x) => SMALL_WORDS.has(x.toLowerCase()) || /^[\p{Lu}\p{N}]/u.test(x));
    if (titled) return false;
  }
  if (!verb && !hasCue) return false;
  return true;
}

/** The noun phrase (or mention, or pronoun) that ends at token `j`, as a speaker. */
function npEndingAt(w: Work, j: number, minTok: number): Speaker | null {
  if (j < minTok || j < 0) return null;
  const t = w.toks[j];
  const mi = w.tokMention[j];
  if (mi >= 0) {
    const m = w.mentions[mi];
    // "officials in Astana", "a spokesman for the ministry": the head noun before the preposition speaks
    const mStart = w.tokenFrom(m.start);
    const prep = mStart - 1;
    if (prep - 1 >= minTok && /^(?:in|from|at|for|of)$/i.test(w.toks[prep]?.text ?? '') && (w.toks[prep - 1].pos === 'NOUN' || w.toks[prep - 1].pos === 'PROPN') && w.tokMention[prep - 1] < 0) {
      const head = npEndingAt(w, prep - 1, minTok);
      if (head && head.start !== undefined && !head.pronoun) return { text: w.doc.text.slice(head.start, m.end), start: head.start, end: m.end };
    }
    return { text: m.text, entityId: m.entityId, start: m.start, end: m.end };
  }
  const low = t.text.toLowerCase();
  if (t.pos === 'PRON') {
    if (PERSONAL.has(low) || PLURAL.has(low) || low === 'it' || low === 'i') {
      return { text: t.text, start: t.start, end: t.end, pronoun: low };
    }
    return null;
  }
  if (t.pos !== 'PROPN' && t.pos !== 'NOUN') return null;
  let s = j;
  while (s - 1 >= minTok && j - s < 6) {
    const prev = w.toks[s - 1];
    if (!NP_POS.has(prev.pos) && !(prev.pos === 'ADP' && prev.text.toLowerCase() === 'of')) break;
    if (prev.pos === 'PART' && !/^['’]s$/i.test(prev.text)) break;
    s--;
    if (prev.pos === 'DET') break;
  }
  return { text: w.doc.text.slice(w.toks[s].start, t.end), start: w.toks[s].start, end: t.end };
}

/** The subject of the speech verb at token `k`: skips adverbs/auxiliaries and one appositive. */
function subjectBefore(w: Work, k: number, minTok: number): Speaker | null {
  let j = k - 1;
  while (j >= minTok && SKIP_BEFORE_VERB.has(w.lower(j))) j--;
  if (j < minTok) return null;
  if (w.toks[j].text === ',') {
    // "X, a regional official, said": find the opening comma of the appositive.
    let c = j - 1;
    // (up to 30 tokens: "X, senior associate for education organizing at the Institute, said"; a
    // participle may occur in it, a finite verb may not)
    while (c >= minTok && j - c <= 30 && w.toks[c].text !== ',' && !w.isQuoteMark(c) && (w.toks[c].pos !== 'VERB' || /(?:ing|ed)$/i.test(w.toks[c].text)))
      c--;
    if (c < minTok || w.toks[c].text !== ',') return null;
    return npEndingAt(w, c - 1, minTok);
  }
  return npEndingAt(w, j, minTok);
}

/** The inverted speaker after a speech verb ("…," said the minister / said X, a spokesman). */
function speakerAfter(w: Work, k: number, maxEnd: number): Speaker | null {
  const first = k + 1;
  if (first >= w.toks.length || w.toks[first].start >= maxEnd) return null;
  const mi = w.tokMention[first];
  if (mi >= 0) {
    const m = w.mentions[mi];
    return { text: m.text, entityId: m.entityId, start: m.start, end: m.end };
  }
  const low = w.lower(first);
  if (w.toks[first].pos === 'PRON' && (PERSONAL.has(low) || PLURAL.has(low) || low === 'it')) {
    return { text: w.toks[first].text, start: w.toks[first].start, end: w.toks[first].end, pronoun: low };
  }
  let e = first;
  while (e < w.toks.length && e - first < 15 && w.toks[e].start < maxEnd) {
    const tx = w.toks[e].text;
    if (/^[.!?;,:]$/.test(tx)) break;
    e++;
  }
  if (e === first) return null;
  const start = w.toks[first].start;
  const end = w.toks[e - 1].end;
  const text = w.doc.text.slice(start, end).replace(QUOTE_CHARS, '').replace(/[\s.,]+$/, '').trim();
  if (!text || !/\p{L}/u.test(text)) return null;
  let entityId: string | undefined;
  for (let i = first; i < e; i++) {
    const mi2 = w.tokMention[i];
    if (mi2 >= 0 && (w.mentions[mi2].type === 'PER' || w.mentions[mi2].type === 'ORG')) entityId = w.mentions[mi2].entityId;
  }
  return { text, entityId, start, end };
}

/** A cue found next to a quote: the verb span and the speaker. */
interface Cue {
  start: number;
  end: number;
  speaker: Speaker;
  verbTok: number;
}

/** Resolve a cue whose verb is at token `k` (handles "was quoted … as saying"). */
function cueAt(w: Work, k: number, minTok: number): Cue | null {
  const low = w.lower(k);
  if (low === 'saying' && w.lower(k - 1) === 'as') {
    for (let q = k - 2; q >= minTok && k - q < 20; q--) {
      const l = w.lower(q);
      if (l === 'quoted' || l === 'cited') {
        const sp = subjectBefore(w, q, minTok);
        if (!sp) return null;
        return { start: w.toks[q].start, end: w.toks[k].end, speaker: sp, verbTok: k };
      }
    }
    return null;
  }
  const sp = subjectBefore(w, k, minTok);
  if (!sp) return null;
  return { start: w.toks[k].start, end: w.toks[k].end, speaker: sp, verbTok: k };
}

function isSpeechVerb(w: Work, i: number): boolean {
  const t = w.toks[i];
  if (!t || !SPEECH_FORMS.has(t.text.toLowerCase())) return false;
  return t.pos === 'VERB' || t.pos === 'AUX' || /^(said|says|told|added)$/i.test(t.text);
}

/** Cue right after the closing mark: "…," said X / "…," X said / "…," according to X. */
function cueAfter(w: Work, pair: Pair, content: string): Cue | null {
  const pe = w.paragraphEnd(pair.paragraph);
  let i = w.tokenFrom(pair.close + 1);
  if (i < w.toks.length && w.toks[i].text === ',') i++;
  if (i >= w.toks.length || w.toks[i].start >= pe) return null;
  const sentenceFinal = /[.]\s*$/.test(content);
  if (sentenceFinal && /^\p{Lu}/u.test(w.toks[i].text) && !isSpeechVerb(w, i)) {
    // A new sentence starts: only "X said." with nothing after counts.
  }
  if (w.lower(i) === 'according' && w.lower(i + 1) === 'to') {
    const sp = speakerAfter(w, i + 1, pe);
    return sp ? { start: w.toks[i].start, end: w.toks[i + 1].end, speaker: sp, verbTok: i + 1 } : null;
  }
  if (isSpeechVerb(w, i)) {
    const sp = speakerAfter(w, i, pe);
    return sp ? { start: w.toks[i].start, end: w.toks[i].end, speaker: sp, verbTok: i } : null;
  }
  const first = i;
  for (let k = i + 1; k < w.toks.length && k - first <= 16 && w.toks[k].start < pe; k++) {
    if (w.isQuoteMark(k) || w.isSentenceEnd(k)) return null;
    const pos = w.toks[k].pos;
    if (isSpeechVerb(w, k)) {
      // The verb must not introduce the next quote ("X said: …").
      if (w.toks[k + 1]?.text === ':') return null;
      if (sentenceFinal && /^\p{Lu}/u.test(w.toks[first].text) && w.tokMention[first] < 0 && w.toks[first].pos !== 'PRON') {
        // e.g. `"…." The minister said the plan …`: a new sentence, not an attribution.
        if (!w.isSentenceEnd(k + 1)) return null;
      }
      const c = cueAt(w, k, first);
      if (!c || c.speaker.start === undefined || c.speaker.start > w.toks[first].end + 1) {
        // The subject must start right after the quote (allowing an appositive).
        if (!c) return null;
      }
      return c;
    }
    if (pos === 'VERB') return null;
  }
  return null;
}

/** A transcript speaker label at the start of a quote: one to three capitalised words and a colon. */
const TRANSCRIPT_LABEL = /^([A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,2}):\s+/;
/** Capitalised words that start a quote with a colon without naming a speaker. */
const NOT_SPEAKER_LABEL = new Set(['NOTE', 'UPDATE', 'PS', 'BREAKING', 'WARNING', 'EDITOR', 'Q', 'A', 'FACT', 'TRUE', 'FALSE']);

/** Most tokens searched back from an opening quote mark for its cue. */
const MAX_CUE_BACK = 200;

/** Cue before the opening mark in the same sentence (or a preceding "…:" sentence). */
function cueBefore(w: Work, pair: Pair, used: Set<number>): Cue | null {
  const ps = w.paraStarts[pair.paragraph];
  const first = w.tokenFrom(pair.open);
  const sIdx = w.toks[first]?.sentence ?? w.toks[first - 1]?.sentence;
  let minTok = first;
  // at most MAX_CUE_BACK tokens back: a cue is near its quote, and an unbounded walk is quadratic
  // in a hostile sentence of thousands of quote marks
  while (minTok > 0 && first - minTok < MAX_CUE_BACK && w.toks[minTok - 1].sentence === sIdx && w.toks[minTok - 1].start >= ps) minTok--;
  // A direct quote closing earlier in the sentence bounds the search ("…," he said, "…").
  const search = (lo: number, hi: number): Cue | null => {
    for (let k = hi - 1; k >= lo; k--) {
      if (w.isQuoteMark(k)) return null;
      if (w.lower(k) === 'according' && w.lower(k + 1) === 'to') {
        const sp = speakerAfter(w, k + 1, w.toks[first]?.start ?? ps);
        if (sp) return { start: w.toks[k].start, end: w.toks[k + 1].end, speaker: sp, verbTok: k + 1 };
      }
      if (isSpeechVerb(w, k) && !used.has(k)) {
        const c = cueAt(w, k, lo);
        if (c) return c;
      }
    }
    return null;
  };
  let c = search(minTok, first);
  if (c) return c;
  // "X said:" ending the previous sentence, or the previous paragraph ("He said:¶"…"").
  let before = w.doc.text.slice(Math.max(ps, pair.open - 3), pair.open);
  if (!before.trim() && pair.open === ps && pair.paragraph > 0) before = w.doc.text.slice(Math.max(0, w.paragraphEnd(pair.paragraph - 1) - 2), w.paragraphEnd(pair.paragraph - 1));
  if (/:\s*$/.test(before) && minTok > 0) {
    const prevS = w.toks[minTok - 1].sentence;
    let lo = minTok - 1;
    while (lo > 0 && minTok - lo < MAX_CUE_BACK && w.toks[lo - 1].sentence === prevS) lo--;
    c = search(lo, minTok);
  }
  return c;
}

/** Previous-sentence-free pronoun resolution: see the module docstring. */
function resolvePronoun(
  w: Work,
  sp: Speaker,
  at: number,
  prev: Quote | undefined,
  prevPara: number,
  quoteSpans: Array<[number, number]>,
  entityNames: Map<string, string>,
): Speaker {
  const pro = sp.pronoun;
  if (!pro) return sp;
  const para = w.paragraphOf(at);
  const paraStart = w.paraStarts[para];
  const want = PERSONAL.has(pro) ? 'PER' : pro === 'it' ? 'ORG' : '';
  const inQuote = (m: Mention) => quoteSpans.some(([s, e]) => m.start >= s && m.end <= e);
  const nearest = (lo: number): Mention | undefined => {
    for (let i = w.mentions.length - 1; i >= 0; i--) {
      const m = w.mentions[i];
      if (m.end > at) continue;
      if (m.start < lo) return undefined;
      if (m.type === want && !inQuote(m)) return m;
    }
    return undefined;
  };
  const from = (m: Mention): Speaker => ({
    text: (m.entityId && entityNames.get(m.entityId)) || m.text,
    entityId: m.entityId,
    start: sp.start,
    end: sp.end,
  });
  const near = want ? nearest(paraStart) : undefined;
  const prevSpeaker = prev && prevPara >= para - 1 ? prev.speaker : undefined;
  // the coref stage's antecedent chooses between the two news conventions below (the nearest
  // person in the paragraph; the previous quote's speaker) when it is one of them, and stands alone
  // when neither exists; an antecedent that is neither is not taken (on BBC stories those were
  // mostly salient non-speakers or organisations typed as persons)
  const e = sp.start !== undefined ? antecedentOf(w.doc, sp.start) : undefined;
  if (e && (e.id === near?.entityId || e.id === prevSpeaker?.entityId || (!near && !prevSpeaker?.text))) {
    return { text: e.name, entityId: e.id, start: sp.start, end: sp.end };
  }
  if (near) return from(near);
  if (prev && prevPara >= para - 1 && (!want || want === 'PER' || prev.speaker.entityId)) {
    return { text: prev.speaker.text, entityId: prev.speaker.entityId, start: sp.start, end: sp.end };
  }
  if (want) {
    const m = nearest(0);
    if (m) return from(m);
  }
  return { text: sp.text, start: sp.start, end: sp.end };
}

/** Indirect quotes of one sentence (token range `[lo, hi)`). */
function indirectIn(w: Work, lo: number, hi: number, used: Set<number>, out: Array<{ q: Quote; sp: Speaker }>): void {
  const text = w.doc.text;
  const hasVerbAfter = (i: number) => {
    for (let k = i; k < hi; k++) if (w.toks[k].pos === 'VERB' || w.toks[k].pos === 'AUX') return true;
    return false;
  };
  const quoteIn = (s: number, e: number) => {
    for (let k = s; k < e; k++) if (w.isQuoteMark(k)) return true;
    return false;
  };
  let sEnd = hi;
  while (sEnd > lo && /^[.!?]$/.test(w.toks[sEnd - 1].text)) sEnd--;
  // "according to X, …" and "…, according to X."
  for (let k = lo; k + 1 < hi; k++) {
    if (w.lower(k) !== 'according' || w.lower(k + 1) !== 'to') continue;
    let comma = k + 2;
    while (comma < hi && w.toks[comma].text !== ',') comma++;
    if (k === lo && comma < sEnd - 3) {
      const sp = speakerAfter(w, k + 1, w.toks[comma].start);
      if (sp && !quoteIn(comma + 1, sEnd))
        out.push(mk(w, comma + 1, sEnd, sp, k, k + 1, 0.7));
    } else if (k > lo + 3 && /^(?:,|—|–|-)$/.test(w.toks[k - 1].text) && comma >= sEnd) {
      const sp = speakerAfter(w, k + 1, w.toks[sEnd - 1].end);
      if (sp && !quoteIn(lo, k - 1)) out.push(mk(w, lo, k - 1, sp, k, k + 1, 0.7));
    }
  }
  for (let k = lo; k < hi; k++) {
    const low = w.lower(k);
    const weak = THAT_FORMS.has(low);
    if ((!INDIRECT_FORMS.has(low) && !weak) || used.has(k)) continue;
    if (!(w.toks[k].pos === 'VERB' || w.toks[k].pos === 'AUX' || /^(said|says|told|added)$/.test(low))) continue;
    const cue = cueAt(w, k, lo);
    if (!cue) continue;
    // Trailing cue: "…, the minister said."
    const subjTok = w.tokenFrom(cue.speaker.start ?? w.toks[k].start);
    if (k + 1 >= sEnd && subjTok - 1 > lo + 2 && w.toks[subjTok - 1].text === ',' && !quoteIn(lo, subjTok)) {
      out.push(mk(w, lo, subjTok - 1, cue.speaker, k, k, 0.7, cue));
      used.add(k);
      continue;
    }
    // Parenthetical cue: "Back home, Mr. Clarke said, he took aim at …": the sentence around it is
    // the content, as two parts with the same cue
    let pc = subjTok - 1; // the comma before the subject ("Mr." and other title words skipped)
    while (pc > lo && subjTok - pc <= 3 && w.toks[pc].text !== ',' && ['PROPN', 'NOUN', 'DET'].includes(w.toks[pc].pos)) pc--;
    if (k + 2 < sEnd && w.toks[k + 1].text === ',' && pc > lo + 1 && w.toks[pc].text === ',' && !quoteIn(lo, sEnd) && hasVerbAfter(k + 2)) {
      out.push(mk(w, lo, pc, cue.speaker, k, k, 0.65, cue));
      out.push(mk(w, k + 2, sEnd, cue.speaker, k, k, 0.65, cue));
      used.add(k);
      continue;
    }
    let j = k + 1;
    const limit = TELL_FORMS.has(low) ? 20 : 6;
    let that = -1;
    let wh = false;
    for (let x = j; x < hi && x - j < limit; x++) {
      if (w.lower(x) === 'that' && w.toks[x].pos !== 'DET') {
        that = x;
        break;
      }
      // "told reporters how …", "explained why …": the wh-clause is the content
      if (WH_AFTER.has(low) && x > j && /^(?:how|why|what|whether|when)$/.test(w.lower(x))) {
        that = x;
        wh = true;
        break;
      }
      if (w.toks[x].pos === 'VERB' || w.isQuoteMark(x) || w.toks[x].text === ':') break;
    }
    if (that >= 0) j = wh ? that : that + 1;
    else if (weak) continue;
    else if (TELL_FORMS.has(low)) {
      // "told reporters the plan …": skip a short object.
      let x = j;
      while (x < hi && x - j < 4 && (w.toks[x].pos === 'PROPN' || w.toks[x].pos === 'NOUN' || w.toks[x].pos === 'PRON' || w.toks[x].pos === 'DET')) x++;
      if (x === j || x - j > 3) continue;
      j = x;
    }
    if (j >= sEnd || !CLAUSE_START_POS.has(w.toks[j].pos) && that < 0) continue;
    if (!hasVerbAfter(j)) continue;
    // Stop at ", adding …" / ", saying …".
    let e = sEnd;
    for (let x = j + 1; x < sEnd; x++) {
      if (w.toks[x].text === ',' && /^(adding|saying|noting|warning|stressing)$/.test(w.lower(x + 1))) {
        e = x;
        break;
      }
    }
    if (quoteIn(j, e)) continue;
    if (e - j < 3) continue;
    out.push(mk(w, j, e, cue.speaker, k, k, 0.75, cue));
    used.add(k);
  }
  void text;
}

function mk(w: Work, a: number, b: number, sp: Speaker, ca: number, cb: number, conf: number, cue?: Cue): { q: Quote; sp: Speaker } {
  const start = w.toks[a].start;
  const end = w.toks[b - 1].end;
  const cs = cue ? cue.start : w.toks[ca].start;
  const ce = cue ? cue.end : w.toks[cb].end;
  return {
    q: {
      start,
      end,
      text: w.doc.text.slice(start, end),
      direct: false,
      speaker: { text: sp.text, entityId: sp.entityId, start: sp.start, end: sp.end },
      cue: { start: cs, end: ce, text: w.doc.text.slice(cs, ce) },
      stage: 'quotes',
      confidence: conf,
    },
    sp,
  };
}

/**
 * Find direct and indirect quotes in `doc` (needs `doc.tokens`; uses `doc.mentions`/`doc.entities`
 * when present to link speakers). Returns the quotes in text order; does not modify `doc`.
 *
 * Speaker: `speaker.text` is the speaker as printed ("Sharifzoda", "a street vendor who goes by the
 * name Sultan", quotation marks removed), except for pronoun speakers, whose `text` is the name of
 * the resolved antecedent (its entity's canonical name when linked) while `start`/`end` point at the
 * pronoun. `speaker.entityId` is the `Entity` id of the speaker's mention. An unattributed direct
 * quote keeps `speaker.text === ''` and a low confidence.
 */
export function findQuotes(doc: Doc): Quote[] {
  const w = new Work(doc);
  const text = doc.text;
  const entityNames = new Map<string, string>();
  for (const e of doc.entities) entityNames.set(e.id, e.name);
  const found: Array<{ q: Quote; sp: Speaker; para: number }> = [];
  const usedCues = new Set<number>();
  const directSpans: Array<[number, number]> = [];
  const mixedClauses: Array<{ q: Quote; sp: Speaker }> = [];
  let prevPair: Pair | undefined;
  for (const pair of pairQuotes(w)) {
    let s = pair.open + 1;
    let e = pair.close;
    // the second apostrophe of an opening '' is part of the mark
    if (text[pair.open] === "'" && text[s] === "'") s++;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    // A transcript turn: "WALLACE: Let's start …" — the capitalised label is the speaker, the colon the cue.
    const label = TRANSCRIPT_LABEL.exec(text.slice(s, Math.min(e, s + 40)));
    let labelCue: Cue | null = null;
    if (label && !NOT_SPEAKER_LABEL.has(label[1])) {
      const li = w.tokenFrom(s);
      const mi = w.tokMention[li];
      const colon = s + label[1].length;
      labelCue = { start: colon, end: colon + 1, speaker: { text: label[1], start: s, end: colon, ...(mi >= 0 ? { entityId: w.mentions[mi].entityId } : {}) }, verbTok: -1 };
      s += label[0].length;
    }
    const content = text.slice(s, e);
    let cue = labelCue ?? (pair.closed ? cueAfter(w, pair, content) : null);
    if (!cue) cue = cueBefore(w, pair, usedCues);
    let continuation = false;
    if (
      !cue &&
      prevPair &&
      !prevPair.closed &&
      ((pair.paraStart && prevPair.paragraph === pair.paragraph - 1) || prevPair.close === pair.open)
    )
      continuation = true;
    // A mixed quote: words of the reporter between the cue and the quoted fragment ("X said that
    // Clinton called it “the gold standard” of trade deals"): besides the quotation itself, the
    // reported clause that holds it is an indirect quote with the same cue (the attribution's content
    // in PARC/PolNeAR), from after the cue (and "that") to the end of the sentence.
    let clause: [number, number] | null = null;
    if (cue && !labelCue && cue.verbTok >= 0 && cue.end <= pair.open) {
      const open = w.tokenFrom(pair.open);
      let k = cue.verbTok + 1;
      while (k < open && /^(?:that|,|:)$/i.test(w.toks[k].text)) k++;
      // "told reporters, "…"": a comma or colon before the mark introduces a plain direct quote
      const before = w.toks[open - 1]?.text ?? '';
      if (k < open && open - k <= 40 && w.toks[k].sentence === w.toks[open]?.sentence && before !== ',' && before !== ':' && !w.isQuoteMark(open - 1)) {
        let last = open;
        while (last + 1 < w.toks.length && w.toks[last + 1].sentence === w.toks[open].sentence) last++;
        while (last > open && /^[.!?]$/.test(w.toks[last].text)) last--;
        let ce = Math.max(e, w.toks[last].end);
        if (/["“”]$/.test(text.slice(w.toks[k].start, ce)) && ce > pair.close) ce--;
        clause = [w.toks[k].start, ce];
      }
    }
    if (clause && cue) {
      const cq: Quote = {
        start: clause[0],
        end: clause[1],
        text: text.slice(clause[0], clause[1]),
        direct: false,
        speaker: { text: cue.speaker.text, entityId: cue.speaker.entityId, start: cue.speaker.start, end: cue.speaker.end },
        cue: { start: cue.start, end: cue.end, text: text.slice(cue.start, cue.end) },
        stage: 'quotes',
        confidence: 0.7,
      };
      mixedClauses.push({ q: cq, sp: cue.speaker });
    }
    if (!looksLikeSpeech(w, s, e, !!cue || continuation)) {
      if (clause && cue) usedCues.add(cue.verbTok);
      prevPair = pair;
      continue;
    }
    directSpans.push([pair.open, pair.close]);
    let sp: Speaker;
    let conf = 0.85;
    let inheritedCue: Quote['cue'];
    if (cue) {
      sp = cue.speaker;
      usedCues.add(cue.verbTok);
    } else if (found.length && (continuation || found[found.length - 1].para >= pair.paragraph - 1)) {
      // Same speaker as the previous quote (split quote or continuation), pronoun included; the
      // previous quote's cue attributes this part too (one attribution, as in PolNeAR/PARC).
      sp = { ...found[found.length - 1].sp };
      inheritedCue = found[found.length - 1].q.cue;
      conf = continuation ? 0.75 : 0.5;
    } else {
      sp = { text: '' };
      conf = 0.3;
    }
    const q: Quote = {
      start: s,
      end: e,
      text: content,
      direct: true,
      speaker: { text: sp.text, entityId: sp.entityId, start: sp.start, end: sp.end },
      stage: 'quotes',
      confidence: conf,
    };
    if (cue) q.cue = { start: cue.start, end: cue.end, text: text.slice(cue.start, cue.end) };
    else if (inheritedCue) q.cue = { ...inheritedCue };
    found.push({ q, sp, para: pair.paragraph });
    prevPair = pair;
  }
  // Indirect quotes, sentence by sentence, outside direct quotes.
  const indirect: Array<{ q: Quote; sp: Speaker }> = [];
  const insideDirect = new Uint8Array(text.length + 1);
  for (const [a, b] of directSpans) insideDirect.fill(1, a + 1, b);
  const inDirect = (off: number) => insideDirect[off] === 1;
  let lo = 0;
  for (let i = 1; i <= w.toks.length; i++) {
    if (i === w.toks.length || w.toks[i].sentence !== w.toks[lo].sentence) {
      // Skip tokens inside direct quotes by marking their speech verbs as used.
      for (let k = lo; k < i; k++) if (inDirect(w.toks[k].start)) usedCues.add(k);
      indirectIn(w, lo, i, usedCues, indirect);
      lo = i;
    }
  }
  const all = [...found.map(({ q, sp }) => ({ q, sp })), ...indirect, ...mixedClauses].sort((a, b) => a.q.start - b.q.start);
  // Resolve pronoun speakers in text order.
  let prev: Quote | undefined;
  let prevPara = -2;
  const out: Quote[] = [];
  for (const { q, sp } of all) {
    if (sp.pronoun) {
      const r = resolvePronoun(w, sp, sp.start ?? q.start, prev, prevPara, directSpans, entityNames);
      q.speaker = { text: r.text, entityId: r.entityId, start: r.start, end: r.end };
    } else if (!q.speaker.text && prev) {
      q.speaker = { text: prev.speaker.text, entityId: prev.speaker.entityId };
    }
    out.push(q);
    prev = q;
    prevPara = w.paragraphOf(q.start);
  }
  return out;
}

/** The `quotes` stage: fills `doc.quotes` (see {@link findQuotes}). */
export const quotesStage: Stage = {
  name: 'quotes',
  requires: ['sentences', 'tokens', 'mentions', 'entities', 'coref'],
  provides: ['quotes'],
  run(doc: Doc, _ctx: Context) {
    doc.quotes = findQuotes(doc);
  },
};
