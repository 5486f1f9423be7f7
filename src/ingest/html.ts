/**
 * HTML article extraction: `@mozilla/readability` over a `linkedom` DOM, plus page metadata.
 *
 * Before Readability runs, the DOM is pruned of parts that read like prose but are not the story
 * (the faults collected in `gold/cases`: trafilatura#850 comment boxes in `<details>`,
 * extruct#108 / newspaper#681 figure captions and photo credits, ftr-site-config#925 paywall
 * notices): comment threads, `<figcaption>` and caption/credit elements, paywall/subscription
 * prompts, share/social/related/newsletter widgets. Captions and comments are returned apart.
 *
 * Before parsing, the markup is slimmed ({@link slimHtml}: scripts but JSON-LD, styles, svg,
 * comments; {@link dropChrome}: nav, aside, footer, form, button), so that linkedom builds only the
 * nodes that can hold the story; after pruning, {@link narrowToProse} removes the branches far from
 * the story's paragraphs so that Readability walks a smaller tree (its own JSON-LD reading is off:
 * {@link collectJsonLd} reads it). After Readability, refiners put back what it drops wrongly: the
 * paragraphs of a body split into several containers ({@link restoreSplitBody}), a standfirst
 * printed between headline and body ({@link restoreLede}), the story when Readability picked a list
 * or table beside it ({@link proseContainer}); and cut what it keeps wrongly: link lists, headings
 * and "More:" lead-ins at the end ({@link dropTeaserBlocks}), a related-stories, author-box or
 * comments tail ({@link cutRelatedTail}).
 *
 * Parts that JSON-LD marks `isAccessibleForFree: false` (`hasPart.cssSelector`) only mark the page as
 * paywalled: they are not removed, since the text they hold on the page is the story itself (a
 * script hides it from non-subscribers).
 *
 * Metadata, in order of trust (most trusted first): JSON-LD (`NewsArticle` & co.), OpenGraph /
 * `article:*` meta, other `<meta>` dates (`date`, `pubdate`, `dc.date` …), `<time>` elements
 * (`itemprop` and class hints; the element's text is read too, since one `<time>` may print both
 * the original and the updated time — newspaper4k#153, htmldate#119).
 */
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { DatelineError } from '../doc/errors.js';
import { findDates, normalizeDate, urlDate, type UrlDate } from './dates.js';
import { flattenHtml, tooComplex } from './html-guard.js';

/** An image of the article with its caption and credit (kept out of the text). */
export interface HtmlImage {
  src: string;
  caption?: string;
  credit?: string;
}

/** Result of {@link extractHtml}. Dates are ISO 8601 as printed in the page (timestamps keep their offset). */
export interface HtmlArticle {
  title?: string;
  /** Article text: one block (paragraph, heading, list item) per paragraph, blocks joined by `\n\n`. */
  text: string;
  /** Byline as printed, without a leading "By". */
  byline?: string;
  authors?: string[];
  published?: string;
  modified?: string;
  /** Canonical URL (`<link rel=canonical>`, `og:url`, JSON-LD `url`), else the URL given. */
  url?: string;
  /** Site name (`og:site_name`, JSON-LD publisher). */
  siteName?: string;
  /** Section of the site (JSON-LD `articleSection`, `article:section`, `parsely-section`). */
  section?: string;
  /** ISO 639-1 code from `<html lang>` (or `og:locale`, JSON-LD `inLanguage`). */
  language?: string;
  description?: string;
  /** Date printed in the URL path. */
  urlDate?: UrlDate;
  /** True when JSON-LD says `isAccessibleForFree: false` or a paywall notice was removed. */
  paywalled?: boolean;
  images: HtmlImage[];
  comments: Array<{ text: string }>;
  /** False when Readability found nothing and the body's text was used. */
  readability: boolean;
  /** Why the page was flattened before parsing (too deep or too many elements: see `html-guard.ts`). */
  flattened?: string;
}

type El = any; // linkedom element; typed loosely on purpose (linkedom's DOM is not lib.dom's)

const RE_COMMENT_CLASS = /comment(?!ary|ator)|disqus|(?:^|[\s_-])(?:respond|replies|reader-?responses)(?:$|[\s_-])/i;
const RE_CAPTION_CLASS = /caption|(?:^|[\s_-])(?:credits?|photo-?credit|image-?credit|copyright)(?:$|[\s_-])/i;
const RE_BYLINE_CLASS = /(?:^|[\s_-])(?:byline|by-line|author|authors|author-?name|contributors?|writer|article-?meta|post-?meta|entry-?meta|dateline-?meta)(?:$|[\s_-])/i;
const RE_PAYWALL_CLASS = /paywall|regwall|piano|subscri(?:be|ption)|premium-?(?:hint|banner|teaser)|meter(?:ed)?-?(?:wall|banner)|login-?wall/i;
const RE_WIDGET_CLASS =
  /(?:^|[\s_-])(?:share|sharing|social|sharetools|related|newsletter|promo|advert|advertisement|ad-?slot|breadcrumbs?|tags|more-?stories|recommended)(?:$|[\s_-])/i;
/** Paywall notices (phrases from ftr-site-config#925-type pages); only short blocks are tested. */
const RE_PAYWALL_TEXT =
  /\b(?:already a subscriber|subscribe (?:now|today|to (?:continue|read|keep))|continue reading (?:for|with)|to continue reading|sign (?:up|in) to (?:read|continue)|log in to (?:read|continue)|become a (?:member|subscriber) to)\b/i;
