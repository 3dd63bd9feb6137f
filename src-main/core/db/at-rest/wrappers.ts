/**
 * The key-provider side of encryption at rest: ways a workstation keeps the database key
 * wrapped so that only it (this Windows user) can open it. The key file holds one wrap per way
 * (and the recovery key's), so the app (safeStorage) and the CLI (DPAPI file or an environment
 * key) open the same register.
 */
import { randomBytes, scryptSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { VanThuError } from '../../../../src-shared/ipc/errors';
import { openJson, sealJson, type Sealed } from './aes-gcm';

export type WrapKind = 'safe-storage' | 'dpapi' | 'environment' | 'file';

/** JSON-safe; what each wrapper writes is its own business. */
export type WrappedKey = Record<string, string>;

export interface KeyWrapper {
  readonly kind: WrapKind;
  /** For messages: where this workstation keeps its key. */
  readonly describe: string;
  wrap(key: Buffer, aad: string): WrappedKey;
  /** Throws when this machine or user cannot open the wrap. */
  unwrap(wrapped: WrappedKey, aad: string): Buffer;
}

function sealed(w: WrappedKey): Sealed {
  const { iv, data, tag } = w;
  if (!iv || !data || !tag) throw new Error('incomplete wrap');
  return { iv, data, tag };
}

/** Electron's safeStorage: DPAPI for this Windows user (the app). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(bytes: Buffer): string;
}

export function safeStorageWrapper(safeStorage: SafeStorageLike): KeyWrapper {
  const available = () => {
    // Never fall back to keeping the key in the clear: refuse, and the administrator decides.
    if (!safeStorage.isEncryptionAvailable()) {
      throw new VanThuError(
        'KEY_UNAVAILABLE',
        'Windows chưa cho VanThu bảo vệ khóa dữ liệu (safeStorage không dùng được). Hãy báo quản trị viên.',
      );
    }
  };
  return {
    kind: 'safe-storage',
    describe: 'Windows (DPAPI) của người dùng này',
    wrap(key) {
      available();
      return { data: safeStorage.encryptString(key.toString('hex')).toString('base64') };
    },
    unwrap(wrapped) {
      available();
      if (!wrapped.data) throw new Error('incomplete wrap');
      return Buffer.from(safeStorage.decryptString(Buffer.from(wrapped.data, 'base64')), 'hex');
    },
  };
}

/** Runs PowerShell with stdin; injectable so the DPAPI wrapper is tested over a fake here. */
export type PowerShellRunner = (script: string, input: string) => string;

const DPAPI_SCRIPT = (op: 'Protect' | 'Unprotect') =>
  'Add-Type -AssemblyName System.Security; ' +
  '$b = [Convert]::FromBase64String([Console]::In.ReadToEnd().Trim()); ' +
  `[Convert]::ToBase64String([Security.Cryptography.ProtectedData]::${op}($b, $null, 'CurrentUser'))`;

export const runPowerShell: PowerShellRunner = (script, input) => {
  const result = spawnSync('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script], {
    input,
    encoding: 'utf8',
    windowsHide: true,
    timeout: 30_000,
  });
  if (result.status !== 0) throw new Error(`PowerShell DPAPI failed (${result.status ?? result.error?.message})`);
  return result.stdout.trim();
};

/** DPAPI for this Windows user without Electron (the CLI), through PowerShell. */
export function dpapiWrapper(run: PowerShellRunner = runPowerShell): KeyWrapper {
  return {
    kind: 'dpapi',
    describe: 'Windows (DPAPI) của người dùng này',
    wrap(key) {
      return { data: run(DPAPI_SCRIPT('Protect'), key.toString('base64')) };
    },
    unwrap(wrapped) {
      if (!wrapped.data) throw new Error('incomplete wrap');
      return Buffer.from(run(DPAPI_SCRIPT('Unprotect'), wrapped.data), 'base64');
    },
  };
}

/** scrypt cost for a typed secret: ~0.1 s once per start, slow for anyone guessing. */
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
export const MIN_ENV_SECRET = 16;

/** VANTHU_DB_KEY: for servers of the CLI, scripts and tests; the secret itself is never stored. */
export function environmentWrapper(secret: string): KeyWrapper {
  if (secret.length < MIN_ENV_SECRET) {
    throw new VanThuError('KEY_UNAVAILABLE', `Khóa trong biến VANTHU_DB_KEY phải dài ít nhất ${MIN_ENV_SECRET} ký tự.`);
  }
  const kek = (salt: Buffer) => scryptSync(secret.normalize('NFC'), salt, 32, SCRYPT);
  return {
    kind: 'environment',
    describe: 'biến môi trường VANTHU_DB_KEY',
    wrap(key, aad) {
      const salt = randomBytes(16);
      return { salt: salt.toString('base64'), ...sealJson(kek(salt), key, aad) };
    },
    unwrap(wrapped, aad) {
      if (!wrapped.salt) throw new Error('incomplete wrap');
      return openJson(kek(Buffer.from(wrapped.salt, 'base64')), sealed(wrapped), aad);
    },
  };
}

/**
 * A random key-encryption key in a file only this user may read: the development host and the
 * CLI on machines without DPAPI (Linux build machines, tests). On Windows the CLI uses DPAPI.
 */
export function fileWrapper(file: string): KeyWrapper {
  const kek = (): Buffer => {
    try {
      const bytes = fs.readFileSync(file);
      if (bytes.length !== 32) throw new Error(`${file} is not a VanThu workstation key`);
      return bytes;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const bytes = randomBytes(32);
      fs.writeFileSync(file, bytes, { mode: 0o600, flag: 'wx' });
      return bytes;
    }
  };
  return {
    kind: 'file',
    describe: `tệp khóa ${file}`,
    wrap(key, aad) {
      return { ...sealJson(kek(), key, aad) };
    },
    unwrap(wrapped, aad) {
      return openJson(kek(), sealed(wrapped), aad);
    },
  };
}

/**
 * What the CLI and the development host use: the environment key when set, else DPAPI on
 * Windows, else a file; on Windows DPAPI also opens a register whose key the app's recovery
 * step or another tool wrapped.
 */
export function defaultNodeWrappers(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
  runner: PowerShellRunner = runPowerShell,
): KeyWrapper[] {
  const own = platform === 'win32' ? dpapiWrapper(runner) : fileWrapper(path.join(dataDir, 'workstation.key'));
  const secret = env.VANTHU_DB_KEY;
  return secret ? [environmentWrapper(secret), own] : [own];
}
