import type { Doc } from './types.js';

/**
 * The Doc as its versioned JSON shape (DESIGN.md, "Doc JSON (version 1)"): every layer, without
 * the raw input. `JSON.stringify(toJSON(doc))` is what the CLI prints, the store saves and the
 * API returns.
 */
export function toJSON(doc: Doc): Omit<Doc, 'raw' | 'extracted'> {
  const { raw: _raw, extracted: _extracted, ...rest } = doc;
  return rest;
}

/**
 * Parse a Doc from its JSON form (as produced by {@link toJSON}).
 * @throws Error when the value is not an object with `version` 1 and a string `text`.
 */
export function fromJSON(json: string | object): Doc {
  const value = typeof json === 'string' ? JSON.parse(json) : json;
  if (!value || typeof value !== 'object' || (value as Doc).version !== 1 || typeof (value as Doc).text !== 'string') {
    throw new Error('not a Dateline Doc (version 1)');
  }
  return value as Doc;
}
