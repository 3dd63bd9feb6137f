import { afterEach, describe, expect, it } from 'vitest';
import { CALL_NAMES, contract } from '../../../src-shared/ipc/contract';
import { createDispatcher, createHandlers, SessionSlot } from '../../../src-main/core';
import { startHost } from '../../../src-main/host/server';
import type { Services } from '../../../src-main/core/services';
import { freshServices, STATE_SETUP, tempDir } from './helpers';

let s: Services;
afterEach(() => s?.close());

function dispatcherFor(services: Services) {
  return createDispatcher(createHandlers(services), { accounts: services.accounts });
}

describe('the contract binding in core', () => {
  it('has a handler for every call and no other', () => {
    s = freshServices(null);
    expect(Object.keys(createHandlers(s)).sort()).toEqual([...CALL_NAMES].sort());
  });

  it('refuses unknown calls, bad input and calls before sign-in with typed errors', async () => {
    s = freshServices(STATE_SETUP);
    const dispatch = dispatcherFor(s);
    const session = new SessionSlot();
    expect(await dispatch('document.delete', {}, session)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'NOT_FOUND' }),
    });
    expect(await dispatch('document.list', {}, session)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    });
    const wrong = await dispatch('auth.signIn', { username: 'admin', password: 'sai' }, session);
    expect(wrong).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/không đúng/) },
    });
    expect((await dispatch('auth.signIn', { username: 'admin', password: 'matkhau123' }, session)).ok).toBe(true);
    const bad = await dispatch('document.create', { direction: 'in', typeName: 'Công văn', subject: '' }, session);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'subject' }] } });
  });

  it('edits only the fields sent, keeping the rest and the number', async () => {
    s = freshServices(STATE_SETUP);
    const dispatch = dispatcherFor(s);
    const session = new SessionSlot();
    await dispatch('auth.signIn', { username: 'admin', password: 'matkhau123' }, session);
    const created = await dispatch(
      'document.create',
      { direction: 'in', typeName: 'Công văn', subject: 'Cũ', organName: 'Huyện ủy', urgency: 'khan' },
      session,
    );
    const id = (created as { ok: true; value: { document: { id: number } } }).value.document.id;
    const edited = await dispatch('document.update', { id, fields: { subject: 'Mới' } }, session);
    expect(edited).toMatchObject({
      ok: true,
      value: { document: { subject: 'Mới', organName: 'Huyện ủy', urgency: 'khan', arrivalNumber: 1 } },
    });
  });

  it('enforces roles from the contract', async () => {
    s = freshServices(STATE_SETUP);
    s.transaction(() =>
      s.accounts.create({ username: 'lanhdao', fullName: 'Lãnh đạo', role: 'leader', password: 'matkhau123' }, 'admin'),
    );
    const dispatch = dispatcherFor(s);
    const session = new SessionSlot();
    await dispatch('auth.signIn', { username: 'lanhdao', password: 'matkhau123' }, session);
    expect((await dispatch('document.list', {}, session)).ok).toBe(true);
    const create = await dispatch(
      'document.create',
      { direction: 'in', typeName: 'Công văn', subject: 'Thử' },
      session,
    );
    expect(create).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('locks a session after the idle time', async () => {
    s = freshServices(STATE_SETUP);
    let now = 1_000_000;
    const session = new SessionSlot(() => now);
    const dispatch = dispatcherFor(s);
    await dispatch('auth.signIn', { username: 'admin', password: 'matkhau123' }, session);
    now += 14 * 60_000;
    expect((await dispatch('document.list', {}, session)).ok).toBe(true);
    now += 16 * 60_000;
    expect(await dispatch('document.list', {}, session)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('the development host', () => {
  it('serves every contract call, on loopback, only with the token and from its own origin', async () => {
    s = freshServices(STATE_SETUP);
    const host = await startHost({
      services: s,
      dispatch: dispatcherFor(s),
      rendererDir: tempDir(),
      token: 'secret-token',
    });
    try {
      expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const post = (name: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${host.url}/api/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-vanthu-token': 'secret-token', ...headers },
          body: JSON.stringify(body),
        });
      for (const name of CALL_NAMES) {
        const res = await post(name, {});
        const json = (await res.json()) as { ok: boolean; error?: { message: string } };
        // Every call reaches its handler: none answers "unknown call".
        expect(json.error?.message ?? '', name).not.toBe('Yêu cầu không hợp lệ.');
        expect(contract[name]).toBeDefined();
      }
      expect((await post('app.info', {}, { 'x-vanthu-token': 'wrong' })).status).toBe(403);
      expect((await post('app.info', {}, { origin: 'http://evil.example' })).status).toBe(403);
      const plain = await fetch(`${host.url}/api/app.info`, {
        method: 'POST',
        headers: { 'x-vanthu-token': 'secret-token', 'content-type': 'text/plain' },
        body: '{}',
      });
      expect(plain.status).toBe(415);
      expect(await (await post('app.info', {}, { origin: host.url })).json()).toMatchObject({
        ok: true,
        value: { setupDone: true },
      });
      const page = await fetch(`${host.url}/`);
      expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      // Nothing outside the renderer folder is served, however the path is spelled.
      for (const escape of ['/..%2f..%2fpackage.json', '/%2e%2e%5cpackage.json', '/x/..%2F..%2F..%2Fetc%2Fpasswd']) {
        expect((await fetch(`${host.url}${escape}`)).status, escape).toBe(403);
      }
    } finally {
      await host.close();
    }
  });
});
