/**
 * A throwaway PostgreSQL for the server tests: a fresh cluster in a temporary folder, reached
 * only through a Unix socket in that folder (no TCP port), stopped afterwards. Debian's
 * `postgresql` package provides the binaries (scripts/install-system-packages.sh). initdb refuses
 * to run as root, as CI does: then the cluster runs as the `postgres` account (runuser).
 * Missing binaries or a cluster that does not start fail the run: these tests are never skipped.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = '/usr/lib/postgresql';

export function postgresBinDir(): string {
  const versions = fs.existsSync(ROOT) ? fs.readdirSync(ROOT).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => path.join(ROOT, v, 'bin')).find((d) => fs.existsSync(path.join(d, 'initdb')));
  if (!found) {
    throw new Error(
      `PostgreSQL binaries not found under ${ROOT}: install the Debian package postgresql (scripts/install-system-packages.sh)`,
    );
  }
  return found;
}

export interface TestPostgres {
  /** Connection string for the `postgres` database (the socket folder as host). */
  url: string;
  urlFor(database: string): string;
  stop(): void;
}

export function startPostgres(): TestPostgres {
  const bin = postgresBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]]
      : [path.join(bin, tool), args];
    try {
      return execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir, timeout: 60_000 });
    } catch (error) {
      const e = error as { stderr?: Buffer; message: string };
      const log = fs.existsSync(path.join(dir, 'log')) ? fs.readFileSync(path.join(dir, 'log'), 'utf8') : '';
      throw new Error(`PostgreSQL ${tool} failed: ${e.stderr?.toString() ?? e.message}\n${log}`);
    }
  };
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  run('initdb', ['-D', data, '-U', 'vanthu', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    path.join(dir, 'log'),
    '-o',
    `-k ${dir} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
    '-w',
    '-t',
    '60',
    'start',
  ]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  process.once('exit', stop); // a crashed run leaves no server behind
  const urlFor = (database: string) => `postgresql://vanthu@localhost/${database}?host=${encodeURIComponent(dir)}`;
  return { url: urlFor('postgres'), urlFor, stop };
}
