/**
 * URL fetching refuses private, loopback, link-local and other non-public addresses — given as
 * literals in any spelling the URL parser accepts, reached by a redirect, or answered by DNS
 * (checked again on the address actually connected to, so a name whose second answer is private —
 * DNS rebinding — is refused too) — unless allowed (`allowPrivate: true`, or a list of addresses).
 * Local HTTP servers on 127.0.0.1 and 127.0.0.2 stand in for the internal services.
 */
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import http from 'node:http';
import dns from 'node:dns';
import type { AddressInfo } from 'node:net';
import { fetchPage, isPrivateAddress } from '../../src/ingest/fetch.js';

let a: http.Server; // 127.0.0.1: the "public" site (allowed by address in these tests)
let b: http.Server; // 127.0.0.2: the internal service
let aPort = 0;
let bPort = 0;
let internalHits = 0;

beforeAll(async () => {
  b = http.createServer((_req, res) => {
    internalHits++;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('internal secret');
  });
  await new Promise<void>((r) => b.listen(0, '127.0.0.2', () => r()));
  bPort = (b.address() as AddressInfo).port;
  a = http.createServer((req, res) => {
    if (req.url === '/to-internal') {
      res.writeHead(302, { location: `http://127.0.0.2:${bPort}/` });
      res.end();
    } else if (req.url === '/to-mapped') {
      res.writeHead(301, { location: `http://[::ffff:127.0.0.2]:${bPort}/` });
      res.end();
    } else if (req.url === '/to-v6') {
      res.writeHead(307, { location: `http://[::1]:${bPort}/` });
      res.end();
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<p>public page</p>');
    }
  });
  await new Promise<void>((r) => a.listen(0, '127.0.0.1', () => r()));
  aPort = (a.address() as AddressInfo).port;
});

afterAll(async () => {
  vi.restoreAllMocks();
  await new Promise<void>((r) => a.close(() => r()));
  await new Promise<void>((r) => b.close(() => r()));
});

describe('address classes', () => {
  it('private, loopback, link-local, CGNAT, multicast and mapped forms are not public', () => {
    for (const ip of ['127.0.0.1', '127.1.2.3', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255',
      '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '0:0:0:0:0:ffff:7f00:1', '::ffff:a9fe:a9fe', '::127.0.0.1', '64:ff9b::7f00:1', '2001:db8::1']) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const ip of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:5db8:d822']) expect(isPrivateAddress(ip), ip).toBe(false);
  });
});

describe('fetching refuses non-public addresses', () => {
  it('literals in every spelling the URL parser accepts', async () => {
    for (const host of ['127.0.0.2', '2130706434', '0x7f.0.0.2', '0177.0.0.2', '[::ffff:127.0.0.2]', '[::ffff:7f00:2]', 'localhost']) {
      await expect(fetchPage(`http://${host}:${bPort}/`, { retries: 0 }), host).rejects.toMatchObject({ code: 'E_USAGE' });
    }
    expect(internalHits).toBe(0);
  });

  it('allowPrivate lets them through; a list allows only its addresses', async () => {
    expect((await fetchPage(`http://127.0.0.2:${bPort}/`, { allowPrivate: true })).bytes.toString()).toBe('internal secret');
    expect((await fetchPage(`http://127.0.0.1:${aPort}/`, { allowPrivate: ['127.0.0.1'] })).status).toBe(200);
    await expect(fetchPage(`http://127.0.0.2:${bPort}/`, { allowPrivate: ['127.0.0.1'], retries: 0 })).rejects.toMatchObject({ code: 'E_USAGE' });
    internalHits = 0;
  });

  it('after a redirect, to a literal, a mapped literal or IPv6 loopback', async () => {
    for (const p of ['/to-internal', '/to-mapped', '/to-v6']) {
      await expect(fetchPage(`http://127.0.0.1:${aPort}${p}`, { allowPrivate: ['127.0.0.1'], retries: 0 }), p).rejects.toMatchObject({ code: 'E_USAGE' });
    }
    expect(internalHits).toBe(0);
  });

  it('after DNS answers, including a second answer that differs from the first (rebinding)', async () => {
    const real = dns.lookup;
    let calls = 0;
    // first answer public, every later one the internal service
    const fake = ((host: string, options: unknown, cb?: unknown) => {
      const callback = (typeof options === 'function' ? options : cb) as (...args: unknown[]) => void;
      const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
      if (host !== 'rebind.test') return (real as unknown as (...x: unknown[]) => void)(host, options, cb);
      const address = calls++ === 0 ? '93.184.216.34' : '127.0.0.2';
      process.nextTick(() => (all ? callback(null, [{ address, family: 4 }]) : callback(null, address, 4)));
    }) as unknown as typeof dns.lookup;
    const spy = vi.spyOn(dns, 'lookup').mockImplementation(fake);
    vi.spyOn(dns.promises, 'lookup').mockImplementation((async (host: string, options?: unknown) => {
      return new Promise((resolve, reject) => fake(host, options as dns.LookupAllOptions, ((err: Error | null, addr: unknown, family?: number) => (err ? reject(err) : resolve(Array.isArray(addr) ? addr : { address: addr, family }))) as never));
    }) as never);
    try {
      await expect(fetchPage(`http://rebind.test:${bPort}/`, { retries: 0 })).rejects.toMatchObject({ code: 'E_USAGE' });
      expect(calls).toBeGreaterThanOrEqual(2); // checked, then checked again at connect time
      calls = 1; // every answer private now
      await expect(fetchPage(`http://rebind.test:${bPort}/`, { retries: 0 })).rejects.toMatchObject({ code: 'E_USAGE' });
    } finally {
      spy.mockRestore();
      vi.restoreAllMocks();
    }
    expect(internalHits).toBe(0);
  });
});
