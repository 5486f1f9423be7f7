/**
 * TempEval-3 TIMEX3 evaluation: read TimeML (`.tml`) files, tag their text with Dateline anchored on
 * the document creation time (DCT), write TimeML back, and score extents and attributes the way the
 * official TempEval-3 scorer does (UzZaman et al. 2013, "SemEval-2013 Task 1: TempEval-3"):
 *
 * - extent, strict: a predicted TIMEX3 matches a gold one with exactly the same span;
 * - extent, relaxed: the spans overlap (each gold and each predicted timex is matched at most once);
 * - attribute F1 (value, type): over the relaxed matches, P = correct / predicted, R = correct / gold.
 *
 * The DCT itself (`functionInDocument="CREATION_TIME"`) is not scored: it is given, not tagged.
 * Offsets are UTF-16 code units into the text of the `<TEXT>` element with all tags removed and
 * the five XML entities decoded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatelineError } from '../doc/errors.js';
import type { Timex } from '../doc/types.js';
import { createContext } from '../context.js';
import { segment, wink } from '../nlp/segment.js';
import { extractTimexes } from '../time/timex.js';

/** One TIMEX3 of a TimeML file: span (UTF-16 offsets into the TEXT body), type and value. */
export interface TimemlTimex {
  start: number;
  end: number;
  text: string;
  type: string;
  value: string;
  tid?: string;
}

/** A parsed TimeML document. */
export interface TimemlDoc {
  /** Document creation time, ISO 8601 `YYYY-MM-DD` (empty string when the file has none). */
  dct: string;
  /** Text of the `<TEXT>` element with tags removed and entities decoded. */
  text: string;
  /** Gold TIMEX3s inside `<TEXT>`, in text order. */
  timexes: TimemlTimex[];
  /** The file before the `<TEXT>` element's content (kept verbatim on output). */
  head: string;
  /** The file after the `<TEXT>` element's content (kept on output, TLINKs to text timexes dropped). */
  tail: string;
}

const ENT: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENT[e]);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(tag: string, name: string): string {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? '';
}

/**
 * Parse a TimeML file.
 * @throws DatelineError `E_GOLD` when the file has no `<TEXT>` element.
 */
export function parseTimeml(xml: string): TimemlDoc {
  const open = xml.indexOf('<TEXT>');
  const close = xml.lastIndexOf('</TEXT>');
  if (open < 0 || close < open) throw new DatelineError('E_GOLD', 'TimeML file has no <TEXT> element');
  const dctTag = /<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>/.exec(xml)?.[0] ?? '';
  const dct = (attr(dctTag, 'value').match(/^\d{4}-\d{2}-\d{2}/)?.[0]) ?? '';
  const body = xml.slice(open + 6, close);
  let text = '';
  const timexes: TimemlTimex[] = [];
  const stack: Array<{ start: number; type: string; value: string; tid: string }> = [];
  const re = /<(\/?)([A-Za-z0-9_]+)([^>]*)>|([^<]+)/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[4] !== undefined) text += decodeEntities(m[4]);
    else if (m[2] === 'TIMEX3') {
      if (!m[1]) {
        const t = { start: text.length, type: attr(m[3], 'type'), value: attr(m[3], 'value'), tid: attr(m[3], 'tid') };
        if (m[3].trim().endsWith('/')) continue; // empty TIMEX3 (no extent)
        stack.push(t);
      } else {
        const o = stack.pop();
        if (o) timexes.push({ start: o.start, end: text.length, text: text.slice(o.start), type: o.type, value: o.value, tid: o.tid });
      }
    }
  }
  timexes.sort((a, b) => a.start - b.start);
  return { dct, text, timexes, head: xml.slice(0, open + 6), tail: xml.slice(close) };
}

