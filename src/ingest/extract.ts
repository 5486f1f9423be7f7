/**
 * One HTML page → the article as `dateline extract` prints it: the cleaned body text (the text the
 * `clean` stage makes `doc.text`) with the page's news metadata.
 */
import { extractHtml, type HtmlArticle } from './html.js';
import { cleanText } from './clean.js';
import { detectLanguage } from './language.js';

/** An extracted article (DESIGN.md `dateline extract` contract). Dates ISO 8601. */
export interface ExtractedArticle {
  title?: string;
  /**
   * Cleaned body text: paragraphs joined by `\n\n`. Unlike `doc.text`, a dateline at its head is
   * kept (it is printed in the story); it is also given apart in `dateline`.
   */
  text: string;
  /** Authors as a list, without "By", dates or job titles. */
  authors: string[];
  published?: string;
  modified?: string;
  /** ISO 639-1 code: the page's declared language, else detected from the text (franc-min). */
  language?: string;
  /** How `language` was obtained. */
  languageSource?: 'declared' | 'detected';
  /** Canonical URL. */
  url?: string;
  section?: string;
  siteName?: string;
  description?: string;
  /** True when the page marks the article as not free (JSON-LD) or a paywall notice was removed. */
  paywalled: boolean;
  /** The dateline place printed at the head of the body ("KYIV"). */
  dateline?: string;
  copyrightLine?: string;
  /** Lines removed as boilerplate during cleaning. */
  boilerplate: string[];
  images: HtmlArticle['images'];
  /** Word count of `text` (runs of letters/digits). */
  words: number;
}

/**
 * Extract the article of an HTML page and clean its text.
 * @param html decoded HTML
 * @param opts `url`: the page's address when known (used when the page names no canonical URL)
 * @throws DatelineError `E_NO_TEXT` when the page has no article text
 */
export function extractArticle(html: string, opts: { url?: string } = {}): ExtractedArticle {
  const art = extractHtml(html, opts);
  const c = cleanText(art.text, { title: art.title, keepDateline: true });
  const text = c.text;
  const declared = art.language;
  const detected = declared ? undefined : detectLanguage(text);
  return {
    title: art.title,
    text,
    authors: art.authors ?? [],
    published: art.published,
    modified: art.modified,
    language: declared ?? detected,
    languageSource: declared ? 'declared' : detected ? 'detected' : undefined,
    url: art.url,
    section: art.section,
    siteName: art.siteName,
    description: art.description,
    paywalled: !!art.paywalled,
    dateline: c.dateline,
    copyrightLine: c.copyrightLine,
    boilerplate: c.boilerplate,
    images: art.images,
    words: (text.match(/[\p{L}\p{N}]+/gu) ?? []).length,
  };
}
