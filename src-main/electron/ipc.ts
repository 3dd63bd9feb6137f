/**
 * Binds the contract to IPC: one `ipcMain.handle` per contract call (derived from CALL_NAMES,
 * so a new call cannot be forgotten) plus the three platform calls the preload needs. Every
 * handler first checks the sending frame is our UI on vanthu://app; the core dispatcher then
 * parses input, enforces access and returns a typed Result. Only types come from 'electron',
 * so this file loads (and is tested) without it.
 */
import path from 'node:path';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { PLATFORM_CHANNELS } from '../../src-shared/ipc/bridge';
import { CALL_NAMES, channelOf } from '../../src-shared/ipc/contract';
import { VanThuError, type ApiError, type Result } from '../../src-shared/ipc/errors';
import { SessionSlot, type Dispatcher, type Services } from '../core';
import { isAppOrigin } from './security';

/** Every channel bound here: the contract's, then the platform's. */
export const CONTRACT_CHANNELS: readonly string[] = CALL_NAMES.map(channelOf);
export const IPC_CHANNELS: readonly string[] = [...CONTRACT_CHANNELS, ...Object.values(PLATFORM_CHANNELS)];

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle'>;
  services: Pick<Services, 'accounts' | 'files'>;
  dispatch: Dispatcher;
  /** Shows a system notification (Electron's Notification in main.ts). */
  notify: (title: string, body: string) => void;
  /** Asks where to save a file (Electron's save dialog on the sender's window); null if cancelled. */
  askSavePath: (sender: WebContents, suggestedName: string) => Promise<string | null>;
  /** English log line for unexpected errors. */
  log?: (message: string) => void;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** A name Windows accepts: no path, no reserved characters; the fallback when nothing is left. */
export function safeFileName(name: string, fallback: string): string {
  const cleaned = path
    .basename(name.replace(/\\/g, '/'))
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_')
    .trim();
  return cleaned.length > 0 && cleaned !== '.' && cleaned !== '..' ? cleaned.slice(0, 180) : fallback;
}

/** The save dialog's file types for a suggested name: a register may be saved as .xlsx, not only PDF. */
export function saveDialogFilters(name: string): { name: string; extensions: string[] }[] {
  const extension = path.extname(name).slice(1).toLowerCase();
  if (extension === 'pdf') return [{ name: 'PDF', extensions: ['pdf'] }];
  if (extension === 'xlsx') return [{ name: 'Excel', extensions: ['xlsx'] }];
  return [{ name: '*', extensions: ['*'] }];
}

type InvokeEvent = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: WebContents };

const fail = (code: ApiError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

const FORBIDDEN = fail('FORBIDDEN', 'Yêu cầu không đến từ cửa sổ VanThu nên đã bị từ chối.');

/** Only our own UI may call: a frame that exists and sits on the app origin. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame !== undefined && isAppOrigin(frame.url);
}

/** Binds every channel; returns the channels bound, in order. */
export function bindIpc(deps: IpcDeps): string[] {
  const { ipcMain, services, dispatch } = deps;

  // One sign-in per window: a second window does not inherit the first one's session, and the
  // slot goes with its webContents.
  const sessions = new Map<number, SessionSlot>();
  function slotFor(contents: WebContents): SessionSlot {
    let slot = sessions.get(contents.id);
    if (!slot) {
      const id = contents.id;
      slot = new SessionSlot();
      sessions.set(id, slot);
      contents.once('destroyed', () => sessions.delete(id));
    }
    return slot;
  }

  const bound: string[] = [];
  function bind(channel: string, handler: (event: InvokeEvent, input: unknown) => Promise<Result<unknown>>): void {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event)) return FORBIDDEN;
      try {
        return await handler(event, input);
      } catch (error) {
        if (error instanceof VanThuError) return { ok: false, error: error.toApiError() };
        deps.log?.(`${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fail('INTERNAL', 'Đã có lỗi ngoài dự kiến; dữ liệu không bị thay đổi. Hãy thử lại.');
      }
    });
    bound.push(channel);
  }

  for (const name of CALL_NAMES) {
    bind(channelOf(name), (event, input) => dispatch(name, input, slotFor(event.sender)));
  }

  // The path comes from webUtils.getPathForFile in the preload (a file the clerk picked or
  // dropped); the PDF is checked by the store before it is kept.
  bind(PLATFORM_CHANNELS.importFile, async (event, filePath) => {
    if (typeof filePath !== 'string' || !path.isAbsolute(filePath)) {
      return fail('VALIDATION', 'Không đọc được tệp đã chọn. Hãy chọn tệp PDF trên máy.');
    }
    if (!slotFor(event.sender).current(services.accounts.idleLockMinutes())) {
      return fail('UNAUTHENTICATED', 'Phiên làm việc đã khóa hoặc chưa đăng nhập. Hãy đăng nhập lại.');
    }
    return { ok: true, value: await services.files.putPdfFromPath(filePath) };
  });

  // A copy of a stored file, where the clerk chooses; the stored original is never touched.
  bind(PLATFORM_CHANNELS.saveFile, async (event, input) => {
    const { sha256, suggestedName } = (input ?? {}) as { sha256?: unknown; suggestedName?: unknown };
    if (typeof sha256 !== 'string' || !SHA256.test(sha256) || !services.files.has(sha256)) {
      return fail('NOT_FOUND', 'Không tìm thấy tệp trong kho lưu trữ.');
    }
    if (!slotFor(event.sender).current(services.accounts.idleLockMinutes())) {
      return fail('UNAUTHENTICATED', 'Phiên làm việc đã khóa hoặc chưa đăng nhập. Hãy đăng nhập lại.');
    }
    const name = safeFileName(typeof suggestedName === 'string' ? suggestedName : '', `${sha256.slice(0, 12)}.pdf`);
    const target = await deps.askSavePath(event.sender, name);
    if (target === null) return { ok: true, value: { saved: false } };
    await services.files.copyTo(sha256, target);
    return { ok: true, value: { saved: true } };
  });

  bind(PLATFORM_CHANNELS.print, (event) => {
    return new Promise((resolve) => {
      event.sender.print({}, (printed) => resolve({ ok: true, value: { printed } }));
    });
  });

  bind(PLATFORM_CHANNELS.notify, async (_event, input) => {
    const { title, body } = (input ?? {}) as { title?: unknown; body?: unknown };
    if (typeof title !== 'string' || typeof body !== 'string') return fail('VALIDATION', 'Thông báo không hợp lệ.');
    deps.notify(title.slice(0, 200), body.slice(0, 1000));
    return { ok: true, value: null };
  });

  return bound;
}
