/**
 * The main window. Everything a page could use to reach Node or the network is off; the UI
 * talks to main only through the preload's narrow bridge.
 */
import { BrowserWindow, type WebPreferences } from 'electron';
import { APP_URL } from './security';
import { logError } from '../core/log';

/** The hardened settings, apart from the preload path (the bundle test checks each one). */
export const HARDENED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const satisfies WebPreferences;

export function createMainWindow(preload: string): BrowserWindow {
  const window = new BrowserWindow({
    title: 'VanThu',
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    backgroundColor: '#ffffff',
    // Shown once painted, so the clerk never sees a blank white frame.
    show: false,
    webPreferences: { ...HARDENED_WEB_PREFERENCES, preload },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_URL).catch((error: unknown) => logError(`loading ${APP_URL} failed:`, error));
  return window;
}
