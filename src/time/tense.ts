/**
 * Clause tense for temporal resolution: is the clause around a temporal expression in the past,
 * the present or the future? A bare month, weekday or month-day ("in February", "on Sunday",
 * "on March 21") resolves backwards in a past clause and forwards in a future one
 * (the tense heuristic of HeidelTime, Strötgen & Gertz 2013, and of TARSQI's GUTime).
 *
 * Works on tokens with UPOS tags (wink-nlp) or, without tags, on bare words: then only the
 * closed lists below (auxiliaries, irregular past forms, `-ed` forms) count as verbs.
 */

/** Tense of a clause as far as date resolution needs it. */
export type Tense = 'past' | 'present' | 'future';

/** A word of the text: offsets in UTF-16 code units, `w` lower-cased, `pos` a UPOS tag when known. */
export interface Word {
  start: number;
  end: number;
  w: string;
  pos?: string;
}

const FUTURE_AUX = new Set(['will', "'ll", '’ll', 'shall', 'wo', 'would', "'d", '’d']);
const PAST_AUX = new Set(['was', 'were', 'had', 'did']);
const PERFECT_AUX = new Set(['has', 'have']);
const PRESENT_AUX = new Set(['is', 'are', 'am', "'s", '’s', "'re", '’re', 'do', 'does', 'be', 'been', 'being']);
const MODALS = new Set(['can', 'could', 'may', 'might', 'must', 'should', 'ought']);
/** Words that, followed by "to", announce a planned or scheduled event ("is due to", "plans to"). */
const FUTURE_LEAD = new Set([
  'due', 'set', 'scheduled', 'slated', 'expected', 'going', 'poised', 'planning', 'plans', 'plan',
  'intends', 'intend', 'aims', 'aim', 'hopes', 'hope', 'expects', 'expect', 'wants', 'want',
  'likely', 'about', 'preparing', 'ready', 'promises', 'promise', 'vows', 'pledges', 'seeks',
]);
/**
 * Irregular English simple-past forms (a closed list from standard grammars; forms identical to
 * the present, such as "put", "cut", "read", are left out because they do not tell the tense).
 */
const IRREGULAR_PAST = new Set(
  (
    'said told met went came took gave made left began saw held won lost fell rose sent spent built ' +
    'brought bought thought found kept led paid ran sat stood struck spoke wrote became broke chose ' +
    'drove flew forgot got grew heard knew laid meant rang shot sold sought shook stole swore taught ' +
    'threw understood woke wore fought caught drew ate fled hung felt dealt lent slid sank sang swam ' +
    'withdrew overtook undertook forbade arose awoke bore beat bent bit bled blew bound bred clung ' +
    'crept dug dove fed forgave froze hid lit mistook overcame overthrew rode slept slew spun sprang ' +
    'stuck stung stank strove strode swept swung tore wept wound upheld withheld oversaw foresaw ' +
    'reiterated'
  ).split(' '),
);
/** Words ending in "-ed" that are not verb forms. */
const NOT_PAST_ED = new Set([
  'red', 'bed', 'need', 'feed', 'seed', 'speed', 'breed', 'greed', 'deed', 'weed', 'shed', 'fled',
  'hundred', 'indeed', 'united', 'sacred', 'naked', 'wicked', 'rugged', 'creed', 'steed', 'led',
  'proceed', 'succeed', 'exceed', 'embed', 'ahmed', 'mohammed', 'muhammed', 'ted', 'ned', 'fred',
]);

function isVerbLike(t: Word): boolean {
  if (t.pos) return t.pos === 'VERB' || t.pos === 'AUX';
  const w = t.w;
  return (
    FUTURE_AUX.has(w) || PAST_AUX.has(w) || PERFECT_AUX.has(w) || PRESENT_AUX.has(w) || MODALS.has(w) ||
    IRREGULAR_PAST.has(w) || (w.length > 4 && w.endsWith('ed') && !NOT_PAST_ED.has(w))
  );
}

function isAuxLike(t: Word): boolean {
  if (t.pos) return t.pos === 'AUX' || t.pos === 'PART' || t.pos === 'ADV';
  return FUTURE_AUX.has(t.w) || PAST_AUX.has(t.w) || PERFECT_AUX.has(t.w) || PRESENT_AUX.has(t.w) ||
    MODALS.has(t.w) || t.w === 'not' || t.w === "n't" || t.w === 'n’t' || t.w.endsWith('ly');
}

