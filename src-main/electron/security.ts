/**
 * Guards every webContents and session gets. They take the Electron objects as parameters (and
 * import only types from 'electron') so a test can drive them with fakes. The renderer is our
 * own code, but a bug or a malicious PDF must not turn it into a browser: it may not navigate
 * away, open windows, attach webviews or be granted any permission.
 */
import type { Event, HandlerDetails, Session, Shell, WebContents, WindowOpenHandlerResponse } from 'electron';
import { ELECTRON_APP_SCHEME } from '../../src-shared/ipc/platform';

/** The UI is served from `vanthu://app/...`; that host is the only origin trusted with IPC. */
export const APP_HOST = 'app';
export const APP_ORIGIN = `${ELECTRON_APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * True for URLs on the app origin only. Compared field by field, not by prefix, so
 * `vanthu://app.evil/`, `vanthu://x@app/` and `vanthu://app:1/` are all refused.
 */
export function isAppOrigin(url: string | null | undefined): boolean {
  if (!url) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === `${ELECTRON_APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/** Links a clerk may open in the system browser: plain web pages, nothing else (no file:, smb:). */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** No new windows, ever; web links go to the system browser instead. */
export function windowOpenHandler(shell: Pick<Shell, 'openExternal'>) {
  return (details: Pick<HandlerDetails, 'url'>): WindowOpenHandlerResponse => {
    if (isExternalWebUrl(details.url)) void shell.openExternal(details.url).catch(() => undefined);
    return { action: 'deny' };
  };
}

type NavigationEvent = Pick<Event<{ url: string }>, 'preventDefault'> & { url?: string };

/** Navigation (and redirects) may only stay on the app origin. */
function keepOnAppOrigin(event: NavigationEvent, legacyUrl?: string): void {
  if (!isAppOrigin(event.url ?? legacyUrl)) event.preventDefault();
}

export function guardWebContents(contents: WebContents, shell: Pick<Shell, 'openExternal'>): void {
  contents.on('will-navigate', keepOnAppOrigin);
  contents.on('will-redirect', keepOnAppOrigin);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenHandler(shell));
}

/**
 * VanThu needs no web permission (notifications go through main, files through the preload),
 * so every request is refused and every check answers no.
 */
export function guardSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
