/**
 * GET/HEAD /updates/<channel>/<file>: the update feed, read by electron-updater's generic
 * provider. No credential: installers are not secret, and a workstation trusts latest.yml only
 * by its signature. Ranges are served, since electron-updater downloads only the changed blocks
 * of a new installer (one range per request: the workstation asks for no multi-range).
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseRange } from './blob-routes';
import { WireFailure } from './errors';
import type { ReleaseStore } from './releases';

export const UPDATES_PREFIX = '/updates/';

function contentType(name: string): string {
  if (name.endsWith('.yml')) return 'text/yaml; charset=utf-8';
  if (name.endsWith('.sig')) return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}

export function serveUpdateFile(
  store: ReleaseStore,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): void {
  const method = req.method ?? 'GET';
  const m = /^\/updates\/([^/]+)\/([^/]+)$/.exec(pathname);
  const file = m ? store.resolve(m[1]!, decodeURIComponent(m[2]!)) : null;
  if (!file) throw new WireFailure('NOT_FOUND', 'Không có tệp cập nhật này.');
  if (method !== 'GET' && method !== 'HEAD')
    throw new WireFailure('NOT_FOUND', `Không có thao tác ${method} ở đường dẫn này.`, { status: 405 });
  const stat = fs.statSync(file);
  const size = stat.size;
  const name = m![2]!;
  const headers: Record<string, string> = {
    'content-type': contentType(name),
    'accept-ranges': 'bytes',
    'last-modified': stat.mtime.toUTCString(),
    // The feed changes at each release; installers keep their versioned names.
    'cache-control': name.startsWith('latest.yml') ? 'no-store' : 'public, max-age=3600',
  };
  const range = parseRange(String(req.headers.range ?? ''), size);
  if (range === 'unsatisfiable') {
    throw new WireFailure('BAD_REQUEST', 'Khoảng byte yêu cầu nằm ngoài tệp.', {
      status: 416,
      headers: { 'content-range': `bytes */${size}` },
    });
  }
  const status = range ? 206 : 200;
  res.writeHead(status, {
    ...headers,
    'content-length': String(range ? range.end - range.start + 1 : size),
    ...(range ? { 'content-range': `bytes ${range.start}-${range.end}/${size}` } : {}),
  });
  if (method === 'HEAD') return void res.end();
  fs.createReadStream(file, range ?? {})
    .on('error', () => res.destroy())
    .pipe(res);
}
