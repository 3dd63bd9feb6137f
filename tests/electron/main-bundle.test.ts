/**
 * The BUILT Electron bundles (dist/main/main.cjs, dist/main/preload.cjs) loaded under plain Node
 * with 'electron' faked (ARCHITECTURE.md "Done here, and done on Windows"): the window's
 * hardening, the protocols, the navigation and permission guards and the IPC binding are
 * checked on the very code that ships, not on its sources.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PLATFORM_CHANNELS, type VanThuBridge } from '../../src-shared/ipc/bridge';
import { CALL_NAMES, channelOf } from '../../src-shared/ipc/contract';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/ipc/csp';
import { createServices } from '../../src-main/core/services';
import { makeTestPdf } from '../fixtures/pdf';
import { safeStorageWrapper } from '../../src-main/core/db/at-rest/wrappers';
import {
  createFakeElectron,
  fakeSafeStorage,
  loadBundle,
  type Fake,
  type FakeWebContents,
  type IpcHandler,
} from './fake-electron';

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/main/main.cjs');
const PRELOAD = path.join(ROOT, 'dist/main/preload.cjs');
const VERSION = '9.8.7-test';
const SECRET = 'SECRET-OUTSIDE-THE-RENDERER';
const INDEX_MARKER = '<title>VanThu test renderer</title>';

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds main and preload unless both are newer than every source they are made from. */
function ensureBuilt(): void {
  const sources = ['src-main', 'src-shared'].map((d) => newestMtime(path.join(ROOT, d)));
  const newestSource = Math.max(...sources, fs.statSync(path.join(ROOT, 'scripts/build.mjs')).mtimeMs);
  const built = [MAIN, PRELOAD].map((f) => fs.statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0);
  if (Math.min(...built) < newestSource) {
    execFileSync(process.execPath, ['scripts/build.mjs', 'main'], { cwd: ROOT, stdio: 'inherit' });
  }
}

/**
 * An app root of our own: the real migrations, a tiny stand-in renderer (the real one is built
 * by Vite, separately) and a package.json holding a secret a traversal would leak.
 */
