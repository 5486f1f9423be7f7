import type { Doc } from './doc/types.js';
import type { Context } from './context.js';

/** Names of the Doc layers a stage can require or provide. */
export type Layer =
  | 'raw'
  | 'extracted'
  | 'text'
  | 'meta'
  | 'sentences'
  | 'tokens'
  | 'mentions'
  | 'entities'
  | 'actors'
  | 'coref'
  | 'timexes'
  | 'places'
  | 'quotes'
  | 'quantities'
  | 'events'
  | 'flags';

/**
 * A pipeline component (spaCy's component, unified's plugin): it reads the layers it `requires`
 * and adds the layers it `provides`. A stage may be replaced by another (a trained model) with the
 * same `requires`/`provides` without touching the others.
 *
 * `run` throws a `DatelineError` for a fatal problem with the document; a non-fatal one becomes a
 * message on the document (`addMessage`).
 */
export interface Stage {
  readonly name: string;
  readonly requires: readonly Layer[];
  readonly provides: readonly Layer[];
  run(doc: Doc, ctx: Context): void | Promise<void>;
}
