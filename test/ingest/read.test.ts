import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { readInputs, type InputItem } from '../../src/ingest/read.js';

let dir: string;

async function collect(args: string[], opts = {}): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for await (const it of readInputs(args, opts)) out.push(it);
  return out;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-read-'));
  fs.mkdirSync(path.join(dir, 'b', 'inner'), { recursive: true });
  fs.mkdirSync(path.join(dir, '.hidden'));
  fs.writeFileSync(path.join(dir, 'z.txt'), 'zeta');
  fs.writeFileSync(path.join(dir, 'a.txt'), 'alpha');
  fs.writeFileSync(path.join(dir, '.secret.txt'), 'hidden');
  fs.writeFileSync(path.join(dir, '.hidden', 'h.txt'), 'hidden');
  fs.writeFileSync(path.join(dir, 'b', 'inner', 'c.txt'), 'gamma');
  fs.writeFileSync(path.join(dir, 'big.txt'), 'x'.repeat(5000));
  fs.symlinkSync(dir, path.join(dir, 'b', 'inner', 'loop')); // symlink loop back to the root
  fs.symlinkSync(path.join(dir, 'b'), path.join(dir, 'b-link'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('readInputs', () => {
  it('walks directories recursively, sorted, skipping hidden entries, ending symlink loops', async () => {
    const items = await collect([dir], { maxBytes: 1000 });
    const names = items.map((i) => path.relative(dir, i.name));
    expect(names).toEqual(['a.txt', 'b/inner/c.txt', 'big.txt', 'z.txt']);
    expect(items[0].bytes?.toString()).toBe('alpha');
    expect(items[2].error?.code).toBe('E_TOO_LARGE');
    expect(items[2].bytes).toBeUndefined();
  });

  it('yields E_NOT_FOUND for a missing path and goes on with the batch', async () => {
    const items = await collect([path.join(dir, 'missing.txt'), path.join(dir, 'a.txt')]);
    expect(items).toHaveLength(2);
    expect(items[0].error?.code).toBe('E_NOT_FOUND');
    expect(items[1].bytes?.toString()).toBe('alpha');
  });

  it('reads "-" from stdin and applies the size limit there too', async () => {
    const items = await collect(['-'], { stdin: Readable.from([Buffer.from('from '), Buffer.from('stdin')]) });
    expect(items).toEqual([{ name: '-', bytes: Buffer.from('from stdin') }]);
    const big = await collect(['-'], { stdin: Readable.from([Buffer.alloc(600, 65), Buffer.alloc(600, 65)]), maxBytes: 1000 });
    expect(big[0].error?.code).toBe('E_TOO_LARGE');
  });
});
