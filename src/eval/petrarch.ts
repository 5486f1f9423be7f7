/**
 * `dateline eval petrarch`: PETRARCH-2's own unit-test records (`PETR.UnitTest.records.xml`,
 * converted to `../shared/gold/events/petrarch/petrarch_validation.jsonl`) coded with the toy
 * validation dictionaries read as they are (`../shared/dict/validation/`), scored as the anchor
 * runs score PETRARCH-2 (`run_A_*.json`, `run_B_*.json`): a record passes when the set of
 * (source, target, code) triples equals the expected set exactly (a `noevents` record passes with
 * none); plus event-level precision, recall and F1 over triples.
 *
 * Runs: A = shipped expectations with `PETR.Validate.{actors,agents,discards,verbs}.txt` (PETR-1
 * verb format; PETRARCH-2: 91/284 = 32.0 %); B = the UD-2.02 re-coding (`expected_ud_2_02`) of the
 * records the anchor scored (its `run_B` record list) with `PETR_Validate_*_2_02.txt`
 * (PETRARCH-2: 98/188 = 52.1 %). The UD-2.02 suite rewrote some sentences (37 of the 188: "Fornost"
 * became "Arnor", "to Gondor" became "to Australia", ...) and its expectations are for its own
 * sentences, so run B codes the text of the UD suite's record with the same id
 * (`ud_petrarch_validate_records_2_02.jsonl`) when there is one. The anchor run scored PETRARCH-2 on
 * the PETR-1 sentences against those expectations, so its figure is not comparable on those records. Only (source, target, code) of asserted-or-any-modality events
 * count, as PETRARCH codes every matched verb regardless of modality. In run A a record whose
 * `config` sets `require_dyad` false is coded with that option (events without a target, written
 * `---`); run B's UD-2.02 expectations do not follow that option (no target-less speech events),
 * so run B codes every record with the default (dyads only).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatelineError } from '../doc/errors.js';
import { createCoder, type CodeRecord } from '../events/batch.js';
import { loadDictionaries } from '../dict/index.js';
import type { Event } from '../doc/types.js';

/** One converted unit-test record (fields used here). */
export interface PetrarchRecord {
  id: string;
  seq: number;
  date: string;
  text: string;
  parse?: string;
  expected: Array<{ source: string; target: string; code: string; source_is_text?: boolean }>;
  noevents: boolean;
  error: string | null;
  category: string;
  /** The record's PETRARCH configuration (`require_dyad`: "true"/"false" in any case, ...). */
  config?: Record<string, string>;
  expected_ud_2_02?: Array<{ source: string; target: string; code: string }> | null;
}

/** Result of one record. */
export interface PetrarchRecordResult {
  id: string;
  seq: number;
  category: string;
  expected: string[];
  got: string[];
  exact: boolean;
}

/** Figures of one run, with PETRARCH-2's figures on the same records when the anchor file is there. */
export interface PetrarchRunReport {
  run: 'A' | 'B';
  dictionaries: string[];
  records: number;
  exact: number;
  exactRate: number;
  precision: number;
  recall: number;
  f1: number;
  byCategory: Record<string, string>;
  petrarch2?: { exact: number; records: number; exactRate: number; precision: number; recall: number };
  results: PetrarchRecordResult[];
}

const triple = (s: string, t: string, c: string) => `${s.toUpperCase()}|${t.toUpperCase()}|${c}`;

/** Triples Dateline outputs for a record (each event once; a null target is written `---`, as PETRARCH writes it). */
export function eventTriples(events: Event[]): string[] {
  return [...new Set(events.map((e) => triple(e.source.actor, e.target?.actor ?? '---', e.cameo)))].sort();
}

/** Read a JSONL file of records. @throws DatelineError `E_NOT_FOUND` / `E_PARSE_GOLD`-style `E_USAGE` on bad lines. */
export function readJsonl<T>(file: string): T[] {
  if (!fs.existsSync(file)) throw new DatelineError('E_NOT_FOUND', `file not found: ${file}`);
  const out: T[] = [];
  fs.readFileSync(file, 'utf8').split('\n').forEach((l, i) => {
    if (!l.trim()) return;
    try {
      out.push(JSON.parse(l) as T);
    } catch {
      throw new DatelineError('E_USAGE', `${file}:${i + 1}: not JSON`);
    }
  });
  return out;
}

/** Score predicted against expected triple sets: exact-match count, true positives, totals. */
export function scoreSets(pairs: Array<{ expected: string[]; got: string[] }>): { exact: number; tp: number; pred: number; gold: number } {
  let exact = 0, tp = 0, pred = 0, gold = 0;
  for (const { expected, got } of pairs) {
    const e = new Set(expected);
    const g = new Set(got);
    if (e.size === g.size && [...e].every((x) => g.has(x))) exact++;
    for (const x of g) if (e.has(x)) tp++;
    pred += g.size;
    gold += e.size;
  }
  return { exact, tp, pred, gold };
}

const prf = (tp: number, pred: number, gold: number) => {
  const p = pred ? tp / pred : 0;
  const r = gold ? tp / gold : 0;
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};

/**
 * Run one of the anchor's runs over the records in `dir` (the folder holding
 * `petrarch_validation.jsonl` and the `run_*.json` files) with dictionaries from `dictDir`.
 */
