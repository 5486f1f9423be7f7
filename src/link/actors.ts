/**
 * The `actors` stage: a CAMEO actor code for every entity, as of the document date
 * (`doc.meta.published`), from the compiled actor dictionary (`actor-dictionary.ts`). The events
 * stage re-resolves dictionary codes as of each event's own date with {@link actorOnDate}.
 *
 * Rules, in order, for each entity:
 * 1. PER/ORG/MISC: the longest of its mention texts found by `lookup` (whole phrase, else surname of
 *    a person entry) gives the code valid on the date (Phoenix/PETRARCH date restrictions).
 * 2. LOC: a country name → the ISO alpha-3 code ("Russia" → `RUS`); a region → the CAMEO regional
 *    code (`CAS`, `EUR`). A capital ("Moscow") gets `metonymy: '<ISO3>GOV'` — the government it can
 *    stand for ("Moscow will supply Minsk" → RUSGOV, BLRGOV) — but no `actor`: the capital stays a
 *    place, and the events stage uses `metonymy` when the capital is the source or target of an
 *    event. Other cities get no code.
 *    A LOC entity that is no place but a dictionary group or organisation ("Hamas", "the White
 *    House" typed as places; the whole name, not a surname) gets that entry's code; an ORG/MISC entity whose text is a country name ("the PRC")
 *    gets the country's code. A PER/MISC name ending in a plural demonym ("Young Algerians",
 *    "Bosnian Serbs") gets the country of its first demonym word.
 * 3. NORP: the demonym's country (`RUS`), or region (`EUR`).
 * 4. A person not in the dictionary gets a code from the role found by the `entities` stage:
 *    `roleCountry` + `agent(roleTitle)` ("Kazakh President X" → `KAZGOV`); or, with `roleOf`
 *    (the principal's entity id): staff titles (spokesman, aide, adviser, assistant, press
 *    secretary, envoy, representative) take the principal's own code — a president's spokesman
 *    speaks for the government (CAMEO codes government spokespersons as GOV) —, other titles take
 *    the principal's country + the title's agent code, falling back to the principal's code.
 * A readable `role` ("President of Kazakhstan") is set when missing.
 */
import type { Doc, Entity } from '../doc/types.js';
import type { Stage } from '../stage.js';
import type { Context } from '../context.js';
import { actorDictionary, type ActorDictionary, type ActorMatch } from './actor-dictionary.js';

/** Titles of people who speak or act for a principal: they take the principal's actor code. */
const STAFF = /^(?:chief )?(?:spokes(?:man|woman|person)|press secretary|aide|adviser|advisor|assistant|envoy|representative|secretary|deputy|counsellor|counselor)s?$/i;

/** Role codes (CAMEO 3-letter role) used in readable roles. */
const ROLE_WORDS: Record<string, string> = { GOV: 'government', MIL: 'military', OPP: 'opposition', REB: 'rebels', LEG: 'legislature', JUD: 'judiciary', COP: 'police', SPY: 'intelligence', MED: 'media', BUS: 'business', PTY: 'party' };

function titleCase(s: string): string {
  return s.replace(/\b([a-z])/g, (m) => m.toUpperCase()).replace(/\b(Of|The|And|For)\b/g, (m) => m.toLowerCase());
}

/** The document date as ISO `YYYY-MM-DD`, or undefined. */
function docDate(doc: Doc): string | undefined {
  const p = doc.meta.published;
  return p && /^\d{4}-\d{2}-\d{2}/.test(p) ? p.slice(0, 10) : p && /^\d{4}/.test(p) ? p : undefined;
}

/** Mention texts of an entity, longest first. */
function textsLongestFirst(e: Entity): string[] {
  const s = new Set<string>([e.name, ...e.mentions]);
  return [...s].filter(Boolean).sort((a, b) => b.length - a.length);
}

function lookupAny(dict: ActorDictionary, e: Entity, date: string | undefined, kinds: ReadonlySet<string>): ActorMatch | null {
  for (const t of textsLongestFirst(e)) {
    const m = dict.lookup(t, date);
    if (m && kinds.has(m.kind)) return m;
  }
  return null;
}

const PER_KINDS = new Set(['person']);
const ORG_KINDS = new Set(['org', 'igo', 'group', 'person']);
const GEO_KINDS = new Set(['country', 'capital', 'city', 'region', 'demonym']);
const COUNTRY_KINDS = new Set(['country']);
const LOC_AS_ORG_KINDS = new Set(['org', 'igo', 'group']);

