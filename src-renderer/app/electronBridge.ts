/**
 * Electron: the preload puts the bridge (src-shared/ipc/bridge.ts) on `window.vanthu`, one
 * function per contract call plus the Electron Platform.
 */
import { BRIDGE_KEY, type VanThuBridge } from '../../src-shared/ipc/bridge';
import type { Transport } from '../../src-shared/ipc/client';
import type { Platform } from '../../src-shared/ipc/platform';
import { currentStrings } from '../i18n';

export function findElectronBridge(): VanThuBridge | null {
  const candidate = (window as unknown as Record<string, VanThuBridge | undefined>)[BRIDGE_KEY];
  return candidate && typeof candidate === 'object' && candidate.calls && candidate.platform ? candidate : null;
}

export function electronTransport(bridge: VanThuBridge): Transport {
  return async (name, input) => {
    const call = bridge.calls[name] as VanThuBridge['calls'][typeof name] | undefined;
    if (!call) return { ok: false, error: { code: 'INTERNAL', message: currentStrings().errors.unexpected } };
    return call(input);
  };
}

/** The bridge's Platform takes any file-like source; the renderer hands it DOM Files. */
export function electronPlatform(bridge: VanThuBridge): Platform<File> {
  return bridge.platform;
}
