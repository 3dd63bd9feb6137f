/**
 * A stand-in for the 'electron' module, enough to run the built main and preload bundles under
 * plain Node (the Electron binary is not installed here). It records what the bundles ask of
 * Electron so the tests can check the window, protocols, guards and IPC binding.
 */
import { EventEmitter } from 'node:events';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const nodeRequire = createRequire(import.meta.url);

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
export type IpcHandler = (event: unknown, input?: unknown) => Promise<unknown>;

export interface PermissionHandlers {
  request:
    ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null;
  check: ((contents: unknown, permission: string, origin: string, details: unknown) => boolean) | null;
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  printCalls = 0;
  constructor(readonly session: FakeSession) {
    super();
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  print(_options: unknown, callback: (success: boolean, reason: string) => void): void {
    this.printCalls++;
    callback(true, '');
  }
}

export class FakeSession {
  readonly permissions: PermissionHandlers = { request: null, check: null };
  setPermissionRequestHandler(handler: PermissionHandlers['request']): void {
    this.permissions.request = handler;
  }
  setPermissionCheckHandler(handler: PermissionHandlers['check']): void {
    this.permissions.check = handler;
  }
}

export interface FakeWindow extends EventEmitter {
  options: { title?: string; show?: boolean; webPreferences?: Record<string, unknown> };
  webContents: FakeWebContents;
  loadedUrl: string | null;
  shown: boolean;
}

export function createFakeElectron(options: { appPath: string; version: string }) {
  const defaultSession = new FakeSession();
  const record = {
    /** Order of lifecycle steps, to prove schemes are registered before 'ready'. */
    log: [] as string[],
    singleInstanceLockRequests: 0,
    privilegedSchemes: [] as { scheme: string; privileges?: Record<string, boolean> }[],
    protocolHandlers: new Map<string, ProtocolHandler>(),
    ipcHandlers: new Map<string, IpcHandler>(),
    windows: [] as FakeWindow[],
    openedExternally: [] as string[],
    errorBoxes: [] as { title: string; content: string }[],
    quitCalls: 0,
    menu: null as unknown,
    notifications: [] as { title: string; body: string }[],
    /** What the next save dialog answers: a path, or null for "cancelled". */
    saveDialogAnswer: null as string | null,
    saveDialogs: [] as { defaultPath?: string }[],
    /** A PC where Windows cannot protect secrets for VanThu (no DPAPI for this profile). */
    safeStorageAvailable: true,
  };

  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock() {
      record.singleInstanceLockRequests++;
      return true;
    },
    whenReady() {
      record.log.push('whenReady');
      return Promise.resolve().then(() => {
        record.log.push('ready');
      });
    },
    isReady: () => record.log.includes('ready'),
    getAppPath: () => options.appPath,
    getVersion: () => options.version,
    getPath: (name: string) => path.join(os.tmpdir(), `vanthu-fake-${name}`),
    quit() {
      record.quitCalls++;
    },
  });

  class BrowserWindow extends EventEmitter implements FakeWindow {
    static fromWebContents(contents: unknown): BrowserWindow | null {
      return (record.windows as BrowserWindow[]).find((w) => w.webContents === contents) ?? null;
    }
    webContents = new FakeWebContents(defaultSession);
    loadedUrl: string | null = null;
    shown = false;
    constructor(public options: FakeWindow['options']) {
      super();
      record.windows.push(this);
      // As in Electron, the window's webContents is announced to the app.
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    show(): void {
      this.shown = true;
    }
    focus(): void {}
    restore(): void {}
    isMinimized(): boolean {
      return false;
    }
  }

  class Notification {
    static isSupported = () => true;
    constructor(private readonly o: { title: string; body: string }) {}
    show(): void {
      record.notifications.push(this.o);
    }
  }

  const electron = {
    app,
    BrowserWindow,
    Notification,
    protocol: {
      registerSchemesAsPrivileged(schemes: typeof record.privilegedSchemes) {
        if (app.isReady()) throw new Error('registerSchemesAsPrivileged after ready');
        record.log.push('registerSchemesAsPrivileged');
        record.privilegedSchemes.push(...schemes);
      },
      handle(scheme: string, handler: ProtocolHandler) {
        if (!app.isReady()) throw new Error('protocol.handle before ready');
        record.log.push(`protocol.handle ${scheme}`);
        record.protocolHandlers.set(scheme, handler);
      },
    },
    ipcMain: {
      handle(channel: string, handler: IpcHandler) {
        // Electron throws on a second handler for one channel; so does the fake.
        if (record.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
        record.ipcHandlers.set(channel, handler);
      },
    },
    session: { defaultSession },
    shell: {
      openExternal(url: string) {
        record.openedExternally.push(url);
        return Promise.resolve();
      },
    },
    dialog: {
      showErrorBox(title: string, content: string) {
        record.errorBoxes.push({ title, content });
      },
      showSaveDialog(...args: unknown[]) {
        const options = args.at(-1) as { defaultPath?: string };
        record.saveDialogs.push(options);
        const filePath = record.saveDialogAnswer;
        return Promise.resolve({ canceled: filePath === null, filePath: filePath ?? undefined });
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => record.safeStorageAvailable,
      encryptString: (text: string) => fakeSafeStorage.encryptString(text),
      decryptString: (bytes: Buffer) => fakeSafeStorage.decryptString(bytes),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu(menu: unknown) {
        record.menu = menu;
      },
    },
  };
  return { electron, record, defaultSession, newWebContents: () => new FakeWebContents(defaultSession) };
}

/**
 * Loads a CommonJS bundle with `require('electron')` answered by `fake`; returns the module
 * names the bundle required while loading (the preload must need nothing but 'electron').
 */
export function loadBundle(file: string, fake: object): { exports: unknown; required: string[] } {
  const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const original = loader._load;
  const required: string[] = [];
  loader._load = function (request, parent, isMain) {
    const fromBundle = (parent as { filename?: string } | undefined)?.filename === file;
    if (fromBundle) required.push(request);
    if (request === 'electron') return fake;
    return original.call(this, request, parent, isMain);
  };
  try {
    delete nodeRequire.cache[file];
    return { exports: nodeRequire(file), required };
  } finally {
    loader._load = original;
  }
}

export type Fake = ReturnType<typeof createFakeElectron>;

/**
 * safeStorage as this Windows user would have it: only this "user" can undo it. Tests that
 * prepare a register for the app open it the same way.
 */
export const fakeSafeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (text: string) => Buffer.concat([Buffer.from('DPAPI:'), Buffer.from(text, 'utf8').reverse()]),
  decryptString(bytes: Buffer): string {
    if (!bytes.subarray(0, 6).equals(Buffer.from('DPAPI:'))) throw new Error('not protected for this user');
    return Buffer.from(bytes.subarray(6)).reverse().toString('utf8');
  },
};
