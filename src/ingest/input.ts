/**
 * From one read input to a fresh `Doc`: the entry point the CLI and the API share.
 */
import { createDoc, type Doc, type DocMeta } from '../doc/types.js';
import { decode } from './decode.js';

/**
 * Decode an input and wrap it in a new `Doc` (`createDoc(raw, {input, mediaType, encoding, ...meta})`).
 * `meta` (e.g. a given `published` with `publishedSource: 'given'`, a known `url`) wins over what
 * decoding found.
 * @throws DatelineError `E_EMPTY`, `E_BINARY` or `E_ENCODING` from {@link decode}
 */
export function inputToDoc(item: { name: string; bytes: Buffer }, meta: Partial<DocMeta> = {}): Doc {
  const d = decode(item.bytes, item.name);
  return createDoc(d.text, { input: item.name, mediaType: d.mediaType, encoding: d.encoding, ...meta });
}
