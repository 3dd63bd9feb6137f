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
  switch (error.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return `không có thư mục ${folder}`;
    case 'EACCES':
    case 'EPERM':
      return `không có quyền ghi vào ${folder}`;
    case 'EISDIR':
      return `${target} là một thư mục, hãy ghi tên tệp`;
    case 'ENOSPC':
      return 'ổ đĩa đã đầy';
    case 'EROFS':
      return 'ổ đĩa chỉ cho đọc';
    default:
      return `lỗi hệ thống ${error.code ?? error.message}`;
  }
}

/** Writes `bytes` to `output` whole or not at all; a refusal says why in Vietnamese. */
export function writeOutputFile(output: string, bytes: Uint8Array | string): void {
  const target = path.resolve(output);
  const fail = (error: NodeJS.ErrnoException) =>
    new VanThuError('VALIDATION', `Không ghi được tệp ${output}: ${reasonOf(error, target)}.`);
  // Checked first: renaming onto a folder would fail only after the whole file was written.
  if (fs.statSync(target, { throwIfNoEntry: false })?.isDirectory()) throw fail({ code: 'EISDIR' } as never);
  const partial = `${target}.${process.pid}.partial`;
  try {
    fs.writeFileSync(partial, bytes);
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw fail(error as NodeJS.ErrnoException);
  }
}
