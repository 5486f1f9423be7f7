import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { DatelineError } from '../doc/errors.js';
import { createContext, DEFAULT_DATA_DIR } from '../context.js';
import { parseConllu, formatConllu, readText, type UdSentence } from '../nlp/models/io.js';
import { posTagger } from '../nlp/models/tagger.js';
import { dependencyParser } from '../nlp/models/parser.js';
import { scoreParse, renderParseScores } from '../eval/parse.js';

/** Default file of `dateline eval parse`: UD English EWT dev in ../shared beside the package. */
export const DEFAULT_PARSE_DEV = path.resolve(DEFAULT_DATA_DIR, '..', '..', 'shared', 'gold', 'parse', 'ud-english', 'en_ewt-ud-dev.conllu.gz');

/**
 * Tag and parse CoNLL-U sentences (gold tokenization: the FORM column) with the trained tagger and
 * parser; UPOS, HEAD and DEPREL are replaced, every other column kept.
 * @throws DatelineError `E_NOT_FOUND` when a model file is missing.
 */
export function tagAndParse(sents: readonly UdSentence[]): UdSentence[] {
  const ctx = createContext();
  const tagger = posTagger(ctx);
  const parser = dependencyParser(ctx);
  return sents.map((s) => {
    const words = s.words.map((w) => w.form);
    if (!words.length) return s;
    const tags = tagger.tag(words);
    const { heads, labels } = parser.parse(words, tags);
    return { ...s, words: s.words.map((w, i) => ({ ...w, upos: tags[i], head: heads[i], deprel: labels[i] })) };
  });
}

/** Register `dateline parse` and `dateline eval parse`. */
export function register(cmd: Command): void {
  cmd
    .command('parse')
    .description('POS-tag and dependency-parse a CoNLL-U file (its tokenization) with the trained models; prints CoNLL-U')
    .requiredOption('--conllu <file>', 'CoNLL-U file (.gz accepted)')
    .action((opts: { conllu: string }) => {
      process.stdout.write(formatConllu(tagAndParse(parseConllu(readText(opts.conllu)))));
      process.exitCode = 0;
    });
  const ev = cmd.commands.find((c) => c.name() === 'eval');
  if (!ev) return;
  ev.command('parse')
    .description('UPOS, UAS and LAS (CoNLL 2018 definitions, gold tokenization, punctuation included) on a CoNLL-U file (default: UD English EWT dev)')
    .argument('[file]', 'gold CoNLL-U file (.gz accepted)')
    .option('--json', 'print JSON')
    .action((file: string | undefined, opts: { json?: boolean }) => {
      const f = file ?? DEFAULT_PARSE_DEV;
      if (!fs.existsSync(f)) throw new DatelineError('E_NOT_FOUND', `CoNLL-U gold file not found: ${f}`);
      const gold = parseConllu(readText(f));
      const s = scoreParse(gold, tagAndParse(gold));
      process.stdout.write((opts.json ? JSON.stringify({ file: f, ...s }) : `${path.basename(f)}\n${renderParseScores(s)}`) + '\n');
      process.exitCode = 0;
    });
}
