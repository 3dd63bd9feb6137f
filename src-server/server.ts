/**
 * Starts the inbox server on a port: locks the data folder, opens the database, the blob folder,
 * the HTTP listener, the retention job and (for the command line) the admin socket.
 */
import { redact } from '../src-shared/log/redact';
import http from 'node:http';
import path from 'node:path';
import { createAdmin } from './admin';
import { listenAdminSocket } from './admin-socket';
import { createInboxApp } from './app';
import { diskBlobStore } from './blobs';
import { lockDataDir } from './data-lock';
import { openDb, type Db } from './db';
import { pruneByRetention } from './feed';
import { createReleaseStore } from './releases';

export interface InboxServer {
  url: string;
  port: number;
  db: Db;
  close(): Promise<void>;
}

export interface InboxServerOptions {
  dataDir: string;
  port?: number;
  host?: string;
  /** DATABASE_URL selects PostgreSQL; otherwise PGlite in dataDir/db. */
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** Changes older than this many days are pruned (at start, then hourly); 0 or absent keeps all. */
  retentionDays?: number;
  /** Take administration commands on dataDir/admin.sock while running. */
  adminSocket?: boolean;
}

const RETENTION_EVERY_MS = 60 * 60 * 1000;

export async function startInboxServer(options: InboxServerOptions): Promise<InboxServer> {
  // Redacted like the workstation's: no token or credential in the server's log either.
  const log = options.log ?? ((line: string) => console.error(redact(line)));
  const release = lockDataDir(options.dataDir);
  const cleanups: (() => Promise<void> | void)[] = [release];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) await step();
  };
  try {
    const db = await openDb(options.dataDir, options.env, log);
    cleanups.push(() => db.close());
    const updatesDir = path.join(options.dataDir, 'updates');
    const app = createInboxApp({
      db,
      blobs: diskBlobStore(path.join(options.dataDir, 'blobs')),
      releases: createReleaseStore(updatesDir),
      log,
    });
    cleanups.push(() => app.notifier.close());

    const retention = options.retentionDays ?? 0;
    if (retention > 0) {
      const prune = () =>
        pruneByRetention(db, retention).then(
          (done) => done.deleted && log(`inbox server: pruned ${done.deleted} changes through ${done.throughSeq}`),
          (error: unknown) => log(`inbox server: pruning failed: ${String(error)}`),
        );
      await prune();
      const timer = setInterval(() => void prune(), RETENTION_EVERY_MS);
      timer.unref();
      cleanups.push(() => clearInterval(timer));
    }

    const server = http.createServer((req, res) => void app.handle(req, res));
    // Long-polls hold a request up to MAX_WAIT_SECONDS; anything slower than this is a dead client.
    server.requestTimeout = 5 * 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    cleanups.push(async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Connections are closed as soon as their answer is out (keep-alive would hold them), and
      // a client still sending after a few seconds is cut off.
      const idle = setInterval(() => server.closeIdleConnections(), 20);
      const force = setTimeout(() => server.closeAllConnections(), 5_000);
      await closed;
      clearInterval(idle);
      clearTimeout(force);
    });
    // Ends waiting long-polls first, so closing the listener does not wait for them.
    cleanups.push(() => app.notifier.close());
    if (options.adminSocket)
      cleanups.push(await listenAdminSocket(options.dataDir, createAdmin(db, { updatesDir }), log));

    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
    const host = options.host ?? '127.0.0.1';
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      port,
      db,
      close: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
