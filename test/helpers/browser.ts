/**
 * Shared by the browser tests: Debian's Chromium (`/usr/bin/chromium`, installed by `.ci/run` with
 * apt-get) launched headless through playwright-core, and the real server (`startServer`) on a
 * free port over a temporary SQLite file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { ensureWebBuild } from '../serve/web-build.js';
import { startServer, type ListenOptions } from '../../src/serve/server.js';

/** Debian's Chromium. */
export const CHROMIUM = '/usr/bin/chromium';
/** Whether {@link CHROMIUM} is installed (browser tests are skipped, with a message, when not). */
export const hasChromium = fs.existsSync(CHROMIUM);

/** Launch {@link CHROMIUM} headless with the project's flags (no sandbox, no GPU, no background networking). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** A running test server: its address, the web build's time, and `close()` that stops it and removes its database. */
export interface TestServer {
  app: FastifyInstance;
  url: string;
  /** Milliseconds the web build took (0 when it was already built). */
  buildMs: number;
  close(): Promise<void>;
}

/**
 * Build the web app if needed ({@link ensureWebBuild}) and start the server on a free port over a
 * fresh SQLite file in a temporary folder named after `prefix`.
 * @returns the running server
 */
export async function startTestServer(prefix: string, options: ListenOptions = {}): Promise<TestServer> {
  const buildMs = ensureWebBuild();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `dateline-${prefix}-`));
  const { app, url } = await startServer({ port: 0, db: path.join(tmp, 'test.db'), ...options });
  return {
    app,
    url,
    buildMs,
    async close() {
      await app.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
