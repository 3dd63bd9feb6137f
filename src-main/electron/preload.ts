/**
 * The preload: runs sandboxed, so it is bundled into one file that requires only 'electron'.
 * It exposes exactly one function per contract call and the Platform port, nothing generic:
 * no ipcRenderer, no channel chosen by the page.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { BRIDGE_KEY, PLATFORM_CHANNELS, type VanThuBridge } from '../../src-shared/ipc/bridge';
import { CALL_NAMES, channelOf } from '../../src-shared/ipc/contract';
import type { Result } from '../../src-shared/ipc/errors';
import { ELECTRON_BLOB_SCHEME } from '../../src-shared/ipc/platform';
import type { FileInfo } from '../../src-shared/ipc/schemas';

const calls = Object.fromEntries(
  CALL_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(channelOf(name), input)]),
) as VanThuBridge['calls'];

const platform: VanThuBridge['platform'] = {
  kind: 'electron',

  blobUrl: (sha256) => `${ELECTRON_BLOB_SCHEME}://${sha256}`,

  // Main reads the file from disk by its path, so the bytes never cross IPC; progress is
  // therefore only "started" and "done".
  async uploadFile(file, onProgress) {
    const total = file.size;
    onProgress?.(0, total);
    const filePath = webUtils.getPathForFile(file as File);
    if (!filePath) {
      return {
        ok: false,
        error: { code: 'BAD_FILE', message: 'Chỉ nhận tệp PDF lưu trên máy. Hãy lưu tệp vào máy rồi chọn lại.' },
      };
    }
    const result = (await ipcRenderer.invoke(PLATFORM_CHANNELS.importFile, filePath)) as Result<FileInfo>;
    if (result.ok) onProgress?.(total, total);
    return result;
  },

  saveFile: (sha256, suggestedName) => ipcRenderer.invoke(PLATFORM_CHANNELS.saveFile, { sha256, suggestedName }),

  async print() {
    await ipcRenderer.invoke(PLATFORM_CHANNELS.print);
  },

  notify(title, body) {
    void ipcRenderer.invoke(PLATFORM_CHANNELS.notify, { title, body });
  },
};

const bridge: VanThuBridge = { calls, platform };
contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
