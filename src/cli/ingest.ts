/**
 * `dateline ingest INPUTS… [--db PATH|URL]`: analyse and store a corpus in one process, with a
 * progress bar, resumable after an interruption (inputs recorded by raw-bytes hash are skipped),
 * then compute near-duplicate clusters and real events (`dedup`).
 */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { DatelineError } from '../doc/errors.js';
import { storeOption } from './options.js';
import { runIngest, type IngestSummary } from '../scale/ingest.js';
import { describeLocation } from '../store/index.js';

/** Options of `dateline ingest`. */
export interface IngestCliOptions {
  db: string;
  progress: boolean;
  dedup: boolean;
  maxBytes?: string;
  json?: boolean;
}

/** One line summing up an ingest run. */
export function ingestLine(s: IngestSummary, db: string): string {
  const rate = s.seconds > 0 ? ((s.stored + s.duplicates) / s.seconds).toFixed(1) : '0';
  const parts = [
    `${s.stored} stored`, `${s.duplicates} duplicates`, `${s.skipped} skipped (done before)`, `${s.failed} failed`,
    `${s.events} events`, `${rate} stories/s`,
  ];
  if (s.dedup) parts.push(`${s.dedup.clusteredStories} stories in ${s.dedup.clusters - (s.dedup.stories - s.dedup.clusteredStories)} reprint clusters`, `${s.dedup.realEvents} real events`);
  return `dateline: ingest${s.interrupted ? ' (interrupted)' : ''} into ${describeLocation(db)}: ${parts.join(', ')}`;
}

/**
 * Run `dateline ingest`. SIGINT/SIGTERM stop it after the current story (what is stored stays
 * stored; run again to resume).
 * @returns exit code: 0, or 1 when some input failed or the run was interrupted
 */
export async function runIngestCli(inputs: string[], opts: IngestCliOptions, err: NodeJS.WritableStream = process.stderr, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  if (!inputs.length) throw new DatelineError('E_USAGE', 'usage: dateline ingest INPUTS… [--db PATH|URL]');
  const maxBytes = opts.maxBytes ? Number(opts.maxBytes) : undefined;
  if (maxBytes !== undefined && !(maxBytes > 0)) throw new DatelineError('E_USAGE', '--max-bytes must be a positive number');
  let stop = false;
  const onSignal = () => {
    stop = true;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const bar = opts.progress && (err as NodeJS.WriteStream).isTTY
    ? new cliProgress.SingleBar(
        { stream: err as NodeJS.WriteStream, format: 'ingest {bar} {value}/{total} | {stored} stored, {skipped} skipped, {failed} failed | ETA {eta}s', hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  try {
    const s = await runIngest(inputs, {
      db: opts.db,
      maxBytes,
      dedup: opts.dedup,
      shouldStop: () => stop,
      onStart: (total) => bar?.start(total, 0, { stored: 0, skipped: 0, failed: 0 }),
      onProgress: (p) => bar?.update(p.seen, { stored: p.stored, skipped: p.skipped, failed: p.failed }),
      onError: (name, line) => err.write(`${bar ? '\n' : ''}dateline: ${name}: ${line}\n`),
    });
    bar?.stop();
    if (opts.json) out.write(JSON.stringify(s) + '\n');
    err.write(ingestLine(s, opts.db) + '\n');
    return s.failed || s.interrupted ? 1 : 0;
  } finally {
    bar?.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Register `dateline ingest`. */
export function register(cmd: Command): void {
  storeOption(cmd.command('ingest'))
    .description('analyse and store a corpus in one process (resumable), then cluster reprints and merge real events')
    .argument('<inputs...>', 'files or directories')
    .option('--no-progress', 'no progress bar')
    .option('--no-dedup', 'do not compute clusters and real events at the end')
    .option('--max-bytes <n>', 'largest input accepted, in bytes (default 20 MiB)')
    .option('--json', 'print the summary as JSON on stdout')
    .action(async (inputs: string[], opts: IngestCliOptions) => {
      process.exitCode = await runIngestCli(inputs, opts);
    });
}
