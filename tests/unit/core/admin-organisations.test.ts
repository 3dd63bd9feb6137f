import { afterEach, describe, expect, it } from 'vitest';
import { DocumentFields } from '../../../src-shared/ipc/schemas';
import { NewOrganisation } from '../../../src-shared/ipc/admin';
import type { Services } from '../../../src-main/core/services';
import { freshServices, PARTY_SETUP, STATE_SETUP } from './helpers';

let s: Services;
afterEach(() => s?.close());

const lastAudit = () => s.audit.recent(1)[0]!;
const org = () => s.organisations.list()[0]!;
const edit = (changes: Partial<{ name: string; abbreviation: string; organId: string }>) =>
  s.transaction(() =>
    s.organisations.update(
      org().id,
      { name: org().name, abbreviation: org().abbreviation, organId: org().organId, ...changes },
      'admin',
    ),
  );

function issue(date: string) {
  const draft = s.documents.create(
    DocumentFields.parse({ direction: 'out', typeName: 'Công văn', subject: 'Về việc thử' }),
    [],
    'admin',
  ).document;
  return s.documents.issue(draft.id, date, 'admin').document;
}

describe('an organisation as the administrator edits it', () => {
  it('changes name, abbreviation and OrganId; later notations use the new abbreviation', () => {
    s = freshServices(PARTY_SETUP);
    s.transaction(() =>
      s.organisations.addTerm(org().id, { name: '2025-2030', startDate: '2025-10-01', endDate: null }, 'admin'),
    );
    const before = issue('2025-11-03');
    const changed = edit({ name: 'Đảng ủy xã Hòa Bình Mới', abbreviation: 'ĐUX', organId: '000.00.00.H43' });
    expect(changed).toMatchObject({ name: 'Đảng ủy xã Hòa Bình Mới', abbreviation: 'ĐUX', organId: '000.00.00.H43' });
    expect(lastAudit()).toMatchObject({ action: 'organisation.update', actor: 'admin' });
    expect(JSON.parse(lastAudit().details)).toEqual({
      name: { from: 'Đảng ủy xã Hòa Bình', to: 'Đảng ủy xã Hòa Bình Mới' },
      abbreviation: { from: 'ĐU', to: 'ĐUX' },
      organId: { from: '000.00.00.H42', to: '000.00.00.H43' },
    });
    expect(s.documents.get(before.id).numberNotation).toBe('Số 01-CV/ĐU');
    expect(issue('2025-11-04').numberNotation).toBe('Số 02-CV/ĐUX');
  });

  it('refuses an OrganId another organisation has, or the one this workstation exchanges under', () => {
    s = freshServices(STATE_SETUP);
    s.transaction(() => s.organisations.add(NewOrganisation.parse(PARTY_SETUP), 'admin'));
    expect(() => edit({ organId: '000.00.00.H42' })).toThrow(/Mã định danh 000.00.00.H42 đã có/);
    s.sqlite
      .prepare(
        "INSERT INTO sync_state (id, server_url, organ_id, organ_name, workstation_id) VALUES (1, 'http://x', '000.00.00.H41', 'UBND', 'w1')",
      )
      .run();
    expect(() => edit({ organId: '000.00.00.H49' })).toThrow(/đang kết nối liên thông với mã định danh 000.00.00.H41/);
    expect(edit({ name: 'UBND xã Hòa Bình' }).organId).toBe('000.00.00.H41');
  });

  it('on a workstation that does not number, changes only the name', () => {
    s = freshServices({ ...STATE_SETUP, organisation: { ...STATE_SETUP.organisation, numbersHere: false } });
    expect(() => edit({ abbreviation: 'UB' })).toThrow(/chỉ được sửa trên máy văn thư cấp số/);
    expect(() =>
      s.transaction(() =>
        s.organisations.addTerm(org().id, { name: 'x', startDate: '2030-01-01', endDate: null }, 'admin'),
      ),
    ).toThrow(/chỉ được sửa trên máy văn thư cấp số/);
    expect(edit({ name: 'UBND xã Hòa Bình (máy lãnh đạo)' }).name).toBe('UBND xã Hòa Bình (máy lãnh đạo)');
  });
});

describe('terms (nhiệm kỳ)', () => {
  it('adds the next term after the last one and numbers in it; refuses an overlapping one', () => {
    s = freshServices(PARTY_SETUP);
    expect(() => issue('2025-11-03')).toThrow(/nằm ngoài mọi nhiệm kỳ/);
    s.transaction(() =>
      s.organisations.addTerm(org().id, { name: '2025-2030', startDate: '2025-10-01', endDate: null }, 'admin'),
    );
    expect(lastAudit()).toMatchObject({ action: 'term.add', entityId: String(org().id) });
    expect(issue('2025-11-03').numberNotation).toBe('Số 01-CV/ĐU');
    expect(() =>
      s.transaction(() =>
        s.organisations.addTerm(org().id, { name: 'Sai', startDate: '2025-09-01', endDate: '2025-12-31' }, 'admin'),
      ),
    ).toThrow(/trùng thời gian với nhiệm kỳ đã có/);
    expect(() =>
      s.transaction(() =>
        s.organisations.addTerm(org().id, { name: 'Sai', startDate: '2031-01-01', endDate: '2030-01-01' }, 'admin'),
      ),
    ).toThrow(/phải sau ngày bắt đầu/);
    expect(org().terms.map((t) => t.name)).toEqual(['2020-2025', '2025-2030']);
  });

  it('closes the running term, not before an entry already dated in it, then takes the next', () => {
    s = freshServices(STATE_SETUP);
    issue('2026-03-10');
    const term = org().terms[0]!;
    const close = (endDate: string) =>
      s.transaction(() => s.organisations.closeTerm(org().id, term.id, endDate, 'admin'));
    expect(() => close('2026-03-09')).toThrow(/Đã có văn bản vào sổ ngày 10\/03\/2026/);
    expect(() => close('2021-06-30')).toThrow(/từ ngày bắt đầu nhiệm kỳ \(01\/07\/2021\)/);
    expect(close('2026-06-30').terms[0]!.endDate).toBe('2026-06-30');
    expect(lastAudit()).toMatchObject({ action: 'term.close' });
    expect(JSON.parse(lastAudit().details)).toMatchObject({ termId: term.id, endDate: '2026-06-30' });
    expect(() => close('2026-07-30')).toThrow(/đã kết thúc ngày 30\/06\/2026/);
    s.transaction(() =>
      s.organisations.addTerm(org().id, { name: '2026-2031', startDate: '2026-07-01', endDate: null }, 'admin'),
    );
    expect(org().terms.map((t) => t.name)).toEqual(['2021-2026', '2026-2031']);
  });
});
