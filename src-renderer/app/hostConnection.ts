/**
 * The development host (src-main/host): the same contract over loopback HTTP. The per-run token
 * arrives once in the address (#token=…); it is kept for this tab in sessionStorage and removed
 * from the visible URL so it is not copied or bookmarked by accident.
 */
import type { Transport } from '../../src-shared/ipc/client';
import type { ApiError, Result } from '../../src-shared/ipc/errors';
import { HOST_TOKEN_HEADER, type Platform } from '../../src-shared/ipc/platform';
import type { FileInfo } from '../../src-shared/ipc/schemas';
import { currentStrings } from '../i18n';

const TOKEN_KEY = 'vanthu.hostToken';
const TOKEN_IN_HASH = /(?:^#|&)token=([^&]+)/;

export function takeHostToken(): string | null {
  const match = TOKEN_IN_HASH.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function failure(message: string, code: ApiError['code'] = 'INTERNAL'): Result<never> {
  return { ok: false, error: { code, message } };
}

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** A host answer as a Result; a refused token or an unreadable answer gets a clear message. */
function readAnswer(status: number, body: string): Result<unknown> {
  if (status === 403) return failure(currentStrings().connection.tokenRefused, 'FORBIDDEN');
  try {
    const parsed: unknown = JSON.parse(body);
    if (isResult(parsed)) return parsed;
  } catch {
    // fall through: not JSON
  }
  return failure(currentStrings().connection.badAnswer);
}

export function hostTransport(token: string): Transport {
  return async (name, input) => {
    let response: Response;
    try {
      response = await fetch(`/api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [HOST_TOKEN_HEADER]: token },
        body: JSON.stringify(input ?? {}),
        cache: 'no-store',
      });
    } catch {
      return failure(currentStrings().connection.unreachable);
    }
    return readAnswer(response.status, await response.text());
  };
}

function upload(
  token: string,
  file: File,
  onProgress?: (sent: number, total: number) => void,
): Promise<Result<FileInfo>> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/upload');
    request.setRequestHeader(HOST_TOKEN_HEADER, token);
    request.setRequestHeader('content-type', 'application/pdf');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded, event.total);
    };
    request.onload = () => resolve(readAnswer(request.status, request.responseText) as Result<FileInfo>);
    request.onerror = () => resolve(failure(currentStrings().connection.unreachable));
    request.send(file);
  });
}

export function hostPlatform(token: string): Platform<File> {
  return {
    kind: 'host',
    blobUrl: (sha256) => `/blob/${sha256}?token=${encodeURIComponent(token)}`,
    uploadFile: (file, onProgress) => upload(token, file, onProgress),
    // The browser's own download stands in for the save dialog.
    async saveFile(sha256, suggestedName) {
      const link = document.createElement('a');
      link.href = `/blob/${sha256}?token=${encodeURIComponent(token)}&download=${encodeURIComponent(suggestedName)}`;
      link.download = suggestedName;
      link.click();
      return { ok: true, value: { saved: true } };
    },
    print: async () => window.print(),
    notify(title, body) {
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
      new Notification(title, { body });
    },
  };
}
