/**
 * The updater as the app runs it: electron-updater's autoUpdater driven by the core runner
 * (core/updates/runner.ts decides and verifies; this file only connects it to Electron).
 * Download progress shows on the taskbar button; a finished download says so in a
 * notification and offers "restart to update", and is installed at the next quit otherwise.
 */
import path from 'node:path';
import { BrowserWindow, dialog, Notification } from 'electron';
import type { ProgressInfo, UpdateDownloadedEvent } from 'electron-updater';
import {
  createUpdateRunner,
  fetchServerPolicy,
  loadUpdateKeys,
  readMachinePolicy,
  updateIdentity,
  type PolicyReading,
  type UpdateInstaller,
  type UpdateState,
} from '../core/updates';

/** electron-updater's autoUpdater, as far as it is used here. */
export interface AutoUpdater extends UpdateInstaller {
  on(event: 'download-progress', listener: (info: ProgressInfo) => void): unknown;
  on(event: 'update-downloaded', listener: (event: UpdateDownloadedEvent) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface UpdaterOptions {
  autoUpdater: AutoUpdater;
  appRoot: string;
  dataDir: string;
  version: string;
  /** The enrolled inbox server, whose /updates is the feed when no policy names one. */
  serverUrl: () => string | null;
  window: () => BrowserWindow | null;
  log: (line: string) => void;
  fetch?: typeof globalThis.fetch;
  /** What the screen shows of the update (services.updateState). */
  state?: Pick<UpdateState, 'downloading' | 'ready' | 'failed'>;
  /** HKLM or the policy file (readMachinePolicy); replaced in tests. */
  machinePolicy?: () => Promise<PolicyReading>;
}

export function startUpdater(options: UpdaterOptions) {
  const { autoUpdater, log } = options;
  let downloading = '';
  const runner = createUpdateRunner({
    installer: autoUpdater,
    currentVersion: options.version,
    keys: loadUpdateKeys(path.join(options.appRoot, 'resources', 'update-keys'), log),
    machinePolicy: options.machinePolicy ?? (() => readMachinePolicy({})),
    defaultFeedUrl: () => {
      const server = options.serverUrl();
      return server ? `${server.replace(/\/+$/, '')}/updates` : null;
    },
    serverPolicy: () => fetchServerPolicy(options.serverUrl(), options.fetch),
    workstationId: updateIdentity(options.dataDir),
    log,
    onDownload: (version) => {
      downloading = version;
      options.state?.downloading(version, 0);
    },
    onDownloadFailed: () => options.state?.failed(),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  autoUpdater.on('error', (error) => log(`updater: ${error.message}`));
  autoUpdater.on('download-progress', (info) => {
    options.window()?.setProgressBar(Math.max(0, Math.min(1, info.percent / 100)));
    options.state?.downloading(downloading, info.percent);
  });
  autoUpdater.on('update-downloaded', (event) => {
    const window = options.window();
    window?.setProgressBar(-1);
    log(`updater: ${event.version} downloaded`);
    options.state?.ready(event.version, () => autoUpdater.quitAndInstall(false, true));
    if (Notification.isSupported()) {
      new Notification({
        title: 'VanThu',
        body: `Đã tải bản cập nhật ${event.version}. Bản mới được cài khi khởi động lại VanThu.`,
      }).show();
    }
    const ask = {
      type: 'info' as const,
      title: 'Cập nhật VanThu',
      message: `Bản VanThu ${event.version} đã sẵn sàng.`,
      detail: 'Khởi động lại ngay để cập nhật, hoặc để sau: bản mới sẽ được cài khi đóng VanThu.',
      buttons: ['Khởi động lại để cập nhật', 'Để sau'],
      defaultId: 0,
      cancelId: 1,
    };
    void (window ? dialog.showMessageBox(window, ask) : dialog.showMessageBox(ask)).then(
      (answer) => {
        if (answer.response === 0) autoUpdater.quitAndInstall(false, true);
      },
      (error: unknown) => log(`updater: restart prompt failed: ${String(error)}`),
    );
  });

  runner.start();
  return runner;
}
