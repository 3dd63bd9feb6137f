import { describe, expect, it } from 'vitest';
import { logText, redact } from '../../../src-shared/log/redact';

describe('log redaction', () => {
  it('masks values by the name they go under, in JSON, query strings, headers and env', () => {
    const line = redact(
      'call auth.signIn failed: {"username":"admin","password":"matkhau123"} ' +
        'url=https://tsa.example/?token=abc123&x=1 PIN: 246810 Authorization: Bearer eyJhbGciOi.xyz.sig ' +
        'VANTHU_DB_KEY=correct-horse-battery-staple recoveryKey="ABCD-EFGH"',
    );
    for (const secret of ['matkhau123', 'abc123', '246810', 'eyJhbGciOi', 'correct-horse', 'ABCD-EFGH']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('"username":"admin"');
    expect(line).toContain('x=1');
    expect(line).toContain('call auth.signIn failed');
  });

  it('masks secrets by their shape: recovery keys, bearer tokens, key material', () => {
    const key = 'a'.repeat(16) + '0123456789abcdef'.repeat(2);
    const line = redact(
      `unlock with K7QF-3M9D-AB12-CD34-EF56-GH78-JK90-MN12 failed; sent Bearer Zm9vYmFyYmF6cXV4; key ${key}; ` +
        'wrapped AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEy',
    );
    expect(line).not.toMatch(/K7QF|Zm9vYmFy|aaaaaaaa|AAECAwQF/);
    // A file's sha256 names it in the store: it stays, so the log still says which file.
    const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(redact(`blob ${sha} missing`)).toBe(`blob ${sha} missing`);
  });

  it('turns errors into one redacted line with their stack', () => {
    const error = new Error('PKCS#11 login failed for pin=1234');
    const text = logText('signing failed:', error, { pin: '1234', slot: 1 });
    expect(text).toContain('signing failed: Error: PKCS#11 login failed for pin=[redacted]');
    expect(text).toContain('"pin":[redacted]');
    expect(text).toContain('"slot":1');
    expect(text).not.toContain('1234');
  });
});

describe('the dispatcher’s log', () => {
  it('never carries what a failing call was given', async () => {
    const { createDispatcher } = await import('../../../src-main/core/api/dispatch');
    const { SessionSlot } = await import('../../../src-main/core/auth');
    const lines: string[] = [];
    const handlers = {
      'auth.signIn': (input: { password: string }) => {
        throw new Error(`driver failed on ${JSON.stringify(input)}`);
      },
    } as unknown as Parameters<typeof createDispatcher>[0];
    const dispatch = createDispatcher(handlers, {
      accounts: { idleLockMinutes: () => 10, activeUser: () => null },
      log: (line) => lines.push(line),
    });
    const result = await dispatch('auth.signIn', { username: 'admin', password: 'Bi-mat-2026!' }, new SessionSlot());
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      'call auth.signIn failed: Error: driver failed on {"username":"admin","password":[redacted]}',
    );
    expect(lines[0]).not.toContain('Bi-mat-2026!');
  });
});
