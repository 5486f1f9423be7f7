/**
 * Options shared by several subcommands, declared once so that their names, help and defaults
 * cannot drift apart.
 */
import type { Command } from 'commander';
import { DEFAULT_QUEUE, DEFAULT_REDIS } from '../scale/queue.js';

/** Default store location of every command: an SQLite file in the working directory. */
export const DEFAULT_DB = './dateline.db';

/** Add `--db <path-or-url>` (an SQLite file or a postgres:// URL; default {@link DEFAULT_DB}). */
export function storeOption(c: Command): Command {
  return c.option('--db <path-or-url>', 'SQLite file or postgres:// URL', DEFAULT_DB);
}

/** Add `--queue <name>` and `--redis <url>` (BullMQ queue name and Redis URL, with the defaults of src/scale/queue.ts). */
export function queueOptions(c: Command): Command {
  return c.option('--queue <name>', 'queue name', DEFAULT_QUEUE).option('--redis <url>', 'Redis URL', DEFAULT_REDIS);
}
