import fs from 'node:fs';
import path from 'node:path';
import { createAnalyzer } from '../pipeline.js';
import { DatelineError } from '../doc/errors.js';
import { loadGold, scoreGold } from '../eval/gold.js';
import { loadCases, scoreCases } from '../eval/cases.js';
import { renderGoldReport, renderCasesReport, reportJSON } from '../eval/report.js';
import { Option, type Command } from 'commander';
import { createContext, DEFAULT_DATA_DIR } from '../context.js';
import { readText } from '../nlp/models/io.js';
import { readGumCoref, readGumGenres, evaluateCoref, renderCorefReport, corefStages } from '../eval/coref.js';

/** Options shared by the eval commands. */
export interface EvalCliOptions {
  /** Story file a gold file annotates (default: from the gold file's `doc` field). */
  story?: string;
  /** Reference date, ISO 8601 (default: the gold file's `reference_date`). */
  date?: string;
  /** Print JSON instead of text. */
  json?: boolean;
}

/**
 * Find the story a gold file annotates: its `doc` field is a path relative to the gold set's root
 * (e.g. `seed/putin-tajikistan.txt` beside `gold/`), to the gold file's folder, or to the cwd.
 * @throws DatelineError `E_NOT_FOUND` when no candidate exists.
 */
export function resolveGoldStory(goldFile: string, doc: string): string {
  const dir = path.dirname(path.resolve(goldFile));
  const tries = [path.resolve(dir, '..', doc), path.resolve(dir, doc), path.resolve(doc)];
  for (let up = path.resolve(dir, '..', '..'); up !== path.dirname(up); up = path.dirname(up)) {
    tries.push(path.resolve(up, doc));
    if (tries.length > 8) break;
  }
  const found = tries.find((p) => fs.existsSync(p));
  if (!found) throw new DatelineError('E_NOT_FOUND', `story "${doc}" of ${goldFile} not found (use --story PATH)`);
  return found;
}

/**
 * `dateline eval FILE.gold.json`: analyse the story the gold file annotates and print per-layer
 * precision, recall and F1 with every miss.
 * @returns exit code 0 (the figures are the result; a low score is not an error).
 */
export async function runEvalGold(goldFile: string, opts: EvalCliOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const gold = loadGold(goldFile);
  if (!opts.story && !gold.doc) throw new DatelineError('E_USAGE', `${goldFile} names no story ("doc"): use --story PATH`);
  const story = opts.story ?? resolveGoldStory(goldFile, gold.doc!);
  const date = opts.date ?? gold.reference_date;
  if (!fs.existsSync(story) || !fs.statSync(story).isFile()) throw new DatelineError('E_NOT_FOUND', `story file not found: ${story}`);
  const analyzer = createAnalyzer({ date });
  const doc = await analyzer.analyze(fs.readFileSync(story), { input: story });
  const report = scoreGold(doc, gold);
  out.write((opts.json ? reportJSON(report) : renderGoldReport(report)) + '\n');
  return 0;
}

/**
 * `dateline eval cases FILE.jsonl`: run every case (each with its own reference date) and print
 * per-area precision, recall and F1 with every miss.
 * @returns exit code 0.
 */
export async function runEvalCases(file: string, opts: EvalCliOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const cases = loadCases(file);
  const analyzers = new Map<string, ReturnType<typeof createAnalyzer>>();
  const base = createAnalyzer({});
  const report = await scoreCases(cases, async (input, o) => {
    const date = o.date ?? opts.date;
    let a = date ? analyzers.get(date) : base;
    if (!a) {
      // one analyzer per reference date; they share nothing mutable, only load time
      a = createAnalyzer({ date });
      analyzers.set(date!, a);
    }
    return a.analyze(input, { input: 'case' });
  });
  out.write((opts.json ? reportJSON(report) : renderCasesReport(report)) + '\n');
  return 0;
}

/** Default CoNLL-U file of `dateline eval coref`: UD English GUM dev in ../shared beside the package. */
export const DEFAULT_COREF_DEV = path.resolve(DEFAULT_DATA_DIR, '..', '..', 'shared', 'gold', 'parse', 'ud-english', 'en_gum-ud-dev.conllu.gz');

/**
 * `dateline eval coref [FILE] [--genre news|all]`: pronoun resolution and name clustering on the
 * coreference of UD English GUM (default: GUM dev), with the nearest-compatible-name baseline beside
 * it (see `src/eval/coref.ts`). Genres come from `en_gum-ud-docs.tsv` beside the file.
 * @returns exit code 0.
 * @throws DatelineError `E_NOT_FOUND` when the file is missing, `E_USAGE` for an unknown genre.
 */
export async function runEvalCoref(file: string | undefined, opts: { genre?: string; json?: boolean }, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const f = file ?? DEFAULT_COREF_DEV;
  if (!fs.existsSync(f)) throw new DatelineError('E_NOT_FOUND', `CoNLL-U gold file not found: ${f}`);
  const tsv = path.join(path.dirname(f), 'en_gum-ud-docs.tsv');
  const genres = fs.existsSync(tsv) ? readGumGenres(fs.readFileSync(tsv, 'utf8')) : undefined;
  const genre = opts.genre ?? 'all';
  let docs = readGumCoref(readText(f), genres);
  if (genre !== 'all') docs = docs.filter((d) => d.genre === genre);
  if (!docs.length) throw new DatelineError('E_USAGE', `no documents of genre "${genre}" in ${f}`);
  const report = await evaluateCoref(docs, corefStages(), createContext(), path.basename(f), genre);
  out.write((opts.json ? JSON.stringify(report) : renderCorefReport(report)) + '\n');
  return 0;
}

/** Register `dateline eval coref` (a subcommand of `eval`). */
export function register(cmd: Command): void {
  const ev = cmd.commands.find((c) => c.name() === 'eval');
  if (!ev) return;
  ev.command('coref')
    .description('pronoun resolution and name clustering (B-cubed, MUC) on UD English GUM coreference (default: GUM dev), with a nearest-name baseline')
    .argument('[file]', 'GUM CoNLL-U file with Entity= coreference (.gz accepted)')
    .addOption(new Option('--genre <genre>', 'GUM genre to score (news, bio, … or all)').default('all'))
    .option('--json', 'print JSON')
    .action(async (file: string | undefined, opts: { genre?: string; json?: boolean }) => {
      process.exitCode = await runEvalCoref(file, opts);
    });
}
