// End-to-end throughput on the BBC corpus: `dateline ingest` into SQLite (one process), and
// `dateline worker` processes into PostgreSQL fed by a BullMQ queue (1 worker, then 2).
//
//   npm run build && node bench/scale.js [--corpus DIR] [--limit N] [--skip sqlite,workers]
//
// Reports stories/s (wall time from start to the last story stored, analysis included; worker
// runs include loading the pipeline's resources, ~2–4 s), peak RSS per process, the 1 → 2 worker
// speed-up, and database size per 1,000 stories (SQLite: the file after a WAL checkpoint;
// PostgreSQL: pg_total_relation_size of the schema's tables). Results: bench/results/scale.json.
// Uses unique queue names and PostgreSQL schemas, removed afterwards. Note the machine's load
// average, recorded with the figures: other processes on the same cores slow every run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runIngest } from '../dist/scale/ingest.js';
import { enqueueInputs, obliterateQueue } from '../dist/scale/queue.js';
import { openPostgresStore } from '../dist/store/postgres.js';
import { openStore as openSqlite } from '../dist/store/sqlite.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const corpus = path.resolve(opt('corpus', path.join(root, '..', 'shared', 'corpora', 'bbc-news', 'bbc')));
const limit = Number(opt('limit', 0));
const skip = new Set(String(opt('skip', '')).split(','));
const PG = process.env.DATELINE_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = process.env.DATELINE_BENCH_REDIS ?? 'redis://127.0.0.1:6379';
const load = () => os.loadavg().map((x) => Math.round(x * 10) / 10);

// the inputs: every .txt file of the corpus (or the first --limit), copied to a temp dir
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-scale-'));
const inputs = path.join(tmp, 'in');
fs.mkdirSync(inputs);
let n = 0;
for (const cat of fs.readdirSync(corpus).sort()) {
  const d = path.join(corpus, cat);
  if (!fs.statSync(d).isDirectory()) continue;
  for (const f of fs.readdirSync(d).sort()) {
    if (limit && n >= limit) break;
    fs.copyFileSync(path.join(d, f), path.join(inputs, `${cat}-${f}`));
    n++;
  }
}
const results = { corpus: path.relative(root, corpus), inputs: n, cpus: os.cpus().length, date: new Date().toISOString(), node: process.version };

if (!skip.has('sqlite')) {
  const file = path.join(tmp, 'ingest.db');
  const l0 = load();
  const s = await runIngest([inputs], { db: file });
  const lite = openSqlite(file);
  lite.db.pragma('wal_checkpoint(TRUNCATE)');
  const stories = lite.counts().stories;
  lite.close();
  const bytes = fs.statSync(file).size;
  results.sqliteIngest = {
    stored: s.stored, duplicates: s.duplicates, skipped: s.skipped, failed: s.failed, events: s.events, seconds: s.seconds,
    storiesPerSecond: Math.round(((s.stored + s.duplicates + s.skipped) / s.seconds) * 10) / 10,
    dedupMs: s.dedup?.ms, realEvents: s.dedup?.realEvents, clusteredStories: s.dedup?.clusteredStories,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    fileBytes: bytes, mibPer1000Stories: Math.round((bytes / 1048576 / stories) * 1000 * 100) / 100,
    loadavgBefore: l0, loadavgAfter: load(),
  };
  console.log('sqlite ingest', results.sqliteIngest);
  // resume: a second run over the same inputs skips every input without analysing it
  const t = Date.now();
  const again = await runIngest([inputs], { db: file, dedup: false });
  results.sqliteResume = { skipped: again.skipped, stored: again.stored, seconds: (Date.now() - t) / 1000 };
  console.log('sqlite resume', results.sqliteResume);
}

function worker(queue, db) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'dateline.js'), 'worker', '--queue', queue, '--redis', REDIS, '--db', db,
      '--concurrency', '2', '--until-drained', '--json', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`worker exited ${code}`))));
  });
}

async function workers(count) {
  const tag = `${process.pid}_${count}`;
  const queue = `dl-bench-${tag}`;
  const db = `${PG}?schema=dl_bench_scale_${tag}`;
  const enq = await enqueueInputs([inputs], { queue, redis: REDIS }); // byte-identical inputs make one job
  const pre = await openPostgresStore(db, { max: 1 }); // migrate before the workers start
  const l0 = load();
  const t = Date.now();
  const summaries = await Promise.all(Array.from({ length: count }, () => worker(queue, db)));
  const seconds = (Date.now() - t) / 1000;
  const c = await pre.counts();
  const { rows } = await pre.pool.query(
    `SELECT sum(pg_total_relation_size(format('%I.%I', schemaname, tablename)))::float8 AS b FROM pg_tables WHERE schemaname = $1`,
    [pre.schema],
  );
  const r = {
    workers: count, seconds, jobs: enq.added, stories: c.stories, events: c.events,
    storiesPerSecond: Math.round((enq.added / seconds) * 10) / 10,
    peakRssMiB: summaries.map((s) => s.peakRssMiB),
    jobsPerWorker: summaries.map((s) => s.processed),
    dbBytes: rows[0].b, mibPer1000Stories: Math.round((rows[0].b / 1048576 / c.stories) * 1000 * 100) / 100,
    loadavgBefore: l0, loadavgAfter: load(),
  };
  await pre.dropSchema();
  await pre.close();
  await obliterateQueue(queue, REDIS);
  console.log(`${count} worker(s) into PostgreSQL`, r);
  return r;
}

if (!skip.has('workers')) {
  results.postgresWorkers1 = await workers(1);
  results.postgresWorkers2 = await workers(2);
  results.speedup1to2 = Math.round((results.postgresWorkers2.storiesPerSecond / results.postgresWorkers1.storiesPerSecond) * 100) / 100;
}
fs.rmSync(tmp, { recursive: true, force: true });
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
fs.writeFileSync(path.join(here, 'results', 'scale.json'), JSON.stringify(results, null, 2) + '\n');
console.log(JSON.stringify(results, null, 2));
