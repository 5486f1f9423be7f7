import type { MentionType } from '../doc/types.js';
import type { Context } from '../context.js';
import { actorDictionary } from '../link/actor-dictionary.js';
import { gazetteer } from '../geo/gazetteer.js';

/**
 * The name gazetteer the rule-based recognizer and the role attacher consult: known names of
 * places (GeoNames, world-countries), people, organizations and groups (Phoenix actor
 * dictionaries), and demonyms. Matching is on whole words, case-insensitive.
 */
export interface NameLexicon {
  /** Longest known name starting at `words[i]`: its length in words and mention type, or null. */
  match(words: string[], i: number): { length: number; type: MentionType } | null;
  /** ISO 3166-1 alpha-3 code when `word` is a demonym or country adjective ("Tajik" → "TJK"). */
  demonym(word: string): string | null;
  /** Country named by a country name, demonym or "Country's" form, with its English name. */
  country(word: string): { iso3: string; name: string } | null;
}

const KIND_TYPE: Record<string, MentionType> = {
  country: 'LOC',
  capital: 'LOC',
  place: 'LOC',
  region: 'LOC',
  person: 'PER',
  org: 'ORG',
  igo: 'ORG',
  ngo: 'ORG',
  group: 'ORG',
  demonym: 'NORP',
};

/**
 * The lexicon of a context, built over the compiled actor dictionary and gazetteer in `data/`.
 * Places win over actor entries of the same length (a country in the actor dictionary is a LOC).
 */
export function nameLexicon(ctx: Context): NameLexicon {
  return ctx.resource('nameLexicon', () => {
    const actors = actorDictionary(ctx);
    const gaz = gazetteer(ctx);
    const strip = (w: string) => w.replace(/['’]s$/i, '');
    return {
      match(words: string[], i: number) {
        let best: { length: number; type: MentionType } | null = null;
        const place = gaz.isPlaceName(words, i);
        if (place > 0) best = { length: place, type: 'LOC' };
        const a = actors.matchAt(words, i);
        if (a && (!best || a.length > best.length)) {
          const type = KIND_TYPE[a.kind] ?? 'ORG';
          best = { length: a.length, type };
        }
        if (best && best.length === 1) {
          const c = actors.country(strip(words[i]));
          if (c && c.via === 'demonym') return { length: 1, type: 'NORP' };
        }
        return best;
      },
      demonym(word: string) {
        const c = actors.country(strip(word));
        return c && c.via === 'demonym' ? c.iso3 : null;
      },
      country(word: string) {
        const c = actors.country(strip(word));
        return c ? { iso3: c.iso3, name: c.name } : null;
      },
    };
  });
}
