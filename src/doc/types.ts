/**
 * The one data model of Dateline: the annotated document (`Doc`).
 *
 * Every stage of the pipeline reads a `Doc` and adds to it. All `start`/`end` offsets are
 * JavaScript string indices into `Doc.text`, i.e. **UTF-16 code units**, `start` inclusive and
 * `end` exclusive. `Doc.text` never changes once the `clean` stage has set it.
 *
 * The JSON shape (version {@link DOC_VERSION}) is the command-line contract of DESIGN.md: fields
 * may be added, none renamed.
 */

/** Version of the serialized Doc JSON shape. */
export const DOC_VERSION = 1 as const;

/** A half-open range `[start, end)` of UTF-16 code units in `Doc.text`. */
export interface Span {
  start: number;
  end: number;
}

/** A span together with the text it covers (`text === doc.text.slice(start, end)`). */
export interface TextSpan extends Span {
  text: string;
}

/** Which stage proposed an annotation and how sure it is (0..1). */
export interface Proposed {
  /** Name of the pipeline stage that proposed the annotation, e.g. `"mentions"`. */
  stage?: string;
  /** Confidence in [0, 1]; 1 = dictionary-certain, lower for heuristic guesses. */
  confidence?: number;
}

/** How the document's publication date was obtained. */
export type PublishedSource = 'given' | 'metadata' | 'inferred' | 'unknown';

/** Document-level metadata. Dates are ISO 8601 (`YYYY-MM-DD` or a full timestamp). */
export interface DocMeta {
  title?: string;
  url?: string;
  /** Site or outlet that published this copy. */
  publisher?: string;
  /** Agency or outlet that wrote the story, when this copy is a reprint or wire copy (e.g. "RFE/RL"). */
  originalPublisher?: string;
  /** Authors as printed, without "By", dates or job titles. */
  byline?: string;
  authors?: string[];
  /** The dateline place as printed at the head of the body, e.g. "DUSHANBE". */
  dateline?: string;
  /** Publication date, ISO 8601 (`YYYY-MM-DD`, or a full timestamp when known). */
  published?: string;
  /** How `published` was obtained. */
  publishedSource: PublishedSource;
  /** Last-modified time from page metadata, ISO 8601. */
  modified?: string;
  /** ISO 639-1 language code, e.g. "en". */
  language?: string;
  /** The copyright/reprint line as printed, removed from the body. */
  copyrightLine?: string;
  /** Year named in the copyright line. */
  copyrightYear?: number;
  /** True when the story says it is reprinted from another publisher. */
  isReprint?: boolean;
  /** Lines of scraping debris removed from the body during cleaning. */
  boilerplate?: string[];
  /** When the page was crawled (e.g. a WARC record's date), ISO 8601: anchors stamps such as "2 hours ago". */
  crawled?: string;
  /** Path, URL or other name of the input the Doc was read from. */
  input?: string;
  /** Media type of the raw input: `text/plain` or `text/html`. */
  mediaType?: string;
  /** Character encoding the input was decoded from (e.g. "UTF-8", "windows-1252"). */
  encoding?: string;
}

/** A sentence (offsets into `Doc.text`). */
export interface Sentence extends Span {
  /** Index of the paragraph (block separated by blank lines) the sentence is in, from 0. */
  paragraph?: number;
}

/**
 * A token with its part of speech.
 * `pos` is a Universal Dependencies UPOS tag (NOUN, PROPN, VERB, AUX, ADP, …).
 */
export interface Token extends TextSpan {
  pos: string;
  /** Lower-cased lemma or normal form, when the tagger gives one. */
  lemma?: string;
  /** Index into `Doc.sentences`. */
  sentence: number;
}

/** Types of named-entity mentions. NORP = nationalities, religious and political groups (demonyms). */
export type MentionType = 'PER' | 'LOC' | 'ORG' | 'NORP' | 'MISC';

/** A named-entity mention (a span that names something). */
export interface Mention extends TextSpan, Proposed {
  id: string;
  type: MentionType;
  /** Id of the `Entity` the mention belongs to (set by the `entities` stage). */
  entityId?: string;
}

