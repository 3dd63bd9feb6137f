/**
 * One process at a time on a data folder: the embedded database is single-user and uploads in
 * progress are appended by one process. A lock file holds the owner's pid; a lock left by a
 * process that is gone (or by an earlier life of this very pid, as PID 1 in a container) is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

export class DataDirBusy extends Error {
  constructor(
    readonly pid: number,
    readonly lockFile: string,
  ) {
    super(`Thư mục dữ liệu đang được tiến trình ${pid} dùng (${lockFile}).`);
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or throws DataDirBusy; the function returned lets it go. */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'server.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        process.off('exit', release);
        try {
          if (Number(fs.readFileSync(file, 'utf8')) === process.pid) fs.rmSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (alive(pid)) throw new DataDirBusy(pid, file);
      fs.rmSync(file, { force: true }); // stale
    }
  }
  throw new Error(`could not lock ${file}`);
}
