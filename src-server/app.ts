/**
 * The inbox server's HTTP API (src-shared/sync/protocol.ts), on node:http: the directory,
 * enrollment, push, the change feed with long-poll, and blobs. Every request but enrollment is
 * authenticated by a workstation's bearer credential and scoped to its organisation. Bodies and
 * queries are checked with the protocol's schemas; errors are typed, never a stack trace.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  API_PREFIX,
  EnrollRequest,
  PullQuery,
  PushRequest,
  Sha256Hex,
  type DirectoryResponse,
  type HolidaysResponse,
  MAX_PORTAL_PAGE,
  PortalQuery,
  type PortalResponse,
  type PullResponse,
  type PushResult,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  APP_VERSION_HEADER,
} from '../src-shared/sync/protocol';
import { compareVersions, tooOldToSync } from '../src-shared/domain/versions';
import { authenticate, enroll, type Caller } from './auth';
import { createBlobRoutes } from './blob-routes';
import type { BlobStore } from './blobs';
import type { Db } from './db';
import { INTERNAL_ERROR, WireFailure } from './errors';
import { readFeed } from './feed';
import { listHolidays } from './holidays';
import { readMinimumVersion } from './minimum-version';
import { readPublications } from './portal';
import { parseOrBadRequest, readJson, sendJson } from './http';
import { createNotifier } from './notifier';
import { pushOne } from './push';
import type { ReleaseStore } from './releases';
import { serveUpdateFile, UPDATES_PREFIX } from './update-routes';
import { readUpdatePolicy } from './update-policy';
import { UPDATE_POLICY_PATH } from '../src-shared/updates/server-policy';

export { hashToken } from './auth';
export { WireFailure } from './errors';

export function createInboxApp(deps: {
  db: Db;
  blobs: BlobStore;
  /** The update feed (<data>/updates); absent, /updates/ answers NOT_FOUND. */
  releases?: ReleaseStore;
  log?: (line: string) => void;
}) {
  const { db } = deps;
  const notifier = createNotifier();
  const blobRoutes = createBlobRoutes(db, deps.blobs);

  async function directory(res: ServerResponse): Promise<void> {
    const rows = await db.query<{ organ_id: string; name: string }>(
      'SELECT organ_id, name FROM organisations ORDER BY organ_id',
    );
    const body: DirectoryResponse = { organisations: rows.map((r) => ({ organId: r.organ_id, name: r.name })) };
    sendJson(res, 200, body);
  }

  async function holidays(res: ServerResponse): Promise<void> {
    const body: HolidaysResponse = { holidays: await listHolidays(db) };
    sendJson(res, 200, body);
  }

  async function portal(res: ServerResponse, url: URL, caller: Caller): Promise<void> {
    const query = parseOrBadRequest(PortalQuery, Object.fromEntries(url.searchParams), 'Tham số đọc cổng thông tin');
    const body: PortalResponse = await readPublications(db, caller.organId, query.after, MAX_PORTAL_PAGE);
    sendJson(res, 200, body);
  }

  async function push(req: IncomingMessage, res: ServerResponse, caller: Caller): Promise<void> {
    const input = await readJson(req, PushRequest, 'Yêu cầu gửi');
    const results: PushResult[] = [];
    for (const op of input.ops) {
      const done = await pushOne(db, caller, op);
      results.push(done.result);
      // Woken per op: a reader should not wait for the rest of a long batch.
      for (const organ of done.touched) notifier.notify(organ);
    }
    sendJson(res, 200, { results });
  }

  async function changes(res: ServerResponse, url: URL, caller: Caller): Promise<void> {
    const query = parseOrBadRequest(PullQuery, Object.fromEntries(url.searchParams), 'Tham số đọc thay đổi');
    const deadline = Date.now() + query.wait * 1000;
    const closed = new AbortController();
    res.once('close', () => closed.abort());
    for (;;) {
      // Listening before reading: a change appended in between still wakes this wait.
      const wake = notifier.subscribe(caller.organId);
      try {
        const page = await readFeed(db, caller.organId, query.after);
        if ('resync' in page) {
          throw new WireFailure(
            'RESYNC_REQUIRED',
            'Máy này lâu chưa đồng bộ: máy chủ đã xóa một số thay đổi cũ hơn thời hạn lưu giữ.',
            { resumeAfter: page.resumeAfter },
          );
        }
        const left = deadline - Date.now();
        if (page.changes.length > 0 || left <= 0 || closed.signal.aborted || notifier.closed) {
          return sendJson(res, 200, page satisfies PullResponse);
        }
        await wake.wait(left, closed.signal);
      } finally {
        wake.cancel();
      }
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://inbox.invalid');
    const method = req.method ?? 'GET';
    // The update feed is outside the API: no protocol version, no credential, no minimum version
    // (a workstation too old to sync is exactly the one that must still reach its update).
    if (url.pathname === UPDATE_POLICY_PATH && (req.method ?? 'GET') === 'GET') {
      return sendJson(res, 200, await readUpdatePolicy(deps.db));
    }
    if (url.pathname.startsWith(UPDATES_PREFIX) && deps.releases)
      return serveUpdateFile(deps.releases, req, res, url.pathname);
    if (!url.pathname.startsWith(`${API_PREFIX}/`)) throw new WireFailure('NOT_FOUND', 'Không có đường dẫn này.');
    const path = url.pathname.slice(API_PREFIX.length);
    // A request without the header is a person's curl or the health check: it is served.
    const spoken = req.headers[PROTOCOL_HEADER];
    if (spoken !== undefined && String(spoken) !== String(PROTOCOL_VERSION)) {
      throw new WireFailure(
        'VERSION',
        `Máy chủ liên thông dùng giao thức phiên bản ${PROTOCOL_VERSION}, máy trạm gửi phiên bản ${String(spoken)}. Hãy cập nhật VanThu trên máy trạm (hoặc máy chủ) rồi đồng bộ lại.`,
      );
    }

    // Read on every request (one small row): a new minimum applies at once.
    const minimum = await readMinimumVersion(db);
    const version = req.headers[APP_VERSION_HEADER];
    if (minimum && typeof version === 'string' && compareVersions(version, minimum) < 0) {
      throw new WireFailure('VERSION', tooOldToSync(version, minimum));
    }

    if (path === '/enroll' && method === 'POST') {
      return sendJson(res, 200, await enroll(db, await readJson(req, EnrollRequest, 'Yêu cầu đăng ký')));
    }
    const blob = /^\/blobs\/([^/]+)$/.exec(path);
    const known = ['/organisations', '/holidays', '/portal', '/push', '/changes'].includes(path) || blob;
    if (!known) throw new WireFailure('NOT_FOUND', 'Không có đường dẫn này.');

    const caller = await authenticate(db, req);
    if (path === '/organisations' && method === 'GET') return directory(res);
    if (path === '/holidays' && method === 'GET') return holidays(res);
    if (path === '/portal' && method === 'GET') return portal(res, url, caller);
    if (path === '/push' && method === 'POST') return push(req, res, caller);
    if (path === '/changes' && method === 'GET') return changes(res, url, caller);
    if (blob) {
      const sha256 = parseOrBadRequest(Sha256Hex, blob[1], 'Mã băm tệp');
      if (method === 'HEAD') return blobRoutes.head(res, caller, sha256);
      if (method === 'PUT') return blobRoutes.put(req, res, caller, sha256);
      if (method === 'GET') return blobRoutes.get(req, res, caller, sha256);
    }
    throw new WireFailure('NOT_FOUND', `Không có thao tác ${method} ở đường dẫn này.`, { status: 405 });
  }

  return {
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      try {
        await route(req, res);
      } catch (error) {
        if (res.headersSent || res.destroyed) return void res.destroy();
        if (error instanceof WireFailure) {
          // A HEAD answer has no body: the status and headers say it.
          if (req.method === 'HEAD') return void res.writeHead(error.status, error.extra.headers ?? {}).end();
          return sendJson(res, error.status, error.toBody(), error.extra.headers);
        }
        deps.log?.(
          `inbox server: ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        sendJson(res, 500, INTERNAL_ERROR);
      }
    },
    notifier,
  };
}
