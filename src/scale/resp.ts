/**
 * A small Redis client (RESP2 over `node:net`) for BullMQ.
 *
 * Why: BullMQ 6 no longer bundles a Redis client; it takes `ioredis` or `redis` (node-redis) as an
 * optional peer, and neither is installed in this project. BullMQ ships an adapter,
 * `createBunRedisClient`, that drives any raw client with a minimal interface (`send(command,
 * args)` for every command, `connect`, `close`, `duplicate`, connection callbacks); this module
 * implements that interface in Node, so BullMQ's queues and workers run unchanged on it. Replies
 * are decoded per RESP2 (https://redis.io/docs/latest/develop/reference/protocol-spec/): simple
 * strings and bulk strings as JS strings (UTF-8), integers as numbers, nil as null, arrays as
 * arrays (an error inside an array, as EXEC returns, as an `Error` element), and an error reply
 * rejects the command. Commands are pipelined: replies arrive in request order.
 */
import net from 'node:net';
import tls from 'node:tls';
import { createBunRedisClient, type BunRedisRawClient, type RedisCommandArgument } from 'bullmq';

/** Where and how to connect. */
export interface RespOptions {
  host: string;
  port: number;
  username?: string;
  password?: string;
  /** Database number, selected on connect (default 0). */
  db?: number;
  /** Use TLS (`rediss://`). */
  tls?: boolean;
  /** Connect timeout, milliseconds (default 10000). */
  connectTimeoutMs?: number;
}

/** An error reply of the Redis server (`-ERR …`). */
export class RedisReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisReplyError';
  }
}

type Reply = string | number | null | Error | Reply[];

/** Parse one RESP2 reply starting at `pos`; returns undefined when the buffer does not hold all of it yet. */
function parse(buf: Buffer, pos: number): { value: Reply; next: number } | undefined {
  if (pos >= buf.length) return undefined;
  const eol = buf.indexOf('\r\n', pos);
  if (eol < 0) return undefined;
  const type = buf[pos];
  const line = buf.toString('utf8', pos + 1, eol);
  const after = eol + 2;
  switch (type) {
    case 0x2b: // +
      return { value: line, next: after };
    case 0x2d: // -
      return { value: new RedisReplyError(line), next: after };
    case 0x3a: // :
      return { value: Number(line), next: after };
    case 0x24: { // $
      const n = Number(line);
      if (n < 0) return { value: null, next: after };
      if (buf.length < after + n + 2) return undefined;
      return { value: buf.toString('utf8', after, after + n), next: after + n + 2 };
    }
    case 0x2a: { // *
      const n = Number(line);
      if (n < 0) return { value: null, next: after };
      const out: Reply[] = [];
      let p = after;
      for (let i = 0; i < n; i++) {
        const r = parse(buf, p);
        if (!r) return undefined;
        out.push(r.value);
        p = r.next;
      }
      return { value: out, next: p };
    }
    default:
      throw new RedisReplyError(`protocol error: unexpected reply type ${JSON.stringify(String.fromCharCode(type))}`);
  }
}