/** A cluster of mentions that name one thing, with its links. */
export interface Entity extends Proposed {
  id: string;
  /** Canonical name: the longest full name among the mentions. */
  name: string;
  type: MentionType;
  /** Surface texts of the mentions, in order of first appearance, without repeats. */
  mentions: string[];
  /** Ids of the `Mention`s in the cluster. */
  mentionIds: string[];
  /** CAMEO actor code as of the document date, e.g. "RUSGOV", "TJK", "IGOUNO". */
  actor?: string;
  /** Role as printed or inferred, e.g. "President of Russia", "spokesman of Rahmon". */
  role?: string;
  /** Country of the entity, ISO 3166-1 alpha-2 (e.g. "TJ"). */
  country?: string;
  geonamesId?: number;
  lat?: number;
  lon?: number;
  wikidataId?: string;
  /** For a place used as an actor ("Moscow will supply Minsk"): the actor code it stands for. */
  metonymy?: string;
  /** Title or agent word attached to the entity ("president", "spokesman", "aide"), lower case. Set by `entities`. */
  roleTitle?: string;
  /** Country the role belongs to, ISO 3166-1 alpha-3 ("Kazakh President X" → "KAZ"). Set by `entities`. */
  roleCountry?: string;
  /** Id of the entity whose role it is ("Rahmon's spokesman" → Rahmon's entity id). Set by `entities`. */
  roleOf?: string;
}

/**
 * A mention that refers to an entity without naming it (set by the `coref` stage): a pronoun
 * ("he", "its", "they"), or a nominal or title ("the Russian president", "his Tajik counterpart").
 * Offsets are UTF-16 code units into `Doc.text`.
 */
export interface CorefMention extends TextSpan, Proposed {
  id: string;
  /** `pronoun`: a personal or possessive pronoun; `nominal`: a common-noun phrase or title. */
  kind: 'pronoun' | 'nominal';
  /** Id of the `Entity` the mention refers to. */
  entityId: string;
  /** Id of the mention (a `Mention` or an earlier `CorefMention`) it was resolved through. */
  antecedent?: string;
  /** The rule that linked it: `appositive`, `predicate`, `title`, `pronoun` … */
  sieve: string;
}

/** TIMEX3 types (TimeML). */
export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

/** A temporal expression normalized to a TIMEX3 value (TimeML 1.2.1, ISO-TimeML). */
export interface Timex extends TextSpan, Proposed {
  id: string;
  type: TimexType;
  /** TIMEX3 `value`, e.g. "2022-06-28", "2022-06", "P1D", "PAST_REF", "XXXX-WXX-2". */
  value: string;
  /** TIMEX3 `mod`, e.g. "START", "APPROX", "LESS_THAN". */
  mod?: string;
  /** Granularity of the value: "year", "month", "week", "day", "minute" … */
  granularity?: string;
  /** Date components stated in the text (e.g. ["month", "day"]); the rest were implied from the anchor. */
  known?: string[];
  /** Date components implied from the anchor (document date). */
  implied?: string[];
}

/** A toponym resolved to a gazetteer entry. Coordinates in decimal degrees (WGS84). */
export interface Place extends TextSpan, Proposed {
  /** Canonical name in the gazetteer, e.g. "Saint Petersburg". */
  name: string;
  /** GeoNames id; 0 when the place is not in GeoNames (e.g. a region resolved only to a country). */
  geonamesId: number;
  /** ISO 3166-1 alpha-2 country code. */
  country: string;
  lat: number;
  lon: number;
  /** GeoNames feature code, e.g. "PPLC" (capital), "PCLI" (independent country), "ADM1". */
  featureCode: string;
  /** Id of the mention the place was resolved from. */
  mentionId?: string;
}

/** A quotation with its speaker. */
export interface Quote extends TextSpan, Proposed {
  /** True for direct speech in quotation marks, false for reported (indirect) speech. */
  direct: boolean;
  speaker: { text: string; entityId?: string; start?: number; end?: number };
  /** The speech verb or phrase ("said", "told", "was quoted as saying"). */
  cue?: TextSpan;
}

/** A measured quantity ("about 7,000 troops", "a 1,357-kilometer border"). */
export interface Quantity extends TextSpan, Proposed {
  value: number;
  /** Unit in normal form: "km", "troops", "facilities", "USD", "%"… */
  unit: string;
  /** True when hedged ("about", "some", "nearly"). */
  approximate?: boolean;
  /** "max" for "up to"/"at most", "min" for "at least"/"more than". */
  bound?: 'min' | 'max';
  /** The noun phrase measured, when found. */
  measures?: string;
}

/** Modality of an event; only `asserted` (and `reported`) events count as having happened. */
export type Modality = 'asserted' | 'negated' | 'planned' | 'hypothetical' | 'reported';

/** An actor slot of an event. */
export interface EventActor {
  text: string;
  /** CAMEO actor code as of the event date, e.g. "RUSGOV"; "---" when unknown. */
  actor: string;
  entityId?: string;
  start?: number;
  end?: number;
}

