/**
 * Fetching pages over HTTP(S), only when asked (`--fetch`): Node's `fetch` with a timeout per
 * attempt, a size limit (checked on `Content-Length` and while streaming), a user agent, retries with
 * exponential back-off on network errors, 429 and 5xx, an optional allow-list of hosts, and a
 * refusal of private, loopback, link-local and other non-public addresses (RFC 1918, RFC 4193,
 * RFC 3927, RFC 6598, RFC 5737 …) unless `allowPrivate` — the host name is resolved first and every
 * address it resolves to is checked, so a public name pointing at 127.0.0.1 is refused too.
 * Redirects are followed by hand (at most 5), each hop checked the same way.
 */
import dns from 'node:dns/promises';
import dnsCb from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { DatelineError } from '../doc/errors.js';

/** Options of {@link fetchPage}. */
export interface FetchOptions {
  /** Timeout of one attempt, milliseconds (default 15,000). */
  timeoutMs?: number;
  /** Largest body accepted, bytes (default 20 MiB). */
  maxBytes?: number;
  /** Attempts after the first (default 2). */
  retries?: number;
  /** First back-off delay, milliseconds, doubled each retry (default 500). */
  retryDelayMs?: number;
  /** `User-Agent` header (default {@link DEFAULT_USER_AGENT}). */
  userAgent?: string;
  /** Hosts allowed (exact names, or `.example.com` for a domain and its subdomains); empty = any public host. */
  allowHosts?: string[];
  /**
   * Allow private, loopback and link-local addresses: `true` for all, or a list of the addresses
   * allowed (IP literals, e.g. an intranet proxy); default false.
   */
  allowPrivate?: boolean | string[];
}

/** A fetched page. */
export interface FetchedPage {
  /** Final URL after redirects. */
  url: string;
  status: number;
  contentType?: string;
  bytes: Buffer;
}

/** User agent Dateline sends. */
export const DEFAULT_USER_AGENT = 'Dateline/0.1 (news event coder; +https://github.com/dateline)';

/**
 * True when `ip` (IPv4 or IPv6 literal) is not a public unicast address: loopback, private,
 * link-local, carrier-grade NAT, unspecified, multicast, documentation or reserved ranges, and
 * IPv4-mapped IPv6 forms of these.
 */
export function isPrivateAddress(ip: string): boolean {
  if (net.isIPv4(ip)) {
    const [a, b] = ip.split('.').map(Number);
    return (
      a === 0 || a === 10 || a === 127 || a >= 224 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 192 && b === 0) ||
      (a === 198 && (b === 18 || b === 19)) ||
      (a === 198 && b === 51) || (a === 203 && b === 0)
    );
  }
  if (net.isIPv6(ip)) {
    const w = ipv6Words(ip);
    // IPv4-mapped (::ffff:a.b.c.d, in any spelling: the URL parser writes ::ffff:7f00:1),
    // IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) forms: judge the IPv4 address inside
    const v4 = (): string => `${w[6] >> 8}.${w[6] & 255}.${w[7] >> 8}.${w[7] & 255}`;
    if (w.slice(0, 5).every((x) => x === 0) && (w[5] === 0xffff || (w[5] === 0 && (w[6] !== 0 || w[7] > 1)))) return isPrivateAddress(v4());
    if (w[0] === 0x64 && w[1] === 0xff9b && w.slice(2, 6).every((x) => x === 0)) return isPrivateAddress(v4());
    if (w.every((x) => x === 0) || (w.slice(0, 7).every((x) => x === 0) && w[7] === 1)) return true; // :: and ::1
    return (w[0] & 0xfe00) === 0xfc00 || (w[0] & 0xffc0) === 0xfe80 || (w[0] & 0xff00) === 0xff00 || (w[0] === 0x2001 && w[1] === 0xdb8);
  }
  return true; // not an IP literal: treat as unsafe
}