/** Encode a command as a RESP array of bulk strings. */
function encode(command: string, args: RedisCommandArgument[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length + 1}\r\n$${Buffer.byteLength(command)}\r\n${command}\r\n`)];
  for (const a of args) {
    const b = Buffer.isBuffer(a) ? a : Buffer.from(String(a));
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/** One connection to Redis implementing BullMQ's raw-client interface (`BunRedisRawClient`). */
export class RespClient implements BunRedisRawClient {
  connected = false;
  onconnect: ((...args: unknown[]) => void) | null = null;
  onclose: ((...args: unknown[]) => void) | null = null;
  onerror: ((...args: unknown[]) => void) | null = null;
  readonly options: RespOptions;
  private socket: net.Socket | undefined;
  private pending: Array<{ resolve: (v: unknown) => void; reject: (e: Error) => void }> = [];
  private buf: Buffer = Buffer.alloc(0);
  private connecting: Promise<void> | undefined;

  constructor(options: RespOptions) {
    this.options = options;
  }

  /** Open the connection (authenticate and select the database first). */
  connect(): Promise<void> {
    if (this.connected) return Promise.resolve();
    this.connecting ??= new Promise<void>((resolve, reject) => {
      const o = this.options;
      const sock = o.tls ? tls.connect({ host: o.host, port: o.port, servername: o.host }) : net.connect({ host: o.host, port: o.port });
      sock.setNoDelay(true);
      sock.setKeepAlive(true, 30_000);
      const timer = setTimeout(() => sock.destroy(new Error(`connect to ${o.host}:${o.port} timed out`)), o.connectTimeoutMs ?? 10_000);
      let opened = false;
      sock.once(o.tls ? 'secureConnect' : 'connect', async () => {
        clearTimeout(timer);
        this.socket = sock;
        try {
          if (o.password) await this.raw('AUTH', o.username ? [o.username, o.password] : [o.password]);
          if (o.db) await this.raw('SELECT', [String(o.db)]);
          opened = true;
          this.connected = true;
          this.connecting = undefined;
          resolve();
          this.onconnect?.();
        } catch (err) {
          sock.destroy();
          reject(err);
        }
      });
      sock.on('data', (d: Buffer) => this.onData(d));
      sock.on('error', (err) => {
        clearTimeout(timer);
        if (!opened) {
          this.connecting = undefined;
          reject(err);
        }
        this.onerror?.(err);
      });
      sock.on('close', () => {
        clearTimeout(timer);
        const wasConnected = this.connected;
        this.connected = false;
        this.socket = undefined;
        this.connecting = undefined;
        const err = new Error('Connection closed');
        for (const p of this.pending.splice(0)) p.reject(err);
        this.buf = Buffer.alloc(0);
        if (wasConnected) this.onclose?.(this.closing ? undefined : err);
      });
    });
    return this.connecting;
  }

  private closing = false;

  private onData(d: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
    let pos = 0;
    for (;;) {
      let r;
      try {
        r = parse(this.buf, pos);
      } catch (err) {
        this.socket?.destroy(err as Error);
        return;
      }
      if (!r) break;
      pos = r.next;
      const p = this.pending.shift();
      if (!p) continue;
      if (r.value instanceof Error) p.reject(r.value);
      else p.resolve(r.value);
    }
    this.buf = pos >= this.buf.length ? Buffer.alloc(0) : this.buf.subarray(pos);
  }

  private raw<T>(command: string, args: RedisCommandArgument[]): Promise<T> {
    if (!this.socket) return Promise.reject(new Error('Connection closed'));
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ resolve: resolve as (v: unknown) => void, reject });
      this.socket!.write(encode(command, args));
    });
  }

  /** Send one command; resolves with its decoded reply, rejects with a {@link RedisReplyError} for an error reply. */
  send<T = unknown>(command: string, args: RedisCommandArgument[]): Promise<T> {
    if (this.connected) return this.raw<T>(command, args);
    return this.connect().then(() => this.raw<T>(command, args));
  }

  /** Close the connection now; commands in flight are rejected. */
  close(): void {
    this.closing = true;
    this.socket?.end();
    this.socket?.destroy();
  }

  /** A new, unconnected client to the same server with the same options. */
  async duplicate(): Promise<this> {
    return new RespClient(this.options) as this;
  }

  get(key: string): Promise<string | null | undefined> {
    return this.send('GET', [key]);
  }

  smembers(key: string): Promise<unknown[] | null | undefined> {
    return this.send('SMEMBERS', [key]);
  }

  incr(key: string): Promise<number> {
    return this.send('INCR', [key]);
  }
}

/**
 * A BullMQ connection (an `IRedisClient`) to the Redis server at `options`, through BullMQ's own
 * raw-client adapter over a {@link RespClient}. Close it with `quit()` or `disconnect()`.
 */
export function bullmqConnection(options: RespOptions): ReturnType<typeof createBunRedisClient> {
  return createBunRedisClient(new RespClient(options));
}
