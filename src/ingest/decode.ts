/**
 * Byte → text decoding with encoding detection, binary/empty rejection and media-type sniffing.
 *
 * Order of decisions (WHATWG Encoding Standard's BOM sniffing, then content detection):
 * 1. empty input → `E_EMPTY`;
 * 2. a byte-order mark (UTF-8 `EF BB BF`, UTF-16LE `FF FE`, UTF-16BE `FE FF`) decides;
 * 3. BOM-less UTF-16 is recognised by its pattern of NUL bytes (ASCII-range text); any other
 *    input with NUL bytes → `E_BINARY`, unless they are stray (at most one per 1,000 bytes, as in
 *    scraped pages with a few NULs pasted in): those are removed and counted in `nulsRemoved`;
 * 4. bytes that are valid UTF-8 are UTF-8 (ASCII included);
 * 5. otherwise an HTML `<meta charset>` declaration, else chardet's guess, decoded by iconv-lite
 *    (ISO-8859-1 is read as its superset windows-1252, as HTML5 browsers do).
 * The decoded text is then rejected as `E_EMPTY` (whitespace only), `E_BINARY` (more than 10% control
 * characters) or `E_ENCODING` (more than 2% U+FFFD replacement characters).
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { DatelineError } from '../doc/errors.js';

/** Media types Dateline reads. */
export type MediaType = 'text/plain' | 'text/html';

/** Result of {@link decode}. */
export interface Decoded {
  /** The decoded text, without a byte-order mark. */
  text: string;
  /** Encoding the bytes were decoded from, e.g. `UTF-8`, `UTF-16LE`, `windows-1252`. */
  encoding: string;
  /** `text/html` when the name ends in `.html`/`.htm`/`.xhtml` or the content starts like HTML. */
  mediaType: MediaType;
  /** Stray NUL bytes (or characters) removed before decoding; absent when there were none. */
  nulsRemoved?: number;
}

/** Most NULs that count as stray: one per 1,000 bytes (or characters) of input, at least one. */
function strayNulLimit(length: number): number {
  return Math.max(1, Math.floor(length / 1000));
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const HTML_NAME = /\.x?html?$/i;
/** An HTML tag at the start of a line near the top of the text (content sniffing). */
const HTML_SNIFF =
  /(?:^|\n)[ \t]*<(?:!doctype[ \t]+html|html|head|body|p|article|main|section|div|h[1-6]|meta|title|!--)[\s>/]/i;
const META_CHARSET = /<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})/i;

/**
 * Decode the bytes of one input to text.
 * @param bytes raw input
 * @param name file name or other label, used for the `.html` test and in error messages
 * @throws DatelineError `E_EMPTY`, `E_BINARY` or `E_ENCODING` with a one-line message
 */
export function decode(bytes: Buffer, name = 'input'): Decoded {
  if (bytes.length === 0) throw new DatelineError('E_EMPTY', `${name}: input is empty`);
  let text: string;
  let encoding: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'UTF-8';
    text = decodeUtf8Lenient(bytes.subarray(3));
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'UTF-16LE';
    text = bytes.subarray(2).toString('utf16le');
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'UTF-16BE';
    text = iconv.decode(bytes.subarray(2), 'utf-16be');
  } else {
    const nul = bytes.indexOf(0);
    const utf16 = nul >= 0 ? sniffUtf16(bytes) : null;
    if (utf16) {
      encoding = utf16;
      text = utf16 === 'UTF-16LE' ? bytes.toString('utf16le') : iconv.decode(bytes, 'utf-16be');
    } else {
      if (nul >= 0) {
        let count = 0;
        for (let i = nul; i < bytes.length; i++) if (bytes[i] === 0) count++;
        if (count > strayNulLimit(bytes.length)) throw new DatelineError('E_BINARY', `${name}: input is binary (contains ${count} NUL bytes)`);
        const kept = Buffer.allocUnsafe(bytes.length - count);
        let k = 0;
        for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) kept[k++] = bytes[i];
        const d = decode(kept, name);
        return { ...d, nulsRemoved: count };
      }
      const utf8 = tryUtf8(bytes);
      if (utf8 !== null) {
        encoding = 'UTF-8';
        text = utf8;
      } else {
        encoding = detectLegacy(bytes, name);
        text = iconv.decode(bytes, encoding);
      }
    }
  }
  checkText(text, name, encoding);
  return { text, encoding, mediaType: sniffMediaType(text, name) };
}

