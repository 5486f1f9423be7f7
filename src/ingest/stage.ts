/**
 * The `ingest` and `clean` pipeline stages.
 *
 * - `ingest` (requires `raw`, provides `extracted`, `meta`): HTML → article text + page metadata
 *   (see `html.ts`); plain text → `extracted` = raw with CRLF/CR line ends normalized to LF.
 * - `clean` (requires `extracted`, provides `text`, `meta`): headline, debris, dateline, copyright
 *   (see `clean.ts`); sets the final `doc.text`, `doc.id` (sha256 hex of `doc.text`), `doc.source`
 *   (ranges of `doc.text` mapped back to `doc.raw`) and the document date with its provenance.
 */
import { createHash } from 'node:crypto';
import type { Stage } from '../stage.js';
import type { Context } from '../context.js';
import { addMessage, type Doc } from '../doc/types.js';
import { DatelineError } from '../doc/errors.js';
import { extractHtml } from './html.js';
import { detectLanguage } from './language.js';
import { cleanText } from './clean.js';
import { findDates, isIsoDate, resolveRelative, urlDate } from './dates.js';

const RE_HTML_SNIFF = /(?:^|\n)[ \t]*<(?:!doctype[ \t]+html|html|head|body|p|article|main|section|div|h[1-6])[\s>/]/i;
const RE_HEADER_URL = /^[ \t]*(?:URL|Source URL|Link|Canonical(?: URL)?)[ \t]*:[ \t]*(https?:\/\/\S+)[ \t]*\r?\n/i;

function isHtml(doc: Doc): boolean {
  if (doc.meta.mediaType) return doc.meta.mediaType === 'text/html';
  return RE_HTML_SNIFF.test((doc.raw ?? '').slice(0, 2048));
}

/**
 * `ingest` stage: extract article text and metadata.
 * @throws DatelineError `E_NO_TEXT` when there is no raw input or an HTML page has no text
 */
export const ingestStage: Stage = {
  name: 'ingest',
  requires: ['raw'],
  provides: ['extracted', 'meta'],
  run(doc: Doc): void {
    const raw = doc.raw;
    if (raw == null || !raw.trim()) throw new DatelineError('E_NO_TEXT', 'the document has no raw text');
    if (!isHtml(doc)) {
      doc.meta.mediaType ??= 'text/plain';
      doc.extracted = raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw;
      return;
    }
    doc.meta.mediaType = 'text/html';
    let html = raw;
    let headerUrl: string | undefined;
    const h = RE_HEADER_URL.exec(html);
    if (h) {
      headerUrl = h[1];
      html = html.slice(h[0].length);
    }
    const art = extractHtml(html, { url: doc.meta.url ?? headerUrl });
    doc.extracted = art.text;
    const m = doc.meta;
    m.title ??= art.title;
    m.byline ??= art.byline;
    m.authors ??= art.authors;
    m.url ??= art.url;
    m.publisher ??= art.siteName;
    m.language ??= art.language;
    m.modified ??= art.modified;
    if (art.published && m.publishedSource !== 'given') {
      m.published = art.published;
      m.publishedSource = 'metadata';
    }
    if (art.paywalled) addMessage(doc, 'ingest', 'W_PAYWALLED', 'the page is paywalled; the text may be only a teaser');
    if (!art.readability) addMessage(doc, 'ingest', 'W_NO_ARTICLE', 'no article block found; the page body text was used');
    if (art.flattened) addMessage(doc, 'ingest', 'W_HTML_FLATTENED', `the page was read as flat text blocks: ${art.flattened}`);
  },
};

/**
 * `clean` stage: set the final `doc.text`, `doc.id`, `doc.source` and metadata from the text.
 * Document date: `options.date` (`given`) › page metadata (`metadata`, also a printed
 * "Published …" stamp line) › inferred (`inferred`: a day date in the URL, an explicit full date near
 * the top of the body, a relative stamp anchored on `options.crawled`) › `unknown` with `W_NO_DATE`.
 * @throws DatelineError `E_NO_TEXT` when nothing is left after cleaning
 */
export const cleanStage: Stage = {
  name: 'clean',
  requires: ['extracted'],
  provides: ['text', 'meta'],
  run(doc: Doc, ctx: Context): void {
    const html = doc.meta.mediaType === 'text/html';
    const extracted = doc.extracted ?? (doc.raw ?? '').replace(/\r\n?/g, '\n');
    const res = cleanText(extracted, { plain: !html, title: doc.meta.title });
    if (!res.text.trim()) throw new DatelineError('E_NO_TEXT', 'no body text is left after cleaning');
    doc.text = res.text;
    doc.id = createHash('sha256').update(res.text).digest('hex');
    doc.source = html ? mapByText(doc, res.segments, extracted) : mapPlain(doc.raw ?? extracted, res.segments);

    const m = doc.meta;
    m.title ??= res.title;
    m.byline ??= res.byline;
    if (res.byline && !m.authors) m.authors = res.byline.split(/\s*(?:,|&|\band\b)\s*/).filter(Boolean);
    m.url ??= res.url;
    if (res.dateline) m.dateline = res.dateline;
    m.originalPublisher ??= res.datelineAgency ?? res.copyrightHolder ?? res.reprintSource;
    if (res.copyrightLine !== undefined) {
      m.copyrightLine = res.copyrightLine;
      if (res.copyrightYear !== undefined) m.copyrightYear = res.copyrightYear;
      m.isReprint = res.isReprint ?? false;
    } else if (res.isReprint) m.isReprint = true;
    if (res.boilerplate.length) m.boilerplate = [...(m.boilerplate ?? []), ...res.boilerplate];

    setDate(doc, ctx, res.stampDates.map((d) => d.date), res.stamp, res.datelineDate);
    setLanguage(doc);
  },
};

