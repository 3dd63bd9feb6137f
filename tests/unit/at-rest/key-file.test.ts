import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  readKeyFile,
  renewRecoveryKey,
  unlockDatabaseKey,
  unlockWithRecoveryKey,
} from '../../../src-main/core/db/at-rest/key-file';
import { newRecoveryKey, normaliseRecoveryKey } from '../../../src-main/core/db/at-rest/recovery-key';
import {
  dpapiWrapper,
  environmentWrapper,
  fileWrapper,
  safeStorageWrapper,
  type PowerShellRunner,
} from '../../../src-main/core/db/at-rest/wrappers';
import { tempDir } from '../core/helpers';

function keyFileIn(dir = tempDir()): string {
  return path.join(dir, 'vanthu.keys.json');
}

describe('the recovery key', () => {
  it('is eight groups of four Crockford symbols, different every time', () => {
    const a = newRecoveryKey();
    expect(a).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(newRecoveryKey()).not.toBe(a);
  });

  it('is read back as typed from paper: lower case, spaces, O for 0 and I or L for 1', () => {
    const key = '0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ';
    expect(normaliseRecoveryKey('o123 4567 89ab cdef ghjk mnpq rstv wxyz')).toBe(key.replace(/-/g, ''));
    expect(normaliseRecoveryKey('0L23-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ')).toBe(key.replace(/-/g, ''));
    expect(normaliseRecoveryKey(key.slice(0, -1))).toBeNull();
    expect(normaliseRecoveryKey(key.replace('W', 'U'))).toBeNull();
  });
});

describe('the database key file', () => {
  it('makes a key for a new register, wrapped only: the key itself is nowhere in the file', () => {
    const dir = tempDir();
    const file = keyFileIn(dir);
    const made = unlockDatabaseKey(file, [fileWrapper(path.join(dir, 'workstation.key'))], 'missing');
    expect(made.created).toBe(true);
    expect(made.hasRecoveryKey).toBe(false);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain(made.key.toString('hex'));
    expect(text).not.toContain(made.key.toString('base64'));
    expect(fs.statSync(file).mode & 0o077).toBe(0);

    const again = unlockDatabaseKey(file, [fileWrapper(path.join(dir, 'workstation.key'))], 'encrypted');
    expect(again.created).toBe(false);
    expect(again.key.equals(made.key)).toBe(true);
  });

  it('refuses a register whose key file is gone, and another workstation’s key', () => {
    const dir = tempDir();
    expect(() => unlockDatabaseKey(keyFileIn(dir), [fileWrapper(path.join(dir, 'w.key'))], 'encrypted')).toThrow(
      expect.objectContaining({ code: 'KEY_UNAVAILABLE', message: expect.stringMatching(/vanthu keys unlock/) }),
    );
    const file = keyFileIn(dir);
    unlockDatabaseKey(file, [fileWrapper(path.join(dir, 'w.key'))], 'missing');
    // A reset Windows profile: this user's key-encryption key is a new one.
    fs.rmSync(path.join(dir, 'w.key'));
    expect(() => unlockDatabaseKey(file, [fileWrapper(path.join(dir, 'w.key'))], 'encrypted')).toThrow(
      expect.objectContaining({ code: 'KEY_UNAVAILABLE' }),
    );
  });

  it('refuses a damaged key file with a clear error', () => {
    const dir = tempDir();
    const file = keyFileIn(dir);
    fs.writeFileSync(file, '{"format":"vanthu-keys/1"');
    expect(() => unlockDatabaseKey(file, [fileWrapper(path.join(dir, 'w.key'))], 'encrypted')).toThrow(
      expect.objectContaining({ code: 'KEY_UNAVAILABLE', message: expect.stringMatching(/bị hỏng/) }),
    );
  });

  it('lets the administrator back in with the recovery key after the profile was reset', () => {
    const dir = tempDir();
    const file = keyFileIn(dir);
    const made = unlockDatabaseKey(file, [fileWrapper(path.join(dir, 'old.key'))], 'missing');
    const recovery = renewRecoveryKey(file, made.key);
    expect(readKeyFile(file)?.recovery).not.toBeNull();

    const fresh = fileWrapper(path.join(dir, 'new.key'));
    expect(() => unlockWithRecoveryKey(file, newRecoveryKey(), fresh)).toThrow(
      expect.objectContaining({ code: 'KEY_SECRET' }),
    );
    expect(() => unlockWithRecoveryKey(file, 'not a key', fresh)).toThrow(
      expect.objectContaining({ code: 'KEY_SECRET' }),
    );
    const opened = unlockWithRecoveryKey(file, recovery.toLowerCase().replace(/-/g, ' '), fresh);
    expect(opened.key.equals(made.key)).toBe(true);
    expect(unlockDatabaseKey(file, [fresh], 'encrypted').key.equals(made.key)).toBe(true);

    // A new recovery key replaces the old one.
    const second = renewRecoveryKey(file, made.key);
    expect(() => unlockWithRecoveryKey(file, recovery, fresh)).toThrow(expect.objectContaining({ code: 'KEY_SECRET' }));
    expect(unlockWithRecoveryKey(file, second, fresh).key.equals(made.key)).toBe(true);
  });

  it('opens with a second way and adds a wrap for the first (the CLI’s DPAPI for the app)', () => {
    const dir = tempDir();
    const file = keyFileIn(dir);
    const cli = fileWrapper(path.join(dir, 'cli.key'));
    const made = unlockDatabaseKey(file, [cli], 'missing');
    const app = environmentWrapper('a long enough app secret');
    expect(() => unlockDatabaseKey(file, [app], 'encrypted')).toThrow(
      expect.objectContaining({ code: 'KEY_UNAVAILABLE' }),
    );
    expect(unlockDatabaseKey(file, [app, cli], 'encrypted').key.equals(made.key)).toBe(true);
    expect(Object.keys(readKeyFile(file)!.wraps).sort()).toEqual(['environment', 'file']);
    expect(unlockDatabaseKey(file, [app], 'encrypted').key.equals(made.key)).toBe(true);
  });

  it('binds each wrap to its key file: a wrap moved from another register does not open it', () => {
    const dirA = tempDir();
    const dirB = tempDir();
    const wrapper = environmentWrapper('the same secret on both');
    unlockDatabaseKey(keyFileIn(dirA), [wrapper], 'missing');
    unlockDatabaseKey(keyFileIn(dirB), [wrapper], 'missing');
    const a = readKeyFile(keyFileIn(dirA))!;
    const b = readKeyFile(keyFileIn(dirB))!;
    fs.writeFileSync(keyFileIn(dirB), JSON.stringify({ ...b, wraps: a.wraps }));
    expect(() => unlockDatabaseKey(keyFileIn(dirB), [wrapper], 'encrypted')).toThrow(
      expect.objectContaining({ code: 'KEY_UNAVAILABLE' }),
    );
  });
});

