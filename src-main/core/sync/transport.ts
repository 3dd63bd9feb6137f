/**
 * The workstation's side of the wire: typed requests to the inbox server, every answer parsed
 * with the protocol's schemas. Failures come in two kinds, because the engine treats them
 * differently: a refusal (4xx: the server will say the same again; shown to the clerk, the item
 * kept) and unavailability (network down, timeout, 5xx: retried later with backoff).
 */
import { createHash } from 'node:crypto';
import {
  API_PREFIX,
  BLOB_CHUNK_BYTES,
  BLOB_COMPLETE_HEADER,
  DirectoryResponse,
  EnrollResponse,
  ErrorBody,
  HolidaysResponse,
  PullResponse,
  PushResponse,
  UPLOAD_OFFSET_HEADER,
  type EnrollRequest,
  type PushRequest,
  type WireError,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  APP_VERSION_HEADER,
} from '../../../src-shared/sync/protocol';
import type { z } from 'zod';

/** The server said no; asking again will not change that. */
export class SyncRefused extends Error {
  constructor(
    readonly status: number,
    readonly wire: WireError,
  ) {
    super(wire.message);
    this.name = 'SyncRefused';
  }
}

/** The server could not be reached or failed; worth trying again later. */
export class SyncUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SyncUnavailable';
  }
}

/** A download cut off midway: what did arrive, to go on from with a Range request next time. */
export class BlobDropped extends SyncUnavailable {
  constructor(readonly received: Buffer) {
    super(MESSAGES.unreachable);
    this.name = 'BlobDropped';
  }
}

/** The slowest line a commune office may have (64 KB/s): a chunk gets this long on top. */
const SLOW_LINE_BYTES_PER_SECOND = 64 * 1024;

export interface TransportOptions {
  serverUrl: string;
  credential?: string | null;
  fetch?: typeof fetch;
  /** Per request (long-polls add their wait). */
  timeoutMs?: number;
  /** Told to the server, which may refuse versions below its minimum. */
  appVersion?: string;
}

