/**
 * Fetching CRLs and OCSP responses: plain HTTP(S) with a short connect timeout (offline must not
 * make the clerk wait), an overall timeout, and a size limit (a hostile or broken server cannot
 * fill memory). Errors say whether the host could not be reached at all, so the checker can skip
 * it for a while and the re-check scheduler knows what to probe.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

export interface FetchLimits {
  /** Time to open the TCP connection. */
  connectTimeoutMs: number;
  /** Time for the whole exchange, connection included. */
  timeoutMs: number;
  maxBytes: number;
}

export class RevocationFetchError extends Error {
  constructor(
    message: string,
    /** The host did not answer at all (refused, unresolvable, timed out connecting). */
    readonly unreachable: boolean,
  ) {
    super(message);
    this.name = 'RevocationFetchError';
  }
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ETIMEDOUT',
  'ECONNRESET',
]);

const MAX_REDIRECTS = 3;

/** host:port of an http(s) URL, the unit the checker remembers as unreachable. */
export function hostKey(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return null;
  }
}

export interface FetchRequest {
  url: string;
  method: 'GET' | 'POST';
  body?: Uint8Array;
  contentType?: string;
  accept?: string;
}

/** The body of a 200 answer; anything else is a RevocationFetchError. */
export async function fetchLimited(request: FetchRequest, limits: FetchLimits): Promise<Buffer> {
  let url = request.url;
  for (let hop = 0; ; hop++) {
    const answer = await once({ ...request, url }, limits);
    if (answer.redirect === undefined) return answer.body;
    // CRL distribution points sometimes move; an OCSP POST is never replayed elsewhere.
    if (request.method !== 'GET' || hop >= MAX_REDIRECTS) {
      throw new RevocationFetchError(`${request.url}: redirected`, false);
    }
    url = new URL(answer.redirect, url).toString();
    if (!hostKey(url)) throw new RevocationFetchError(`${request.url}: redirected to ${url}`, false);
  }
}

function once(request: FetchRequest, limits: FetchLimits): Promise<{ body: Buffer; redirect?: string }> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(request.url);
    } catch {
      reject(new RevocationFetchError(`not a URL: ${request.url}`, false));
      return;
    }
    const client = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
    if (!client) {
      reject(new RevocationFetchError(`unsupported scheme: ${request.url}`, false));
      return;
    }
    let settled = false;
    let responded = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (error: Error | null, value?: { body: Buffer; redirect?: string }) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(value!);
    };
    const headers: Record<string, string | number> = { connection: 'close' };
    if (request.accept) headers.accept = request.accept;
    if (request.body) {
      headers['content-type'] = request.contentType ?? 'application/octet-stream';
      headers['content-length'] = request.body.length;
    }
    // A fresh connection each time (agent: false): nothing lingers in a pool after a check.
    const req = client.request(target, { method: request.method, headers, agent: false });
    timers.push(
      setTimeout(
        () =>
          finish(new RevocationFetchError(`${request.url}: no connection within ${limits.connectTimeoutMs} ms`, true)),
        limits.connectTimeoutMs,
      ),
    );
    const connectTimer = timers[0]!;
    timers.push(
      setTimeout(
        () => finish(new RevocationFetchError(`${request.url}: no answer within ${limits.timeoutMs} ms`, false)),
        limits.timeoutMs,
      ),
    );
    req.on('socket', (socket: net.Socket) => {
      if (!socket.connecting) clearTimeout(connectTimer);
      else socket.once('connect', () => clearTimeout(connectTimer));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      const unreachable = UNREACHABLE_CODES.has(error.code ?? '') && !responded;
      finish(new RevocationFetchError(`${request.url}: ${error.code ?? error.message}`, unreachable));
    });
    req.on('response', (res) => {
      responded = true;
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        finish(null, { body: Buffer.alloc(0), redirect: res.headers.location });
        return;
      }
      if (status !== 200) {
        res.resume();
        finish(new RevocationFetchError(`${request.url}: HTTP ${status}`, false));
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        finish(new RevocationFetchError(`${request.url}: ${declared} bytes, over the ${limits.maxBytes} limit`, false));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes) {
          finish(new RevocationFetchError(`${request.url}: over the ${limits.maxBytes} byte limit`, false));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => finish(null, { body: Buffer.concat(chunks) }));
      res.on('error', (error) => finish(new RevocationFetchError(`${request.url}: ${error.message}`, false)));
    });
    req.end(request.body ? Buffer.from(request.body) : undefined);
  });
}

/** Whether a TCP connection to host:port opens within the timeout: the network probe. */
export function canConnect(key: string, timeoutMs: number): Promise<boolean> {
  const at = key.lastIndexOf(':');
  const host = key.slice(0, at).replace(/^\[|\]$/g, '');
  const port = Number(key.slice(at + 1));
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
