import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import cliProgress from 'cli-progress';
import { isValid, parseISO } from 'date-fns';
import { createAnalyzer } from '../pipeline.js';
import { DatelineError, describeError, describeInputError } from '../doc/errors.js';
import type { Doc } from '../doc/types.js';
import { readInputs, inputMeta, type InputItem } from '../ingest/read.js';
import { openStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { formatTable, formatJSON, formatJSONL, formatCSV } from '../output/format.js';
import { runEvalGold, runEvalCases } from './eval.js';
import { COMMAND_MODULES } from './commands.js';

/**
 * Exit codes of the `dateline` command (documented in the README):
 * 0 success; 1 at least one input failed (each failure was reported and recorded, the others
 * were processed); 2 usage error; 70 internal error.
 */
export const EXIT = { OK: 0, SOME_FAILED: 1, USAGE: 2, INTERNAL: 70 } as const;

const FORMATS = ['table', 'json', 'jsonl', 'csv'] as const;
type Format = (typeof FORMATS)[number];

interface AnalyzeCliOptions {
  date?: string;
  crawled?: string;
  format: Format;
  db: string;
  store: boolean;
  progress: boolean;
  maxBytes?: string;
  maxText?: string;
  timeout?: string;
  fetch?: boolean;
  allowPrivate?: boolean;
  allowHost?: string[];
}

function checkDate(value: string | undefined, flag: string): void {
  if (value !== undefined && (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) || !isValid(parseISO(value)))) {
    throw new DatelineError('E_USAGE', `${flag} must be an ISO 8601 date (YYYY-MM-DD), got "${value}"`);
  }
}

/**
 * `dateline analyze FILE…`: analyse text or HTML stories (files, directories, `-` for stdin),
 * store each in SQLite (keyed by content hash), and print their events.
 * A story that fails is reported on stderr in one line and recorded in the store; the run goes on.
 * @returns the exit code ({@link EXIT}).
 */
