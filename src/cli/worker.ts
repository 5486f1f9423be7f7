/**
 * `dateline worker [--concurrency N] [--db URL] [--redis URL] [--queue NAME]`: take story jobs
 * from the queue, analyse and store them, until SIGTERM/SIGINT (graceful: the current jobs finish)
 * or, with `--until-drained`, until the queue is empty.
 */
import type { Command } from 'commander';
import { startWorker } from '../scale/queue.js';
import { queueOptions, storeOption } from './options.js';
import { describeLocation } from '../store/index.js';
import { DatelineError } from '../doc/errors.js';

/** Options of `dateline worker`. */
interface WorkerCliOptions {
  queue: string;
  redis: string;
  db: string;
  concurrency: string;
  lockMs: string;
  untilDrained?: boolean;
  quiet?: boolean;
  json?: boolean;
}

/** Register `dateline worker`. */
export function register(cmd: Command): void {
  storeOption(queueOptions(cmd.command('worker')))
    .description('process story jobs from the queue into the store (stops gracefully on SIGTERM/SIGINT)')
    .option('--concurrency <n>', 'jobs in flight in this process', '2')
    .option('--lock-ms <ms>', 'job lock duration: a crashed worker\'s job is retried after this long', '30000')
    .option('--until-drained', 'exit when the queue has no waiting job')
    .option('--quiet', 'no log lines on stderr')
    .option('--json', 'print the summary as JSON on stdout when stopping')
    .action(async (opts: WorkerCliOptions) => {
      const concurrency = Number(opts.concurrency);
      const lockDuration = Number(opts.lockMs);
      if (!(concurrency >= 1)) throw new DatelineError('E_USAGE', '--concurrency must be a number ≥ 1');
      if (!(lockDuration >= 1000)) throw new DatelineError('E_USAGE', '--lock-ms must be a number ≥ 1000');
      const log = opts.quiet ? undefined : (line: string) => process.stderr.write(`dateline worker ${process.pid}: ${line}\n`);
      const w = await startWorker({
        queue: opts.queue, redis: opts.redis, db: opts.db, concurrency, lockDuration, untilDrained: opts.untilDrained, log,
      });
      log?.(`started: queue ${opts.queue}, store ${describeLocation(opts.db)}, concurrency ${concurrency}`);
      const onSignal = (sig: string) => {
        log?.(`${sig}: finishing current jobs`);
        void w.stop();
      };
      process.once('SIGTERM', () => onSignal('SIGTERM'));
      process.once('SIGINT', () => onSignal('SIGINT'));
      const s = await w.done;
      if (opts.json) process.stdout.write(JSON.stringify(s) + '\n');
      log?.(`stopped: ${s.processed} jobs, ${s.stored} stored, ${s.alreadyStored} already stored, ${s.deadLetters} dead letters, peak RSS ${s.peakRssMiB} MiB, ${s.seconds.toFixed(1)} s`);
      process.exitCode = 0;
    });
}
