/**
 * Electron entry (dist/main/main.cjs): one instance per user, the engine from core, the UI from
 * the vanthu:// protocol, and the contract bound to IPC. Startup order matters: privileged
 * schemes and the webContents guards are set before anything can load a page.
 */
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  protocol,
  safeStorage,
  session,
  shell,
  utilityProcess,
} from 'electron';
import { VanThuError } from '../../src-shared/ipc/errors';
import { createDispatcher, createHandlers, createServices, type Services } from '../core';
import { bindIpc, saveDialogFilters } from './ipc';
import { menuTemplate } from './menu';
import { PRIVILEGED_SCHEMES, registerProtocols } from './protocols';
import { guardSession, guardWebContents } from './security';
import { createMainWindow } from './window';
import { startUpdater } from './updater';
import { utilityTokenWorker } from './token-worker';
import { encryptedCredentialStore } from '../core/sync';
import { dataPaths, resolveDataDir } from '../core/paths';
import { dpapiWrapper, safeStorageWrapper } from '../core/db/at-rest/wrappers';
import { logError } from '../core/log';

/** `--data-dir DIR` or `--data-dir=DIR`, as the development host and the CLI take it. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === name) return argv[i + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

let mainWindow: BrowserWindow | null = null;
let services: Services | null = null;

/** Shown before quitting: the clerk gets the Vietnamese reason (e.g. DB_TOO_NEW), logs the rest. */
function failToStart(error: unknown): void {
  if (!(error instanceof VanThuError)) logError('VanThu failed to start:', error);
  const message =
    error instanceof VanThuError
      ? error.message
      : 'VanThu không khởi động được. Hãy mở lại; nếu vẫn lỗi, hãy báo quản trị viên.';
  dialog.showErrorBox('VanThu', message);
  app.quit();
}

function start(): void {
  let opened: Services;
  try {
    opened = createServices({
      dataDir: argValue(process.argv, '--data-dir'),
      appRoot: app.getAppPath(),
      version: app.getVersion(),
      tokenWorkerLauncher: utilityTokenWorker((modulePath, args, options) =>
        utilityProcess.fork(modulePath, args, options),
      ),
      // The inbox server credential, encrypted for this Windows user (DPAPI).
      syncCredentials: encryptedCredentialStore(
        path.join(dataPaths(resolveDataDir(argValue(process.argv, '--data-dir'))).dataDir, 'sync-credential.bin'),
        { encrypt: (text) => safeStorage.encryptString(text), decrypt: (bytes) => safeStorage.decryptString(bytes) },
      ),
      autoSync: true,
      autoBackup: true,
      // The register's key, wrapped by safeStorage (DPAPI); on Windows also opened through
      // DPAPI directly, so the recovery step of the CLI (vanthu keys unlock) lets the app in.
      keyWrappers: [safeStorageWrapper(safeStorage), ...(process.platform === 'win32' ? [dpapiWrapper()] : [])],
    });
  } catch (error) {
    failToStart(error);
    return;
  }
  services = opened;

  guardSession(session.defaultSession);
  registerProtocols(protocol, path.join(opened.appRoot, 'dist', 'renderer'), opened.files);

  const dispatch = createDispatcher(createHandlers(opened), {
    accounts: opened.accounts,
    log: (m) => logError(m),
  });
  bindIpc({
    ipcMain,
    services: opened,
    dispatch,
    askSavePath: async (sender, suggestedName) => {
      const owner = BrowserWindow.fromWebContents(sender);
      const options = { defaultPath: suggestedName, filters: saveDialogFilters(suggestedName) };
      const chosen = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
    },
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    log: (m) => logError(m),
  });

  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate()));
  // The preload sits next to this bundle, in dist/main (inside app.asar when packaged).
  mainWindow = createMainWindow(path.join(__dirname, 'preload.cjs'));
  mainWindow.on('closed', () => {
    mainWindow = null;
  });

  // Only an installed app updates itself; electron-updater is loaded then, not before.
  if (app.isPackaged) {
    void import('electron-updater').then(
      ({ autoUpdater }) =>
        startUpdater({
          autoUpdater,
          appRoot: opened.appRoot,
          dataDir: dataPaths(resolveDataDir(argValue(process.argv, '--data-dir'))).dataDir,
          version: app.getVersion(),
          serverUrl: () => opened.sync.status().serverUrl,
          window: () => mainWindow,
          log: (m) => logError(m),
          state: opened.updateState,
        }),
      (error: unknown) => logError('updater: not started:', error),
    );
  }
}

// Privileged schemes can only be registered before 'ready'.
protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES);

if (!app.requestSingleInstanceLock()) {
  // VanThu is already open: that instance is told (second-instance) and comes to the front.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Every webContents, the main window's included, is guarded as soon as it exists.
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, shell);
    guardSession(contents.session);
  });
  // A Windows app: closing the window ends VanThu.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    services?.close();
    services = null;
  });
  app.whenReady().then(start).catch(failToStart);
}