export async function runAnalyze(files: string[], opts: AnalyzeCliOptions, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  checkDate(opts.date, '--date');
  checkDate(opts.crawled, '--crawled');
  if (!FORMATS.includes(opts.format)) throw new DatelineError('E_USAGE', `--format must be one of ${FORMATS.join(', ')}`);
  const maxBytes = opts.maxBytes ? Number(opts.maxBytes) : undefined;
  if (maxBytes !== undefined && !(maxBytes > 0)) throw new DatelineError('E_USAGE', '--max-bytes must be a positive number');
  const maxTextChars = opts.maxText ? Number(opts.maxText) : undefined;
  if (maxTextChars !== undefined && !(maxTextChars > 0)) throw new DatelineError('E_USAGE', '--max-text must be a positive number');
  const timeoutMs = opts.timeout !== undefined ? Number(opts.timeout) : undefined;
  if (timeoutMs !== undefined && !(timeoutMs >= 0)) throw new DatelineError('E_USAGE', '--timeout must be a number of milliseconds (0 = none)');
  const analyzer = createAnalyzer({ date: opts.date, crawled: opts.crawled, maxBytes, maxTextChars, timeoutMs });
  const store: Store | null = opts.store ? openStore(opts.db) : null;
  const items: InputItem[] = [];
  const fetch = opts.fetch ? { allowPrivate: !!opts.allowPrivate, allowHosts: opts.allowHost } : undefined;
  for await (const item of readInputs(files.length ? files : ['-'], { maxBytes, fetch })) items.push(item);
  // drawn on a terminal only: a redirected stderr gets the error lines and nothing else
  const bar = opts.progress && items.length > 1 && (err as NodeJS.WriteStream).isTTY
    ? new cliProgress.SingleBar({ stream: err as NodeJS.WriteStream, format: 'analyze {bar} {value}/{total} stories | {failed} failed | ETA {eta}s', hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(items.length, 0, { failed: 0 });
  let failed = 0;
  const docs: Doc[] = [];
  let csvHeaderDone = false;
  try {
    for (const item of items) {
      try {
        if (item.error) throw item.error;
        const doc = await analyzer.analyze(item.bytes!, inputMeta(item));
        store?.saveDoc(doc);
        if (opts.format === 'jsonl') out.write(formatJSONL(doc) + '\n');
        else if (opts.format === 'csv') {
          out.write(formatCSV([doc], { header: !csvHeaderDone }));
          csvHeaderDone = true;
        }
        else if (opts.format === 'table') out.write(formatTable([doc]) + '\n');
        else docs.push(doc);
      } catch (e) {
        failed++;
        // one line: "dateline: NAME: E_CODE: message" (the message does not repeat the name)
        const line = describeInputError(item.name, e);
        const code = e instanceof DatelineError ? e.code : 'E_STAGE';
        store?.recordFailure(item.name, code, line);
        err.write(`${bar ? '\n' : ''}dateline: ${item.name}: ${line}\n`);
      }
      bar?.increment(1, { failed });
    }
  } finally {
    bar?.stop();
    store?.close();
  }
  if (opts.format === 'csv' && !csvHeaderDone) out.write(formatCSV([]));
  if (opts.format === 'json') {
    out.write((docs.length === 1 ? formatJSON(docs[0]) : `[${docs.map((d) => formatJSON(d)).join(',\n')}]`) + '\n');
  }
  if (items.length > 1) err.write(`dateline: ${items.length - failed} of ${items.length} stories analysed, ${failed} failed${store ? `, stored in ${opts.db}` : ''}\n`);
  return failed ? EXIT.SOME_FAILED : EXIT.OK;
}

/** Build the `dateline` command-line program (commander). */
export function program(): Command {
  const cmd = new Command('dateline')
    .description('Reads news stories and writes down who did what to whom, when and where, and which words say so.')
    .version(readVersion())
    .exitOverride()
    // usage errors in one line with their code, like every other error
    .configureOutput({ outputError: (str, write) => write(`dateline: E_USAGE: ${str.replace(/^error:\s*/i, '').trim()}\n`) });

  cmd
    .command('analyze')
    .description('analyse stories (text or HTML files, directories, or - for stdin), store them and print their events')
    .argument('[files...]', 'files, directories, globs, RSS/Atom feeds, WARC(.gz) archives, JSON Lines of stories, URLs (with --fetch), or - for stdin')
    .option('--date <YYYY-MM-DD>', 'publication date of the stories (wins over page metadata and inference)')
    .option('--crawled <YYYY-MM-DD>', 'when the pages were crawled (anchors stamps such as "1 month ago")')
    .addOption(new Option('--format <format>', 'output format').choices([...FORMATS]).default('table'))
    .option('--db <path>', 'SQLite database file', './dateline.db')
    .option('--no-store', 'do not store the analysed stories')
    .option('--no-progress', 'no progress bar')
    .option('--max-bytes <n>', 'largest input accepted, in bytes (default 20 MiB)')
    .option('--max-text <n>', 'longest cleaned body analysed, in characters (default 200,000)')
    .option('--timeout <ms>', 'deadline per story in milliseconds, checked between stages (default 120000; 0 = none)')
    .option('--fetch', 'fetch http(s) URLs given as inputs or as feed-item links (nothing is fetched without it)')
    .option('--allow-host <host...>', 'with --fetch: fetch only from these hosts')
    .option('--allow-private', 'with --fetch: allow private, loopback and link-local addresses')
    .action(async (files: string[], opts: AnalyzeCliOptions) => {
      process.exitCode = await runAnalyze(files, opts);
    });

  const ev = cmd
    .command('eval')
    .description('score the pipeline against gold data: `eval FILE.gold.json`, or a suite: `eval cases FILE.jsonl`, `eval ner`, `eval parse`, `eval petrarch`, `eval plover`, `eval quotes`, `eval coref`, `eval timeml`, `eval geo`, `eval event-location`, `eval extraction`')
    .argument('<gold-file>', 'a .gold.json file shaped like ../shared/gold/putin-tajikistan.gold.json')
    .option('--story <path>', 'the story the gold file annotates (default: resolved from its "doc" field)')
    .option('--date <YYYY-MM-DD>', "reference date (default: the gold file's reference_date)")
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { story?: string; date?: string; json?: boolean }) => {
      checkDate(opts.date, '--date');
      if (!file.endsWith('.json')) throw new DatelineError('E_USAGE', `unknown eval suite or gold file "${file}" (see dateline eval --help)`);
      process.exitCode = await runEvalGold(file, opts);
    });
  ev.command('cases')
    .description('run the small hard cases (../shared/gold/cases/cases_dev.jsonl): per-area P/R/F1 and every miss')
    .argument('<file>', 'cases JSON Lines file')
    .option('--date <YYYY-MM-DD>', 'reference date for cases that give none')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { date?: string; json?: boolean }) => {
      checkDate(opts.date, '--date');
      process.exitCode = await runEvalCases(file, opts);
    });
  void ev;
  for (const register of COMMAND_MODULES) register(cmd);
  return cmd;
}

function readVersion(): string {
  try {
    const here = path.dirname(new URL(import.meta.url).pathname);
    return JSON.parse(fs.readFileSync(path.join(here, '..', '..', 'package.json'), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
}

/**
 * The exit code of an error that ended a command: `E_USAGE` → 2; an input or gold file that is
 * missing or unreadable (`E_NOT_FOUND`, `E_GOLD`, `E_EMPTY`, `E_BINARY`, `E_ENCODING`,
 * `E_TOO_LARGE`, `E_NO_TEXT`, `E_TIMEOUT`) → 1; anything else (`E_STAGE`, `E_PIPELINE`, a bug) → 70.
 */
export function exitCodeOf(e: unknown): number {
  if (!(e instanceof DatelineError)) return EXIT.INTERNAL;
  if (e.code === 'E_USAGE') return EXIT.USAGE;
  return e.code === 'E_STAGE' || e.code === 'E_PIPELINE' ? EXIT.INTERNAL : EXIT.SOME_FAILED;
}

/**
 * Run the CLI with `argv` (as `process.argv`). Never throws: errors print one line to stderr.
 * @returns the exit code ({@link EXIT}).
 */
export async function main(argv: string[]): Promise<number> {
  try {
    process.exitCode = 0;
    await program().parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    process.stderr.write(`dateline: ${describeError(e)}\n`);
    return exitCodeOf(e);
  }
}
