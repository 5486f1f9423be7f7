/**
 * `dateline serve`: the HTTP API (fastify 5, inputs validated with zod 4, OpenAPI document at
 * `/api/openapi.json`) and the analyst web app (built by Vite into `dist/web/`, served from the
 * same server with @fastify/static; every asset bundled, nothing loaded from a CDN).
 *
 * Errors are one-line JSON: `{"error": {"code": "E_USAGE", "message": "query.limit: …"}}` with
 * the stable codes of `DatelineError` (`E_USAGE` bad arguments, `E_NOT_FOUND`, `E_TOO_LARGE`,
 * `E_EMPTY`, `E_BINARY`, `E_NO_TEXT` …) and `E_INTERNAL` for a fault of the server itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { createAnalyzer, type Analyzer } from '../pipeline.js';
import { DatelineError, type ErrorCode } from '../doc/errors.js';
import type { Doc, DocMeta } from '../doc/types.js';
import { toJSON } from '../doc/serialize.js';
import { cameoLabel, formatCSV } from '../output/format.js';
import { cameoInfo } from '../events/cameo.js';
import { openStore } from '../store/sqlite.js';
import type { StoredEvent } from '../store/store.js';
import { sqliteServeData, type ServeData } from './data.js';
import {
  actorParamsSchema,
  actorQuerySchema,
  analyzeBodySchema,
  analyzeQuerySchema,
  describeIssues,
  eventFilterSchema,
  exportJsonlQuerySchema,
  pagingSchema,
  storyParamsSchema,
  timelineQuerySchema,
  toEventQuery,
} from './schemas.js';
import { buildOpenApi, type RouteSpec } from './openapi.js';

/** Options of {@link buildServer}. */
export interface ServerOptions {
  /** SQLite database file (default `./dateline.db`); ignored when `data` is given. */
  db?: string;
  /** The store adapter to use instead of opening `db` (e.g. a PostgreSQL one). */
  data?: ServeData;
  /** The analyzer to use (default: one `createAnalyzer()` for the server's lifetime). */
  analyzer?: Analyzer;
  /** Folder of the built web app (default: `dist/web` of this package); `false` serves the API only. */
  webDir?: string | false;
  /** Largest request body accepted, in bytes (default 5 MiB). Larger bodies get 413 `E_TOO_LARGE`. */
  bodyLimit?: number;
  /** Time allowed to receive a whole request, in ms (default 60 000). */
  requestTimeout?: number;
  /** Allowed CORS origin(s); CORS is off (same origin only) unless given. */
  cors?: string | string[];
  /** Log requests (fastify's pino logger) to stdout. */
  logger?: boolean;
  /**
   * Bearer token required on every writing request (`POST /api/analyze`): `Authorization: Bearer
   * TOKEN`, compared in constant time; a missing or wrong token gets 401 `E_UNAUTHORIZED`.
   * Reading endpoints stay open. Default: none (no token asked) — `--token` or `DATELINE_TOKEN`.
   */
  token?: string;
  /**
   * Rate limit per client address (@fastify/rate-limit, in-memory): `max` requests per `windowMs`
   * on every route, and `analyzeMax` on `POST /api/analyze` (which runs the pipeline). Over it:
   * 429 `E_RATE_LIMIT` with `retry-after`. `true` applies {@link DEFAULT_RATE_LIMIT}; default off
   * here (an embedding program decides), while `dateline serve` turns it on by default.
   */
  rateLimit?: boolean | { max?: number; analyzeMax?: number; windowMs?: number };
}

/**
 * Default rate limit of `dateline serve`: generous, on even for localhost (a runaway script is the likely abuser):
 * 1,000 requests a minute per client address on any route, 120 a minute on `POST /api/analyze`.
 */
export const DEFAULT_RATE_LIMIT = Object.freeze({ max: 1000, analyzeMax: 120, windowMs: 60_000 });

/** True when `given` (an `Authorization` header) carries `Bearer TOKEN`; compared in constant time. */
export function bearerMatches(given: string | undefined, token: string): boolean {
  const m = /^Bearer[ \t]+(\S{1,4096})[ \t]*$/i.exec(given ?? '');
  if (!m) return false;
  const a = createHash('sha256').update(m[1]).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/** Most events written by one export request. */
export const EXPORT_MAX = 100_000;

/** The package root: the nearest folder above this module holding package.json. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (dir !== path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

/** Default folder of the built web app: `dist/web` under the package root. */
export const DEFAULT_WEB_DIR = path.join(packageRoot(), 'dist', 'web');

/** An error to send as `{error: {code, message}}` with an HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message.replace(/\s*\n\s*/g, ' '));
  }
}

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  E_USAGE: 400,
  E_NOT_FOUND: 404,
  E_TOO_LARGE: 413,
  E_EMPTY: 422,
  E_BINARY: 422,
  E_ENCODING: 422,
  E_NO_TEXT: 422,
  E_TIMEOUT: 422,
};

