/**
 * The `coref` stage: pronouns and nominals (titles, definite descriptions) linked to the entities
 * they refer to, as a standoff layer `doc.coref` (offsets UTF-16 code units into `doc.text`).
 *
 * Names and their short forms are clustered by the `entities` stage; this stage adds the mentions
 * that do not name their referent. It is a small rule-based resolver after the Stanford multi-pass
 * sieve (Lee et al. 2013, "Deterministic coreference resolution based on entity-centric,
 * precision-ranked rules") with the salience weights of Lappin & Leass (1994):
 *
 * 1. **Appositive and predicate nominative** (sieve 2 of Lee et al.): "Emomali Rahmon, his Tajik
 *    counterpart", "his Tajik counterpart, Emomali Rahmon", "X is the new president".
 * 2. **Title match** (a strict head match of Lee et al.'s sieves 5–7 against the role the `entities`
 *    stage found): "the Russian president" → the entity whose role title is "president" and whose
 *    role country (or actor code) is Russia; "his Tajik counterpart" → a person of Tajikistan;
 *    "the president" → the most salient entity with that role title; "the country", "the company",
 *    "the group" → the most salient entity of that kind in the last two sentences.
 * 3. **Pronouns** (sieve 10): he/him/his/himself, she/her/hers/herself, it/its/itself,
 *    they/them/their/theirs/themselves. Candidates are the entities mentioned in the same sentence
 *    before the pronoun and in the four sentences before it, across paragraph breaks, and compete
 *    with unnamed noun phrases ("the treatment", "the officials"), which take the pronoun without
 *    linking it to any entity. Constraints: number, animacy (he/she → a person; it → not a person;
 *    they → an organization, a group of people or a plural noun), gender (known from honorifics,
 *    gendered titles and nouns, Slavic female surnames in -ova/-eva/-ina/-aya, and earlier
 *    pronouns; there is no first-name list in `../shared/`), binding (an object pronoun is not the
 *    subject of its own clause), and pleonastic "it" ("it is likely that …") left alone. Salience:
 *    each earlier mention adds 100 (recency) + 80 (subject) + 80 (not a possessor) + 50 (not in a
 *    prepositional phrase), halved for each sentence back; +35 when both are subjects (parallelism);
 *    +50 when the entity's gender is known to agree.
 *
 * Links are entity-centric: a resolved pronoun or nominal becomes a mention of its entity, so a
 * later pronoun can resolve through it ("Putin … he … his").
 */
import type { CorefMention, Doc, Entity, Mention, MentionType } from '../doc/types.js';
import { firstStartingAt } from '../doc/types.js';
import type { Context } from '../context.js';
import type { Stage } from '../stage.js';
import { isTitleWord, TITLE_MODIFIERS, ORG_HEADS, LOC_HEADS } from '../nlp/titles.js';
import { nameLexicon, type NameLexicon } from '../nlp/lexicon.js';

/** Third-person personal, possessive and reflexive pronouns (lower case). */
export const THIRD_PERSON: ReadonlySet<string> = new Set([
  'he', 'him', 'his', 'himself', 'she', 'her', 'hers', 'herself', 'it', 'its', 'itself', 'they', 'them', 'their', 'theirs', 'themselves',
]);

const MASC_PRO = new Set(['he', 'him', 'his', 'himself']);
const FEM_PRO = new Set(['she', 'her', 'hers', 'herself']);
const NEUT_PRO = new Set(['it', 'its', 'itself']);
const PLUR_PRO = new Set(['they', 'them', 'their', 'theirs', 'themselves']);
const REFLEXIVE = new Set(['himself', 'herself', 'itself', 'themselves']);

/** Gender of a person: masculine or feminine. */
type Gender = 'm' | 'f';

/** Honorifics and titles that give a person's gender. */
const GENDER_WORDS: ReadonlyMap<string, Gender> = new Map([
  ...['mr', 'mr.', 'sir', 'lord', 'king', 'prince', 'emir', 'sheikh', 'sultan', 'shah', 'emperor', 'pope', 'spokesman', 'chairman', 'congressman', 'businessman', 'man', 'boy', 'father', 'son', 'brother', 'husband', 'uncle', 'grandfather', 'nephew', 'actor', 'monk', 'bishop', 'archbishop', 'cardinal', 'imam', 'rabbi', 'ayatollah', 'patriarch', 'gentleman', 'fiance', 'widower', 'boyfriend', 'policeman', 'fisherman', 'countryman', 'statesman', 'sportsman']
    .map((w): [string, Gender] => [w, 'm']),
  ...['mrs', 'mrs.', 'ms', 'ms.', 'miss', 'lady', 'dame', 'queen', 'princess', 'empress', 'spokeswoman', 'chairwoman', 'congresswoman', 'businesswoman', 'woman', 'girl', 'mother', 'daughter', 'sister', 'wife', 'aunt', 'grandmother', 'niece', 'actress', 'nun', 'widow', 'fiancee', 'girlfriend', 'policewoman', 'sportswoman', 'heiress', 'duchess', 'countess']
    .map((w): [string, Gender] => [w, 'f']),
]);

