/**
 * Reading inputs named on the command line: files, directories (recursively), globs (tinyglobby),
 * `-` for stdin, URLs (only with `fetch`), and the containers of {@link ./sources.js}: RSS/Atom feeds,
 * WARC/WARC.gz archives and JSON Lines of stories, each of which yields one item per story with the
 * container's metadata. A bad input never stops the batch: it becomes an item with an `error`.
 */
import { createReadStream, promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob, isDynamicPattern } from 'tinyglobby';
import { DatelineError } from '../doc/errors.js';
import type { DocMeta } from '../doc/types.js';
import { containerKind, parseFeed, parseJsonLines, readWarc, type SourceStory } from './sources.js';
import { fetchPage, type FetchOptions } from './fetch.js';

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
  /**
   * Metadata the container gave (feed item, WARC record, JSON line, fetched URL): `url`, `title`,
   * `published` (with `publishedSource`). Pass it to `analyze(bytes, {input: name, ...meta})`.
   */
  meta?: Partial<DocMeta>;
  /** When the page was crawled (WARC-Date), ISO 8601: the anchor for stamps such as "2 hours ago". */
  crawled?: string;
}

/** Options of {@link readInputs}. */
export interface ReadOptions {
  /** Largest input accepted, in bytes (default {@link DEFAULT_MAX_BYTES}). */
  maxBytes?: number;
  /** Stream read for `-` (default `process.stdin`); for tests. */
  stdin?: NodeJS.ReadableStream;
  /**
   * Fetch URLs (arguments and feed-item links without a local page): `true` or fetch options
   * (timeouts, retries, allow-list, `allowPrivate`). Default: nothing is fetched; a URL argument
   * yields an `E_USAGE` item.
   */
  fetch?: boolean | FetchOptions;
  /** Open feeds, WARC and JSON Lines files into their stories (default true). */
  containers?: boolean;
}

/**
 * Yield the inputs named by `args` in order. A directory yields its files recursively, sorted by
 * name (code-unit order), skipping hidden files and directories (names starting with `.`); each
 * directory is entered once by its real path, so symlink loops end. An argument that is not an
 * existing path and holds glob characters is expanded with tinyglobby (sorted; hidden files
 * skipped). `-` reads standard input. An `http(s)://` argument is fetched only with `opts.fetch`.
 * A feed, WARC or JSON Lines file (see {@link containerKind}) yields one item per story, named
 * `FILE#N` or `FILE:LINE`, with `meta`; a feed item's story is its local page when its link is a
 * local path (`file:` URL, or a path relative to the feed's folder that exists), else the fetched
 * page (with `fetch`), else its `content:encoded`/`content`/`description`.
 * Never throws for a bad input: a missing path yields `{name, error: E_NOT_FOUND}`, an input over
 * `maxBytes` yields `{name, error: E_TOO_LARGE}`, a malformed feed or JSON line `E_ENCODING`.
 */
/**
 * The Doc metadata an input brings: what its container said (`meta`: url, title, published …) and
 * its crawl time, plus its name as `input`. Pass it to `Analyzer.analyze(bytes, inputMeta(item))`.
 */
export function inputMeta(item: InputItem): Partial<DocMeta> {
  return { ...item.meta, ...(item.crawled ? { crawled: item.crawled } : {}), input: item.name };
}

export async function* readInputs(args: string[], opts: ReadOptions = {}): AsyncGenerator<InputItem> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const seenDirs = new Set<string>();
  const ctx: ReadCtx = { maxBytes, opts };
  for (const arg of args) {
    if (arg === '-') {
      const item = await readStdin(opts.stdin ?? process.stdin, maxBytes);
      if (item.bytes && opts.containers !== false && containerKind('', item.bytes)) yield* openContainer(item.name, item.bytes, ctx);
      else yield item;
      continue;
    }
    if (/^https?:\/\//i.test(arg)) {
      yield* readUrl(arg, ctx, {});
      continue;
    }
    let st;
    try {
      st = await fs.stat(arg);
    } catch (err) {
      if (isDynamicPattern(arg)) {
        const files = (await glob(arg, { onlyFiles: true, dot: false, expandDirectories: false })).sort();
        if (!files.length) yield { name: arg, error: new DatelineError('E_NOT_FOUND', `${arg}: no file matches the pattern`) };
        for (const f of files) yield* readPath(f, ctx);
        continue;
      }
      yield { name: arg, error: notFound(arg, err) };
      continue;
    }
    if (st.isDirectory()) {
      for await (const item of walk(arg, seenDirs, maxBytes)) yield* expand(item, ctx);
    } else yield* readPath(arg, ctx, st.size);
  }
}

interface ReadCtx {
  maxBytes: number;
  opts: ReadOptions;
}

function fetchOpts(ctx: ReadCtx): FetchOptions | undefined {
  const f = ctx.opts.fetch;
  if (!f) return undefined;
  return { maxBytes: ctx.maxBytes, ...(f === true ? {} : f) };
}

/** A URL: fetched (with `fetch`) and opened like a file (a feed URL yields its items). */
async function* readUrl(url: string, ctx: ReadCtx, meta: Partial<DocMeta>): AsyncGenerator<InputItem> {
  const fo = fetchOpts(ctx);
  if (!fo) {
    yield { name: url, meta, error: new DatelineError('E_USAGE', `${url}: a URL is fetched only with --fetch`) };
    return;
  }
  try {
    const page = await fetchPage(url, fo);
    const m: Partial<DocMeta> = { url: page.url, ...meta };
    if (ctx.opts.containers !== false && containerKind(url, page.bytes)) {
      for await (const item of openContainer(url, page.bytes, ctx)) yield item;
    } else yield { name: url, bytes: page.bytes, meta: m };
  } catch (err) {
    yield { name: url, meta, error: err instanceof DatelineError ? err : notFound(url, err) };
  }
}

