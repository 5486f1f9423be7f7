/**
 * Ingest: reading inputs, decoding, HTML extraction, cleaning and document metadata.
 * Re-exports the public API of the `src/ingest/*` modules.
 */
export { readInputs, DEFAULT_MAX_BYTES, type InputItem, type ReadOptions } from './read.js';
export { decode, type Decoded, type MediaType } from './decode.js';
export { extractHtml, textBlocks, type HtmlArticle, type HtmlImage } from './html.js';
export { cleanText, matchDateline, type CleanResult, type CleanOptions, type CleanSegment } from './clean.js';
export { findDates, urlDate, relativeStamp, resolveRelative, normalizeDate, type FoundDate, type UrlDate } from './dates.js';
export { ingestStage, cleanStage } from './stage.js';
export { inputToDoc } from './input.js';