/** Common nouns that name people ("the man", "the victim"): animate distractors for he/she/they. */
const PERSON_NOUNS = new Set([
  'man', 'woman', 'boy', 'girl', 'child', 'baby', 'son', 'daughter', 'wife', 'husband', 'mother', 'father', 'brother', 'sister',
  'parent', 'friend', 'victim', 'suspect', 'witness', 'doctor', 'teacher', 'student', 'soldier', 'driver', 'worker', 'resident',
  'citizen', 'person', 'people', 'author', 'writer', 'artist', 'owner', 'member', 'leader', 'farmer', 'lawyer', 'patient', 'nurse',
  'scientist', 'researcher', 'reporter', 'fan', 'user', 'customer', 'passenger', 'pilot', 'officer', 'police', 'official', 'voter',
  'protester', 'demonstrator', 'migrant', 'refugee', 'fighter', 'militant', 'rebel', 'troop', 'gunman', 'attacker', 'prisoner',
  'detainee', 'hostage', 'family', 'couple', 'crowd', 'team', 'player', 'neighbour', 'neighbor', 'colleague', 'partner', 'guest',
  'visitor', 'tourist', 'employee', 'staff', 'expert', 'critic', 'supporter', 'opponent', 'rival', 'winner', 'candidate', 'individual',
]);

/** Nouns that are plural in form though they end in no -s ("police", "people"). */
const PLURAL_NOUNS = new Set(['people', 'police', 'children', 'men', 'women', 'staff', 'media', 'troops', 'personnel', 'clergy', 'youth']);

/** Heads of nominals that refer to a non-person entity, with the entity type they take. */
const KIND_HEADS: ReadonlyMap<string, 'country' | 'city' | 'ORG'> = new Map([
  ['country', 'country'], ['nation', 'country'], ['republic', 'country'], ['kingdom', 'country'],
  ['city', 'city'], ['capital', 'city'], ['town', 'city'],
  ['company', 'ORG'], ['firm', 'ORG'], ['organization', 'ORG'], ['organisation', 'ORG'], ['group', 'ORG'], ['alliance', 'ORG'],
  ['bloc', 'ORG'], ['party', 'ORG'], ['agency', 'ORG'], ['bank', 'ORG'], ['club', 'ORG'], ['union', 'ORG'], ['body', 'ORG'],
  ['carrier', 'ORG'], ['airline', 'ORG'], ['broadcaster', 'ORG'], ['network', 'ORG'], ['newspaper', 'ORG'], ['retailer', 'ORG'],
  ['manufacturer', 'ORG'], ['maker', 'ORG'], ['giant', 'ORG'], ['militia', 'ORG'], ['movement', 'ORG'],
]);

/** Determiners and possessives that open a definite nominal. */
const NOMINAL_OPENERS = new Set(['the', 'this', 'that', 'his', 'her', 'its', 'their']);

/** Verbs of a predicate nominative ("X is the president"). */
const COPULAS = new Set(['is', 'was', 'became', 'becomes', 'remains', 'remained', "'s", '’s']);

/** Speech verbs (a mention next to one is a speaker). */
const SPEECH = /^(?:said|says|say|told|tells|added|adds|explained|explains|noted|notes|claimed|claims|stated|states|wrote|writes|asked|asks|recalled|recalls|argued|argues|insisted|insists|according)$/;

/** First-person pronouns: a quotation holding one is direct speech. */
const FIRST_PERSON = /^(?:i|me|my|mine|myself|we|us|our|ours|ourselves)$/;

