/**
 * Serving the built UI (dist/renderer), the same for Electron's vanthu:// protocol and the
 * development host: which file a URL path names, its type, and the headers every response
 * carries so no page of ours ever runs without the CSP.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/ipc/csp';

export const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

export const UI_RESPONSE_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

/**
 * The file a URL path names inside `root`, or null when the path tries to leave it. The URL
 * parser already folds `..` and `%2e%2e`; what is left is encoded separators (`..%2f`, `..%5c`
 * on Windows), NUL and drive or stream names (`C:`, `x::$DATA`), refused here outright.
 */
export function resolveInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const segments = decoded.split(/[\\/]+/).filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s.includes('\0') || s.includes(':'))) return null;
  const file = path.join(root, ...segments);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

function isFile(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

export type UiFile = { status: 200; file: string; type: string } | { status: 403 | 404 | 500; message: string };

/** Unknown routes without an extension get index.html (the SPA's router); missing assets 404. */
export function resolveUiFile(rendererDir: string, pathname: string): UiFile {
  const root = path.resolve(rendererDir);
  let file = resolveInside(root, pathname);
  if (file === null) return { status: 403, message: 'forbidden' };
  if (!isFile(file)) {
    // A missing asset is a 404, not the HTML page: a script tag fed HTML only hides the fault.
    if (path.extname(file) !== '') return { status: 404, message: 'not found' };
    file = path.join(root, 'index.html');
    if (!isFile(file)) return { status: 500, message: 'renderer not built: run npm run build' };
  }
  return { status: 200, file, type: MIME_TYPES[path.extname(file)] ?? 'application/octet-stream' };
}