/**
 * Media type of decoded input: `text/html` when `name` ends in `.html`/`.htm`/`.xhtml` or an HTML
 * tag starts a line in the first 2,048 characters, else `text/plain`.
 */
export function sniffMediaType(text: string, name = ''): MediaType {
  return HTML_NAME.test(name) || HTML_SNIFF.test(text.slice(0, 2048)) ? 'text/html' : 'text/plain';
}

function tryUtf8(bytes: Buffer): string | null {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}

function decodeUtf8Lenient(bytes: Buffer): string {
  return tryUtf8(bytes) ?? bytes.toString('utf8');
}

/** BOM-less UTF-16: NULs in at least 30% of one byte lane and under 5% of the other. */
function sniffUtf16(bytes: Buffer): 'UTF-16LE' | 'UTF-16BE' | null {
  if (bytes.length % 2 !== 0) return null;
  const n = Math.min(bytes.length, 8192);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) i % 2 === 0 ? even++ : odd++;
  const half = n / 2;
  if (odd >= 0.3 * half && even < 0.05 * half) return 'UTF-16LE';
  if (even >= 0.3 * half && odd < 0.05 * half) return 'UTF-16BE';
  return null;
}

function normalizeEncodingName(enc: string): string {
  const e = enc.toLowerCase();
  if (e === 'iso-8859-1' || e === 'latin1' || e === 'us-ascii' || e === 'ascii') return 'windows-1252';
  return enc;
}

function detectLegacy(bytes: Buffer, name: string): string {
  const head = bytes.subarray(0, 2048).toString('latin1');
  const declared = META_CHARSET.exec(head)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) {
    const enc = normalizeEncodingName(declared);
    if (iconv.encodingExists(enc)) return enc;
  }
  const guess = chardet.detect(bytes.subarray(0, 65536));
  if (guess) {
    const enc = normalizeEncodingName(guess);
    if (/^utf-?(16|32)/i.test(enc) || !iconv.encodingExists(enc)) {
      throw new DatelineError('E_ENCODING', `${name}: cannot decode input (detected ${guess})`);
    }
    return enc;
  }
  throw new DatelineError('E_ENCODING', `${name}: cannot detect the character encoding`);
}

/**
 * Check text that arrives already decoded (a string given to the API or to `analyze`): the same
 * rules as for decoded bytes, NUL characters included (stray ones removed and counted, more than
 * one per 1,000 characters make it binary), as for the bytes of a file.
 * @param text the input text
 * @param name label used in error messages
 * @returns the text without stray NULs, and their count when there were any
 * @throws DatelineError `E_EMPTY`, `E_BINARY` or `E_ENCODING` with a one-line message
 */
export function checkDecodedText(text: string, name = 'input'): { text: string; nulsRemoved?: number } {
  let nulsRemoved: number | undefined;
  if (text.indexOf('\u0000') >= 0) {
    const kept = text.replace(/\u0000/g, '');
    const count = text.length - kept.length;
    if (count > strayNulLimit(text.length)) throw new DatelineError('E_BINARY', `${name}: input is binary (contains ${count} NUL characters)`);
    text = kept;
    nulsRemoved = count;
  }
  checkText(text, name, 'UTF-16');
  return nulsRemoved ? { text, nulsRemoved } : { text };
}

/** Reject whitespace-only, control-character-heavy or badly decoded text. */
function checkText(text: string, name: string, encoding: string): void {
  const n = Math.min(text.length, 65536);
  let nonSpace = 0;
  let control = 0;
  let replacement = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0x0b || c === 0xa0 || c === 0xfeff) continue;
    nonSpace++;
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f)) control++;
    else if (c === 0xfffd) replacement++;
  }
  if (nonSpace === 0) throw new DatelineError('E_EMPTY', `${name}: input is empty or whitespace only`);
  if (control > 0.1 * nonSpace || (encoding.startsWith('UTF-16') && text.indexOf('\u0000') >= 0)) {
    throw new DatelineError('E_BINARY', `${name}: input looks binary (${control} control characters)`);
  }
  if (replacement > 0.02 * nonSpace) {
    throw new DatelineError('E_ENCODING', `${name}: input does not decode cleanly as ${encoding}`);
  }
}
