/**
 * `dateline serve`: the HTTP API and the analyst web app over the SQLite store.
 */
import type { Command } from 'commander';
import { DatelineError } from '../doc/errors.js';
import { startServer } from '../serve/server.js';

/** Options of `dateline serve`. */
export interface ServeCliOptions {
  port: string;
  host: string;
  db: string;
  cors?: string;
  bodyLimit?: string;
  log?: boolean;
  token?: string;
  rateLimit?: string;
}

/** Parse a positive integer option or throw `E_USAGE`. */
function int(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new DatelineError('E_USAGE', `${flag} must be an integer in ${min}..${max}, got "${value}"`);
  return n;
}

/**
 * Start the server and keep it running until SIGINT or SIGTERM, then close it (and the store).
 * @throws DatelineError `E_USAGE` for a bad option, a database that cannot be opened or a port in use
 */
export async function runServe(opts: ServeCliOptions, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const port = int(opts.port, '--port', 0, 65535);
  const bodyLimit = opts.bodyLimit ? int(opts.bodyLimit, '--body-limit', 1024, 1024 * 2 ** 20) : undefined;
  const cors = opts.cors ? opts.cors.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
  const token = opts.token ?? (process.env.DATELINE_TOKEN || undefined);
  const rate = opts.rateLimit !== undefined ? int(opts.rateLimit, '--rate-limit', 0, 1_000_000) : undefined;
  const rateLimit = rate === 0 ? false : rate !== undefined ? { max: rate, analyzeMax: Math.min(rate, 120) } : true;
  const { app, url } = await startServer({ port, host: opts.host, db: opts.db, cors, bodyLimit, logger: opts.log ?? false, token, rateLimit });
  err.write(`dateline: serving ${url}/ (API ${url}/api/openapi.json, database ${opts.db}); Ctrl-C stops\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void app.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

/** Register `dateline serve` on the program. */
export function register(cmd: Command): void {
  cmd
    .command('serve')
    .description('serve the HTTP API and the analyst web app over the store')
    .option('--port <n>', 'TCP port (0 picks a free one)', '8080')
    .option('--host <address>', 'interface to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--db <path>', 'SQLite database file', './dateline.db')
    .option('--cors <origins>', 'allow these origins (comma-separated) to call the API; CORS is off by default')
    .option('--body-limit <bytes>', 'largest request body accepted (default 5 MiB)')
    .option('--log', 'log every request')
    .option('--token <token>', 'require "Authorization: Bearer TOKEN" on writing requests (POST /api/analyze); default $DATELINE_TOKEN, else none')
    .option('--rate-limit <n>', 'requests per minute per client address (default 1000; POST /api/analyze at most 120); 0 turns it off')
    .action(async (opts: ServeCliOptions) => {
      process.exitCode = await runServe(opts);
    });
}
