/**
 * Test helper: make sure the web app is built (`dist/web/index.html`) and not older than its
 * sources under `web/`, building it with Vite when needed (the same command the `build` script
 * runs: `vite build --config web/vite.config.ts`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../helpers/shared.js';

/** Folder of the built web app. */
export const webDist = path.join(repoRoot, 'dist', 'web');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Build `dist/web` when it is missing or older than `web/`.
 * @returns milliseconds spent building (0 when it was up to date)
 * @throws Error with Vite's output when the build fails
 */
export function ensureWebBuild(): number {
  const index = path.join(webDist, 'index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestMtime(path.join(repoRoot, 'web'))) return 0;
  const t0 = Date.now();
  const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', path.join(repoRoot, 'web', 'vite.config.ts')], { cwd: repoRoot, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0 || !fs.existsSync(index)) throw new Error(`vite build failed: ${r.stderr || r.stdout}`);
  return Date.now() - t0;
}
