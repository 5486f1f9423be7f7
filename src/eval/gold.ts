/**
 * Scoring one analysed Doc against a hand-made story gold file (surface strings, not offsets),
 * shaped like `gold/putin-tajikistan.gold.json` in the shared resources.
 *
 * Matching rules, per layer (every match is one-to-one, greedy in gold order, best candidate
 * first; strings are compared after {@link norm}):
 * - **metadata**: each gold field (title, dateline, original_publisher, is_reprint, copyright_year,
 *   published) is TP when the Doc's field is equal, FN when the Doc has none, FN+FP when it differs.
 * - **boilerplate**: each gold removed line is TP when a line of `meta.boilerplate` or the
 *   `meta.copyrightLine` equals or contains it (or is contained in it); unmatched removed lines are FP.
 * - **entities**: a predicted entity matches a gold entity when its name or any of its mention
 *   texts equals the canonical name, a gold mention or an `aliases_elsewhere` name, and the type is
 *   equal. A same-named entity of another type is a miss (FN, and the prediction an FP).
 *   Attributes over matched entities: actor (CAMEO code equal), country (ISO alpha-2 equal),
 *   GeoNames id equal, metonymy code equal, cluster (every gold mention among the entity's mentions).
 * - **timexes**: a predicted timex matches when its text equals the gold text, else when one
 *   contains the other (relaxed span match, as TempEval-3's relaxed match). `timexes.value`
 *   counts a match as TP only when the TIMEX3 value is the gold value or one of `any_of`.
 * - **quantities**: relaxed text match; `quantities.value` also needs value and unit equal.
 *   Attributes: approximate, bound.
 * - **quotes**: a predicted quote matches when its text contains the gold `contains` text (quote
 *   marks ignored). `quotes.speaker` also needs the speaker (its text, or its entity's name or
 *   mentions, equal to the gold speaker or one of the gold mentions of that speaker) and `direct` right.
 * - **events**: a predicted event matches a gold event when its CAMEO code is in `cameo_any_of`,
 *   its source actor code is in `source`, its target actor code is in `target` (when given), and
 *   its modality is `modality` or in `modality_any_of` (when given). `events.full` also needs the
 *   date (equal to `date`, or starting with a `date_any_of` value, or — for `date_before` — null or
 *   earlier) and the place (its name, or GeoNames id of the gold entity of that name). Required
 *   events are also reported alone (`requiredEvents`). A second prediction of an already matched
 *   gold event is a false positive (listed as a duplicate), as in event-data scoring per story.
 * - **must_not**: every predicted event with a forbidden CAMEO code (and the rule's modality,
 *   source, target where given) is a violation.
 * - **flags**: matched by kind; attribute `flag.involves`: each involved string occurs in the
 *   flag's spans or message.
 */
import fs from 'node:fs';
import type { Doc, Entity, Event, Quote } from '../doc/types.js';
import { DatelineError } from '../doc/errors.js';
import { accuracy, norm, overlaps, score, type Accuracy, type LayerScore, type Miss } from './metrics.js';

/** A gold entity. `country` is ISO 3166-1 alpha-2; `geonames` a GeoNames id; `actor` a CAMEO actor code. */
export interface GoldEntity {
  canonical: string;
  type: string;
  mentions?: string[];
  aliases_elsewhere?: string[];
  role?: string;
  actor?: string;
  country?: string;
  geonames?: number;
  lat?: number;
  lon?: number;
  metonymy?: string;
}

/** A gold TIMEX3: its text and its `value`, or a list of values that all count (`any_of`). */
export interface GoldTimex {
  text: string;
  type?: string;
  value?: string;
  any_of?: string[];
}

/** A gold quantity. */
export interface GoldQuantity {
  text: string;
  value: number;
  unit: string;
  approximate?: boolean;
  bound?: 'min' | 'max';
  measures?: string;
}

/** A gold quote: a piece of its text, its speaker (canonical name), and whether it is direct speech. */
export interface GoldQuote {
  speaker: string;
  direct?: boolean;
  contains: string;
}

/** A gold event. Actor lists hold the CAMEO actor codes that count as correct. Dates are ISO 8601 / TIMEX3 values. */
export interface GoldEvent {
  id?: string;
  source?: string[];
  target?: string[];
  cameo_any_of: string[];
  date?: string;
  date_any_of?: string[];
  date_before?: string;
  place?: string;
  modality?: string;
  modality_any_of?: string[];
  required?: boolean;
}