/**
 * Write a TimeML file: `doc.head`, the text with `timexes` as `<TIMEX3 tid type value>` tags, and
 * `doc.tail` without the links (TLINK, SLINK, ALINK) and instances that named the old timexes
 * (other than the DCT `t0`). Overlapping timexes are skipped after the first.
 */
export function writeTimeml(doc: TimemlDoc, timexes: ReadonlyArray<{ start: number; end: number; type: string; value: string; mod?: string }>): string {
  let out = '';
  let at = 0;
  let n = 1;
  for (const t of [...timexes].sort((a, b) => a.start - b.start)) {
    if (t.start < at) continue;
    out += escapeXml(doc.text.slice(at, t.start));
    const mod = t.mod ? ` mod="${escapeXml(t.mod)}"` : '';
    out += `<TIMEX3 tid="t${n++}" type="${t.type}" value="${escapeXml(t.value)}"${mod}>${escapeXml(doc.text.slice(t.start, t.end))}</TIMEX3>`;
    at = t.end;
  }
  out += escapeXml(doc.text.slice(at));
  const tail = doc.tail.replace(/\s*<TLINK\b[^>]*(?:relatedToTime|timeID|anchorTimeID)="t(?!0")\d+"[^>]*\/>/g, '');
  return doc.head + out + tail;
}

/** Counts and figures of a TempEval-3 TIMEX3 evaluation (fractions in [0, 1]). */
export interface TimemlScore {
  docs: number;
  gold: number;
  predicted: number;
  strictMatches: number;
  relaxedMatches: number;
  valueCorrect: number;
  typeCorrect: number;
  strict: { p: number; r: number; f1: number };
  relaxed: { p: number; r: number; f1: number };
  /** Value attribute F1 (TempEval-3's headline normalization figure). */
  valueF1: number;
  /** Type attribute F1. */
  typeF1: number;
  /** Type accuracy over relaxed matches. */
  typeAccuracy: number;
  /** Value accuracy over relaxed matches. */
  valueAccuracy: number;
  /** Value errors over relaxed matches: gold text, gold value, predicted text, predicted value, file. */
  errors: Array<{ file: string; gold: string; goldValue: string; pred: string; predValue: string; dct: string }>;
  /** Gold timexes not found (relaxed). */
  misses: Array<{ file: string; text: string; value: string }>;
  /** Predicted timexes that match no gold one (relaxed). */
  spurious: Array<{ file: string; text: string; value: string }>;
}

function prf(c: number, p: number, g: number): { p: number; r: number; f1: number } {
  const P = p ? c / p : 0;
  const R = g ? c / g : 0;
  return { p: P, r: R, f1: P + R ? (2 * P * R) / (P + R) : 0 };
}

/** Accumulator of {@link TimemlScore} over many documents. */
export class TimemlScorer {
  private s = { docs: 0, gold: 0, predicted: 0, strictMatches: 0, relaxedMatches: 0, valueCorrect: 0, typeCorrect: 0 };
  private errors: TimemlScore['errors'] = [];
  private misses: TimemlScore['misses'] = [];
  private spurious: TimemlScore['spurious'] = [];

  /** Score one document's predicted timexes against its gold ones (TempEval-3 matching). */
  add(file: string, gold: readonly TimemlTimex[], pred: ReadonlyArray<{ start: number; end: number; text: string; type: string; value: string }>, dct = ''): void {
    this.s.docs++;
    this.s.gold += gold.length;
    this.s.predicted += pred.length;
    const used = new Set<number>();
    for (const g of gold) {
      // prefer an exact match, then the largest overlap
      let best = -1;
      let bestOv = 0;
      pred.forEach((p, i) => {
        if (used.has(i)) return;
        const ov = Math.min(p.end, g.end) - Math.max(p.start, g.start);
        const score = p.start === g.start && p.end === g.end ? Infinity : ov;
        if (ov > 0 && score > bestOv) { best = i; bestOv = score; }
      });
      if (best < 0) { this.misses.push({ file, text: g.text, value: g.value }); continue; }
      used.add(best);
      const p = pred[best];
      this.s.relaxedMatches++;
      if (p.start === g.start && p.end === g.end) this.s.strictMatches++;
      if (p.value === g.value) this.s.valueCorrect++;
      else this.errors.push({ file, gold: g.text, goldValue: g.value, pred: p.text, predValue: p.value, dct });
      if (p.type === g.type) this.s.typeCorrect++;
    }
    pred.forEach((p, i) => { if (!used.has(i)) this.spurious.push({ file, text: p.text, value: p.value }); });
  }

