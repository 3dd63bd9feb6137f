/**
 * Every call of the contract, for every role: a role the contract does not name is refused by
 * the engine (FORBIDDEN) before anything runs, whatever it sends, and nobody signed out gets
 * past a signed-in call. The screen hiding a button is only a courtesy on top of this.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, CALL_NAMES } from '../../../src-shared/ipc/contract';
import { Role } from '../../../src-shared/domain/enums';
import { createDispatcher, createHandlers, SessionSlot } from '../../../src-main/core';
import type { Services } from '../../../src-main/core/services';
import { freshServices } from './helpers';

let s: Services;
let dispatch: ReturnType<typeof createDispatcher>;
const sessions = new Map<string, SessionSlot>();

beforeAll(async () => {
  s = freshServices();
  dispatch = createDispatcher(createHandlers(s), { accounts: s.accounts });
  for (const role of Role.options) {
    const username = `tk.${role}`;
    s.transaction(() =>
      s.accounts.create({ username, fullName: `Người ${role}`, role, password: 'matkhau123' }, 'admin'),
    );
    const session = new SessionSlot();
    const signedIn = await dispatch('auth.signIn', { username, password: 'matkhau123' }, session);
    expect(signedIn.ok).toBe(true);
    sessions.set(role, session);
  }
});
afterAll(() => s.close());

describe('the contract’s access rules, enforced by the engine', () => {
  it.each(Role.options)('refuses a %s every call its role is not named for, and changes nothing', async (role) => {
    const before = s.audit.recent(1)[0]!.id;
    const refused: string[] = [];
    for (const name of CALL_NAMES) {
      const access = contract[name].access;
      if (access === 'public' || access === 'signedIn' || access.includes(role)) continue;
      // An empty input: were the role let through, validation would answer instead.
      const result = await dispatch(name, {}, sessions.get(role)!);
      expect(result, `${name} for ${role}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      refused.push(name);
    }
    expect(s.audit.recent(1)[0]!.id).toBe(before);
    // Each role but the administrator is kept out of something.
    if (role !== 'administrator') expect(refused.length).toBeGreaterThan(0);
  });

  it('lets no call but the public ones through without signing in', async () => {
    const anonymous = new SessionSlot();
    for (const name of CALL_NAMES) {
      if (contract[name].access === 'public') continue;
      const result = await dispatch(name, {}, anonymous);
      expect(result, name).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('names who may direct, handle and read the books', () => {
    expect(contract['directive.record'].access).toEqual(['leader', 'clerk']);
    expect(contract['handling.updateLine'].access).toEqual(['leader', 'handler', 'clerk']);
    expect(contract['report.overview'].access).toEqual(['clerk', 'leader', 'administrator']);
    expect(contract['book.export'].access).not.toContain('handler');
    expect(contract['unit.add'].access).toEqual(['administrator']);
  });
});
