/**
 * Gold checks against ../shared: the seed story's metadata and the `extraction` cases of
 * gold/cases/cases_dev.jsonl. Skipped when ../shared is absent.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { extractHtml } from '../../src/ingest/html.js';
import { urlDate } from '../../src/ingest/dates.js';
import { ingestBytes, sharedDir } from './helpers.js';

const seedPath = path.join(sharedDir, 'seed', 'putin-tajikistan.txt');
const goldPath = path.join(sharedDir, 'gold', 'putin-tajikistan.gold.json');
const casesPath = path.join(sharedDir, 'gold', 'cases', 'cases_dev.jsonl');

describe.skipIf(!fs.existsSync(seedPath) || !fs.existsSync(goldPath))('seed story gold metadata', () => {
  it('matches gold metadata and removes the boilerplate lines', async () => {
    const gold = JSON.parse(fs.readFileSync(goldPath, 'utf8')).metadata;
    const doc = await ingestBytes('putin-tajikistan.txt', fs.readFileSync(seedPath));
    expect(doc.meta.title).toBe(gold.title);
    expect(doc.meta.dateline).toBe(gold.dateline);
    expect(doc.meta.originalPublisher).toBe(gold.original_publisher);
    expect(doc.meta.isReprint).toBe(gold.is_reprint);
    expect(doc.meta.copyrightYear).toBe(gold.copyright_year);
    for (const line of gold.boilerplate_removed as string[]) {
      expect(doc.text).not.toContain(line);
      expect(doc.text).not.toContain(line.slice(0, 40));
      expect(doc.meta.boilerplate).toContain(line);
    }
    expect(doc.text).not.toContain(gold.title);
    expect(doc.text.startsWith(gold.dateline)).toBe(false);
    expect(doc.text.charAt(0)).toMatch(/\p{Lu}/u);
  });
});

interface Case {
  id: string;
  area: string;
  input: string;
  expected: Record<string, any>;
}
const cases: Case[] = fs.existsSync(casesPath)
  ? fs.readFileSync(casesPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((c: Case) => c.area === 'extraction')
  : [];

describe.skipIf(cases.length === 0)('extraction cases (cases_dev.jsonl)', () => {
  for (const c of cases) {
    it(c.id, async () => {
      const e = c.expected;
      const doc = await ingestBytes(`${c.id}.html`, Buffer.from(c.input, 'utf8'));
      if (e.title !== undefined) expect(doc.meta.title).toBe(e.title);
      if (e.text !== undefined) expect(doc.text).toBe(e.text);
      for (const s of [...(e.must_not_contain ?? []), ...(e.must_not_contain_in_text ?? [])]) expect(doc.text).not.toContain(s);
      if (e.published !== undefined) expect(doc.meta.published).toBe(e.published);
      if (e.modified !== undefined) expect(doc.meta.modified).toBe(e.modified);
      if (e.published !== undefined && e.modified !== undefined) expect(doc.meta.published).not.toBe(doc.meta.modified);
      if (e.url_date !== undefined) expect(urlDate(doc.meta.url)).toEqual(e.url_date);
      if (e.paywalled !== undefined) expect(doc.messages.some((m) => m.code === 'W_PAYWALLED')).toBe(e.paywalled);

      // The extractor's own view (what `dateline extract` prints).
      const html = c.input.replace(/^URL:.*\n/, '');
      const art = extractHtml(html);
      if (e.comments) expect(art.comments.map((x) => x.text)).toEqual(e.comments.map((x: { text: string }) => x.text));
      if (e.images) expect(art.images).toEqual(e.images);
      if (e.paywalled !== undefined) expect(!!art.paywalled).toBe(e.paywalled);
    });
  }
});

const pagesDir = path.join(sharedDir, 'gold', 'extraction', 'readability', 'test', 'test-pages');

describe.skipIf(!fs.existsSync(pagesDir))('Readability.js test pages (robustness)', () => {
  it('extracts every page without a stack trace and finds most titles', () => {
    let pages = 0;
    let titled = 0;
    let titleMatch = 0;
    for (const d of fs.readdirSync(pagesDir).sort()) {
      const src = path.join(pagesDir, d, 'source.html');
      if (!fs.existsSync(src)) continue;
      pages++;
      const exp = JSON.parse(fs.readFileSync(path.join(pagesDir, d, 'expected-metadata.json'), 'utf8'));
      try {
        const a = extractHtml(fs.readFileSync(src, 'utf8'));
        expect(a.text.length).toBeGreaterThan(0);
        if (a.title) titled++;
        if (exp.title && a.title && exp.title.replace(/\s+/g, ' ').startsWith(a.title)) titleMatch++;
      } catch (e) {
        expect((e as { code?: string }).code).toBe('E_NO_TEXT');
      }
    }
    console.log(`readability pages: ${pages}, titled ${titled}, title matches ${titleMatch}`);
    expect(pages).toBeGreaterThan(100);
    expect(titled / pages).toBeGreaterThan(0.95);
    expect(titleMatch / pages).toBeGreaterThan(0.85);
  });
});
