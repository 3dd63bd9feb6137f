/** The connection (typed client + Platform) for every component below the app shell. */
import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from '../../src-shared/ipc/client';
import type { Platform } from '../../src-shared/ipc/platform';
import type { Connection } from './connection';

const ServicesContext = createContext<Connection | null>(null);

export function ServicesProvider({ connection, children }: { connection: Connection; children: ReactNode }) {
  return <ServicesContext.Provider value={connection}>{children}</ServicesContext.Provider>;
}

function useConnection(): Connection {
  const connection = useContext(ServicesContext);
  if (!connection) throw new Error('ServicesProvider is missing');
  return connection;
}

export function useApi(): ApiClient {
  return useConnection().client;
}

export function usePlatform(): Platform<File> {
  return useConnection().platform;
}
