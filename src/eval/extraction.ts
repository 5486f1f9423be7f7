/**
 * Article-extraction evaluation: Dateline's extractor side by side with plain Readability.js (both
 * over linkedom), on the two public benchmark layouts kept in `../shared/gold/extraction/`.
 *
 * **Trafilatura layout** (a folder with `evaldata.json`; the HTML under `tests/cache`, `tests/eval`,
 * `cache`, `eval` or beside it; or packed as `*.tar.gz.part-*`, which is unpacked into a temporary
 * folder with `cat *.part-* | tar xz` and removed afterwards): each page has 1–6 `with` snippets that
 * must appear in the extracted text and 1–6 `without` snippets that must not. Scoring is
 * trafilatura's `tests/eval_common.py` (`count_item`): the text and each snippet are
 * whitespace-normalized (`\s+` → one space, trimmed); a `with` snippet found is a TP, missing a FN; a
 * `without` snippet found is a FP, missing a TN. Counts are pooled over the corpus (micro):
 * P = TP/(TP+FP), R = TP/(TP+FN), F1 = 2TP/(2TP+FP+FN), accuracy = (TP+TN)/all. A page whose
 * extraction throws counts as a full miss, as there.
 *
 * **Readability layout** (folders holding `source.html` and `expected.html`, e.g. Mozilla's
 * `test/test-pages/*`): token F1 of the extracted text against the text of `expected.html`.
 * Tokenization: NFKC, lower-cased, tokens are maximal runs of Unicode letters, marks and digits
 * (`[\p{L}\p{M}\p{N}]+`); precision and recall over the bag (multiset) of tokens, as the SQuAD
 * and Scrapinghub article-extraction-benchmark token F1. Figures are macro-averaged over pages
 * (each page weighs the same); pooled (micro) figures are reported too.
 *
 * Both extractors get the page decoded by {@link decode} (BOM, UTF-8, `<meta charset>`, chardet).
 * Plain Readability's text is its `content` serialized block by block (one line per block element,
 * `<br>` a line break) by the same neutral serializer that reads `expected.html`, so that neither
 * side loses a word boundary at a tag.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { decode } from '../ingest/decode.js';
import { extractArticle } from '../ingest/extract.js';
import { DatelineError } from '../doc/errors.js';

/** An extractor under test: HTML (decoded) → article text. May throw (counted as a miss). */
export type Extractor = (html: string, url?: string) => string;

/** One page of a suite. */
export interface ExtractionPage {
  /** Page id (folder name or file name). */
  id: string;
  /** Path of the HTML file. */
  file: string;
  /** URL of the page when the suite gives it. */
  url?: string;
  /** Trafilatura layout: snippets that must appear / must not appear. */
  with?: string[];
  without?: string[];
  /** Readability layout: path of `expected.html`. */
  expectedFile?: string;
}

/** A suite found in a folder, with a cleanup for temporary files. */
export interface ExtractionSuite {
  layout: 'trafilatura' | 'readability';
  dir: string;
  pages: ExtractionPage[];
  /** Remove temporary files (an unpacked archive). */
  dispose(): void;
}

/** Pooled counts and scores of one extractor on one suite. */
export interface ExtractionScore {
  /** Precision, recall, F1 in [0, 1]: snippets pooled (trafilatura) or macro over pages (readability). */
  precision: number;
  recall: number;
  f1: number;
  /** Readability layout: pooled token precision/recall/F1. Trafilatura layout: accuracy in `accuracy`. */
  microF1?: number;
  accuracy?: number;
  tp: number;
  fp: number;
  fn: number;
  tn?: number;
  pages: number;
  errors: number;
  /** Total extraction time, milliseconds (decoding excluded). */
  ms: number;
}

/** Per-page outcome, for listing the worst pages. */
export interface PageOutcome {
  id: string;
  f1: number;
  /** Trafilatura layout: missed `with` snippets and found `without` snippets. */
  missed?: string[];
  leaked?: string[];
  error?: string;
}