  /** The figures so far. */
  result(): TimemlScore {
    const s = this.s;
    const value = prf(s.valueCorrect, s.predicted, s.gold);
    const type = prf(s.typeCorrect, s.predicted, s.gold);
    return {
      ...s,
      strict: prf(s.strictMatches, s.predicted, s.gold),
      relaxed: prf(s.relaxedMatches, s.predicted, s.gold),
      valueF1: value.f1,
      typeF1: type.f1,
      typeAccuracy: s.relaxedMatches ? s.typeCorrect / s.relaxedMatches : 0,
      valueAccuracy: s.relaxedMatches ? s.valueCorrect / s.relaxedMatches : 0,
      errors: this.errors,
      misses: this.misses,
      spurious: this.spurious,
    };
  }
}

let nlp: ReturnType<typeof wink> | null = null;

/**
 * Tag the text of a parsed TimeML document with Dateline's TIMEX3 tagger, anchored on its DCT
 * (the text is segmented with the project's wink-nlp segmenter for tense and part of speech), with
 * TimeML's annotation conventions (`conventions: 'timeml'`: every "now" is a PRESENT_REF).
 */
export function tagTimeml(doc: TimemlDoc, opts: { dayFirst?: boolean } = {}): Timex[] {
  nlp ??= wink(createContext());
  const seg = segment(nlp, doc.text);
  return extractTimexes(doc.text, doc.dct || null, { ...seg, dayFirst: opts.dayFirst, conventions: 'timeml' });
}

/** `.tml` files under `dir` (recursively), sorted by relative path. */
export function listTml(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.tml')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Which files of a sorted list to use: all, the dev split (every 5th, index % 5 === 0) or the rest. */
export type TimemlSplit = 'all' | 'dev' | 'train';

/** Pick a split of a sorted file list: `dev` = every 5th file (index % 5 === 0), `train` = the rest. */
export function splitFiles(files: string[], split: TimemlSplit): string[] {
  if (split === 'all') return files;
  return files.filter((_, i) => (i % 5 === 0) === (split === 'dev'));
}

/**
 * Evaluate Dateline's TIMEX3 tagger on the TimeML files of `dir` (recursively).
 * @throws DatelineError `E_NOT_FOUND` when `dir` has no `.tml` file.
 */
export function evaluateTimeml(dir: string, split: TimemlSplit = 'all'): TimemlScore {
  if (!fs.existsSync(dir)) throw new DatelineError('E_NOT_FOUND', `no such folder: ${dir}`);
  const files = splitFiles(listTml(dir), split);
  if (!files.length) throw new DatelineError('E_NOT_FOUND', `no .tml files in ${dir}`);
  const scorer = new TimemlScorer();
  for (const f of files) {
    const doc = parseTimeml(fs.readFileSync(f, 'utf8'));
    scorer.add(path.relative(dir, f), doc.timexes, tagTimeml(doc), doc.dct);
  }
  return scorer.result();
}

/**
 * `dateline timex --timeml IN_DIR OUT_DIR`: for every `.tml` file under `inDir`, strip the TIMEX3
 * tags of its TEXT, tag it anchored on its DCT and write the same file (same relative path) under
 * `outDir` with the predicted tags. Returns the number of files written.
 * @throws DatelineError `E_NOT_FOUND` when `inDir` has no `.tml` file.
 */
export function tagTimemlDir(inDir: string, outDir: string): number {
  if (!fs.existsSync(inDir)) throw new DatelineError('E_NOT_FOUND', `no such folder: ${inDir}`);
  const files = listTml(inDir);
  if (!files.length) throw new DatelineError('E_NOT_FOUND', `no .tml files in ${inDir}`);
  for (const f of files) {
    const doc = parseTimeml(fs.readFileSync(f, 'utf8'));
    const out = path.join(outDir, path.relative(inDir, f));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, writeTimeml(doc, tagTimeml(doc)));
  }
  return files.length;
}