const DROP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'NAV', 'FORM', 'BUTTON', 'ASIDE', 'FOOTER', 'IFRAME', 'SVG', 'SELECT', 'INPUT', 'TEXTAREA']);
const BLOCK_TAGS = new Set([
  'P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD', 'BLOCKQUOTE', 'PRE',
  'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'MAIN', 'FIGURE', 'TABLE', 'TR', 'TD', 'TH', 'HR', 'ADDRESS',
  'DETAILS', 'SUMMARY', 'CENTER',
]);
const SKIP_TEXT_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'FIGCAPTION']);
const ARTICLE_TYPE = /(?:Article|BlogPosting|Report|NewsArticle)$/;

/**
 * Extract the article text and metadata of an HTML page.
 * @param html the page (a full document or a fragment)
 * @param opts `url`: where the page came from (used when the page names no canonical URL)
 * @throws DatelineError `E_NO_TEXT` when the page has no text at all
 */
export function extractHtml(html: string, opts: { url?: string } = {}): HtmlArticle {
  const flattened = tooComplex(html);
  if (flattened) html = flattenHtml(html);
  html = slimHtml(html);
  const document = parseDocument(dropChrome(html));
  const meta = collectMeta(document);
  const ld = collectJsonLd(document);
  const monthFirst = /^en-us/i.test(document.documentElement?.getAttribute?.('lang') ?? '');
  const times = collectTimes(document, monthFirst);
  const firstH1 = clean(document.querySelector('h1')?.textContent);

  const pruned = prune(document);
  const paywalled = ld.paywalled || pruned.paywallNotice;
  const paras = pageParas(pruned.order, clean(meta.get('og:description')) ?? clean(meta.get('description')));

  narrowToProse(document, paras);
  let blocks: string[] = [];
  let readable = false;
  let rTitle: string | undefined;
  let rByline: string | undefined;
  let rSite: string | undefined;
  try {
    const r = new Readability<El>(document as unknown as Document, { serializer: (el: Node) => el, disableJSONLD: true }).parse();
    if (r?.content) {
      blocks = dropTeaserBlocks(blockInfos(r.content)).map((b) => b.text);
      readable = blocks.length > 0;
    }
    rTitle = clean(r?.title);
    rByline = clean(r?.byline);
    rSite = clean(r?.siteName);
  } catch {
    readable = false;
  }
  // Refiner for what pruning made Readability drop: when the pruned page yields little prose (a
  // body split into sections that the pruning broke apart, a template whose article container
  // carries a widget-like class), plain Readability on the unpruned page gets a second say, and
  // JSON-LD `articleBody` a third; a second opinion wins only with clearly more prose.
  if (proseChars(blocks) < WEAK_PROSE) {
    try {
      const r2 = new Readability<El>(parseDocument(html) as unknown as Document, { serializer: (el: Node) => el }).parse();
      const b2 = r2?.content ? textBlocks(r2.content) : [];
      if (muchMoreProse(b2, blocks)) {
        blocks = b2;
        readable = true;
      }
    } catch {
      /* keep what we have */
    }
    const body = ld.articleBody ? ld.articleBody.split(/\n\s*\n|\r?\n/).map((t) => clean(t)).filter((t): t is string => !!t) : [];
    if (muchMoreProse(body, blocks)) {
      blocks = body;
      readable = true;
    }
  }
  if (!readable) {
    const again = parseDocument(html);
    prune(again);
    blocks = again.body ? textBlocks(again.body) : [];
  }

  const siteName = clean(meta.get('og:site_name')) ?? ld.publisher ?? rSite;
  const title = stripSiteSuffix(
    ld.headline ?? clean(meta.get('og:title')) ?? clean(meta.get('twitter:title')) ?? rTitle ?? firstH1,
    siteName,
    rTitle,
  );
  if (readable) {
    // Readability sometimes picks a list or a table (signatories, members) over the story: the
    // container of most prose wins when it holds clearly more.
    const alt = proseContainer(paras);
    if (proseChars(alt) > 1.5 * proseChars(blocks) + 300) blocks = alt;
    blocks = restoreLede(restoreSplitBody(blocks, paras), paras);
  }
  blocks = cutRelatedTail(blocks);
  // The headline printed at the top of the body is metadata, not body text.
  while (blocks.length && title && sameText(blocks[0], title)) blocks.shift();
  if (blocks.length && firstH1 && sameText(blocks[0], firstH1)) blocks.shift();
  const text = blocks.join('\n\n');
  if (!text.trim()) throw new DatelineError('E_NO_TEXT', 'the HTML page has no article text');

  const url =
    abs(document.querySelector('link[rel="canonical"]')?.getAttribute('href')) ??
    abs(meta.get('og:url')) ??
    ld.url ??
    opts.url;
  const published =
    ld.published ??
    normalizeDate(meta.get('article:published_time')) ??
    firstMetaDate(meta, PUBLISHED_META, monthFirst) ??
    times.published;
  const modified =
    ld.modified ??
    normalizeDate(meta.get('article:modified_time')) ??
    normalizeDate(meta.get('og:updated_time')) ??
    firstMetaDate(meta, MODIFIED_META, monthFirst) ??
    times.modified;
  let byline = ld.authors.length ? ld.authors.join(', ') : undefined;
  const metaAuthor = clean(meta.get('author')) ?? clean(meta.get('article:author'));
  byline ??= metaAuthor && !/^https?:/i.test(metaAuthor) ? metaAuthor : (pruned.byline ?? rByline);
  byline = byline ? stripBy(byline) : undefined;
  const language = langCode(
    document.documentElement?.getAttribute?.('lang') ?? meta.get('content-language') ?? meta.get('og:locale') ?? ld.language,
  );
  return {
    title,
    text,
    byline,
    authors: ld.authors.length ? ld.authors : byline ? splitAuthors(byline) : undefined,
    published,
    modified,
    url,
    siteName,
    section: ld.section ?? clean(meta.get('article:section')) ?? clean(meta.get('parsely-section')) ?? clean(meta.get('section')),
    language,
    description: clean(meta.get('og:description')) ?? clean(meta.get('description')),
    urlDate: urlDate(url) ?? urlDate(opts.url),
    paywalled: paywalled || undefined,
    images: pruned.images,
    comments: pruned.comments,
    readability: readable,
    ...(flattened ? { flattened } : {}),
  };
}

