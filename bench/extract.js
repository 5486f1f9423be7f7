// Article extraction benchmark: quality and speed of Dateline's extractor beside plain
// Readability.js (both over linkedom), in the same run, on one core (this process).
// Suites: ../shared/gold/extraction/readability (token F1 vs expected.html) and
// ../shared/gold/extraction/trafilatura (snippet P/R/F1; the HTML archive is unpacked into a
// temporary folder and removed). Speed: pages per second of extraction alone (decoding and
// scoring excluded), and of linkedom parsing alone as the floor any DOM-based extractor pays.
// Usage: npm run build && node bench/extract.js [--limit N]
// Writes bench/results/extract.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { loadExtractionSuite, evaluateExtraction, renderExtractionReport } from '../dist/eval/extraction.js';
import { decode } from '../dist/ingest/decode.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const gold = path.resolve(here, '..', '..', 'shared', 'gold', 'extraction');
const li = process.argv.indexOf('--limit');
const limit = li > 0 ? Number(process.argv[li + 1]) : undefined;
const results = { date: new Date().toISOString(), node: process.version, suites: [] };

for (const name of ['readability', 'trafilatura']) {
  const dir = path.join(gold, name);
  if (!fs.existsSync(dir)) continue;
  const suite = loadExtractionSuite(dir);
  try {
    const pages = limit ? suite.pages.slice(0, limit) : suite.pages;
    let parseMs = 0;
    let bytes = 0;
    for (const p of pages) {
      let html;
      try {
        html = decode(fs.readFileSync(p.file), p.file).text;
      } catch {
        continue;
      }
      bytes += html.length;
      const t0 = performance.now();
      parseHTML(html);
      parseMs += performance.now() - t0;
    }
    const r = evaluateExtraction(suite, undefined, { limit });
    console.log(renderExtractionReport(r));
    const scores = {};
    for (const [k, s] of Object.entries(r.scores)) {
      scores[k] = { precision: +s.precision.toFixed(4), recall: +s.recall.toFixed(4), f1: +s.f1.toFixed(4), microF1: s.microF1 !== undefined ? +s.microF1.toFixed(4) : undefined, accuracy: s.accuracy !== undefined ? +s.accuracy.toFixed(4) : undefined, errors: s.errors, pagesPerSecond: +((s.pages * 1000) / s.ms).toFixed(2), msPerPage: +(s.ms / s.pages).toFixed(1) };
    }
    const parse = { pagesPerSecond: +((pages.length * 1000) / parseMs).toFixed(2), msPerPage: +(parseMs / pages.length).toFixed(1) };
    console.log(`linkedom parse alone: ${parse.pagesPerSecond} pages/s; mean page ${(bytes / pages.length / 1024).toFixed(0)} KiB of text`);
    results.suites.push({ suite: name, layout: r.layout, pages: r.pages, meanPageKiB: +(bytes / pages.length / 1024).toFixed(1), linkedomParse: parse, scores });
  } finally {
    suite.dispose();
  }
}
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
fs.writeFileSync(path.join(here, 'results', 'extract.json'), JSON.stringify(results, null, 2) + '\n');
console.log('wrote bench/results/extract.json');
