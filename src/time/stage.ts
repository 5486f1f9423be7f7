import { addMessage, type Doc } from '../doc/types.js';
import type { Context } from '../context.js';
import type { Stage } from '../stage.js';
import { parseIsoDay } from './calendar.js';
import { extractTimexes } from './timex.js';
import { inferDocumentDate } from './document-date.js';

/** Locales whose slash dates are day/month ("3/4/2021" = 3 April). Language tags, lower case. */
const DAY_FIRST_LOCALES = /^(?:en-(?:gb|ie|au|nz|in|za)|fr|de|es|it|pt|ru|nl|pl|tr|uk|sv|da|nb|fi)(?:-|$)/;

/**
 * The `time` stage: TIMEX3 temporal expressions of `doc.text` into `doc.timexes`
 * (see {@link extractTimexes}). The anchor (document creation time) is `doc.meta.published`,
 * else `ctx.options.date`; without a valid one the stage adds the message
 * `W_NO_ANCHOR` and writes unknown parts as X (`XXXX-06-28`).
 *
 * Slash dates are read day-first when `doc.meta.language` is a day-first locale (e.g. `en-GB`,
 * `fr`); otherwise month-first (US).
 *
 * When the publication date is unknown (`doc.meta.publishedSource === 'unknown'`, no `--date`), the
 * stage infers it as the latest date the story reports ({@link inferDocumentDate}, not after the
 * crawl time `ctx.options.crawled`), sets `doc.meta.published` with `publishedSource: 'inferred'`,
 * adds the message `W_DATE_INFERRED` and anchors the timexes on it.
 */
export const timeStage: Stage = {
  name: 'time',
  requires: ['sentences', 'tokens'],
  provides: ['timexes'],
  run(doc: Doc, ctx: Context) {
    const dayFirst = DAY_FIRST_LOCALES.test((doc.meta.language ?? '').toLowerCase());
    let given = doc.meta.published ?? ctx.options.date ?? null;
    if (!given && doc.meta.publishedSource === 'unknown') {
      const crawled = doc.meta.crawled ?? ctx.options.crawled;
      const inferred = inferDocumentDate(doc.text, { tokens: doc.tokens, sentences: doc.sentences, dayFirst, notAfter: parseIsoDay(crawled) ? crawled : undefined });
      if (inferred) {
        doc.meta.published = inferred.date;
        doc.meta.publishedSource = 'inferred';
        addMessage(doc, 'time', 'W_DATE_INFERRED', `publication date guessed as ${inferred.date}, the latest date the story reports ("${inferred.evidence}")`);
        given = inferred.date;
      }
    }
    const anchor = parseIsoDay(given) ? given : null;
    if (!anchor) {
      addMessage(doc, 'time', 'W_NO_ANCHOR',
        given ? `publication date "${given}" is not an ISO date; relative dates left with X parts`
          : 'no publication date; relative dates left with X parts');
    }
    doc.timexes = extractTimexes(doc.text, anchor, { tokens: doc.tokens, sentences: doc.sentences, dayFirst });
  },
};
