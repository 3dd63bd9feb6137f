/**
 * What the Electron preload puts on `window.vanthu`: one function per contract call (nothing
 * generic, no raw ipcRenderer) and the Electron side of the Platform port. The renderer builds
 * its client and Platform from this; src-main/electron binds exactly these channels.
 * Pure types and constants: no DOM, no Node, no 'electron'.
 */
import type { CallName } from './contract';
import type { Result } from './errors';
import type { Platform, UploadSource } from './platform';

/** Channels of the platform calls (not contract calls): the preload invokes, main handles. */
export const PLATFORM_CHANNELS = {
  importFile: 'vanthu:platform.importFile',
  saveFile: 'vanthu:platform.saveFile',
  print: 'vanthu:platform.print',
  notify: 'vanthu:platform.notify',
} as const;
export type PlatformChannel = (typeof PLATFORM_CHANNELS)[keyof typeof PLATFORM_CHANNELS];

/** The global the preload exposes: `window.vanthu`. */
export const BRIDGE_KEY = 'vanthu';

export interface VanThuBridge {
  /** Exactly one entry per contract call; input is validated in main, never trusted here. */
  readonly calls: { readonly [K in CallName]: (input: unknown) => Promise<Result<unknown>> };
  /** The Platform port in Electron; uploads take a DOM File (structurally an UploadSource). */
  readonly platform: Platform<UploadSource> & { readonly kind: 'electron' };
}