/**
 * Headings that open a list of other stories or site promotions at the end of an article, in the
 * languages of the trafilatura benchmark (en, de, fr, es, it, pt, nl, pl): "Related", "Read more",
 * "Auch interessant", "Weitere Artikel", "Lire aussi", "Noticias relacionadas", "Czytaj też" …
 */
const RE_TAIL_HEADING = new RegExp(
  '^(?:' +
    [
      String.raw`related(?: (?:articles?|stories|posts?|news|content|coverage|topics|links))?`,
      String.raw`(?:read|see) (?:more|also|next)|also (?:read|see)|more (?:from|on|about|stories|news|articles).{0,40}`,
      String.raw`(?:you (?:may|might) (?:also )?(?:like|enjoy)|recommended(?: for you| stories| articles)?|most (?:read|popular|viewed)|latest (?:news|stories|articles)|top stories|trending(?: now)?)`,
      String.raw`(?:weitere|ähnliche|verwandte|neueste|aktuelle|passende|beliebte|meistgelesene) (?:artikel|beiträge|meldungen|nachrichten|themen|news|informationen|links)`,
      String.raw`(?:auch|ebenfalls) interessant|mehr (?:zum thema|dazu|aus|von|news).{0,40}|lesen sie (?:auch|mehr)|das (?:könnte|dürfte) (?:dich|sie) auch interessieren|themen (?:im|in diesem) artikel|empfehlungen(?: aus| der redaktion)?.{0,30}|zum thema`,
      String.raw`(?:à )?lire (?:aussi|également|la suite)|sur le même sujet|(?:articles?|à voir) (?:liés|similaires|aussi)|pour lire la suite`,
      String.raw`(?:te puede interesar|lea también|le puede interesar|noticias relacionadas|más noticias|también te puede interesar|relacionad[oa]s)`,
      String.raw`(?:leggi anche|articoli correlati|potrebbe interessarti|leia também|veja também|notícias relacionadas|lees ook|meer nieuws|czytaj (?:też|także|również)|zobacz (?:też|także|również))`,
      // an author box or the comment thread under the story
      String.raw`(?:über (?:den|die) autor(?:in)?|about the authors?|à propos de l'auteur|sobre el autor|o autorze|informazioni sull'autore)`,
      String.raw`(?:\d{1,6} )?(?:comments|kommentare|commentaires|comentarios|komentarze|commenti|reacties)(?: \(\d{1,6}\))?|\d{1,6} (?:comment|kommentar|commentaire|comentario|komentarz|commento|reactie)|(?:leave|post|write|add) a (?:comment|reply)|(?:kommentar|antwort) (?:schreiben|verfassen|hinterlassen)|schreibe einen kommentar|laisser un commentaire|deja un comentario|(?:ihre|deine) meinung(?: ist gefragt)?|diskussion`,
    ].join('|') +
    String.raw`)\s*[:.…»›>!?]*$`,
  'iu',
);

/**
 * Refiner: cut a related-stories list that Readability kept at the end of the article — from a
 * short block (≤ 80 characters) that is one of {@link RE_TAIL_HEADING} in the second half of the
 * blocks, when what follows it is shorter than what precedes it.
 */
export function cutRelatedTail(blocks: string[]): string[] {
  const n = blocks.length;
  if (n < 3) return blocks;
  let total = 0;
  for (const b of blocks) total += b.length;
  let before = 0;
  for (let i = 0; i < n; i++) {
    const b = blocks[i];
    if (i >= Math.max(1, Math.floor(n / 2)) && b.length <= 80 && RE_TAIL_HEADING.test(b)) {
      if (total - before < before) return blocks.slice(0, i);
    }
    before += b.length;
  }
  return blocks;
}

/**
 * Refiner for link lists Readability keeps at the edges of the article: from the end, a run of
 * blocks that are links to other pages (≥ 80 % of their characters in links, under 150
 * characters), headings, or short lead-ins ending in a colon ("Weitere Informationen:"); from the
 * start, link-only blocks (breadcrumbs, kickers). A run longer than half the blocks is kept (a page
 * that is a list of links).
 */
export function dropTeaserBlocks(blocks: TextBlock[]): TextBlock[] {
  const n = blocks.length;
  if (n < 2) return blocks;
  const linky = (b: TextBlock): boolean => b.linkChars >= 0.8 * b.text.length;
  let end = n;
  while (end > 0) {
    const b = blocks[end - 1];
    const t = b.text;
    if ((linky(b) && t.length < 150) || (t.length <= 60 && /:$/.test(t)) || (/^H[1-6]$/.test(b.tag) && t.length <= 80)) end--;
    else break;
  }
  if (end < n / 2) return blocks;
  return blocks.slice(0, end);
}

/**
 * The paragraphs (`<p>`) of the container that holds the most prose ({@link proseChars}) on the
 * pruned page, in document order: the body when Readability picked a list or a table that outweighs
 * it by its commas and length (a letter's list of signatories, a table of members).
 */
