/** Starts the inbox server on a port: the database, the blob folder and the HTTP listener. */
import http from 'node:http';
import path from 'node:path';
import { createInboxApp } from './app';
import { diskBlobStore } from './blobs';
import { openDb, type Db } from './db';

export interface InboxServer {
  url: string;
  db: Db;
  close(): Promise<void>;
}

export async function startInboxServer(options: {
  dataDir: string;
  port?: number;
  host?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}): Promise<InboxServer> {
  const db = await openDb(options.dataDir, options.env);
  const app = createInboxApp({
    db,
    blobs: diskBlobStore(path.join(options.dataDir, 'blobs')),
    log: options.log ?? console.error,
  });
  const server = http.createServer((req, res) => void app.handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    db,
    async close() {
      app.notifier.wakeAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await db.close();
    },
  };
}
