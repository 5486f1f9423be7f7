/**
 * ISO 3166-1 country code conversions (alpha-2 ↔ alpha-3), from the `world-countries` package
 * (mledoze/countries, ODbL-1.0). Loaded once, lazily, on first use.
 */
import { createRequire } from 'node:module';

interface CountryCodes {
  to3: Map<string, string>;
  to2: Map<string, string>;
}

let codes: CountryCodes | undefined;

function load(): CountryCodes {
  if (codes) return codes;
  const require = createRequire(import.meta.url);
  const list = require('world-countries') as Array<{ cca2: string; cca3: string }>;
  const to3 = new Map<string, string>();
  const to2 = new Map<string, string>();
  for (const c of list) {
    to3.set(c.cca2, c.cca3);
    to2.set(c.cca3, c.cca2);
  }
  // Kosovo's user-assigned codes, used by CAMEO/GDELT as "KSV"/"XK".
  to2.set('KSV', 'XK');
  codes = { to3, to2 };
  return codes;
}

/** ISO 3166-1 alpha-3 code for an alpha-2 code ("TJ" → "TJK"); an alpha-3 input is returned as is; undefined when unknown. */
export function iso3(code: string | undefined | null): string | undefined {
  if (!code) return undefined;
  const c = code.toUpperCase();
  const { to3, to2 } = load();
  if (c.length === 3 && to2.has(c)) return c;
  return to3.get(c);
}

/** ISO 3166-1 alpha-2 code for an alpha-3 code ("TJK" → "TJ"); an alpha-2 input is returned as is; undefined when unknown. */
export function iso2(code: string | undefined | null): string | undefined {
  if (!code) return undefined;
  const c = code.toUpperCase();
  const { to3, to2 } = load();
  if (c.length === 2 && to3.has(c)) return c;
  return to2.get(c);
}

/** True when `code` is an ISO 3166-1 alpha-3 country code (upper case). */
export function isIso3(code: string): boolean {
  return code.length === 3 && load().to2.has(code);
}
