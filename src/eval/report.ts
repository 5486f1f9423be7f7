/**
 * Rendering of the scorers' reports: a text form (a per-layer precision/recall/F1 table, the
 * attribute accuracies, and every miss) and a JSON form (scores rounded to 4 decimals).
 */
import type { GoldReport } from './gold.js';
import type { CasesReport } from './cases.js';
import type { Accuracy, LayerScore, Miss } from './metrics.js';

function pct(x: number): string {
  return (x * 100).toFixed(1).padStart(6);
}

function scoreTable(rows: Array<LayerScore & { skipped?: number; cases?: number }>, withSkips = false): string[] {
  const width = Math.max(8, ...rows.map((r) => r.layer.length));
  const head = `${'layer'.padEnd(width)}      P      R     F1    TP    FP    FN${withSkips ? '  skip cases' : ''}`;
  const lines = [head, '-'.repeat(head.length)];
  for (const r of rows) {
    const empty = r.tp + r.fp + r.fn === 0;
    const f = (x: number) => (empty ? '   n/a' : pct(x));
    let line = `${r.layer.padEnd(width)} ${f(r.precision)} ${f(r.recall)} ${f(r.f1)} ${String(r.tp).padStart(5)} ${String(r.fp).padStart(5)} ${String(r.fn).padStart(5)}`;
    if (withSkips) line += ` ${String(r.skipped ?? 0).padStart(5)} ${String(r.cases ?? 0).padStart(5)}`;
    lines.push(line);
  }
  return lines;
}

function accuracyLines(rows: Accuracy[]): string[] {
  if (!rows.length) return [];
  const width = Math.max(...rows.map((r) => r.name.length));
  return ['', 'attribute accuracy (over matched items):', ...rows.map((a) => `  ${a.name.padEnd(width)} ${pct(a.accuracy)}%  (${a.correct}/${a.total})`)];
}

/** Whitespace (newlines included) collapsed, so that each miss stays on one line. */
function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function missLines(misses: Miss[]): string[] {
  if (!misses.length) return ['', 'misses: none'];
  const lines = ['', `misses (${misses.length}):`];
  for (const m of misses) {
    const where = m.caseId ? `${m.caseId} ` : '';
    lines.push(`  ${m.kind.padEnd(9)} [${m.layer}] ${where}${oneLine(m.item)}${m.detail ? ' — ' + oneLine(m.detail) : ''}`);
  }
  return lines;
}

/** The text form of a story gold report: P/R/F1 per layer (in %; "n/a" for a layer with nothing to score), attribute accuracies, required-event recall, must_not violations, misses. */
export function renderGoldReport(r: GoldReport): string {
  const lines = [`gold: ${r.doc}`, '', ...scoreTable(r.layers)];
  lines.push(...accuracyLines(r.attributes));
  lines.push(
    '',
    `required events recall: ${pct(r.requiredEvents.recall).trim()}% (${r.requiredEvents.found}/${r.requiredEvents.total})`,
    `must_not violations: ${r.mustNot.violations} (rules: ${r.mustNot.rules})`,
  );
  lines.push(...missLines(r.misses));
  return lines.join('\n') + '\n';
}

/** The text form of a cases report: P/R/F1 per area (in %) with skipped items and case counts, the overall micro-average, notes on passed items, misses. */
export function renderCasesReport(r: CasesReport): string {
  const lines = ['cases', '', ...scoreTable([...r.areas, r.overall], true)];
  const notes = r.items.filter((i) => i.status === 'pass' && i.detail);
  if (notes.length) {
    lines.push('', 'notes on passed items:');
    for (const n of notes) lines.push(`  [${n.area}] ${n.caseId} ${n.item} — ${n.detail}`);
  }
  lines.push(...missLines(r.misses));
  return lines.join('\n') + '\n';
}

function round(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Math.round(value * 10000) / 10000;
  if (Array.isArray(value)) return value.map(round);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v)]));
  return value;
}

/** The JSON form of either report, scores rounded to 4 decimals, pretty-printed. */
export function reportJSON(r: GoldReport | CasesReport): string {
  return JSON.stringify(round(r), null, 2);
}
