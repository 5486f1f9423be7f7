/**
 * Event location: each event's place from its sentence, the surrounding events and the story's
 * dateline (after Halterman 2019, "Geolocating Political Events in Text": the event's location is
 * the toponym attached to the event's verb, most often by a locative preposition, in the same clause).
 *
 * Choice inside the sentence ({@link locateInSentence}): every place of the sentence is scored
 * - +3 when a locative preposition ("in", "at", "near", "outside", "inside", "across", "into",
 *   "around", "throughout", "on", "off", "from"…) or a locative noun phrase ("the town of") comes
 *   before it; +1 for a populated place or admin division over a country;
 * - −0.15 per word of distance from the trigger, −1 when a clause boundary (";", a second
 *   reporting verb "said") lies between; −3 for a toponym in the clause a reporting verb ("said",
 *   "announced") introduces, after another verb; −2 when the toponym is part of a name or a modifier
 *   before a noun ("Syrian", "Kabul airport" keeps the airport's place);
 * and the best one wins when its score is above −1; a place inside it printed with it ("the West
 * Bank town of Jenin", "Lucciana, in upper Corsica", "China's Henan Province") takes its place (the
 * event's place is the most specific one). Verbs of taking or striking a place ("attacked",
 * "entered", "stormed") count as locative prepositions. A toponym inside an ORG, PER or MISC mention
 * (the places stage finds them: "Shreveport Police Department") is no candidate. Otherwise the event takes the place of the
 * nearest earlier event of the same paragraph, else the dateline place (`doc.meta.dateline`).
 */
import type { Doc, Event, Place, Span } from '../doc/types.js';
import type { Context } from '../context.js';
import type { Stage } from '../stage.js';
import { resolveDateline } from './stage.js';
export { locativeToponyms } from './locative.js';

const LOCATIVE = /\b(?:in|at|near|outside|inside|across|into|around|throughout|on|off|within|to|toward|towards|over|along|between|of)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|north|south|east|west|northeastern|northwestern|southeastern|southwestern|upper|lower|capital|city|town|village|province|district|region|area|border|outskirts|streets|suburb|port|camp|heart)\s+(?:of\s+)?(?:the\s+)?)*$/i;
const STRONG_PREP = /\b(?:in|at|near|outside|inside|across|around|throughout|within|off)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}$/i;
/** A verb of taking or striking a place right before it ("attacked Damboa town", "entered Dahiyat Al-Assad"). */
const TAKING_VERB = /\b(?:attacked|entered|stormed|captured|seized|besieged|shelled|bombed|raided|overran|recaptured|retook)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}$/i;
/** The words between a containing place and a place inside it: "the West Bank town of Jenin", "China's Henan Province". */
const CONTAINER_BEFORE = /^(?:['’]s\s+|\s+(?:[a-z-]+\s+)?(?:town|city|village|district|region|province|governorate|area|suburb|neighbou?rhood|camp|capital|county)\s+of\s+(?:the\s+)?)$/i;
/** The words between a place and the place that contains it: "Lucciana, in upper Corsica", "Vedeno region of southern Chechnya". */
const CONTAINED_BEFORE = /^(?:,\s*|\s+)(?:(?:[a-z-]+\s+)?(?:town|city|village|district|region|province|governorate|area|suburb|county)\s+)?(?:in|of|near)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|north|south|east|west|northeastern|northwestern|southeastern|southwestern|upper|lower)\s+)?$|^,\s*$/i;

/** Reporting verbs (speech and announcement). */
const REPORTING = /^(?:said|says|say|saying|told|tells|tell|added|adds|stated|states|reported|reports|announced|announces|claimed|claims|declared|warned|noted|explained|insisted|confirmed|denied)$/i;

/** A place inside the best-scored one wins when it scores at most this much lower. */
const CONTAINED_MARGIN = 4;

/** A scored candidate place for an event. */
export interface PlaceChoice {
  place: Place;
  score: number;
}

