/**
 * `dateline eval quotes`: quotes and attribution scored on PolNeAR (Newell, Margolin & Ruths 2018,
 * "An Attribution Relations Corpus for Political News", LREC; `../shared/gold/quotes/polnear/`,
 * dev compartment by default). Each gold attribution relation has a content span, a cue span and
 * (except `Attribution-no-source`) a source span, in brat standoff (spans may be discontinuous:
 * `start end;start end`; offsets in UTF-16 code units of the article text, which is ASCII/BMP).
 *
 * Matching (documented here, used by the test floors):
 * - Tokens are the maximal runs of letters and digits (`[\p{L}\p{N}]+`) of the article; a span is the
 *   set of tokens it covers (quotation marks and punctuation do not count).
 * - Predicted quotes with the same cue (a quote split by "…," said X, "…" or continued in the next
 *   paragraph, which inherits its cue) form one predicted attribution whose content is their union.
 * - A predicted attribution and a gold attribution are paired by their content token sets when the Dice
 *   overlap 2|P∩G|/(|P|+|G|) ≥ 0.5, one-to-one, greedily from the highest overlap.
 * - `content`: paired relations count as true positives (P over predicted quotes, R over gold
 *   relations); `contentStrict` requires equal token sets.
 * - `cue`: a pair whose predicted cue shares a token with the gold cue.
 * - `source`: a pair whose predicted speaker shares a token with the gold source, or has the same
 *   last word (a speaker resolved from "he" to "Donald Trump" against a gold source "Trump" or
 *   "he" is judged by the mention the quote names: the speaker's span when given). Relations with
 *   no gold source are right when the prediction has no speaker span in the text or the pair is
 *   otherwise right (PolNeAR leaves the source out only when the text names none).
 * - `all`: source, cue and content all right (the source–cue–content F1 of the issue).
 * Also reported: direct and indirect predicted quotes separately (precision of content pairing).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Quote } from '../doc/types.js';
import { createAnalyzer } from '../pipeline.js';
import { DatelineError } from '../doc/errors.js';

/** One gold attribution relation: spans as [start, end) pairs (UTF-16 code units). */
export interface GoldAttribution {
  content: Array<[number, number]>;
  cue: Array<[number, number]>;
  source: Array<[number, number]> | null;
}

/** P/R/F1 over counts. */
export interface Prf {
  tp: number;
  predicted: number;
  gold: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Figures of the PolNeAR evaluation. */
export interface QuotesReport {
  articles: number;
  goldRelations: number;
  predicted: number;
  content: Prf;
  contentStrict: Prf;
  cue: Prf;
  source: Prf;
  all: Prf;
  /** Precision of content pairing for direct and indirect predicted quotes. */
  byKind: { direct: Prf; indirect: Prf };
  /** Per article: file, gold relations, predicted quotes, content pairs, all-right pairs. */
  perArticle: Array<{ file: string; gold: number; predicted: number; content: number; all: number }>;
  /** Kinds of misses (a sample of up to `missLimit` per kind) for error analysis. */
  misses: Array<{ file: string; kind: 'unmatched-gold' | 'spurious' | 'cue' | 'source'; gold?: string; predicted?: string }>;
}

/**
 * Parse a brat `.ann` file of PolNeAR: the `Attribution` and `Attribution-no-source` relations.
 * @returns the relations in file order; text-bound annotations not in a relation are ignored.
 */
export function parseBratAttributions(ann: string): GoldAttribution[] {
  const spans = new Map<string, Array<[number, number]>>();
  const out: GoldAttribution[] = [];
  const rels: string[] = [];
  for (const line of ann.split('\n')) {
    if (line.startsWith('T')) {
      const [id, mid] = line.split('\t');
      if (!mid) continue;
      const sp = mid.slice(mid.indexOf(' ') + 1);
      const parts: Array<[number, number]> = [];
      for (const p of sp.split(';')) {
        const [a, b] = p.trim().split(/\s+/).map(Number);
        if (Number.isFinite(a) && Number.isFinite(b)) parts.push([a, b]);
      }
      spans.set(id, parts);
    } else if (line.startsWith('E')) rels.push(line.split('\t')[1] ?? '');
  }
  for (const r of rels) {
    const roles = new Map<string, string>();
    for (const x of r.trim().split(/\s+/)) {
      const [role, id] = x.split(':');
      roles.set(role, id);
    }
    const content = spans.get(roles.get('Content') ?? '');
    const cue = spans.get(roles.get('Cue') ?? '');
    if (!content || !cue) continue;
    const src = roles.get('Source');
    out.push({ content, cue, source: src ? spans.get(src) ?? null : null });
  }
  return out;
}

const TOKEN = /[\p{L}\p{N}]+/gu;

/** Token index of each token start/end, for turning spans into token sets. */
class TokenMap {
  starts: number[] = [];
  ends: number[] = [];
  words: string[] = [];
  constructor(text: string) {
    for (const m of text.matchAll(TOKEN)) {
      this.starts.push(m.index!);
      this.ends.push(m.index! + m[0].length);
      this.words.push(m[0].toLowerCase());
    }
  }
  /** Token indices covered (at least partly) by the spans. */
  set(spans: ReadonlyArray<readonly [number, number]>): Set<number> {
    const out = new Set<number>();
    for (const [s, e] of spans) {
      let lo = 0;
      let hi = this.starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.ends[mid] <= s) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < this.starts.length && this.starts[k] < e; k++) out.add(k);
    }
    return out;
  }
}