/** Parse `value` with `schema` or throw a 400 `E_USAGE` {@link ApiError} naming the bad fields. */
function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw new ApiError(400, 'E_USAGE', describeIssues(where, r.error));
  return r.data;
}

/** The CAMEO codebook label of a code (the package's CAMEO table), else its root's label. */
function labelOf(e: StoredEvent): string {
  try {
    const info = cameoInfo(e.cameo);
    if (info?.label) return info.label;
  } catch {
    // no CAMEO table: fall back to the root labels
  }
  return cameoLabel({ root: e.root, cameo: e.cameo });
}

/** One event for the API: the stored row plus its CAMEO label. */
function apiEvent(e: StoredEvent): StoredEvent & { label: string } {
  return { ...e, label: labelOf(e) };
}

/**
 * The Docs holding the given events, each with only those events (in the store's order), for the
 * CSV and JSONL exports. Stories are read once each.
 */
async function docsOf(data: ServeData, events: StoredEvent[]): Promise<Doc[]> {
  const byStory = new Map<string, Set<string>>();
  for (const e of events) {
    let s = byStory.get(e.storyId);
    if (!s) byStory.set(e.storyId, (s = new Set()));
    s.add(e.eventId);
  }
  const docs: Doc[] = [];
  for (const [id, ids] of byStory) {
    const doc = await data.getDoc(id);
    if (!doc) continue;
    docs.push({ ...doc, id, events: doc.events.filter((e) => ids.has(e.id)) });
  }
  return docs;
}

/**
 * Build the server (not yet listening): routes, validation, error handling, static web app.
 * The caller owns it: `await app.close()` closes the store too.
 * @throws DatelineError `E_USAGE` when the database cannot be opened.
 */