/** A forbidden event (e.g. a negated one that must not be coded as asserted). */
export interface GoldMustNot {
  why?: string;
  cameo_any_of?: string[];
  modality?: string;
  source?: string[];
  target?: string[];
}

/** A gold consistency flag: its kind and the strings it involves. */
export interface GoldFlag {
  kind: string;
  involves?: string[];
  why?: string;
}

/** Gold document metadata. */
export interface GoldMetadata {
  title?: string;
  dateline?: string;
  original_publisher?: string;
  is_reprint?: boolean;
  copyright_year?: number;
  published?: string;
  boilerplate_removed?: string[];
}

/** A story gold file. Every layer is optional; a missing layer is not scored. */
export interface GoldFile {
  doc?: string;
  about?: string;
  /** Reference (publication) date used for relative expressions, ISO 8601. */
  reference_date?: string;
  metadata?: GoldMetadata;
  entities?: GoldEntity[];
  timexes?: GoldTimex[];
  quantities?: GoldQuantity[];
  quotes?: GoldQuote[];
  events?: GoldEvent[];
  must_not?: GoldMustNot[];
  flags?: GoldFlag[];
}

/** The result of {@link scoreGold}. Scores are fractions in [0, 1]. */
export interface GoldReport {
  /** The gold file's `doc` (the story it annotates). */
  doc: string;
  layers: LayerScore[];
  attributes: Accuracy[];
  /** Recall over the gold events marked `required`. */
  requiredEvents: { found: number; total: number; recall: number };
  mustNot: { rules: number; violations: number };
  misses: Miss[];
}

/**
 * Read and check a gold file.
 * @throws DatelineError `E_NOT_FOUND` when the file is missing, `E_GOLD` when it cannot be read or is not a JSON object with array layers
 */
export function loadGold(file: string): GoldFile {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new DatelineError('E_NOT_FOUND', `gold file not found: ${file}`);
    throw new DatelineError('E_GOLD', `cannot read gold file ${file}: ${(err as Error).message}`);
  }
  return checkGold(value, file);
}

/**
 * Check the shape of a parsed gold file.
 * @throws DatelineError `E_GOLD` on a malformed file
 */
export function checkGold(value: unknown, name = 'gold'): GoldFile {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new DatelineError('E_GOLD', `${name}: not a JSON object`);
  }
  const g = value as Record<string, unknown>;
  for (const k of ['entities', 'timexes', 'quantities', 'quotes', 'events', 'must_not', 'flags']) {
    if (g[k] !== undefined && !Array.isArray(g[k])) throw new DatelineError('E_GOLD', `${name}: "${k}" is not an array`);
  }
  for (const [i, e] of ((g.events as unknown[]) ?? []).entries()) {
    if (!e || !Array.isArray((e as GoldEvent).cameo_any_of)) {
      throw new DatelineError('E_GOLD', `${name}: events[${i}] has no cameo_any_of list`);
    }
  }
  for (const [i, e] of ((g.entities as unknown[]) ?? []).entries()) {
    if (!e || typeof (e as GoldEntity).canonical !== 'string') {
      throw new DatelineError('E_GOLD', `${name}: entities[${i}] has no canonical name`);
    }
  }
  return g as GoldFile;
}

/** Greedy one-to-one matching: for each gold item, the best-ranked unused candidate (rank > 0). */
function matchGreedy<G, P>(gold: G[], pred: P[], rank: (g: G, p: P) => number): Array<number> {
  const used = new Set<number>();
  const result: number[] = [];
  for (const g of gold) {
    let best = -1;
    let bestRank = 0;
    pred.forEach((p, j) => {
      if (used.has(j)) return;
      const r = rank(g, p);
      if (r > bestRank) (best = j), (bestRank = r);
    });
    if (best >= 0) used.add(best);
    result.push(best);
  }
  return result;
}

function unmatched<P>(pred: P[], matches: number[]): P[] {
  const used = new Set(matches);
  return pred.filter((_, j) => !used.has(j));
}

function entityNames(e: Entity): Set<string> {
  return new Set([e.name, ...(e.mentions ?? [])].map(norm).filter(Boolean));
}

function goldEntityNames(g: GoldEntity): Set<string> {
  return new Set([g.canonical, ...(g.mentions ?? []), ...(g.aliases_elsewhere ?? [])].map(norm).filter(Boolean));
}