/**
 * `meta.language`: the language detected in the cleaned text (franc-min, ISO 639-1), else the one
 * the page declared. A story in another language than English gets `W_NOT_ENGLISH`: it is kept and
 * stored, and the pipeline stops after `clean` (the language stages are English-only).
 */
function setLanguage(doc: Doc): void {
  const detected = detectLanguage(doc.text);
  const lang = detected ?? doc.meta.language;
  if (lang) doc.meta.language = lang;
  if (lang && lang !== 'en') {
    addMessage(doc, 'clean', 'W_NOT_ENGLISH', `the story is in "${lang}", not English: stored, not coded`);
  }
}

/** True when the clean stage found the story not to be in English (the later stages skip it). */
export function isNotEnglish(doc: Doc): boolean {
  return doc.messages.some((m) => m.code === 'W_NOT_ENGLISH');
}

function setDate(doc: Doc, ctx: Context, stampDates: string[], stamp: ReturnType<typeof cleanText>['stamp'], datelineDate?: string): void {
  const m = doc.meta;
  const given = ctx.options.date;
  if (given && isIsoDate(given)) {
    m.published = given;
    m.publishedSource = 'given';
    return;
  }
  if (given) addMessage(doc, 'clean', 'W_BAD_DATE', `--date ${given} is not an ISO 8601 date; ignored`);
  if (m.publishedSource === 'given' && m.published) return;
  if (m.published && isIsoDate(m.published)) {
    if (m.publishedSource === 'unknown') m.publishedSource = 'metadata';
    return;
  }
  if (stampDates.length) {
    m.published = stampDates[0];
    m.publishedSource = 'metadata';
    return;
  }
  const u = urlDate(m.url);
  let inferred = u?.granularity === 'day' ? u.value : undefined;
  inferred ??= datelineDate;
  inferred ??= bodyTopDate(doc.text);
  const crawled = doc.meta.crawled ?? ctx.options.crawled;
  if (!inferred && stamp && crawled) inferred = resolveRelative(crawled, stamp);
  if (inferred) {
    m.published = inferred;
    m.publishedSource = 'inferred';
    return;
  }
  m.published = undefined;
  m.publishedSource = 'unknown';
  addMessage(doc, 'clean', 'W_NO_DATE', 'no publication date: pass --date YYYY-MM-DD to anchor relative dates');
}

const RE_PUBLISHED_CUE = /\b(?:published|posted|dated|released|issued|updated)(?:[ \t]+on)?[ \t:]*$/i;
const RE_LINE_START = /(?:^|\n)[ \t]*$/;

/**
 * An explicit full date near the top of the body that is likely the story's own date: one that
 * starts a line in the first three paragraphs ("June 3, 2021 — …") or follows "published/posted/
 * dated" in the first 400 characters; else the latest date of the first paragraph (a story reports
 * on or after the dates it names).
 */
function bodyTopDate(text: string): string | undefined {
  let end = 0;
  for (let k = 0; k < 3 && end >= 0; k++) end = text.indexOf('\n\n', end + 2);
  const top = text.slice(0, end < 0 ? Math.min(text.length, 1500) : Math.min(end, 1500));
  const found = findDates(top);
  for (const f of found) {
    const before = top.slice(Math.max(0, f.start - 40), f.start);
    if (RE_LINE_START.test(before) || (f.start < 400 && RE_PUBLISHED_CUE.test(before))) return f.date;
  }
  const p1 = text.indexOf('\n\n');
  let latest: string | undefined;
  for (const f of found) if (f.end <= (p1 < 0 ? 400 : Math.min(p1, 400)) && (!latest || f.date > latest)) latest = f.date;
  return latest;
}

/** Plain text: `extracted` is `raw` with each `\r\n` turned into `\n` (a lone `\r` into `\n`). */
function mapPlain(raw: string, segs: Array<{ start: number; end: number; inStart: number }>): Doc['source'] {
  if (raw.indexOf('\r\n') < 0) return segs.map((s) => ({ start: s.start, end: s.end, rawStart: s.inStart }));
  // Offsets in the normalized text at which one `\r` was dropped.
  const drops: number[] = [];
  let k = 0;
  for (let r = raw.indexOf('\r\n'); r >= 0; r = raw.indexOf('\r\n', r + 2)) drops.push(r - k++);
  const shift = (x: number): number => {
    let lo = 0;
    let hi = drops.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (drops[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return x + lo;
  };
  return segs.map((s) => ({ start: s.start, end: s.end, rawStart: shift(s.inStart) }));
}

/** HTML: each kept line is looked up verbatim in the raw page, in order; lines not found are left unmapped. */
function mapByText(doc: Doc, segs: Array<{ start: number; end: number; inStart: number }>, _extracted: string): Doc['source'] {
  const raw = doc.raw ?? '';
  const out: NonNullable<Doc['source']> = [];
  let cursor = 0;
  for (const s of segs) {
    const piece = doc.text.slice(s.start, s.end);
    const at = raw.indexOf(piece, cursor);
    if (at >= 0) {
      out.push({ start: s.start, end: s.end, rawStart: at });
      cursor = at + piece.length;
    }
  }
  return out;
}
