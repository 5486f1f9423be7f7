import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { DatelineError } from '../doc/errors.js';
import { createContext, DEFAULT_DATA_DIR } from '../context.js';
import { parseConll, readText } from '../nlp/models/io.js';
import { EntityRecognizer, entityRecognizer } from '../nlp/models/ner.js';
import { nerResources } from '../nlp/models/recognize.js';
import { tagConll, goldTags, formatConllWithPredictions, TYPE_MAPS, mapChunks } from '../nlp/models/conll-ner.js';
import { chunksOf, detectScheme, tagsOf, type TagScheme } from '../nlp/models/chunks.js';
import { conlleval, renderConlleval } from '../eval/ner.js';

/** Default dev file of `dateline eval ner`: CoNLL-2003 eng.testa in ../shared beside the package. */
export const DEFAULT_NER_DEV = path.resolve(DEFAULT_DATA_DIR, '..', '..', 'shared', 'gold', 'ner', 'conll2003', 'eng.testa');

const SCHEMES: Record<string, TagScheme> = { iob1: 'IOB1', iob2: 'IOB2', bio: 'IOB2', bilou: 'BILOU' };

function loadRecognizer(model?: string): { rec: EntityRecognizer; ctx: ReturnType<typeof createContext> } {
  const ctx = createContext();
  return { ctx, rec: model ? EntityRecognizer.load(model) : entityRecognizer(ctx) };
}

function typeMapFor(name: string | undefined, goldTypes: Set<string>): string {
  if (name) {
    if (!TYPE_MAPS[name]) throw new DatelineError('E_USAGE', `unknown --types "${name}" (use ${Object.keys(TYPE_MAPS).join(', ')})`);
    return name;
  }
  if (goldTypes.has('Organisation') || goldTypes.has('Person')) return 're3d';
  if (goldTypes.has('NORP')) return 'none';
  return 'conll';
}

function typesIn(tags: string[][]): Set<string> {
  const s = new Set<string>();
  for (const t of tags) for (const x of t) if (x !== 'O') s.add(x.replace(/^[BIELSU]-/, ''));
  return s;
}

/**
 * `dateline ner --conll FILE`: tag a CoNLL file (token first, gold tag last, `-DOCSTART-` kept) and
 * print it with the predicted tag appended to each line, in the gold tags' scheme (IOB1/IOB2/BILOU)
 * and type set (`--types conll` maps NORP → MISC), ready for conlleval.
 */
export function runNerConll(file: string, opts: { model?: string; scheme?: string; types?: string }, out: NodeJS.WritableStream = process.stdout): number {
  const conll = parseConll(readText(file));
  const gold = goldTags(conll);
  const scheme = opts.scheme ? SCHEMES[opts.scheme.toLowerCase()] : undefined;
  if (opts.scheme && !scheme) throw new DatelineError('E_USAGE', `unknown --scheme "${opts.scheme}" (use iob1, iob2 or bilou)`);
  const { rec, ctx } = loadRecognizer(opts.model);
  const map = TYPE_MAPS[typeMapFor(opts.types, typesIn(gold))];
  const pred = tagConll(conll, rec, nerResources(ctx), { scheme, map: map.predicted });
  out.write(formatConllWithPredictions(conll, pred) + '\n');
  return 0;
}

/**
 * `dateline eval ner [FILE]`: tag a gold CoNLL file and print conlleval's phrase-level
 * precision/recall/F1 (overall and per type). Gold types are mapped to Dateline's (`--types`,
 * guessed from the file: re3d names → `re3d`, else `conll`).
 */
export function runEvalNer(file: string | undefined, opts: { model?: string; types?: string; json?: boolean }, out: NodeJS.WritableStream = process.stdout): number {
  const f = file ?? DEFAULT_NER_DEV;
  if (!fs.existsSync(f)) throw new DatelineError('E_NOT_FOUND', `NER gold file not found: ${f}`);
  const conll = parseConll(readText(f));
  const rawGold = goldTags(conll);
  const map = TYPE_MAPS[typeMapFor(opts.types, typesIn(rawGold))];
  const scheme = detectScheme(rawGold);
  const gold = rawGold.map((t) => tagsOf(mapChunks(chunksOf(t), map.gold), t.length, scheme));
  const { rec, ctx } = loadRecognizer(opts.model);
  const t0 = Date.now();
  const pred = tagConll(conll, rec, nerResources(ctx), { scheme, map: map.predicted });
  const ms = Date.now() - t0;
  const report = conlleval(gold, pred);
  if (opts.json) out.write(JSON.stringify({ file: f, ...report, ms }, null, 2) + '\n');
  else out.write(`${path.basename(f)} (${scheme}, types: ${typeMapFor(opts.types, typesIn(rawGold))})\n${renderConlleval(report)}\n`);
  return 0;
}

/** Register `dateline ner` and `dateline eval ner`. */
export function register(cmd: Command): void {
  cmd
    .command('ner')
    .description('named-entity recognition with the trained model: --conll FILE appends the predicted tag to each line (for conlleval)')
    .requiredOption('--conll <file>', 'CoNLL file: token first, gold tag (if any) last, blank lines between sentences, -DOCSTART- kept')
    .option('--model <path>', 'model file (default data/models/ner.bin)')
    .option('--scheme <scheme>', 'output tag scheme: iob1, iob2 or bilou (default: the gold tags\' scheme)')
    .option('--types <map>', 'type map: conll (NORP → MISC), re3d, none (default: guessed from the gold tags)')
    .action((opts: { conll: string; model?: string; scheme?: string; types?: string }) => {
      process.exitCode = runNerConll(opts.conll, opts);
    });
  const ev = cmd.commands.find((c) => c.name() === 'eval');
  if (!ev) return;
  ev.command('ner')
    .description('conlleval phrase-level P/R/F1 of the trained recognizer on a CoNLL file (default: CoNLL-2003 eng.testa)')
    .argument('[file]', 'gold CoNLL file')
    .option('--model <path>', 'model file (default data/models/ner.bin)')
    .option('--types <map>', 'type map: conll, re3d, none (default: guessed from the gold tags)')
    .option('--json', 'print JSON')
    .action((file: string | undefined, opts: { model?: string; types?: string; json?: boolean }) => {
      process.exitCode = runEvalNer(file, opts);
    });
}
