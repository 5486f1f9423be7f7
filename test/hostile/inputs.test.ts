/**
 * Hostile inputs: each is answered by a Doc (with valid offsets) or by a one-line `DatelineError`
 * with the expected code — never another exception, a stack trace or a hang. Times are measured
 * and printed (not asserted: CI machines vary); the bound is in the pipeline itself
 * (`timeoutMs`, `maxBytes`, `maxTextChars`) and in the regular expressions, which are written so
 * that no input makes them backtrack (see `regex-audit.ts`).
 *
 * The text families (`inputs.ts`) each target a kind of pattern: datelines, dates, quotes,
 * capitalised names, numbers, dashes, long words, markup depth and width.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createAnalyzer, type Analyzer } from '../../src/pipeline.js';
import { DatelineError } from '../../src/doc/errors.js';
import { readInputs, type InputItem } from '../../src/ingest/read.js';
import type { Doc } from '../../src/doc/types.js';
import { repoRoot } from '../helpers/shared.js';
import { HOSTILE_TEXTS } from './inputs.js';

const times: Array<[string, number, string]> = [];
let analyzer: Analyzer;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-hostile-'));

beforeAll(async () => {
  analyzer = createAnalyzer({ date: '2022-06-28' });
  await analyzer.analyze('Warm up. The president visited Paris on Monday.');
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(times.map(([n, ms, out]) => `${n.padEnd(28)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${out}`).join('\n'));
});

function isHigh(c: number): boolean { return c >= 0xd800 && c <= 0xdbff; }
function isLow(c: number): boolean { return c >= 0xdc00 && c <= 0xdfff; }

/** Every span of every layer lies inside the text, splits no surrogate pair and names its own text. */
function checkOffsets(doc: Doc): void {
  const n = doc.text.length;
  const all: Array<{ start: number; end: number; text?: string }> = [
    ...doc.sentences, ...doc.tokens, ...doc.mentions, ...doc.timexes, ...doc.places, ...doc.quotes, ...doc.quantities,
    ...doc.events.flatMap((e) => [e.sentence, e.trigger]),
  ];
  for (const s of all) {
    expect(s.start >= 0 && s.start <= s.end && s.end <= n).toBe(true);
    for (const o of [s.start, s.end]) if (o > 0 && o < n) expect(isLow(doc.text.charCodeAt(o)) && isHigh(doc.text.charCodeAt(o - 1))).toBe(false);
    if (s.text !== undefined) expect(doc.text.slice(s.start, s.end)).toBe(s.text);
  }
}

/** Analyse `input`; @returns `ok` or the error code, after checking the one-line contract. */
async function outcome(name: string, input: string | Buffer, a: Analyzer = analyzer): Promise<string> {
  const t0 = performance.now();
  let out: string;
  try {
    const doc = await a.analyze(input, { input: name });
    checkOffsets(doc);
    out = `ok${doc.messages.length ? ' ' + [...new Set(doc.messages.map((m) => m.code))].join(',') : ''}`;
  } catch (e) {
    expect(e, `${name}: ${String(e)}`).toBeInstanceOf(DatelineError);
    expect((e as Error).message).not.toContain('\n');
    out = (e as DatelineError).code;
  }
  times.push([name, performance.now() - t0, out]);
  return out;
}

describe('hostile bytes', () => {
  it('empty and whitespace-only input: E_EMPTY', async () => {
    expect(await outcome('empty', Buffer.alloc(0))).toBe('E_EMPTY');
    expect(await outcome('whitespace', ' \n\t\r\n  \u00a0\u2003\n')).toBe('E_EMPTY');
  });

  it('binary and NUL bytes: E_BINARY', async () => {
    const bin = Buffer.alloc(4096);
    for (let i = 0; i < bin.length; i++) bin[i] = (i * 7919) % 256;
    expect(await outcome('binary', bin)).toBe('E_BINARY');
    expect(await outcome('NUL bytes', Buffer.from('Putin\u0000 visited\u0000 Paris\u0000 on Monday.\u0000'.repeat(20)))).toMatch(/^(ok|E_BINARY)/);
  });

  it('invalid UTF-8 and UTF-16 with a byte-order mark are decoded, not thrown on', async () => {
    const bad = Buffer.concat([Buffer.from('President Putin visited Paris on Monday. '), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from(' He said talks went well.')]);
    expect(await outcome('invalid UTF-8', bad)).toMatch(/^ok/);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('President Putin visited Paris on Monday.', 'utf16le')]);
    expect(await outcome('UTF-16LE BOM', le)).toMatch(/^ok/);
    const be = Buffer.from('President Putin visited Paris on Monday.', 'utf16le').swap16();
    expect(await outcome('UTF-16BE BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toMatch(/^ok/);
  });

  it('over the byte limit: E_TOO_LARGE before decoding', async () => {
    const small = createAnalyzer({ maxBytes: 1000 });
    expect(await outcome('over maxBytes', Buffer.alloc(2000, 0x61), small)).toBe('E_TOO_LARGE');
  });

  it('a 5 MB single line: E_TOO_LARGE by the text limit, before ingest', async () => {
    const line = 'Russian President Vladimir Putin visited Dushanbe on June 28, 2022 and said "we will not sign". '.repeat(53000);
    expect(line.length).toBeGreaterThan(5e6);
    expect(await outcome('5 MB single line', line)).toBe('E_TOO_LARGE');
  });

  it('a deadline: E_TIMEOUT between stages', async () => {
    const hurried = createAnalyzer({ timeoutMs: 1 });
    await hurried.analyze('Warm up. Putin visited Paris.').catch(() => undefined);
    const text = 'Russian President Vladimir Putin visited Dushanbe on June 28, 2022. '.repeat(300);
    expect(await outcome('deadline 1 ms', text, hurried)).toBe('E_TIMEOUT');
  });

  it('Chinese, Arabic and mixed-direction text', async () => {
    expect(await outcome('chinese', HOSTILE_TEXTS.chinese(2000))).toMatch(/^ok/);
    expect(await outcome('arabic mixed', HOSTILE_TEXTS['arabic mixed'](2000))).toMatch(/^ok/);
    expect(await outcome('bidi controls', HOSTILE_TEXTS['bidi controls'](2000))).toMatch(/^ok/);
  });
});

