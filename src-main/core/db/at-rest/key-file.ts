/**
 * The database key and the file that keeps it wrapped (vanthu.keys.json beside the database).
 * The key is 32 random bytes made once per register; it never touches the disk in the clear.
 * The file holds one wrap per way this workstation opens it (safeStorage for the app, DPAPI or
 * an environment key for the CLI) and one by the administrator's recovery key.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { VanThuError } from '../../../../src-shared/ipc/errors';
import { newRecoveryKey, unwrapWithRecoveryKey, wrapWithRecoveryKey, type RecoveryWrap } from './recovery-key';
import type { KeyWrapper } from './wrappers';
import { REGISTER_CIPHER } from './register-cipher';

const FORMAT = 'vanthu-keys/1';

const Sealed = z.object({ iv: z.string(), data: z.string(), tag: z.string() });
const KeyFileSchema = z.object({
  format: z.literal(FORMAT),
  cipher: z.literal(REGISTER_CIPHER),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  wraps: z.record(z.string(), z.record(z.string(), z.string())),
  recovery: Sealed.extend({ createdAt: z.string() }).nullable(),
});
export type KeyFile = z.infer<typeof KeyFileSchema>;

export interface DatabaseKey {
  key: Buffer;
  keyId: string;
  /** True when this start made the key (a new register, or one to be encrypted now). */
  created: boolean;
  /** Whether an administrator's recovery key can open it. */
  hasRecoveryKey: boolean;
}

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('vanthu key id\0').update(key).digest('hex').slice(0, 16);
}

/** Binds every wrap to its key id: a wrap moved into another key file does not open. */
export function wrapAad(keyId: string): string {
  return `${FORMAT} ${keyId}`;
}

const UNAVAILABLE_HINT =
  'Quản trị viên hãy mở khóa bằng khóa khôi phục (lệnh: vanthu keys unlock), hoặc khôi phục từ bản sao lưu.';

export function readKeyFile(file: string): KeyFile | null {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: KeyFile;
  try {
    parsed = KeyFileSchema.parse(JSON.parse(raw));
  } catch {
    throw new VanThuError('KEY_UNAVAILABLE', `Tệp khóa dữ liệu ${file} bị hỏng. ${UNAVAILABLE_HINT}`);
  }
  return parsed;
}

/** Written beside, then renamed: a crash leaves the old file or the new one, never half. */
export function writeKeyFile(file: string, keyFile: KeyFile): void {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(keyFile, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export type DatabaseState = 'missing' | 'plaintext' | 'encrypted';

/** One more way to open the key: this workstation's own wrap, beside the others. */
function addWrap(file: string, existing: KeyFile, own: KeyWrapper, key: Buffer): void {
  const wrap = own.wrap(key, wrapAad(existing.keyId));
  writeKeyFile(file, { ...existing, wraps: { ...existing.wraps, [own.kind]: wrap } });
}

/**
 * Opens the register's key with the first wrapper that can, and makes sure the first (this
 * process's own) has its wrap: the CLI's DPAPI wrap, made with the recovery key, lets the app
 * add its safeStorage wrap at the next start.
 */
export function unlockDatabaseKey(file: string, wrappers: KeyWrapper[], database: DatabaseState): DatabaseKey {
  const own = wrappers[0];
  if (!own) throw new Error('no key wrapper');
  const existing = readKeyFile(file);
  if (!existing) {
    if (database === 'encrypted') {
      throw new VanThuError('KEY_UNAVAILABLE', `Không tìm thấy tệp khóa dữ liệu (${file}). ${UNAVAILABLE_HINT}`);
    }
    const key = randomBytes(32);
    adoptDatabaseKey(file, key, null, own);
    return { key, keyId: keyIdOf(key), created: true, hasRecoveryKey: false };
  }

  const aad = wrapAad(existing.keyId);
  for (const wrapper of wrappers) {
    const wrap = existing.wraps[wrapper.kind];
    if (!wrap) continue;
    let key: Buffer;
    try {
      key = wrapper.unwrap(wrap, aad);
    } catch {
      continue;
    }
    if (keyIdOf(key) !== existing.keyId) continue;
    if (wrapper !== own) {
      addWrap(file, existing, own, key);
    }
    return { key, keyId: existing.keyId, created: false, hasRecoveryKey: existing.recovery !== null };
  }
  throw new VanThuError(
    'KEY_UNAVAILABLE',
    `Máy này không mở được khóa dữ liệu VanThu bằng ${own.describe} (hồ sơ Windows có thể đã được tạo lại). ${UNAVAILABLE_HINT}`,
  );
}

/** A new recovery key replaces the old one; the caller shows it once and never stores it. */
export function renewRecoveryKey(file: string, key: Buffer): string {
  const existing = readKeyFile(file);
  if (!existing || existing.keyId !== keyIdOf(key)) throw new Error('key file does not match the open register');
  const recoveryKey = newRecoveryKey();
  writeKeyFile(file, { ...existing, recovery: wrapWithRecoveryKey(key, recoveryKey, wrapAad(existing.keyId)) });
  return recoveryKey;
}

export function recoveryWrapOf(file: string): RecoveryWrap | null {
  return readKeyFile(file)?.recovery ?? null;
}

const WRONG_RECOVERY_KEY = 'Khóa khôi phục không đúng. Hãy kiểm tra lại từng nhóm ký tự trên giấy đã ghi.';

/** The administrator's way back in: the recovery key adds a wrap for this workstation. */
export function unlockWithRecoveryKey(file: string, typed: string, own: KeyWrapper): DatabaseKey {
  const existing = readKeyFile(file);
  if (!existing) throw new VanThuError('NOT_FOUND', `Không tìm thấy tệp khóa dữ liệu (${file}).`);
  if (!existing.recovery) {
    throw new VanThuError('KEY_UNAVAILABLE', 'Dữ liệu này chưa có khóa khôi phục. Hãy khôi phục từ bản sao lưu.');
  }
  const aad = wrapAad(existing.keyId);
  const key = unwrapWithRecoveryKey(existing.recovery, typed, aad);
  if (!key) throw new VanThuError('KEY_SECRET', WRONG_RECOVERY_KEY);
  addWrap(file, existing, own, key);
  return { key, keyId: existing.keyId, created: false, hasRecoveryKey: true };
}

/**
 * After a restore: the register's key (from this workstation or the recovery key) becomes the
 * workstation's, wrapped for it, keeping the recovery wrap that came with the backup.
 */
export function adoptDatabaseKey(file: string, key: Buffer, recovery: RecoveryWrap | null, own: KeyWrapper): void {
  const keyId = keyIdOf(key);
  writeKeyFile(file, {
    format: FORMAT,
    cipher: REGISTER_CIPHER,
    keyId,
    wraps: { [own.kind]: own.wrap(key, wrapAad(keyId)) },
    recovery,
  });
}

export { unwrapWithRecoveryKey, WRONG_RECOVERY_KEY };