const pct = (x: number) => (100 * x).toFixed(2);

/** Render a {@link TimemlScore} as TempEval-3's table of figures (percentages). */
export function renderTimemlScore(s: TimemlScore, title: string, verbose = 0): string {
  const lines = [
    `${title}: ${s.docs} documents, ${s.gold} gold TIMEX3 (DCT excluded), ${s.predicted} predicted`,
    `  extent strict   P ${pct(s.strict.p)}  R ${pct(s.strict.r)}  F1 ${pct(s.strict.f1)}`,
    `  extent relaxed  P ${pct(s.relaxed.p)}  R ${pct(s.relaxed.r)}  F1 ${pct(s.relaxed.f1)}`,
    `  value F1 ${pct(s.valueF1)}  (accuracy on relaxed matches ${pct(s.valueAccuracy)})`,
    `  type  F1 ${pct(s.typeF1)}  (accuracy on relaxed matches ${pct(s.typeAccuracy)})`,
    `  anchor: HeidelTime, value F1 77.6 on the TempEval-3 platinum test set (UzZaman et al. 2013; a different set from this one)`,
  ];
  if (verbose) {
    const n = verbose > 1 ? Infinity : 40;
    lines.push('  value errors (gold text [gold value] → predicted text [predicted value]):');
    for (const e of s.errors.slice(0, n)) lines.push(`    ${e.file}: ${e.gold} [${e.goldValue}] → ${e.pred} [${e.predValue}] (DCT ${e.dct})`);
    lines.push('  missed:');
    for (const e of s.misses.slice(0, n)) lines.push(`    ${e.file}: ${e.text} [${e.value}]`);
    lines.push('  spurious:');
    for (const e of s.spurious.slice(0, n)) lines.push(`    ${e.file}: ${e.text} [${e.value}]`);
  }
  return lines.join('\n');
}

/** Options of {@link runEvalTimeml}. */
export interface EvalTimemlOptions {
  /** `dev` (every 5th file, the held-out split; default), `train`, or `all`. */
  split?: TimemlSplit;
  /** Print JSON. */
  json?: boolean;
  /** 1: list the first 40 errors, misses and spurious timexes; 2: all of them. */
  verbose?: number;
}

/**
 * `dateline eval timeml [DIR]`: print TempEval-3 figures for `dir` (default
 * `../shared/gold/time/tempeval3/TBAQ-cleaned` beside the working directory).
 * @returns exit code 0.
 * @throws DatelineError `E_NOT_FOUND` when the folder has no `.tml` file.
 */
export function runEvalTimeml(dir: string | undefined, opts: EvalTimemlOptions = {}, out: NodeJS.WritableStream = process.stdout): number {
  const d = dir ?? path.resolve('..', 'shared', 'gold', 'time', 'tempeval3', 'TBAQ-cleaned');
  const split = opts.split ?? 'dev';
  const s = evaluateTimeml(d, split);
  if (opts.json) {
    const { errors, misses, spurious, ...rest } = s;
    out.write(JSON.stringify({ split, ...rest, errors: errors.length, misses: misses.length, spurious: spurious.length }, null, 2) + '\n');
  } else out.write(renderTimemlScore(s, `TempEval-3 TIMEX3 (${split} split)`, opts.verbose ?? 0) + '\n');
  return 0;
}