/**
 * The dictionary code of a PER/ORG/MISC entity as of another date than the document's — the date of
 * an event the entity takes part in (ISO 8601 `YYYY-MM-DD`, or `YYYY`/`YYYY-MM`, read as the first
 * day by `dateInt`; callers pass a mid-period day for coarse dates).
 *
 * Returns null, meaning "keep `e.actor`", when the entity is a place or demonym (their codes do not
 * change with the date), when `e.actor` did not come from the dictionary on `docDate` (it came from
 * a role the text states: "Kazakh President X"), or when the dictionary has no code on `date`.
 * Example: "Tokayev" on 2015-05-01 → `KAZELI`, on 2022-01-05 → `KAZGOV` (president from 2019-03-20).
 */
export function actorOnDate(dict: ActorDictionary, e: Entity, docDate: string | undefined, date: string): string | null {
  if (e.type === 'LOC' || e.type === 'NORP') return null;
  const kinds = e.type === 'PER' ? PER_KINDS : ORG_KINDS;
  if (e.actor) {
    const now = lookupAny(dict, e, docDate, kinds);
    if (!now || now.code !== e.actor) return null;
  }
  return lookupAny(dict, e, date, kinds)?.code ?? null;
}

/** The document date of `doc` as the actors stage reads it (ISO 8601 day or year), or undefined. */
export function actorsDocDate(doc: Doc): string | undefined {
  return docDate(doc);
}

/** Code for a person from `roleCountry` + `roleTitle`, or from `roleOf`. */
function codeFromRole(dict: ActorDictionary, e: Entity, byId: Map<string, Entity>): string | null {
  const title = e.roleTitle?.trim();
  const agent = title ? dict.agent(title) : null;
  if (e.roleCountry && agent) return agent.endsWith('~') ? agent.slice(0, -1) + e.roleCountry : e.roleCountry + agent;
  if (e.roleOf) {
    const p = byId.get(e.roleOf);
    const pc = p?.actor;
    if (pc) {
      if (title && STAFF.test(title)) return pc;
      if (agent && pc.length >= 3 && !agent.endsWith('~')) return pc.slice(0, 3) + agent;
      return pc;
    }
  }
  if (e.roleCountry) return e.roleCountry;
  return null;
}

function readableRole(dict: ActorDictionary, e: Entity, byId: Map<string, Entity>): string | undefined {
  const title = e.roleTitle?.trim();
  if (!title) return undefined;
  if (e.roleOf) {
    const p = byId.get(e.roleOf);
    if (p) return `${title.toLowerCase()} of ${p.name}`;
  }
  if (e.roleCountry) {
    const c = dict.countryByIso3(e.roleCountry);
    if (c) return `${titleCase(title.toLowerCase())} of ${c.name}`;
  }
  return undefined;
}

