/**
 * Picks how the UI reaches the engine: Electron's preload when present, else the development
 * host. The rest of the UI sees only the typed ApiClient and the Platform.
 */
import { ApiFailure, createClient, type ApiClient } from '../../src-shared/ipc/client';
import type { Platform } from '../../src-shared/ipc/platform';
import { electronPlatform, electronTransport, findElectronBridge } from './electronBridge';
import { hostPlatform, hostTransport, takeHostToken } from './hostConnection';

export interface Connection {
  client: ApiClient;
  platform: Platform<File>;
}

export type ConnectionResult = { ok: true; connection: Connection } | { ok: false; reason: 'noToken' };

export function connect(): ConnectionResult {
  const bridge = findElectronBridge();
  if (bridge)
    return {
      ok: true,
      connection: { client: createClient(electronTransport(bridge)), platform: electronPlatform(bridge) },
    };
  const token = takeHostToken();
  if (!token) return { ok: false, reason: 'noToken' };
  return { ok: true, connection: { client: createClient(hostTransport(token)), platform: hostPlatform(token) } };
}

/**
 * The same connection, reporting every "not signed in" answer (the session locked on the
 * engine's side) so the UI can ask for the password again without losing the screen.
 */
export function watchSignedOut(connection: Connection, onSignedOut: () => void): Connection {
  const client: ApiClient = {
    async call(name, input) {
      try {
        return await connection.client.call(name, input);
      } catch (error) {
        if (error instanceof ApiFailure && error.code === 'UNAUTHENTICATED' && name !== 'auth.signIn') onSignedOut();
        throw error;
      }
    },
  };
  const platform: Platform<File> = {
    ...connection.platform,
    async uploadFile(file, onProgress) {
      const result = await connection.platform.uploadFile(file, onProgress);
      if (!result.ok && result.error.code === 'UNAUTHENTICATED') onSignedOut();
      return result;
    },
  };
  return { client, platform };
}