/** Tokens that end a clause for the binding constraint. */
const CLAUSE_BREAK = /^(?:,|;|:|--|—|–|"|“|”|that|who|which|whom|and|but|or|because|while|when|after|before|if|as)$/i;

/** A mention in the discourse model: a name, a resolved nominal or pronoun, or an unnamed noun phrase. */
interface Ref {
  /** Candidate key: an entity id, or `n:<lemma>` for an unnamed noun phrase. */
  key: string;
  /** Token index of the mention's first and last token. */
  first: number;
  last: number;
  sentence: number;
  subject: boolean;
  inPP: boolean;
  possessive: boolean;
  /** The mention is the speaker of a speech verb next to it ("Wilkins said", "said Wilkins"). */
  speaker: boolean;
  /** Id of the Mention or CorefMention. */
  id?: string;
}

/** What a candidate is: an entity, or an unnamed noun phrase. */
interface Cand {
  key: string;
  entity?: Entity;
  type: MentionType | 'NOUN';
  plural: boolean;
  animate: boolean;
  gender?: Gender;
  /** For an entity: a country (3 letters of its actor code, or its role country). */
  country?: string;
  refs: Ref[];
}

/** Per-document working state. */
interface Work {
  doc: Doc;
  low: string[];
  pos: string[];
  sent: number[];
  /** Index into doc.mentions of the name mention covering each token, or -1. */
  mentionAt: Int32Array;
  cands: Map<string, Cand>;
  /** Candidates with a mention in the last few sentences (pruned as the pass moves on). */
  active: Set<Cand>;
  /** Per sentence: index of its first verb or auxiliary token (Infinity when none). */
  firstVerb: number[];
  /** Candidates that are entities. */
  entityCands: Cand[];
  out: CorefMention[];
  lex: NameLexicon;
  /** Name mentions taken as another entity's surname ("Paris" typed LOC for "Valeska Paris"): mention index → PER entity id. */
  alias: Map<number, string>;
  /** Per token: 0 outside quotation marks, else 1 + the index of the quotation. */
  quote: Int32Array;
  /** Per quotation: true when it speaks in the first person ("I", "we"): direct speech. */
  firstPerson: boolean[];
  /** Per quotation: the entity id of its speaker, when a full-clause quotation has a named one. */
  quoteSpeaker: Array<string | undefined>;
}

/** Lower-case lemma of a noun token: the tagger's lemma, else a crude singular. */
function lemmaOf(w: Work, i: number): string {
  const t = w.doc.tokens[i];
  const l = (t.lemma ?? t.text).toLowerCase();
  return l;
}

function isPluralNoun(w: Work, i: number): boolean {
  const low = w.low[i];
  if (PLURAL_NOUNS.has(low)) return true;
  return /[^s]s$/.test(low) && lemmaOf(w, i) !== low;
}

/** True when the noun phrase whose first token is `first` is in a prepositional phrase. */
function inPP(w: Work, first: number): boolean {
  let k = first - 1;
  while (k >= 0 && w.sent[k] === w.sent[first] && (w.pos[k] === 'DET' || w.pos[k] === 'ADJ' || w.pos[k] === 'NUM')) k--;
  return k >= 0 && w.sent[k] === w.sent[first] && w.pos[k] === 'ADP' && w.low[k] !== "'s";
}

const isVerb = (w: Work, i: number) => w.pos[i] === 'VERB' || w.pos[i] === 'AUX';

/** A subject: followed by a verb (over adverbs), or before the sentence's first verb and not in a PP. */
function isSubject(w: Work, first: number, last: number): boolean {
  let k = last + 1;
  while (k < w.low.length && w.sent[k] === w.sent[last] && w.pos[k] === 'ADV') k++;
  if (k < w.low.length && w.sent[k] === w.sent[last] && isVerb(w, k) && w.low[k] !== "'s") return true;
  if (inPP(w, first)) return false;
  if (w.firstVerb[w.sent[first]] < first) return false;
  return !(k < w.low.length && w.low[k] === "'s");
}

function addRef(w: Work, cand: Cand, first: number, last: number, id?: string): Ref {
  const possessive = last + 1 < w.low.length && /^['’]s?$/.test(w.low[last + 1]);
  const low = w.low[first];
  const pronPoss = first === last && (low === 'his' || low === 'its' || low === 'their' || (low === 'her' && herIsPossessive(w, first)));
  const ref: Ref = {
    key: cand.key,
    first,
    last,
    sentence: w.sent[first],
    subject: !pronPoss && isSubject(w, first, last),
    inPP: inPP(w, first),
    possessive: possessive || pronPoss,
    speaker: !w.quote[first] && (SPEECH.test(w.low[last + 1] ?? '') || (first > 0 && SPEECH.test(w.low[first - 1]))),
    id,
  };
  cand.refs.push(ref);
  w.active.add(cand);
  return ref;
}

function herIsPossessive(w: Work, i: number): boolean {
  const n = i + 1;
  return n < w.low.length && w.sent[n] === w.sent[i] && /^(NOUN|ADJ|PROPN|NUM)$/.test(w.pos[n]);
}

/** Gender of a person entity from honorifics and titles before its mentions, its role title and Slavic surnames. */
function entityGender(w: Work, e: Entity, ms: Mention[]): Gender | undefined {
  if (e.roleTitle) {
    for (const t of e.roleTitle.split(' ').reverse()) {
      const g = GENDER_WORDS.get(t);
      if (g) return g;
    }
  }
  for (const m of ms) {
    const first = tokenAt(w, m.start);
    if (first > 0 && w.sent[first - 1] === w.sent[first]) {
      const g = GENDER_WORDS.get(w.low[first - 1]);
      if (g) return g;
    }
  }
  const last = e.name.split(/\s+/).pop() ?? '';
  if (e.name.includes(' ') && /^\p{Lu}\p{Ll}+(?:ova|eva|yova|ina|aya|skaya|tskaya)$/u.test(last)) return 'f';
  return undefined;
}

/** Index of the token starting at or after offset `at` (binary search). */
function tokenAt(w: Work, at: number): number {
  return firstStartingAt(w.doc.tokens, at);
}

/**
 * A "person" whose last word is an organization or place head, or has the suffix of an abstract
 * noun ("Boxer Indemnity Scholarship", "Nuremberg Chronicle", "New Culture"), is no person for
 * pronouns: the recognizer's PER guess is overruled in the discourse model (the entity is kept).
 */
function looksNonPerson(name: string): boolean {
  const parts = name.split(/\s+/);
  if (parts.length < 2) return false;
  const last = parts[parts.length - 1].toLowerCase();
  return ORG_HEADS.has(last) || LOC_HEADS.has(last) || /(?:ship|ure|cle|tion|sion|ment|ism|ity|ogy|ics|ness)$/.test(last);
}

function entityCand(w: Work, e: Entity, ms: Mention[]): Cand {
  const actor = e.actor && /^[A-Z]{3}/.test(e.actor) ? e.actor.slice(0, 3) : undefined;
  const type = e.type === 'PER' && !e.roleTitle && !e.actor && looksNonPerson(e.name) ? 'ORG' : e.type;
  // a demonym group ("the Russians") or an organization can be "they"
  const pluralNorp = type === 'NORP' && ms.some((m) => /s$/.test(m.text));
  return {
    key: e.id,
    entity: e,
    type,
    plural: pluralNorp,
    animate: type === 'PER' || pluralNorp,
    gender: type === 'PER' ? entityGender(w, e, ms) : undefined,
    country: e.roleCountry ?? actor,
    refs: [],
  };
}

function nounCand(w: Work, i: number): Cand {
  const lemma = lemmaOf(w, i);
  const plural = isPluralNoun(w, i);
  const key = `n:${lemma}${plural ? ':pl' : ''}`;
  let c = w.cands.get(key);
  if (!c) {
    const animate = PERSON_NOUNS.has(lemma) || isTitleWord(lemma) || GENDER_WORDS.has(lemma);
    c = { key, type: 'NOUN', plural, animate, gender: GENDER_WORDS.get(lemma), refs: [] };
    w.cands.set(key, c);
  }
  return c;
}

/** Pleonastic "it": "it is likely that", "it seems", "it was reported that", "it is time to". */
function pleonastic(w: Work, i: number): boolean {
  const s = w.sent[i];
  const at = (k: number) => (w.sent[k] === s ? w.low[k] ?? '' : '');
  if (/^(seems|seemed|appears|appeared|emerged|follows|followed|rains|rained|turns|turned)$/.test(at(i + 1)) && /^(that|to|as|like|out)$/.test(at(i + 2))) return true;
  let k = i + 1;
  // "it is", "it's", "it will be", "it has been", "it would have been"
  if (/^(will|would|could|may|might|must|should|can|has|had|have)$/.test(at(k))) k++;
  if (/^(have|been)$/.test(at(k))) k++;
  if (/^(been)$/.test(at(k))) k++;
  if (!/^(is|was|['’]s|be|been|becomes|became|remains|remained)$/.test(at(k)) && k === i + 1) return false;
  if (/^(is|was|['’]s|be|been|becomes|became|remains|remained)$/.test(at(k))) k++;
  if (at(k) === 'not' || w.pos[k] === 'ADV') k++;
  // "it is likely that", "it was reported that", "it is time to", "it is up to"
  const pred = w.pos[k] === 'ADJ' || (w.pos[k] === 'VERB' && /(ed|en|wn)$/.test(at(k))) || at(k) === 'time' || at(k) === 'up';
  if (!pred) return false;
  const n = at(k + 1);
  return /^(that|to|whether|if|for|how|why|when|what)$/.test(n);
}

interface Scored {
  cand: Cand;
  score: number;
}

/** Rank compatible candidates for the pronoun at token `i`. */
function rankPronoun(w: Work, i: number, pro: string): Scored[] {
  const s = w.sent[i];
  const masc = MASC_PRO.has(pro);
  const fem = FEM_PRO.has(pro);
  const neut = NEUT_PRO.has(pro);
  const plur = PLUR_PRO.has(pro);
  const proSubject = isSubject(w, i, i) && !(pro === 'his' || pro === 'its' || pro === 'their' || (pro === 'her' && herIsPossessive(w, i)));
  const object = pro === 'him' || pro === 'them' || (pro === 'her' && !herIsPossessive(w, i));
  // binding: the nearest subject of the pronoun's own clause
  let bound: string | undefined;
  if (object) {
    for (let k = i - 1; k >= 0 && w.sent[k] === s; k--) {
      if (CLAUSE_BREAK.test(w.low[k])) break;
      const m = w.mentionAt[k];
      if (m >= 0 && w.doc.mentions[m].entityId) {
        bound = w.doc.mentions[m].entityId;
        break;
      }
    }
  }
  const speaks = SPEECH.test(w.low[i + 1] ?? '') && w.sent[i + 1] === s;
  const q = w.quote[i];
  const out: Scored[] = [];
  for (const c of w.active) {
    const lastRef = c.refs[c.refs.length - 1];
    if (!lastRef || s - lastRef.sentence > 4) {
      w.active.delete(c);
      continue;
    }
    if (c.type === 'NOUN' && speaks && !c.animate && !KIND_HEADS.has(c.key.split(':')[1])) continue;
    if (q && c.entity && w.quoteSpeaker[q - 1] === c.key) continue;
    // agreement
    if (masc || fem) {
      if (!c.animate || c.plural) continue;
      if (c.type !== 'PER' && c.type !== 'NOUN') continue;
      if (c.gender && c.gender !== (masc ? 'm' : 'f')) continue;
    } else if (neut) {
      if (c.animate || c.plural || c.type === 'PER' || c.type === 'NORP') continue;
    } else if (plur) {
      if (c.type === 'PER' || c.type === 'LOC' || c.type === 'MISC') continue;
      if (c.type === 'NOUN' && !c.plural) continue;
      if (c.type === 'NORP' && !c.plural) continue;
    }
    if (c.key === bound && !REFLEXIVE.has(pro)) continue;
    let score = 0;
    let latest: Ref | undefined;
    for (let r = c.refs.length - 1; r >= 0; r--) {
      const ref = c.refs[r];
      if (ref.first >= i) continue;
      const dist = s - ref.sentence;
      if (dist > 4) break;
      if (!q && c.type === 'NOUN' && w.quote[ref.first]) continue;
      const wgt = 100 + (ref.subject ? 80 : 0) + (ref.possessive ? 0 : 80) + (ref.inPP ? 0 : 50);
      score += wgt / 2 ** dist;
      if (!latest) latest = ref;
    }
    if (!latest) continue;
    // a third-person pronoun in first-person direct speech is not its speaker
    if (q && w.firstPerson[q - 1] && latest.speaker && s - latest.sentence <= 1) continue;
    if (proSubject && latest.subject) score += 35;
    if (c.gender && (masc || fem)) score += 50;
    if (REFLEXIVE.has(pro) && latest.sentence === s && latest.subject) score += 100;
    out.push({ cand: c, score });
  }
  // ties go to a named entity, then to the earlier-mentioned one
  out.sort((a, b) => b.score - a.score || (a.cand.entity ? 0 : 1) - (b.cand.entity ? 0 : 1) || a.cand.refs[0].first - b.cand.refs[0].first);
  return out;
}

function pushCoref(w: Work, first: number, last: number, kind: CorefMention['kind'], e: Entity, sieve: string, confidence: number, antecedent?: string): CorefMention {
  const t0 = w.doc.tokens[first];
  const t1 = w.doc.tokens[last];
  const c: CorefMention = {
    id: `c${w.out.length + 1}`,
    start: t0.start,
    end: t1.end,
    text: w.doc.text.slice(t0.start, t1.end),
    kind,
    entityId: e.id,
    antecedent,
    sieve,
    stage: 'coref',
    confidence: Math.round(confidence * 100) / 100,
  };
  w.out.push(c);
  return c;
}

function resolvePronoun(w: Work, i: number): void {
  const pro = w.low[i];
  // an emphatic reflexive right after a name belongs to the name's phrase ("Putin himself")
  if (REFLEXIVE.has(pro) && i > 0 && w.mentionAt[i - 1] >= 0) return;
  if (NEUT_PRO.has(pro) && pro === 'it' && pleonastic(w, i)) return;
  const ranked = rankPronoun(w, i, pro);
  const best = ranked[0];
  if (!best) return;
  const second = ranked[1]?.score ?? 0;
  if (best.cand.entity) {
    const via = [...best.cand.refs].reverse().find((r) => r.first < i);
    const c = pushCoref(w, i, i, 'pronoun', best.cand.entity, 'pronoun', best.score / (best.score + second), via?.id);
    addRef(w, best.cand, i, i, c.id);
    if ((MASC_PRO.has(pro) || FEM_PRO.has(pro)) && !best.cand.gender && best.score > 2 * second) best.cand.gender = MASC_PRO.has(pro) ? 'm' : 'f';
  } else addRef(w, best.cand, i, i);
}

/** A definite nominal at token `i`: its last token, head word, country and plurality, or null. */
interface Nominal {
  first: number;
  last: number;
  head: string;
  person: boolean;
  kind?: 'country' | 'city' | 'ORG';
  country?: string;
  plural: boolean;
  /** Opened by "a"/"an" (taken only in apposition to a name or as a predicate nominative). */
  indefinite: boolean;
}

function nominalAt(w: Work, i: number): Nominal | null {
  const o = w.low[i];
  if (w.mentionAt[i] < 0 && !NOMINAL_OPENERS.has(o) && o !== 'a' && o !== 'an') return null;
  const s = w.sent[i];
  let k = i;
  let country: string | undefined;
  // "NAME, a 14-year-old boy," — an indefinite nominal only in apposition to a name
  const appositive = i >= 2 && w.low[i - 1] === ',' && w.sent[i - 2] === s && w.mentionAt[i - 2] >= 0;
  const predicate = i >= 2 && COPULAS.has(w.low[i - 1]) && w.sent[i - 2] === s && w.mentionAt[i - 2] >= 0;
  if (NOMINAL_OPENERS.has(o) || ((o === 'a' || o === 'an') && (appositive || predicate))) k++;
  else if (w.mentionAt[i] >= 0) {
    // "Russia's defence minister": a country's possessive opens the nominal
    const m = w.doc.mentions[w.mentionAt[i]];
    if (m.type !== 'LOC' || w.doc.tokens[i].start !== m.start) return null;
    let e = i;
    while (e + 1 < w.low.length && w.mentionAt[e + 1] === w.mentionAt[i]) e++;
    if (!/^['’]s$/.test(w.low[e + 1] ?? '')) return null;
    const c = w.lex.country(m.text);
    if (!c) return null;
    country = c.iso3;
    k = e + 2;
  } else return null;
  if (o === 'her' && !herIsPossessive(w, i)) return null;
  const headWord = (j: number) => isTitleWord(w.low[j]) || KIND_HEADS.has(w.low[j]) || KIND_HEADS.has(lemmaOf(w, j)) || PERSON_NOUNS.has(lemmaOf(w, j)) || GENDER_WORDS.has(w.low[j]);
  // [Demonym] [modifiers] head
  const start = k;
  while (k < w.low.length && w.sent[k] === s && k - start < 8) {
    const low = w.low[k];
    const tok = w.doc.tokens[k];
    const hyphen = w.low[k + 1] === '-' && w.doc.tokens[k + 1]?.start === tok.end;
    if (hyphen) {
      // "14-year-old", "long-time": a hyphenated modifier
      k += 2;
      continue;
    }
    const dem = w.pos[k] !== 'NOUN' || /^\p{Lu}/u.test(tok.text) ? w.lex.demonym(tok.text) : null;
    if (dem && !country) {
      country = dem;
      k++;
      continue;
    }
    if (headWord(k)) {
      // a title word followed by another title continues ("deputy prime minister", "vice president")
      const n = w.low[k + 1];
      if (n && w.sent[k + 1] === s && isTitleWord(n) && k - start < 6) {
        k++;
        continue;
      }
      break;
    }
    if (TITLE_MODIFIERS.has(low) || w.pos[k] === 'ADJ' || w.pos[k] === 'NUM') {
      k++;
      continue;
    }
    return null;
  }
  if (k >= w.low.length || w.sent[k] !== s || !headWord(k)) return null;
  const head = w.low[k];
  // a title before a name is part of the name's phrase ("the Russian President Vladimir Putin")
  const n = k + 1;
  if (n < w.low.length && w.sent[n] === s && (w.mentionAt[n] >= 0 || w.pos[n] === 'PROPN')) return null;
  const plural = isPluralNoun(w, k) && !/ss$/.test(head);
  const lemma = lemmaOf(w, k);
  const kind = KIND_HEADS.get(head) ?? KIND_HEADS.get(lemma);
  // "the president of Russia"
  if (!country && w.low[n] === 'of' && w.mentionAt[n + 1] >= 0) {
    const m = w.doc.mentions[w.mentionAt[n + 1]];
    if (m.type === 'LOC') country = w.lex.country(m.text)?.iso3;
  }
  return { first: i, last: k, head: plural ? lemma : head, person: !kind, kind, country, plural, indefinite: o === 'a' || o === 'an' };
}

/** Entity of the name mention ending right before token `k` (over a closing comma), if any. */
function mentionEndingAt(w: Work, k: number): Mention | undefined {
  if (k < 0) return undefined;
  const m = w.mentionAt[k];
  return m >= 0 ? w.doc.mentions[m] : undefined;
}

function compatible(c: Cand, nom: Nominal): boolean {
  if (nom.person) return c.type === 'PER';
  if (nom.kind === 'ORG') return c.type === 'ORG';
  if (!c.entity || c.type !== 'LOC') return false;
  const isCountry = !!c.entity.actor && /^[A-Z]{3}$/.test(c.entity.actor);
  return nom.kind === 'country' ? isCountry : !isCountry;
}

function resolveNominal(w: Work, nom: Nominal): boolean {
  const s = w.sent[nom.first];
  const cand = (m?: Mention) => (m?.entityId ? w.cands.get(m.entityId) : undefined);
  let hit: { c: Cand; sieve: string; conf: number; via?: string } | undefined;
  if (!nom.plural) {
    // appositive: "NAME, the Russian president" / "his Tajik counterpart, NAME"
    const before = nom.first >= 2 && w.low[nom.first - 1] === ',' && w.sent[nom.first - 2] === s ? mentionEndingAt(w, nom.first - 2) : undefined;
    const after = w.low[nom.last + 1] === ',' && w.sent[nom.last + 2] === s && w.mentionAt[nom.last + 2] >= 0 ? w.doc.mentions[w.mentionAt[nom.last + 2]] : undefined;
    for (const m of [before, after]) {
      const c = cand(m);
      if (!hit && c && compatible(c, nom)) hit = { c, sieve: 'appositive', conf: 0.9, via: m!.id };
    }
    // predicate nominative: "NAME is the president"
    if (!hit && nom.first >= 2 && COPULAS.has(w.low[nom.first - 1])) {
      const m = mentionEndingAt(w, nom.first - 2);
      const c = cand(m);
      if (c && compatible(c, nom)) hit = { c, sieve: 'predicate', conf: 0.85, via: m!.id };
    }
    // title or kind match, by salience
    if (!hit && !nom.indefinite) {
      let best: { c: Cand; score: number } | undefined;
      const window = nom.person ? 5 : 2;
      for (const c of w.entityCands) {
        if (!c.refs.length || !compatible(c, nom)) continue;
        if (nom.person) {
          const title = c.entity!.roleTitle;
          const head = title ? title.split(' ').pop()! : '';
          if (nom.head === 'counterpart') {
            if (!nom.country || c.country !== nom.country) continue;
          } else {
            if (head !== nom.head && head.replace(/s$/, '') !== nom.head) continue;
            if (nom.country && c.country && c.country !== nom.country) continue;
          }
        }
        let score = 0;
        for (let r = c.refs.length - 1; r >= 0; r--) {
          const ref = c.refs[r];
          const dist = s - ref.sentence;
          if (dist > window && nom.person && !nom.country) break;
          if (dist > window && !nom.person) break;
          score += (100 + (ref.subject ? 80 : 0)) / 2 ** Math.min(dist, 6);
        }
        if (score > 0 && (!best || score > best.score)) best = { c, score };
      }
      if (best && best.c.entity) hit = { c: best.c, sieve: nom.person ? 'title' : 'kind', conf: nom.country ? 0.8 : 0.6, via: [...best.c.refs].pop()?.id };
    }
  }
  if (hit) {
    const c = pushCoref(w, nom.first, nom.last, 'nominal', hit.c.entity!, hit.sieve, hit.conf, hit.via);
    addRef(w, hit.c, nom.first, nom.last, c.id);
    return true;
  }
  return false;
}

/** Mark tokens inside quotation marks (straight quotes toggle; curly quotes open and close), per paragraph. */
function markQuotes(w: Work): void {
  const toks = w.doc.tokens;
  let open = -1;
  let para = -1;
  for (let i = 0; i < toks.length; i++) {
    const p = w.doc.sentences[toks[i].sentence]?.paragraph ?? 0;
    if (p !== para) {
      open = -1;
      para = p;
    }
    const t = toks[i].text;
    const isOpen = t === '“' || (t === '"' && open < 0);
    const isClose = t === '”' || (t === '"' && open >= 0);
    if (isOpen && open < 0) {
      open = w.firstPerson.length;
      w.firstPerson.push(false);
    } else if (isClose && open >= 0) open = -1;
    else if (open >= 0) {
      w.quote[i] = open + 1;
      if (FIRST_PERSON.test(w.low[i])) w.firstPerson[open] = true;
    }
  }
}

/**
 * The named speaker of each quotation that is a whole clause (first-person, or opening its
 * sentence or following a comma or colon): the name mention nearest a speech verb outside the
 * quotation in the sentences the quotation spans ("…," said Wilkins; Braysmith, a professor, said, "…").
 */
function findSpeakers(w: Work): void {
  const n = w.low.length;
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const q = w.quote[i];
    if (!q) continue;
    if (!spans[q - 1]) spans[q - 1] = [i, i];
    spans[q - 1][1] = i;
  }
  spans.forEach(([a, b], qi) => {
    if (!spans[qi]) return;
    const prev = a - 2 >= 0 ? w.low[a - 2] : '';
    const whole = w.firstPerson[qi] || a - 1 <= 0 || w.sent[a - 2] !== w.sent[a] || prev === ',' || prev === ':';
    if (!whole) return;
    const s0 = w.sent[a];
    const s1 = w.sent[b];
    let lo = a;
    while (lo > 0 && w.sent[lo - 1] >= s0) lo--;
    let hi = b;
    while (hi + 1 < n && w.sent[hi + 1] <= s1 + (w.sent[b + 1] === s1 ? 0 : 1) && hi - b < 40) hi++;
    for (let v = lo; v <= hi; v++) {
      if (w.quote[v] || !SPEECH.test(w.low[v])) continue;
      // "said Wilkins" first, else the nearest name before the verb in its sentence
      const after = w.mentionAt[v + 1];
      let m = after !== undefined && after >= 0 && w.sent[v + 1] === w.sent[v] ? after : -1;
      for (let k = v - 1; m < 0 && k >= 0 && w.sent[k] === w.sent[v] && !w.quote[k]; k--) if (w.mentionAt[k] >= 0) m = w.mentionAt[k];
      if (m >= 0) {
        const mm = w.doc.mentions[m];
        w.quoteSpeaker[qi] = w.alias.get(m) ?? mm.entityId;
        return;
      }
    }
  });
}

/** Resolve a nominal; an unresolved one stays in the discourse model as an unnamed noun phrase. */
function takeNominal(w: Work, nom: Nominal): void {
  if (!resolveNominal(w, nom)) addRef(w, nounCand(w, nom.last), nom.first, nom.last);
}

/**
 * Resolve pronouns and nominals of a Doc after the `entities` (and `actors`) stages.
 * @returns the coref layer, in text order, with ids `c1`, `c2` …
 */
export function resolveCoreference(doc: Doc, lex: NameLexicon): CorefMention[] {
  const n = doc.tokens.length;
  const w: Work = {
    doc,
    low: doc.tokens.map((t) => t.text.toLowerCase()),
    pos: doc.tokens.map((t) => t.pos),
    sent: doc.tokens.map((t) => t.sentence),
    mentionAt: new Int32Array(n).fill(-1),
    cands: new Map(),
    active: new Set(),
    entityCands: [],
    firstVerb: doc.sentences.map(() => Infinity),
    out: [],
    lex,
    alias: new Map(),
    quote: new Int32Array(n),
    firstPerson: [],
    quoteSpeaker: [],
  };
  for (let k = n - 1; k >= 0; k--) if (isVerb(w, k) && w.sent[k] < w.firstVerb.length) w.firstVerb[w.sent[k]] = k;
  markQuotes(w);
  const mentionsOf = new Map<string, Mention[]>();
  const firstTok = new Map<number, number>();
  doc.mentions.forEach((m, mi) => {
    if (!m.entityId) return;
    const l = mentionsOf.get(m.entityId) ?? [];
    l.push(m);
    mentionsOf.set(m.entityId, l);
    for (let k = tokenAt(w, m.start); k < n && doc.tokens[k].start < m.end; k++) {
      w.mentionAt[k] = mi;
      if (!firstTok.has(mi)) firstTok.set(mi, k);
    }
  });
  for (const e of doc.entities) {
    const c = entityCand(w, e, mentionsOf.get(e.id) ?? []);
    w.cands.set(e.id, c);
    w.entityCands.push(c);
  }
  // relaxed name match (Lee et al.'s relaxed string match): a one-word name of another type that is
  // the surname of a person named in full ("Valeska Paris … Paris claims") stands for the person
  const surnames = new Map<string, string>();
  for (const e of doc.entities) {
    const parts = e.type === 'PER' ? e.name.split(/\s+/) : [];
    if (parts.length > 1) surnames.set(parts[parts.length - 1].toLowerCase(), e.id);
  }
  doc.mentions.forEach((m, mi) => {
    if (m.type === 'PER' || !m.entityId || /\s/.test(m.text)) return;
    const id = surnames.get(m.text.replace(/['’]s$/, '').toLowerCase());
    if (id) w.alias.set(mi, id);
  });
  findSpeakers(w);
  for (let i = 0; i < n; i++) {
    const mi = w.mentionAt[i];
    if (mi >= 0) {
      if (firstTok.get(mi) !== i) continue;
      // a nominal opened by a country's possessive ("Russia's defence minister") after the name itself
      const nom = nominalAt(w, i);
      const m = doc.mentions[mi];
      let last = i;
      while (last + 1 < n && w.mentionAt[last + 1] === mi) last++;
      const c = w.cands.get(w.alias.get(mi) ?? m.entityId!);
      if (c) addRef(w, c, i, last, m.id);
      if (nom) takeNominal(w, nom);
      continue;
    }
    if (THIRD_PERSON.has(w.low[i]) && w.pos[i] !== 'PROPN') {
      resolvePronoun(w, i);
      // "his Tajik counterpart": the possessive, then the nominal it opens
      const nom = nominalAt(w, i);
      if (nom) {
        takeNominal(w, nom);
        i = nom.last;
      }
      continue;
    }
    const nom = nominalAt(w, i);
    if (nom) {
      takeNominal(w, nom);
      i = nom.last;
      continue;
    }
    // an unnamed noun phrase (its head: a noun not followed by another noun) competes for pronouns
    if (w.pos[i] === 'NOUN' && !(i + 1 < n && w.sent[i + 1] === w.sent[i] && (w.pos[i + 1] === 'NOUN' || w.pos[i + 1] === 'PROPN'))) {
      let first = i;
      while (first > 0 && w.sent[first - 1] === w.sent[i] && /^(DET|ADJ|NUM|NOUN)$/.test(w.pos[first - 1]) && w.mentionAt[first - 1] < 0) first--;
      addRef(w, nounCand(w, i), first, i);
    }
  }
  return w.out;
}

/** The `coref` stage: pronouns and nominals linked to entities (see the module docstring). */
export const corefStage: Stage = {
  name: 'coref',
  requires: ['entities'],
  provides: ['coref'],
  run(doc: Doc, ctx: Context) {
    doc.coref = resolveCoreference(doc, nameLexicon(ctx));
  },
};

const indexes = new WeakMap<Doc, { coref?: CorefMention[]; starts: number[]; items: Array<{ start: number; end: number; entityId: string }> }>();

/**
 * The entity that the mention at offset `offset` (UTF-16 code units into `doc.text`) refers to: a
 * pronoun or nominal of the `coref` layer, or a name mention of the `entities` stage, covering the
 * offset. Returns undefined when nothing there is linked (or the `coref` stage has not run and no
 * name covers the offset).
 */
export function antecedentOf(doc: Doc, offset: number): Entity | undefined {
  let ix = indexes.get(doc);
  if (!ix || ix.coref !== doc.coref) {
    const items = [
      ...(doc.coref ?? []).map((c) => ({ start: c.start, end: c.end, entityId: c.entityId })),
      ...doc.mentions.filter((m) => m.entityId).map((m) => ({ start: m.start, end: m.end, entityId: m.entityId! })),
    ].sort((a, b) => a.start - b.start);
    ix = { coref: doc.coref, starts: items.map((x) => x.start), items };
    indexes.set(doc, ix);
  }
  let lo = 0;
  let hi = ix.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ix.starts[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  // the smallest span covering the offset ("his" inside "his Tajik counterpart")
  let best: { start: number; end: number; entityId: string } | undefined;
  for (let k = lo - 1; k >= 0 && k >= lo - 8; k--) {
    const it = ix.items[k];
    if (offset < it.end && (!best || it.end - it.start < best.end - best.start)) best = it;
  }
  if (best) return doc.entities.find((e) => e.id === best!.entityId);
  return undefined;
}
