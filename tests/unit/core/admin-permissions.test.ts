import { afterEach, describe, expect, it } from 'vitest';
import { contract, type CallName } from '../../../src-shared/ipc/contract';
import { createDispatcher, createHandlers, SessionSlot } from '../../../src-main/core';
import type { Services } from '../../../src-main/core/services';
import { freshServices, STATE_SETUP } from './helpers';

let s: Services;
afterEach(() => s?.close());

/** The administration calls, each with an input that an administrator could send. */
const ADMIN_CALLS: Record<string, unknown> = {
  'documentType.add': { name: 'Quy trình', code: 'QT', regime: 'both' },
  'documentType.update': { id: 1, name: 'Nghị quyết', code: 'NQ' },
  'documentType.setActive': { id: 1, active: false },
  'documentType.remove': { id: 1 },
  'organisation.update': { id: 1, name: 'UBND', abbreviation: 'UBND', organId: '000.00.00.H41' },
  'organisation.add': {
    organisation: { name: 'Đảng ủy xã', organId: '000.00.00.H42', abbreviation: 'ĐU', regime: 'party' },
    term: { name: '2025-2030', startDate: '2025-10-01' },
  },
  'term.add': { organisationId: 1, name: '2031', startDate: '2031-01-01' },
  'term.close': { organisationId: 1, termId: 1, endDate: '2030-01-01' },
  'sequence.overview': { organisationId: 1 },
  'sequence.assignType': { organisationId: 1, code: 'QĐ', target: 'own' },
  'account.list': {},
  'account.create': { username: 'moi', fullName: 'Người mới', role: 'clerk', password: 'matkhau123' },
  'account.setRole': { id: 1, role: 'clerk' },
  'account.resetPassword': { id: 1, password: 'matkhau456' },
  'account.setDisabled': { id: 1, disabled: true },
  'audit.recent': {},
  'holiday.set': { date: '2026-12-03', name: 'Ngày nghỉ của tỉnh' },
  'holiday.remove': { date: '2026-02-17' },
  'holiday.receive': {},
};

function dispatcherFor(services: Services) {
  return createDispatcher(createHandlers(services), { accounts: services.accounts });
}

describe('administration calls', () => {
  it('are all for administrators only in the contract', () => {
    for (const name of Object.keys(ADMIN_CALLS)) {
      expect(contract[name as CallName].access, name).toEqual(['administrator']);
    }
  });

  it.each(['clerk', 'leader', 'handler'] as const)('refuse a %s with FORBIDDEN and change nothing', async (role) => {
    s = freshServices(STATE_SETUP);
    s.transaction(() =>
      s.accounts.create({ username: 'nguoidung', fullName: 'Người dùng', role, password: 'matkhau123' }, 'admin'),
    );
    const dispatch = dispatcherFor(s);
    const session = new SessionSlot();
    expect((await dispatch('auth.signIn', { username: 'nguoidung', password: 'matkhau123' }, session)).ok).toBe(true);
    const auditBefore = s.audit.recent(1)[0]!.id;
    for (const [name, input] of Object.entries(ADMIN_CALLS)) {
      expect(await dispatch(name, input, session), name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(s.audit.recent(1)[0]!.id).toBe(auditBefore);
    expect(s.accounts.list()).toHaveLength(2);
  });

  it("end a locked account's open session and apply a new role at once", async () => {
    s = freshServices(STATE_SETUP);
    s.transaction(() =>
      s.accounts.create(
        { username: 'vanthu2', fullName: 'Lê Thị Hoa', role: 'clerk', password: 'matkhau123' },
        'admin',
      ),
    );
    const dispatch = dispatcherFor(s);
    const admin = new SessionSlot();
    const clerk = new SessionSlot();
    await dispatch('auth.signIn', { username: 'admin', password: 'matkhau123' }, admin);
    await dispatch('auth.signIn', { username: 'vanthu2', password: 'matkhau123' }, clerk);
    const clerkId = s.accounts.list().find((a) => a.username === 'vanthu2')!.id;
    expect(await dispatch('account.list', {}, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // Made an administrator: the open session may administer without signing in again.
    await dispatch('account.setRole', { id: clerkId, role: 'administrator' }, admin);
    expect(await dispatch('account.list', {}, clerk)).toMatchObject({ ok: true });

    // Locked: the very next call is refused and the session is over.
    await dispatch('account.setDisabled', { id: clerkId, disabled: true }, admin);
    expect(await dispatch('documentType.list', {}, clerk)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên.' },
    });
    expect(await dispatch('auth.session', {}, clerk)).toEqual({ ok: true, value: null });
  });

  it('let an administrator make each change, audited under their name', async () => {
    s = freshServices(STATE_SETUP);
    const dispatch = dispatcherFor(s);
    const session = new SessionSlot();
    await dispatch('auth.signIn', { username: 'admin', password: 'matkhau123' }, session);
    const type = await dispatch('documentType.add', ADMIN_CALLS['documentType.add'], session);
    expect(type).toMatchObject({ ok: true, value: { name: 'Quy trình', code: 'QT' } });
    const clerk = await dispatch('account.create', ADMIN_CALLS['account.create'], session);
    expect(clerk).toMatchObject({ ok: true, value: { username: 'moi', role: 'clerk', disabled: false } });
    const audit = await dispatch('audit.recent', { limit: 2 }, session);
    expect(audit).toMatchObject({
      ok: true,
      value: [
        { actor: 'admin', action: 'user.create', details: { username: 'moi', role: 'clerk' } },
        { actor: 'admin', action: 'documentType.add', details: { name: 'Quy trình', code: 'QT' } },
      ],
    });
    // The administrator's own account is out of their reach, with a message saying why.
    const self = await dispatch('account.setDisabled', { id: 1, disabled: true }, session);
    expect(self).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/chính tài khoản/) },
    });
    const badPassword = await dispatch('account.resetPassword', { id: 2, password: 'ngan' }, session);
    expect(badPassword).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'password' }] } });
  });
});
