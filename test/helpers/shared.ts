import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (the folder holding package.json). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The read-only shared folder beside the repository: gold sets, corpora, dictionaries. */
export const sharedDir = path.resolve(repoRoot, '..', 'shared');
/** True when ../shared is present (it is on every developer machine and in CI). */
export const hasShared = fs.existsSync(path.join(sharedDir, 'gold'));