const BOUNDARY = new Set([',', ';', ':', '—', '–', '(', ')', '"', '“', '”']);

/**
 * Tense of the verb group at word index `v`: walks left over auxiliaries, negation and adverbs
 * to the finite head ("will be signed" → "will"), then reads the head's form.
 */
function groupTense(words: Word[], v: number, lo: number, hi: number): Tense | null {
  // "plans to meet", "is due to open": the lead word decides, unless its own group is past.
  if (v - 2 >= lo && words[v - 1].w === 'to' && FUTURE_LEAD.has(words[v - 2].w)) {
    const before = v - 3 >= lo ? words[v - 3].w : '';
    return PAST_AUX.has(before) ? 'past' : 'future';
  }
  let head = v;
  for (let i = v - 1; i >= lo && isAuxLike(words[i]); i--) {
    const w = words[i].w;
    if (words[i].pos ? words[i].pos === 'AUX' : FUTURE_AUX.has(w) || PAST_AUX.has(w) ||
      PERFECT_AUX.has(w) || PRESENT_AUX.has(w) || MODALS.has(w)) head = i;
  }
  const h = words[head].w;
  if (FUTURE_AUX.has(h)) return 'future';
  if (!PAST_AUX.has(h)) {
    for (let i = v; i <= Math.min(hi - 1, v + 3); i++) {
      if (FUTURE_LEAD.has(words[i].w) && words[i + 1].w === 'to') return 'future';
    }
  }
  // Non-finite groups do not carry tense: "to be rewriting", a bare gerund "shattering".
  if (head > lo && words[head - 1].w === 'to') return null;
  if (head === v && h.endsWith('ing') && (!words[v].pos || words[v].pos === 'VERB')) return null;
  if (PAST_AUX.has(h) || PERFECT_AUX.has(h) || IRREGULAR_PAST.has(h)) return 'past';
  if (h.length > 3 && h.endsWith('ed') && !NOT_PAST_ED.has(h)) return 'past';
  return 'present';
}

/**
 * First finite verb group met scanning from `from` by `step` within [lo, hi]: its tense, or
 * null when there is none.
 */
function scan(words: Word[], from: number, step: 1 | -1, lo: number, hi: number): Tense | null {
  for (let i = from; i >= lo && i <= hi; i += step) {
    const t = words[i];
    const verb = isVerbLike(t) || (!t.pos && FUTURE_LEAD.has(t.w) && words[i + 1]?.w === 'to');
    if (!verb) continue;
    // Move to the last word of this verb group so a leftward scan sees the whole group.
    let v = i;
    if (step === -1) {
      const tense = groupTense(words, v, lo, hi);
      if (tense) return tense;
      while (i - 1 >= lo && isAuxLike(words[i - 1])) i--;
      continue;
    }
    while (v + 1 <= hi && (isVerbLike(words[v + 1]) || (words[v + 1].pos === 'PART' && words[v + 1].w !== 'to'))) v++;
    const tense = groupTense(words, v, lo, hi);
    if (tense) return tense;
    i = v;
  }
  return null;
}

/**
 * Tense of the clause around the expression that spans words [a, b] of the sentence [lo, hi]
 * (word indices, inclusive), or null when no verb is found.
 *
 * Order: the verb before the expression in its comma-delimited chunk, then the one after it in
 * the chunk; an expression in a sentence-initial chunk ("On July 29, Putin will leave") takes
 * the first verb after it; otherwise the nearest verb before it in the sentence, then after.
 */
export function clauseTense(words: Word[], a: number, b: number, lo: number, hi: number): Tense | null {
  if (lo > hi || a < lo) return null;
  let cLo = a;
  while (cLo > lo && !BOUNDARY.has(words[cLo - 1].w)) cLo--;
  let cHi = b;
  while (cHi < hi && !BOUNDARY.has(words[cHi + 1].w)) cHi++;
  return scan(words, a - 1, -1, cLo, cHi) ??
    scan(words, b + 1, 1, cLo, cHi) ??
    (cLo === lo ? scan(words, cHi + 1, 1, lo, hi) : null) ??
    scan(words, cLo - 1, -1, lo, hi) ??
    scan(words, cHi + 1, 1, lo, hi);
}
