/**
 * Across-story deduplication, independent of the database: (1) near-duplicate story clusters
 * from LSH candidate groups verified by MinHash, (2) one real-world event from many reports
 * (GDELT's NumMentions / NumSources / NumArticles). Both stores load their rows, call these pure
 * functions and write the results back in one transaction (`dateline dedup`).
 */
import { createHash } from 'node:crypto';
import { estimateJaccard, MINHASH_DEFAULTS } from './minhash.js';
import { stripOutletSuffix } from './titles.js';

/** The text a story's MinHash signature is computed from: its headline without outlet suffix, then its body. */
export function clusterText(title: string | undefined | null, text: string): string {
  return `${stripOutletSuffix(title ?? '')}\n${text}`;
}

/** A story as seen by {@link clusterStories}. */
export interface ClusterStory {
  id: string;
  /** Publication date, ISO 8601, or null. */
  published: string | null;
  /** `meta.originalPublisher`, when the story names the agency or outlet that wrote it. */
  originalPublisher: string | null;
}

/** One story's cluster. */
export interface ClusterAssignment {
  storyId: string;
  /** Cluster id: the id of the cluster's representative story (earliest published, then smallest id). */
  clusterId: string;
  /** Stories in the cluster. */
  size: number;
  /** The original publisher named by any story of the cluster (the representative's first), or null. */
  originalPublisher: string | null;
}

/** Largest candidate group verified pair by pair; in a larger one each member is compared with the first 64 only. */
const MAX_FULL_GROUP = 400;

/**
 * Cluster stories into near-duplicate groups: two stories of a candidate group (stories sharing
 * an LSH band key) are joined when their estimated Jaccard similarity is at least `threshold`;
 * clusters are the connected components (union–find), so A≈B and B≈C put A, B, C together.
 * Every story gets an assignment (a story with no near-duplicate is its own cluster of one).
 * Deterministic: the result does not depend on the order of `stories` or `groups`.
 * @param stories every story to assign
 * @param groups candidate groups: story ids sharing one band key
 * @param signature the MinHash signature of a story id
 */
