/**
 * `vanthu keys status|recovery|unlock`: encryption at rest for the administrator.
 *   status                    which key, how this workstation keeps it, whether a recovery key exists
 *   recovery                  makes a new recovery key and prints it once (the old one stops
 *                             opening backups made from now on)
 *   unlock --recovery-key K   after a reset Windows profile: the recovery key lets this user open
 *                             the register again (the app adds its own wrap at its next start)
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { unlockWithRecoveryKey } from '../core/db/at-rest/key-file';
import { defaultNodeWrappers } from '../core/db/at-rest/wrappers';
import { dataPaths, resolveDataDir } from '../core/paths';
import { UsageError, flagError } from './usage';
import { openRegister } from './open-register';

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

const HOW = {
  'safe-storage': 'ứng dụng (Windows DPAPI)',
  dpapi: 'dòng lệnh (Windows DPAPI)',
  environment: 'biến môi trường VANTHU_DB_KEY',
  file: 'tệp khóa của máy (workstation.key)',
} as Record<string, string>;

export function printRecoveryKey(recoveryKey: string, out: Out): void {
  out.stdout(
    `\nKHÓA KHÔI PHỤC (chỉ hiện một lần):\n\n    ${recoveryKey}\n\n` +
      'Hãy chép ra giấy, ký nhận và cất vào tủ mật. Khóa này mở được dữ liệu và các bản sao lưu\n' +
      'khi máy hỏng, cài lại Windows hoặc chuyển sang máy mới. VanThu không lưu khóa này.\n',
  );
}

export function keysCommand(args: string[], dataDir: string | undefined, out: Out): number {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { 'recovery-key': { type: 'string' } } });
  } catch (e) {
    throw flagError(e);
  }
  const { values, positionals } = parsed;
  const [sub, ...extra] = positionals;
  if (extra.length || !sub || !['status', 'recovery', 'unlock'].includes(sub)) {
    throw new UsageError('keys cần lệnh con: status, recovery hoặc unlock --recovery-key KHÓA');
  }
  if (sub === 'unlock') {
    const typed = values['recovery-key'] ?? process.env.VANTHU_RECOVERY_KEY;
    if (!typed) throw new UsageError('keys unlock cần --recovery-key KHÓA (hoặc biến VANTHU_RECOVERY_KEY)');
    const paths = dataPaths(resolveDataDir(dataDir));
    const [own] = defaultNodeWrappers(paths.dataDir);
    unlockWithRecoveryKey(paths.keyFile, typed, own!);
    out.stdout('Đã mở khóa dữ liệu cho người dùng này trên máy này. Hãy mở lại VanThu.\n');
    return 0;
  }
  const services = openRegister(dataDir);
  try {
    if (sub === 'recovery') {
      printRecoveryKey(services.atRest.renewRecoveryKey(`cli:${os.userInfo().username}`), out);
      return 0;
    }
    const status = services.atRest.status();
    out.stdout(
      `Dữ liệu được mã hóa (${status.cipher}), khóa ${status.keyId}.\n` +
        `Mở được bằng: ${status.wrappedFor.map((k) => HOW[k] ?? k).join('; ')}.\n` +
        (status.recoveryKeyCreatedAt
          ? `Khóa khôi phục tạo lúc ${status.recoveryKeyCreatedAt}.\n`
          : 'CHƯA CÓ KHÓA KHÔI PHỤC: hãy chạy "vanthu keys recovery" và cất khóa vào tủ mật.\n'),
    );
    return 0;
  } finally {
    services.close();
  }
}