/** Set `actor` (and `metonymy`, `role`, `country`) on the entities of one document. */
export function linkActors(doc: Doc, dict: ActorDictionary): void {
  const date = docDate(doc);
  const byId = new Map(doc.entities.map((e) => [e.id, e]));
  const pending: Entity[] = [];
  for (const e of doc.entities) {
    if (e.type === 'LOC' || e.type === 'NORP') {
      const m = lookupAny(dict, e, date, GEO_KINDS);
      if (!m) {
        // a group or organisation the recognizer typed as a place ("Hamas", "the White House"): its
        // dictionary code, when the entity's whole name is the entry (no surname match: "Jacob")
        const o = dict.lookup(e.name, date);
        if (o && LOC_AS_ORG_KINDS.has(o.kind) && !o.code.startsWith('---') && o.length === e.name.split(/\s+/).length) e.actor ??= o.code;
        continue;
      }
      const c = dict.countryByIso3(m.code.slice(0, 3));
      if (m.kind === 'region') {
        e.actor ??= m.code;
      } else if (m.kind === 'capital') {
        if (c) e.metonymy ??= c.iso3 + 'GOV';
        if (c) e.country ??= c.iso2;
      } else if (m.kind === 'city') {
        // a place only
      } else if (c) {
        e.actor ??= m.code.length === 3 ? m.code : c.iso3;
        e.country ??= c.iso2;
      }
      continue;
    }
    const m = lookupAny(dict, e, date, e.type === 'PER' ? PER_KINDS : ORG_KINDS);
    if (m) {
      e.actor ??= m.code;
      continue;
    }
    // an organisation the recognizer typed as a person ("the European Community"): its code, when
    // the entity's whole name is the entry
    if (e.type === 'PER') {
      const o = dict.lookup(e.name, date);
      if (o && LOC_AS_ORG_KINDS.has(o.kind) && !o.code.startsWith('---') && o.length === e.name.split(/\s+/).length && e.name.includes(' ')) {
        e.actor ??= o.code;
        continue;
      }
    }
    // a group of people named by a plural demonym ("Young Algerians", "Bosnian Serbs", "Thousands
    // of Nigerians"): that country
    const pd = pluralDemonymCountry(dict, e.name, date);
    if (pd && (e.type === 'PER' || e.type === 'MISC')) {
      e.actor ??= pd.iso3;
      e.country ??= pd.iso2;
      continue;
    }
    if (e.type === 'ORG' || e.type === 'MISC') {
      // a country the recognizer typed as an organisation ("the PRC"): the country's code
      const g = /^[A-Za-z][A-Za-z .'-]*$/.test(e.name) ? lookupAny(dict, e, date, COUNTRY_KINDS) : null;
      const gc = g ? dict.countryByIso3(g.code.slice(0, 3)) : null;
      if (g && gc) {
        e.actor ??= g.code.length === 3 ? g.code : gc.iso3;
        e.country ??= gc.iso2;
        continue;
      }
      // An organisation named after a country ("the Georgian defence ministry"): demonym/country + agent of the head noun.
      const words = e.name.split(/\s+/);
      const c = words.length > 1 ? dict.country(words[0]) ?? dict.country(words.slice(0, 2).join(' ')) : null;
      const agent = c ? dict.agent(words.slice(1).join(' ')) : null;
      if (c && agent && !agent.endsWith('~')) {
        e.actor ??= c.iso3 + agent;
        e.country ??= c.iso2;
      }
      // An organization placed in a country by the text ("Russia's 201st Motor Rifle Division"):
      // that country + the agent of its head noun; military units (not in the Phoenix agents) → MIL.
      if (!e.actor && e.roleCountry) {
        const head = words[words.length - 1].toLowerCase();
        const a = MILITARY_UNITS.test(head) ? 'MIL' : dict.agent(head);
        const rc = dict.countryByIso3(e.roleCountry);
        if (a && !a.endsWith('~')) e.actor = e.roleCountry + a;
        if (rc) e.country ??= rc.iso2;
      }
      continue;
    }
    pending.push(e);
  }
  // Roles after dictionary codes, so that roleOf can use the principal's code; two passes for chains.
  for (let pass = 0; pass < 2; pass++) {
    for (const e of pending) {
      if (e.actor) continue;
      const code = codeFromRole(dict, e, byId);
      if (code) e.actor = code;
    }
  }
  for (const e of doc.entities) {
    if (e.type !== 'PER' || e.role) continue;
    const r = readableRole(dict, e, byId);
    if (r) e.role = r;
    else if (e.actor && e.actor.length >= 6) {
      const c = dict.countryByIso3(e.actor.slice(0, 3));
      const w = ROLE_WORDS[e.actor.slice(3, 6)];
      if (c && w) e.role = `${w} of ${c.name}`;
    }
  }
}

/** Ethnic and religious group nouns named after a demonym ("Bosnian Serbs", "Iraqi Kurds"). */
const PEOPLE_GROUPS = /^(?:Serbs|Croats|Kurds|Arabs|Muslims|Moslems|Christians|Jews|Shias|Shiites|Sunnis|Tamils|Hutus|Tutsis|Pashtuns|Uighurs|Uyghurs|Tajiks|Uzbeks|Russians|Turks|Albanians|Hindus|Sikhs|Catholics|Protestants)$/;

/**
 * The country of a name ending in a plural demonym ("Young Algerians", "Irish Americans" → USA), or
 * in an ethnic or religious group noun right after a demonym ("Bosnian Serbs" → BIH: the first
 * demonym word). Null otherwise.
 */
function pluralDemonymCountry(dict: ActorDictionary, name: string, date: string | undefined): { iso3: string; iso2: string } | null {
  const words = name.split(/\s+/);
  const last = words[words.length - 1];
  const demonym = (w: string) => {
    const m = dict.lookup(w, date);
    return m && m.kind === 'demonym' && m.length === 1 ? dict.countryByIso3(m.code.slice(0, 3)) : null;
  };
  if (!/[a-z]s$/.test(last)) return null;
  // the last word a plural demonym, or a plural people noun after a demonym ("Bosnian Serbs")
  // the head names the people ("Irish Americans" are American)
  const head = demonym(last.slice(0, -1));
  if (head) return { iso3: head.iso3, iso2: head.iso2 };
  if (!(words.length >= 2 && demonym(words[words.length - 2]) && PEOPLE_GROUPS.test(last))) return null;
  for (const w of words) {
    const c = demonym(w) ?? (/[a-z]s$/.test(w) ? demonym(w.slice(0, -1)) : null);
    if (c) return { iso3: c.iso3, iso2: c.iso2 };
  }
  return null;
}

/** Head nouns of military formations (general military vocabulary; absent from Phoenix.agents.txt). */
const MILITARY_UNITS = /^(division|divisions|brigade|brigades|regiment|regiments|battalion|battalions|corps|fleet|flotilla|squadron|platoon|garrison|legion)$/;

/** Pipeline stage `actors`: requires `entities`, provides `actors` (see the module comment for the rules). */
export const actorsStage: Stage = {
  name: 'actors',
  requires: ['entities'],
  provides: ['actors'],
  run(doc: Doc, ctx: Context) {
    linkActors(doc, actorDictionary(ctx));
  },
};