function describeEvent(e: Event): string {
  return `${e.cameo} ${e.source.actor}→${e.target?.actor ?? '∅'} ${e.modality} ${e.date ?? 'no date'} "${e.trigger.text}"`;
}

function describeGoldEvent(g: GoldEvent): string {
  return `${g.id ? g.id + ': ' : ''}${g.cameo_any_of.join('|')} ${(g.source ?? ['*']).join('|')}→${(g.target ?? ['*']).join('|')}`;
}

function stripQuotes(s: string): string {
  return norm(s.replace(/["'\u2018\u2019\u201C\u201D\u00AB\u00BB]/g, ''));
}

/** Does a predicted event satisfy the core of a gold event (code, actors, modality)? */
export function eventCoreMatches(g: GoldEvent, e: Event): boolean {
  if (!g.cameo_any_of.includes(e.cameo)) return false;
  if (g.source && !g.source.includes(e.source.actor)) return false;
  if (g.target && (!e.target || !g.target.includes(e.target.actor))) return false;
  if (g.modality && e.modality !== g.modality) return false;
  if (g.modality_any_of && !g.modality_any_of.includes(e.modality)) return false;
  return true;
}

/** Is the predicted event date right for the gold event? Undefined when the gold gives no date. */
export function eventDateOk(g: GoldEvent, e: Event): boolean | undefined {
  const d = e.date;
  if (g.date) return !!d && d.startsWith(g.date);
  if (g.date_any_of) return !!d && g.date_any_of.some((v) => d.startsWith(v));
  if (g.date_before) return !d || d.slice(0, g.date_before.length) < g.date_before;
  return undefined;
}

function eventPlaceOk(g: GoldEvent, e: Event, gold: GoldFile): boolean | undefined {
  if (!g.place) return undefined;
  if (!e.place) return false;
  if (norm(e.place.name) === norm(g.place)) return true;
  const ge = (gold.entities ?? []).find((x) => norm(x.canonical) === norm(g.place));
  if (!ge) return false;
  if (ge.geonames && e.place.geonamesId === ge.geonames) return true;
  return goldEntityNames(ge).has(norm(e.place.name));
}

/** Does the predicted quote's speaker name the gold speaker? */
function speakerOk(q: Quote, speaker: string, doc: Doc, gold: GoldFile): boolean {
  const goldNames = new Set([norm(speaker)]);
  const ge = (gold.entities ?? []).find((x) => norm(x.canonical) === norm(speaker));
  if (ge) for (const n of goldEntityNames(ge)) goldNames.add(n);
  const cands = [q.speaker?.text];
  const en = q.speaker?.entityId ? doc.entities.find((x) => x.id === q.speaker.entityId) : undefined;
  if (en) cands.push(en.name, ...(en.mentions ?? []));
  return cands.some((c) => !!c && goldNames.has(norm(c)));
}

/**
 * Score a Doc against a gold file, layer by layer (see the module comment for the matching rules).
 * Never throws on a well-formed gold file; layers the gold file lacks are left out.
 */
export function scoreGold(doc: Doc, gold: GoldFile): GoldReport {
  const layers: LayerScore[] = [];
  const attributes: Accuracy[] = [];
  const misses: Miss[] = [];
  const attr = (name: string) => {
    let a = attributes.find((x) => x.name === name);
    if (!a) attributes.push((a = accuracy(name, 0, 0)));
    return a;
  };
  const check = (name: string, ok: boolean, layer: string, item: string, detail: string) => {
    const a = attr(name);
    a.total++;
    if (ok) a.correct++;
    else misses.push({ layer, kind: 'WRONG', item, detail });
    a.accuracy = a.correct / a.total;
  };

  // metadata
  if (gold.metadata) {
    const md = gold.metadata;
    const m = doc.meta ?? { publishedSource: 'unknown' };
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const fields: Array<[string, unknown, unknown]> = [
      ['title', md.title, m.title],
      ['dateline', md.dateline, m.dateline],
      ['original_publisher', md.original_publisher, m.originalPublisher],
      ['is_reprint', md.is_reprint, m.isReprint],
      ['copyright_year', md.copyright_year, m.copyrightYear],
      ['published', md.published, m.published],
    ];
    for (const [name, g, p] of fields) {
      if (g === undefined) continue;
      if (p === undefined || p === null || p === '') {
        fn++;
        misses.push({ layer: 'metadata', kind: 'FN', item: `${name} = ${JSON.stringify(g)}`, detail: 'not found' });
      } else if (typeof g === 'string' ? norm(g) === norm(String(p)) : g === p) {
        tp++;
      } else {
        fn++;
        fp++;
        misses.push({ layer: 'metadata', kind: 'WRONG', item: `${name} = ${JSON.stringify(g)}`, detail: `got ${JSON.stringify(p)}` });
      }
    }
    layers.push(score('metadata', tp, fp, fn));
    if (md.boilerplate_removed) {
      const seen = new Set<string>();
      const removed = [...(m.boilerplate ?? []), ...(m.copyrightLine ? [m.copyrightLine] : [])].filter((x) => {
        const k = norm(x);
        return !seen.has(k) && !!seen.add(k);
      });
      const mt = matchGreedy(md.boilerplate_removed, removed, (g, p) => (norm(g) === norm(p) ? 2 : overlaps(g, p) ? 1 : 0));
      mt.forEach((j, i) => {
        if (j < 0) misses.push({ layer: 'boilerplate', kind: 'FN', item: md.boilerplate_removed![i].slice(0, 80) });
      });
      const extra = unmatched(removed, mt);
      for (const x of extra) misses.push({ layer: 'boilerplate', kind: 'FP', item: x.slice(0, 80) });
      const tp2 = mt.filter((j) => j >= 0).length;
      layers.push(score('boilerplate', tp2, extra.length, md.boilerplate_removed.length - tp2));
    }
  }

  // entities
  if (gold.entities) {
    const names = gold.entities.map(goldEntityNames);
    const mt = matchGreedy(gold.entities, doc.entities, (g, p) => {
      if (p.type !== g.type) return 0;
      const pn = entityNames(p);
      const gn = goldEntityNames(g);
      let shared = 0;
      for (const n of pn) if (gn.has(n)) shared++;
      if (!shared) return 0;
      return (norm(p.name) === norm(g.canonical) ? 100 : 0) + shared;
    });
    mt.forEach((j, i) => {
      const g = gold.entities![i];
      if (j < 0) {
        const sameName = doc.entities.find((p) => [...entityNames(p)].some((n) => names[i].has(n)));
        misses.push({
          layer: 'entities',
          kind: 'FN',
          item: `${g.canonical} (${g.type})`,
          detail: sameName ? `found as ${sameName.type} "${sameName.name}"` : 'not found',
        });
        return;
      }
      const p = doc.entities[j];
      const item = `${g.canonical} (${g.type})`;
      if (g.actor !== undefined) check('entity.actor', p.actor === g.actor, 'entities', item, `actor ${p.actor ?? 'none'}, gold ${g.actor}`);
      if (g.country !== undefined)
        check('entity.country', (p.country ?? '').toUpperCase() === g.country.toUpperCase(), 'entities', item, `country ${p.country ?? 'none'}, gold ${g.country}`);
      if (g.geonames !== undefined)
        check('entity.geonames', p.geonamesId === g.geonames, 'entities', item, `GeoNames ${p.geonamesId ?? 'none'}, gold ${g.geonames}`);
      if (g.metonymy !== undefined)
        check('entity.metonymy', p.metonymy === g.metonymy, 'entities', item, `metonymy ${p.metonymy ?? 'none'}, gold ${g.metonymy}`);
      if (g.mentions?.length) {
        const pn = entityNames(p);
        const missing = g.mentions.filter((x) => !pn.has(norm(x)));
        check('entity.cluster', missing.length === 0, 'entities', item, `mentions not in the cluster: ${missing.join(', ')}`);
      }
    });
    const extra = unmatched(doc.entities, mt);
    for (const p of extra) misses.push({ layer: 'entities', kind: 'FP', item: `${p.name} (${p.type})` });
    const tp = mt.filter((j) => j >= 0).length;
    layers.push(score('entities', tp, extra.length, gold.entities.length - tp));
  }

  // timexes
  if (gold.timexes) {
    const mt = matchGreedy(gold.timexes, doc.timexes, (g, p) => (norm(g.text) === norm(p.text) ? 2 : overlaps(g.text, p.text) ? 1 : 0));
    let valueTp = 0;
    mt.forEach((j, i) => {
      const g = gold.timexes![i];
      const want = g.any_of ?? (g.value !== undefined ? [g.value] : []);
      if (j < 0) {
        misses.push({ layer: 'timexes', kind: 'FN', item: `"${g.text}" = ${want.join('|')}`, detail: 'not found' });
        return;
      }
      const p = doc.timexes[j];
      const ok = want.length === 0 || want.includes(p.value);
      if (ok) valueTp++;
      check('timex.value', ok, 'timexes', `"${g.text}" = ${want.join('|')}`, `value ${p.value} ("${p.text}")`);
      if (g.type) check('timex.type', p.type === g.type, 'timexes', `"${g.text}"`, `type ${p.type}, gold ${g.type}`);
    });
    const extra = unmatched(doc.timexes, mt);
    for (const p of extra) misses.push({ layer: 'timexes', kind: 'FP', item: `"${p.text}" = ${p.value}` });
    const tp = mt.filter((j) => j >= 0).length;
    layers.push(score('timexes', tp, extra.length, gold.timexes.length - tp));
    layers.push(score('timexes.value', valueTp, doc.timexes.length - valueTp, gold.timexes.length - valueTp));
  }

  // quantities
  if (gold.quantities) {
    const mt = matchGreedy(gold.quantities, doc.quantities, (g, p) =>
      overlaps(g.text, p.text) ? (p.value === g.value ? 3 : 1) + (norm(g.text) === norm(p.text) ? 1 : 0) : 0,
    );
    let valueTp = 0;
    mt.forEach((j, i) => {
      const g = gold.quantities![i];
      const item = `"${g.text}" = ${g.value} ${g.unit}`;
      if (j < 0) {
        misses.push({ layer: 'quantities', kind: 'FN', item, detail: 'not found' });
        return;
      }
      const p = doc.quantities[j];
      const ok = p.value === g.value && norm(p.unit) === norm(g.unit);
      if (ok) valueTp++;
      else misses.push({ layer: 'quantities', kind: 'WRONG', item, detail: `got ${p.value} ${p.unit}` });
      if (g.approximate !== undefined) check('quantity.approximate', !!p.approximate === g.approximate, 'quantities', item, `approximate ${!!p.approximate}`);
      if (g.bound !== undefined) check('quantity.bound', p.bound === g.bound, 'quantities', item, `bound ${p.bound ?? 'none'}, gold ${g.bound}`);
    });
    const extra = unmatched(doc.quantities, mt);
    for (const p of extra) misses.push({ layer: 'quantities', kind: 'FP', item: `"${p.text}" = ${p.value} ${p.unit}` });
    const tp = mt.filter((j) => j >= 0).length;
    layers.push(score('quantities', tp, extra.length, gold.quantities.length - tp));
    layers.push(score('quantities.value', valueTp, doc.quantities.length - valueTp, gold.quantities.length - valueTp));
  }

  // quotes
  if (gold.quotes) {
    const mt = matchGreedy(gold.quotes, doc.quotes, (g, p) => {
      if (!stripQuotes(p.text).includes(stripQuotes(g.contains))) return 0;
      return 1 + (speakerOk(p, g.speaker, doc, gold) ? 2 : 0) + (g.direct === undefined || p.direct === g.direct ? 1 : 0);
    });
    let strictTp = 0;
    mt.forEach((j, i) => {
      const g = gold.quotes![i];
      const item = `${g.speaker}: "${g.contains.slice(0, 50)}"`;
      if (j < 0) {
        misses.push({ layer: 'quotes', kind: 'FN', item, detail: 'not found' });
        return;
      }
      const p = doc.quotes[j];
      const sOk = speakerOk(p, g.speaker, doc, gold);
      const dOk = g.direct === undefined || p.direct === g.direct;
      check('quote.speaker', sOk, 'quotes', item, `speaker "${p.speaker?.text ?? ''}"`);
      if (g.direct !== undefined) check('quote.direct', dOk, 'quotes', item, `direct ${p.direct}, gold ${g.direct}`);
      if (sOk && dOk) strictTp++;
    });
    const extra = unmatched(doc.quotes, mt);
    for (const p of extra) misses.push({ layer: 'quotes', kind: 'FP', item: `${p.speaker?.text ?? '?'}: "${p.text.slice(0, 50)}"` });
    const tp = mt.filter((j) => j >= 0).length;
    layers.push(score('quotes', tp, extra.length, gold.quotes.length - tp));
    layers.push(score('quotes.speaker', strictTp, doc.quotes.length - strictTp, gold.quotes.length - strictTp));
  }

  // events
  const requiredEvents = { found: 0, total: 0, recall: 1 };
  if (gold.events) {
    const mt = matchGreedy(gold.events, doc.events, (g, p) => {
      if (!eventCoreMatches(g, p)) return 0;
      return 1 + (eventDateOk(g, p) ? 1 : 0) + (eventPlaceOk(g, p, gold) ? 1 : 0);
    });
    let fullTp = 0;
    mt.forEach((j, i) => {
      const g = gold.events![i];
      const item = describeGoldEvent(g);
      if (g.required) requiredEvents.total++;
      if (j < 0) {
        const near = doc.events.filter((p) => g.cameo_any_of.includes(p.cameo) || (g.source ?? []).includes(p.source.actor));
        misses.push({
          layer: 'events',
          kind: 'FN',
          item: item + (g.required ? ' (required)' : ''),
          detail: near.length ? `nearest: ${near.slice(0, 3).map(describeEvent).join('; ')}` : 'not found',
        });
        return;
      }
      if (g.required) requiredEvents.found++;
      const p = doc.events[j];
      const dOk = eventDateOk(g, p);
      const pOk = eventPlaceOk(g, p, gold);
      const wantDate = g.date ?? g.date_any_of?.join('|') ?? (g.date_before ? `before ${g.date_before}` : '');
      if (dOk !== undefined) check('event.date', dOk, 'events', item, `date ${p.date ?? 'none'}, gold ${wantDate}`);
      if (pOk !== undefined) check('event.place', pOk, 'events', item, `place ${p.place?.name ?? 'none'}, gold ${g.place}`);
      if (dOk !== false && pOk !== false) fullTp++;
    });
    const extra = unmatched(doc.events, mt);
    for (const p of extra) {
      // a prediction that fits an already matched gold event is a duplicate: still an FP, but say so
      const dup = gold.events.find((g, i) => mt[i] >= 0 && eventCoreMatches(g, p));
      misses.push({ layer: 'events', kind: 'FP', item: describeEvent(p), ...(dup ? { detail: `duplicate of ${describeGoldEvent(dup)}` } : {}) });
    }
    const tp = mt.filter((j) => j >= 0).length;
    layers.push(score('events', tp, extra.length, gold.events.length - tp));
    layers.push(score('events.full', fullTp, doc.events.length - fullTp, gold.events.length - fullTp));
    requiredEvents.recall = requiredEvents.total ? requiredEvents.found / requiredEvents.total : 1;
  }

  // must_not
  let violations = 0;
  for (const rule of gold.must_not ?? []) {
    for (const p of doc.events) {
      if (rule.cameo_any_of && !rule.cameo_any_of.includes(p.cameo)) continue;
      if (rule.modality && p.modality !== rule.modality) continue;
      if (rule.source && !rule.source.includes(p.source.actor)) continue;
      if (rule.target && (!p.target || !rule.target.includes(p.target.actor))) continue;
      violations++;
      misses.push({ layer: 'must_not', kind: 'VIOLATION', item: describeEvent(p), detail: rule.why ?? 'forbidden event' });
    }
  }

  // flags
  if (gold.flags) {
    const mt = matchGreedy(gold.flags, doc.flags, (g, p) => (p.kind === g.kind ? 1 : 0));
    mt.forEach((j, i) => {
      const g = gold.flags![i];
      if (j < 0) {
        misses.push({ layer: 'flags', kind: 'FN', item: g.kind, detail: g.involves ? `involving ${g.involves.join(', ')}` : undefined });
        return;
      }
      const p = doc.flags[j];
      const hay = norm([p.message, ...p.spans.map((s) => s.text)].join(' | '));
      for (const x of g.involves ?? []) check('flag.involves', hay.includes(norm(x)), 'flags', g.kind, `"${x}" not named by the flag`);
    });
    const extra = unmatched(doc.flags, mt);
    for (const p of extra) misses.push({ layer: 'flags', kind: 'FP', item: p.kind, detail: p.message });
    const tp = mt.filter((j) => j >= 0).length;
    layers.push(score('flags', tp, extra.length, gold.flags.length - tp));
  }

  return {
    doc: gold.doc ?? doc.meta?.input ?? doc.id,
    layers,
    attributes,
    requiredEvents,
    mustNot: { rules: gold.must_not?.length ?? 0, violations },
    misses,
  };
}
