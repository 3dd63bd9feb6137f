import { afterEach, describe, expect, it } from 'vitest';
import type { AccountSnapshot } from '../../../src-main/core/auth';
import type { Services } from '../../../src-main/core/services';
import type { User } from '../../../src-shared/ipc/schemas';
import { freshServices, STATE_SETUP } from './helpers';

let s: Services;
let other: Services | undefined;
afterEach(() => {
  s?.close();
  other?.close();
  other = undefined;
});

const lastAudit = () => s.audit.recent(1)[0]!;
const admin = (): User => s.accounts.signIn('admin', 'matkhau123');
const create = (username: string, role: User['role'] = 'clerk') =>
  s.transaction(() =>
    s.accounts.create({ username, fullName: `Người ${username}`, role, password: 'matkhau123' }, 'admin'),
  );

describe('accounts an administrator keeps', () => {
  it('lists accounts without their passwords', () => {
    s = freshServices(STATE_SETUP);
    create('vanthu2');
    expect(s.accounts.list()).toEqual([
      expect.objectContaining({ username: 'admin', role: 'administrator', disabled: false }),
      expect.objectContaining({ username: 'vanthu2', role: 'clerk', disabled: false }),
    ]);
    expect(JSON.stringify(s.accounts.list())).not.toMatch(/scrypt/);
  });

  it('changes a role, audited with the administrator as actor', () => {
    s = freshServices(STATE_SETUP);
    const clerk = create('vanthu2');
    expect(s.accounts.setRole(clerk.id, 'leader', admin()).role).toBe('leader');
    expect(lastAudit()).toMatchObject({ actor: 'admin', action: 'user.setRole', entityId: String(clerk.id) });
    expect(JSON.parse(lastAudit().details)).toEqual({ username: 'vanthu2', from: 'clerk', to: 'leader' });
  });

  it('resets a password: the new one signs in, the old one no longer', () => {
    s = freshServices(STATE_SETUP);
    const clerk = create('vanthu2');
    s.accounts.resetPassword(clerk.id, 'matkhaumoi9', admin());
    expect(lastAudit()).toMatchObject({ action: 'user.resetPassword', actor: 'admin' });
    expect(() => s.accounts.signIn('vanthu2', 'matkhau123')).toThrow(/không đúng/);
    expect(s.accounts.signIn('vanthu2', 'matkhaumoi9').username).toBe('vanthu2');
  });

  it('disables and enables an account; a disabled one cannot sign in', () => {
    s = freshServices(STATE_SETUP);
    const clerk = create('vanthu2');
    expect(s.accounts.setDisabled(clerk.id, true, admin()).disabled).toBe(true);
    expect(lastAudit()).toMatchObject({ action: 'user.disable' });
    expect(() => s.accounts.signIn('vanthu2', 'matkhau123')).toThrow(/đã bị khóa/);
    s.accounts.setDisabled(clerk.id, false, admin());
    expect(lastAudit()).toMatchObject({ action: 'user.enable' });
    expect(s.accounts.signIn('vanthu2', 'matkhau123').username).toBe('vanthu2');
  });

  it('never locks out the administrator making the change, nor the last active administrator', () => {
    s = freshServices(STATE_SETUP);
    const me = admin();
    const before = lastAudit().id;
    expect(() => s.accounts.setDisabled(me.id, true, me)).toThrow(/chính tài khoản đang đăng nhập/);
    expect(() => s.accounts.setRole(me.id, 'clerk', me)).toThrow(/chính tài khoản đang đăng nhập/);
    const second = create('quantri2', 'administrator');
    s.accounts.setDisabled(me.id, true, second);
    // Now `second` is the only active administrator: the first one (re-enabled or not) cannot remove it.
    expect(() => s.accounts.setRole(second.id, 'clerk', me)).toThrow(/quản trị viên duy nhất còn hoạt động/);
    expect(() => s.accounts.setDisabled(second.id, true, me)).toThrow(/quản trị viên duy nhất/);
    expect(s.accounts.info(second.id)).toMatchObject({ role: 'administrator', disabled: false });
    expect(
      s.audit
        .recent(10)
        .filter((e) => e.id > before)
        .map((e) => e.action),
    ).toEqual(['user.disable', 'user.create']);
  });

  it('sends every change to the organisation channel, and another workstation takes it', () => {
    s = freshServices(STATE_SETUP);
    const sent: AccountSnapshot[] = [];
    s.accounts.observe((a) => sent.push(a));
    const clerk = create('vanthu2');
    other = freshServices(STATE_SETUP);
    const apply = () => other!.accounts.mirror(sent.at(-1)!, 'sync:w1');
    expect(apply()).toBe('added');
    s.accounts.setRole(clerk.id, 'handler', admin());
    expect(apply()).toBe('updated');
    s.accounts.resetPassword(clerk.id, 'matkhaumoi9', admin());
    expect(sent.at(-1)!.previousHash).toBe(sent.at(-2)!.passwordHash);
    expect(apply()).toBe('updated');
    s.accounts.setDisabled(clerk.id, true, admin());
    expect(apply()).toBe('updated');
    expect(() => other!.accounts.signIn('vanthu2', 'matkhaumoi9')).toThrow(/đã bị khóa/);
    expect(other.accounts.list().find((a) => a.username === 'vanthu2')).toMatchObject({ role: 'handler' });
  });
});
