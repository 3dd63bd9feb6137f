/**
 * Where things live on disk. Data goes under the local (not roaming) app-data folder: on Windows
 * WAL fails on redirected network profiles, so never Electron's Roaming userData.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local');
    return path.join(local, 'VanThu');
  }
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'VanThu');
  const xdg = env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share');
  return path.join(xdg, 'vanthu');
}

/** `--data-dir` wins, then VANTHU_DATA_DIR, then the platform's local app-data folder. */
export function resolveDataDir(override?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = override ?? env.VANTHU_DATA_DIR;
  return path.resolve(chosen && chosen.length > 0 ? chosen : defaultDataDir(env));
}

/**
 * The folder holding package.json, migrations/ and resources/: found by walking up, so the same
 * code works from src (tests), from dist bundles and from inside the packaged app.
 */
export function findAppRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'migrations', 'meta', '_journal.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`VanThu app root not found above ${start}`);
    dir = parent;
  }
}

export interface DataPaths {
  dataDir: string;
  database: string;
  /** The register's encryption key, wrapped (at-rest/key-file.ts). */
  keyFile: string;
  blobs: string;
  backups: string;
}

export function dataPaths(dataDir: string): DataPaths {
  return {
    dataDir,
    database: path.join(dataDir, 'vanthu.sqlite'),
    keyFile: path.join(dataDir, 'vanthu.keys.json'),
    blobs: path.join(dataDir, 'blobs'),
    backups: path.join(dataDir, 'backups'),
  };
}