export function proseContainer(paras: PagePara[]): string[] {
  const by = new Map<number, string[]>();
  for (const p of paras) {
    if (!p.para || p.parent < 0 || p.hidden) continue;
    const l = by.get(p.parent);
    if (l) l.push(p.text);
    else by.set(p.parent, [p.text]);
  }
  let best: string[] = [];
  let bestN = 0;
  for (const l of by.values()) {
    const n = proseChars(l);
    if (n > bestN) [best, bestN] = [l, n];
  }
  return best;
}

/**
 * Speed: the DOM Readability walks, cut down to the part that holds the story. Let N be the deepest
 * element holding ≥ 90 % of the characters of the page's prose paragraphs (`<p>` of sentences,
 * ≥ 80 characters, visible); above N's parent, the siblings of each element on the path from
 * `<body>` are removed (they hold at most a tenth of the prose: teasers, sidebars, page chrome
 * that no class names). N's parent keeps all its children, so Readability still sees the siblings
 * it may join to its top candidate. Nothing is done when the page has under 500 characters of prose.
 */
export function narrowToProse(document: El, paras: PagePara[]): void {
  const body = document.body;
  if (!body) return;
  const weight = new Map<El, number>();
  let total = 0;
  for (const p of paras) {
    if (!p.para || p.hidden || !p.el || p.text.length < 80 || !isSentences(p.text)) continue;
    total += p.text.length;
    for (let a = p.el.parentElement; a && a !== body; a = a.parentElement) weight.set(a, (weight.get(a) ?? 0) + p.text.length);
  }
  if (total < 500) return;
  const path: El[] = [];
  let node: El = body;
  for (;;) {
    let next: El | undefined;
    for (let c = node.firstElementChild; c; c = c.nextElementSibling) {
      if ((weight.get(c) ?? 0) >= 0.9 * total) {
        next = c;
        break;
      }
    }
    if (!next) break;
    path.push(next);
    node = next;
  }
  // path[last] = N; keep N's parent whole: prune siblings of path[0 .. last-1]
  for (let i = 0; i < path.length - 1; i++) {
    const keep = path[i];
    const parent = keep.parentElement;
    if (!parent) break;
    for (let c = parent.firstElementChild; c; ) {
      const n = c.nextElementSibling;
      if (c !== keep && !/^H[1-2]$/.test(String(c.tagName).toUpperCase())) c.remove();
      c = n;
    }
  }
}

/** Below this many characters of prose (see {@link proseChars}) an extraction is weak. */
const WEAK_PROSE = 400;

/**
 * True when `a` holds clearly more prose than `b` (twice as much and 200 characters more): a
 * second opinion must not win by a paywall notice or a promotion the pruning removed.
 */
function muchMoreProse(a: string[], b: string[]): boolean {
  const pa = proseChars(a);
  const pb = proseChars(b);
  return pa > 2 * pb && pa > pb + 200;
}

/** True when `b` reads as sentences: it ends one (`.`, `!`, `?`, `…`, a closing quote), and fewer than a third of its words end with a comma (not a list of names). */
function isSentences(b: string): boolean {
  const words = b.split(' ').length;
  const commas = (b.match(/, /g) ?? []).length;
  return /[.!?…:;"“”»«)]\s|[.!?…"“”»)]$/.test(b) && commas * 3 < words;
}

/** Characters in blocks that read like prose: at least 60 characters and 8 words. */
function proseChars(blocks: string[]): number {
  let n = 0;
  for (const b of blocks) if (b.length >= 60 && b.split(' ').length >= 8 && isSentences(b)) n += b.length;
  return n;
}

/**
 * Markup that never holds article text, removed before parsing: comments, and the elements
 * pruning drops anyway (`<script>` except JSON-LD, `<style>`, `<svg>`, `<noscript>`, `<template>`,
 * `<iframe>`, `<math>`, `<object>`, `<canvas>`, `<select>`, `<textarea>`). One lazy match per
 * element, up to its end tag as the HTML tokenizer ends it (`</script` then anything to the next
 * `>`); a missing end tag leaves the element to the parser.
 */
const RE_SLIM = /<!--[\s\S]*?-->|<(script|style|svg|noscript|template|iframe|math|object|canvas|select|textarea)(?=[\s/>])([^>]*)>[\s\S]*?<\/\1(?:[\s/][^>]*)?>/gi;

/**
 * The page without the markup of {@link RE_SLIM}: fewer nodes for linkedom to build and for
 * Readability and the pruning to walk. JSON-LD scripts are kept (metadata).
 * @param html decoded HTML
 * @returns HTML of the same page, text and structure of the body unchanged (anything printed
 *   before its `<!DOCTYPE>` or `<html>` tag is dropped)
 */
export function slimHtml(html: string): string {
  html = html.replace(RE_SLIM, (m: string, tag: string | undefined, attrs: string | undefined) =>
    tag && tag.toLowerCase() === 'script' && /ld\+json/i.test(attrs ?? '') ? m : '',
  );
  // Server debris printed before the document (PHP warnings before `<!DOCTYPE html>`) makes the
  // parser build an empty body: the document starts at its doctype or `<html>` tag.
  const start = RE_DOC_START.exec(html.slice(0, 65536))?.index ?? 0;
  return start > 0 && /\S/.test(html.slice(0, start)) ? html.slice(start) : html;
}

const RE_DOC_START = /<!doctype\s|<html[\s>]/i;

/** Page chrome that {@link prune} removes after parsing, removed from the markup instead. */
const RE_CHROME = /<(nav|aside|footer|form|button)(?=[\s/>])[^>]*>[\s\S]*?<\/\1(?:[\s/][^>]*)?>/gi;