/** Result of {@link evaluateExtraction}: one score per extractor name. */
export interface ExtractionReport {
  layout: ExtractionSuite['layout'];
  dir: string;
  pages: number;
  scores: Record<string, ExtractionScore>;
  /** Per-page outcomes per extractor. */
  outcomes: Record<string, PageOutcome[]>;
}

const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;

/** Tokens of `s` as defined in the module doc (NFKC, lower case, letter/mark/digit runs). */
export function tokenize(s: string): string[] {
  return s.normalize('NFKC').toLowerCase().match(TOKEN) ?? [];
}

/** Bag-of-tokens precision, recall and F1 of `pred` against `gold` (module doc), with overlap counts. */
export function tokenF1(pred: string, gold: string): { precision: number; recall: number; f1: number; overlap: number; predN: number; goldN: number } {
  const p = tokenize(pred);
  const g = tokenize(gold);
  const counts = new Map<string, number>();
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  let overlap = 0;
  for (const t of p) {
    const c = counts.get(t);
    if (c) {
      overlap++;
      counts.set(t, c - 1);
    }
  }
  const precision = p.length ? overlap / p.length : g.length ? 0 : 1;
  const recall = g.length ? overlap / g.length : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, overlap, predN: p.length, goldN: g.length };
}

/** Trafilatura's whitespace normalization (`re.sub(r"\s+", " ", text).strip()`). */
export function normWs(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Trafilatura's `count_item`: `[tp, fp, fn, tn]` of one page; `text` null = extraction failed. */
export function countSnippets(item: { with: string[]; without: string[] }, text: string | null): [number, number, number, number] {
  let tp = 0;
  let fp = 0;
  if (text != null) {
    const t = normWs(text);
    for (const w of item.with) if (t.includes(normWs(w))) tp++;
    for (const w of item.without) if (t.includes(normWs(w))) fp++;
  }
  return [tp, fp, item.with.length - tp, item.without.length - fp];
}

const NEUTRAL_BLOCKS = new Set([
  'P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD', 'BLOCKQUOTE', 'PRE',
  'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'MAIN', 'FIGURE', 'FIGCAPTION', 'TABLE', 'TR', 'TD', 'TH', 'HR',
  'ADDRESS', 'DETAILS', 'SUMMARY', 'CENTER', 'ASIDE', 'NAV', 'CAPTION',
]);
const NEUTRAL_SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD']);

/** Text of a DOM subtree with a line break at every block element and `<br>` (nothing else dropped). */
export function neutralText(root: any): string {
  const parts: string[] = [];
  const visit = (node: any): void => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) parts.push(c.textContent ?? '');
      else if (c.nodeType === 1) {
        const tag = String(c.tagName).toUpperCase();
        if (NEUTRAL_SKIP.has(tag)) continue;
        if (tag === 'BR') parts.push('\n');
        else if (NEUTRAL_BLOCKS.has(tag)) {
          parts.push('\n');
          visit(c);
          parts.push('\n');
        } else visit(c);
      }
    }
  };
  visit(root);
  return parts.join('').replace(/[ \t\r\f\v\u00a0]+/g, ' ').replace(/ ?\n[\s]*/g, '\n').trim();
}

