import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputToDoc } from '../../src/ingest/input.js';
import { ingestStage, cleanStage } from '../../src/ingest/stage.js';
import { createContext, type AnalyzeOptions } from '../../src/context.js';
import type { Doc, DocMeta } from '../../src/doc/types.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDir = path.resolve(repoRoot, '..', 'shared');
export const fixture = (name: string): string => path.join(repoRoot, 'test', 'fixtures', 'ingest', name);

/** Run decode + ingest + clean over bytes. */
export async function ingestBytes(name: string, bytes: Buffer, options: AnalyzeOptions = {}, meta: Partial<DocMeta> = {}): Promise<Doc> {
  const ctx = createContext(options);
  const doc = inputToDoc({ name, bytes }, meta);
  await ingestStage.run(doc, ctx);
  await cleanStage.run(doc, ctx);
  return doc;
}

export const ingestText = (text: string, options: AnalyzeOptions = {}, name = 'story.txt'): Promise<Doc> =>
  ingestBytes(name, Buffer.from(text, 'utf8'), options);

export const ingestFile = (name: string, options: AnalyzeOptions = {}): Promise<Doc> =>
  ingestBytes(name, fs.readFileSync(fixture(name)), options);
