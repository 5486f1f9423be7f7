/**
 * Input schemas of the HTTP API (zod 4). Every query string, path parameter and body is parsed
 * with one of these before it reaches the store; the OpenAPI document is generated from the same
 * schemas (`z.toJSONSchema`), so the document and the validation cannot drift apart.
 */
import { z } from 'zod';
import type { EventQuery } from './data.js';

/** ISO 8601 date or month or year prefix: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`. */
const isoDatePrefix = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD');

/** A full ISO 8601 calendar date `YYYY-MM-DD`. */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO 8601 date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s + 'T00:00:00Z')) && new Date(s + 'T00:00:00Z').toISOString().startsWith(s), 'is not a calendar date');

/** Paging of list routes: `limit` 1..1000 (default 50), `offset` ≥ 0 (default 0). */
export const pagingSchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(50).describe('rows per page, 1..1000'),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0).describe('rows skipped'),
});

const MODALITIES = ['asserted', 'negated', 'planned', 'hypothetical', 'reported'] as const;

/**
 * Event filters of `GET /api/events`, the exports and the aggregate routes (query string).
 * `bbox` is `minLon,minLat,maxLon,maxLat` in decimal degrees.
 */
export const eventFilterSchema = z.object({
  actor: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe('CAMEO actor code (exact or prefix, e.g. RUS or RUSGOV); words that are not a code are matched as a name'),
  actorName: z.string().trim().min(1).max(200).optional().describe('actor as printed, case-insensitive substring'),
  cameo: z.string().regex(/^\d{2,4}$/, 'must be 2 to 4 digits').optional().describe('CAMEO event code, exact or prefix'),
  root: z.string().regex(/^\d{2}$/, 'must be 2 digits').optional().describe('CAMEO root code'),
  quadClass: z.coerce.number().int().min(1).max(4).optional().describe('quad class 1..4'),
  plover: z.string().regex(/^[A-Za-z_]{2,40}$/, 'must be a PLOVER type such as CONSULT').optional().describe('PLOVER event type'),
  from: isoDatePrefix.optional().describe('earliest event date (ISO 8601), inclusive'),
  to: isoDatePrefix.optional().describe('latest event date (ISO 8601), inclusive'),
  place: z.string().trim().min(1).max(200).optional().describe('place name, case-insensitive substring'),
  bbox: z
    .string()
    .optional()
    .describe('bounding box minLon,minLat,maxLon,maxLat (decimal degrees)')
    .superRefine((v, ctx) => {
      if (v === undefined) return;
      const n = v.split(',').map((x) => (x.trim() === '' ? NaN : Number(x)));
      if (n.length !== 4 || n.some((x) => !Number.isFinite(x))) {
        ctx.addIssue({ code: 'custom', message: 'must be four numbers minLon,minLat,maxLon,maxLat' });
        return;
      }
      const [minLon, minLat, maxLon, maxLat] = n;
      if ([minLon, maxLon].some((x) => x < -180 || x > 180) || [minLat, maxLat].some((x) => x < -90 || x > 90)) {
        ctx.addIssue({ code: 'custom', message: 'longitudes must lie in -180..180 and latitudes in -90..90' });
      } else if (minLat > maxLat) ctx.addIssue({ code: 'custom', message: 'minLat must not exceed maxLat' });
    }),
  modality: z.enum(MODALITIES).optional().describe('event modality'),
  q: z.string().trim().min(1).max(500).optional().describe('text search over stories and event words'),
  story: z.string().regex(/^[0-9a-f]{8,64}$/, 'must be a story id (hex content hash)').optional().describe('story id'),
});

/** The parsed query of {@link eventFilterSchema}. */
export type EventFilterQuery = z.infer<typeof eventFilterSchema>;

/** True when `s` looks like a CAMEO actor code (upper-case letters, digits and dashes, no spaces). */
export function isActorCode(s: string): boolean {
  return /^[A-Z0-9-]{3,}$/.test(s);
}

/** The store filter for a parsed event filter query. */
export function toEventQuery(f: EventFilterQuery): EventQuery {
  const q: EventQuery = {
    cameo: f.cameo,
    root: f.root,
    quadClass: f.quadClass,
    plover: f.plover,
    from: f.from,
    to: f.to,
    place: f.place,
    modality: f.modality,
    q: f.q,
    storyId: f.story,
    actorName: f.actorName,
  };
  if (f.actor) {
    if (isActorCode(f.actor)) q.actor = f.actor;
    else q.actorName = f.actor;
  }
  if (f.bbox) q.bbox = f.bbox.split(',').map(Number) as [number, number, number, number];
  for (const k of Object.keys(q) as (keyof EventQuery)[]) if (q[k] === undefined) delete q[k];
  return q;
}

/** Body of `POST /api/analyze` as JSON: `text` or `html` (exactly one), optional date, URL and title. */
export const analyzeBodySchema = z
  .object({
    text: z.string().optional().describe('story as plain text'),
    html: z.string().optional().describe('story as an HTML page'),
    date: isoDay.optional().describe('publication date YYYY-MM-DD (wins over page metadata and inference)'),
    url: z.url({ protocol: /^https?$/ }).max(2000).optional().describe('where the story was published'),
    title: z.string().max(1000).optional().describe('title, when the text has none'),
  })
  .strict()
  .refine((b) => (b.text === undefined) !== (b.html === undefined), { message: 'give exactly one of "text" or "html"' });

/** Query of `POST /api/analyze` with a raw `text/plain` or `text/html` body. */
export const analyzeQuerySchema = z.object({
  date: isoDay.optional().describe('publication date YYYY-MM-DD'),
  url: z.url({ protocol: /^https?$/ }).max(2000).optional().describe('where the story was published'),
});

/** Path parameter of `/api/stories/:id`. */
export const storyParamsSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{8,64}$/, 'must be a story id (hex content hash)'),
});

/** Path parameter of `/api/actors/:code`. */
export const actorParamsSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9-]{3,40}$/, 'must be a CAMEO actor code such as RUSGOV').transform((s) => s.toUpperCase()),
});

/** Query of `/api/timeline`: granularity plus the event filters. */
export const timelineQuerySchema = eventFilterSchema.extend({
  granularity: z.enum(['day', 'month']).default('month').describe('bucket size'),
});

/** Query of `/api/export.jsonl`: what one line holds plus the event filters. */
export const exportJsonlQuerySchema = eventFilterSchema.extend({
  of: z.enum(['events', 'docs']).default('events').describe('one event per line, or one Doc per story with matching events'),
});

/** Query of `/api/actors/:code`: granularity of the counts and paging of the events. */
export const actorQuerySchema = pagingSchema.extend({
  granularity: z.enum(['day', 'month']).default('month').describe('bucket size of the counts'),
});

/**
 * One line naming what is wrong with an input, from a zod error: `where.path: message; …`
 * (at most three issues).
 */
export function describeIssues(where: string, error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${[where, ...i.path.map(String)].join('.')}: ${i.message}`)
    .join('; ');
}
