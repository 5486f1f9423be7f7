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
const NOT_A_NAME = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|This|That|It|He|She|They|We)$/;

/**
 * Toponyms that a locative phrase shows although the recognizer missed them or the gazetteer lacks
 * them: the name after "the village/town/district/… of" and the name before "district", "region",
 * "province"… after a locative preposition ("in Rangae district"). Returned as places without
 * coordinates (GeoNames id 0, lat/lon 0, feature code PPL) for the spans of `doc.text` inside
 * `within` that no place in `places` already covers; for scoring with {@link locateInSentence}.
 */
export function locativeToponyms(doc: Doc, within: Span, places: readonly Place[] = doc.places): Place[] {
  const text = doc.text.slice(within.start, within.end);
  const out: Place[] = [];
  for (const re of [NOUN_OF, NAME_NOUN]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const name = m[1];
      if (NOT_A_NAME.test(name.split(/\s+/)[0])) continue;
      const start = within.start + m.index + m[0].lastIndexOf(name);
      const end = start + name.length;
      if (places.some((p) => p.start < end && start < p.end) || out.some((p) => p.start < end && start < p.end)) continue;
      out.push({ start, end, text: name, name, geonamesId: 0, country: '', lat: 0, lon: 0, featureCode: 'PPL', stage: 'eventPlaces', confidence: 0.4 });
    }
  }
  return out;
}

