import type { MentionType } from '../doc/types.js';
import type { Context } from '../context.js';
import { actorDictionary } from '../link/actor-dictionary.js';
import { gazetteer } from '../geo/gazetteer.js';
import { isFunctionWord } from './titles.js';

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
  city: 'LOC',
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
    // demonym answers per word: the region fallback asks the gazetteer, which is slow per token
    const demonyms = new Map<string, string | null>();
    // and per word as written (most calls: every word of every story), which skips the "'s" strip
    const demonymsRaw = new Map<string, string | null>();
    const lexicon: NameLexicon = {
      match(words: string[], i: number) {
        let best: { length: number; type: MentionType } | null = null;
        const place = gaz.isPlaceName(words, i);
        if (place > 0) best = { length: place, type: 'LOC' };
        const a = actors.matchAt(words, i);
        if (a && (!best || a.length > best.length)) {
          const type = KIND_TYPE[a.kind] ?? 'ORG';
          best = { length: a.length, type };
        }
        // the gazetteer's keys ignore periods: never let a match end on punctuation ("Russia .")
        while (best && best.length > 0 && !/[\p{L}\p{N}]/u.test(words[i + best.length - 1] ?? '')) best.length--;
        if (best && best.length === 0) best = null;
        // a function word alone is no name ("But", "We", "No" match GeoNames alternate names)
        if (best && best.length === 1 && isFunctionWord(words[i])) return null;
        if (best && best.length === 1 && lexicon.demonym(words[i])) return { length: 1, type: 'NORP' };
        return best;
      },
      demonym(word: string) {
        const raw = demonymsRaw.get(word);
        if (raw !== undefined) return raw;
        if (demonymsRaw.size >= 100_000) demonymsRaw.clear();
        const v = demonymStripped(strip(word));
        demonymsRaw.set(word, v);
        return v;
      },
      country(word: string) {
        const c = actors.country(strip(word));
        return c ? { iso3: c.iso3, name: c.name } : null;
      },
    };
    /** Demonym of a word without its "'s", cached per stripped word. */
    function demonymStripped(w: string): string | null {
      const hit = demonyms.get(w);
      if (hit !== undefined) return hit;
      if (demonyms.size >= 100_000) demonyms.clear();
      const v = demonymOf(w);
      demonyms.set(w, v);
      return v;
    }
    /** Uncached demonym lookup (see {@link NameLexicon.demonym}). */
    function demonymOf(w: string): string | null {
      const c = actors.country(w);
      if (c) return c.via === 'demonym' ? c.iso3 : null;
      // region demonyms ("European", "Central Asian"): the gazetteer maps them to the region
      if (!/(an|ese|ish|ic|i)$/i.test(w)) return null;
      const r = gaz.resolve(w);
      if (!r || (r.featureCode !== 'CONT' && r.featureCode !== 'RGN') || r.name.toLowerCase() === w.toLowerCase()) return null;
      return actors.matchAt([r.name], 0)?.code ?? r.name.slice(0, 3).toUpperCase();
    }
    return lexicon;
  });
}
