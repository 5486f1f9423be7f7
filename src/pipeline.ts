import type { Doc, DocMeta } from './doc/types.js';
import { addMessage, createDoc } from './doc/types.js';
import { DatelineError } from './doc/errors.js';
import { createContext, DEFAULT_LIMITS, type AnalyzeOptions, type Context } from './context.js';
import type { Layer, Stage } from './stage.js';
import { ingestStage, cleanStage } from './ingest/stage.js';
import { checkDecodedText, decode, sniffMediaType } from './ingest/decode.js';
import { segmentStage } from './nlp/segment.js';
import { mentionsStage } from './nlp/mentions.js';
import { entitiesStage } from './link/entities.js';
import { actorsStage } from './link/actors.js';
import { corefStage } from './link/coref.js';
import { timeStage } from './time/stage.js';
import { placesStage } from './geo/stage.js';
import { quotesStage } from './events/quotes.js';
import { quantitiesStage } from './events/quantities.js';
import { eventsStage } from './events/stage.js';
import { eventPlacesStage } from './geo/event-location.js';
import { checksStage } from './checks/stage.js';

/**
 * The pipeline: the one list of stages, in order (DESIGN.md "Pipeline").
 * ingest → clean → segment → mentions → entities → actors → coref → time → places → quotes →
 * quantities → events → event places → checks.
 */
export const PIPELINE: readonly Stage[] = Object.freeze([
  ingestStage,
  cleanStage,
  segmentStage,
  mentionsStage,
  entitiesStage,
  actorsStage,
  corefStage,
  timeStage,
  placesStage,
  quotesStage,
  quantitiesStage,
  eventsStage,
  eventPlacesStage,
  checksStage,
]);

/**
 * Check once, before the first document, that every stage's `requires` is provided by an earlier
 * stage (or is the raw input).
 * @throws DatelineError `E_PIPELINE` naming the stage and the missing layer.
 */
export function checkPipeline(stages: readonly Stage[]): void {
  const have = new Set<Layer>(['raw']);
  const names = new Set<string>();
  for (const s of stages) {
    if (names.has(s.name)) throw new DatelineError('E_PIPELINE', `stage "${s.name}" appears twice`);
    names.add(s.name);
    for (const r of s.requires) {
      if (!have.has(r)) throw new DatelineError('E_PIPELINE', `stage "${s.name}" requires "${r}", which no earlier stage provides`);
    }
    for (const p of s.provides) have.add(p);
  }
}

/** Options of {@link analyze}: analysis options plus metadata known about the input. */
export type AnalyzeInputOptions = AnalyzeOptions & { meta?: Partial<DocMeta> };

/** A pipeline bound to a context: resources load once and are shared by every document it analyses. */
export interface Analyzer {
  readonly ctx: Context;
  /**
   * Analyse one input: bytes are decoded (encoding detected), a string is taken as decoded text.
   * Limits ({@link DEFAULT_LIMITS}, set in the options): `maxBytes` of input, `maxTextChars` of
   * text (a text/plain input is measured before ingest, any input again after cleaning), and a
   * per-document deadline `timeoutMs` checked between stages.
   * @throws DatelineError for a fatal problem with this input (`E_EMPTY`, `E_BINARY`, `E_NO_TEXT`,
   *   `E_TOO_LARGE` over a limit, `E_TIMEOUT` past the deadline, `E_STAGE` a stage's own fault …).
   */
  analyze(input: string | Buffer, meta?: Partial<DocMeta>): Promise<Doc>;
}

/**
 * A new analyzer over `stages` (default: {@link PIPELINE}), checking the stage order once.
 * @throws DatelineError `E_PIPELINE` when the stage order is wrong.
 */
export function createAnalyzer(options: AnalyzeOptions = {}, stages: readonly Stage[] = PIPELINE): Analyzer {
  checkPipeline(stages);
  const ctx = createContext(options);
  return {
    ctx,
    async analyze(input, meta = {}) {
      const maxBytes = options.maxBytes ?? DEFAULT_LIMITS.maxBytes;
      const started = performance.now();
      const maxText = options.maxTextChars ?? DEFAULT_LIMITS.maxTextChars;
      const timeoutMs = options.timeoutMs ?? DEFAULT_LIMITS.timeoutMs;
      const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
      if (size > maxBytes) {
        throw new DatelineError('E_TOO_LARGE', `input of ${size} bytes exceeds the limit of ${maxBytes} bytes`);
      }
      let raw: string;
      let nulsRemoved: number | undefined;
      const m: Partial<DocMeta> = { ...meta };
      if (typeof input === 'string') {
        raw = input;
        m.mediaType ??= sniffMediaType(input, meta.input);
      } else {
        const d = decode(input, meta.input);
        raw = d.text;
        nulsRemoved = d.nulsRemoved;
        m.encoding = d.encoding;
        m.mediaType ??= d.mediaType;
      }
      if (!raw.trim()) throw new DatelineError('E_EMPTY', 'input is empty');
      if (typeof input === 'string') ({ text: raw, nulsRemoved } = checkDecodedText(raw, meta.input));
      if (m.mediaType === 'text/plain' && raw.length > maxText) {
        throw new DatelineError('E_TOO_LARGE', `text of ${raw.length} characters exceeds the limit of ${maxText} characters (--max-text)`);
      }
      const doc = createDoc(raw, m);
      if (nulsRemoved) addMessage(doc, 'ingest', 'W_NUL_REMOVED', `${nulsRemoved} stray NUL character${nulsRemoved > 1 ? 's' : ''} removed from the input`);
      for (const stage of stages) {
        if (doc.messages.some((x) => x.code === 'W_NOT_ENGLISH')) break; // non-English: stored, not coded (issue 6)
        if (timeoutMs > 0 && performance.now() - started > timeoutMs) {
          throw new DatelineError('E_TIMEOUT', `analysis ran past its deadline of ${timeoutMs} ms before stage "${stage.name}" (--timeout)`);
        }
        try {
          await stage.run(doc, ctx);
        } catch (err) {
          if (err instanceof DatelineError) throw err;
          throw new DatelineError('E_STAGE', `stage "${stage.name}" failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
        }
        if (stage.provides.includes('text') && doc.text.length > maxText) {
          throw new DatelineError('E_TOO_LARGE', `cleaned text of ${doc.text.length} characters exceeds the limit of ${maxText} characters (--max-text)`);
        }
      }
      if (timeoutMs > 0 && performance.now() - started > timeoutMs) {
        throw new DatelineError('E_TIMEOUT', `analysis ran past its deadline of ${timeoutMs} ms (--timeout)`);
      }
      return doc;
    },
  };
}

/**
 * Analyse one story with the default pipeline and a fresh context. For many stories create one
 * {@link createAnalyzer} and reuse it, so resources load once.
 * @throws DatelineError for a fatal problem with the input.
 */
export async function analyze(input: string | Buffer, options: AnalyzeInputOptions = {}): Promise<Doc> {
  const { meta, ...opts } = options;
  return createAnalyzer(opts).analyze(input, meta);
}
