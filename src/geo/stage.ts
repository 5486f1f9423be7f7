/**
 * The `places` stage: toponym resolution. Every LOC mention becomes a `Place` in `doc.places`
 * (GeoNames id, country, coordinates, feature code); LOC entities get `geonamesId`, `country`,
 * `lat`, `lon`; NORP entities get the `country` of their demonym.
 *
 * Story country context (ISO2, used by `Gazetteer.resolve` scoring): countries named in the story
 * (LOC mentions that resolve to a country entry), the countries of demonyms (NORP), capitals, and
 * the dateline place (`doc.meta.dateline`, see `resolveDateline`). So "Georgia" with "Tbilisi" or
 * "Georgian" in the story is the country, not the US state.
 * An admin-1 qualifier after a comma ("Paris, Texas", "Troy, N.C.") restricts the candidates to
 * that division; the qualifier itself is not a separate place.
 */
import type { Doc, Mention, Place } from '../doc/types.js';
import { addMessage } from '../doc/types.js';
import type { Stage } from '../stage.js';
import type { Context } from '../context.js';
import { gazetteer, type Candidate, type Gazetteer } from './gazetteer.js';

const QUALIFIER_RE = /^,\s*((?:[A-Z][A-Za-z.]*\.?)(?:\s+[A-Z][A-Za-z.]*\.?){0,2})/;

/** Admin-1 qualifier printed right after a mention ("Paris, Texas" → "Texas"), with its end offset. */
function qualifierAfter(doc: Doc, m: Mention, g: Gazetteer): { text: string; end: number } | null {
  const q = QUALIFIER_RE.exec(doc.text.slice(m.end, m.end + 40));
  if (!q) return null;
  const words = q[1].split(/\s+/);
  const cands = g.candidates(m.text).filter((c) => !c.featureCode.startsWith('PCL') && c.featureCode !== 'ADM1');
  if (!cands.length) return null;
  const start = m.end + q.index + q[0].indexOf(words[0]);
  for (let n = words.length; n >= 1; n--) {
    const text = words.slice(0, n).join(' ');
    if (cands.some((c) => g.matchesAdmin1(c, text))) return { text, end: start + text.length };
  }
  return null;
}

/**
 * Resolve the dateline place (`doc.meta.dateline`, e.g. "DUSHANBE") to a gazetteer entry, using the
 * story's country names as context. The events stage can call it for an event place default.
 * Returns null when there is no dateline or it does not resolve.
 */
export function resolveDateline(doc: Doc, ctx: Context): Candidate | null {
  const d = doc.meta.dateline?.trim();
  if (!d) return null;
  const g = gazetteer(ctx);
  const name = d.split(',')[0].trim();
  const title = name.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase());
  const a1 = d.includes(',') ? d.split(',')[1].trim() : undefined;
  return g.resolve(title, { countries: storyCountries(doc, g, false), admin1: a1 }) ?? null;
}

/**
 * The story's country context (ISO2 codes) that {@link resolvePlaces} uses: countries named in the
 * story, the countries of demonyms and capitals, and the dateline's country.
 */
export function storyContext(doc: Doc, ctx: Context): string[] {
  const g = gazetteer(ctx);
  return storyCountries(doc, g, true, resolveDateline(doc, ctx));
}

/**
 * Resolve one toponym span of `doc.text` (for example a gold span) as the places stage would: with
 * the story's countries (`countries`, from {@link storyContext}) and an admin-1 qualifier printed
 * after it ("Paris, Texas"). Returns null when the gazetteer has no entry.
 */
export function resolveSpan(doc: Doc, ctx: Context, start: number, end: number, countries: string[]): Candidate | null {
  const g = gazetteer(ctx);
  const m: Mention = { id: 'span', type: 'LOC', start, end, text: doc.text.slice(start, end) };
  const q = qualifierAfter(doc, m, g);
  return g.resolve(m.text, { countries, admin1: q?.text });
}

