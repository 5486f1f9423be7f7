#!/usr/bin/env node
/**
 * Build `data/cameo.json`: one record per CAMEO event code with its label, root code, quad class,
 * Goldstein score and the PLOVER event type (and mode) it maps to.
 *
 * Sources (in ../shared/dict):
 *  - derived/cameo_codes.json: labels (CAMEO codebook, openeventdata/text_to_CAMEO, MIT),
 *    Goldstein scores (openeventdata/phoenix_pipeline, MIT), quad class (root-code convention).
 *  - plover/CAMEO2PLOVER-2021.txt: CAMEO → PLOVER type, mode, context (Open Event Data Alliance,
 *    PLOVER manual draft 0.8, CC BY-SA 4.0). Cross-checked against derived/cameo_to_plover.json.
 *
 * Usage: node scripts/build-cameo.js [--shared DIR] [--out FILE]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const shared = path.resolve(opt('--shared', path.join(root, '..', 'shared')));
const out = path.resolve(opt('--out', path.join(root, 'data', 'cameo.json')));

const codesFile = path.join(shared, 'dict', 'derived', 'cameo_codes.json');
const ploverFile = path.join(shared, 'dict', 'plover', 'CAMEO2PLOVER-2021.txt');
const ploverJson = path.join(shared, 'dict', 'derived', 'cameo_to_plover.json');

const codes = JSON.parse(fs.readFileSync(codesFile, 'utf8')).codes;

/** Parse CAMEO2PLOVER-2021.txt: lines `CODE: TYPE, mode, context # label`. */
function parsePlover(text) {
  const map = new Map();
  for (const raw of text.split(/\r?\n/)) {
    if (raw.startsWith('~~~')) break;
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const m = /^(\d{2,4}):\s*(.*)$/.exec(line);
    if (!m) continue;
    const parts = m[2].split(',').map((s) => s.trim());
    const type = parts[0] || null;
    const mode = parts[1] || null;
    const context = parts[2] || null;
    // A code listed twice (e.g. root "08" under CONCEDE and RETREAT): keep the first.
    if (!map.has(m[1])) map.set(m[1], { type, mode, context });
  }
  return map;
}
const plover = parsePlover(fs.readFileSync(ploverFile, 'utf8'));

// Cross-check with the derived JSON; report disagreements but trust the text table.
let disagreements = 0;
if (fs.existsSync(ploverJson)) {
  const j = JSON.parse(fs.readFileSync(ploverJson, 'utf8')).mapping;
  for (const [code, list] of Object.entries(j)) {
    const p = plover.get(code);
    if (!p || p.type !== list[0].plover) disagreements++;
  }
}

const out_codes = {};
for (const c of codes) {
  const code = String(c.code);
  // PLOVER type: the code's own row, else its parent's (4-digit → 3-digit → root); 01/02 have none.
  let p = plover.get(code);
  if (!p && code.length === 4) p = plover.get(code.slice(0, 3));
  if (!p && code.length >= 3) {
    const parentRoot = plover.get(code.slice(0, 2));
    if (parentRoot) p = { type: parentRoot.type, mode: null, context: null };
  }
  out_codes[code] = {
    label: c.label,
    root: c.root ?? code.slice(0, 2),
    quadClass: c.quad_class,
    goldstein: c.goldstein,
    plover: p ? p.type : null,
    ...(p && p.mode ? { ploverMode: p.mode } : {}),
    ...(p && p.context ? { ploverContext: p.context } : {}),
  };
}

const result = {
  _source:
    'Built by scripts/build-cameo.js from ../shared/dict/derived/cameo_codes.json (CAMEO labels, MIT; Goldstein scores from phoenix_pipeline, MIT) and ../shared/dict/plover/CAMEO2PLOVER-2021.txt (PLOVER, CC BY-SA 4.0, Open Event Data Alliance).',
  codes: out_codes,
};
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(result) + '\n');
console.log(`cameo.json: ${Object.keys(out_codes).length} codes, ${plover.size} PLOVER rows, ${disagreements} disagreements with cameo_to_plover.json -> ${path.relative(root, out)}`);