export function clusterStories(
  stories: ClusterStory[],
  groups: string[][],
  signature: (id: string) => Uint32Array | undefined,
  threshold = MINHASH_DEFAULTS.threshold,
): ClusterAssignment[] {
  const parent = new Map<string, string>();
  for (const s of stories) parent.set(s.id, s.id);
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    while (parent.get(x) !== r) {
      const n = parent.get(x)!;
      parent.set(x, r);
      x = n;
    }
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  for (const g0 of groups) {
    const g = [...new Set(g0)].filter((id) => parent.has(id)).sort();
    for (let i = 1; i < g.length; i++) {
      const si = signature(g[i]);
      if (!si) continue;
      const upto = g.length > MAX_FULL_GROUP ? Math.min(i, 64) : i;
      for (let j = 0; j < upto; j++) {
        if (find(g[i]) === find(g[j])) continue;
        const sj = signature(g[j]);
        if (sj && estimateJaccard(si, sj) >= threshold) union(g[i], g[j]);
      }
    }
  }
  const members = new Map<string, ClusterStory[]>();
  for (const s of stories) {
    const r = find(s.id);
    let m = members.get(r);
    if (!m) members.set(r, (m = []));
    m.push(s);
  }
  const out: ClusterAssignment[] = [];
  for (const m of members.values()) {
    m.sort((a, b) => (a.published ?? '\uffff').localeCompare(b.published ?? '\uffff') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const rep = m[0];
    const orig = m.find((s) => s.originalPublisher)?.originalPublisher ?? null;
    for (const s of m) out.push({ storyId: s.id, clusterId: rep.id, size: m.length, originalPublisher: orig });
  }
  out.sort((a, b) => (a.storyId < b.storyId ? -1 : 1));
  return out;
}

/** One coded event mention, as read from the `events` table with its story's metadata. */
export interface ReportRow {
  storyId: string;
  /** Position of the event in its story (`events.ord`). */
  ord: number;
  eventId: string;
  cameo: string;
  root: string;
  sourceActor: string;
  targetActor: string | null;
  /** Event date (TIMEX3 value) or null. */
  date: string | null;
  geonamesId: number | null;
  placeName: string | null;
  lat: number | null;
  lon: number | null;
  modality: string;
  /** The story's publication date (ISO 8601) or null: used when the event has no date. */
  published: string | null;
  /** Publisher of the story's copy (`meta.publisher`, else the URL's host), or null. */
  publisher: string | null;
  /** The story's near-duplicate cluster id (its own id when alone). */
  clusterId: string;
}

/** One real-world event built from one or more reports. */
export interface RealEvent {
  /** Stable id: sha256 (first 32 hex digits) of the key and the first report. */
  id: string;
  sourceActor: string;
  targetActor: string | null;
  root: string;
  /** The most frequent CAMEO code of its reports (ties: the smallest code). */
  cameo: string;
  /** The most precise date of its reports (ISO 8601 day, month or year), or null. */
  date: string | null;
  /** `happened` (asserted or reported) or `planned`. */
  status: 'happened' | 'planned';
  geonamesId: number | null;
  placeName: string | null;
  lat: number | null;
  lon: number | null;
  /** GDELT NumMentions: event mentions (coded event rows) across all reports. */
  numMentions: number;
  /** GDELT NumSources: distinct publishers (a story with no known publisher counts as its own source). */
  numSources: number;
  /** GDELT NumArticles: distinct stories. */
  numArticles: number;
  /** Distinct near-duplicate clusters: reprints of one wire story count once. */
  numClusters: number;
}

/** The link from a real event to one report: the story, the event's position in it and its id. */
export interface RealEventReport {
  realEventId: string;
  storyId: string;
  ord: number;
  eventId: string;
}

const DAY = /^\d{4}(-\d{2}(-\d{2})?)?/;

/** The date a report is placed at: the event's own date, else its story's publication day, cut to YYYY[-MM[-DD]]. */
function reportDate(r: ReportRow): string | null {
  const m = DAY.exec(r.date ?? '') ?? DAY.exec(r.published ?? '');
  return m ? m[0] : null;
}

/** Dates compatible within their precision: equal, or one is a prefix of the other (`2022-06` and `2022-06-28`). */
export function datesCompatible(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return a.startsWith(b) || b.startsWith(a);
}

/**
 * Group event mentions into real-world events. Two mentions are the same event when they have
 * the same source actor and target actor (CAMEO actor codes; both without target also matches),
 * the same CAMEO root code (compatible codes: `042` and `043` are both "consult"; GDELT's
 * EventRootCode), the same status (asserted and reported count as `happened`; `planned` stays
 * apart; negated and hypothetical mentions are no event and are left out), compatible dates
 * within their precision ({@link datesCompatible}; the story's publication day when the event has
 * no date), and the same place (same GeoNames id) or no place on either side.
 * Mentions are taken most precise date first, so a month-only mention joins a day-precise event of
 * that month. Deterministic: independent of the order of `rows`.
 */
export function groupRealEvents(rows: ReportRow[]): { events: RealEvent[]; reports: RealEventReport[] } {
  const byKey = new Map<string, ReportRow[]>();
  for (const r of rows) {
    if (r.modality === 'negated' || r.modality === 'hypothetical') continue;
    const status = r.modality === 'planned' ? 'planned' : 'happened';
    const key = `${r.sourceActor}\u0000${r.targetActor ?? ''}\u0000${r.root}\u0000${status}`;
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = []));
    g.push(r);
  }
  const events: RealEvent[] = [];
  const reports: RealEventReport[] = [];
  for (const key of [...byKey.keys()].sort()) {
    const g = byKey.get(key)!;
    const dated = g.map((r) => ({ r, d: reportDate(r) }));
    dated.sort(
      (a, b) =>
        (b.d?.length ?? 0) - (a.d?.length ?? 0) ||
        (a.d ?? '').localeCompare(b.d ?? '') ||
        (a.r.storyId < b.r.storyId ? -1 : a.r.storyId > b.r.storyId ? 1 : a.r.ord - b.r.ord),
    );
    const groups: Array<{ d: string | null; place: number | null; members: ReportRow[] }> = [];
    for (const { r, d } of dated) {
      const target = groups.find(
        (x) => datesCompatible(x.d, d) && (x.place === null || r.geonamesId === null || x.place === r.geonamesId),
      );
      if (target) {
        target.members.push(r);
        if (target.place === null && r.geonamesId !== null) target.place = r.geonamesId;
      } else groups.push({ d, place: r.geonamesId, members: [r] });
    }
    for (const x of groups) {
      const first = x.members[0];
      const id = createHash('sha256').update(`${key}\u0000${first.storyId}\u0000${first.ord}`).digest('hex').slice(0, 32);
      const codes = new Map<string, number>();
      for (const m of x.members) codes.set(m.cameo, (codes.get(m.cameo) ?? 0) + 1);
      const cameo = [...codes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
      const placed = x.members.find((m) => m.geonamesId !== null);
      events.push({
        id,
        sourceActor: first.sourceActor,
        targetActor: first.targetActor,
        root: first.root,
        cameo,
        date: x.d,
        status: key.endsWith('planned') ? 'planned' : 'happened',
        geonamesId: placed?.geonamesId ?? null,
        placeName: placed?.placeName ?? null,
        lat: placed?.lat ?? null,
        lon: placed?.lon ?? null,
        numMentions: x.members.length,
        numSources: new Set(x.members.map((m) => m.publisher ?? `story:${m.storyId}`)).size,
        numArticles: new Set(x.members.map((m) => m.storyId)).size,
        numClusters: new Set(x.members.map((m) => m.clusterId)).size,
      });
      for (const m of x.members) reports.push({ realEventId: id, storyId: m.storyId, ord: m.ord, eventId: m.eventId });
    }
  }
  return { events, reports };
}

/** The publisher of a story's copy: `meta.publisher`, else the host of its URL (without `www.`), else null. */
export function publisherOf(meta: { publisher?: string; url?: string } | undefined): string | null {
  if (meta?.publisher) return meta.publisher;
  if (meta?.url) {
    try {
      return new URL(meta.url).hostname.replace(/^www\./, '') || null;
    } catch {
      return null;
    }
  }
  return null;
}