/** The eight 16-bit words of an IPv6 literal (a trailing dotted IPv4 part counts as two). */
function ipv6Words(ip: string): number[] {
  let x = ip.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(x);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    x = x.slice(0, dotted.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = x.includes('::') ? x.split('::') : [x, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((p) => parseInt(p || '0', 16));
}

/** True when `ip` may be connected to under `allow` (`allowPrivate`). */
function addressAllowed(ip: string, allow: boolean | string[] | undefined): boolean {
  if (allow === true) return true;
  if (!isPrivateAddress(ip)) return true;
  return Array.isArray(allow) && allow.some((a) => a === ip || (net.isIPv6(a) && net.isIPv6(ip) && ipv6Words(a).join(':') === ipv6Words(ip).join(':')));
}

/**
 * A `lookup` for `http.request` that refuses, at connect time, an answer that is not a public
 * address (unless allowed): the address connected to is the address checked, so a name whose
 * later DNS answer differs from the first (DNS rebinding) is still refused.
 */
function guardedLookup(allow: boolean | string[] | undefined): net.LookupFunction {
  return ((host: string, options: dnsCb.LookupOptions, cb: (err: NodeJS.ErrnoException | null, address: string | dnsCb.LookupAddress[], family?: number) => void) => {
    dnsCb.lookup(host, { ...options, all: true }, (err, addrs) => {
      if (err) return cb(err, []);
      const list = addrs as dnsCb.LookupAddress[];
      const bad = list.find((a) => !addressAllowed(a.address, allow));
      if (bad) return cb(Object.assign(new Error(`${host} resolves to a private or loopback address (${bad.address})`), { code: 'E_PRIVATE_ADDRESS' }), []);
      if (options.all) return cb(null, list);
      return cb(null, list[0].address, list[0].family);
    });
  }) as net.LookupFunction;
}

function hostAllowed(host: string, allow: string[] | undefined): boolean {
  if (!allow || allow.length === 0) return true;
  const h = host.toLowerCase();
  return allow.some((a) => {
    const x = a.toLowerCase();
    return x.startsWith('.') ? h === x.slice(1) || h.endsWith(x) : h === x;
  });
}

async function checkUrl(u: URL, opts: FetchOptions): Promise<void> {
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new DatelineError('E_USAGE', `${u.href}: only http and https URLs are fetched`);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (!hostAllowed(host, opts.allowHosts)) throw new DatelineError('E_USAGE', `${u.href}: host ${host} is not in the allow-list`);
  if (opts.allowPrivate === true) return;
  let addrs: string[];
  if (net.isIP(host)) addrs = [host];
  else {
    try {
      addrs = (await dns.lookup(host, { all: true })).map((a) => a.address);
    } catch (err) {
      throw new DatelineError('E_NOT_FOUND', `${u.href}: cannot resolve ${host}`, { cause: err });
    }
  }
  const bad = addrs.find((a) => !addressAllowed(a, opts.allowPrivate));
  if (bad) throw new DatelineError('E_USAGE', `${u.href}: ${host} resolves to a private or loopback address (${bad}); use --allow-private`);
}

/** The parts of an HTTP response that {@link fetchOnce} reads (shaped like fetch's `Response`). */
interface HttpResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: AsyncIterable<Buffer> & { cancel(): Promise<void> };
}

/**
 * One GET with node:http(s), no redirect followed, connecting only to an address that
 * {@link guardedLookup} accepts (every address when `allowPrivate` is true).
 */
function request(u: URL, opts: FetchOptions, signal: AbortSignal): Promise<HttpResponse> {
  const mod = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.get(u, {
      signal,
      lookup: opts.allowPrivate === true ? undefined : guardedLookup(opts.allowPrivate),
      headers: { 'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT, accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5' },
    }, (res) => {
      // an abort after the body was read (size limit, timeout) must not become an unhandled error;
      // errors while the body is read reach the reader through the async iterator
      res.on('error', () => undefined);
      const body = Object.assign(res as unknown as AsyncIterable<Buffer>, { cancel: async () => void res.destroy() });
      resolve({
        status: res.statusCode ?? 0,
        headers: { get: (name: string) => { const v = res.headers[name.toLowerCase()]; return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v; } },
        body,
      });
    });
    req.on('error', reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Fetch one URL (see the module doc).
 * @throws DatelineError `E_USAGE` (scheme, allow-list, private address), `E_TOO_LARGE` (over
 *   `maxBytes`), `E_NOT_FOUND` (DNS failure, HTTP 4xx, HTTP 5xx/network error/timeout after the retries)
 */
export async function fetchPage(url: string, opts: FetchOptions = {}): Promise<FetchedPage> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const maxBytes = opts.maxBytes ?? 20 * 1024 * 1024;
  const retries = opts.retries ?? 2;
  const delay = opts.retryDelayMs ?? 500;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new DatelineError('E_USAGE', `${url}: not a valid URL`);
  }
  let lastErr: unknown;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(delay * 2 ** (attempt - 1));
    try {
      return await fetchOnce(u, opts, timeoutMs, maxBytes);
    } catch (err) {
      lastErr = err;
      if (err instanceof DatelineError && !(err as any).retryable) throw err;
    }
  }
  if (lastErr instanceof DatelineError) throw lastErr;
  throw new DatelineError('E_NOT_FOUND', `${url}: ${lastErr instanceof Error ? lastErr.message : String(lastErr)}`, { cause: lastErr });
}