function makeAppRoot(): string {
  const root = tmp('vanthu-approot-');
  fs.symlinkSync(path.join(ROOT, 'migrations'), path.join(root, 'migrations'), 'dir');
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'vanthu', secret: SECRET }));
  fs.mkdirSync(path.join(root, 'dist/renderer/assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'dist/renderer/index.html'), `<!doctype html>${INDEX_MARKER}`);
  fs.writeFileSync(path.join(root, 'dist/renderer/assets/app.js'), 'console.log("app")');
  return root;
}

function ipcEvent(url: string | null, sender: FakeWebContents) {
  return { senderFrame: url === null ? null : { url }, sender };
}

describe('main bundle under a fake Electron', () => {
  let fake: Fake;
  let dataDir: string;
  let appRoot: string;
  const argv = process.argv;

  const handler = (channel: string): IpcHandler => {
    const h = fake.record.ipcHandlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h;
  };
  const appProtocol = (url: string) => fake.record.protocolHandlers.get('vanthu')!(new Request(url));
  const blobProtocol = (url: string) => fake.record.protocolHandlers.get('vanthu-blob')!(new Request(url));

  beforeAll(async () => {
    ensureBuilt();
    appRoot = makeAppRoot();
    dataDir = tmp('vanthu-electron-data-');
    fake = createFakeElectron({ appPath: appRoot, version: VERSION });
    // The bundle reads --data-dir once it is ready: keep argv until the window exists.
    process.argv = [...argv, '--data-dir', dataDir];
    loadBundle(MAIN, fake.electron);
    await vi.waitFor(() => expect(fake.record.windows).toHaveLength(1));
  });

  afterAll(() => {
    process.argv = argv;
  });

  it('asks for the single-instance lock and opens the database in --data-dir', async () => {
    expect(fake.record.singleInstanceLockRequests).toBe(1);
    expect(fs.existsSync(path.join(dataDir, 'vanthu.sqlite'))).toBe(true);
    expect(fake.record.errorBoxes).toEqual([]);
    expect(fake.record.menu).not.toBeNull();
  });

  it('creates one hardened window with the bundled preload, shown when ready', () => {
    const [window] = fake.record.windows;
    expect(window!.options.title).toBe('VanThu');
    expect(window!.options.show).toBe(false);
    expect(window!.options.webPreferences).toStrictEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      preload: PRELOAD,
    });
    expect(fs.existsSync(PRELOAD)).toBe(true);
    expect(window!.loadedUrl).toBe('vanthu://app/index.html');
    expect(window!.shown).toBe(false);
    window!.emit('ready-to-show');
    expect(window!.shown).toBe(true);
  });

  it('registers the schemes as privileged before ready, and handles them after', () => {
    const schemes = Object.fromEntries(fake.record.privilegedSchemes.map((s) => [s.scheme, s.privileges]));
    expect(schemes.vanthu).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    expect(schemes['vanthu-blob']).toMatchObject({ secure: true, supportFetchAPI: true, stream: true });
    const log = fake.record.log;
    expect(log.indexOf('registerSchemesAsPrivileged')).toBeLessThan(log.indexOf('ready'));
    expect(log.indexOf('protocol.handle vanthu')).toBeGreaterThan(log.indexOf('ready'));
    expect([...fake.record.protocolHandlers.keys()].sort()).toEqual(['vanthu', 'vanthu-blob']);
  });

  it('serves the renderer with the CSP on every response, with the SPA fallback', async () => {
    const index = await appProtocol('vanthu://app/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await index.text()).toContain(INDEX_MARKER);

    const script = await appProtocol('vanthu://app/assets/app.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);

    const route = await appProtocol('vanthu://app/register/incoming/42');
    expect(await route.text()).toContain(INDEX_MARKER);

    const missing = await appProtocol('vanthu://app/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);

    expect((await appProtocol('vanthu://elsewhere/index.html')).status).toBe(404);
  });

  it('refuses path traversal out of the renderer folder', async () => {
    const attempts = [
      'vanthu://app/../../package.json',
      'vanthu://app/%2e%2e/%2e%2e/package.json',
      'vanthu://app/..%2f..%2fpackage.json',
      'vanthu://app/assets/..%2f..%2f..%2fpackage.json',
      'vanthu://app/..%5c..%5cpackage.json',
      'vanthu://app/%2e%2e%2f%2e%2e%2fpackage.json',
    ];
    for (const url of attempts) {
      const res = await appProtocol(url);
      expect(res.status, url).not.toBe(200);
      expect(res.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(await res.text(), url).not.toContain(SECRET);
    }
    // Encoded separators survive URL parsing: those are refused outright.
    expect((await appProtocol('vanthu://app/..%2f..%2fpackage.json')).status).toBe(403);
    expect((await appProtocol('vanthu://app/..%5c..%5cpackage.json')).status).toBe(403);
  });

  it('serves only 64-hex blob names from the store', async () => {
    expect((await blobProtocol(`vanthu-blob://${'0'.repeat(64)}`)).status).toBe(404);
    expect((await blobProtocol(`vanthu-blob://${'g'.repeat(64)}`)).status).toBe(404);
    expect((await blobProtocol('vanthu-blob://../vanthu.sqlite')).status).toBe(404);
    expect((await blobProtocol('vanthu-blob://vanthu.sqlite')).status).toBe(404);
  });

  it('keeps navigation and redirects on the app origin', () => {
    const contents = fake.record.windows[0]!.webContents;
    const navigate = (name: string, url: string) => {
      const event = { url, preventDefault: vi.fn() };
      contents.emit(name, event, url, false, true, 1, 1);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(navigate('will-navigate', 'file:///C:/Windows/win.ini')).toBe(true);
    expect(navigate('will-navigate', 'vanthu://app.evil/')).toBe(true);
    expect(navigate('will-navigate', 'vanthu-blob://' + '0'.repeat(64))).toBe(true);
    expect(navigate('will-navigate', 'vanthu://app/')).toBe(false);
    expect(navigate('will-navigate', 'vanthu://app/index.html#/register')).toBe(false);
    expect(navigate('will-redirect', 'https://example.com/')).toBe(true);
    expect(navigate('will-redirect', 'vanthu://app/index.html')).toBe(false);

    const attach = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window, sending only web links to the system browser', () => {
    const open = fake.record.windows[0]!.webContents.windowOpenHandler!;
    expect(open({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///C:/Windows/System32/calc.exe' })).toEqual({ action: 'deny' });
    expect(open({ url: 'vanthu://app/index.html' })).toEqual({ action: 'deny' });
    expect(fake.record.openedExternally).toEqual(['https://example.com/help']);
  });

  it('guards every webContents created later too', () => {
    const other = fake.newWebContents();
    fake.electron.app.emit('web-contents-created', {}, other);
    expect(other.listenerCount('will-navigate')).toBeGreaterThan(0);
    expect(other.listenerCount('will-redirect')).toBeGreaterThan(0);
    expect(other.listenerCount('will-attach-webview')).toBeGreaterThan(0);
    expect(other.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', () => {
    const { request, check } = fake.defaultSession.permissions;
    const contents = fake.record.windows[0]!.webContents;
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fileSystem',
    ]) {
      const callback = vi.fn();
      request!(contents, permission, callback, { requestingUrl: 'vanthu://app/index.html' });
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(check!(contents, permission, 'vanthu://app', {}), permission).toBe(false);
    }
  });

  it('binds exactly the contract calls, plus the platform calls', () => {
    const channels = [...fake.record.ipcHandlers.keys()];
    const platform = Object.values(PLATFORM_CHANNELS) as string[];
    expect(channels.filter((c) => !platform.includes(c)).sort()).toEqual(CALL_NAMES.map(channelOf).sort());
    expect(channels.filter((c) => platform.includes(c)).sort()).toEqual([...platform].sort());
  });

  it('refuses calls from any frame that is not the app', async () => {
    const contents = fake.record.windows[0]!.webContents;
    for (const url of [null, 'https://evil.example/', 'file:///C:/x.html', 'vanthu://app.evil/', 'vanthu://x@app/']) {
      for (const channel of [channelOf('app.info'), PLATFORM_CHANNELS.importFile, PLATFORM_CHANNELS.notify]) {
        const result = (await handler(channel)(ipcEvent(url, contents), {})) as {
          ok: boolean;
          error?: { code: string; message: string };
        };
        expect(result, `${channel} from ${url}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        expect(result.error!.message).toMatch(/từ chối/);
      }
    }
    expect(fake.record.notifications).toEqual([]);
  });

  it('answers the app origin through the core dispatcher', async () => {
    const contents = fake.record.windows[0]!.webContents;
    const result = await handler(channelOf('app.info'))(ipcEvent('vanthu://app/index.html', contents), {});
    expect(result).toEqual({ ok: true, value: { version: VERSION, setupDone: false, dataDir } });
    const invalid = await handler(channelOf('document.get'))(ipcEvent('vanthu://app/index.html', contents), {
      id: 'x',
    });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('keeps one session per window, imports files only when signed in, and serves them as blobs', async () => {
    const a = fake.record.windows[0]!.webContents;
    const b = fake.newWebContents();
    const call = (contents: FakeWebContents, channel: string, input?: unknown) =>
      handler(channel)(ipcEvent('vanthu://app/index.html', contents), input) as Promise<{
        ok: boolean;
        value?: Record<string, unknown> | null;
        error?: { code: string; message: string };
      }>;

    const setup = await call(a, channelOf('setup.run'), {
      organisation: {
        name: 'Ủy ban nhân dân xã Hòa Bình',
        organId: '000.00.00.H41',
        abbreviation: 'UBND',
        regime: 'state',
      },
      term: { name: '2021-2026', startDate: '2021-07-01', endDate: null },
      admin: { username: 'admin', fullName: 'Nguyễn Văn An', password: 'matkhau123' },
    });
    expect(setup.ok).toBe(true);

    const pdf = path.join(tmp('vanthu-upload-'), 'cong-van.pdf');
    fs.writeFileSync(pdf, makeTestPdf());
    expect(await call(a, PLATFORM_CHANNELS.importFile, pdf)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });

    expect(await call(a, channelOf('auth.signIn'), { username: 'admin', password: 'matkhau123' })).toMatchObject({
      ok: true,
    });
    expect((await call(a, channelOf('auth.session'), {})).value).toMatchObject({ user: { username: 'admin' } });
    expect((await call(b, channelOf('auth.session'), {})).value).toBeNull();
    expect(await call(b, PLATFORM_CHANNELS.importFile, pdf)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await call(a, PLATFORM_CHANNELS.importFile, 'relative/path.pdf')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });

    const imported = await call(a, PLATFORM_CHANNELS.importFile, pdf);
    expect(imported).toMatchObject({ ok: true, value: { mediaType: 'application/pdf', pageCount: 1 } });
    const sha = imported.value!.sha256 as string;

    const blob = await blobProtocol(`vanthu-blob://${sha}`);
    expect(blob.status).toBe(200);
    expect(blob.headers.get('content-type')).toBe('application/pdf');
    expect(blob.headers.get('access-control-allow-origin')).toBe('vanthu://app');
    expect(Buffer.from(await blob.arrayBuffer()).equals(fs.readFileSync(pdf))).toBe(true);

    // Saving a copy: the save dialog proposes a Windows-safe name; cancelling saves nothing.
    const target = path.join(tmp('vanthu-save-'), 'ban-sao.pdf');
    fake.record.saveDialogAnswer = null;
    expect(await call(a, PLATFORM_CHANNELS.saveFile, { sha256: sha, suggestedName: 'a/b:c.pdf' })).toEqual({
      ok: true,
      value: { saved: false },
    });
    expect(fake.record.saveDialogs.at(-1)?.defaultPath).toBe('b_c.pdf');
    fake.record.saveDialogAnswer = target;
    expect(await call(a, PLATFORM_CHANNELS.saveFile, { sha256: sha, suggestedName: 'cong-van.pdf' })).toEqual({
      ok: true,
      value: { saved: true },
    });
    expect(fs.readFileSync(target).equals(fs.readFileSync(pdf))).toBe(true);
    expect(await call(a, PLATFORM_CHANNELS.saveFile, { sha256: '0'.repeat(64), suggestedName: 'x.pdf' })).toMatchObject(
      {
        ok: false,
        error: { code: 'NOT_FOUND' },
      },
    );
    expect(await call(b, PLATFORM_CHANNELS.saveFile, { sha256: sha, suggestedName: 'x.pdf' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });

    // The window's session goes with its webContents.
    a.emit('destroyed');
    expect((await call(a, channelOf('auth.session'), {})).value).toBeNull();
  });

  it('prints the sender window and shows notifications from main', async () => {
    const contents = fake.record.windows[0]!.webContents;
    const printed = await handler(PLATFORM_CHANNELS.print)(ipcEvent('vanthu://app/index.html', contents));
    expect(printed).toEqual({ ok: true, value: { printed: true } });
    expect(contents.printCalls).toBe(1);
    const notified = await handler(PLATFORM_CHANNELS.notify)(ipcEvent('vanthu://app/index.html', contents), {
      title: 'Văn bản đến mới',
      body: 'Có 1 văn bản đến chưa xử lý',
    });
    expect(notified).toEqual({ ok: true, value: null });
    expect(fake.record.notifications).toEqual([{ title: 'Văn bản đến mới', body: 'Có 1 văn bản đến chưa xử lý' }]);
  });
});

describe('main bundle on a database written by a newer VanThu', () => {
  it('shows the Vietnamese reason and quits without opening a window', async () => {
    const dataDir = tmp('vanthu-electron-newer-');
    const services = createServices({ dataDir, appRoot: ROOT, keyWrappers: [safeStorageWrapper(fakeSafeStorage)] });
    services.sqlite
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('future', Date.now() * 2);
    services.close();

    const fake = createFakeElectron({ appPath: ROOT, version: VERSION });
    const argv = process.argv;
    process.argv = [...argv, `--data-dir=${dataDir}`];
    try {
      loadBundle(MAIN, fake.electron);
      await vi.waitFor(() => expect(fake.record.quitCalls).toBe(1));
    } finally {
      process.argv = argv;
    }
    expect(fake.record.errorBoxes).toHaveLength(1);
    expect(fake.record.errorBoxes[0]!.content).toMatch(/phiên bản VanThu mới hơn/);
    expect(fake.record.windows).toEqual([]);
    expect(fake.record.ipcHandlers.size).toBe(0);
  });
});

describe('main bundle and the register key', () => {
  async function start(dataDir: string, prepare?: (fake: Fake) => void): Promise<Fake> {
    const fake = createFakeElectron({ appPath: ROOT, version: VERSION });
    prepare?.(fake);
    const argv = process.argv;
    process.argv = [...argv, `--data-dir=${dataDir}`];
    try {
      loadBundle(MAIN, fake.electron);
      await vi.waitFor(() => expect(fake.record.windows.length + fake.record.quitCalls).toBeGreaterThan(0));
    } finally {
      process.argv = argv;
    }
    return fake;
  }

  it('keeps the key wrapped by safeStorage (DPAPI), never in the clear', async () => {
    const dataDir = tmp('vanthu-electron-key-');
    const fake = await start(dataDir);
    expect(fake.record.errorBoxes).toEqual([]);
    const keyFile = JSON.parse(fs.readFileSync(path.join(dataDir, 'vanthu.keys.json'), 'utf8')) as {
      wraps: Record<string, { data: string }>;
    };
    expect(Object.keys(keyFile.wraps)).toEqual(['safe-storage']);
    expect(fs.existsSync(path.join(dataDir, 'workstation.key'))).toBe(false);
    const wrapped = Buffer.from(keyFile.wraps['safe-storage']!.data, 'base64');
    expect(fakeSafeStorage.decryptString(wrapped)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses to start, in Vietnamese, when Windows cannot protect the key', async () => {
    const fake = await start(tmp('vanthu-electron-nokey-'), (f) => {
      f.record.safeStorageAvailable = false;
    });
    expect(fake.record.windows).toEqual([]);
    expect(fake.record.errorBoxes[0]!.content).toMatch(/safeStorage không dùng được/);
  });
});

describe('preload bundle under a fake Electron', () => {
  function loadPreload() {
    const exposed: { key: string; api: VanThuBridge }[] = [];
    const invoke = vi.fn(async (channel: string, input?: unknown) => ({ ok: true, value: { channel, input } }));
    const fake = {
      contextBridge: { exposeInMainWorld: (key: string, api: VanThuBridge) => exposed.push({ key, api }) },
      ipcRenderer: { invoke },
      webUtils: { getPathForFile: (file: { name: string }) => (file.name ? `/home/clerk/${file.name}` : '') },
    };
    const { required } = loadBundle(PRELOAD, fake);
    return { exposed, invoke, required };
  }

  beforeAll(() => ensureBuilt());

  it('needs nothing but electron (it runs sandboxed)', () => {
    expect([...new Set(loadPreload().required)]).toEqual(['electron']);
  });

  it('exposes exactly one function per contract call on window.vanthu, nothing generic', async () => {
    const { exposed, invoke } = loadPreload();
    expect(exposed).toHaveLength(1);
    const { key, api } = exposed[0]!;
    expect(key).toBe('vanthu');
    expect(Object.keys(api).sort()).toEqual(['calls', 'platform']);
    expect(Object.keys(api.calls).sort()).toEqual([...CALL_NAMES].sort());
    for (const name of CALL_NAMES) {
      expect(typeof api.calls[name], name).toBe('function');
      const input = { probe: name };
      expect(await api.calls[name](input)).toEqual({ ok: true, value: { channel: channelOf(name), input } });
      expect(invoke).toHaveBeenLastCalledWith(channelOf(name), input);
    }
    expect(Object.keys(api.platform).sort()).toEqual(['blobUrl', 'kind', 'notify', 'print', 'saveFile', 'uploadFile']);
  });

  it('gives the Electron platform: blob URLs, uploads by path with progress, print, notify', async () => {
    const { exposed, invoke } = loadPreload();
    const { platform } = exposed[0]!.api;
    expect(platform.kind).toBe('electron');
    const sha = 'a'.repeat(64);
    expect(platform.blobUrl(sha)).toBe(`vanthu-blob://${sha}`);

    const progress: [number, number][] = [];
    await platform.uploadFile({ name: 'cv.pdf', size: 1234 }, (sent: number, total: number) =>
      progress.push([sent, total]),
    );
    expect(invoke).toHaveBeenLastCalledWith(PLATFORM_CHANNELS.importFile, '/home/clerk/cv.pdf');
    expect(progress).toEqual([
      [0, 1234],
      [1234, 1234],
    ]);
    const notOnDisk = await platform.uploadFile({ name: '', size: 10 });
    expect(notOnDisk).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });

    await platform.print();
    expect(invoke).toHaveBeenLastCalledWith(PLATFORM_CHANNELS.print);
    platform.notify('Tiêu đề', 'Nội dung');
    expect(invoke).toHaveBeenLastCalledWith(PLATFORM_CHANNELS.notify, { title: 'Tiêu đề', body: 'Nội dung' });
  });
});
