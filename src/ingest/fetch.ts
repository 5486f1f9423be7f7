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
  /** Allow private, loopback and link-local addresses (default false). */
  allowPrivate?: boolean;
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
    const x = ip.toLowerCase();
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(x);
    if (mapped) return isPrivateAddress(mapped[1]);
    return x === '::' || x === '::1' || /^f[cd]/.test(x) || /^fe[89ab]/.test(x) || /^ff/.test(x) || x.startsWith('2001:db8');
  }
  return true; // not an IP literal: treat as unsafe
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
  if (opts.allowPrivate) return;
  let addrs: string[];
  if (net.isIP(host)) addrs = [host];
  else {
    try {
      addrs = (await dns.lookup(host, { all: true })).map((a) => a.address);
    } catch (err) {
      throw new DatelineError('E_NOT_FOUND', `${u.href}: cannot resolve ${host}`, { cause: err });
    }
  }
  const bad = addrs.find(isPrivateAddress);
  if (bad) throw new DatelineError('E_USAGE', `${u.href}: ${host} resolves to a private or loopback address (${bad}); use --allow-private`);
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
      let res: Response;
      try {
        res = await fetch(u, {
          redirect: 'manual',
          signal: ctrl.signal,
          headers: { 'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT, accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5' },
        });
      } catch (err) {
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
            ctrl.abort();
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
