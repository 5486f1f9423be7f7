/**
 * `dateline serve` end to end (the compiled CLI, built by `npm test` before vitest runs): it
 * listens on the port asked for (0 = a free one), answers the API, stops cleanly on SIGTERM, and
 * refuses bad options with exit code 2. Also typechecks the web app's TypeScript (`web/`), which
 * the main `tsc` project does not cover.
 */
import { describe, it, expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../helpers/shared.js';

const bin = path.join(repoRoot, 'bin', 'dateline.js');
const built = fs.existsSync(path.join(repoRoot, 'dist', 'cli', 'serve.js'));

describe.skipIf(!built)('dateline serve', () => {
  it('serves the API on a free port and stops on SIGTERM', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-serve-'));
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', path.join(tmp, 'x.db')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${err}`)), 60_000);
      child.stderr.on('data', (d) => {
        err += d;
        const m = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.on('exit', () => reject(new Error(`exited early: ${err}`)));
    });
    const health = await (await fetch(`${url}/api/health`)).json();
    expect(health).toEqual({ ok: true, counts: expect.objectContaining({ stories: 0, events: 0 }) });
    const bad = await fetch(`${url}/api/events?limit=abc`);
    expect(bad.status).toBe(400);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('refuses a bad port with exit code 2 and one line', () => {
    const r = spawnSync(process.execPath, [bin, 'serve', '--port', '99999'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('dateline: E_USAGE: --port must be an integer in 0..65535, got "99999"');
  });
});

describe('web app sources', () => {
  it('typecheck (tsc -p web/tsconfig.json)', () => {
    const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', path.join(repoRoot, 'web', 'tsconfig.json')], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
