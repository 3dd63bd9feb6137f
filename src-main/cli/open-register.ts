/**
 * The register a CLI command works on. Only `setup` and `enroll` make a new one (and `restore`
 * writes one from a backup before opening it): any other command pointed at a folder without a
 * register says so, instead of leaving an empty register there (a mistyped --data-dir would
 * otherwise look like a register with nothing in it).
 */
import fs from 'node:fs';
import { VanThuError } from '../../src-shared/ipc/errors';
import { APP_VERSION } from '../../src-shared/version';
import { dataPaths, resolveDataDir } from '../core/paths';
import { createServices, type Services } from '../core/services';

const HINT = 'Hãy kiểm tra --data-dir (hoặc biến VANTHU_DATA_DIR), hoặc chạy "vanthu setup" nếu đây là máy mới.';

/** What is at `dir`: a folder, something else, or nothing (a path through a file is nothing). */
function kindOf(dir: string): 'folder' | 'file' | 'none' {
  try {
    const found = fs.statSync(dir, { throwIfNoEntry: false });
    return !found ? 'none' : found.isDirectory() ? 'folder' : 'file';
  } catch {
    return 'none';
  }
}

/** Opens the register in `dataDir`, creating it when there is none (setup, enroll). */
export function createRegister(dataDir: string | undefined): Services {
  const dir = resolveDataDir(dataDir);
  if (kindOf(dir) === 'file')
    throw new VanThuError('VALIDATION', `${dir} là một tệp, không phải thư mục dữ liệu. Hãy chọn một thư mục khác.`);
  return createServices({ dataDir: dir, version: APP_VERSION });
}

/** Opens the register in `dataDir`; refuses a folder that has none. */
export function openRegister(dataDir: string | undefined): Services {
  const dir = resolveDataDir(dataDir);
  const kind = kindOf(dir);
  if (kind === 'none') throw new VanThuError('NOT_FOUND', `Không có thư mục dữ liệu ${dir}. ${HINT}`);
  if (kind === 'file') throw new VanThuError('NOT_FOUND', `${dir} là một tệp, không phải thư mục dữ liệu. ${HINT}`);
  if (!fs.existsSync(dataPaths(dir).database))
    throw new VanThuError('NOT_FOUND', `Thư mục ${dir} chưa có dữ liệu VanThu. ${HINT}`);
  return createServices({ dataDir: dir, version: APP_VERSION });
}