function retryable(e: DatelineError): DatelineError {
  (e as any).retryable = true;
  return e;
}

async function fetchOnce(start: URL, opts: FetchOptions, timeoutMs: number, maxBytes: number): Promise<FetchedPage> {
  let u = start;
  for (let hop = 0; hop <= 5; hop++) {
    await checkUrl(u, opts);
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), timeoutMs);
    try {
      let res: HttpResponse;
      try {
        res = await request(u, opts, ctrl.signal);
      } catch (err) {
        if ((err as NodeJS.ErrnoException)?.code === 'E_PRIVATE_ADDRESS') {
          throw new DatelineError('E_USAGE', `${u.href}: ${(err as Error).message}; use --allow-private`, { cause: err });
        }
        const why = ctrl.signal.aborted ? `timed out after ${timeoutMs} ms` : err instanceof Error ? err.message : String(err);
        throw retryable(new DatelineError('E_NOT_FOUND', `${u.href}: ${why}`, { cause: err }));
      }
      if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
        await res.body?.cancel();
        u = new URL(res.headers.get('location')!, u);
        continue;
      }
      if (res.status === 429 || res.status >= 500) {
        await res.body?.cancel();
        throw retryable(new DatelineError('E_NOT_FOUND', `${u.href}: HTTP ${res.status}`));
      }
      if (res.status >= 400) {
        await res.body?.cancel();
        throw new DatelineError('E_NOT_FOUND', `${u.href}: HTTP ${res.status}`);
      }
      const len = Number(res.headers.get('content-length') ?? NaN);
      if (len > maxBytes) {
        await res.body?.cancel();
        throw new DatelineError('E_TOO_LARGE', `${u.href}: ${len} bytes, over the limit of ${maxBytes} bytes`);
      }
      const chunks: Buffer[] = [];
      let total = 0;
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          total += chunk.length;
          if (total > maxBytes) {
            // leaving the loop destroys the response (the async iterator's return), closing the socket
            throw new DatelineError('E_TOO_LARGE', `${u.href}: over the limit of ${maxBytes} bytes`);
          }
          chunks.push(Buffer.from(chunk));
        }
      } catch (err) {
        if (err instanceof DatelineError) throw err;
        const why = ctrl.signal.aborted ? `timed out after ${timeoutMs} ms` : err instanceof Error ? err.message : String(err);
        throw retryable(new DatelineError('E_NOT_FOUND', `${u.href}: ${why}`, { cause: err }));
      }
      return { url: u.href, status: res.status, contentType: res.headers.get('content-type') ?? undefined, bytes: Buffer.concat(chunks) };
    } finally {
      clearTimeout(timer);
    }
  }
  throw new DatelineError('E_NOT_FOUND', `${start.href}: too many redirects`);
}
