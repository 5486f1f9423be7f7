/**
 * CAMEO event codes with their labels, quad class, Goldstein score and PLOVER mapping, loaded from
 * the compiled `data/cameo.json` (built by `scripts/build-cameo.js` from the CAMEO codebook
 * labels, phoenix_pipeline Goldstein scores and the CAMEO2PLOVER-2021 table).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { DEFAULT_DATA_DIR } from '../context.js';
import { DatelineError } from '../doc/errors.js';

/** What Dateline knows about one CAMEO event code. */
export interface CameoInfo {
  /** CAMEO code (2–4 digits), e.g. "0332". */
  code: string;
  /** Two-digit root code, e.g. "03". */
  root: string;
  /** Codebook label, e.g. "Express intent to provide military aid". */
  label: string;
  /** Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
  quadClass: number;
  /** Goldstein (1992) conflict–cooperation score, −10..+10 (phoenix_pipeline table). */
  goldstein: number;
  /** PLOVER event type (CAMEO2PLOVER-2021), or null where PLOVER drops the code (roots 01, 02). */
  plover: string | null;
  /** PLOVER mode (e.g. "visit"), when the mapping gives one. */
  ploverMode?: string;
}

/** The compiled code table: code → info without the `code` field. */
export type CameoTable = Map<string, Omit<CameoInfo, 'code'>>;

/**
 * Read `cameo.json` from a data directory.
 * @throws DatelineError `E_NOT_FOUND` when the file is missing (run `node scripts/build-cameo.js`).
 */
export function loadCameo(dataDir: string): CameoTable {
  const file = path.join(dataDir, 'cameo.json');
  if (!fs.existsSync(file)) throw new DatelineError('E_NOT_FOUND', `CAMEO table not found: ${file} (run node scripts/build-cameo.js)`);
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { codes: Record<string, Omit<CameoInfo, 'code'> & { ploverContext?: string }> };
  const table: CameoTable = new Map();
  for (const [code, v] of Object.entries(raw.codes)) {
    table.set(code, {
      root: v.root,
      label: v.label,
      quadClass: v.quadClass,
      goldstein: v.goldstein,
      plover: v.plover ?? null,
      ...(v.ploverMode ? { ploverMode: v.ploverMode } : {}),
    });
  }
  return table;
}

let defaultTable: CameoTable | undefined;

/** The code table of a context (loaded once per context), or of the package's own `data/`. */
export function cameoTable(ctx?: Context): CameoTable {
  if (ctx) return ctx.resource('events.cameo', loadCameo);
  return (defaultTable ??= loadCameo(DEFAULT_DATA_DIR));
}

/**
 * Label, root, quad class, Goldstein score and PLOVER type of a CAMEO code. An unknown 4-digit
 * code falls back to its 3-digit parent, an unknown 3-digit code to its root (the info keeps the
 * asked `code`). Returns null for a code that is not CAMEO at all (e.g. "---").
 */
export function cameoInfo(code: string, ctx?: Context): CameoInfo | null {
  const table = cameoTable(ctx);
  let c = code;
  while (c.length >= 2) {
    const v = table.get(c);
    if (v) return { code, ...v, root: code.slice(0, 2) };
    c = c.length === 4 ? c.slice(0, 3) : c.slice(0, 2) === c ? '' : c.slice(0, 2);
  }
  return null;
}