describe('key wrappers', () => {
  it('the environment key must be long enough, and the wrong one does not open', () => {
    expect(() => environmentWrapper('short')).toThrow(expect.objectContaining({ code: 'KEY_UNAVAILABLE' }));
    const file = keyFileIn();
    unlockDatabaseKey(file, [environmentWrapper('correct horse battery')], 'missing');
    expect(() => unlockDatabaseKey(file, [environmentWrapper('wrong horse battery!')], 'encrypted')).toThrow(
      expect.objectContaining({ code: 'KEY_UNAVAILABLE' }),
    );
  });

  it('DPAPI goes through PowerShell ProtectedData for the current user (over a fake here)', () => {
    const scripts: string[] = [];
    const xor = (b64: string) => Buffer.from(Buffer.from(b64, 'base64').map((x) => x ^ 0x5a)).toString('base64');
    const fake: PowerShellRunner = (script, input) => {
      scripts.push(script);
      return xor(input);
    };
    const file = keyFileIn();
    const made = unlockDatabaseKey(file, [dpapiWrapper(fake)], 'missing');
    expect(unlockDatabaseKey(file, [dpapiWrapper(fake)], 'encrypted').key.equals(made.key)).toBe(true);
    expect(scripts[0]).toMatch(/ProtectedData\]::Protect\(\$b, \$null, 'CurrentUser'\)/);
    expect(scripts[1]).toMatch(/ProtectedData\]::Unprotect/);
    const broken: PowerShellRunner = () => {
      throw new Error('PowerShell DPAPI failed (1)');
    };
    expect(() => unlockDatabaseKey(file, [dpapiWrapper(broken)], 'encrypted')).toThrow(
      expect.objectContaining({ code: 'KEY_UNAVAILABLE' }),
    );
  });

  it('safeStorage is used when available and never replaced by keeping the key in the clear', () => {
    let available = true;
    const safeStorage = {
      isEncryptionAvailable: () => available,
      encryptString: (text: string) => Buffer.from(text, 'utf8').reverse(),
      decryptString: (bytes: Buffer) => Buffer.from(bytes).reverse().toString('utf8'),
    };
    const file = keyFileIn();
    const made = unlockDatabaseKey(file, [safeStorageWrapper(safeStorage)], 'missing');
    expect(unlockDatabaseKey(file, [safeStorageWrapper(safeStorage)], 'encrypted').key.equals(made.key)).toBe(true);
    available = false;
    expect(() => unlockDatabaseKey(keyFileIn(), [safeStorageWrapper(safeStorage)], 'missing')).toThrow(
      expect.objectContaining({ code: 'KEY_UNAVAILABLE', message: expect.stringMatching(/safeStorage/) }),
    );
  });
});
