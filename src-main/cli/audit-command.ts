/**
 * `vanthu audit verify [--json]`: walks the audit log's hash chain and says whether anyone
 * changed or removed an entry behind the app's back (the database refuses it; someone with the
 * file and a SQLite tool does not ask), and where. Exit 0 intact, 1 tampered.
 */
import { parseArgs } from 'node:util';
import { formatDateVi, todayInVietnam } from '../../src-shared/domain/dates';
import { UsageError, flagError } from './usage';
import { openRegister } from './open-register';

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

const REASONS = {
  'entry content changed': 'nội dung mục này đã bị sửa',
  'previous hash does not match': 'mục liền trước đã bị xóa, bị sửa hoặc bị chèn thêm',
} as const;

export function auditCommand(args: string[], dataDir: string | undefined, out: Out): number {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  } catch (e) {
    throw flagError(e);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || positionals[0] !== 'verify') throw new UsageError('audit cần lệnh con: verify');
  const services = openRegister(dataDir);
  try {
    const result = services.audit.verify();
    if (values.json) out.stdout(`${JSON.stringify(result)}\n`);
    else if (result.ok) out.stdout(`Nhật ký nguyên vẹn: ${result.entries} mục, không mục nào bị sửa hay xóa.\n`);
    else {
      const when = formatDateVi(todayInVietnam(new Date(result.at)));
      out.stdout(
        `Nhật ký đã bị can thiệp tại mục #${result.entryId} (${when}, ${result.action}): ${REASONS[result.reason]}.\n` +
          'Các mục từ đó trở đi không còn đáng tin; hãy giữ nguyên máy và báo quản trị viên.\n',
      );
    }
    return result.ok ? 0 : 1;
  } finally {
    services.close();
  }
}
