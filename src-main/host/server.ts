/**
 * The development host: the same contract over loopback HTTP, so the renderer runs in a browser
 * for development and Playwright. It listens on 127.0.0.1 only, wants a random per-run token on
 * every call, and refuses requests from any other origin. Never packaged.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HOST_TOKEN_HEADER } from '../../src-shared/ipc/platform';
import type { Result } from '../../src-shared/ipc/errors';
import { VanThuError } from '../../src-shared/ipc/errors';
import { SessionSlot } from '../core/auth';
import type { Dispatcher } from '../core/api/dispatch';
import type { Services } from '../core/services';
import { resolveUiFile, UI_RESPONSE_HEADERS } from '../core/ui-files';
import { logError } from '../core/log';

export interface HostOptions {
  services: Services;
  dispatch: Dispatcher;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface RunningHost {
  url: string;
  /** The address with the token, to open in a browser. */
  openUrl: string;
  token: string;
  close(): Promise<void>;
}

const MAX_JSON_BYTES = 5 * 1024 * 1024;
const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new VanThuError('BAD_FILE', 'Dữ liệu gửi lên quá lớn.'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, { ...UI_RESPONSE_HEADERS, 'content-type': type });
  res.end(body);
}

function sendResult(res: http.ServerResponse, result: Result<unknown>, status = 200): void {
  send(res, status, JSON.stringify(result), 'application/json; charset=utf-8');
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const session = new SessionSlot();
  let origin = '';

  /** Calls must carry the token, and a browser's Origin (when sent) must be this host. */
  function allowed(req: http.IncomingMessage, url: URL): boolean {
    const given = (req.headers[HOST_TOKEN_HEADER] as string | undefined) ?? url.searchParams.get('token') ?? '';
    const from = req.headers.origin;
    if (from !== undefined && from !== origin) return false;
    return sameToken(given, token);
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    handle(req, res, url).catch((error: unknown) => {
      const apiError =
        error instanceof VanThuError
          ? error.toApiError()
          : { code: 'INTERNAL' as const, message: 'Đã có lỗi ngoài dự kiến. Hãy thử lại.' };
      if (!(error instanceof VanThuError)) logError(error);
      // A refused upload (not a PDF, damaged) is an answer like any call's: a typed error.
      if (!res.headersSent) sendResult(res, { ok: false, error: apiError }, error instanceof VanThuError ? 200 : 500);
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const route = url.pathname;
    if (route.startsWith('/api/') || route === '/upload' || route.startsWith('/blob/')) {
      if (!allowed(req, url)) {
        sendResult(res, { ok: false, error: { code: 'FORBIDDEN', message: 'Yêu cầu bị từ chối.' } }, 403);
        return;
      }
    }
    if (route.startsWith('/api/') && req.method === 'POST') {
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        sendResult(res, { ok: false, error: { code: 'VALIDATION', message: 'Yêu cầu không hợp lệ.' } }, 415);
        return;
      }
      const body = await readBody(req, MAX_JSON_BYTES);
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        sendResult(res, { ok: false, error: { code: 'VALIDATION', message: 'Yêu cầu không hợp lệ.' } }, 400);
        return;
      }
      sendResult(res, await options.dispatch(decodeURIComponent(route.slice('/api/'.length)), input, session));
      return;
    }
    if (route === '/upload' && req.method === 'POST') {
      if (!session.current(options.services.accounts.idleLockMinutes())) {
        sendResult(res, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Hãy đăng nhập lại.' } }, 401);
        return;
      }
      const info = await options.services.files.putPdf(await readBody(req, MAX_UPLOAD_BYTES));
      sendResult(res, { ok: true, value: info });
      return;
    }
    if (route.startsWith('/blob/') && req.method === 'GET') {
      const sha = route.slice('/blob/'.length);
      if (!/^[0-9a-f]{64}$/.test(sha) || !options.services.files.has(sha)) {
        send(res, 404, 'not found', 'text/plain');
        return;
      }
      const info = options.services.files.info(sha);
      const download = url.searchParams.get('download');
      if (download) {
        res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(download)}`);
      }
      send(res, 200, options.services.files.read(sha), info.mediaType);
      return;
    }
    if (req.method === 'GET') {
      serveStatic(res, route);
      return;
    }
    send(res, 405, 'method not allowed', 'text/plain');
  }

  function serveStatic(res: http.ServerResponse, route: string): void {
    const found = resolveUiFile(options.rendererDir, route);
    if (found.status !== 200) send(res, found.status, found.message, 'text/plain; charset=utf-8');
    else send(res, 200, fs.readFileSync(found.file), found.type);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    openUrl: `${origin}/#token=${token}`,
    token,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
