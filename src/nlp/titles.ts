/**
 * Title and honorific cues for the rule-based named-entity recognizer and for role attachment.
 *
 * General English news vocabulary (offices, ranks, honorifics, dependants such as "spokesman" and
 * "aide"). Multi-word titles are matched longest first. Agent codes for the titles come from the
 * Phoenix agents dictionary at actor-resolution time, not from here.
 */

/** Single-word titles and honorifics (lower case). */
export const TITLE_WORDS: ReadonlySet<string> = new Set([
  'president', 'vice-president', 'premier', 'chancellor', 'minister', 'secretary', 'secretary-general',
  'king', 'queen', 'prince', 'princess', 'emir', 'amir', 'sheikh', 'sultan', 'shah', 'monarch', 'emperor',
  'leader', 'ruler', 'dictator', 'strongman', 'governor', 'mayor', 'senator', 'congressman', 'congresswoman',
  'lawmaker', 'legislator', 'mp', 'deputy', 'speaker', 'ambassador', 'envoy', 'consul', 'diplomat',
  'spokesman', 'spokeswoman', 'spokesperson', 'aide', 'adviser', 'advisor', 'counselor', 'assistant',
  'general', 'gen.', 'admiral', 'commander', 'colonel', 'col.', 'major', 'maj.', 'captain', 'capt.',
  'lieutenant', 'lt.', 'sergeant', 'sgt.', 'marshal', 'chief', 'head', 'director', 'chairman', 'chairwoman',
  'chair', 'ceo', 'executive', 'founder', 'official', 'officer', 'judge', 'justice', 'prosecutor',
  'attorney', 'pope', 'cardinal', 'archbishop', 'bishop', 'patriarch', 'imam', 'ayatollah', 'rabbi', 'cleric',
  'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr', 'dr.', 'sir', 'dame', 'lord', 'lady', 'prof', 'prof.',
  'professor', 'counterpart', 'ally', 'candidate', 'nominee', 'activist', 'journalist', 'correspondent',
  'analyst', 'economist', 'coach', 'manager', 'striker', 'midfielder', 'defender', 'goalkeeper', 'player',
  'singer', 'actor', 'actress', 'director-general', 'commissioner', 'inspector', 'superintendent', 'boss',
]);

/** Words that may stand between a demonym/country and a title ("Foreign Minister", "Prime Minister"). */
export const TITLE_MODIFIERS: ReadonlySet<string> = new Set([
  'prime', 'foreign', 'defence', 'defense', 'interior', 'finance', 'economy', 'trade', 'energy', 'justice',
  'health', 'education', 'deputy', 'vice', 'acting', 'former', 'ex', 'ex-', 'interim', 'new', 'outgoing',
  'incoming', 'late', 'senior', 'top', 'chief', 'presidential', 'first', 'supreme', 'crown', 'grand',
  'authoritarian', 'longtime', 'long-time', 'veteran', 'opposition', 'military', 'army', 'police',
  'border', 'regional', 'local', 'state', 'federal', 'national', 'government', 'party', 'labour', 'labor',
  'conservative', 'liberal', 'democratic', 'republican', 'shadow', 'general', 'attorney', 'home',
  'culture', 'transport', 'environment', 'agriculture', 'industry', 'security', 'intelligence',
]);

/** Honorifics that are always followed by a person's name. */
export const HONORIFICS: ReadonlySet<string> = new Set([
  'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr', 'dr.', 'sir', 'dame', 'lord', 'lady', 'prof', 'prof.',
]);

/** True when `w` (any case) is a title word. */
export function isTitleWord(w: string): boolean {
  const l = w.toLowerCase();
  return TITLE_WORDS.has(l) || (l.endsWith('s') && TITLE_WORDS.has(l.slice(0, -1)));
}

/** Heads that make a capitalized phrase an organization ("… Organization", "… Division", "… Party"). */
export const ORG_HEADS: ReadonlySet<string> = new Set([
  'organization', 'organisation', 'ministry', 'department', 'party', 'council', 'committee', 'commission',
  'division', 'brigade', 'regiment', 'battalion', 'army', 'navy', 'forces', 'force', 'guard', 'corps',
  'police', 'bank', 'fund', 'agency', 'bureau', 'office', 'service', 'services', 'union', 'alliance',
  'league', 'association', 'federation', 'confederation', 'company', 'corporation', 'corp', 'corp.', 'inc',
  'inc.', 'ltd', 'ltd.', 'llc', 'plc', 'group', 'holdings', 'airlines', 'airways', 'university', 'college',
  'institute', 'academy', 'school', 'hospital', 'court', 'tribunal', 'parliament', 'assembly', 'senate',
  'congress', 'duma', 'cabinet', 'government', 'administration', 'front', 'movement', 'network', 'news',
  'times', 'post', 'journal', 'radio', 'television', 'tv', 'broadcasting', 'press', 'foundation', 'trust',
  'society', 'center', 'centre', 'club', 'united', 'city', 'board', 'authority', 'exchange', 'market',
  'program', 'programme', 'mission', 'taskforce', 'coalition', 'brotherhood', 'church', 'order', 'treaty',
  'fc', 'team', 'studios', 'records', 'motors', 'industries', 'systems', 'technologies', 'labs', 'media',
]);

/** Heads that make a capitalized phrase a location ("Caspian Sea", "Central Asia", "Gulf of Aden"). */
export const LOC_HEADS: ReadonlySet<string> = new Set([
  'sea', 'ocean', 'river', 'lake', 'gulf', 'bay', 'strait', 'straits', 'channel', 'mountains', 'mountain',
  'mount', 'mt.', 'hills', 'valley', 'desert', 'island', 'islands', 'peninsula', 'coast', 'basin', 'plateau',
  'province', 'region', 'district', 'county', 'oblast', 'state', 'territory', 'territories', 'republic',
  'kingdom', 'emirates', 'asia', 'europe', 'africa', 'america', 'americas', 'east', 'west', 'street',
  'avenue', 'square', 'airport', 'border', 'corridor', 'canal', 'pass', 'steppe', 'delta', 'highlands',
]);

/** Month and weekday names: capitalized but never names of entities. */
export const CALENDAR_WORDS: ReadonlySet<string> = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'jan.', 'feb.', 'mar.', 'apr.', 'jun.', 'jul.', 'aug.', 'sep.', 'sept.', 'oct.',
  'nov.', 'dec.', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
]);

/**
 * English function words (pronouns, determiners, conjunctions, prepositions, auxiliaries, a few
 * sentence adverbs): closed-class words that are never a name on their own, though GeoNames'
 * alternate names would match some of them to places ("But" → Buta, "We" → Wé, "No", "More").
 */
const FUNCTION_WORDS = new Set((
  'a an the and but or nor so yet for if then than as at by in of on to up via with from into onto over under ' +
  'i me my we us our you your he him his she her it its they them their this that these those who whom whose ' +
  'which what when where why how all any each both some no not more most much many few other such own same ' +
  'is are was were be been being am do does did has have had will would shall should can could may might must ' +
  'there here now also only just even still very too again ever never once however meanwhile although though ' +
  'while because since until unless after before during about above below between among through against'
).split(' '));

/** True when `text` is one English function word (see {@link FUNCTION_WORDS}); "US" in capitals is the country. */
export function isFunctionWord(text: string): boolean {
  return text !== 'US' && FUNCTION_WORDS.has(text.toLowerCase());
}
