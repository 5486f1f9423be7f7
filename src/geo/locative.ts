/**
 * Toponyms shown by locative phrases ("the village of Mainok", "in Rangae district"), which the
 * entity recognizer often misses: small places of conflict reports are rare words.
 */
import type { Doc, Place, Span } from '../doc/types.js';

const PLACE_NOUN = '(?:village|town|city|district|province|region|governorate|county|state|suburb|neighbou?rhood|area|camp|capital|municipality|sub-district|subdistrict|township)';
const NAME = "((?:(?:al|el|Al|El)-)?\\p{Lu}[\\p{L}\\p{M}'’-]*(?:\\s+(?:(?:al|el|Al|El)-)?\\p{Lu}[\\p{L}\\p{M}'’-]*){0,2})";
/** "the village of Mainok", "the town of Umm Batna" */
const NOUN_OF = new RegExp(`\\b(?:the\\s+)?(?:(?:northern|southern|eastern|western|central|nearby|neighbouring|neighboring|border|coastal|desert|mountainous|strategic)\\s+)*${PLACE_NOUN}\\s+of\\s+${NAME}`, 'gu');
/** "in Rangae district", "in the Vedeno region" */
const NAME_NOUN = new RegExp(`\\b(?:in|at|near|outside|inside|into|across|around|throughout|within)\\s+(?:the\\s+)?(?:(?:northern|southern|eastern|western|central|restive|remote|mountainous)\\s+)?${NAME}\\s+${PLACE_NOUN}\\b`, 'gu');
/**
 * Loose: any capitalized name after a locative preposition or a verb of taking or striking a place
 * ("in Reshimbagh", "entered Dahiyat Al-Assad", "attacked Damboa town"), up to four words.
 */
const PREP_NAME = new RegExp(`\\b(?:in|at|near|outside|inside|into|towards?|around|across|throughout|within|entered|stormed|captured|seized|attacked|besieged|shelled|bombed|raided|reached|overran|recaptured|retook)\\s+(?:the\\s+)?(?:(?:northern|southern|eastern|western|central|north|south|east|west|restive|remote|town of|city of|village of)\\s+)?((?:(?:al|el|Al|El)-)?\\p{Lu}[\\p{L}\\p{M}'’-]*(?:\\s+(?:(?:al|el|Al|El|bin|ibn|de|del|da)[\\s-]+)?\\p{Lu}[\\p{L}\\p{M}'’-]*){0,3})`, 'gu');
const NOT_A_NAME = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|This|That|It|He|She|They|We)$/;

/**
 * Toponyms that a locative phrase shows although the recognizer missed them or the gazetteer lacks
 * them: the name after "the village/town/district/… of" and the name before "district", "region",
 * "province"… after a locative preposition ("in Rangae district"); with `opts.loose`, also any
 * capitalized name after a locative preposition or a verb of taking a place ("in Reshimbagh",
 * "entered Dahiyat Al-Assad"; not inside a person's or organization's name), for event location. Returned as places without
 * coordinates (GeoNames id 0, lat/lon 0, feature code PPL) for the spans of `doc.text` inside
 * `within` that no place in `places` already covers; for scoring with {@link locateInSentence}.
 */
export function locativeToponyms(doc: Doc, within: Span, places: readonly Place[] = doc.places, opts: { loose?: boolean } = {}): Place[] {
  const text = doc.text.slice(within.start, within.end);
  const out: Place[] = [];
  // a person's or organization's name or a demonym is no toponym ("in Putin's view", "at Reuters", "in Syrian hands")
  const named = opts.loose ? doc.mentions.filter((m) => m.type === 'PER' || m.type === 'ORG' || m.type === 'NORP') : [];
  for (const re of opts.loose ? [NOUN_OF, NAME_NOUN, PREP_NAME] : [NOUN_OF, NAME_NOUN]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      let name = m[1];
      // without trailing date words ("Nepal Thursday")
      const ws = name.split(/\s+/);
      while (ws.length > 1 && NOT_A_NAME.test(ws[ws.length - 1])) ws.pop();
      name = re === PREP_NAME ? name.slice(0, name.indexOf(ws[ws.length - 1]) + ws[ws.length - 1].length) : name;
      if (NOT_A_NAME.test(name.split(/\s+/)[0])) continue;
      const start = within.start + m.index + m[0].lastIndexOf(name);
      const end = start + name.length;
      if (places.some((p) => p.start < end && start < p.end) || out.some((p) => p.start < end && start < p.end)) continue;
      if (named.some((x) => x.start <= start && end <= x.end)) continue;
      out.push({ start, end, text: name, name, geonamesId: 0, country: '', lat: 0, lon: 0, featureCode: 'PPL', stage: 'eventPlaces', confidence: 0.4 });
    }
  }
  return out;
}

