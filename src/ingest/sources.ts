/**
 * Containers of stories: RSS 2.0 / RSS 1.0 (RDF) and Atom feeds (fast-xml-parser), WARC and
 * WARC.gz archives (warcio; e.g. Common Crawl's CC-NEWS), and JSON Lines of stories
 * (`{url, published, title, text|html}` a line). Each yields one {@link SourceStory} per story with
 * the metadata the container gives (URL, title, publication date).
 */
import { XMLParser } from 'fast-xml-parser';
import { WARCParser } from 'warcio';
import type { DocMeta } from '../doc/types.js';

/** A story found in a container: HTML or text bytes plus the container's metadata. */
export interface SourceStory {
  /** Name for messages: `CONTAINER#N` (1-based item or record number) or `CONTAINER:LINE`. */
  name: string;
  /** The story's bytes (HTML when `html`), or undefined when only `link` is known. */
  bytes?: Buffer;
  html?: boolean;
  /** The item's link (feed), target URI (WARC) or `url` (JSONL). */
  link?: string;
  meta: Partial<DocMeta>;
  /** A problem with this one story (a malformed JSON line …); the others go on. */
  problem?: string;
  /** When the page was crawled (WARC-Date), ISO 8601. */
  crawled?: string;
}

/** Container kind of an input, from its name and its first bytes. */
export type ContainerKind = 'warc' | 'feed' | 'jsonl' | null;

/**
 * Which container `name`/`head` is: `.warc`, `.warc.gz` (or bytes starting `WARC/`, or gzip bytes
 * with a `.warc.gz` name) → `warc`; `.jsonl`/`.ndjson` → `jsonl`; `.rss`/`.atom`/`.rdf`/`.xml` or a
 * first element `<rss`, `<feed`, `<rdf:RDF` → `feed`; else `null` (a single story).
 */
