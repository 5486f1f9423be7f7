import type { Command } from 'commander';
import { DatelineError } from '../doc/errors.js';
import { runEvalTimeml, tagTimemlDir, type TimemlSplit } from '../eval/timeml.js';
import { runEvalGeo } from '../eval/geo.js';
import { runEvalEventLocation } from '../eval/event-location.js';

const SPLITS = ['dev', 'train', 'all'];

function split(v: string | undefined): TimemlSplit {
  const s = v ?? 'dev';
  if (!SPLITS.includes(s)) throw new DatelineError('E_USAGE', `--split must be one of ${SPLITS.join(', ')}`);
  return s as TimemlSplit;
}

/**
 * Register `dateline timex --timeml IN_DIR OUT_DIR` (TempEval-3 tagging: strip the gold TIMEX3 tags
 * of every `.tml` file, tag the text anchored on its DCT, write the file with the predicted tags)
 * and the evaluation suites of time and place as subcommands of `eval`: `dateline eval timeml [DIR]`,
 * `dateline eval geo [DIR]`, `dateline eval event-location [DIR]`.
 */
export function register(cmd: Command): void {
  const ev = cmd.commands.find((c) => c.name() === 'eval') ?? cmd;
  cmd
    .command('timex')
    .description('tag TimeML files with TIMEX3 anchored on their DCT (TempEval-3 layout)')
    .requiredOption('--timeml <IN_DIR>', 'folder of .tml files (searched recursively)')
    .argument('<OUT_DIR>', 'folder for the tagged copies (same relative paths)')
    .action((outDir: string, opts: { timeml: string }) => {
      const n = tagTimemlDir(opts.timeml, outDir);
      process.stderr.write(`dateline: ${n} TimeML files tagged into ${outDir}\n`);
    });
  ev
    .command('timeml')
    .description('TempEval-3 TIMEX3 figures (extent strict/relaxed P/R/F1, value and type F1) on a TimeML folder')
    .argument('[dir]', 'folder of .tml files (default ../shared/gold/time/tempeval3/TBAQ-cleaned)')
    .option('--split <split>', 'dev (every 5th file, default), train (the rest) or all')
    .option('--json', 'print JSON')
    .option('-v, --verbose', 'list errors, misses and spurious timexes', (_v: string, prev: number) => prev + 1, 0)
    .action((dir: string | undefined, opts: { split?: string; json?: boolean; verbose?: number }) => {
      process.exitCode = runEvalTimeml(dir, { split: split(opts.split), json: opts.json, verbose: opts.verbose });
    });
  ev
    .command('geo')
    .description('toponym resolution on GRITTA\'s LGL and GeoVirus: accuracy@161 km, mean error, AUC, recall')
    .argument('[dir]', 'folder with lgl.xml and GeoVirus.xml (default ../shared/gold/geo/gritta)')
    .option('--json', 'print JSON')
    .option('--limit <n>', 'at most n articles per corpus')
    .option('-v, --verbose', 'list errors', (_v: string, prev: number) => prev + 1, 0)
    .action(async (dir: string | undefined, opts: { json?: boolean; limit?: string; verbose?: number }) => {
      process.exitCode = await runEvalGeo(dir, { json: opts.json, limit: opts.limit ? Number(opts.limit) : undefined, verbose: opts.verbose });
    });
  ev
    .command('event-location')
    .description('event location on Halterman\'s gold: accuracy on the adjudicated items and on the rest')
    .argument('[dir]', 'folder with labeled_text.jsonl.zip (default ../shared/gold/geo/event-location)')
    .option('--json', 'print JSON')
    .option('--limit <n>', 'at most n items of the non-adjudicated rest')
    .option('-v, --verbose', 'list errors', (_v: string, prev: number) => prev + 1, 0)
    .action(async (dir: string | undefined, opts: { json?: boolean; limit?: string; verbose?: number }) => {
      process.exitCode = await runEvalEventLocation(dir, { json: opts.json, limit: opts.limit ? Number(opts.limit) : undefined, verbose: opts.verbose });
    });
}
