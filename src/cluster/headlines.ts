/**
 * Near-duplicate headlines: several outlets' headlines of one event ("UAE halts trade with Iran …",
 * "United Arab Emirates suspends commerce with Iran - Outlet A"). Word shingles fail here: a
 * headline is ~10 words, paraphrased, with an acronym for a full name, so token overlap is ~0.4
 * (the dedup hard case). What identifies the story is its entity set plus what happened, so two
 * headlines are the same story when, after their outlet suffixes are stripped (`./titles.js`):
 * - their linked entity sets overlap strongly: at least 2 shared entity keys and a Jaccard
 *   similarity of the key sets ≥ 0.5 (a key is the entity's CAMEO actor code, else its GeoNames
 *   id, else its lower-cased name, so "UAE" and "United Arab Emirates" are one key, ARE), and they
 *   share at least one content word outside the entity names (crudely stemmed: "missiles" ~
 *   "missile"), so that two different events between the same parties stay apart; or
 * - their content-word Jaccard similarity is ≥ 0.5 (near-verbatim headlines).
 * Clusters are the connected components of that relation.
 */
import type { Doc } from '../doc/types.js';
import { words } from './minhash.js';

/** A headline as compared: its words and its entity keys. */
export interface HeadlineItem {
  /** The headline with its outlet suffix already stripped. */
  title: string;
  /** Entity keys (actor code, GeoNames id or lower-cased name) of the headline's entities. */
  entityKeys: string[];
  /** Lower-cased words of the entities' mentions, left out of the content-word comparison. */
  entityWords?: string[];
}

/** English function words and reporting verbs left out of the content-word comparison. */
const STOP = new Set(
  ('a an the and or but of in on at to for from by with after before over into as is are was were be been it its this that ' +
    'says said say tells told following amid new fresh').split(' '),
);

/** A crude suffix-stripping stem (plural and verb endings), enough to match "missiles" with "missile". */
export function crudeStem(w: string): string {
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 4 && w.endsWith('es')) return w.slice(0, -1).replace(/e$/, '');
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1).replace(/e$/, '');
  return w.replace(/e$/, '');
}

/** The entity keys and entity words of an analysed headline (see {@link HeadlineItem}). */
export function headlineItem(title: string, doc: Pick<Doc, 'entities'>): HeadlineItem {
  const keys = new Set<string>();
  const ew = new Set<string>();
  for (const e of doc.entities) {
    keys.add(e.actor ?? (e.geonamesId ? `gn:${e.geonamesId}` : e.name.toLowerCase()));
    for (const m of [e.name, ...(e.mentions ?? [])]) for (const w of words(m)) ew.add(w);
  }
  return { title, entityKeys: [...keys], entityWords: [...ew] };
}

function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (!a.size && !b.size) return 0;
  let i = 0;
  for (const x of a) if (b.has(x)) i++;
  return i / (a.size + b.size - i);
}

/**
 * Cluster headlines (see the module comment for the rule).
 * @returns clusters as lists of indexes into `items`, each sorted, ordered by their first index;
 *   a headline like no other is a cluster of one
 */
export function clusterHeadlines(items: HeadlineItem[]): number[][] {
  const content = items.map((it) => {
    const ew = new Set(it.entityWords ?? []);
    return new Set(words(it.title).filter((w) => !STOP.has(w) && !ew.has(w)).map(crudeStem));
  });
  const allWords = items.map((it) => new Set(words(it.title).filter((w) => !STOP.has(w)).map(crudeStem)));
  const keys = items.map((it) => new Set(it.entityKeys));
  const parent = items.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      let sharedKeys = 0;
      for (const k of keys[i]) if (keys[j].has(k)) sharedKeys++;
      let sharedContent = 0;
      for (const w of content[i]) if (content[j].has(w)) sharedContent++;
      const byEntities = sharedKeys >= 2 && jaccard(keys[i], keys[j]) >= 0.5 && sharedContent >= 1;
      const byWords = jaccard(allWords[i], allWords[j]) >= 0.5;
      if (byEntities || byWords) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, number[]>();
  items.forEach((_, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), i]);
  });
  return [...groups.values()].sort((a, b) => a[0] - b[0]);
}

/** The outcome of scoring one dedup case. */
export interface DedupCaseResult {
  /** Predicted clusters (indexes into the case's headlines). */
  clusters: number[][];
  /** True when the predicted partition equals the expected one (order-free). */
  clustersPass: boolean;
  /** For each expected shared entity ("United Arab Emirates (=UAE)"): found in every headline of its cluster. */
  sharedEntities: Array<{ entity: string; pass: boolean }>;
}

/** A partition as a canonical string (each cluster sorted, clusters sorted). */
function canon(p: number[][]): string {
  return JSON.stringify(p.map((c) => [...c].sort((a, b) => a - b)).sort((a, b) => a[0] - b[0]));
}

/**
 * Score a dedup case (`{input: headlines[], expected: {clusters, shared_entities}}`): analyse each
 * headline with its outlet suffix stripped, cluster with {@link clusterHeadlines}, compare the
 * partition with the expected one, and check that each expected shared entity (its name, or an
 * alias written "(=UAE)") names an entity of every headline of the largest expected cluster.
 * How `src/eval/cases.ts` can score its dedup items: `clusters` passes when `clustersPass`;
 * each `shared_entities` entry passes when its `pass` is true.
 */
export async function scoreDedupCase(
  headlines: string[],
  expected: { clusters?: number[][]; shared_entities?: string[] },
  analyze: (text: string) => Promise<Pick<Doc, 'entities'>>,
): Promise<DedupCaseResult> {
  const { stripOutletSuffix } = await import('./titles.js');
  const docs: Array<Pick<Doc, 'entities'>> = [];
  const items: HeadlineItem[] = [];
  for (const h of headlines) {
    const t = stripOutletSuffix(h);
    const doc = await analyze(t);
    docs.push(doc);
    items.push(headlineItem(t, doc));
  }
  const clusters = clusterHeadlines(items);
  const want = expected.clusters ?? [];
  const biggest = [...want].sort((a, b) => b.length - a.length)[0] ?? [];
  const sharedEntities = (expected.shared_entities ?? []).map((entity) => {
    const names = [entity.replace(/\s*\(.*\)\s*$/, ''), ...[...entity.matchAll(/=\s*([^)]+)/g)].map((m) => m[1])]
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    const pass = biggest.length > 0 && biggest.every((i) =>
      (docs[i]?.entities ?? []).some((e) => [e.name, ...(e.mentions ?? [])].some((m) => names.includes(m.toLowerCase()))));
    return { entity, pass };
  });
  return { clusters, clustersPass: canon(clusters) === canon(want), sharedEntities };
}