export async function buildServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const data = options.data ?? sqliteServeData(openStore(options.db ?? './dateline.db'));
  let analyzer = options.analyzer;
  const getAnalyzer = (): Analyzer => (analyzer ??= createAnalyzer({}));

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 5 * 2 ** 20,
    requestTimeout: options.requestTimeout ?? 60_000,
    connectionTimeout: options.requestTimeout ?? 60_000,
    return503OnClosing: true,
    // router-level errors (a path parameter over maxParamLength: 414, a bad URL: 400) in the API's shape
    frameworkErrors: (err, _req, reply) => {
      const status = typeof (err as { statusCode?: number }).statusCode === 'number' ? (err as { statusCode: number }).statusCode : 400;
      void (reply as FastifyReply).status(status).type('application/json; charset=utf-8').send({ error: { code: 'E_USAGE', message: String(err.message).split('\n')[0] } });
    },
  });
  app.addHook('onClose', async () => data.close());

  app.addContentTypeParser(['text/html', 'application/xhtml+xml'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  if (options.cors) await app.register(fastifyCors, { origin: options.cors });

  const rl = !options.rateLimit ? false : { ...DEFAULT_RATE_LIMIT, ...(options.rateLimit === true ? {} : options.rateLimit) };
  if (rl) {
    await app.register(fastifyRateLimit, {
      global: true,
      max: rl.max,
      timeWindow: rl.windowMs,
      errorResponseBuilder: (_req, ctx) => Object.assign(new ApiError(429, 'E_RATE_LIMIT', `rate limit: at most ${ctx.max} requests per ${ctx.after}; retry later`), { statusCode: 429 }),
    });
  }

  if (options.token) {
    const token = options.token;
    app.addHook('onRequest', async (req) => {
      if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
      if (!bearerMatches(req.headers.authorization, token)) {
        throw new ApiError(401, 'E_UNAUTHORIZED', 'this server requires "Authorization: Bearer TOKEN" on writing requests');
      }
    });
  }

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) {
      reply.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      );
    }
    return payload;
  });

  app.setErrorHandler((err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    let status = 500;
    let code = 'E_INTERNAL';
    let message = 'internal error';
    if (err instanceof ApiError) {
      status = err.status;
      code = err.code;
      message = err.message;
    } else if (err instanceof DatelineError) {
      status = STATUS_OF[err.code] ?? 500;
      code = err.code;
      message = err.message;
    } else if (err && typeof err === 'object' && 'statusCode' in err && typeof err.statusCode === 'number' && err.statusCode < 500) {
      status = err.statusCode;
      code = status === 413 ? 'E_TOO_LARGE' : status === 404 ? 'E_NOT_FOUND' : 'E_USAGE';
      message = String((err as unknown as Error).message ?? "bad request").split('\n')[0];
    }
    if (status >= 500) req.log.error(err);
    void reply.status(status).type('application/json; charset=utf-8').send({ error: { code, message } });
  });

  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ error: { code: 'E_NOT_FOUND', message: `no such route: ${req.method} ${req.url.split('?')[0]}` } });
  });

  const routes: RouteSpec[] = [];
  const route = (spec: RouteSpec, handler: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>): void => {
    routes.push(spec);
    const config = rl && spec.method === 'POST' ? { rateLimit: { max: rl.analyzeMax, timeWindow: rl.windowMs } } : undefined;
    app.route({ method: spec.method, url: spec.url, handler, ...(config ? { config } : {}) });
  };

  route(
    {
      method: 'POST',
      url: '/api/analyze',
      summary: 'Analyse one story (JSON {text|html, date?, url?, title?}, or a raw text/plain or text/html body); store it; return its Doc',
      body: analyzeBodySchema,
      query: analyzeQuerySchema,
      rawBody: true,
      response: 'the Doc JSON (version 1); header x-dateline-stored says whether it was new',
    },
    async (req, reply) => {
      const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      const meta: Partial<DocMeta> = {};
      let input: string;
      let date: string | undefined;
      let url: string | undefined;
      if (type === 'application/json') {
        const b = parse(analyzeBodySchema, req.body, 'body');
        input = (b.text ?? b.html)!;
        meta.mediaType = b.html !== undefined ? 'text/html' : 'text/plain';
        date = b.date;
        url = b.url;
        if (b.title) meta.title = b.title;
      } else if (type === 'text/plain' || type === 'text/html' || type === 'application/xhtml+xml') {
        const qs = parse(analyzeQuerySchema, req.query, 'query');
        if (typeof req.body !== 'string' || !req.body.trim()) throw new ApiError(422, 'E_EMPTY', 'body is empty');
        input = req.body;
        meta.mediaType = type === 'text/plain' ? 'text/plain' : 'text/html';
        date = qs.date;
        url = qs.url;
      } else {
        throw new ApiError(415, 'E_USAGE', 'send application/json {"text": …} or a text/plain or text/html body');
      }
      if (!input.trim()) throw new ApiError(422, 'E_EMPTY', 'input is empty');
      meta.input = url ?? 'api';
      if (url) meta.url = url;
      if (date) Object.assign(meta, { published: date, publishedSource: 'given' });
      const doc = await getAnalyzer().analyze(input, meta);
      const saved = await data.saveDoc(doc);
      reply.header('x-dateline-stored', String(saved.stored));
      return { ...toJSON(doc), id: saved.id };
    },
  );

  route(
    { method: 'GET', url: '/api/stories', summary: 'Stored stories, newest first', query: pagingSchema, response: '{total, limit, offset, items: StorySummary[]}' },
    async (req) => data.listStories(parse(pagingSchema, req.query, 'query')),
  );

  route(
    { method: 'GET', url: '/api/stories/:id', summary: 'One stored story: its Doc JSON', params: storyParamsSchema, response: 'the Doc JSON' },
    async (req) => {
      const { id } = parse(storyParamsSchema, req.params, 'params');
      const doc = await data.getDoc(id);
      if (!doc) throw new ApiError(404, 'E_NOT_FOUND', `no story ${id}`);
      return { ...toJSON(doc), id };
    },
  );

  const eventsQuery = eventFilterSchema.extend(pagingSchema.shape);
  route(
    {
      method: 'GET',
      url: '/api/events',
      summary: 'Events matching the filters, by date, with paging and the total count',
      query: eventsQuery,
      response: '{total, limit, offset, items: StoredEvent[] (with label)}',
    },
    async (req) => {
      const f = parse(eventsQuery, req.query, 'query');
      const page = await data.queryEvents(toEventQuery(f), { limit: f.limit, offset: f.offset });
      return { ...page, items: page.items.map(apiEvent) };
    },
  );

  route(
    { method: 'GET', url: '/api/timeline', summary: 'Event counts per day or month (and per quad class)', query: timelineQuerySchema, response: '{granularity, buckets: [{period, count, byQuad}]}' },
    async (req) => {
      const f = parse(timelineQuerySchema, req.query, 'query');
      return { granularity: f.granularity, buckets: await data.timeline(toEventQuery(f), f.granularity) };
    },
  );

  route(
    { method: 'GET', url: '/api/places', summary: 'Located events grouped by coordinates (for the map)', query: eventFilterSchema, response: '{places: [{name, lat, lon, count, stories}]}' },
    async (req) => ({ places: await data.places(toEventQuery(parse(eventFilterSchema, req.query, 'query'))) }),
  );

  route(
    { method: 'GET', url: '/api/network', summary: 'Actor network: source→target edges per quad class with counts', query: eventFilterSchema, response: '{nodes: [{id, count}], edges: [{source, target, quadClass, count}]}' },
    async (req) => {
      const edges = await data.network(toEventQuery(parse(eventFilterSchema, req.query, 'query')));
      const nodes = new Map<string, number>();
      for (const e of edges) {
        nodes.set(e.source, (nodes.get(e.source) ?? 0) + e.count);
        nodes.set(e.target, (nodes.get(e.target) ?? 0) + e.count);
      }
      return { nodes: [...nodes].map(([id, count]) => ({ id, count })), edges };
    },
  );

  route(
    {
      method: 'GET',
      url: '/api/actors/:code',
      summary: 'One actor code (exact or prefix): names as printed, event counts over time, and its events',
      params: actorParamsSchema,
      query: actorQuerySchema,
      response: '{code, names, total, timeline: [{period, count, byQuad}], events: {total, limit, offset, items}}',
    },
    async (req) => {
      const { code } = parse(actorParamsSchema, req.params, 'params');
      const f = parse(actorQuerySchema, req.query, 'query');
      const [names, timeline, events] = await Promise.all([
        data.actorNames(code),
        data.timeline({ actor: code }, f.granularity),
        data.queryEvents({ actor: code }, { limit: f.limit, offset: f.offset }),
      ]);
      if (events.total === 0) throw new ApiError(404, 'E_NOT_FOUND', `no events with actor ${code}`);
      return { code, names, total: events.total, granularity: f.granularity, timeline, events: { ...events, items: events.items.map(apiEvent) } };
    },
  );

  route(
    {
      method: 'GET',
      url: '/api/export.csv',
      summary: `Events matching the filters as CSV: the 61 GDELT 2.0 event columns, then Dateline's (at most ${EXPORT_MAX} rows)`,
      query: eventFilterSchema,
      response: 'text/csv',
    },
    async (req, reply) => {
      const q = toEventQuery(parse(eventFilterSchema, req.query, 'query'));
      const page = await data.queryEvents(q, { limit: EXPORT_MAX, offset: 0 });
      const csv = formatCSV(await docsOf(data, page.items));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="dateline-events.csv"')
        .send(csv);
    },
  );

  route(
    {
      method: 'GET',
      url: '/api/export.jsonl',
      summary: 'Events matching the filters as JSON Lines: one event a line (with storyId), or of=docs: one Doc a line',
      query: exportJsonlQuerySchema,
      response: 'application/x-ndjson',
    },
    async (req, reply) => {
      const f = parse(exportJsonlQuerySchema, req.query, 'query');
      const page = await data.queryEvents(toEventQuery(f), { limit: EXPORT_MAX, offset: 0 });
      const docs = await docsOf(data, page.items);
      const lines: string[] = [];
      for (const d of docs) {
        if (f.of === 'docs') lines.push(JSON.stringify(toJSON(d)));
        else for (const e of d.events) lines.push(JSON.stringify({ storyId: d.id, title: d.meta.title ?? null, url: d.meta.url ?? null, ...e }));
      }
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header('content-disposition', 'attachment; filename="dateline-export.jsonl"')
        .send(lines.length ? lines.join('\n') + '\n' : '');
    },
  );

  route({ method: 'GET', url: '/api/health', summary: 'Liveness and row counts', response: '{ok, counts}' }, async () => ({ ok: true, counts: await data.counts() }));

  let openapi: object | undefined;
  app.get('/api/openapi.json', async () => (openapi ??= buildOpenApi(routes, readVersion())));

  const webDir = options.webDir === undefined ? DEFAULT_WEB_DIR : options.webDir;
  if (webDir && fs.existsSync(path.join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: path.resolve(webDir), prefix: '/', index: 'index.html', wildcard: true });
  } else if (webDir) {
    app.get('/', async (_req, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send(`The web app is not built (no ${path.join(webDir, 'index.html')}): run "npx vite build --config web/vite.config.ts". The API is at /api/.\n`),
    );
  }
  return app;
}

function readVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
}

/** Options of {@link startServer}: the server's plus where to listen. */
export interface ListenOptions extends ServerOptions {
  /** TCP port (default 8080; 0 picks a free one). */
  port?: number;
  /** Interface to listen on (default `127.0.0.1`: this machine only). */
  host?: string;
}

/**
 * Build the server and start listening.
 * @returns the server and its base URL (`http://host:port`)
 * @throws DatelineError `E_USAGE` when the database cannot be opened or the port is taken
 */
export async function startServer(options: ListenOptions = {}): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildServer(options);
  const host = options.host ?? '127.0.0.1';
  try {
    await app.listen({ port: options.port ?? 8080, host });
  } catch (err) {
    await app.close();
    throw new DatelineError('E_USAGE', `cannot listen on ${host}:${options.port ?? 8080}: ${(err as Error).message}`, { cause: err });
  }
  const addr = app.server.address();
  const port = addr && typeof addr === 'object' ? addr.port : options.port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { app, url: `http://${shownHost}:${port}` };
}
