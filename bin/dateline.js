#!/usr/bin/env node
// Entry point of the `dateline` command: runs the compiled CLI in dist/ (built by `npm ci` through the
// `prepare` script, or by `npm run build`).
import { main } from '../dist/cli/index.js';

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`dateline: ${err && err.message ? err.message : String(err)}\n`); process.exitCode = 70; },
);
