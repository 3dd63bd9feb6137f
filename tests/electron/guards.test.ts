/**
 * The pure decisions under the Electron guards, each on its own (the bundle test checks them
 * wired together): which URLs are the app, which paths stay inside the renderer folder, which
 * channels the IPC binding owns. These files import only types from 'electron'.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLATFORM_CHANNELS } from '../../src-shared/ipc/bridge';
import { CALL_NAMES, channelOf } from '../../src-shared/ipc/contract';
import {
  bindIpc,
  CONTRACT_CHANNELS,
  IPC_CHANNELS,
  isTrustedSender,
  saveDialogFilters,
} from '../../src-main/electron/ipc';
import { resolveInside } from '../../src-main/core/ui-files';
import { isAppOrigin, isExternalWebUrl } from '../../src-main/electron/security';

describe('isAppOrigin', () => {
  it('accepts vanthu://app only', () => {
    for (const url of ['vanthu://app/', 'vanthu://app/index.html', 'vanthu://app/x?y#z'])
      expect(isAppOrigin(url), url).toBe(true);
    for (const url of [
      null,
      undefined,
      '',
      'not a url',
      'vanthu://app.evil/',
      'vanthu://evil.app/',
      'vanthu://x@app/',
      'vanthu://app:8080/',
      'vanthu-blob://app/',
      'https://app/',
      'file:///vanthu/app',
      'http://127.0.0.1:5170/',
    ]) {
      expect(isAppOrigin(url), String(url)).toBe(false);
    }
  });

  it('is what the IPC sender check uses', () => {
    expect(isTrustedSender({ senderFrame: { url: 'vanthu://app/index.html' } } as never)).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'https://example.com/' } } as never)).toBe(false);
    expect(isTrustedSender({ senderFrame: null } as never)).toBe(false);
  });
});

describe('isExternalWebUrl', () => {
  it('lets only http and https out to the system browser', () => {
    expect(isExternalWebUrl('https://vanban.chinhphu.vn/')).toBe(true);
    expect(isExternalWebUrl('http://example.com/')).toBe(true);
    for (const url of [
      'file:///C:/x.exe',
      'smb://server/share',
      'javascript:alert(1)',
      'ms-msdt:/id',
      'vanthu://app/',
      'nonsense',
    ]) {
      expect(isExternalWebUrl(url), url).toBe(false);
    }
  });
});

describe('resolveInside', () => {
  const root = path.resolve('/srv/renderer');
  it('maps URL paths to files under the root', () => {
    expect(resolveInside(root, '/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveInside(root, '/assets/app%20x.js')).toBe(path.join(root, 'assets', 'app x.js'));
    expect(resolveInside(root, '/')).toBe(root);
  });
  it('refuses every way out', () => {
    for (const p of [
      '/..%2f..%2fetc/passwd',
      '/..%5c..%5cwindows',
      '/a/%2e%2e%2f%2e%2e%2f..%2fx',
      '/%00x',
      '/C:%5cWindows',
      '/index.html::$DATA',
      '/%E0%A4%A',
    ]) {
      expect(resolveInside(root, p), p).toBeNull();
    }
  });
});

describe('saveDialogFilters', () => {
  it('offers the type of the file being saved', () => {
    expect(saveDialogFilters('so-den-2026.pdf')).toEqual([{ name: 'PDF', extensions: ['pdf'] }]);
    expect(saveDialogFilters('so-di-2026.XLSX')).toEqual([{ name: 'Excel', extensions: ['xlsx'] }]);
    expect(saveDialogFilters('bao-cao')).toEqual([{ name: '*', extensions: ['*'] }]);
  });
});

describe('bindIpc', () => {
  it('binds each contract call once, then the platform calls', () => {
    const channels: string[] = [];
    const bound = bindIpc({
      ipcMain: { handle: (channel: string) => void channels.push(channel) } as never,
      services: {} as never,
      dispatch: async () => ({ ok: true, value: null }),
      notify: () => undefined,
      askSavePath: async () => null,
    });
    expect(bound).toEqual(channels);
    expect(bound).toEqual([...IPC_CHANNELS]);
    expect(CONTRACT_CHANNELS).toEqual(CALL_NAMES.map(channelOf));
    expect(bound.slice(CALL_NAMES.length)).toEqual(Object.values(PLATFORM_CHANNELS));
    expect(new Set(bound).size).toBe(bound.length);
  });
});
