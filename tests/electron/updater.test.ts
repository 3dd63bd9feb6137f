/**
 * src-main/electron/updater.ts with 'electron' mocked and electron-updater's autoUpdater
 * replaced by a recorder: it loads the shipped keys, points the generic provider at the
 * verified channel folder, downloads only what was verified, shows progress on the taskbar and
 * offers "restart to update".
 */
import { createUpdateState } from '../../src-main/core/updates/state';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { generateUpdateKeyPair, signFeed } from '../../src-main/core/updates/feed-signature';
import { parseLatestYml } from '../../src-shared/updates/latest-yml';
import { latestYml } from '../unit/updates/fixtures';

const shown = vi.hoisted(() => ({
  notifications: [] as { title: string; body: string }[],
  prompts: [] as { message: string; buttons: string[] }[],
  answer: 0,
}));

vi.mock('electron', () => ({
  BrowserWindow: class {},
  Notification: class {
    static isSupported = () => true;
    constructor(private readonly o: { title: string; body: string }) {}
    show() {
      shown.notifications.push(this.o);
    }
  },
  dialog: {
    showMessageBox: (...args: unknown[]) => {
      shown.prompts.push(args.at(-1) as { message: string; buttons: string[] });
      return Promise.resolve({ response: shown.answer });
    },
  },
}));

const { startUpdater } = await import('../../src-main/electron/updater');

const FEED = 'https://lienthong.example.vn/updates';

class FakeAutoUpdater extends EventEmitter {
  autoDownload = true;
  autoInstallOnAppQuit = false;
  allowDowngrade = true;
  isUserWithinRollout: (info: never) => boolean = () => false;
  feedOptions: unknown[] = [];
  downloads = 0;
  installs: unknown[][] = [];
  constructor(private readonly served: () => string) {
    super();
  }
  setFeedURL(options: unknown) {
    this.feedOptions.push(options);
  }
  checkForUpdates() {
    return Promise.resolve({ updateInfo: parseLatestYml(this.served()) });
  }
  downloadUpdate() {
    this.downloads++;
    return Promise.resolve([]);
  }
  quitAndInstall(...args: unknown[]) {
    this.installs.push(args);
  }
}

function shippedApp(publicPem: string) {
  const appRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-app-'));
  fs.mkdirSync(path.join(appRoot, 'resources', 'update-keys'), { recursive: true });
  fs.writeFileSync(path.join(appRoot, 'resources', 'update-keys', 'admin.pem'), publicPem);
  return appRoot;
}

describe('the Electron updater', () => {
  it('sends electron-updater to the verified release with the generic provider, then offers a restart', async () => {
    const admin = generateUpdateKeyPair();
    const yml = latestYml('1.3.0', 'installer');
    const feed: Record<string, string> = {
      [`${FEED}/beta/latest.yml`]: yml,
      [`${FEED}/beta/latest.yml.sig`]: signFeed(Buffer.from(yml), admin.privatePem),
    };
    const fetch = (async (url: string) =>
      url in feed ? new Response(feed[url]) : new Response('', { status: 404 })) as unknown as typeof globalThis.fetch;
    const autoUpdater = new FakeAutoUpdater(() => yml);
    const progress: number[] = [];
    const window = { setProgressBar: (value: number) => progress.push(value) };
    const log: string[] = [];
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-data-'));

    const state = createUpdateState();
    const runner = startUpdater({
      autoUpdater,
      appRoot: shippedApp(admin.publicPem),
      dataDir,
      version: '1.2.0',
      serverUrl: () => 'https://lienthong.example.vn/',
      window: () => window as never,
      log: (line) => log.push(line),
      fetch,
      machinePolicy: async () => ({ policy: { channel: 'beta' }, warnings: [] }),
      state,
    });
    try {
      expect(autoUpdater.autoDownload).toBe(false);
      expect(await runner.checkNow()).toEqual({ kind: 'downloading', version: '1.3.0' });
      expect(autoUpdater.feedOptions).toEqual([
        { provider: 'generic', url: `${FEED}/beta/`, useMultipleRangeRequest: false },
      ]);
      expect(autoUpdater.downloads).toBe(1);
      expect(fs.readFileSync(path.join(dataDir, 'update-id'), 'utf8')).toMatch(/^[0-9a-f-]{36}\n$/);

      expect(state.status()).toEqual({ kind: 'downloading', version: '1.3.0', percent: 0 });
      autoUpdater.emit('download-progress', { percent: 42 });
      // What the screen shows ('update.status'), beside the taskbar button.
      expect(state.status()).toEqual({ kind: 'downloading', version: '1.3.0', percent: 42 });
      autoUpdater.emit('update-downloaded', { version: '1.3.0' });
      await new Promise((resolve) => setImmediate(resolve));
      expect(state.status()).toEqual({ kind: 'ready', version: '1.3.0' });
      expect(progress).toEqual([0.42, -1]);
      expect(shown.notifications.at(-1)?.body).toMatch(/Đã tải bản cập nhật 1\.3\.0/);
      expect(shown.prompts.at(-1)?.buttons[0]).toBe('Khởi động lại để cập nhật');
      expect(autoUpdater.installs).toEqual([[false, true]]);
      // "Khởi động lại để cập nhật" on the screen does the same.
      state.restart();
      expect(autoUpdater.installs).toEqual([
        [false, true],
        [false, true],
      ]);
    } finally {
      runner.stop();
    }
  });

  it('never calls electron-updater for a feed signed by a key the app does not ship', async () => {
    const shipped = generateUpdateKeyPair();
    const other = generateUpdateKeyPair();
    const yml = latestYml('1.3.0', 'installer');
    const fetch = (async (url: string) =>
      new Response(
        url.endsWith('.sig') ? signFeed(Buffer.from(yml), other.privatePem) : yml,
      )) as unknown as typeof globalThis.fetch;
    const autoUpdater = new FakeAutoUpdater(() => yml);
    const log: string[] = [];
    const runner = startUpdater({
      autoUpdater,
      appRoot: shippedApp(shipped.publicPem),
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-data-')),
      version: '1.2.0',
      serverUrl: () => 'https://lienthong.example.vn',
      window: () => null,
      log: (line) => log.push(line),
      fetch,
      machinePolicy: async () => ({ policy: {}, warnings: [] }),
    });
    try {
      expect(await runner.checkNow()).toMatchObject({ kind: 'rejected' });
      expect(autoUpdater.feedOptions).toEqual([]);
      expect(autoUpdater.downloads).toBe(0);
      expect(log.at(-1)).toMatch(/refused feed: .*unknownKey/);
    } finally {
      runner.stop();
    }
  });
});
