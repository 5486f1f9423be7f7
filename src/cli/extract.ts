/**
 * `dateline extract FILE.html` — the article of one HTML page with its metadata (DESIGN.md
 * contract) — and `dateline eval extraction [DIR]` — Dateline's extractor scored beside plain
 * Readability.js on a folder of benchmark pages (see `src/eval/extraction.ts`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import { DatelineError, describeInputError } from '../doc/errors.js';
import { decode } from '../ingest/decode.js';
import { extractArticle, type ExtractedArticle } from '../ingest/extract.js';
import { evaluateExtraction, loadExtractionSuite, renderExtractionReport, type ExtractionReport } from '../eval/extraction.js';

/** Options of {@link runExtract}. */
export interface ExtractCliOptions {
  /** `json` (default): one JSON object; `text`: the title, a blank line and the text. */
  format?: 'json' | 'text';
  /** The page's URL, when the page does not name a canonical one. */
  url?: string;
}

/**
 * The object `dateline extract --format json` prints: `{title, text, authors, published, modified,
 * language, url, section, paywalled, siteName, description, dateline, words, images, boilerplate}`
 * (dates ISO 8601; `language` ISO 639-1).
 */
export function extractJson(a: ExtractedArticle): Record<string, unknown> {
  return {
    title: a.title ?? null,
    text: a.text,
    authors: a.authors,
    published: a.published ?? null,
    modified: a.modified ?? null,
    language: a.language ?? null,
    url: a.url ?? null,
    section: a.section ?? null,
    paywalled: a.paywalled,
    siteName: a.siteName ?? null,
    description: a.description ?? null,
    dateline: a.dateline ?? null,
    words: a.words,
    images: a.images,
    boilerplate: a.boilerplate,
  };
}

/**
 * `dateline extract FILE`: read one HTML page (`-` for stdin), extract and print it.
 * @returns exit code 0, or 1 when the page could not be read or has no article text (one line on `err`).
 */
export async function runExtract(file: string, opts: ExtractCliOptions, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  try {
    let bytes: Buffer;
    if (file === '-') {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
      bytes = Buffer.concat(chunks);
    } else {
      try {
        bytes = fs.readFileSync(file);
      } catch (e) {
        throw new DatelineError('E_NOT_FOUND', `${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot read'}`);
      }
    }
    const html = decode(bytes, file).text;
    const a = extractArticle(html, { url: opts.url });
    if (opts.format === 'text') out.write(`${a.title ? a.title + '\n\n' : ''}${a.text}\n`);
    else out.write(JSON.stringify(extractJson(a), null, 2) + '\n');
    return 0;
  } catch (e) {
    err.write(`dateline: ${file}: ${describeInputError(file, e)}\n`);
    return 1;
  }
}

/** Default folder of `eval extraction`: `../shared/gold/extraction` beside the repository. */
export function defaultExtractionDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '..', '..', '..', 'shared', 'gold', 'extraction');
}

/**
 * `dateline eval extraction [DIR]`: score every suite found in DIR (a trafilatura folder with
 * `evaldata.json`, a folder of Readability test pages, or a folder holding both) and print P/R/F1
 * for Dateline and for plain Readability.js.
 * @returns exit code 0 (the figures are the result).
 */
export async function runEvalExtraction(dir: string, opts: { json?: boolean; limit?: string } = {}, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const dirs = suiteDirs(dir);
  const reports: ExtractionReport[] = [];
  for (const d of dirs) {
    const suite = loadExtractionSuite(d);
    try {
      reports.push(evaluateExtraction(suite, undefined, { limit: opts.limit ? Number(opts.limit) : undefined }));
    } finally {
      suite.dispose();
    }
  }
  if (opts.json) out.write(JSON.stringify(reports.map((r) => ({ layout: r.layout, dir: r.dir, pages: r.pages, scores: r.scores })), null, 2) + '\n');
  else out.write(reports.map(renderExtractionReport).join('\n\n') + '\n');
  return 0;
}

/** DIR itself when it holds a suite, else its sub-folders that do. */
function suiteDirs(dir: string): string[] {
  try {
    loadExtractionSuite(dir).dispose();
    if (fs.existsSync(path.join(dir, 'evaldata.json')) || !fs.readdirSync(dir).some((n) => fs.existsSync(path.join(dir, n, 'evaldata.json')))) return [dir];
  } catch {
    /* look below */
  }
  if (!fs.existsSync(dir)) throw new DatelineError('E_NOT_FOUND', `${dir}: no such directory`);
  const subs = fs
    .readdirSync(dir)
    .sort()
    .map((n) => path.join(dir, n))
    .filter((p) => fs.statSync(p).isDirectory());
  const found = subs.filter((p) => {
    try {
      const s = loadExtractionSuite(p);
      s.dispose();
      return true;
    } catch {
      return false;
    }
  });
  if (!found.length) throw new DatelineError('E_NOT_FOUND', `${dir}: no extraction suite (evaldata.json, or source.html + expected.html folders)`);
  return found;
}

/** Register `extract` and `eval-extraction` on the `dateline` program. */
export function register(cmd: Command): void {
  cmd
    .command('extract')
    .description('extract the article of one HTML page: text and news metadata')
    .argument('<file>', 'an HTML file, or - for stdin')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'text']).default('json'))
    .option('--url <url>', 'the page\'s URL (used when the page names no canonical URL)')
    .action(async (file: string, opts: ExtractCliOptions) => {
      process.exitCode = await runExtract(file, opts);
    });
  const ev = cmd.commands.find((c) => c.name() === 'eval') ?? cmd;
  ev
    .command('extraction')
    .description('score article extraction on benchmark pages (trafilatura and Readability layouts), beside plain Readability.js')
    .argument('[dir]', 'a folder of pages (default ../shared/gold/extraction)')
    .option('--json', 'print the scores as JSON')
    .option('--limit <n>', 'score only the first N pages of each suite')
    .action(async (dir: string | undefined, opts: { json?: boolean; limit?: string }) => {
      process.exitCode = await runEvalExtraction(dir ?? defaultExtractionDir(), opts);
    });
}