export function createTransport(options: TransportOptions) {
  const doFetch = options.fetch ?? fetch;
  const base = options.serverUrl.replace(/\/+$/, '') + API_PREFIX;
  const timeoutMs = options.timeoutMs ?? 20_000;

  async function request(
    method: string,
    path: string,
    init: {
      body?: BodyInit;
      headers?: Record<string, string>;
      extraTimeoutMs?: number;
      auth?: boolean;
      signal?: AbortSignal;
    } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
    if (options.appVersion) headers[APP_VERSION_HEADER] = options.appVersion;
    if (init.auth !== false) {
      if (!options.credential) throw new SyncRefused(401, { code: 'UNAUTHENTICATED', message: MESSAGES.notEnrolled });
      headers.authorization = `Bearer ${options.credential}`;
    }
    const send = () =>
      doFetch(base + path, {
        method,
        headers,
        ...(init.body !== undefined ? { body: init.body } : {}),
        signal: init.signal
          ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs + (init.extraTimeoutMs ?? 0))])
          : AbortSignal.timeout(timeoutMs + (init.extraTimeoutMs ?? 0)),
      });
    let response: Response;
    try {
      response = await send().catch((error: unknown) => {
        // A kept-alive connection the server closed while it sat idle (the event loop busy
        // with a long register task) fails at once as it is reused: ask again once, on a new
        // one. Every request here may be repeated: pushes carry idempotency keys, uploads byte
        // ranges; an enrollment code the server did take answers "already used".
        if (timedOut(error)) throw error;
        return send();
      });
    } catch (error) {
      throw new SyncUnavailable(timedOut(error) ? MESSAGES.timeout : MESSAGES.unreachable, { cause: error });
    }
    if (response.status >= 500) {
      await response.body?.cancel();
      throw new SyncUnavailable(MESSAGES.serverError(response.status));
    }
    if (response.status >= 400 && !(method === 'HEAD' && response.status === 404)) {
      throw new SyncRefused(response.status, await wireError(response));
    }
    return response;
  }

  async function json<T extends z.ZodType>(response: Response, schema: T): Promise<z.infer<T>> {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new SyncUnavailable(MESSAGES.badAnswer);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new SyncUnavailable(MESSAGES.badAnswer);
    return parsed.data;
  }

  const jsonBody = (value: unknown) => ({
    body: JSON.stringify(value),
    headers: { 'content-type': 'application/json' },
  });

  return {
    async directory() {
      return json(await request('GET', '/organisations'), DirectoryResponse);
    },

    async holidays() {
      return json(await request('GET', '/holidays'), HolidaysResponse);
    },

    async enroll(input: EnrollRequest) {
      return json(await request('POST', '/enroll', { ...jsonBody(input), auth: false }), EnrollResponse);
    },

    async push(input: PushRequest) {
      return json(await request('POST', '/push', jsonBody(input)), PushResponse);
    },

    async pull(after: number, waitSeconds = 0, signal?: AbortSignal) {
      const response = await request('GET', `/changes?after=${after}&wait=${waitSeconds}`, {
        extraTimeoutMs: waitSeconds * 1000,
        ...(signal ? { signal } : {}),
      });
      return json(response, PullResponse);
    },

    /** Bytes of the blob the server already holds, and whether it is complete. */
    async blobState(sha256: string): Promise<{ offset: number; complete: boolean }> {
      const response = await request('HEAD', `/blobs/${sha256}`);
      if (response.status === 404) return { offset: 0, complete: false };
      return {
        offset: Number(response.headers.get(UPLOAD_OFFSET_HEADER) ?? 0) || 0,
        complete: response.headers.get(BLOB_COMPLETE_HEADER) === 'true',
      };
    },

    /** Uploads what the server lacks, chunk by chunk from where it stopped. */
    async uploadBlob(sha256: string, bytes: Uint8Array, onProgress?: (sent: number, total: number) => void) {
      let { offset, complete } = await this.blobState(sha256);
      while (!complete) {
        if (offset > bytes.length) offset = 0; // the server's partial copy is not ours: start over
        const end = Math.min(bytes.length, offset + BLOB_CHUNK_BYTES);
        const response = await request('PUT', `/blobs/${sha256}`, {
          extraTimeoutMs: Math.ceil(((end - offset) / SLOW_LINE_BYTES_PER_SECOND) * 1000),
          body: new Uint8Array(bytes.subarray(offset, end)),
          headers: {
            'content-type': 'application/octet-stream',
            'content-range': `bytes ${offset}-${end - 1}/${bytes.length}`,
          },
        });
        await response.body?.cancel();
        offset = end;
        complete = end === bytes.length;
        onProgress?.(offset, bytes.length);
      }
    },

    /**
     * Downloads a blob and checks it hashes to its name. Given the bytes an earlier attempt got
     * before it dropped, asks only for the rest; a drop throws BlobDropped with what arrived.
     */
    async downloadBlob(
      sha256: string,
      onProgress?: (received: number, total: number) => void,
      partial?: Buffer,
    ): Promise<Buffer> {
      const from = partial?.length ?? 0;
      const response = await request(
        'GET',
        `/blobs/${sha256}`,
        from > 0 ? { headers: { range: `bytes=${from}-` } } : {},
      );
      // 206: the rest, after what we hold; 200: the whole blob again (start over).
      const chunks: Buffer[] = response.status === 206 && partial ? [partial] : [];
      let received = chunks.length > 0 ? from : 0;
      const total = received + Number(response.headers.get('content-length') ?? 0);
      const reader = response.body?.getReader();
      for (;;) {
        const next = reader ? await reader.read().catch(() => null) : null;
        if (!next) throw new BlobDropped(Buffer.concat(chunks));
        if (next.done) break;
        chunks.push(Buffer.from(next.value));
        received += next.value.length;
        onProgress?.(received, total);
      }
      const bytes = Buffer.concat(chunks);
      if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new SyncUnavailable(MESSAGES.corrupt);
      return bytes;
    },
  };
}

export type Transport = ReturnType<typeof createTransport>;

function timedOut(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

async function wireError(response: Response): Promise<WireError> {
  try {
    const parsed = ErrorBody.safeParse(await response.json());
    if (parsed.success) return parsed.data.error;
  } catch {
    // not JSON: described below
  }
  return { code: 'BAD_REQUEST', message: MESSAGES.refused(response.status) };
}

export const MESSAGES = {
  notEnrolled: 'Máy này chưa được đăng ký với máy chủ liên thông. Quản trị viên cần nhập mã đăng ký.',
  unreachable: 'Không kết nối được máy chủ liên thông (mất mạng?). VanThu sẽ tự thử lại.',
  timeout: 'Máy chủ liên thông không trả lời kịp. VanThu sẽ tự thử lại.',
  serverError: (status: number) => `Máy chủ liên thông đang gặp sự cố (mã ${status}). VanThu sẽ tự thử lại.`,
  badAnswer: 'Máy chủ liên thông trả lời không đúng định dạng. VanThu sẽ tự thử lại.',
  corrupt: 'Tệp tải về từ máy chủ liên thông bị hỏng trên đường truyền. VanThu sẽ tải lại.',
  refused: (status: number) => `Máy chủ liên thông từ chối yêu cầu (mã ${status}).`,
} as const;