/**
 * The markup without `<nav>`, `<aside>`, `<footer>`, `<form>` and `<button>` elements — what
 * {@link prune} drops from the DOM anyway — so that linkedom does not build them (a third of a
 * typical news page's nodes). One lazy match per element: a nested element of the same name ends
 * the match early and the rest of the outer one is left to {@link prune}. Only for the first
 * parse; the second opinions of {@link extractHtml} read the page with its chrome.
 */
export function dropChrome(html: string): string {
  return html.replace(RE_CHROME, '');
}

function parseDocument(html: string): El {
  const hasHtml = /<html[\s>]/i.test(html.slice(0, 4096));
  const doc = parseHTML(hasHtml ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`).document as El;
  if (!doc.body) return parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`).document as El;
  return doc;
}

function clean(s: string | null | undefined): string | undefined {
  if (s == null) return undefined;
  const t = String(s).replace(/\s+/g, ' ').trim();
  return t || undefined;
}

const RE_TITLE_SUFFIX = /^(.{8,240}?)\s+[|\-–—·:]\s+([^|\-–—·]{2,60})$/;

/** "Headline | Site" → "Headline", when the suffix is the site name or Readability's title is the rest. */
function stripSiteSuffix(title: string | undefined, site: string | undefined, rTitle: string | undefined): string | undefined {
  if (!title || title.length > 300) return title;
  const m = RE_TITLE_SUFFIX.exec(title);
  if (!m) return title;
  if ((site && sameText(m[2], site)) || (rTitle && sameText(m[1], rTitle))) return m[1];
  return title;
}

function abs(s: string | null | undefined): string | undefined {
  const t = clean(s);
  return t && /^https?:\/\//i.test(t) ? t : undefined;
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return norm(a) === norm(b);
}

function stripBy(s: string): string {
  return s.replace(/^\s*(?:written\s+)?by[:\s]\s*/i, '').trim();
}

function splitAuthors(byline: string): string[] {
  return byline
    .split(/\s*(?:,|&|\band\b)\s*/)
    .map((a) => a.trim())
    .filter((a) => a.length > 1);
}

function langCode(s: string | undefined | null): string | undefined {
  const m = /^\s*([A-Za-z]{2,3})(?:[-_]|$)/.exec(s ?? '');
  return m ? m[1].toLowerCase() : undefined;
}

const PUBLISHED_META = [
  'datepublished', 'date', 'pubdate', 'publishdate', 'publish-date', 'publication_date', 'dc.date',
  'dc.date.issued', 'dcterms.created', 'dcterms.issued', 'sailthru.date', 'parsely-pub-date', 'article.published',
  'og:published_time',
];
const MODIFIED_META = ['datemodified', 'last-modified', 'dcterms.modified', 'dc.date.modified', 'article.updated'];

function firstMetaDate(meta: Map<string, string>, keys: string[], monthFirst: boolean): string | undefined {
  for (const k of keys) {
    const v = normalizeDate(meta.get(k), { monthFirst });
    if (v) return v;
  }
  return undefined;
}

/** `<meta>` contents by lower-cased `property`, `name`, `itemprop` or `http-equiv` (first wins). */
function collectMeta(document: El): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of document.querySelectorAll('meta')) {
    const content = m.getAttribute('content');
    if (content == null) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const k = m.getAttribute(attr);
      if (k && !map.has(k.toLowerCase())) map.set(k.toLowerCase(), content);
    }
  }
  return map;
}

interface LdInfo {
  headline?: string;
  published?: string;
  modified?: string;
  authors: string[];
  publisher?: string;
  section?: string;
  /** JSON-LD `articleBody` (plain text). */
  articleBody?: string;
  url?: string;
  language?: string;
  paywalled: boolean;
  lockedSelectors: string[];
}

function collectJsonLd(document: El): LdInfo {
  const info: LdInfo = { authors: [], paywalled: false, lockedSelectors: [] };
  const nodes: any[] = [];
  const walk = (v: any, depth: number): void => {
    if (!v || typeof v !== 'object' || depth > 6) return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    nodes.push(v);
    if (v['@graph']) walk(v['@graph'], depth + 1);
  };
  for (const s of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      walk(JSON.parse(s.textContent ?? ''), 0);
    } catch {
      /* malformed JSON-LD is common; ignore it */
    }
  }
  const isArticle = (n: any): boolean =>
    [].concat(n['@type'] ?? []).some((t: unknown) => typeof t === 'string' && ARTICLE_TYPE.test(t));
  const art = nodes.find(isArticle);
  if (!art) return info;
  info.headline = clean(typeof art.headline === 'string' ? art.headline : art.name);
  info.published = normalizeDate(art.datePublished ?? art.dateCreated);
  info.modified = normalizeDate(art.dateModified);
  for (const a of [].concat(art.author ?? [])) {
    const name = clean(typeof a === 'string' ? a : (a as any)?.name);
    if (name && !/^https?:/i.test(name)) info.authors.push(stripBy(name));
  }
  const pub = [].concat(art.publisher ?? [])[0] as any;
  info.publisher = clean(typeof pub === 'string' ? pub : pub?.name);
  if (typeof art.articleBody === 'string' && art.articleBody.trim()) info.articleBody = art.articleBody;
  const sec = [].concat(art.articleSection ?? [])[0] as unknown;
  info.section = typeof sec === 'string' ? clean(sec) : undefined;
  const u = typeof art.url === 'string' ? art.url : typeof art.mainEntityOfPage === 'string' ? art.mainEntityOfPage : art.mainEntityOfPage?.['@id'];
  info.url = abs(u);
  info.language = typeof art.inLanguage === 'string' ? art.inLanguage : undefined;
  const notFree = (v: unknown): boolean => v === false || (typeof v === 'string' && v.toLowerCase() === 'false');
  if (notFree(art.isAccessibleForFree)) info.paywalled = true;
  for (const part of [].concat(art.hasPart ?? []) as any[]) {
    if (part && notFree(part.isAccessibleForFree) && typeof part.cssSelector === 'string') {
      info.paywalled = true;
      info.lockedSelectors.push(part.cssSelector);
    }
  }
  return info;
}

