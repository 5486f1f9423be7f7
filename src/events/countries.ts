/**
 * Country names, alternative spellings and demonyms → ISO 3166-1 alpha-3 codes (the country part
 * of a CAMEO actor code), from the `world-countries` package (mledoze/countries, ODbL).
 */
import countries from 'world-countries';
import type { Context } from '../context.js';

/** Lookup tables; keys are lower case. */
export interface CountryCodes {
  /** "russia", "russian federation" → "RUS". */
  byName: Map<string, string>;
  /** "russian" → "RUS". */
  byDemonym: Map<string, string>;
  /** "RU" → "RUS". */
  alpha2to3: Map<string, string>;
  /** Every alpha-3 code ("RUS"). */
  iso3: Set<string>;
}

/** Build the tables (pure; cached per context by `countryCodes`). */
export function buildCountryCodes(): CountryCodes {
  const byName = new Map<string, string>();
  const byDemonym = new Map<string, string>();
  const alpha2to3 = new Map<string, string>();
  type C = { cca2: string; cca3: string; independent?: boolean; name: { common: string; official: string }; altSpellings: string[]; demonyms?: Record<string, { m: string; f: string }> };
  // independent states first, so "French" is France, not the French Southern Territories
  const list = [...(countries as unknown as C[])].sort((a, b) => Number(!!b.independent) - Number(!!a.independent));
  for (const c of list) {
    alpha2to3.set(c.cca2, c.cca3);
    for (const n of [c.name.common, c.name.official, ...c.altSpellings.filter((s) => s.length > 3)]) if (!byName.has(n.toLowerCase())) byName.set(n.toLowerCase(), c.cca3);
    const d = c.demonyms?.eng;
    if (d) for (const x of [d.m, d.f]) if (x && !byDemonym.has(x.toLowerCase())) byDemonym.set(x.toLowerCase(), c.cca3);
  }
  // common demonyms the package spells differently
  for (const [d, c] of [['tajik', 'TJK'], ['turkmen', 'TKM'], ['kazakh', 'KAZ'], ['uzbek', 'UZB'], ['kyrgyz', 'KGZ'], ['belarusian', 'BLR'], ['british', 'GBR'], ['american', 'USA'], ['ukrainian', 'UKR'], ['russian', 'RUS'], ['chinese', 'CHN'], ['israeli', 'ISR'], ['palestinian', 'PSE'], ['iranian', 'IRN'], ['afghan', 'AFG'], ['french', 'FRA'], ['german', 'DEU'], ['turkish', 'TUR'], ['indian', 'IND'], ['syrian', 'SYR'], ['iraqi', 'IRQ'], ['egyptian', 'EGY']] as const) byDemonym.set(d, c);
  return { byName, byDemonym, alpha2to3, iso3: new Set(alpha2to3.values()) };
}

/** The country tables of a context (built once). */
export function countryCodes(ctx: Context): CountryCodes {
  return ctx.resource('events.countries', buildCountryCodes);
}
