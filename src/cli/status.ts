/**
 * `dateline status [--queue NAME] [--redis URL] [--db PATH|URL]`: queue counts (waiting, active,
 * delayed, completed, failed, dead letters) and store counts; and `dateline dedup [--db …]`:
 * recompute near-duplicate clusters and real events (run it after workers have drained a queue).
 */
import type { Command } from 'commander';
import { DEFAULT_QUEUE, deadLetters, queueStatus, storeStatus, type QueueCounts } from '../scale/queue.js';
import { openStore, describeLocation } from '../store/index.js';
import { describeError } from '../doc/errors.js';
import { queueOptions, storeOption } from './options.js';

/** Register `dateline status` and `dateline dedup`. */
export function register(cmd: Command): void {
  storeOption(queueOptions(cmd.command('status')))
    .description('print queue counts (waiting, active, completed, failed, dead letters) and store counts')
    .option('--no-queue', 'store counts only (no Redis)')
    .option('--dead', 'also list the dead letters (id, input, error code)')
    .option('--json', 'print JSON')
    .action(async (opts: { queue: boolean | string; redis: string; db: string; dead?: boolean; json?: boolean }) => {
      const queueName = typeof opts.queue === 'string' ? opts.queue : DEFAULT_QUEUE;
      let queue: QueueCounts | { error: string } | undefined;
      if (opts.queue !== false) {
        try {
          queue = await queueStatus(queueName, opts.redis);
        } catch (e) {
          queue = { error: describeError(e) };
        }
      }
      const dead = opts.dead && queue && !('error' in queue) ? await deadLetters(queueName, opts.redis) : undefined;
      const store = await storeStatus(opts.db);
      if (opts.json) {
        process.stdout.write(JSON.stringify({ queue: queue && { name: queueName, ...queue }, store, dead }) + '\n');
      } else {
        if (queue && 'error' in queue) process.stdout.write(`queue ${queueName}: unavailable (${queue.error})\n`);
        else if (queue) {
          process.stdout.write(`queue ${queueName}: ${queue.waiting} waiting, ${queue.active} active, ${queue.delayed} delayed, ` +
            `${queue.completed} completed, ${queue.failed} failed, ${queue.dead} dead letters\n`);
        }
        process.stdout.write(`store ${store.location}: ${store.stories} stories, ${store.events} events, ${store.entities} entities, ` +
          `${store.failures} failures, ${store.inputs} inputs; ${store.clusteredStories} stories in reprint clusters, ` +
          `${store.clusters} clusters, ${store.realEvents} real events (as of the last dedup)\n`);
        for (const d of dead ?? []) process.stdout.write(`dead ${d.id.slice(0, 12)} ${d.name}: ${d.code} ${d.message} (${d.attempts} attempts)\n`);
      }
      process.exitCode = queue && 'error' in queue ? 1 : 0;
    });

  storeOption(cmd.command('dedup'))
    .description('recompute near-duplicate story clusters and real events (NumMentions, NumSources, NumArticles) in the store')
    .option('--json', 'print JSON')
    .action(async (opts: { db: string; json?: boolean }) => {
      const store = await openStore(opts.db);
      try {
        const s = await store.dedup();
        if (opts.json) process.stdout.write(JSON.stringify(s) + '\n');
        else process.stdout.write(`dedup ${describeLocation(opts.db)}: ${s.stories} stories, ${s.clusteredStories} in reprint clusters, ` +
          `${s.clusters} clusters, ${s.mentions} event mentions → ${s.realEvents} real events (${s.ms} ms)\n`);
      } finally {
        await store.close();
      }
    });
}