/** ISO2 countries named in the story (country names, demonyms, capitals; optionally the dateline). */
function storyCountries(doc: Doc, g: Gazetteer, withDateline: boolean, dateline?: Candidate | null): string[] {
  const out = new Set<string>();
  for (const m of doc.mentions) {
    if (m.type !== 'LOC' && m.type !== 'NORP') continue;
    const c = g.resolve(m.text);
    if (!c || !c.country) continue;
    const fc = c.featureCode;
    // Unambiguous country evidence only: a country whose name is not also a division elsewhere, a demonym, or a capital.
    if (fc.startsWith('PCL')) {
      if (g.candidates(m.text).some((x) => x.featureCode === 'ADM1' && x.country !== c.country)) continue;
      out.add(c.country);
    } else if (fc === 'PPLC' || m.type === 'NORP') out.add(c.country);
  }
  if (withDateline && dateline?.country) out.add(dateline.country);
  return [...out];
}

const COMPASS = new Set(['west', 'east', 'north', 'south', 'the west', 'the east', 'the north', 'the south']);

/** Resolve the LOC mentions and NORP entities of one document. */
export function resolvePlaces(doc: Doc, ctx: Context): void {
  const g = gazetteer(ctx);
  const dateline = resolveDateline(doc, ctx);
  const countries = storyCountries(doc, g, true, dateline);
  const places: Place[] = [];
  const qualifierSpans: Array<[number, number]> = [];
  const byMention = new Map<string, Candidate>();
  const locs = doc.mentions.filter((m) => m.type === 'LOC').sort((a, b) => a.start - b.start);
  for (const m of locs) {
    if (qualifierSpans.some(([s, e]) => m.start >= s && m.end <= e)) continue;
    // "the West", "the East": geopolitical blocs, not the administrative regions of that name
    // (Cameroon's West Region); a bare compass word is left unresolved
    if (COMPASS.has(m.text.toLowerCase())) continue;
    const q = qualifierAfter(doc, m, g);
    const c = g.resolve(m.text, { countries, admin1: q?.text });
    if (q) qualifierSpans.push([m.end, q.end]);
    if (!c) {
      addMessage(doc, 'places', 'W_PLACE_UNRESOLVED', `toponym not in gazetteer: ${m.text}`);
      continue;
    }
    byMention.set(m.id, c);
    places.push({
      start: m.start,
      end: m.end,
      text: m.text,
      name: c.name,
      geonamesId: c.geonamesId,
      country: c.country,
      lat: c.lat,
      lon: c.lon,
      featureCode: c.featureCode,
      mentionId: m.id,
      stage: 'places',
      confidence: c.featureCode.startsWith('PCL') ? 0.95 : q ? 0.9 : 0.8,
    });
  }
  doc.places = places;
  const mentionById = new Map(doc.mentions.map((m) => [m.id, m]));
  for (const e of doc.entities) {
    if (e.type === 'LOC') {
      const c = e.mentionIds.map((id) => byMention.get(id)).find((x) => x !== undefined);
      if (!c) continue;
      e.geonamesId = c.geonamesId;
      if (c.country) e.country = c.country;
      e.lat = c.lat;
      e.lon = c.lon;
    } else if (e.type === 'NORP') {
      const texts = e.mentionIds.map((id) => mentionById.get(id)?.text).filter((t): t is string => !!t);
      for (const t of [e.name, ...texts]) {
        const c = g.resolve(t);
        if (c && (c.featureCode.startsWith('PCL') || c.featureCode === 'CONT' || c.featureCode === 'RGN')) {
          if (c.country) e.country ??= c.country;
          break;
        }
      }
    }
  }
}

/** Pipeline stage `places`: requires `mentions` and `entities`, provides `places`. */
export const placesStage: Stage = {
  name: 'places',
  requires: ['mentions', 'entities'],
  provides: ['places'],
  run(doc: Doc, ctx: Context) {
    resolvePlaces(doc, ctx);
  },
};
