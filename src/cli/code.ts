/**
 * `dateline code FILE.jsonl [--dictionaries DIR]` (DESIGN.md contract): one `{id, date, text}`
 * record a line (optional `parse`, accepted and ignored: the coder parses the text) → one line
 * `{id, events: [...]}` a record, events as in the Doc. A bad line or record gives
 * `{id, events: [], error: {code, message}}` and the batch goes on.
 *
 * Also adds the event suites to `dateline eval`: `eval petrarch [DIR]`, `eval plover [FILE]`,
 * `eval quotes [DIR]`.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Command } from 'commander';
import { DatelineError } from '../doc/errors.js';
import { createCoder, type CodeRecord } from '../events/batch.js';
import { evalPetrarch, renderPetrarch } from '../eval/petrarch.js';
import { evalPlover, renderPlover } from '../eval/plover.js';
import { evalQuotes, renderQuotes } from '../eval/quotes.js';

/** Options of `dateline code`. */
export interface CodeCliOptions {
  /** Analyst dictionary directory, or comma-separated files (PETRARCH/Phoenix formats). */
  dictionaries?: string;
}

/**
 * Code every record of a JSON Lines file (or `-` for stdin) and write one JSON line per record.
 * @returns exit code 0 (bad records are reported in their own output line).
 * @throws DatelineError `E_NOT_FOUND` for a missing file or dictionary directory.
 */
export async function runCode(file: string, opts: CodeCliOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  if (file !== '-' && !fs.existsSync(file)) throw new DatelineError('E_NOT_FOUND', `file not found: ${file}`);
  const coder = createCoder({ dictionaries: opts.dictionaries });
  const input = file === '-' ? process.stdin : fs.createReadStream(file, 'utf8');
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (!line.trim()) continue;
    let rec: CodeRecord;
    try {
      rec = JSON.parse(line) as CodeRecord;
    } catch {
      out.write(JSON.stringify({ id: `line-${n}`, events: [], error: { code: 'E_USAGE', message: `line ${n}: not JSON` } }) + '\n');
      continue;
    }
    const res = await coder.code(rec);
    out.write(JSON.stringify(res) + '\n');
  }
  return 0;
}

/** Default locations of the event gold sets, relative to the working directory (repo root). */
function sharedPath(...p: string[]): string {
  return path.resolve('..', 'shared', ...p);
}

/** Register `code`, and `eval petrarch` and `eval plover` as subcommands of `eval`. */
export function register(cmd: Command): void {
  cmd
    .command('code')
    .description('code sentences or stories (JSON Lines of {id, date, text}) into CAMEO/PLOVER events, one JSON line each')
    .argument('<file>', 'JSON Lines file, or - for stdin')
    .option('--dictionaries <dir>', 'PETRARCH/Phoenix dictionaries (a directory or comma-separated files: *verb*, *actor*, *agent*, *discard*, *issue*)')
    .action(async (file: string, opts: CodeCliOptions) => {
      process.exitCode = await runCode(file, opts);
    });
  const ev = cmd.commands.find((c) => c.name() === 'eval');
  if (!ev) return;
  ev.command('petrarch')
    .description("PETRARCH's unit-test records with its toy dictionaries: exact (source, target, code) set match per record, beside PETRARCH-2's own figures")
    .argument('[dir]', 'folder of the PETRARCH records (default ../shared/gold/events/petrarch)')
    .option('--verbose', 'list every record that is not coded exactly')
    .option('--json', 'print JSON')
    .action(async (file: string | undefined, opts: { json?: boolean; verbose?: boolean }) => {
      const dir = file ?? sharedPath('gold', 'events', 'petrarch');
      const dictDir = path.resolve(dir, '..', '..', '..', 'dict', 'validation');
      const reports = [await evalPetrarch(dir, dictDir, 'A'), await evalPetrarch(dir, dictDir, 'B')];
      process.stdout.write((opts.json ? JSON.stringify(reports.map(({ results, ...r }) => ({ ...r, misses: results.filter((x) => !x.exact) })), null, 2) : renderPetrarch(reports, !!opts.verbose)) + '\n');
      process.exitCode = 0;
    });
  ev.command('plover')
    .description('PLOVER gold dev records: event-type P/R/F1 and (type, actor, recipient) P/R/F1')
    .argument('[file]', 'PLOVER gold JSONL (default ../shared/gold/events/plover/plover_gsr_dev.jsonl)')
    .option('--verbose', 'list every record that is not coded right')
    .option('--json', 'print JSON')
    .action(async (file: string | undefined, opts: { json?: boolean; verbose?: boolean }) => {
      const r = await evalPlover(file ?? sharedPath('gold', 'events', 'plover', 'plover_gsr_dev.jsonl'));
      process.stdout.write((opts.json ? JSON.stringify(r, null, 2) : renderPlover(r, !!opts.verbose)) + '\n');
      process.exitCode = 0;
    });
  ev.command('quotes')
    .description('PolNeAR dev: quotes and attribution as source, cue and content P/R/F1 (content paired by token Dice >= 0.5)')
    .argument('[dir]', 'PolNeAR compartment with text/ and attributions/ (default ../shared/gold/quotes/polnear/data/dev)')
    .option('--verbose', 'list a sample of misses of each kind per article')
    .option('--json', 'print JSON')
    .action(async (dir: string | undefined, opts: { json?: boolean; verbose?: boolean }) => {
      const r = await evalQuotes(dir ?? sharedPath('gold', 'quotes', 'polnear', 'data', 'dev'));
      process.stdout.write((opts.json ? JSON.stringify(r, null, 2) : renderQuotes(r, !!opts.verbose)) + '\n');
      process.exitCode = 0;
    });
}
