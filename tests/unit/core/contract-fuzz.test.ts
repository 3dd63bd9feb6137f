/**
 * Random input at every contract call, as a compromised or buggy renderer could send: each answer
 * is a value or a typed error the screen can say, never the "unexpected error" of a handler that
 * threw something else (or answered outside its own output schema), and the register stays whole.
 * Inputs are made from each call's own input schema, with wrong types, odd strings and numbers
 * mixed in, from a fixed seed so a failure can be replayed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createDispatcher, createHandlers, SessionSlot } from '../../../src-main/core';
import { createServices, type Services } from '../../../src-main/core/services';
import { CALL_NAMES, contract } from '../../../src-shared/ipc/contract';
import { DocumentFields, SetupInput } from '../../../src-shared/ipc/schemas';
import { makeTestPdf } from '../../fixtures/pdf';
import { APP_ROOT, STATE_SETUP, tempDir } from './helpers';
import { seededRandom } from '../../fixtures/random';

const SEED = 20261203;
const PER_CALL = 25;

const ODD_STRINGS = [
  '',
  ' ',
  'Về việc',
  'Đ',
  "' OR 1=1 --",
  '%',
  '_',
  '"',
  '\u0000',
  '../../../etc/passwd',
  '/',
  '.',
  'C:\\Windows\\win.ini',
  'x'.repeat(5000),
  'NEAR(a b)',
  '*',
  '2026-02-30',
  '2026-12-03',
  '000.00.00.H41',
  'admin',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'a"b*c(d)',
];
const ODD_NUMBERS = [0, 1, 2, 3, -1, 0.5, 2 ** 31, Number.MAX_SAFE_INTEGER, -0, 1e308, Number.NaN, Infinity];

/** Something of any type at all. */
function anything(next: () => number, depth = 0): unknown {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  switch (Math.floor(next() * (depth > 2 ? 5 : 7))) {
    case 0:
      return pick(ODD_STRINGS);
    case 1:
      return pick(ODD_NUMBERS);
    case 2:
      return next() < 0.5;
    case 3:
      return null;
    case 4:
      return undefined;
    case 5:
      return Array.from({ length: Math.floor(next() * 3) }, () => anything(next, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(next() * 3) }, () => [pick(ODD_STRINGS), anything(next, depth + 1)]),
      );
  }
}

interface Def {
  type: string;
  [key: string]: unknown;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A value shaped by the schema, with a wrong one now and then, at any depth. */
function shaped(schema: z.ZodType, next: () => number, depth = 0): unknown {
  if (next() < 0.08 || depth > 6) return anything(next);
  const def = defOf(schema);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(shape)) {
        if (next() < 0.15) continue;
        out[key] = shaped(field, next, depth + 1);
      }
      return out;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      if (next() < 0.2) return def.type === 'nullable' ? null : undefined;
      return shaped(def.innerType as z.ZodType, next, depth + 1);
    case 'pipe':
      return shaped(def.in as z.ZodType, next, depth + 1);
    case 'lazy':
      return shaped((def.getter as () => z.ZodType)(), next, depth + 1);
    case 'array':
      return Array.from({ length: Math.floor(next() * 4) }, () => shaped(def.element as z.ZodType, next, depth + 1));
    case 'union':
      return shaped(pick(def.options as z.ZodType[]), next, depth + 1);
    case 'enum':
      return pick(Object.values(def.entries as Record<string, string>));
    case 'literal':
      return pick(def.values as unknown[]);
    case 'string':
      return pick(ODD_STRINGS);
    case 'number':
    case 'int':
      return next() < 0.6 ? Math.floor(next() * 4) : pick(ODD_NUMBERS);
    case 'boolean':
      return next() < 0.5;
    case 'record':
      return { [pick(ODD_STRINGS)]: shaped(def.valueType as z.ZodType, next, depth + 1) };
    default:
      return anything(next);
  }
}

let s: Services;
afterEach(() => s?.close());

describe('every contract call under random input', () => {
  it('answers with a value or a typed error, never an unexpected one, and the register stays whole', async () => {
    s = createServices({
      dataDir: tempDir(),
      appRoot: APP_ROOT,
      // No network here: anything that would reach a server fails at once, as offline.
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    s.setup(SetupInput.parse(STATE_SETUP));
    const clerk = s.transaction(() =>
      s.accounts.create({ username: 'vanthu', fullName: 'Văn Thư', role: 'clerk', password: 'matkhau123' }, 'admin'),
    );
    const pdf = await s.files.putPdf(makeTestPdf([['FUZZ']]));
    s.documents.create(
      DocumentFields.parse({ direction: 'in', typeName: 'Công văn', subject: 'Văn bản đến để thử' }),
      [{ sha256: pdf.sha256, name: 'den.pdf' }],
      'vanthu',
    );
    const draft = s.documents.create(
      DocumentFields.parse({ direction: 'out', typeName: 'Công văn', subject: 'Văn bản đi để thử' }),
      [{ sha256: pdf.sha256, name: 'di.pdf' }],
      'vanthu',
    ).document;
    s.documents.issue(draft.id, undefined, 'vanthu');

    const unexpected: string[] = [];
    const dispatch = createDispatcher(createHandlers(s), {
      accounts: s.accounts,
      log: (line) => unexpected.push(line.split('\n').slice(0, 3).join(' | ')),
    });
    // Random calls may lock, demote or re-password the people signed in: put them back.
    const people = s.sqlite.prepare('SELECT username, role, password_hash AS hash FROM users').all() as {
      username: string;
      role: string;
      hash: string;
    }[];
    const restore = s.sqlite.prepare('UPDATE users SET role = ?, password_hash = ?, disabled = 0 WHERE username = ?');
    const signedIn = async (username: string): Promise<SessionSlot> => {
      for (const p of people) restore.run(p.role, p.hash, p.username);
      const session = new SessionSlot();
      const result = await dispatch('auth.signIn', { username, password: 'matkhau123' }, session);
      expect(result.ok).toBe(true);
      return session;
    };

    const next = seededRandom(SEED);
    const failures: string[] = [];
    let answered = 0;
    for (const name of CALL_NAMES) {
      if (name === 'auth.signOut') continue; // ends the session the rest needs; tested on its own
      for (const who of ['admin', clerk.username]) {
        const session = await signedIn(who);
        for (let i = 0; i < PER_CALL; i++) {
          const input = shaped(contract[name].input as z.ZodType, next);
          const result = await dispatch(name, input, session);
          answered++;
          if (!result.ok && result.error.code === 'INTERNAL') {
            failures.push(`${name} as ${who} with ${JSON.stringify(input)?.slice(0, 300)}`);
          }
        }
      }
    }
    expect({ failures: failures.slice(0, 10), log: unexpected.slice(0, 10) }).toEqual({ failures: [], log: [] });
    expect(answered).toBeGreaterThan(CALL_NAMES.length * PER_CALL);
    expect(s.sqlite.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    expect(s.sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });
});
