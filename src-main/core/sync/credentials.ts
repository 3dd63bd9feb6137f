/**
 * Where the workstation keeps its server credential. The app uses Electron's safeStorage
 * (DPAPI on Windows, in electron/); the CLI and the development host use a file only its owner
 * can read (0600), beside the database. The credential is never logged nor shown again.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface CredentialStore {
  read(): string | null;
  write(credential: string): void;
  clear(): void;
}

export function fileCredentialStore(file: string): CredentialStore {
  return {
    read() {
      try {
        const value = fs.readFileSync(file, 'utf8').trim();
        return value || null;
      } catch {
        return null;
      }
    },
    write(credential) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      fs.writeFileSync(tmp, credential, { mode: 0o600 });
      fs.chmodSync(tmp, 0o600); // umask may have widened a file that existed
      fs.renameSync(tmp, file);
    },
    clear() {
      fs.rmSync(file, { force: true });
    },
  };
}

/** The same, for a store that encrypts (Electron's safeStorage): bytes in, bytes out. */
export function encryptedCredentialStore(
  file: string,
  cipher: { encrypt(text: string): Buffer; decrypt(bytes: Buffer): string },
): CredentialStore {
  const plain = fileCredentialStore(file);
  return {
    read() {
      try {
        return cipher.decrypt(fs.readFileSync(file)) || null;
      } catch {
        return null;
      }
    },
    write(credential) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(`${file}.tmp`, cipher.encrypt(credential), { mode: 0o600 });
      fs.renameSync(`${file}.tmp`, file);
    },
    clear: plain.clear,
  };
}