function dice(a: Set<number>, b: Set<number>): number {
  if (!a.size || !b.size) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return (2 * n) / (a.size + b.size);
}

const shares = (a: Set<number>, b: Set<number>) => {
  for (const x of a) if (b.has(x)) return true;
  return false;
};

const prf = (tp: number, predicted: number, gold: number): Prf => {
  const precision = predicted ? tp / predicted : 0;
  const recall = gold ? tp / gold : 0;
  return { tp, predicted, gold, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
};

/** Result of scoring one article. */
interface ArticleScore {
  gold: number;
  predicted: number;
  content: number;
  strict: number;
  cue: number;
  source: number;
  all: number;
  direct: [number, number];
  indirect: [number, number];
  misses: QuotesReport['misses'];
}

/**
 * Score the predicted quotes of one article against its gold relations (see the module comment).
 * @param missLimit at most this many misses of each kind are kept.
 */
export function scoreArticle(file: string, text: string, gold: GoldAttribution[], quotes: readonly Quote[], missLimit = 3): ArticleScore {
  const tm = new TokenMap(text);
  const g = gold.map((x) => ({ content: tm.set(x.content), cue: tm.set(x.cue), source: x.source ? tm.set(x.source) : null, raw: x }));
  // quotes attributed by the same cue (a quote split by "said X" or continued) are one attribution
  const groups: Quote[][] = [];
  const byCue = new Map<number, Quote[]>();
  for (const q of quotes) {
    const g0 = q.cue ? byCue.get(q.cue.start) : undefined;
    if (g0) g0.push(q);
    else {
      const g1 = [q];
      groups.push(g1);
      if (q.cue) byCue.set(q.cue.start, g1);
    }
  }
  const p = groups.map(([q, ...rest]) => ({
    content: tm.set([[q.start, q.end], ...rest.map((x): [number, number] => [x.start, x.end])]),
    cue: q.cue ? tm.set([[q.cue.start, q.cue.end]]) : new Set<number>(),
    source: q.speaker.start !== undefined && q.speaker.end !== undefined ? tm.set([[q.speaker.start, q.speaker.end]]) : null,
    speakerLast: (q.speaker.text.match(TOKEN) ?? []).pop()?.toLowerCase() ?? '',
    q,
  }));
  const cands: Array<[number, number, number]> = [];
  for (let i = 0; i < p.length; i++) for (let j = 0; j < g.length; j++) {
    const d = dice(p[i].content, g[j].content);
    if (d >= 0.5) cands.push([d, i, j]);
  }
  cands.sort((a, b) => b[0] - a[0]);
  const pUsed = new Set<number>();
  const gUsed = new Set<number>();
  const s: ArticleScore = { gold: g.length, predicted: p.length, content: 0, strict: 0, cue: 0, source: 0, all: 0, direct: [0, 0], indirect: [0, 0], misses: [] };
  const miss = (kind: QuotesReport['misses'][number]['kind'], gi?: number, pi?: number) => {
    if (s.misses.filter((m) => m.kind === kind).length >= missLimit) return;
    const show = (spans: ReadonlyArray<readonly [number, number]>) => spans.map(([a, b]) => text.slice(a, b)).join(' … ').slice(0, 200);
    s.misses.push({
      file,
      kind,
      ...(gi !== undefined ? { gold: `[${g[gi].raw.source ? show(g[gi].raw.source!) : '-'}] [${show(g[gi].raw.cue)}] ${show(g[gi].raw.content)}` } : {}),
      ...(pi !== undefined ? { predicted: `[${p[pi].q.speaker.text}] [${p[pi].q.cue?.text ?? '-'}] ${p[pi].q.text.slice(0, 200)}` } : {}),
    });
  };
  for (const [, i, j] of cands) {
    if (pUsed.has(i) || gUsed.has(j)) continue;
    pUsed.add(i);
    gUsed.add(j);
    s.content++;
    const pi = p[i];
    const gj = g[j];
    if (pi.content.size === gj.content.size && dice(pi.content, gj.content) === 1) s.strict++;
    const cueOk = shares(pi.cue, gj.cue);
    let srcOk: boolean;
    if (gj.source) {
      const goldLast = [...gj.source].map((k) => tm.words[k]);
      srcOk = (pi.source !== null && shares(pi.source, gj.source)) || (!!pi.speakerLast && goldLast.includes(pi.speakerLast));
    } else srcOk = pi.source === null || !pi.q.speaker.text;
    if (cueOk) s.cue++;
    else miss('cue', j, i);
    if (srcOk) s.source++;
    else miss('source', j, i);
    if (cueOk && srcOk) s.all++;
    const k = pi.q.direct ? s.direct : s.indirect;
    k[0]++;
  }
  for (const x of p) (x.q.direct ? s.direct : s.indirect)[1]++;
  for (let j = 0; j < g.length; j++) if (!gUsed.has(j)) miss('unmatched-gold', j);
  for (let i = 0; i < p.length; i++) if (!pUsed.has(i)) miss('spurious', undefined, i);
  return s;
}

/**
 * Map offsets of `clean` (the Doc's text: the pipeline drops the headline and normalises white
 * space) to offsets of `orig` (the article file, which the gold offsets index): the non-space
 * characters of `clean` are found in order in `orig`, starting where `clean`'s first 40 characters
 * occur. Returns a function from a `clean` offset to an `orig` offset (an end offset maps to one past
 * the last mapped character).
 */
export function offsetMapper(orig: string, clean: string): (i: number, end?: boolean) => number {
  if (orig === clean) return (i) => i;
  const at = orig.indexOf(clean);
  if (at >= 0) return (i) => i + at;
  const map = new Int32Array(clean.length + 1).fill(-1);
  let j = Math.max(0, orig.indexOf(clean.slice(0, 40)));
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i];
    if (/\s/.test(c)) continue;
    let k = j;
    while (k < orig.length && orig[k] !== c && k - j < 200) k++;
    if (k < orig.length && orig[k] === c) {
      map[i] = k;
      j = k + 1;
    }
  }
  // fill gaps (white space, unmatched) from the previous mapped character
  let last = 0;
  for (let i = 0; i <= clean.length; i++) {
    if (map[i] >= 0) last = map[i];
    else map[i] = last;
  }
  return (i, end) => (end && i > 0 ? map[i - 1] + 1 : map[Math.min(i, clean.length)]);
}