/** A coded event: who did what to whom, when, where, and which words say so. */
export interface Event extends Proposed {
  id: string;
  /** CAMEO code (CAMEO 1.1b3 / Phoenix CAMEO.2.0), e.g. "042", "0332". */
  cameo: string;
  /** Two-digit CAMEO root code, e.g. "04". */
  root: string;
  /** CAMEO label, e.g. "Make a visit". */
  label?: string;
  /** Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
  quadClass: number;
  /** Goldstein (1992) conflict–cooperation score, −10..+10. */
  goldstein: number;
  /** PLOVER event type the CAMEO code maps to (CAMEO2PLOVER-2021), or null when PLOVER drops it. */
  plover: string | null;
  /** PLOVER mode (e.g. "visit"), when the mapping gives one. */
  ploverMode?: string;
  source: EventActor;
  target: EventActor | null;
  /** Event date: a TIMEX3 value (ISO 8601 date or month), or null when unknown. */
  date: string | null;
  place: { name: string; geonamesId: number; lat: number; lon: number; country?: string } | null;
  modality: Modality;
  /** Who reported the event, for reported speech ("Palestinian security officials said"). */
  attribution?: { text: string; entityId?: string };
  sentence: Span;
  trigger: TextSpan;
  /** The verb pattern or rule that coded the event, for tracing. */
  pattern?: string;
}

/** A consistency finding on the document (date conflict, anachronism…). */
export interface Flag {
  kind: string;
  message: string;
  spans: TextSpan[];
}

/** A non-fatal problem met while analysing the document. `code` is stable (e.g. "W_NO_DATE"). */
export interface DocMessage {
  code: string;
  stage: string;
  message: string;
}

/** The annotated document. Serialize with `toJSON` from `./serialize.js`. */
export interface Doc {
  version: typeof DOC_VERSION;
  /** Content hash (sha256 hex of the cleaned text), the store's key. */
  id: string;
  /** The decoded raw input (text or HTML) before cleaning. Not part of the JSON output. */
  raw?: string;
  /** Article text extracted from `raw` by the `ingest` stage (HTML → text), before cleaning. Not part of the JSON output. */
  extracted?: string;
  /** Cleaned body text; never changes after the `clean` stage. */
  text: string;
  /** Maps ranges of `text` back to offsets in `raw`: `text[start,end)` came from `raw[rawStart, rawStart+end-start)`. */
  source?: Array<{ start: number; end: number; rawStart: number }>;
  meta: DocMeta;
  sentences: Sentence[];
  tokens: Token[];
  mentions: Mention[];
  entities: Entity[];
  /** Pronouns and nominals linked to entities (the `coref` stage); absent before it runs. */
  coref?: CorefMention[];
  timexes: Timex[];
  places: Place[];
  quotes: Quote[];
  quantities: Quantity[];
  events: Event[];
  flags: Flag[];
  messages: DocMessage[];
}

/**
 * A fresh, empty Doc for a raw input.
 * @param raw decoded input (plain text or HTML)
 * @param meta metadata known before analysis (e.g. `input`, `mediaType`, a given `published`)
 */
export function createDoc(raw: string, meta: Partial<DocMeta> = {}): Doc {
  return {
    version: DOC_VERSION,
    id: '',
    raw,
    text: '',
    meta: { publishedSource: 'unknown', ...meta },
    sentences: [],
    tokens: [],
    mentions: [],
    entities: [],
    timexes: [],
    places: [],
    quotes: [],
    quantities: [],
    events: [],
    flags: [],
    messages: [],
  };
}

/** Add a non-fatal message to the document. */
export function addMessage(doc: Doc, stage: string, code: string, message: string): void {
  doc.messages.push({ code, stage, message });
}

/** A span of `doc.text` with its text filled in. */
export function textSpan(doc: Doc, start: number, end: number): TextSpan {
  return { start, end, text: doc.text.slice(start, end) };
}

/**
 * Index of the first span (token, word, sentence …) of `spans`, sorted by `start`, that starts at
 * or after offset `at` (UTF-16 code units); `spans.length` when none does. Binary search.
 */
export function firstStartingAt(spans: ReadonlyArray<{ start: number }>, at: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the sentence that contains offset `at`, or -1. Binary search over `doc.sentences`. */
export function sentenceIndexAt(doc: Doc, at: number): number {
  let lo = 0;
  let hi = doc.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = doc.sentences[mid];
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