export async function evalPetrarch(dir: string, dictDir: string, run: 'A' | 'B'): Promise<PetrarchRunReport> {
  const recs = readJsonl<PetrarchRecord>(path.join(dir, 'petrarch_validation.jsonl'));
  const files = run === 'A'
    ? ['PETR.Validate.actors.txt', 'PETR.Validate.agents.txt', 'PETR.Validate.discards.txt', 'PETR.Validate.verbs.txt']
    : ['PETR_Validate_actors_2_02.txt', 'PETR_Validate_agents_2_02.txt', 'PETR_Validate_discards_2_02.txt', 'PETR_Validate_verbs_2_02.txt'];
  const dictionaries = loadDictionaries(files.map((f) => path.join(dictDir, f)).join(','));
  const coder = createCoder({ dictionaries });
  // records whose configuration sets require_dyad false are coded with that option
  let monadic: ReturnType<typeof createCoder> | null = null;
  const anchorFile = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => f.startsWith(`run_${run}_`) && f.endsWith('.json')) : undefined;
  const anchor = anchorFile ? (JSON.parse(fs.readFileSync(path.join(dir, anchorFile), 'utf8')) as { results: Array<{ seq: number }>; summary: Record<string, number> }) : null;
  let chosen = recs;
  if (run === 'B') {
    const seqs = anchor ? new Set(anchor.results.map((r) => r.seq)) : null;
    chosen = recs.filter((r) => (seqs ? seqs.has(r.seq) : r.expected_ud_2_02 != null && !r.error));
  }
  // run B: the UD-2.02 suite's own sentence for each id (its expectations were written for it)
  const udText = new Map<string, { text: string; date: string }>();
  const udFile = path.join(dir, 'ud_petrarch_validate_records_2_02.jsonl');
  if (run === 'B' && fs.existsSync(udFile)) {
    for (const u of readJsonl<Partial<PetrarchRecord>>(udFile)) if (u.id && u.text && !udText.has(u.id)) udText.set(u.id, { text: u.text, date: u.date ?? '' });
  }
  const results: PetrarchRecordResult[] = [];
  for (const r of chosen) {
    const exp = run === 'A' ? r.expected : r.expected_ud_2_02 ?? [];
    const expected = [...new Set(exp.map((e) => triple(e.source, e.target, e.code)))].sort();
    const ud = run === 'B' ? udText.get(r.id) : undefined;
    const rec: CodeRecord = { id: r.id, date: ud?.date || r.date, text: ud?.text ?? r.text };
    const requireDyad = run === 'B' || !/^false$/i.test(r.config?.require_dyad ?? '');
    const res = await (requireDyad ? coder : (monadic ??= createCoder({ dictionaries, requireDyad: false }))).code(rec);
    const got = eventTriples(res.events);
    const s = scoreSets([{ expected, got }]);
    results.push({ id: r.id, seq: r.seq, category: r.category, expected, got, exact: s.exact === 1 });
  }
  const s = scoreSets(results);
  const byCategory: Record<string, string> = {};
  const cats = new Map<string, [number, number]>();
  for (const r of results) {
    const c = cats.get(r.category) ?? [0, 0];
    c[0] += r.exact ? 1 : 0;
    c[1]++;
    cats.set(r.category, c);
  }
  for (const [k, [a, b]] of [...cats].sort()) byCategory[k] = `${a}/${b}`;
  const m = prf(s.tp, s.pred, s.gold);
  return {
    run,
    dictionaries: files,
    records: results.length,
    exact: s.exact,
    exactRate: results.length ? s.exact / results.length : 0,
    ...m,
    byCategory,
    ...(anchor ? { petrarch2: { exact: anchor.summary.exact_match, records: anchor.summary.records, exactRate: anchor.summary.exact_rate, precision: anchor.summary.precision, recall: anchor.summary.recall } } : {}),
    results,
  };
}

/** Plain-text report of runs (figures as percentages, PETRARCH-2 beside Dateline). */
export function renderPetrarch(reports: PetrarchRunReport[], verbose = false): string {
  const pct = (x: number) => (100 * x).toFixed(1) + '%';
  const lines: string[] = ['PETRARCH unit-test records, exact set match of (source, target, code) per record'];
  for (const r of reports) {
    lines.push('');
    lines.push(`run ${r.run} (${r.dictionaries.join(', ')}): ${r.records} records`);
    lines.push(`  Dateline   : exact ${r.exact}/${r.records} = ${pct(r.exactRate)}; events P ${pct(r.precision)} R ${pct(r.recall)} F1 ${pct(r.f1)}`);
    if (r.petrarch2) lines.push(`  PETRARCH-2 : exact ${r.petrarch2.exact}/${r.petrarch2.records} = ${pct(r.petrarch2.exactRate)}; events P ${pct(r.petrarch2.precision)} R ${pct(r.petrarch2.recall)} (anchor run)`);
    lines.push(`  by category: ${Object.entries(r.byCategory).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    if (verbose) for (const x of r.results) if (!x.exact) lines.push(`  MISS ${x.id}: expected [${x.expected.join(' ')}] got [${x.got.join(' ')}]`);
  }
  return lines.join('\n');
}