/** A file path: a container is opened, any other file read whole. */
async function* readPath(p: string, ctx: ReadCtx, size?: number): AsyncGenerator<InputItem> {
  if (ctx.opts.containers !== false && /\.warc(?:\.gz)?$/i.test(p)) {
    yield* openWarcFile(p, ctx);
    return;
  }
  if (size === undefined) {
    try {
      size = (await fs.stat(p)).size;
    } catch (err) {
      yield { name: p, error: notFound(p, err) };
      return;
    }
  }
  yield* expand(await readFile(p, size, ctx.maxBytes), ctx);
}

/** Open a read item when it is a container; else yield it as is. */
async function* expand(item: InputItem, ctx: ReadCtx): AsyncGenerator<InputItem> {
  if (!item.bytes || ctx.opts.containers === false) {
    yield item;
    return;
  }
  const kind = containerKind(item.name, item.bytes);
  if (kind === 'warc') {
    yield* openWarcFile(item.name, ctx);
    return;
  }
  if (kind) yield* openContainer(item.name, item.bytes, ctx);
  else yield item;
}

async function* openWarcFile(p: string, ctx: ReadCtx): AsyncGenerator<InputItem> {
  try {
    await fs.access(p);
  } catch (err) {
    yield { name: p, error: notFound(p, err) };
    return;
  }
  yield* fromStories(readWarc(createReadStream(p), p, ctx.maxBytes), p, ctx);
}

/** Open a container held in memory (feed, JSON Lines, WARC). */
async function* openContainer(name: string, bytes: Buffer, ctx: ReadCtx): AsyncGenerator<InputItem> {
  const kind = containerKind(name, bytes);
  if (kind === 'warc') {
    yield* fromStories(readWarc([bytes], name, ctx.maxBytes), name, ctx);
    return;
  }
  let stories: SourceStory[];
  try {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    stories = kind === 'jsonl' ? parseJsonLines(text, name) : parseFeed(text, name);
  } catch (err) {
    yield { name, error: new DatelineError('E_ENCODING', `${name}: cannot read the ${kind === 'jsonl' ? 'JSON Lines' : 'feed'} (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`) };
    return;
  }
  if (stories.length === 0) yield { name, error: new DatelineError('E_NO_TEXT', `${name}: the ${kind === 'jsonl' ? 'file' : 'feed'} holds no stories`) };
  yield* fromStories(stories, name, ctx, kind === 'feed' ? name : undefined);
}

async function* fromStories(
  stories: Iterable<SourceStory> | AsyncIterable<SourceStory>,
  container: string,
  ctx: ReadCtx,
  feedPath?: string,
): AsyncGenerator<InputItem> {
  try {
    for await (const s of stories as AsyncIterable<SourceStory>) {
      if (s.problem) {
        yield { name: s.name, meta: s.meta, error: new DatelineError(/over the limit/.test(s.problem) ? 'E_TOO_LARGE' : 'E_ENCODING', `${s.name}: ${s.problem}`) };
        continue;
      }
      if (feedPath && s.link) {
        const local = localPath(s.link, feedPath);
        if (local) {
          const item = await readFile(local, (await fs.stat(local)).size, ctx.maxBytes);
          yield { ...item, meta: { ...s.meta, url: /^https?:/i.test(s.link) ? s.link : undefined } };
          continue;
        }
        if (fetchOpts(ctx) && /^https?:\/\//i.test(s.link)) {
          yield* readUrl(s.link, ctx, s.meta);
          continue;
        }
      }
      if (!s.bytes) {
        yield { name: s.name, meta: s.meta, error: new DatelineError('E_NO_TEXT', `${s.name}: the item has no content${s.link ? ' (use --fetch to read its link)' : ''}`) };
        continue;
      }
      if (s.bytes.length > ctx.maxBytes) {
        yield { name: s.name, meta: s.meta, error: tooLarge(s.name, s.bytes.length, ctx.maxBytes) };
        continue;
      }
      const item: InputItem = { name: s.name, bytes: s.bytes, meta: s.meta };
      if (s.crawled) item.crawled = s.crawled;
      yield item;
    }
  } catch (err) {
    yield { name: container, error: new DatelineError('E_ENCODING', `${container}: cannot read the archive (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`) };
  }
}

/** A feed link that names a local file (a `file:` URL, or a relative path beside the feed that exists). */
function localPath(link: string, feedPath: string): string | undefined {
  let p: string | undefined;
  if (/^file:/i.test(link)) {
    try {
      p = fileURLToPath(link);
    } catch {
      return undefined;
    }
  } else if (!/^[a-z][a-z0-9+.-]*:/i.test(link) && !/^https?:/i.test(feedPath)) {
    p = path.resolve(path.dirname(feedPath), link);
  }
  if (!p) return undefined;
  return statSyncSafe(p)?.isFile() ? p : undefined;
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

function statSyncSafe(p: string): import('node:fs').Stats | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

function notFound(p: string, err: unknown): DatelineError {
  const code = (err as NodeJS.ErrnoException)?.code;
  const why = code === 'ENOENT' ? 'no such file or directory' : code ? `cannot read (${code})` : 'cannot read';
  return new DatelineError('E_NOT_FOUND', `${p}: ${why}`, { cause: err });
}

function tooLarge(p: string, size: number, max: number): DatelineError {
  return new DatelineError('E_TOO_LARGE', `${p}: input is ${size} bytes, over the limit of ${max} bytes`);
}
