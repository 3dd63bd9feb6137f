/**
 * Where the CLI writes a file the user asked for (--out): beside the target first, then renamed,
 * so a reader never sees half a file and a failed write leaves nothing behind. What the system
 * says when it cannot write is put in the clerk's words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { VanThuError } from '../../src-shared/ipc/errors';

/** The reason a write failed, in Vietnamese, from Node's error code. */
function reasonOf(error: NodeJS.ErrnoException, target: string): string {
  const folder = path.dirname(target);
  // The new file was written beside it, so the folder takes writes: on Windows a file open in
  // Excel or a PDF reader refuses to be replaced.
  if (error.syscall === 'rename' && ['EPERM', 'EACCES', 'EBUSY'].includes(error.code ?? '')) {
    return `tệp đang mở trong một chương trình khác (Excel, trình đọc PDF): hãy đóng tệp rồi làm lại`;
  }
  switch (error.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return `không có thư mục ${folder}`;
    case 'EACCES':
    case 'EPERM':
      return `không có quyền ghi vào ${folder}`;
    case 'EISDIR':
      return `${target} là một thư mục, hãy ghi tên tệp`;
    case 'EBUSY':
      return 'tệp đang được một chương trình khác dùng: hãy đóng chương trình đó rồi làm lại';
    case 'ENOSPC':
      return 'ổ đĩa đã đầy';
    case 'EROFS':
      return 'ổ đĩa chỉ cho đọc';
    default:
      return `lỗi hệ thống ${error.code ?? error.message}`;
  }
}

function refusal(output: string, error: NodeJS.ErrnoException): VanThuError {
  return new VanThuError('VALIDATION', `Không ghi được tệp ${output}: ${reasonOf(error, path.resolve(output))}.`);
}

/**
 * Refuses a target that cannot be a file (a folder, or a path through a file) before any work:
 * renaming onto a folder would fail only after the whole file was made.
 */
export function requireFileTarget(output: string): void {
  let found: fs.Stats | undefined;
  try {
    found = fs.statSync(path.resolve(output), { throwIfNoEntry: false });
  } catch (error) {
    throw refusal(output, error as NodeJS.ErrnoException);
  }
  if (found?.isDirectory()) throw refusal(output, { code: 'EISDIR' } as NodeJS.ErrnoException);
}

/** Writes `bytes` to `output` whole or not at all; a refusal says why in Vietnamese. */
export function writeOutputFile(output: string, bytes: Uint8Array | string): void {
  requireFileTarget(output);
  const target = path.resolve(output);
  const partial = `${target}.${process.pid}.partial`;
  try {
    fs.writeFileSync(partial, bytes);
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw refusal(output, error as NodeJS.ErrnoException);
  }
}
