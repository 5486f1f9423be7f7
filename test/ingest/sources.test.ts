/**
 * Feeds (RSS, Atom), JSON Lines, WARC / WARC.gz, globs and --fetch through readInputs; fetching is
 * tested only against a local HTTP server started here.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WARCRecord, WARCSerializer } from 'warcio';
import { readInputs, type InputItem, type ReadOptions } from '../../src/ingest/read.js';
import { containerKind, feedDate } from '../../src/ingest/sources.js';
import { fetchPage, isPrivateAddress } from '../../src/ingest/fetch.js';
import { createAnalyzer } from '../../src/pipeline.js';
import { fixture } from './helpers.js';

async function collect(args: string[], opts: ReadOptions = {}): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for await (const it of readInputs(args, opts)) out.push(it);
  return out;
}

const feeds = fixture('feeds');
let tmp: string;

async function warcBytes(gzip: boolean): Promise<Buffer> {
  const recs = [
    WARCRecord.createWARCInfo({ filename: 'test.warc', warcVersion: 'WARC/1.1' }, { software: 'dateline-test' }),
    WARCRecord.create(
      { url: 'https://news.example.com/2024/05/02/rail', date: '2024-05-02T10:00:00Z', type: 'response', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' } },
      [new TextEncoder().encode('<html><head><title>Rail line reopens</title></head><body><article><p>The coastal rail line reopened on Thursday after three weeks of repairs to the embankment, the operator said.</p></article></body></html>')],
    ),
    WARCRecord.create(
      { url: 'https://news.example.com/logo.png', date: '2024-05-02T10:00:01Z', type: 'response', httpHeaders: { 'Content-Type': 'image/png' } },
      [new Uint8Array([137, 80, 78, 71])],
    ),
    WARCRecord.create({ url: 'https://news.example.com/missing', date: '2024-05-02T10:00:02Z', type: 'response', statusline: 'HTTP/1.1 404 Not Found', httpHeaders: { 'Content-Type': 'text/html' } }, [new TextEncoder().encode('<p>gone</p>')]),
  ];
  const parts: Uint8Array[] = [];
  for (const r of recs) parts.push(await WARCSerializer.serialize(r, { gzip }));
  return Buffer.concat(parts);
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-sources-'));
  fs.writeFileSync(path.join(tmp, 'crawl.warc'), await warcBytes(false));
  fs.writeFileSync(path.join(tmp, 'crawl.warc.gz'), await warcBytes(true));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('containerKind / feedDate', () => {
  it('tells containers by name and first bytes', () => {
    expect(containerKind('a.warc.gz', Buffer.from([0x1f, 0x8b]))).toBe('warc');
    expect(containerKind('x', Buffer.from('WARC/1.0\r\n'))).toBe('warc');
    expect(containerKind('s.jsonl', Buffer.from('{}'))).toBe('jsonl');
    expect(containerKind('feed', Buffer.from('<?xml version="1.0"?>\n<rss version="2.0">'))).toBe('feed');
    expect(containerKind('f', Buffer.from('<feed xmlns="http://www.w3.org/2005/Atom">'))).toBe('feed');
    expect(containerKind('page.html', Buffer.from('<!DOCTYPE html><html>'))).toBeNull();
  });
  it('reads RFC 822 and RFC 3339 dates as UTC ISO 8601', () => {
    expect(feedDate('Tue, 05 Mar 2024 09:15:00 +0100')).toBe('2024-03-05T08:15:00Z');
    expect(feedDate('2024-02-01T10:00:00+02:00')).toBe('2024-02-01T08:00:00Z');
    expect(feedDate('not a date')).toBeUndefined();
  });
});

describe('RSS and Atom', () => {
  it('yields each RSS item with link, title and date; content:encoded as the story; a local link read from disk', async () => {
    const items = await collect([path.join(feeds, 'rss.xml')]);
    expect(items).toHaveLength(3);
    const [a, b, c] = items;
    expect(a.error).toBeUndefined();
    expect(a.meta).toMatchObject({ url: 'https://gazette.example.org/2024/03/05/dock-strike-ends', title: 'Dock workers end strike after pay deal', published: '2024-03-05T08:15:00Z' });
    expect(a.bytes!.toString()).toContain('six percent raise');
    // The second item links to a page beside the feed: that page is the story, not the teaser.
    expect(b.name).toBe(path.join(feeds, 'ferry-story.html'));
    expect(b.bytes!.toString()).toContain('four extra crossings');
    expect(b.meta?.published).toBe('2024-03-06T07:00:00Z');
    expect(c.bytes!.toString()).toContain('lighthouse on the breakwater');
  });

  it('reads Atom entries (alternate link, published before updated, HTML content)', async () => {
    const [e] = await collect([path.join(feeds, 'atom.xml')]);
    expect(e.meta).toMatchObject({ url: 'https://courier.example.net/news/bridge', title: 'Council approves new bridge', published: '2024-02-01T08:00:00Z' });
    expect(e.bytes!.toString()).toContain('<p>The town council approved');
  });

  it('a feed item analyses with the feed metadata', async () => {
    const [e] = await collect([path.join(feeds, 'atom.xml')]);
    const doc = await createAnalyzer({}).analyze(e.bytes!, { input: e.name, ...e.meta });
    expect(doc.text).toContain('approved a new footbridge');
    expect(doc.meta.url).toBe('https://courier.example.net/news/bridge');
    expect(doc.meta.published).toBe('2024-02-01T08:00:00Z');
  });

  it('a malformed feed is one error item, the batch goes on', async () => {
    fs.writeFileSync(path.join(tmp, 'bad.rss'), '<rss><channel><item><title>x</title></item></channel');
    const items = await collect([path.join(tmp, 'bad.rss'), path.join(feeds, 'atom.xml')]);
    expect(items[items.length - 1].error).toBeUndefined();
    expect(items.some((i) => i.error)).toBe(true);
  });
});

describe('JSON Lines', () => {
  it('one story per line with url/published/title; text or html; bad lines are error items', async () => {
    const items = await collect([path.join(feeds, 'stories.jsonl')]);
    expect(items).toHaveLength(4);
    expect(items[0]).toMatchObject({ name: `${path.join(feeds, 'stories.jsonl')}:1`, meta: { url: 'https://wire.example.com/a', published: '2024-01-10', publishedSource: 'given' } });
    expect(items[0].bytes!.toString()).toMatch(/^A ship carrying/);
    expect(items[1].bytes!.toString()).toContain('<p>Negotiators');
    expect(items[2].error?.code).toBe('E_ENCODING');
    expect(items[3].error?.message).toMatch(/"text" or "html"/);
  });
});

describe('WARC', () => {
  for (const name of ['crawl.warc', 'crawl.warc.gz']) {
    it(`${name}: HTML 2xx responses only, with target URI and WARC-Date`, async () => {
      const items = await collect([path.join(tmp, name)]);
      expect(items).toHaveLength(1);
      expect(items[0].meta?.url).toBe('https://news.example.com/2024/05/02/rail');
      expect(items[0].crawled).toMatch(/^2024-05-02T10:00:00/);
      expect(items[0].bytes!.toString()).toContain('coastal rail line reopened');
    });
  }
  it('a directory holding archives opens them', async () => {
    const items = await collect([tmp]);
    expect(items.filter((i) => i.meta?.url === 'https://news.example.com/2024/05/02/rail')).toHaveLength(2);
  });
});

describe('globs', () => {
  it('expands a pattern, sorted, and opens containers it matches', async () => {
    const items = await collect([path.join(feeds, '*.{xml,jsonl}').split(path.sep).join('/')]);
    expect(items.length).toBe(3 + 1 + 4);
    const none = await collect([path.join(tmp, '*.nothing')]);
    expect(none[0].error?.code).toBe('E_NOT_FOUND');
  });
});

describe('fetching', () => {
  let server: http.Server;
  let base: string;
  let hits = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits++;
      if (req.url === '/story') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<html><body><article><p>Fetched story about the harbour dredging plan, agreed on Monday by the port board. UA=${req.headers['user-agent']}</p></article></body></html>`);
      } else if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('x'.repeat(5000));
      } else if (req.url === '/flaky') {
        res.writeHead(hits % 2 ? 503 : 200, { 'content-type': 'text/html' });
        res.end('<p>flaky but there</p>');
      } else if (req.url === '/slow') {
        setTimeout(() => res.end('late'), 1000);
      } else if (req.url === '/moved') {
        res.writeHead(302, { location: '/story' });
        res.end();
      } else if (req.url === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(`<rss><channel><item><title>Via feed</title><link>${base}/story</link></item></channel></rss>`);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('fetches nothing unless asked', async () => {
    hits = 0;
    const [it] = await collect([`${base}/story`]);
    expect(it.error?.code).toBe('E_USAGE');
    expect(hits).toBe(0);
  });
  it('refuses loopback and private addresses unless allowPrivate', async () => {
    const [it] = await collect([`${base}/story`], { fetch: true });
    expect(it.error?.message).toMatch(/private or loopback/);
    for (const ip of ['127.0.0.1', '10.1.2.3', '192.168.0.1', '172.16.5.5', '169.254.1.1', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1']) expect(isPrivateAddress(ip)).toBe(true);
    for (const ip of ['8.8.8.8', '2606:4700::1111']) expect(isPrivateAddress(ip)).toBe(false);
  });
  it('fetches with a user agent, follows redirects, and reads a fetched feed', async () => {
    const [it] = await collect([`${base}/moved`], { fetch: { allowPrivate: true } });
    expect(it.bytes!.toString()).toContain('Dateline/');
    expect(it.meta?.url).toBe(`${base}/story`);
    const feedItems = await collect([`${base}/feed.xml`], { fetch: { allowPrivate: true } });
    expect(feedItems).toHaveLength(1);
    expect(feedItems[0].meta?.title).toBe('Via feed');
    expect(feedItems[0].bytes!.toString()).toContain('harbour dredging');
  });
  it('enforces size limit, timeout, allow-list; retries 5xx', async () => {
    await expect(fetchPage(`${base}/big`, { allowPrivate: true, maxBytes: 1000 })).rejects.toMatchObject({ code: 'E_TOO_LARGE' });
    await expect(fetchPage(`${base}/slow`, { allowPrivate: true, timeoutMs: 100, retries: 0 })).rejects.toThrow(/timed out/);
    await expect(fetchPage(`${base}/story`, { allowPrivate: true, allowHosts: ['news.example.com'] })).rejects.toThrow(/allow-list/);
    await expect(fetchPage(`${base}/nope`, { allowPrivate: true })).rejects.toThrow(/HTTP 404/);
    hits = 0;
    const p = await fetchPage(`${base}/flaky`, { allowPrivate: true, retries: 2, retryDelayMs: 10 });
    expect(p.status).toBe(200);
    expect(hits).toBe(2);
  });
});
