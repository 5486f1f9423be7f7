import fs from 'node:fs';
import zlib from 'node:zlib';
import { DatelineError } from '../../doc/errors.js';

/** One syntactic word of a CoNLL-U sentence (multiword-token ranges and empty nodes are kept aside). */
export interface UdWord {
  /** 1-based word index within the sentence. */
  id: number;
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  feats: string;
  /** Head word id (0 = root); -1 when the column is `_`. */
  head: number;
  deprel: string;
  deps: string;
  misc: string;
}

/** A CoNLL-U sentence: comment lines, words, and the raw multiword/empty-node lines by position. */
export interface UdSentence {
  comments: string[];
  words: UdWord[];
  /** Lines that are not plain words (`1-2 …` ranges, `1.1 …` empty nodes), keyed by the number of words before them. */
  extra: Array<[number, string]>;
}

/** Read a text file, gunzipping it when the name ends in `.gz`. @throws DatelineError `E_NOT_FOUND`. */
export function readText(file: string): string {
  if (!fs.existsSync(file)) throw new DatelineError('E_NOT_FOUND', `file not found: ${file}`);
  const buf = fs.readFileSync(file);
  return (file.endsWith('.gz') ? zlib.gunzipSync(buf) : buf).toString('utf8');
}

/**
 * Parse CoNLL-U (Universal Dependencies format, v2): sentences separated by blank lines, 10 tab-
 * separated columns per word.
 * @throws DatelineError `E_GOLD` on a word line with fewer than 10 columns (line number given).
 */
export function parseConllu(text: string): UdSentence[] {
  const out: UdSentence[] = [];
  let cur: UdSentence = { comments: [], words: [], extra: [] };
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (!line.trim()) {
      if (cur.words.length || cur.comments.length) out.push(cur);
      cur = { comments: [], words: [], extra: [] };
      continue;
    }
    if (line.startsWith('#')) {
      cur.comments.push(line);
      continue;
    }
    const c = line.split('\t');
    if (c.length < 10) throw new DatelineError('E_GOLD', `CoNLL-U line ${n + 1}: expected 10 tab-separated columns, got ${c.length}`);
    if (!/^\d+$/.test(c[0])) {
      cur.extra.push([cur.words.length, line]);
      continue;
    }
    cur.words.push({
      id: Number(c[0]),
      form: c[1],
      lemma: c[2],
      upos: c[3],
      xpos: c[4],
      feats: c[5],
      head: c[6] === '_' ? -1 : Number(c[6]),
      deprel: c[7],
      deps: c[8],
      misc: c[9],
    });
  }
  if (cur.words.length || cur.comments.length) out.push(cur);
  return out;
}

/** Write sentences back as CoNLL-U (comments, words, multiword/empty-node lines in place). */
export function formatConllu(sents: readonly UdSentence[]): string {
  const parts: string[] = [];
  for (const s of sents) {
    const lines = [...s.comments];
    let e = 0;
    for (let i = 0; i <= s.words.length; i++) {
      while (e < s.extra.length && s.extra[e][0] === i) lines.push(s.extra[e++][1]);
      if (i === s.words.length) break;
      const w = s.words[i];
      lines.push([w.id, w.form, w.lemma, w.upos, w.xpos, w.feats, w.head < 0 ? '_' : w.head, w.deprel, w.deps, w.misc].join('\t'));
    }
    parts.push(lines.join('\n') + '\n');
  }
  return parts.join('\n');
}

/** A CoNLL (2000/2003-style) sentence: whitespace-separated columns per token; first = token, last = tag. */
export interface ConllSentence {
  /** Columns of each token line. */
  rows: string[][];
  /** Index of the document (counted by `-DOCSTART-` lines; 0 before the first). */
  doc: number;
}

/** A parsed CoNLL file: sentences plus the `-DOCSTART-` lines and their positions (for writing back). */
export interface ConllFile {
  sentences: ConllSentence[];
  /** `[number of sentences before it, the line]` for each `-DOCSTART-` line. */
  docstarts: Array<[number, string]>;
}

/** Parse a CoNLL-2003-style file (token first, tag last, blank lines between sentences, `-DOCSTART-` lines). */
export function parseConll(text: string): ConllFile {
  const sentences: ConllSentence[] = [];
  const docstarts: Array<[number, string]> = [];
  let doc = 0;
  let rows: string[][] = [];
  const flush = () => {
    if (rows.length) sentences.push({ rows, doc });
    rows = [];
  };
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t) {
      flush();
      continue;
    }
    if (t.startsWith('-DOCSTART-')) {
      flush();
      if (docstarts.length || sentences.length) doc++;
      docstarts.push([sentences.length, t]);
      continue;
    }
    rows.push(t.split(/\s+/));
  }
  flush();
  return { sentences, docstarts };
}

/** Read a gzip (or plain) JSON model file. @throws DatelineError `E_NOT_FOUND` when missing. */
export function readJsonModel<T>(file: string): T {
  return JSON.parse(readText(file)) as T;
}

/** Write `data` as gzip JSON (level 9). */
export function writeJsonModel(file: string, data: unknown): number {
  const buf = zlib.gzipSync(Buffer.from(JSON.stringify(data)), { level: 9 });
  fs.writeFileSync(file, buf);
  return buf.length;
}
