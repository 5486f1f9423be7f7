/**
 * The `dateline` command end to end: the compiled CLI (bin/dateline.js → dist/, built by `npm test`
 * before vitest runs) on the project's example story, every output format, the SQLite store keyed
 * by content hash, bad inputs in a batch, and the whole BBC News corpus.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { repoRoot, sharedDir, hasShared } from '../helpers/shared.js';
import { GDELT_COLUMNS } from '../../src/output/format.js';

const bin = path.join(repoRoot, 'bin', 'dateline.js');
const example = path.join(repoRoot, 'examples', 'border-talks.txt');
let tmp: string;

function dateline(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: tmp, input, encoding: 'utf8', maxBuffer: 256 * 2 ** 20, timeout: 600_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-cli-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('dateline analyze', () => {
  it('prints a table of events for the example story and stores it in ./dateline.db', () => {
    const r = dateline(['analyze', example]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/043 Host a visit/);
    expect(r.out).toMatch(/KGZGOV|UZBGOV/);
    expect(r.out).toMatch(/anachronism/);
    const db = new Database(path.join(tmp, 'dateline.db'), { readonly: true });
    expect((db.prepare('select count(*) n from stories').get() as { n: number }).n).toBe(1);
    expect((db.prepare('select count(*) n from events').get() as { n: number }).n).toBeGreaterThan(2);
    db.close();
  });

  it('stores the same story once however often it is analysed', () => {
    const dbPath = path.join(tmp, 'twice.db');
    dateline(['analyze', '--db', dbPath, example]);
    dateline(['analyze', '--db', dbPath, example, example]);
    const db = new Database(dbPath, { readonly: true });
    expect((db.prepare('select count(*) n from stories').get() as { n: number }).n).toBe(1);
    db.close();
  });

  it('prints one Doc as JSON with the contract fields', () => {
    const r = dateline(['analyze', '--no-store', '--format', 'json', '--date', '2023-03-15', example]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.version).toBe(1);
    expect(doc.meta.publishedSource).toBe('given');
    expect(doc.meta.dateline).toBe('TASHKENT');
    expect(doc.raw).toBeUndefined();
    for (const layer of ['mentions', 'entities', 'timexes', 'places', 'quotes', 'quantities', 'events', 'flags', 'messages']) {
      expect(Array.isArray(doc[layer])).toBe(true);
    }
    const e = doc.events[0];
    for (const k of ['id', 'cameo', 'root', 'quadClass', 'goldstein', 'plover', 'source', 'target', 'date', 'place', 'modality', 'sentence', 'trigger']) {
      expect(e).toHaveProperty(k);
    }
    expect(doc.text.slice(e.trigger.start, e.trigger.end)).toBe(e.trigger.text);
  });

  it('prints one Doc per line as JSONL, reading stdin for -', () => {
    const text = fs.readFileSync(example, 'utf8');
    const r = dateline(['analyze', '--no-store', '--format', 'jsonl', '-', example], text);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]).id).toBe(JSON.parse(lines[1]).id);
  });

  it('prints GDELT 2.0 event columns as CSV, one event per row', () => {
    const r = dateline(['analyze', '--no-store', '--format', 'csv', example]);
    expect(r.code).toBe(0);
    const [header, ...rows] = r.out.trim().split('\n');
    expect(header.split(',').slice(0, GDELT_COLUMNS.length)).toEqual([...GDELT_COLUMNS]);
    expect(rows.length).toBeGreaterThan(2);
  });

  it('reports bad inputs in one line each, records them, and goes on with the batch', () => {
    const dir = path.join(tmp, 'batch');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'a-empty.txt'), '   \n\n');
    fs.writeFileSync(path.join(dir, 'b-binary.bin'), Buffer.from([0, 1, 2, 3, 0, 255, 254, 0, 7, 8]));
    fs.copyFileSync(example, path.join(dir, 'c-story.txt'));
    const dbPath = path.join(tmp, 'batch.db');
    const r = dateline(['analyze', '--db', dbPath, '--format', 'jsonl', dir, path.join(dir, 'missing.txt')]);
    expect(r.code).toBe(1);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    const errLines = r.err.trim().split('\n').filter((l) => l.startsWith('dateline: ') && l.includes('E_'));
    expect(errLines.map((l) => l.match(/E_[A-Z_]+/)![0]).sort()).toEqual(['E_BINARY', 'E_EMPTY', 'E_NOT_FOUND']);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack traces
    const db = new Database(dbPath, { readonly: true });
    expect((db.prepare('select count(*) n from failures').get() as { n: number }).n).toBe(3);
    expect((db.prepare('select count(*) n from stories').get() as { n: number }).n).toBe(1);
    db.close();
  });

  it('rejects a malformed --date with a usage error', () => {
    const r = dateline(['analyze', '--date', '28/06/2022', example]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('answers missing files and bad options of eval, export and extract with one line and exit 1 or 2', () => {
    const missingGold = dateline(['eval', path.join(tmp, 'missing.gold.json')]);
    expect(missingGold.code).toBe(1);
    expect(missingGold.err).toBe(`dateline: E_NOT_FOUND: gold file not found: ${path.join(tmp, 'missing.gold.json')}\n`);
    const noStore = dateline(['export', '--db', path.join(tmp, 'none.db')]);
    expect(noStore.code).toBe(1);
    expect(noStore.err).toMatch(/^dateline: E_NOT_FOUND: no store at .*none\.db/);
    expect(fs.existsSync(path.join(tmp, 'none.db'))).toBe(false); // reading never creates a store
    const badFrom = dateline(['export', '--from', '2023-99-99']);
    expect(badFrom.code).toBe(2);
    expect(badFrom.err).toMatch(/^dateline: E_USAGE: --from must be an ISO 8601 date/);
    const empty = path.join(tmp, 'blank.html');
    fs.writeFileSync(empty, '  \n');
    const ex = dateline(['extract', empty]);
    expect(ex.code).toBe(1);
    // the name is printed once, by the prefix
    expect(ex.err).toBe(`dateline: ${empty}: E_EMPTY: input is empty or whitespace only\n`);
  });

  it('prints only error lines on a redirected stderr (no progress bar, no blank lines)', () => {
    const dir = path.join(tmp, 'mixed');
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(example, path.join(dir, 'story.txt'));
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    const r = dateline(['analyze', '--db', path.join(tmp, 'mixed.db'), dir]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`dateline: ${path.join(dir, 'empty.txt')}: E_EMPTY: input is empty\n`
      + `dateline: 1 of 2 stories analysed, 1 failed, stored in ${path.join(tmp, 'mixed.db')}\n`);
  });
});

describe.skipIf(!hasShared)('dateline analyze over the BBC News corpus', () => {
  it('analyses all 2,225 stories without a crash, storing each story or its failure', () => {
    const corpus = path.join(sharedDir, 'corpora', 'bbc-news', 'bbc');
    const dbPath = path.join(tmp, 'bbc.db');
    const r = dateline(['analyze', '--db', dbPath, '--format', 'csv', corpus]);
    expect([0, 1]).toContain(r.code);
    expect(r.err).not.toMatch(/\n\s+at /);
    const summary = r.err.match(/(\d+) of (\d+) stories analysed, (\d+) failed/);
    expect(summary).not.toBeNull();
    const [analysed, total, failed] = summary!.slice(1).map(Number);
    expect(total).toBeGreaterThanOrEqual(2225); // 2,225 stories and the corpus README
    expect(analysed + failed).toBe(total);
    const db = new Database(dbPath, { readonly: true });
    const stories = (db.prepare('select count(*) n from stories').get() as { n: number }).n;
    const failures = (db.prepare('select count(*) n from failures').get() as { n: number }).n;
    db.close();
    expect(failures).toBe(failed);
    // the corpus holds about a hundred byte-identical copies: a story is stored once per content hash
    expect(stories).toBeGreaterThan(2000);
    expect(stories).toBeLessThanOrEqual(analysed);
  }, 900_000);
});
