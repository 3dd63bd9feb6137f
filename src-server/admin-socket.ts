/**
 * A running server takes administration commands on a Unix socket in its data folder (mode 0600:
 * only the account running it), so `org add`, `enroll-code` and the rest work while it serves
 * without a second process opening the embedded database. One JSON line each way.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Admin } from './admin';
import { runAdminCommand } from './commands';

export interface AdminAnswer {
  ok: boolean;
  output: string;
}

/** Null where there is no socket (Windows, or a path too long for one). */
export function adminSocketPath(dataDir: string): string | null {
  const file = path.join(path.resolve(dataDir), 'admin.sock');
  return process.platform === 'win32' || Buffer.byteLength(file) > 100 ? null : file;
}

export async function listenAdminSocket(
  dataDir: string,
  admin: Admin,
  log: (line: string) => void,
): Promise<() => Promise<void>> {
  const file = adminSocketPath(dataDir);
  if (!file) return async () => undefined;
  fs.rmSync(file, { force: true }); // left by a server that died (the data lock is ours now)
  const server = net.createServer((socket) => {
    let input = '';
    socket.setEncoding('utf8');
    socket.on('error', () => undefined);
    socket.on('data', (chunk: string) => {
      input += chunk;
      if (input.length > 64 * 1024) return void socket.destroy();
      const newline = input.indexOf('\n');
      if (newline < 0) return;
      void answer(input.slice(0, newline)).then((reply) => socket.end(`${JSON.stringify(reply)}\n`));
    });
  });
  async function answer(line: string): Promise<AdminAnswer> {
    try {
      const argv = (JSON.parse(line) as { argv?: unknown }).argv;
      if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) throw new Error('bad request');
      const output = await runAdminCommand(admin, argv);
      log(`inbox server: admin ${argv.slice(0, 2).join(' ')}`);
      return { ok: true, output };
    } catch (error) {
      return { ok: false, output: error instanceof Error ? error.message : String(error) };
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(file, () => resolve());
  });
  fs.chmodSync(file, 0o600);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Sends a command to the server running on `dataDir`; null when none listens there. */
export async function askRunningServer(dataDir: string, argv: string[]): Promise<AdminAnswer | null> {
  const file = adminSocketPath(dataDir);
  if (!file || !fs.existsSync(file)) return null;
  return new Promise((resolve, reject) => {
    const socket = net.connect(file);
    let output = '';
    let connected = false;
    socket.setEncoding('utf8');
    socket.once('connect', () => {
      connected = true;
      socket.write(`${JSON.stringify({ argv })}\n`);
    });
    socket.on('data', (chunk: string) => (output += chunk));
    socket.once('end', () => {
      try {
        resolve(JSON.parse(output) as AdminAnswer);
      } catch {
        reject(new Error('the running server gave no answer'));
      }
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (!connected && (error.code === 'ECONNREFUSED' || error.code === 'ENOENT')) resolve(null);
      else reject(error);
    });
  });
}
