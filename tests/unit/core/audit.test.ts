import { afterEach, describe, expect, it } from 'vitest';
import { DocumentFields } from '../../../src-shared/ipc/schemas';
import type { Services } from '../../../src-main/core/services';
import { freshServices } from './helpers';

let s: Services;
afterEach(() => s?.close());

describe('the audit log', () => {
  it('names the actor of every change and chains the entries', () => {
    s = freshServices();
    const { document } = s.documents.create(
      DocumentFields.parse({ direction: 'out', typeName: 'Quyết định', subject: 'Thử' }),
      [],
      'clerk1',
    );
    s.documents.issue(document.id, '2026-03-03', 'clerk2');
    const actions = s.audit.recent().map((e) => `${e.actor}:${e.action}`);
    expect(actions.slice(0, 2)).toEqual(['clerk2:document.issue', 'clerk1:document.draft']);
    expect(s.audit.verify()).toEqual({ ok: true, entries: expect.any(Number) });
  });

  it('cannot be changed through SQL, and a forced change is found', () => {
    s = freshServices();
    expect(() => s.sqlite.prepare("UPDATE audit_log SET actor = 'x' WHERE id = 1").run()).toThrow(/append-only/);
    expect(() => s.sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    s.sqlite.exec('DROP TRIGGER audit_log_no_update');
    s.sqlite.prepare("UPDATE audit_log SET actor = 'mallory' WHERE id = 2").run();
    expect(s.audit.verify()).toMatchObject({ ok: false, entryId: 2, reason: 'entry content changed' });
  });
});
