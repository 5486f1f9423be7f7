import type { Doc, Entity, Mention } from '../doc/types.js';
import type { Context } from '../context.js';
import type { Stage } from '../stage.js';
import { toWords, type Word } from '../nlp/words.js';
import { isTitleWord, TITLE_MODIFIERS } from '../nlp/titles.js';
import { nameLexicon, type NameLexicon } from '../nlp/lexicon.js';
import { sameName } from '../nlp/names.js';
import { gazetteer } from '../geo/gazetteer.js';

export { nameKey, sameName } from '../nlp/names.js';

function normalize(text: string): string {
  return text.replace(/['’]s$/i, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w.charAt(0))
    .join('')
    .toUpperCase();
}

interface Cluster {
  type: Mention['type'];
  mentions: Mention[];
}

/**
 * Cluster mentions into entities: equal names (case-insensitive); for people, a short form that
 * is the first or last name of a longer one ("Putin" → "Vladimir Putin") or the same name in
 * another romanization ({@link nameKey}); for organizations, an acronym of the full name
 * ("CSTO" → "Collective Security Treaty Organization"); for places, the same gazetteer entry
 * under another name ("Kiev" and "Kyiv"), when `placeKey` (name → GeoNames id) is given.
 */
export function clusterMentions(mentions: Mention[], placeKey?: (name: string) => string | undefined): Cluster[] {
  const clusters: Cluster[] = [];
  const byKey = new Map<string, Cluster>();
  // longest PER names first so short forms attach to full names wherever they occur
  const order = [...mentions].sort((a, b) => {
    const wa = a.text.split(/\s+/).length;
    const wb = b.text.split(/\s+/).length;
    return wb - wa || a.start - b.start;
  });
  for (const m of order) {
    const key = `${m.type}:${normalize(m.text)}`;
    let c = byKey.get(key);
    if (!c) c = findCluster(clusters, m, placeKey);
    if (!c) {
      c = { type: m.type, mentions: [] };
      clusters.push(c);
    }
    c.mentions.push(m);
    byKey.set(key, c);
  }
  for (const c of clusters) c.mentions.sort((a, b) => a.start - b.start);
  clusters.sort((a, b) => a.mentions[0].start - b.mentions[0].start);
  return clusters;
}

function findCluster(clusters: Cluster[], m: Mention, placeKey?: (name: string) => string | undefined): Cluster | undefined {
  const mKey = m.type === 'LOC' && placeKey ? placeKey(m.text) : undefined;
  const parts = m.text.split(/\s+/);
  for (const c of clusters) {
    if (c.type !== m.type) continue;
    const full = c.mentions[0].text;
    const fparts = full.split(/\s+/);
    if (m.type === 'PER') {
      const flast = fparts[fparts.length - 1];
      const mlast = parts[parts.length - 1];
      if (parts.length === 1 && (sameName(mlast, flast) || (fparts.length > 1 && mlast.toLowerCase() === fparts[0].toLowerCase()))) return c;
      if (parts.length > 1 && fparts.length > 1 && sameName(mlast, flast) && parts[0].charAt(0).toLowerCase() === fparts[0].charAt(0).toLowerCase()) return c;
    } else if (m.type === 'ORG') {
      if (parts.length === 1 && fparts.length > 1 && m.text.toUpperCase() === m.text && initials(full) === m.text) return c;
      if (fparts.length === 1 && parts.length > 1 && full.toUpperCase() === full && initials(m.text) === full) return c;
    } else if (normalize(full) === normalize(m.text)) return c;
    else if (mKey && placeKey!(full) === mKey) return c;
  }
  return undefined;
}

function canonicalName(ms: Mention[]): string {
  let best = ms[0].text;
  for (const m of ms) {
    const t = m.text.replace(/['’]s$/i, '');
    const words = t.split(/\s+/).length;
    const bw = best.split(/\s+/).length;
    const mixed = t !== t.toUpperCase();
    const bmixed = best !== best.toUpperCase();
    if (words > bw || (words === bw && mixed && !bmixed) || (words === bw && mixed === bmixed && t.length > best.length)) best = t;
  }
  return best;
}

/**
 * Attach roles to person entities from titles and appositions:
 * - before the name: `[Country's|Demonym] [modifiers] Title NAME` ("Kazakh President X",
 *   "Belarus's authoritarian ruler X"), `PERSON's Title NAME` / `PERSON Title NAME`
 *   ("Rahmon's spokesman X", "Putin aide X");
 * - after the name: `NAME, [the|a|his|her] [Demonym] [modifiers] Title [of Country|of PERSON],`;
 * - before with a comma: `his Demonym Title, NAME`.
 * Sets `roleTitle`, `roleCountry` (ISO alpha-3), `roleOf` (entity id) and a readable `role`.
 */
export function attachRoles(doc: Pick<Doc, 'text' | 'tokens' | 'mentions' | 'entities'>, lex: NameLexicon): void {
  const words = toWords(doc);
  const wordAt = new Map<number, number>();
  words.forEach((w, k) => wordAt.set(w.start, k));
  const endAt = new Map<number, number>();
  words.forEach((w, k) => endAt.set(w.end, k));
  const mentionByStart = new Map<number, Mention>();
  for (const m of doc.mentions) mentionByStart.set(m.start, m);
  const mentionByEnd = new Map<number, Mention>();
  for (const m of doc.mentions) mentionByEnd.set(m.end, m);
  const entityById = new Map(doc.entities.map((e) => [e.id, e]));

  for (const m of doc.mentions) {
    if (m.type === 'ORG' && m.entityId) {
      // "Russia's 201st Motor Rifle Division", "the Tajik Border Service": the country an organization belongs to
      const e = entityById.get(m.entityId);
      const first = wordAt.get(m.start);
      if (!e || e.roleCountry || first === undefined) continue;
      const p = words[first - 1];
      const c = p && p.sentence === words[first].sentence ? (/^['’]s$/.test(p.text) && words[first - 2] ? lex.country(words[first - 2].text) : lex.country(p.text)) : null;
      if (c) e.roleCountry = c.iso3;
      continue;
    }
    if (m.type !== 'PER' || !m.entityId) continue;
    const e = entityById.get(m.entityId);
    if (!e || e.roleTitle) continue;
    const first = wordAt.get(m.start);
    const last = endAt.get(m.end);
    if (first === undefined || last === undefined) continue;
    const found = titleBefore(words, first, lex, mentionByEnd) ?? titleAfter(words, last, lex, mentionByStart);
    if (!found) continue;
    e.roleTitle = found.title;
    if (found.country) e.roleCountry = found.country.iso3;
    if (found.of && found.of.entityId && found.of.entityId !== e.id) e.roleOf = found.of.entityId;
    const ofName = found.of?.entityId ? entityById.get(found.of.entityId)?.name ?? found.of.text : undefined;
    const head = found.title.charAt(0).toUpperCase() + found.title.slice(1);
    if (found.country) e.role = `${head} of ${found.country.name}`;
    else if (ofName) e.role = `${found.title} ${/\b(aide|adviser|advisor|assistant)$/.test(found.title) ? 'to' : 'of'} ${ofName}`;
    else e.role = head;
  }
}

interface RoleFound {
  title: string;
  country?: { iso3: string; name: string };
  of?: Mention;
}

function titleBefore(words: Word[], first: number, lex: NameLexicon, mentionByEnd: Map<number, Mention>): RoleFound | null {
  let k = first - 1;
  const sentence = words[first].sentence;
  // "his Tajik counterpart, NAME" — a comma between title and name
  if (k >= 0 && words[k].text === ',' && k - 1 >= 0 && isTitleWord(words[k - 1].text)) k--;
  if (k < 0 || words[k].sentence !== sentence || !isTitleWord(words[k].text)) return null;
  const titleEnd = k;
  while (k - 1 >= 0 && words[k - 1].sentence === sentence && (isTitleWord(words[k - 1].text) || TITLE_MODIFIERS.has(words[k - 1].text.toLowerCase()))) k--;
  const title = words.slice(k, titleEnd + 1).map((w) => w.text.toLowerCase()).join(' ');
  const found: RoleFound = { title };
  const p = words[k - 1];
  if (p && p.sentence === sentence) {
    const c = lex.country(p.text);
    if (c) found.country = c;
    else if (/^['’]s$/.test(p.text) && words[k - 2]) {
      const owner = mentionByEnd.get(words[k - 2].end);
      const oc = owner && owner.type !== 'PER' ? lex.country(owner.text) : null;
      if (oc) found.country = oc;
      else if (owner && owner.type === 'PER') found.of = owner;
    } else {
      const owner = mentionByEnd.get(p.end);
      if (owner && owner.type === 'PER') found.of = owner;
    }
  }
  return found;
}

function titleAfter(words: Word[], last: number, lex: NameLexicon, mentionByStart: Map<number, Mention>): RoleFound | null {
  let k = last + 1;
  const sentence = words[last].sentence;
  if (!words[k] || words[k].text !== ',' ) return null;
  k++;
  if (words[k] && /^(the|a|an|his|her|its|their)$/i.test(words[k].text)) k++;
  let country: { iso3: string; name: string } | undefined;
  const c0 = words[k] ? lex.country(words[k].text) : null;
  if (c0) {
    country = c0;
    k++;
  }
  const start = k;
  while (words[k] && words[k].sentence === sentence && TITLE_MODIFIERS.has(words[k].text.toLowerCase()) && !isTitleWord(words[k].text)) k++;
  if (!words[k] || !isTitleWord(words[k].text)) return null;
  while (words[k + 1] && isTitleWord(words[k + 1].text)) k++;
  const title = words.slice(start, k + 1).map((w) => w.text.toLowerCase()).join(' ');
  const found: RoleFound = { title, country };
  if (words[k + 1] && /^(of|to|for)$/i.test(words[k + 1].text) && words[k + 2]) {
    const owner = mentionByStart.get(words[k + 2].start);
    if (owner) {
      const oc = owner.type === 'PER' ? null : lex.country(owner.text);
      if (oc) found.country = oc;
      else if (owner.type === 'PER') found.of = owner;
    }
  }
  return found;
}

/** The `entities` stage: mention clusters with canonical names and roles. */
export const entitiesStage: Stage = {
  name: 'entities',
  requires: ['mentions'],
  provides: ['entities'],
  run(doc: Doc, ctx: Context) {
    const gaz = gazetteer(ctx);
    const keys = new Map<string, string | undefined>();
    const placeKey = (name: string) => {
      if (!keys.has(name)) {
        const c = gaz.resolve(name);
        keys.set(name, c && c.geonamesId ? String(c.geonamesId) : undefined);
      }
      return keys.get(name);
    };
    const clusters = clusterMentions(doc.mentions, placeKey);
    doc.entities = clusters.map((c, k): Entity => {
      const id = `e${k + 1}`;
      for (const m of c.mentions) m.entityId = id;
      const seen = new Set<string>();
      const texts: string[] = [];
      for (const m of c.mentions) {
        const t = m.text.replace(/['’]s$/i, '');
        if (!seen.has(t)) {
          seen.add(t);
          texts.push(t);
        }
      }
      return {
        id,
        name: canonicalName(c.mentions),
        type: c.type,
        mentions: texts,
        mentionIds: c.mentions.map((m) => m.id),
        stage: 'entities',
        confidence: Math.max(...c.mentions.map((m) => m.confidence ?? 0.5)),
      };
    });
    attachRoles(doc, nameLexicon(ctx));
  },
};