/**
 * Run the default pipeline over the PolNeAR articles of `dir` (a compartment folder with `text/` and
 * `attributions/`, e.g. `../shared/gold/quotes/polnear/data/dev`) and score their quotes.
 * The publication date is read from the file name (`publisher_YYYY-MM-DD_slug`).
 * @param limit score only the first `limit` articles (file-name order).
 * @throws DatelineError `E_NOT_FOUND` when the folder has no `text/` or `attributions/`.
 */
export async function evalQuotes(dir: string, opts: { limit?: number; missLimit?: number } = {}): Promise<QuotesReport> {
  const textDir = path.join(dir, 'text');
  const annDir = path.join(dir, 'attributions');
  if (!fs.existsSync(textDir) || !fs.existsSync(annDir)) throw new DatelineError('E_NOT_FOUND', `PolNeAR compartment not found: ${dir} (needs text/ and attributions/)`);
  const anns = fs.readdirSync(annDir).filter((f) => f.endsWith('.ann')).sort();
  const texts = new Map(fs.readdirSync(textDir).map((f) => [f.replace(/\.txt$/, ''), f]));
  const analyzer = createAnalyzer({});
  const tot = { gold: 0, predicted: 0, content: 0, strict: 0, cue: 0, source: 0, all: 0, direct: [0, 0], indirect: [0, 0] };
  const perArticle: QuotesReport['perArticle'] = [];
  const misses: QuotesReport['misses'] = [];
  let n = 0;
  const seen = new Set<string>();
  for (const f of anns) {
    if (opts.limit !== undefined && n >= opts.limit) break;
    // annotation files carry an annotator suffix: slug_ef2d.ann → slug.txt
    const base = f.replace(/\.ann$/, '');
    const tf = texts.get(base) ?? texts.get(base.replace(/_[0-9a-f]{4}$/, ''));
    // an article annotated by two annotators is scored once, against the first annotation (name order)
    if (!tf || seen.has(tf)) continue;
    seen.add(tf);
    const text = fs.readFileSync(path.join(textDir, tf), 'utf8');
    const gold = parseBratAttributions(fs.readFileSync(path.join(annDir, f), 'utf8'));
    const date = /_(\d{4}-\d{2}-\d{2})_/.exec(tf)?.[1];
    const doc = await analyzer.analyze(text, { input: tf, ...(date ? { published: date, publishedSource: 'given' as const } : {}) });
    const m = offsetMapper(text, doc.text);
    const mapSpan = <T extends { start: number; end: number; text: string }>(x: T): T => ({ ...x, start: m(x.start), end: m(x.end, true) });
    const quotes = doc.quotes.map((q) => ({
      ...mapSpan(q),
      ...(q.cue ? { cue: mapSpan(q.cue) } : {}),
      speaker: q.speaker.start !== undefined && q.speaker.end !== undefined ? { ...q.speaker, start: m(q.speaker.start), end: m(q.speaker.end, true) } : q.speaker,
    }));
    const s = scoreArticle(tf, text, gold, quotes, opts.missLimit ?? 3);
    n++;
    for (const k of ['gold', 'predicted', 'content', 'strict', 'cue', 'source', 'all'] as const) tot[k] += s[k];
    for (const k of ['direct', 'indirect'] as const) {
      tot[k][0] += s[k][0];
      tot[k][1] += s[k][1];
    }
    perArticle.push({ file: tf, gold: s.gold, predicted: s.predicted, content: s.content, all: s.all });
    misses.push(...s.misses);
  }
  return {
    articles: n,
    goldRelations: tot.gold,
    predicted: tot.predicted,
    content: prf(tot.content, tot.predicted, tot.gold),
    contentStrict: prf(tot.strict, tot.predicted, tot.gold),
    cue: prf(tot.cue, tot.predicted, tot.gold),
    source: prf(tot.source, tot.predicted, tot.gold),
    all: prf(tot.all, tot.predicted, tot.gold),
    byKind: { direct: prf(tot.direct[0], tot.direct[1], tot.gold), indirect: prf(tot.indirect[0], tot.indirect[1], tot.gold) },
    perArticle,
    misses,
  };
}

