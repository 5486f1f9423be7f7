/**
 * Reading inputs named on the command line: files, directories (recursively) and `-` for stdin.
 * A bad input never stops the batch: it becomes an item with an `error`.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DatelineError } from '../doc/errors.js';

/** Default largest input accepted: 20 MiB. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/**
 * One input: its name (the path as reached from the argument, or `-` for stdin) and either its
 * bytes or the fatal error met reading it (`E_NOT_FOUND`, `E_TOO_LARGE`).
 */
export interface InputItem {
  name: string;
  bytes?: Buffer;
  error?: DatelineError;
}

/** Options of {@link readInputs}. */
export interface ReadOptions {
  /** Largest input accepted, in bytes (default {@link DEFAULT_MAX_BYTES}). */
  maxBytes?: number;
  /** Stream read for `-` (default `process.stdin`); for tests. */
  stdin?: NodeJS.ReadableStream;
}

/**
 * Yield the inputs named by `args` in order. A directory yields its files recursively, sorted by
 * name (code-unit order), skipping hidden files and directories (names starting with `.`); each
 * directory is entered once by its real path, so symlink loops end. `-` reads standard input.
 * Never throws for a bad input: a missing path yields `{name, error: E_NOT_FOUND}`, an input over
 * `maxBytes` yields `{name, error: E_TOO_LARGE}`.
 */
export async function* readInputs(args: string[], opts: ReadOptions = {}): AsyncGenerator<InputItem> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const seenDirs = new Set<string>();
  for (const arg of args) {
    if (arg === '-') {
      yield await readStdin(opts.stdin ?? process.stdin, maxBytes);
      continue;
    }
    let st;
    try {
      st = await fs.stat(arg);
    } catch (err) {
      yield { name: arg, error: notFound(arg, err) };
      continue;
    }
    if (st.isDirectory()) yield* walk(arg, seenDirs, maxBytes);
    else yield await readFile(arg, st.size, maxBytes);
  }
}

async function* walk(dir: string, seen: Set<string>, maxBytes: number): AsyncGenerator<InputItem> {
  let real: string;
  try {
    real = await fs.realpath(dir);
  } catch (err) {
    yield { name: dir, error: notFound(dir, err) };
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (err) {
    yield { name: dir, error: notFound(dir, err) };
    return;
  }
  names.sort();
  for (const n of names) {
    if (n.startsWith('.')) continue;
    const p = path.join(dir, n);
    let st;
    try {
      st = await fs.stat(p); // follows symlinks
    } catch (err) {
      yield { name: p, error: notFound(p, err) }; // dangling link
      continue;
    }
    if (st.isDirectory()) yield* walk(p, seen, maxBytes);
    else if (st.isFile()) yield await readFile(p, st.size, maxBytes);
  }
}

async function readFile(p: string, size: number, maxBytes: number): Promise<InputItem> {
  if (size > maxBytes) return { name: p, error: tooLarge(p, size, maxBytes) };
  try {
    const bytes = await fs.readFile(p);
    if (bytes.length > maxBytes) return { name: p, error: tooLarge(p, bytes.length, maxBytes) };
    return { name: p, bytes };
  } catch (err) {
    return { name: p, error: notFound(p, err) };
  }
}

async function readStdin(stream: NodeJS.ReadableStream, maxBytes: number): Promise<InputItem> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      total += b.length;
      if (total > maxBytes) return { name: '-', error: tooLarge('-', total, maxBytes) };
      chunks.push(b);
    }
  } catch (err) {
    return { name: '-', error: notFound('-', err) };
  }
  return { name: '-', bytes: Buffer.concat(chunks) };
}

function notFound(p: string, err: unknown): DatelineError {
  const code = (err as NodeJS.ErrnoException)?.code;
  const why = code === 'ENOENT' ? 'no such file or directory' : code ? `cannot read (${code})` : 'cannot read';
  return new DatelineError('E_NOT_FOUND', `${p}: ${why}`, { cause: err });
}

function tooLarge(p: string, size: number, max: number): DatelineError {
  return new DatelineError('E_TOO_LARGE', `${p}: input is ${size} bytes, over the limit of ${max} bytes`);
}
