/**
 * `dateline export --format csv|jsonl [--db PATH|URL] [filters]`: events of the store, as GDELT
 * 2.0 CSV (`formatCSV`, one row per event mention) or JSON Lines (one stored event a line); with
 * `--real`, the real-world events (one per event reported by one or more stories) as JSON Lines,
 * with NumMentions, NumSources, NumArticles and the number of reprint clusters.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { DatelineError } from '../doc/errors.js';
import { storeOption } from './options.js';
import { formatCSV } from '../output/format.js';
import fs from 'node:fs';
import { isValid, parseISO } from 'date-fns';
import { openStore, isPostgresUrl } from '../store/index.js';
import type { EventFilter, StoredEvent } from '../store/store.js';

/** Options of `dateline export`. */
export interface ExportCliOptions {
  format: 'csv' | 'jsonl';
  db: string;
  actor?: string;
  cameo?: string;
  root?: string;
  from?: string;
  to?: string;
  story?: string;
  modality?: EventFilter['modality'];
  bbox?: string;
  real?: boolean;
  limit?: string;
}

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real year, month or day. */
function isDatePrefix(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  return isValid(parseISO(`${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}`));
}

/**
 * The event filter of the export options.
 * @throws DatelineError `E_USAGE` for a malformed `--bbox`, `--limit`, `--from` or `--to`
 */
export function exportFilter(opts: ExportCliOptions): EventFilter {
  for (const [flag, v] of [['--from', opts.from], ['--to', opts.to]] as const) {
    if (v !== undefined && !isDatePrefix(v)) throw new DatelineError('E_USAGE', `${flag} must be an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD), got "${v}"`);
  }
  const f: EventFilter = { actor: opts.actor, cameo: opts.cameo, root: opts.root, from: opts.from, to: opts.to, storyId: opts.story, modality: opts.modality };
  if (opts.bbox) {
    const b = opts.bbox.split(',').map(Number);
    if (b.length !== 4 || !b.every(Number.isFinite)) throw new DatelineError('E_USAGE', '--bbox must be minLon,minLat,maxLon,maxLat in decimal degrees');
    f.bbox = b as [number, number, number, number];
  }
  return f;
}

/** Write the export to `out`. @returns rows written */
export async function runExport(opts: ExportCliOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const filter = exportFilter(opts);
  const max = opts.limit ? Number(opts.limit) : Infinity;
  if (!(max > 0)) throw new DatelineError('E_USAGE', '--limit must be a positive number');
  if (opts.real && opts.format !== 'jsonl') throw new DatelineError('E_USAGE', '--real is exported as --format jsonl');
  // reading: a SQLite path that does not exist is a mistake, not a new empty store to create
  if (!isPostgresUrl(opts.db) && !fs.existsSync(opts.db)) throw new DatelineError('E_NOT_FOUND', `no store at ${opts.db} (analyze or ingest stories first, or pass --db)`);
  const store = await openStore(opts.db);
  let written = 0;
  try {
    const page = 10_000;
    let header = true;
    for (let offset = 0; written < max; offset += page) {
      const limit = Math.min(page, max - written);
      if (opts.real) {
        const rows = await store.queryRealEvents({ ...filter, limit, offset });
        for (const r of rows) out.write(JSON.stringify(r) + '\n');
        written += rows.length;
        if (rows.length < limit) break;
        continue;
      }
      const rows = await store.queryEvents({ ...filter, limit, offset });
      if (opts.format === 'jsonl') for (const r of rows) out.write(JSON.stringify(r) + '\n');
      else {
        const byStory = new Map<string, StoredEvent[]>();
        for (const r of rows) byStory.set(r.storyId, [...(byStory.get(r.storyId) ?? []), r]);
        for (const [id, evs] of byStory) {
          const doc = await store.getDoc(id);
          if (!doc) continue;
          const keep = new Set(evs.map((e) => e.eventId));
          out.write(formatCSV([{ ...doc, events: doc.events.filter((e) => keep.has(e.id)) }], { header }));
          header = false;
        }
      }
      written += rows.length;
      if (rows.length < limit) break;
    }
    if (opts.format === 'csv' && header) out.write(formatCSV([]));
  } finally {
    await store.close();
  }
  return written;
}

/** Register `dateline export`. */
export function register(cmd: Command): void {
  storeOption(cmd.command('export'))
    .description('export stored events as GDELT 2.0 CSV or JSON Lines (--real: real-world events with their counts)')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'jsonl']).default('csv'))
    .option('--actor <code>', 'CAMEO actor code (source or target), or a prefix of one')
    .option('--cameo <code>', 'CAMEO event code or prefix')
    .option('--root <code>', 'two-digit CAMEO root code')
    .option('--from <date>', 'earliest event date (ISO 8601)')
    .option('--to <date>', 'latest event date (ISO 8601, inclusive)')
    .option('--story <id>', 'content hash of one story')
    .addOption(new Option('--modality <m>', 'event modality').choices(['asserted', 'negated', 'planned', 'hypothetical', 'reported']))
    .option('--bbox <minLon,minLat,maxLon,maxLat>', 'place box in decimal degrees')
    .option('--real', 'real-world events (after `dateline dedup` or `ingest`) instead of event mentions')
    .option('--limit <n>', 'most rows written')
    .action(async (opts: ExportCliOptions) => {
      await runExport(opts);
      process.exitCode = 0;
    });
}
