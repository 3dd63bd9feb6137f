/**
 * The two custom schemes. The UI comes from `vanthu://app/...` (a secure, standard origin of its
 * own instead of file://, so the CSP's 'self' means exactly our files) and documents from
 * `vanthu-blob://<sha256>`: files travel by URL, never as JSON (ARCHITECTURE.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { CustomScheme, Protocol } from 'electron';
import { ELECTRON_APP_SCHEME, ELECTRON_BLOB_SCHEME } from '../../src-shared/ipc/platform';
import type { FileStore } from '../core/files';
import { resolveUiFile, UI_RESPONSE_HEADERS } from '../core/ui-files';
import { APP_HOST, APP_ORIGIN } from './security';

/** Registered before 'ready' (Electron refuses it later). */
export const PRIVILEGED_SCHEMES: CustomScheme[] = [
  { scheme: ELECTRON_APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  {
    scheme: ELECTRON_BLOB_SCHEME,
    // corsEnabled: the UI (vanthu://app) fetches blobs from another origin, and since Electron
    // 41.x a cross-origin fetch to a custom scheme is blocked without it (electron/electron#51152).
    privileges: { secure: true, supportFetchAPI: true, stream: true, corsEnabled: true },
  },
];

function reply(status: number, body: BodyInit | null, type: string, extra: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...UI_RESPONSE_HEADERS, 'content-type': type, ...extra } });
}

const plain = (status: number, text: string) => reply(status, text, 'text/plain; charset=utf-8');

/** Serves dist/renderer; unknown routes without an extension get index.html (the SPA's router). */
export function appHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const root = path.resolve(rendererDir);
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return plain(404, 'not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    const found = resolveUiFile(root, url.pathname);
    if (found.status !== 200) return plain(found.status, found.message);
    return reply(200, await fs.promises.readFile(found.file), found.type);
  };
}

const SHA256 = /^[0-9a-f]{64}$/;

/** `vanthu-blob://<sha256>`: only names of the content-addressed store, streamed from disk. */
export function blobHandler(files: Pick<FileStore, 'has' | 'info' | 'stream'>): (request: Request) => Response {
  const prefix = `${ELECTRON_BLOB_SCHEME}://`;
  const cors = { 'access-control-allow-origin': APP_ORIGIN, vary: 'origin' };
  return (request) => {
    if (request.method === 'OPTIONS') {
      return reply(204, null, 'text/plain', { ...cors, 'access-control-allow-methods': 'GET, HEAD' });
    }
    const name = request.url.startsWith(prefix)
      ? request.url
          .slice(prefix.length)
          .replace(/[?#].*$/, '')
          .replace(/\/+$/, '')
      : '';
    if (!SHA256.test(name) || !files.has(name)) return plain(404, 'not found');
    const info = files.info(name);
    const body = Readable.toWeb(files.stream(name)) as ReadableStream<Uint8Array>;
    return reply(200, body, info.mediaType, { ...cors, 'content-length': String(info.size) });
  };
}

export function registerProtocols(
  protocol: Pick<Protocol, 'handle'>,
  rendererDir: string,
  files: Pick<FileStore, 'has' | 'info' | 'stream'>,
): void {
  protocol.handle(ELECTRON_APP_SCHEME, appHandler(rendererDir));
  protocol.handle(ELECTRON_BLOB_SCHEME, blobHandler(files));
}
