/**
 * Calls to the Dateline HTTP API (same origin). Errors come back as `{error: {code, message}}`
 * and are thrown as {@link ApiError} with that code and message.
 */
import type { Doc } from '../../src/doc/types.js';

/** An error answered by the API (or a network failure, code `E_NETWORK`). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
  ) {
    super(message);
  }
}

/** One stored event as `/api/events` returns it. Offsets are UTF-16 code units into the story text. */
export interface ApiEvent {
  storyId: string;
  eventId: string;
  cameo: string;
  root: string;
  label: string;
  quadClass: number;
  goldstein: number;
  plover: string | null;
  sourceText: string;
  sourceActor: string;
  targetText: string | null;
  targetActor: string | null;
  date: string | null;
  placeName: string | null;
  lat: number | null;
  lon: number | null;
  modality: string;
  triggerText: string;
}

/** A page of results with the total number of matches. */
export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (e) {
    throw new ApiError('E_NETWORK', `cannot reach the server (${(e as Error).message})`);
  }
  const type = res.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const err = body && typeof body === 'object' && 'error' in body ? (body as { error: { code: string; message: string } }).error : null;
    throw new ApiError(err?.code ?? `HTTP_${res.status}`, err?.message ?? res.statusText, res.status);
  }
  return body as T;
}

/** A query string of the non-empty filter values (without `?`). */
export function queryString(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q.toString();
}

/** The API calls the views use. */
export const api = {
  /**
   * Analyse and store a story. `token`, when given, is sent as `Authorization: Bearer TOKEN` (a
   * server started with `--token` answers 401 `E_UNAUTHORIZED` to a writing request without it).
   */
  analyze(body: { text?: string; html?: string; date?: string; url?: string }, token?: string): Promise<Doc> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    return call('/api/analyze', { method: 'POST', headers, body: JSON.stringify(body) });
  },
  story(id: string): Promise<Doc> {
    return call(`/api/stories/${encodeURIComponent(id)}`);
  },
  events(filters: Record<string, string>, limit: number, offset: number): Promise<Page<ApiEvent>> {
    return call(`/api/events?${queryString({ ...filters, limit, offset })}`);
  },
  timeline(filters: Record<string, string>, granularity: 'day' | 'month'): Promise<{ buckets: { period: string; count: number; byQuad: number[] }[] }> {
    return call(`/api/timeline?${queryString({ ...filters, granularity })}`);
  },
  places(filters: Record<string, string>): Promise<{ places: { name: string; lat: number; lon: number; count: number; stories: number }[] }> {
    return call(`/api/places?${queryString(filters)}`);
  },
  network(filters: Record<string, string>): Promise<{ nodes: { id: string; count: number }[]; edges: { source: string; target: string; quadClass: number; count: number }[] }> {
    return call(`/api/network?${queryString(filters)}`);
  },
};

/** Colours of the four CAMEO quad classes (1 verbal cooperation … 4 material conflict). */
export const QUAD_COLOURS = ['#2e7d32', '#1565c0', '#ef6c00', '#c62828'] as const;
/** Names of the four CAMEO quad classes. */
export const QUAD_NAMES = ['verbal cooperation', 'material cooperation', 'verbal conflict', 'material conflict'] as const;
