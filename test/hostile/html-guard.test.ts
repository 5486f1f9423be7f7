/**
 * The HTML guard (`src/ingest/html-guard.ts`): nesting depth and element count measured without
 * parsing; a page over the limits flattened into text blocks that keep the story, the `<head>`
 * metadata and the language; real pages (the Readability test pages in ../shared) stay under the
 * limits, so they are never flattened.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { htmlShape, flattenHtml, tooComplex, MAX_HTML_DEPTH, MAX_HTML_ELEMENTS } from '../../src/ingest/html-guard.js';
import { extractHtml } from '../../src/ingest/html.js';
import { sharedDir, hasShared } from '../helpers/shared.js';
import { HOSTILE_TEXTS } from './inputs.js';

describe('html guard', () => {
  it('measures depth and elements: void, optional-end, comments and raw text are not nesting', () => {
    expect(htmlShape('<div><p>a<p>b<br><img src=x><span>c</span></div>')).toEqual({ depth: 2, elements: 6 });
    expect(htmlShape('<div><!-- <div><div> --><script>if (a<b) "<div>"</script><style>a>b{}</style></div>')).toEqual({ depth: 2, elements: 3 });
    expect(htmlShape('a < b and <3 <div/>').depth).toBe(0);
    expect(htmlShape(HOSTILE_TEXTS['html nested'](1000)).depth).toBe(1000); // html and body have optional end tags
    expect(htmlShape(HOSTILE_TEXTS['html wide'](1000)).elements).toBe(1004);
  });

  it('flags pages over the limits and only those', () => {
    expect(tooComplex(HOSTILE_TEXTS['html nested'](MAX_HTML_DEPTH + 10))).toMatch(/nested/);
    expect(tooComplex(HOSTILE_TEXTS['html wide'](MAX_HTML_ELEMENTS + 10))).toMatch(/elements/);
    expect(tooComplex(HOSTILE_TEXTS['html nested'](100))).toBeUndefined();
  });

  it('a flattened page keeps the story, its metadata and its language, with entities decoded once', () => {
    const page = `<html lang="en-GB"><head><title>Border talks</title><meta property="og:site_name" content="Wire">`
      + `<meta property="article:published_time" content="2022-06-28T10:00:00Z"></head><body>`
      + '<div>'.repeat(2000) + '<p>President Putin visited Dushanbe on Tuesday &amp; met Rahmon.</p><p>Talks <b>went</b> on &lt;late&gt;.</p>'
      + '<script>document.write("<p>not text</p>")</script>' + '</div>'.repeat(2000) + '</body></html>';
    const flat = flattenHtml(page);
    expect(htmlShape(flat).depth).toBeLessThan(10);
    const art = extractHtml(page);
    expect(art.flattened).toMatch(/nested/);
    expect(art.text).toContain('President Putin visited Dushanbe on Tuesday & met Rahmon.');
    expect(art.text).toContain('Talks went on <late>.');
    expect(art.text).not.toContain('not text');
    expect(art.published).toBe('2022-06-28T10:00:00Z');
    expect(art.language).toBe('en');
  });

  it.skipIf(!hasShared)('real pages stay under the limits', () => {
    const root = path.join(sharedDir, 'gold', 'extraction', 'readability', 'test', 'test-pages');
    if (!fs.existsSync(root)) return;
    let n = 0;
    for (const d of fs.readdirSync(root)) {
      const f = path.join(root, d, 'source.html');
      if (!fs.existsSync(f)) continue;
      expect(tooComplex(fs.readFileSync(f, 'utf8')), d).toBeUndefined();
      n++;
    }
    expect(n).toBeGreaterThan(50);
  });
});
