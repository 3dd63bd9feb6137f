/**
 * Where the app's own update stands, for the screen: the Electron updater reports into it, the
 * contract reads it ('update.status') and asks for the restart ('update.restart'). Outside the
 * installed app (the development host, the CLI) it stays idle.
 */
import { VanThuError } from '../../../src-shared/ipc/errors';
import type { UpdateStatus } from '../../../src-shared/ipc/updates';

export function createUpdateState() {
  let status: UpdateStatus = { kind: 'idle' };
  let restart: (() => void) | null = null;
  return {
    status: (): UpdateStatus => status,
    downloading(version: string, percent: number): void {
      status = { kind: 'downloading', version, percent: Math.max(0, Math.min(100, Math.round(percent))) };
    },
    /** The download is complete; `install` quits and installs it. */
    ready(version: string, install: () => void): void {
      status = { kind: 'ready', version };
      restart = install;
    },
    failed(): void {
      status = { kind: 'idle' };
      restart = null;
    },
    restart(): void {
      if (status.kind !== 'ready' || !restart) {
        throw new VanThuError('CONFLICT', 'Chưa có bản cập nhật nào tải xong để cài.');
      }
      restart();
    },
  };
}

export type UpdateState = ReturnType<typeof createUpdateState>;