/**
 * The place of the sentence `sentence` that is the location of the event whose trigger is
 * `trigger` (offsets UTF-16 code units into `doc.text`), or null when no place of the sentence
 * qualifies. See the module doc for the scoring.
 */
export function locateInSentence(doc: Doc, trigger: Span, sentence: Span, places: readonly Place[] = doc.places): PlaceChoice | null {
  let best: PlaceChoice | null = null;
  const scored: PlaceChoice[] = [];
  // a toponym inside an organization's or a person's name ("Shreveport Police Department",
  // "Mansfield Mayor Curtis McCoy") names its seat, not where the event happens
  const names = doc.mentions.filter((m) => (m.type === 'ORG' || m.type === 'PER' || m.type === 'MISC') && m.end > sentence.start && m.start < sentence.end);
  const reporting = REPORTING.test(doc.text.slice(trigger.start, trigger.end));
  const hasVerb = (a: number, b: number) => doc.tokens.some((t) => t.start >= a && t.end <= b && (t.pos === 'VERB' || t.pos === 'AUX'));
  const norp = new Set(doc.mentions.filter((m) => m.type === 'NORP').map((m) => m.id));
  for (const p of places) {
    if (p.start < sentence.start || p.end > sentence.end) continue;
    // a demonym ("Syrian troops", "Palestinians") names the actors' country, not where it happens
    if ((p.mentionId && norp.has(p.mentionId)) || isDemonymPlace(p)) continue;
    if (p.start < trigger.end && trigger.start < p.end) continue;
    if (names.some((m) => m.start <= p.start && p.end <= m.end && (m.start !== p.start || m.end !== p.end))) continue;
    const before = doc.text.slice(Math.max(sentence.start, p.start - 60), p.start);
    const after = doc.text.slice(p.end, Math.min(sentence.end, p.end + 30));
    let score = 0;
    // a verb of taking a place marks its place, except in a clause a reporting trigger introduces
    const taking = !reporting && TAKING_VERB.test(before);
    if (STRONG_PREP.test(before) || taking) score += 3;
    else if (LOCATIVE.test(before)) score += 2;
    const fc = p.featureCode;
    if (!fc.startsWith('PCL') && fc !== 'CONT' && fc !== 'RGN') score += 1;
    // a modifier or part of a name: "Kurdish-majority", "Kabul airport" (keeps the place, weaker),
    // "Syria's" possessive of an actor
    if (/^['’]s?\b/.test(after)) score -= 2;
    // a modifier before a noun without a preposition: "U.S. forces", "Seville fans"
    if (!LOCATIVE.test(before) && !taking && /^\s+[a-z]/.test(after)) score -= 2;
    // the origin of a person ("a cab driver from Abidjan"), not the place of the event
    if (/\bfrom\s+(?:the\s+)?$/i.test(before)) score -= 2;
    // the subject before the verb ("Eritrea captured Badme") is an actor; the object after it a place
    if (p.end <= trigger.start && /^\s*$/.test(doc.text.slice(p.end, trigger.start).replace(/\b(?:forces|troops|army|police|has|have|had|was|were|is|are|reportedly)\b/gi, ''))) score -= 2;
    if (p.start >= trigger.end && /^\s*$/.test(doc.text.slice(trigger.end, p.start).replace(/\b(?:the|town|city|village|of)\b/gi, ''))) score += 2;
    if (/^-[a-z]/i.test(after)) score -= 2;
    const gapText = p.start > trigger.end ? doc.text.slice(trigger.end, p.start) : doc.text.slice(p.end, trigger.start);
    const words = gapText.split(/\s+/).filter(Boolean).length;
    score -= 0.15 * words;
    if (/[;]|\bsaid\b|\bsays\b|\bwho\b|\bwhich\b/.test(gapText)) score -= 1;
    // a reporting verb's place is seldom printed: a toponym in the reported clause after it
    // ("Equiza said that two clinics came under attack in eastern Ghouta") belongs to that clause
    if (reporting && p.start >= trigger.end && hasVerb(trigger.end, p.start)) score -= 3;
    if (p.start < trigger.start && !/\b(?:in|at|near)\s/i.test(before.slice(-12))) score -= 0.5;
    scored.push({ place: p, score });
    if (!best || score > best.score) best = { place: p, score };
  }
  // the event's place is the most specific one: a place inside the best one, printed with it
  // ("the West Bank town of Jenin", "Lucciana, in upper Corsica"), wins when it scores near it
  if (best) {
    const b = best.place;
    const inner = scored.find((q) => q.place !== b && q.score > best!.score - CONTAINED_MARGIN && (
      (q.place.start >= b.end && CONTAINER_BEFORE.test(doc.text.slice(b.end, q.place.start))) ||
      (q.place.end <= b.start && CONTAINED_BEFORE.test(doc.text.slice(q.place.end, b.start)))));
    if (inner) best = { place: inner.place, score: Math.max(inner.score, best.score) };
  }
  return best && best.score > -1 ? best : null;
}

/**
 * A place the places stage took from a demonym or residents' word found outside every mention
 * ("Russians"): a country, region or division whose printed word is not its name and has a
 * demonym's ending.
 */
function isDemonymPlace(p: Place): boolean {
  if (p.mentionId) return false;
  const fc = p.featureCode;
  if (!(fc.startsWith('PCL') || fc === 'CONT' || fc === 'RGN' || fc === 'ADM1')) return false;
  return p.text.toLowerCase() !== p.name.toLowerCase() && /(?:an|ans|ian|ians|ese|ish|is|i|ch|ic)$/i.test(p.text);
}

function asEventPlace(p: { name: string; geonamesId: number; lat: number; lon: number; country?: string }): NonNullable<Event['place']> {
  return { name: p.name, geonamesId: p.geonamesId, lat: p.lat, lon: p.lon, country: p.country || undefined };
}

/**
 * Set `event.place` of every event of `doc` from its sentence, else from the nearest earlier event
 * of the same paragraph, else from the dateline. An event place already set by the events stage is
 * replaced only when the sentence gives one, and a country never replaces a city inside it (the
 * events stage's place or the dateline).
 */
export function locateEvents(doc: Doc, ctx: Context): void {
  const dateline = doc.events.length ? resolveDateline(doc, ctx) : null;
  const paragraphOf = (at: number) => doc.sentences.find((s) => s.start <= at && at < s.end)?.paragraph ?? -1;
  const sorted = [...doc.events].sort((a, b) => a.trigger.start - b.trigger.start);
  let prevPlace: NonNullable<Event['place']> | null = null;
  let prevParagraph = -2;
  for (const e of sorted) {
    const choice = locateInSentence(doc, e.trigger, e.sentence);
    const paragraph = paragraphOf(e.trigger.start);
    // a country is less precise than a city in it that the events stage or the dateline already
    // gives ("arrived in the Uzbek capital … his third trip to Uzbekistan" with a TASHKENT dateline)
    const broad = choice && choice.place.featureCode.startsWith('PCL');
    const within = (p: { country?: string } | null | undefined) => !!p && !!choice && p.country === choice.place.country;
    if (choice && broad && e.place && within(e.place) && e.place.name !== choice.place.name) {
      // keep the finer place
    } else if (choice && broad && dateline && within(dateline) && !dateline.featureCode.startsWith('PCL')) e.place = asEventPlace(dateline);
    else if (choice) e.place = asEventPlace(choice.place);
    else if (!e.place && prevPlace && prevParagraph === paragraph) e.place = Object.assign({}, prevPlace as NonNullable<Event['place']>);
    else if (!e.place && dateline) e.place = asEventPlace(dateline);
    if (e.place) {
      prevPlace = e.place;
      prevParagraph = paragraph;
    }
  }
}

/**
 * Pipeline stage `eventPlaces` (a refiner after `events`): requires `events` and `places`,
 * provides nothing new; sets `event.place` (see {@link locateEvents}).
 */
export const eventPlacesStage: Stage = {
  name: 'eventPlaces',
  requires: ['events', 'places'],
  provides: [],
  run(doc: Doc, ctx: Context) {
    locateEvents(doc, ctx);
  },
};