describe('inputs built to make the patterns backtrack (20,000 code units each)', () => {
  const N = 20000;
  for (const name of Object.keys(HOSTILE_TEXTS)) {
    if (name.startsWith('html')) continue;
    it(name, async () => {
      expect(await outcome(name, HOSTILE_TEXTS[name](N))).toMatch(/^(ok|E_NO_TEXT|E_TOO_LARGE)/);
    });
  }
});

describe('hostile markup', () => {
  it('HTML nested 20,000 deep', async () => {
    expect(await outcome('html nested 20000', HOSTILE_TEXTS['html nested'](20000))).toMatch(/^ok.*W_HTML_FLATTENED/);
  });
  it('HTML with 100,000 empty elements', async () => {
    expect(await outcome('html 100000 empty', HOSTILE_TEXTS['html wide'](100000))).toMatch(/^ok.*W_HTML_FLATTENED/);
  });
  for (const name of ['html unclosed', 'html attrs', 'html comment']) {
    it(name, async () => {
      expect(await outcome(name, HOSTILE_TEXTS[name](20000))).toMatch(/^(ok|E_NO_TEXT|E_TOO_LARGE)/);
    });
  }
});

describe('hostile files and folders', () => {
  it('100 MB file: E_TOO_LARGE from its size, without reading it', async () => {
    const big = path.join(dir, 'big.txt');
    const fd = fs.openSync(big, 'w');
    fs.ftruncateSync(fd, 100 * 2 ** 20); // sparse: 100 MiB on paper, nothing written
    fs.closeSync(fd);
    const t0 = performance.now();
    const items: InputItem[] = [];
    for await (const it of readInputs([big])) items.push(it);
    times.push(['100 MB file', performance.now() - t0, items[0].error?.code ?? 'read']);
    expect(items).toHaveLength(1);
    expect(items[0].bytes).toBeUndefined();
    expect(items[0].error?.code).toBe('E_TOO_LARGE');
  });

  it('symlink loops in folders end; a dangling link is one E_NOT_FOUND item', async () => {
    const root = path.join(dir, 'loop');
    fs.mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
    fs.writeFileSync(path.join(root, 'a', 'story.txt'), 'Putin visited Paris on Monday.');
    fs.symlinkSync(root, path.join(root, 'a', 'b', 'up'));
    fs.symlinkSync(path.join(root, 'a'), path.join(root, 'a', 'self'));
    fs.symlinkSync(path.join(root, 'missing'), path.join(root, 'dangling'));
    const t0 = performance.now();
    const items: InputItem[] = [];
    for await (const it of readInputs([root])) items.push(it);
    times.push(['symlink loops', performance.now() - t0, `${items.length} items`]);
    expect(items.filter((i) => i.bytes).map((i) => path.basename(i.name))).toEqual(['story.txt']);
    expect(items.filter((i) => i.error).map((i) => i.error!.code)).toEqual(['E_NOT_FOUND']);
  });

  it.skipIf(!fs.existsSync(path.join(repoRoot, 'dist', 'cli', 'index.js')))('the CLI answers a folder of hostile files with one line per failure and no stack trace', () => {
    const d = path.join(dir, 'cli');
    fs.mkdirSync(d);
    fs.writeFileSync(path.join(d, '01-empty.txt'), '');
    fs.writeFileSync(path.join(d, '02-space.txt'), '  \n\n\t ');
    fs.writeFileSync(path.join(d, '03-binary.bin'), Buffer.from([0, 1, 2, 3, 0, 255, 254, 0, 0, 7]));
    fs.writeFileSync(path.join(d, '04-utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Putin visited Paris on Monday.', 'utf16le')]));
    fs.writeFileSync(path.join(d, '05-dashes.txt'), HOSTILE_TEXTS['dateline dashes'](20000));
    fs.writeFileSync(path.join(d, '06-big.txt'), 'a'.repeat(3000));
    fs.writeFileSync(path.join(d, '07-good.txt'), 'Russian President Vladimir Putin visited Dushanbe on Tuesday.');
    fs.symlinkSync(d, path.join(d, '08-loop'));
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'dateline.js'), 'analyze', '--no-store', '--no-progress', '--max-bytes', '2000', '--format', 'jsonl', d], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).not.toMatch(/^\s+at /m);
    const lines = r.stderr.trim().split('\n').filter(Boolean);
    expect(lines.some((l) => /E_EMPTY/.test(l))).toBe(true);
    expect(lines.some((l) => /E_BINARY/.test(l))).toBe(true);
    expect(lines.some((l) => /E_TOO_LARGE/.test(l))).toBe(true);
    expect(r.stdout).toMatch(/Putin|RUS/);
    expect(r.status).not.toBe(0); // some inputs failed
    expect(r.status).not.toBeNull(); // ended by itself, not killed by the timeout
  });
});
