/**
 * Sentence/story coding for `dateline code` and the event evaluations: one `{id, date, text}`
 * record in, `{id, events}` out, through the full pipeline (the coder parses the text itself), with
 * an analyst's own PETRARCH/Phoenix dictionaries when given (`src/dict`): their verb patterns
 * replace `data/verbs.json`, their actors and agents replace the mention-based actor codes, and
 * their discards void a sentence (or the whole story, `+` entries) as in PETRARCH.
 */
import type { Context } from '../context.js';
import type { Doc, Event } from '../doc/types.js';
import type { Stage } from '../stage.js';
import { createAnalyzer, PIPELINE } from '../pipeline.js';
import { DatelineError } from '../doc/errors.js';
import { containsPhrase, loadDictionaries, normWord, type AnalystDictionaries } from '../dict/index.js';
import { indexVerbs } from './verbs.js';
import { eventsStage } from './stage.js';
import { ANALYST_DICTIONARIES, REQUIRE_DYAD } from './coder.js';

/** One input record (`dateline code` JSON Lines): `date` is ISO 8601 `YYYY-MM-DD`. */
export interface CodeRecord {
  id: string;
  date?: string | null;
  text: string;
  /** Treebank parse; accepted and ignored (the coder parses the text itself). */
  parse?: string | null;
}

/** One output line: the record's id and its events as in the Doc (`error` when the record failed). */
export interface CodeResult {
  id: string;
  events: Event[];
  error?: { code: string; message: string };
  /** Discarded by a discards-dictionary phrase ("sentence" or "story"). */
  discarded?: 'sentence' | 'story';
}

/** Options of {@link createCoder}. */
export interface CoderOptions {
  /** An analyst's dictionary directory or comma-separated files, or dictionaries already loaded. */
  dictionaries?: string | AnalystDictionaries;
  /** Directory of compiled resources (default: the package's `data/`). */
  dataDir?: string;
  /**
   * PETRARCH's `require_dyad` option: true (the default) codes only events with a source and a
   * target; false also codes events whose verb has no target actor (target null).
   */
  requireDyad?: boolean;
}

/** A reusable coder: dictionaries compile once, at creation. */
export interface BatchCoder {
  readonly dictionaries: AnalystDictionaries | null;
  /** Code one record; never throws for a bad record (the error is in the result). */
  code(rec: CodeRecord): Promise<CodeResult>;
  /** The full Doc of one record (for quotes and debugging). @throws DatelineError for bad input. */
  analyze(rec: CodeRecord): Promise<Doc>;
}

/** A context that answers `overrides` first and everything else from `base`. */
function overlay(base: Context, overrides: Map<string, unknown>): Context {
  return Object.freeze({
    options: base.options,
    dataDir: base.dataDir,
    resource<T>(key: string, load: (dir: string) => T): T {
      if (overrides.has(key)) return overrides.get(key) as T;
      return base.resource(key, load);
    },
  });
}

/**
 * A coder over the default pipeline; with `dictionaries`, the events stage sees the analyst's
 * verbs (`events.verbs`) and lexicon (`dict.analyst`).
 * @throws DatelineError `E_NOT_FOUND` / `E_USAGE` from {@link loadDictionaries}.
 */
export function createCoder(opts: CoderOptions = {}): BatchCoder {
  const dicts = typeof opts.dictionaries === 'string' ? loadDictionaries(opts.dictionaries) : opts.dictionaries ?? null;
  let stages: readonly Stage[] = PIPELINE;
  if (dicts || opts.requireDyad === false) {
    const overrides = new Map<string, unknown>();
    if (dicts) overrides.set(ANALYST_DICTIONARIES, dicts);
    if (dicts?.verbs) overrides.set('events.verbs', indexVerbs(dicts.verbs));
    if (opts.requireDyad === false) overrides.set(REQUIRE_DYAD, false);
    const ev: Stage = { ...eventsStage, run: (doc, ctx) => eventsStage.run(doc, overlay(ctx, overrides)) };
    stages = PIPELINE.map((s) => (s === eventsStage ? ev : s));
  }
  const analyzer = createAnalyzer({ ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) }, stages);
  const analyze = (rec: CodeRecord) => {
    const date = rec.date && /^\d{4}-\d{2}-\d{2}/.test(rec.date) ? rec.date.slice(0, 10) : undefined;
    return analyzer.analyze(rec.text, { input: 'record', ...(date ? { published: date, publishedSource: 'given' as const } : {}) });
  };
  return {
    dictionaries: dicts,
    analyze,
    async code(rec) {
      const id = String(rec.id ?? '');
      if (typeof rec.text !== 'string' || !rec.text.trim()) return { id, events: [], error: { code: 'E_EMPTY', message: 'record has no text' } };
      if (dicts && (dicts.discards.story.length || dicts.discards.sentence.length)) {
        const words = rec.text.split(/[\s,.;:!?"()]+/).filter(Boolean).map(normWord);
        if (containsPhrase(words, dicts.discards.story)) return { id, events: [], discarded: 'story' };
        if (containsPhrase(words, dicts.discards.sentence)) return { id, events: [], discarded: 'sentence' };
      }
      try {
        const doc = await analyze(rec);
        return { id, events: doc.events };
      } catch (err) {
        const e = err instanceof DatelineError ? err : new DatelineError('E_STAGE', err instanceof Error ? err.message : String(err));
        return { id, events: [], error: { code: e.code, message: e.message.split('\n')[0] } };
      }
    },
  };
}
