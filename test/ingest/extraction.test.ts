/**
 * Article extraction: the scorers (own examples), extractArticle's metadata and refiners on own
 * fixtures, language detection and the W_NOT_ENGLISH stop, the `dateline extract` CLI.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { tokenF1, tokenize, countSnippets, neutralText } from '../../src/eval/extraction.js';
import { extractArticle } from '../../src/ingest/extract.js';
import { detectLanguage } from '../../src/ingest/language.js';
import { runExtract } from '../../src/cli/extract.js';
import { createAnalyzer } from '../../src/pipeline.js';
import { parseHTML } from 'linkedom';
import { fixture } from './helpers.js';

describe('scorers', () => {
  it('token F1 over bags of lower-cased letter/digit tokens', () => {
    expect(tokenize('Hello, WORLD! 2024-05 x’s')).toEqual(['hello', 'world', '2024', '05', 'x', 's']);
    const r = tokenF1('a b c d', 'a b c e e');
    expect(r.precision).toBeCloseTo(3 / 4);
    expect(r.recall).toBeCloseTo(3 / 5);
    expect(r.f1).toBeCloseTo((2 * 0.75 * 0.6) / 1.35);
    expect(tokenF1('the the', 'the').precision).toBeCloseTo(0.5); // a bag, not a set
  });
  it("trafilatura's snippet counts, whitespace-normalized", () => {
    expect(countSnippets({ with: ['a  b', 'zz'], without: ['c', 'q'] }, 'x a\nb c')).toEqual([1, 1, 1, 1]);
    expect(countSnippets({ with: ['a'], without: ['b'] }, null)).toEqual([0, 0, 1, 1]);
  });
  it('neutral text breaks lines at blocks and keeps captions', () => {
    const { document } = parseHTML('<html><body><p>one<b>two</b></p><figure><figcaption>cap</figcaption></figure><div>three<br>four</div></body></html>');
    expect(neutralText((document as any).body)).toBe('onetwo\ncap\nthree\nfour');
  });
});

const NEWS = `<!DOCTYPE html><html lang="en-GB"><head>
<title>Port reopens after storm | The Harbour Times</title>
<meta property="og:site_name" content="The Harbour Times">
<meta property="article:section" content="Business">
<meta property="article:published_time" content="2024-03-01T08:00:00Z">
<link rel="canonical" href="https://harbour.example.com/business/2024/03/01/port-reopens">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Port reopens after storm",
"datePublished":"2024-03-01T09:30:00+01:00","dateModified":"2024-03-01T15:00:00+01:00",
"author":[{"@type":"Person","name":"By Ana Ruiz"},{"@type":"Person","name":"Leo Brandt"}]}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/business">Business</a></nav>
<article>
<h1>Port reopens after storm</h1>
<div class="byline">By Ana Ruiz and Leo Brandt</div>
<p>ROTTERDAM (Reuters) - The container port reopened on Friday after a storm closed it for two days, the port authority said.</p>
<figure><img src="/cranes.jpg"><figcaption>Cranes idle on Wednesday. Photo: K. Smit</figcaption></figure>
<div class="ad-slot">Advertisement</div>
<p>Ships that had waited at anchor in the North Sea began entering the harbour early on Friday morning.</p>
<div class="share-tools">Share on Facebook Share on Twitter Email</div>
<p>The authority expects the backlog of about 40 vessels to clear by Monday.</p>
<p>Comments Off on Port reopens after storm</p>
<div class="related-stories"><h3>Related</h3><ul><li><a href="/x">Storm hits coast</a></li></ul></div>
<div class="newsletter-signup">Sign up for our morning newsletter</div>
<p>Copyright 2024 The Harbour Times. All rights reserved.</p>
</article>
<section class="comments"><p>Great news for the city, finally!</p></section>
<footer>About us</footer>
</body></html>`;

describe('extractArticle', () => {
  const a = extractArticle(NEWS);
  it('keeps the story paragraphs in order and drops the debris', () => {
    expect(a.text.split('\n\n')).toEqual([
      'ROTTERDAM (Reuters) - The container port reopened on Friday after a storm closed it for two days, the port authority said.',
      'Ships that had waited at anchor in the North Sea began entering the harbour early on Friday morning.',
      'The authority expects the backlog of about 40 vessels to clear by Monday.',
    ]);
    for (const s of ['Cranes idle', 'Advertisement', 'Share on', 'Comments Off', 'Storm hits coast', 'newsletter', 'Copyright', 'Great news']) expect(a.text).not.toContain(s);
  });
  it('reads the news metadata, JSON-LD first', () => {
    expect(a.title).toBe('Port reopens after storm');
    expect(a.authors).toEqual(['Ana Ruiz', 'Leo Brandt']);
    expect(a.published).toBe('2024-03-01T09:30:00+01:00');
    expect(a.modified).toBe('2024-03-01T15:00:00+01:00');
    expect(a.url).toBe('https://harbour.example.com/business/2024/03/01/port-reopens');
    expect(a.section).toBe('Business');
    expect(a.siteName).toBe('The Harbour Times');
    expect(a.language).toBe('en');
    expect(a.paywalled).toBe(false);
    expect(a.dateline).toBe('ROTTERDAM');
    expect(a.images[0]).toMatchObject({ src: '/cranes.jpg' });
  });
  it('a JSON-LD locked part marks the page paywalled without deleting the text it holds', () => {
    const html = `<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"H","isAccessibleForFree":false,"hasPart":{"@type":"WebPageElement","isAccessibleForFree":false,"cssSelector":".paywall"}}</script></head>
<body><article><div class="paywall"><p>The locked body is the story itself and is long enough to read as prose here, with plenty of words.</p><p>A second locked paragraph that a script would hide from readers without a subscription.</p></div></article></body></html>`;
    const p = extractArticle(html);
    expect(p.paywalled).toBe(true);
    expect(p.text).toContain('The locked body is the story itself');
  });
  it('falls back to JSON-LD articleBody when the page shows no prose', () => {
    const html = `<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Rain","articleBody":"Heavy rain flooded the lower town on Sunday night, and firefighters pumped water out of forty cellars.\\nThe river is expected to fall again by Wednesday, the weather service said on Monday.\\nThe mayor asked residents of the riverside streets to keep their cars on higher ground until then."}</script></head><body><div id="app"><a href="/">Home</a></div></body></html>`;
    expect(extractArticle(html).text).toContain('firefighters pumped water');
  });
  it('languages: declared, else detected', () => {
    expect(extractArticle('<html><body><p>Die Regierung hat am Montag beschlossen, die Steuern für kleine Unternehmen im kommenden Jahr zu senken.</p></body></html>').language).toBe('de');
  });
});

describe('language', () => {
  it('detects with franc-min and maps ISO 639-3 to 639-1; too short → undefined', () => {
    expect(detectLanguage('Le gouvernement a annoncé lundi une nouvelle réforme des retraites, critiquée par les syndicats.')).toBe('fr');
    expect(detectLanguage('Правительство объявило в понедельник о новой реформе пенсионной системы.')).toBe('ru');
    expect(detectLanguage('Putin met Rahmon in Dushanbe on Tuesday and they talked about the border.')).toBe('en');
    expect(detectLanguage('Hi there')).toBeUndefined();
  });
  it('a non-English story is kept with W_NOT_ENGLISH and not coded; an English one is coded', async () => {
    const an = createAnalyzer({ date: '2024-03-04' });
    const es = await an.analyze('El presidente de Francia visitó Madrid el lunes y se reunió con el jefe del Gobierno español para hablar de energía.', { input: 'es.txt' });
    expect(es.meta.language).toBe('es');
    expect(es.messages.map((m) => m.code)).toContain('W_NOT_ENGLISH');
    expect(es.text).toContain('El presidente');
    expect(es.sentences ?? []).toHaveLength(0);
    const en = await an.analyze('The French president visited Madrid on Monday and met the Spanish prime minister to discuss energy.', { input: 'en.txt' });
    expect(en.meta.language).toBe('en');
    expect(en.messages.map((m) => m.code)).not.toContain('W_NOT_ENGLISH');
    expect((en.sentences ?? []).length).toBeGreaterThan(0);
  });
});

describe('dateline extract', () => {
  it('prints the DESIGN.md JSON for a page, and one error line for a missing file', async () => {
    let out = '';
    const sink = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream;
    expect(await runExtract(fixture('article.html'), { format: 'json' }, sink, sink)).toBe(0);
    const j = JSON.parse(out);
    for (const k of ['title', 'text', 'authors', 'published', 'modified', 'language', 'url', 'section', 'paywalled']) expect(j).toHaveProperty(k);
    expect(j.text.length).toBeGreaterThan(100);
    out = '';
    expect(await runExtract(fixture('nope.html'), {}, sink, sink)).toBe(1);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toMatch(/E_NOT_FOUND/);
    expect(fs.existsSync(fixture('article.html'))).toBe(true);
  });
});
