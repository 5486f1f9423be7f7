/**
 * A guard in front of the HTML parser: linkedom and Readability recurse once per level of nesting
 * and walk the tree many times, so a page nested thousands of levels deep overflows the stack
 * (measured: 20,000 nested `<div>`s, 109 s then "Maximum call stack size exceeded") and one with
 * tens of thousands of elements takes minutes (100,000 empty `<span>`s: 92 s). {@link htmlShape}
 * measures the nesting depth and the element count in one linear scan of the markup, without
 * parsing; {@link flattenHtml} rewrites a page over the limits into a flat one — its `<head>` as
 * it was (metadata), then one `<p>` per block of text — that the normal extraction reads quickly.
 */

/** Deepest nesting of elements parsed as is (real news pages: under 60). */
export const MAX_HTML_DEPTH = 256;
/** Most elements parsed as is (262 real pages in ../shared: at most 9,887 elements, nesting at most 32 deep). */
export const MAX_HTML_ELEMENTS = 25_000;
/** Most `<p>` blocks a flattened page holds; more blocks are merged in runs. */
const MAX_FLAT_BLOCKS = 4_000;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'command', 'basefont', 'frame', 'isindex']);
/** Elements whose end tag is often left out: not counted as nesting. */
const OPTIONAL_END = new Set(['p', 'li', 'td', 'th', 'tr', 'dt', 'dd', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'colgroup', 'rt', 'rp', 'html', 'head', 'body']);
/** Raw-text elements: their content is not markup. */
const RAW = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext', 'noscript', 'template']);
const BLOCK = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'article', 'section', 'main', 'header', 'footer', 'aside', 'nav',
  'blockquote', 'pre', 'table', 'tr', 'td', 'th', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'form', 'fieldset', 'hr', 'address', 'details', 'summary', 'body']);
const TAG_NAME = /^[A-Za-z][A-Za-z0-9:-]{0,40}/;

/** One tag found by {@link scanTags}: its name (lower case), whether it closes, and where it ends. */
interface Tag { name: string; close: boolean; selfClosing: boolean; start: number; end: number }

/**
 * The tags of `html` in order, in one pass (indexOf only, no backtracking): comments and the
 * content of raw-text elements are skipped. A `<` not followed by a tag name is text.
 */
function* scanTags(html: string): Generator<Tag> {
  let i = 0;
  for (;;) {
    const lt = html.indexOf('<', i);
    if (lt < 0) return;
    if (html.startsWith('<!--', lt)) {
      const e = html.indexOf('-->', lt + 4);
      if (e < 0) return;
      i = e + 3;
      continue;
    }
    const close = html.charCodeAt(lt + 1) === 0x2f;
    const m = TAG_NAME.exec(html.slice(lt + (close ? 2 : 1), lt + (close ? 2 : 1) + 41));
    if (!m) {
      i = lt + 1;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) return;
    const name = m[0].toLowerCase();
    const tag = { name, close, selfClosing: html.charCodeAt(gt - 1) === 0x2f, start: lt, end: gt + 1 };
    yield tag;
    i = gt + 1;
    if (!close && RAW.has(name)) {
      const e = endOfRaw(html, name, i);
      if (e < 0) return;
      i = e;
    }
  }
}

/** Where the end tag of raw-text element `name` starts, searching from `from`; -1 when none. */
function endOfRaw(html: string, name: string, from: number): number {
  const re = new RegExp(`</${name}`, 'gi');
  re.lastIndex = from;
  return re.exec(html)?.index ?? -1;
}

/** Nesting depth and element count of `html`, measured without parsing it (linear time). */
export function htmlShape(html: string): { depth: number; elements: number } {
  let depth = 0;
  let max = 0;
  let elements = 0;
  for (const t of scanTags(html)) {
    if (t.close) {
      if (!VOID.has(t.name) && !OPTIONAL_END.has(t.name) && depth > 0) depth--;
      continue;
    }
    elements++;
    if (VOID.has(t.name) || OPTIONAL_END.has(t.name) || t.selfClosing) continue;
    if (++depth > max) max = depth;
  }
  return { depth: max, elements };
}

/** Why `html` must be flattened before parsing (over {@link MAX_HTML_DEPTH} or {@link MAX_HTML_ELEMENTS}), or undefined. */
export function tooComplex(html: string): string | undefined {
  if (html.length < 2000) return undefined;
  const s = htmlShape(html);
  if (s.depth > MAX_HTML_DEPTH) return `nested ${s.depth} elements deep (limit ${MAX_HTML_DEPTH})`;
  if (s.elements > MAX_HTML_ELEMENTS) return `${s.elements} elements (limit ${MAX_HTML_ELEMENTS})`;
  return undefined;
}

/**
 * A flat page holding the text of `html`: its `<html>` tag (language) and `<head>` as they were (the head when it is within the
 * limits), then `<body>` with one `<p>` per block of text (block elements and `<br>` end a block;
 * inline markup is dropped; scripts, styles and comments are left out). Character references are
 * kept, so the parser decodes them as before.
 */
export function flattenHtml(html: string): string {
  let head = '';
  const he = html.search(/<\/head\s*>/i);
  if (he > 0 && he < 1_000_000) {
    const h = html.slice(0, he);
    const s = htmlShape(h);
    if (s.depth <= MAX_HTML_DEPTH && s.elements <= MAX_HTML_ELEMENTS) head = h.replace(/^[\s\S]*?<head[^>]{0,200}>/i, '');
  }
  const blocks: string[] = [];
  let cur = '';
  let last = he > 0 && head ? he : 0;
  let inHead = head === '' && he > 0;
  const flush = (): void => {
    const t = cur.replace(/\s+/g, ' ').trim();
    if (t) blocks.push(t);
    cur = '';
  };
  for (const t of scanTags(html)) {
    if (t.start < last) continue;
    if (inHead) {
      if (t.close && t.name === 'head') inHead = false;
      last = t.end;
      continue;
    }
    cur += html.slice(last, t.start);
    last = t.end;
    if (RAW.has(t.name) && !t.close) {
      // skip the raw element's content: scanTags resumes at its end tag
      const e = endOfRaw(html, t.name, t.end);
      last = e < 0 ? html.length : e;
      continue;
    }
    if (BLOCK.has(t.name)) flush();
    else cur += ' ';
  }
  cur += html.slice(last);
  flush();
  let paras = blocks;
  if (blocks.length > MAX_FLAT_BLOCKS) {
    const per = Math.ceil(blocks.length / MAX_FLAT_BLOCKS);
    paras = [];
    for (let i = 0; i < blocks.length; i += per) paras.push(blocks.slice(i, i + per).join(' '));
  }
  const htmlTag = /<html\b[^<>]{0,500}>/i.exec(html.slice(0, 4096))?.[0] ?? '<html>';
  return `<!DOCTYPE html>${htmlTag}<head>${head}</head><body><article>${paras.map((p) => `<p>${p.replace(/</g, '&lt;')}</p>`).join('\n')}</article></body></html>`;
}
