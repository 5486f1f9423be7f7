/** `dateline enqueue INPUTS… [--queue NAME] [--redis URL]`: put stories on the BullMQ queue. */
import type { Command } from 'commander';
import { enqueueInputs } from '../scale/queue.js';
import { queueOptions } from './options.js';
import { DatelineError } from '../doc/errors.js';

/** Register `dateline enqueue`. */
export function register(cmd: Command): void {
  queueOptions(cmd.command('enqueue'))
    .description('put stories (files, directories) on a BullMQ queue for `dateline worker` (job id = sha256 of the bytes)')
    .argument('<inputs...>', 'files or directories')
    .option('--max-bytes <n>', 'largest input accepted, in bytes (default 20 MiB)')
    .action(async (inputs: string[], opts: { queue: string; redis: string; maxBytes?: string }) => {
      const maxBytes = opts.maxBytes ? Number(opts.maxBytes) : undefined;
      if (maxBytes !== undefined && !(maxBytes > 0)) throw new DatelineError('E_USAGE', '--max-bytes must be a positive number');
      const s = await enqueueInputs(inputs, {
        queue: opts.queue,
        redis: opts.redis,
        maxBytes,
        onError: (name, msg) => process.stderr.write(`dateline: ${name}: ${msg}\n`),
      });
      process.stderr.write(`dateline: enqueue ${opts.queue}: ${s.added} added, ${s.duplicates} already queued, ${s.unreadable} unreadable (of ${s.read})\n`);
      process.exitCode = s.unreadable ? 1 : 0;
    });
}