/** Published/modified times from `<time>` elements (attribute, itemprop, class, and printed text). */
function collectTimes(document: El, monthFirst: boolean): { published?: string; modified?: string } {
  let published: string | undefined;
  let modified: string | undefined;
  for (const t of document.querySelectorAll('time, [itemprop="datePublished"], [itemprop="dateModified"]')) {
    const attr = clean(t.getAttribute('datetime') ?? t.getAttribute('content'));
    const prop = `${t.getAttribute('itemprop') ?? ''} ${t.getAttribute('class') ?? ''} ${t.hasAttribute('pubdate') ? 'published' : ''}`;
    const attrRole: 'published' | 'modified' = /modified|updated/i.test(prop) ? 'modified' : 'published';
    const attrIso = normalizeDate(attr, { monthFirst });
    const offset = attrIso ? /(?:Z|[+-]\d{2}:?\d{2})$/.exec(attrIso)?.[0] : undefined;
    const found = findDates(t.textContent ?? '', { monthFirst, hint: attrIso });
    let attrUsed = false;
    for (const f of found) {
      let iso = f.time ? `${f.date}T${f.time}${offset ?? ''}` : f.date;
      let role = f.label;
      if (attrIso && attrIso.startsWith(f.date) && (!f.time || attrIso.slice(11, 16) === f.time.slice(0, 5))) {
        iso = attrIso; // the printed date is the machine-readable one
        attrUsed = true;
        if (found.length === 1) role = attrRole;
      }
      if (role === 'modified') modified ??= iso;
      else published ??= iso;
    }
    if (attrIso && !attrUsed) {
      if (attrRole === 'modified') modified ??= attrIso;
      else published ??= attrIso;
    }
  }
  return { published, modified };
}

interface Pruned {
  /** Text of the first byline element removed. */
  byline?: string;
  images: HtmlImage[];
  comments: Array<{ text: string }>;
  paywallNotice: boolean;
  /** `<p>`, `<h1>`, `<h2>` and standfirst-like elements ({@link RE_LEDE_CLASS}) left, in document order. */
  order: Array<{ el: El; lede: boolean }>;
}

/** Remove comments, captions/credits, paywall notices and widgets from the DOM (see module doc). */
function prune(document: El): Pruned {
  const out: Pruned = { images: [], comments: [], paywallNotice: false, order: [] };
  for (const fig of document.querySelectorAll('figure')) {
    const img = fig.querySelector('img');
    const cap = fig.querySelector('figcaption');
    let credit: string | undefined;
    if (cap) {
      for (const c of cap.querySelectorAll('*')) {
        if (RE_CAPTION_CLASS.test(`${c.getAttribute('class') ?? ''} ${c.getAttribute('id') ?? ''}`) && /credit|copyright/i.test(c.getAttribute('class') ?? '')) {
          credit = clean(c.textContent);
          c.remove();
          break;
        }
      }
    }
    const src = img?.getAttribute('src');
    if (src) {
      out.images.push({
        src,
        caption: clean(cap?.textContent),
        credit: credit?.replace(/^(?:photo|picture|image|credit|foto)s?\s*(?:by)?\s*:?\s*/i, '') || undefined,
      });
    }
    cap?.remove();
  }
  for (const el of document.querySelectorAll([...DROP_TAGS].join(',').toLowerCase())) el.remove();
  const all = [...document.querySelectorAll('body *')];
  for (const el of all) {
    if (el.isConnected === false) continue; // inside a subtree removed earlier
    const tag = String(el.tagName).toUpperCase();
    if (DROP_TAGS.has(tag)) {
      el.remove();
      continue;
    }
    const cls = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (tag === 'BODY' || tag === 'ARTICLE' || tag === 'MAIN') continue;
    if (cls.trim() && RE_COMMENT_CLASS.test(cls)) {
      const paras = [...el.querySelectorAll('p')].map((p: El) => clean(p.textContent)).filter(Boolean) as string[];
      for (const t of paras) out.comments.push({ text: t });
      el.remove();
      continue;
    }
    if (tag === 'DETAILS') {
      // A collapsed box under the article: reader comments or extras, never the story itself.
      const summary = clean(el.querySelector('summary')?.textContent) ?? '';
      if (/\b(?:posted|comments?|replies|reply|says|wrote)\b/i.test(summary)) {
        for (const p of el.querySelectorAll('p')) {
          const t = clean(p.textContent);
          if (t) out.comments.push({ text: t });
        }
      }
      el.remove();
      continue;
    }
    if (tag === 'FIGCAPTION') {
      el.remove();
      continue;
    }
    if (tag === 'TIME' && !el.closest('p, li, blockquote, td')) {
      el.remove(); // a standalone date stamp, read as metadata already
      continue;
    }
    const hasCls = cls.length > 1;
    const kind = !hasCls
      ? ''
      : RE_BYLINE_CLASS.test(cls)
        ? 'byline'
        : RE_CAPTION_CLASS.test(cls)
          ? 'caption'
          : RE_PAYWALL_CLASS.test(cls)
            ? 'paywall'
            : RE_WIDGET_CLASS.test(cls)
              ? 'widget'
              : '';
    if (kind) {
      const text: string = el.textContent ?? '';
      if (kind === 'byline' && text.length < 200) {
        out.byline ??= clean(text);
        el.remove();
        continue;
      }
      if (kind === 'caption' && text.length < 400 && !el.querySelector('p')) {
        el.remove();
        continue;
      }
      if (kind === 'paywall' && text.length < 400 && !hasProseParagraph(el)) {
        out.paywallNotice = true;
        el.remove();
        continue;
      }
      if (kind === 'widget' && text.length < 300) {
        el.remove();
        continue;
      }
    }
    // Paywall notices without a telling class: short leaf-like blocks with a paywall phrase.
    if ((tag === 'DIV' || tag === 'P' || tag === 'SECTION') && el.children.length <= 3) {
      const t: string = el.textContent ?? '';
      if (t.length < 250 && RE_PAYWALL_TEXT.test(t)) {
        out.paywallNotice = true;
        el.remove();
        continue;
      }
    }
    const lede = hasCls && LEDE_TAGS.has(tag) && RE_LEDE_CLASS.test(cls) && !RE_NOT_LEDE_CLASS.test(cls);
    if (tag === 'P' || tag === 'H1' || tag === 'H2' || lede) out.order.push({ el, lede });
  }
  return out;
}

