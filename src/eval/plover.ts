/**
 * `dateline eval plover`: PLOVER gold records (`../shared/gold/events/plover/plover_gsr_dev.jsonl`,
 * from openeventdata/PLOVER `PLOVER_GSR_CAMEO.txt`, CC BY-SA 4.0, PLOVER 0.5b1 categories) coded by
 * the default pipeline. Per record, the set of predicted PLOVER event types is compared with the
 * gold type (micro P/R/F1), and the set of (type, actor country, recipient country) triples with the
 * gold triples (actor codes cut to their first three letters; an empty recipient stays empty;
 * actors marked `SRC/TAR` are paired, see {@link goldTriples}).
 *
 * Dateline's PLOVER types follow CAMEO2PLOVER-2021 (v2 names); the gold uses PLOVER 0.5b1, which
 * still had DEMAND (CAMEO 10), DISAPPROVE (11), INVESTIGATE (09) and FIGHT (19–20, vs ASSAULT 18),
 * and filed easing curfews and states of emergency (081x) under CONCEDE:
 * {@link ploverV05} maps a CAMEO code to the 0.5b1 name. Negated and hypothetical events are not
 * counted (they did not happen).
 */
import type { Event } from '../doc/types.js';
import { createCoder } from '../events/batch.js';
import { readJsonl, scoreSets } from './petrarch.js';

/** PLOVER 0.5b1 event type of a CAMEO code (given Dateline's v2 type), or null. */
export function ploverV05(cameo: string, v2: string | null): string | null {
  // a planned act typed AGREE or THREATEN by the coder (see `ploverOfPlanned`) keeps that type
  if (v2 === 'AGREE' || v2 === 'THREATEN') return v2;
  const root = cameo.slice(0, 2);
  if (root === '09') return 'INVESTIGATE';
  if (root === '10' || root === '02') return 'DEMAND';
  if (root === '11') return 'DISAPPROVE';
  if (root === '19' || root === '20') return 'FIGHT';
  if (root === '18') return 'ASSAULT';
  // easing administrative sanctions (curfew, state of emergency: CAMEO 081x) is CONCEDE in 0.5b1
  // (the gold's CONCEDE records "lifted curfew", "lifted emergency"); CAMEO2PLOVER-2021 files
  // 0813/0814 under RETREAT, which 0.5b1 keeps for de-escalation, access and withdrawal
  if (cameo.startsWith('081')) return 'CONCEDE';
  return v2;
}

/** Figures of the PLOVER evaluation. */
export interface PloverReport {
  records: number;
  type: { precision: number; recall: number; f1: number; exact: number };
  triple: { precision: number; recall: number; f1: number; exact: number };
  misses: Array<{ id: string; expected: string[]; got: string[] }>;
}

/** One PLOVER gold record (fields used here). */
export interface PloverRecord {
  id: string;
  date: string;
  text: string;
  expected: Array<{ source: string; target: string; code: string }>;
  /** The gold markup: `(SRC: …)`, `(TAR: …)`, `(SRC/TAR: …)`, `(EVT: …)`. */
  markup?: string;
}

/**
 * The gold (type, actor, recipient) triples of a record. A record whose markup marks its actors
 * `SRC/TAR` ("(SRC/TAR: Jordan) and (SRC/TAR: Britain) have agreed …") names them as both actor and
 * recipient of the event: the conversion left its recipient empty (the record's `target` field is
 * malformed there), so the triples are every ordered pair of distinct actors (Jordan → Britain,
 * Britain → Jordan), as a coder writes a reciprocal event.
 */
export function goldTriples(r: PloverRecord): string[] {
  const cut = (x: string | null | undefined) => (x ?? '').slice(0, 3);
  let exp = r.expected.map((e) => ({ code: e.code, source: cut(e.source), target: cut(e.target) }));
  if (r.markup?.includes('SRC/TAR:') && exp.every((e) => !e.target)) {
    const pairs: typeof exp = [];
    for (const a of exp) for (const b of exp) if (a.code === b.code && a.source !== b.source) pairs.push({ code: a.code, source: a.source, target: b.source });
    if (pairs.length) exp = pairs;
  }
  return [...new Set(exp.map((e) => `${e.code}|${e.source}|${e.target}`))].sort();
}

const prf = (s: { tp: number; pred: number; gold: number; exact: number }) => {
  const p = s.pred ? s.tp / s.pred : 0;
  const r = s.gold ? s.tp / s.gold : 0;
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0, exact: s.exact };
};

/** Counted events of a record as (type, actor, recipient) triples. */
export function ploverTriples(events: Event[]): string[] {
  const out = new Set<string>();
  for (const e of events) {
    if (e.modality === 'negated' || e.modality === 'hypothetical') continue;
    const t = ploverV05(e.cameo, e.plover ?? null);
    if (!t) continue;
    out.add(`${t}|${e.source.actor.slice(0, 3)}|${(e.target?.actor ?? '').slice(0, 3)}`);
  }
  return [...out].sort();
}

/** Run the evaluation over a JSONL file of PLOVER gold records. */
export async function evalPlover(file: string): Promise<PloverReport> {
  const recs = readJsonl<PloverRecord>(file);
  // PLOVER codes events with no recipient (the gold has them): the coder keeps target-less events
  const coder = createCoder({ requireDyad: false });
  const typePairs: Array<{ expected: string[]; got: string[] }> = [];
  const triplePairs: Array<{ expected: string[]; got: string[] }> = [];
  const misses: PloverReport['misses'] = [];
  for (const r of recs) {
    const res = await coder.code({ id: r.id, date: r.date, text: r.text });
    const got = ploverTriples(res.events);
    const expected = goldTriples(r);
    typePairs.push({ expected: [...new Set(expected.map((x) => x.split('|')[0]))], got: [...new Set(got.map((x) => x.split('|')[0]))] });
    triplePairs.push({ expected, got });
    if (expected.join() !== got.join()) misses.push({ id: r.id, expected, got });
  }
  return { records: recs.length, type: prf(scoreSets(typePairs)), triple: prf(scoreSets(triplePairs)), misses };
}

/** Plain-text report. */
export function renderPlover(r: PloverReport, verbose = false): string {
  const pct = (x: number) => (100 * x).toFixed(1) + '%';
  const lines = [
    `PLOVER gold records: ${r.records}`,
    `  event type            : P ${pct(r.type.precision)} R ${pct(r.type.recall)} F1 ${pct(r.type.f1)} (records exact ${r.type.exact}/${r.records})`,
    `  (type, actor, recip.) : P ${pct(r.triple.precision)} R ${pct(r.triple.recall)} F1 ${pct(r.triple.f1)} (records exact ${r.triple.exact}/${r.records})`,
  ];
  if (verbose) for (const m of r.misses) lines.push(`  MISS ${m.id}: expected [${m.expected.join(' ')}] got [${m.got.join(' ')}]`);
  return lines.join('\n');
}
