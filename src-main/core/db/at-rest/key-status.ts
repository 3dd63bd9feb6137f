/**
 * What the administrator sees of encryption at rest (Quản trị, `vanthu keys`): which key, how
 * this workstation keeps it, whether a recovery key exists; and a new recovery key on request,
 * shown once. The key itself never leaves this module's callers' memory.
 */
import type { AtRestStatus } from '../../../../src-shared/ipc/admin';
import type { AuditLog } from '../../audit';
import { readKeyFile, renewRecoveryKey, type DatabaseKey } from './key-file';
import { REGISTER_CIPHER } from './sqlite-cipher';

export type KeyStatus = AtRestStatus;

export function createKeyStatus(keyFile: string, databaseKey: DatabaseKey, audit: AuditLog) {
  return {
    status(): KeyStatus {
      const file = readKeyFile(keyFile);
      return {
        cipher: REGISTER_CIPHER,
        keyId: databaseKey.keyId,
        wrappedFor: Object.keys(file?.wraps ?? {}).sort(),
        recoveryKeyCreatedAt: file?.recovery?.createdAt ?? null,
      };
    },

    /** Replaces the recovery key; the old one no longer opens anything made from now on. */
    renewRecoveryKey(actor: string): string {
      const recoveryKey = renewRecoveryKey(keyFile, databaseKey.key);
      audit.append({ actor, action: 'keys.recovery', entity: 'keys', entityId: databaseKey.keyId, details: {} });
      return recoveryKey;
    },
  };
}