/** Class or id of a standfirst (the summary printed between headline and body). */
const RE_LEDE_CLASS =
  /(?:^|[\s_-])(?:lead|lede|leadtext|lead-?text|intro|intro-?text|standfirst|sub-?title|subline|sub-?headline|summary|abstract|dek|deck|excerpt|article-?description|description|vorspann|teaser-?text|chapo|entradilla|sottotitolo)(?:$|[\s_-])/i;
/** Site taglines and boxes that share a standfirst's class words ("site-description", "author-summary"). */
const RE_NOT_LEDE_CLASS = /site|blog-?desc|widget|sidebar|author|comment|footer|menu|nav|card|teaser-?list|product/i;
const LEDE_TAGS = new Set(['P', 'DIV', 'H2', 'H3', 'SPAN', 'STRONG', 'SECTION', 'HEADER']);

/** A paragraph of the pruned page, for the refiners that put back what Readability dropped. */
export interface PagePara {
  text: string;
  /** Class of the `<p>` and tag + class of its parent: paragraphs of one body share it. */
  sig: string;
  /** True when `sig` names some class (a bare `<p>` in a bare `<div>` says nothing). */
  classed: boolean;
  lede: boolean;
  /** True for a `<p>` (lede candidates may be other elements). */
  para: boolean;
  /** True for an `<h1>` (a standfirst follows the headline). */
  h1?: boolean;
  /** {@link normKey} of `text`. */
  key: string;
  /** Number of the parent element (paragraphs of one container share it). */
  parent: number;
  /** True when the parent or an ancestor is hidden (`hidden`, `aria-hidden`, `display: none`). */
  hidden?: boolean;
  /** The element (for {@link narrowToProse}). */
  el?: El;
}