/** Plain Readability.js over linkedom (default options); its `content` serialized by {@link neutralText}. */
export const plainReadability: Extractor = (html) => {
  const hasHtml = /<html[\s>]/i.test(html.slice(0, 4096));
  const { document } = parseHTML(hasHtml ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  const r = new Readability(document as unknown as Document, { serializer: (el: Node) => el }).parse();
  if (!r || !r.content) return '';
  return neutralText(r.content as unknown);
};

/** Dateline's extractor: {@link extractArticle}'s cleaned body text (what `doc.text` becomes). */
export const datelineExtractor: Extractor = (html, url) => extractArticle(html, { url }).text;

/**
 * Find the suite in `dir` (see the module doc for both layouts).
 * @throws DatelineError `E_NOT_FOUND` when `dir` holds neither layout.
 */
export function loadExtractionSuite(dir: string): ExtractionSuite {
  if (!fs.existsSync(dir)) throw new DatelineError('E_NOT_FOUND', `${dir}: no such directory`);
  const evaldata = path.join(dir, 'evaldata.json');
  if (fs.existsSync(evaldata)) return loadTrafilatura(dir, evaldata);
  const pages = findReadabilityPages(dir, 0);
  if (pages.length) return { layout: 'readability', dir, pages, dispose: () => {} };
  throw new DatelineError('E_NOT_FOUND', `${dir}: no evaldata.json and no folders with source.html + expected.html`);
}

function findReadabilityPages(dir: string, depth: number): ExtractionPage[] {
  if (depth > 4) return [];
  const src = path.join(dir, 'source.html');
  const exp = path.join(dir, 'expected.html');
  if (fs.existsSync(src) && fs.existsSync(exp)) return [{ id: path.basename(dir), file: src, expectedFile: exp }];
  let names: string[];
  try {
    names = fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
  const out: ExtractionPage[] = [];
  for (const n of names) {
    if (n.startsWith('.')) continue;
    const p = path.join(dir, n);
    if (fs.statSync(p).isDirectory()) out.push(...findReadabilityPages(p, depth + 1));
  }
  return out;
}

function loadTrafilatura(dir: string, evaldata: string): ExtractionSuite {
  const data = JSON.parse(fs.readFileSync(evaldata, 'utf8')) as Record<string, { file: string; with: string[]; without: string[] }>;
  let root = dir;
  let tmp: string | undefined;
  const roots = (r: string): string[] => [path.join(r, 'tests', 'cache'), path.join(r, 'tests', 'eval'), path.join(r, 'cache'), path.join(r, 'eval'), r];
  const firstFile = Object.values(data)[0]?.file;
  const found = (r: string): boolean => !!firstFile && roots(r).some((d) => fs.existsSync(path.join(d, firstFile)));
  if (!found(dir)) {
    const parts = fs.readdirSync(dir).filter((n) => /\.tar\.gz\.part-\d+$/.test(n)).sort();
    if (!parts.length) throw new DatelineError('E_NOT_FOUND', `${dir}: the pages of evaldata.json are not there (no HTML, no *.tar.gz.part-*)`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-extraction-'));
    // cat *.part-* | tar xz, into the temporary folder only
    const archive = Buffer.concat(parts.map((p) => fs.readFileSync(path.join(dir, p))));
    execFileSync('tar', ['xz', '-C', tmp], { input: archive, maxBuffer: 1 << 20 });
    root = tmp;
  }
  const pages: ExtractionPage[] = [];
  for (const [url, item] of Object.entries(data)) {
    const file = roots(root).map((d) => path.join(d, item.file)).find((p) => fs.existsSync(p));
    pages.push({ id: item.file, file: file ?? path.join(root, item.file), url, with: item.with, without: item.without });
  }
  return {
    layout: 'trafilatura',
    dir,
    pages,
    dispose: () => {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Decoded HTML of a page file; `undefined` when it is missing or cannot be decoded. */
function readPage(file: string): string | undefined {
  try {
    return decode(fs.readFileSync(file), file).text;
  } catch {
    return undefined;
  }
}

/**
 * Score `extractors` (default: `dateline` and `readability`) on a suite, in the same run, page by
 * page in the same order. Pure computation; the caller prints.
 */
export function evaluateExtraction(
  suite: ExtractionSuite,
  extractors: Record<string, Extractor> = { dateline: datelineExtractor, readability: plainReadability },
  opts: { limit?: number; onPage?: (i: number, n: number) => void } = {},
): ExtractionReport {
  const pages = opts.limit ? suite.pages.slice(0, opts.limit) : suite.pages;
  const names = Object.keys(extractors);
  const scores: Record<string, ExtractionScore> = {};
  const outcomes: Record<string, PageOutcome[]> = {};
  const macro: Record<string, { p: number; r: number; f: number }> = {};
  for (const n of names) {
    scores[n] = { precision: 0, recall: 0, f1: 0, tp: 0, fp: 0, fn: 0, tn: 0, pages: 0, errors: 0, ms: 0 };
    outcomes[n] = [];
    macro[n] = { p: 0, r: 0, f: 0 };
  }
  pages.forEach((page, i) => {
    opts.onPage?.(i, pages.length);
    const html = readPage(page.file);
    const gold = suite.layout === 'readability' && page.expectedFile ? goldText(page.expectedFile) : undefined;
    for (const n of names) {
      const s = scores[n];
      s.pages++;
      let text: string | null = null;
      let error: string | undefined;
      if (html !== undefined) {
        const t0 = performance.now();
        try {
          text = extractors[n](html, page.url);
        } catch (e) {
          error = e instanceof Error ? e.message : String(e);
        }
        s.ms += performance.now() - t0;
      } else error = 'page not readable';
      if (error) s.errors++;
      if (suite.layout === 'trafilatura') {
        const [tp, fp, fn, tn] = countSnippets({ with: page.with ?? [], without: page.without ?? [] }, text);
        s.tp += tp;
        s.fp += fp;
        s.fn += fn;
        s.tn! += tn;
        const t = text == null ? '' : normWs(text);
        const d = 2 * tp + fp + fn;
        outcomes[n].push({
          id: page.id,
          f1: d ? (2 * tp) / d : 1,
          missed: (page.with ?? []).filter((w) => !t.includes(normWs(w))),
          leaked: (page.without ?? []).filter((w) => t.includes(normWs(w))),
          error,
        });
      } else {
        const r = tokenF1(text ?? '', gold ?? '');
        s.tp += r.overlap;
        s.fp += r.predN - r.overlap;
        s.fn += r.goldN - r.overlap;
        macro[n].p += r.precision;
        macro[n].r += r.recall;
        macro[n].f += r.f1;
        outcomes[n].push({ id: page.id, f1: r.f1, error });
      }
    }
  });
  for (const n of names) {
    const s = scores[n];
    const microP = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 0;
    const microR = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 0;
    const microF = 2 * s.tp + s.fp + s.fn ? (2 * s.tp) / (2 * s.tp + s.fp + s.fn) : 0;
    if (suite.layout === 'trafilatura') {
      s.precision = microP;
      s.recall = microR;
      s.f1 = microF;
      const all = s.tp + s.fp + s.fn + s.tn!;
      s.accuracy = all ? (s.tp + s.tn!) / all : 0;
    } else {
      delete s.tn;
      const k = s.pages || 1;
      s.precision = macro[n].p / k;
      s.recall = macro[n].r / k;
      s.f1 = macro[n].f / k;
      s.microF1 = microF;
    }
  }
  return { layout: suite.layout, dir: suite.dir, pages: pages.length, scores, outcomes };
}

/** Text of an `expected.html` (neutral block serialization). */
function goldText(file: string): string {
  const html = readPage(file) ?? '';
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  return neutralText((document as any).body);
}

/** The report as aligned text lines: one row per extractor (P, R, F1, pages/s, errors). */
export function renderExtractionReport(r: ExtractionReport): string {
  const head = `${r.layout} layout, ${r.pages} pages (${r.dir})`;
  const unit = r.layout === 'trafilatura' ? 'snippets, pooled' : 'token F1, macro over pages';
  const lines = [head, `${'extractor'.padEnd(12)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)} ${r.layout === 'trafilatura' ? 'acc'.padStart(6) : 'microF1'.padStart(7)} ${'pages/s'.padStart(8)} errors   (${unit})`];
  for (const [n, s] of Object.entries(r.scores)) {
    const extra = r.layout === 'trafilatura' ? (s.accuracy ?? 0).toFixed(3).padStart(6) : (s.microF1 ?? 0).toFixed(3).padStart(7);
    const pps = s.ms ? ((s.pages * 1000) / s.ms).toFixed(1) : '-';
    lines.push(`${n.padEnd(12)} ${s.precision.toFixed(3).padStart(6)} ${s.recall.toFixed(3).padStart(6)} ${s.f1.toFixed(3).padStart(6)} ${extra} ${pps.padStart(8)} ${String(s.errors).padStart(6)}`);
  }
  return lines.join('\n');
}
