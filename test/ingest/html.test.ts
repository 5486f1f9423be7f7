import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { extractHtml } from '../../src/ingest/html.js';
import { fixture, ingestFile, ingestBytes } from './helpers.js';

describe('extractHtml', () => {
  const page = fs.readFileSync(fixture('article.html'), 'utf8');

  it('extracts the article text with paragraphs, without captions, widgets or comments', () => {
    const a = extractHtml(page);
    expect(a.text.split('\n\n')).toHaveLength(3);
    expect(a.text).toContain('Engineers raised the river flood barrier');
    expect(a.text).toContain('streets & keep sandbags ready.');
    expect(a.text).not.toMatch(/east bank|Okafor|Share on Facebook|Why wasn't it raised|Home|All content/);
    expect(a.text).not.toContain('Flood barrier opens early'); // headline is metadata
    expect(a.images).toEqual([{ src: '/img/barrier.jpg', caption: 'The barrier seen from the east bank.', credit: 'J. Okafor' }]);
    expect(a.comments.map((c) => c.text)).toContain("Why wasn't it raised a week ago?");
  });

  it('reads metadata in order of trust: JSON-LD, then OpenGraph, then <meta>, then <time>', () => {
    const a = extractHtml(page);
    expect(a.title).toBe('Flood barrier opens early after week of rain');
    expect(a.published).toBe('2023-11-14T07:30:00+01:00'); // JSON-LD wins over article:published_time
    expect(a.modified).toBe('2023-11-14T12:05:00+01:00');
    expect(a.authors).toEqual(['Mara Lindqvist', 'Tomas Greer']);
    expect(a.byline).toBe('Mara Lindqvist, Tomas Greer');
    expect(a.url).toBe('https://courier.example.com/news/2023/11/14/flood-barrier-opens');
    expect(a.siteName).toBe('The Riverside Courier');
    expect(a.language).toBe('en');
    expect(a.urlDate).toEqual({ value: '2023-11-14', granularity: 'day' });
  });

  it('falls back to OpenGraph and <time> when there is no JSON-LD', () => {
    const html =
      '<html lang="fr"><head><meta property="article:published_time" content="2022-02-01T09:00:00Z"></head><body><article><h1>T</h1><p>Un texte assez court pour tester.</p></article></body></html>';
    expect(extractHtml(html)).toMatchObject({ published: '2022-02-01T09:00:00Z', language: 'fr' });
    const t =
      '<html><body><article><p class="x">A short story about a bridge.</p><time class="updated" datetime="2022-03-04T10:00:00Z">4 March 2022</time><time datetime="2022-03-01">1 March 2022</time></article></body></html>';
    expect(extractHtml(t)).toMatchObject({ published: '2022-03-01', modified: '2022-03-04T10:00:00Z' });
  });

  it('falls back to the body text on tiny pages and fails with E_NO_TEXT on empty ones', () => {
    expect(extractHtml('<p>Ferry resumes.</p>').text).toBe('Ferry resumes.');
    expect(() => extractHtml('<html><body><div>  </div><script>var a=1</script></body></html>')).toThrow(
      expect.objectContaining({ code: 'E_NO_TEXT' }),
    );
  });

  it('drops a site-name suffix from the title', () => {
    const html =
      '<html><head><meta property="og:title" content="Bridge reopens after repairs | Valley News"><meta property="og:site_name" content="Valley News"></head><body><p>The bridge reopened on Monday.</p></body></html>';
    expect(extractHtml(html).title).toBe('Bridge reopens after repairs');
  });

  it('ingest + clean stages put HTML metadata on the Doc', async () => {
    const doc = await ingestFile('article.html');
    expect(doc.meta).toMatchObject({
      mediaType: 'text/html',
      title: 'Flood barrier opens early after week of rain',
      published: '2023-11-14T07:30:00+01:00',
      publishedSource: 'metadata',
      publisher: 'The Riverside Courier',
      language: 'en',
    });
    expect(doc.text.startsWith('Engineers raised')).toBe(true);
    expect(doc.id).toMatch(/^[0-9a-f]{64}$/);
    // Text ranges found verbatim in the page map back to it.
    for (const s of doc.source ?? []) expect(doc.raw!.slice(s.rawStart, s.rawStart + s.end - s.start)).toBe(doc.text.slice(s.start, s.end));
    expect(doc.source!.length).toBeGreaterThanOrEqual(2);
  });

  it('a given --date wins over page metadata', async () => {
    const doc = await ingestFile('article.html', { date: '2023-11-15' });
    expect(doc.meta).toMatchObject({ published: '2023-11-15', publishedSource: 'given' });
  });

  it('an HTML page with no text is E_NO_TEXT', async () => {
    await expect(ingestBytes('e.html', Buffer.from('<html><body><nav>Home</nav></body></html>'))).rejects.toMatchObject({ code: 'E_NO_TEXT' });
  });
});