export function containerKind(name: string, head: Buffer): ContainerKind {
  const n = name.toLowerCase().replace(/[?#].*$/, '');
  if (/\.warc(?:\.gz)?$/.test(n) || head.subarray(0, 5).toString('latin1') === 'WARC/') return 'warc';
  if (/\.(?:jsonl|ndjson)$/.test(n)) return 'jsonl';
  const text = head.subarray(0, 1024).toString('utf8').replace(/^\uFEFF/, '');
  const first = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<([A-Za-z:]+)/.exec(text)?.[1]?.toLowerCase();
  if (first === 'rss' || first === 'feed' || first === 'rdf:rdf') return 'feed';
  if (/\.(?:rss|atom|rdf)$/.test(n)) return 'feed';
  return null;
}

/** RFC 822 / RFC 3339 feed date → ISO 8601 (`YYYY-MM-DDTHH:MM:SSZ`, UTC), or undefined. */
export function feedDate(s: unknown): string | undefined {
  const t = textOf(s);
  if (!t) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().replace('.000Z', 'Z');
}

function textOf(v: unknown): string | undefined {
  if (v == null) return undefined;
  if (typeof v === 'string' || typeof v === 'number') return String(v).trim() || undefined;
  if (Array.isArray(v)) return textOf(v[0]);
  if (typeof v === 'object') return textOf((v as Record<string, unknown>)['#text']);
  return undefined;
}

const list = <T>(v: T | T[] | undefined): T[] => (v == null ? [] : Array.isArray(v) ? v : [v]);

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A story body as a small HTML page (`<title>` + body), so that decoding sees HTML. */
function asHtmlPage(body: string, title?: string): Buffer {
  const isHtml = /<[a-z][\s\S]*>/i.test(body);
  const inner = isHtml ? body : body.split(/\n\s*\n/).map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  return Buffer.from(`<!DOCTYPE html><html><head><title>${escapeHtml(title ?? '')}</title></head><body><article>${inner}</article></body></html>`, 'utf8');
}

/**
 * The items of an RSS or Atom feed, in document order. An item's story is `content:encoded`
 * (RSS), `content` (Atom), else `description`/`summary`, as an HTML page; `link` is the item's
 * link (Atom: `rel="alternate"` or the first). Metadata: `url`, `title`, `published` (RSS
 * `pubDate`/`dc:date`; Atom `published`, else `updated`) with `publishedSource: 'metadata'`.
 * @throws Error when the XML does not parse or is neither RSS nor Atom (the caller records it)
 */
export function parseFeed(xml: string, name: string): SourceStory[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', textNodeName: '#text', processEntities: true, htmlEntities: true });
  const doc = parser.parse(xml) as Record<string, any>;
  const out: SourceStory[] = [];
  const push = (i: number, link: string | undefined, title: string | undefined, date: string | undefined, body: string | undefined): void => {
    const meta: Partial<DocMeta> = {};
    if (link) meta.url = link;
    if (title) meta.title = title;
    if (date) {
      meta.published = date;
      meta.publishedSource = 'metadata';
    }
    out.push({ name: `${name}#${i + 1}`, bytes: body ? asHtmlPage(body, title) : undefined, html: true, link, meta });
  };
  if (doc.rss || doc['rdf:RDF']) {
    const root = doc.rss ? doc.rss.channel : doc['rdf:RDF'];
    const items = list(doc.rss ? list(root)[0]?.item : root?.item);
    items.forEach((it: any, i: number) => {
      const link = textOf(it.link) ?? (typeof it.guid === 'object' && it.guid?.['@_isPermaLink'] !== 'false' ? textOf(it.guid) : undefined) ?? it['@_rdf:about'];
      const body = textOf(it['content:encoded']) ?? textOf(it.description);
      push(i, link, textOf(it.title), feedDate(it.pubDate) ?? feedDate(it['dc:date']), body);
    });
    return out;
  }
  if (doc.feed) {
    list(doc.feed.entry).forEach((e: any, i: number) => {
      const links = list(e.link) as any[];
      const alt = links.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? links[0];
      const link = typeof alt === 'string' ? alt : alt?.['@_href'];
      const body = textOf(e.content) ?? textOf(e.summary);
      push(i, link, textOf(e.title), feedDate(e.published) ?? feedDate(e.updated), body);
    });
    return out;
  }
  throw new Error('not an RSS or Atom feed');
}

/**
 * The stories of a JSON Lines file: one object a line with `url`, `published`, `title` and `text`
 * or `html` (blank lines skipped). `text` is taken as plain text, `html` as a page. A line that is
 * not such an object becomes a story with a `problem`.
 */
export function parseJsonLines(content: string, name: string): SourceStory[] {
  const out: SourceStory[] = [];
  const lines = content.split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const at = `${name}:${i + 1}`;
    let o: any;
    try {
      o = JSON.parse(line);
    } catch {
      out.push({ name: at, meta: {}, problem: 'not valid JSON' });
      return;
    }
    if (!o || typeof o !== 'object' || (typeof o.text !== 'string' && typeof o.html !== 'string')) {
      out.push({ name: at, meta: {}, problem: 'a story line needs a "text" or "html" string' });
      return;
    }
    const meta: Partial<DocMeta> = {};
    if (typeof o.url === 'string') meta.url = o.url;
    if (typeof o.title === 'string') meta.title = o.title;
    if (typeof o.published === 'string' && /^\d{4}-\d{2}-\d{2}/.test(o.published)) {
      meta.published = o.published;
      meta.publishedSource = 'given';
    }
    const html = typeof o.html === 'string';
    const body: string = html ? o.html : o.text;
    out.push({
      name: at,
      bytes: html ? (/<html[\s>]/i.test(body.slice(0, 2048)) ? Buffer.from(body, 'utf8') : asHtmlPage(body, meta.title)) : Buffer.from(body, 'utf8'),
      html,
      link: meta.url,
      meta,
    });
  });
  return out;
}

/**
 * The HTML responses of a WARC or WARC.gz archive (gzip members are detected by warcio): each
 * `response` (or `resource`) record whose HTTP status is 2xx and whose content type is HTML
 * becomes one story, with `url` = `WARC-Target-URI` and `crawled` = `WARC-Date`. Records over
 * `maxBytes` are skipped with a `problem`.
 */
export async function* readWarc(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, name: string, maxBytes: number): AsyncGenerator<SourceStory> {
  const parser = new WARCParser(source);
  let n = 0;
  for await (const rec of parser) {
    n++;
    if (rec.warcType !== 'response' && rec.warcType !== 'resource') {
      await rec.skipFully();
      continue;
    }
    const info = rec.getResponseInfo();
    const status = Number(info?.status ?? 200);
    const ctype = (info?.headers?.get?.('content-type') ?? rec.warcContentType ?? '').toLowerCase();
    if (status < 200 || status >= 300 || !/html/.test(ctype)) {
      await rec.skipFully();
      continue;
    }
    const url = rec.warcTargetURI ?? undefined;
    const meta: Partial<DocMeta> = {};
    if (url) meta.url = url;
    const at = `${name}#${n}`;
    if (rec.warcContentLength > maxBytes + 65536) {
      await rec.skipFully();
      yield { name: at, meta, link: url, problem: `record is ${rec.warcContentLength} bytes, over the limit of ${maxBytes} bytes` };
      continue;
    }
    const bytes = Buffer.from(await rec.readFully(true));
    yield { name: at, bytes, html: true, link: url, meta, crawled: rec.warcDate ?? undefined };
  }
}