/** Text report of {@link evalQuotes}; with `verbose`, the kept misses. */
export function renderQuotes(r: QuotesReport, verbose = false): string {
  const pct = (x: number) => (100 * x).toFixed(1) + '%';
  const line = (name: string, x: Prf) => `  ${name.padEnd(24)}: P ${pct(x.precision)} R ${pct(x.recall)} F1 ${pct(x.f1)} (${x.tp}/${x.predicted} predicted, ${x.gold} gold)`;
  const out = [
    `PolNeAR attribution: ${r.articles} articles, ${r.goldRelations} gold relations, ${r.predicted} predicted attributions (quotes grouped by cue)`,
    line('content (Dice >= 0.5)', r.content),
    line('content (exact tokens)', r.contentStrict),
    line('cue', r.cue),
    line('source', r.source),
    line('source+cue+content', r.all),
    `  direct quotes: content precision ${pct(r.byKind.direct.precision)} (${r.byKind.direct.tp}/${r.byKind.direct.predicted}); indirect: ${pct(r.byKind.indirect.precision)} (${r.byKind.indirect.tp}/${r.byKind.indirect.predicted})`,
  ];
  if (verbose) for (const m of r.misses) out.push(`  ${m.kind} ${m.file}\n    gold: ${m.gold ?? '-'}\n    got:  ${m.predicted ?? '-'}`);
  return out.join('\n');
}