/** Texts and signatures of {@link Pruned.order} (read after pruning, before Readability changes the DOM). */
function pageParas(order: Pruned['order'], description: string | undefined): PagePara[] {
  const out: PagePara[] = [];
  const desc = description ? normKey(description.replace(/\s*(?:\.\.\.|…)$/, '')) : undefined;
  const parents = new Map<El, number>();
  const hidden = new Map<El, boolean>();
  for (const { el, lede } of order) {
    if (el.isConnected === false) continue;
    const text = clean(el.textContent);
    if (!text) continue;
    const tag = String(el.tagName).toUpperCase();
    const parent = el.parentElement;
    const pcls = parent ? `${parent.getAttribute?.('class') ?? ''}`.trim() : '';
    const own = `${el.getAttribute('class') ?? ''}`.trim();
    const isDesc = !!desc && desc.length >= 40 && normKey(text).startsWith(desc);
    out.push({
      text,
      key: normKey(text),
      h1: tag === 'H1' || undefined,
      sig: `${own}|${parent ? String(parent.tagName) : ''}.${pcls}`,
      classed: !!(own || pcls),
      // a long sentence set as a heading under the headline is a standfirst too (common on German sites)
      lede: lede || isDesc || (tag === 'H2' && text.length >= 100 && /[.!?…"“”»)]$/.test(text)),
      para: tag === 'P',
      parent: parent ? (parents.get(parent) ?? (parents.set(parent, parents.size), parents.size - 1)) : -1,
      hidden: hiddenMemo(el, hidden) || undefined,
      el,
    });
  }
  return out;
}

const RE_DISPLAY_NONE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/** True when `el` or an ancestor is hidden as Readability's `_isProbablyVisible` reads it; memoized in `memo`. */
function hiddenMemo(el: El, memo: Map<El, boolean>): boolean {
  const known = memo.get(el);
  if (known !== undefined) return known;
  const own =
    el.hasAttribute?.('hidden') ||
    el.getAttribute?.('aria-hidden') === 'true' ||
    RE_DISPLAY_NONE.test(el.getAttribute?.('style') ?? '');
  const parent = el.parentElement;
  const h = own || (parent ? hiddenMemo(parent, memo) : false);
  memo.set(el, h);
  return h;
}

/** True when `key` is in `joined`, or its first and last 50 characters are (both {@link normKey}ed). */
function roughlyIn(key: string, joined: string): boolean {
  return joined.includes(key) || (joined.includes(key.slice(0, 50)) && joined.includes(key.slice(-50)));
}

function normKey(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Refiner for a body split into several containers (around an ad, an embed, or a "section" per
 * group of paragraphs): Readability keeps one container. When most kept paragraphs share one
 * classed signature ({@link PagePara.sig}), the paragraphs of that signature it left out are put
 * back in document order, before and between the kept ones; those after the last kept paragraph
 * are not (on the trafilatura benchmark they were more often the next post of a blog page or a
 * promotion than the end of the story). Nothing is added when the left-out text would outweigh
 * the kept text threefold (then the signature is not the body's).
 * @param blocks Readability's text blocks
 * @param paras paragraphs of the pruned page in document order
 */
export function restoreSplitBody(blocks: string[], paras: PagePara[]): string[] {
  if (blocks.length < 2) return blocks;
  const joined = normKey(blocks.join('\n'));
  // A kept paragraph may differ a little from the page's (Readability drops hidden spans, footnote
  // marks …): its head and its tail are enough.
  const kept = paras.map((p) => p.para && roughlyIn(p.key, joined));
  const count = new Map<string, number>();
  let nKept = 0;
  paras.forEach((p, i) => {
    if (!kept[i]) return;
    nKept++;
    if (p.classed) count.set(p.sig, (count.get(p.sig) ?? 0) + 1);
  });
  let sig = '';
  let best = 0;
  for (const [k, v] of count) if (v > best) [sig, best] = [k, v];
  if (best < 2 || best * 2 < nKept) return blocks;
  const missing = paras.filter((p, i) => !kept[i] && p.para && p.sig === sig && p.text.length >= 20);
  if (!missing.length) return blocks;
  let keptChars = 0;
  for (const b of blocks) keptChars += b.length;
  let addChars = 0;
  for (const p of missing) addChars += p.text.length;
  if (addChars > 3 * keptChars || missing.length > 60) return blocks;
  const out: string[] = [];
  const keys = blocks.map(normKey);
  let cursor = 0;
  let pending: string[] = [];
  paras.forEach((p, i) => {
    if (p.sig !== sig || !p.para) return;
    if (!kept[i]) {
      if (p.text.length >= 20) pending.push(p.text);
      return;
    }
    let j = cursor;
    const head = p.key.slice(0, 60);
    while (j < blocks.length && !keys[j].includes(head)) j++;
    if (j >= blocks.length) return; // kept inside a merged block: leave the order as it is
    for (; cursor < j; cursor++) out.push(blocks[cursor]);
    out.push(...pending);
    pending = [];
    out.push(blocks[cursor++]);
  });
  for (; cursor < blocks.length; cursor++) out.push(blocks[cursor]);
  return out;
}

/**
 * Refiner for a dropped standfirst: the last standfirst-like element ({@link RE_LEDE_CLASS}, or a
 * paragraph printing the page's description) before the first kept paragraph, 40–800 characters,
 * with no other prose paragraph between them, is put at the head of the body.
 */
export function restoreLede(blocks: string[], paras: PagePara[]): string[] {
  if (!blocks.length) return blocks;
  const joined = normKey(blocks.join('\n'));
  let lede: PagePara | undefined;
  for (const p of paras) {
    const key = p.key;
    if (p.para && key.length >= 30 && joined.includes(key)) break; // the first kept paragraph
    if (p.h1) lede = undefined; // a standfirst comes after the headline
    else if (p.lede && p.text.length >= 40 && p.text.length <= 800) lede = p;
    else if (p.para && p.text.length >= 80) lede = undefined; // prose in between: not the body's head
  }
  if (!lede || roughlyIn(lede.key, joined)) return blocks;
  return [lede.text, ...blocks];
}

/** True when `el` holds a `<p>` of story prose (≥ 80 characters): a body that shares a paywall class. */
function hasProseParagraph(el: El): boolean {
  for (const p of el.querySelectorAll('p')) if ((p.textContent ?? '').trim().length >= 80) return true;
  return false;
}

/** A text block of the article with what the refiners read about it. */
export interface TextBlock {
  /** The block's text, whitespace collapsed. */
  text: string;
  /** Characters of `text` inside links (`<a>`), whitespace collapsed. */
  linkChars: number;
  /** Tag of the innermost block element holding the text (`P`, `LI`, `H2` …). */
  tag: string;
}

/** Text blocks of an element: one per block-level element, whitespace collapsed, `<br>` splits. */
export function textBlocks(root: El): string[] {
  return blockInfos(root).map((b) => b.text);
}

/** {@link textBlocks} with each block's link characters and tag ({@link TextBlock}). */
export function blockInfos(root: El): TextBlock[] {
  const out: TextBlock[] = [];
  let cur = '';
  let link = '';
  let inLink = 0;
  let tag = 'DIV';
  const flush = (): void => {
    const t = cur.replace(/\s+/g, ' ').trim();
    if (t) out.push({ text: t, linkChars: Math.min(t.length, link.replace(/\s+/g, ' ').trim().length), tag });
    cur = '';
    link = '';
  };
  const visit = (node: El): void => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        const t: string = c.textContent ?? '';
        cur += t;
        if (inLink) link += t;
      } else if (c.nodeType === 1) {
        const name = String(c.tagName).toUpperCase();
        if (SKIP_TEXT_TAGS.has(name)) continue;
        if (name === 'BR') flush();
        else if (BLOCK_TAGS.has(name)) {
          flush();
          const outer = tag;
          tag = name;
          visit(c);
          flush();
          tag = outer;
        } else if (name === 'A') {
          inLink++;
          visit(c);
          inLink--;
          if (inLink) link += ' ';
        } else visit(c);
      }
    }
  };
  visit(root);
  flush();
  return out;
}
