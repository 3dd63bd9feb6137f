import { afterEach, describe, expect, it } from 'vitest';
import { DocumentFields } from '../../../src-shared/ipc/schemas';
import type { Services } from '../../../src-main/core/services';
import { freshServices, PARTY_SETUP, STATE_SETUP } from './helpers';

let s: Services;
afterEach(() => s?.close());

const org = () => s.organisations.list()[0]!;
const lastAudit = () => s.audit.recent(1)[0]!;

function issue(typeName: string, date: string, secrecy: 'none' | 'mat' = 'none') {
  const draft = s.documents.create(
    DocumentFields.parse({ direction: 'out', typeName, subject: 'Về việc thử', secrecy }),
    [],
    'admin',
  ).document;
  return s.documents.issue(draft.id, date, 'admin').document;
}

/** The Party committee of the tests, with the running term 2025-2030 after the closed one. */
function party(): Services {
  const services = freshServices(PARTY_SETUP);
  const id = services.organisations.list()[0]!.id;
  services.transaction(() =>
    services.organisations.addTerm(id, { name: '2025-2030', startDate: '2025-10-01', endDate: null }, 'admin'),
  );
  return services;
}

const sequenceOf = (code: string) => s.sequenceAdmin.overview(org().id).types.find((t) => t.code === code)!.sequenceId;
const byId = (id: number | null) => s.sequenceAdmin.overview(org().id).sequences.find((q) => q.id === id)!;

describe('which types share a counter', () => {
  it('shows every sequence with its counter per period and where each type is numbered', () => {
    s = party();
    issue('Quyết định', '2025-05-05');
    issue('Quy định', '2025-11-05');
    issue('Quyết định', '2025-11-06');
    const view = s.sequenceAdmin.overview(org().id);
    const shared = view.sequences.find((q) => q.name === 'QĐ + QĐi')!;
    expect(shared.counters).toEqual([
      {
        periodKey: `term:${org().terms[0]!.id}`,
        period: { kind: 'term', name: '2020-2025' },
        lastNumber: 1,
        current: false,
      },
      {
        periodKey: `term:${org().terms[1]!.id}`,
        period: { kind: 'term', name: '2025-2030' },
        lastNumber: 2,
        current: true,
      },
    ]);
    expect(view.types.find((t) => t.code === 'QĐ')).toEqual({
      code: 'QĐ',
      names: ['Quyết định'],
      sequenceId: shared.id,
    });
    expect(view.types.find((t) => t.code === 'QĐi')!.sequenceId).toBe(shared.id);
    // A Party type's own series is made on its first number.
    expect(view.types.find((t) => t.code === 'CV')!.sequenceId).toBeNull();
    expect(view.sequences.find((q) => q.direction === 'in')!.counters).toEqual([]);
  });

  it('refuses to give a type its own counter while it has numbers in the running term', () => {
    s = party();
    issue('Quy định', '2025-11-05');
    const before = lastAudit().id;
    expect(() => s.sequenceAdmin.assignType(org().id, 'QĐi', 'own', 'admin')).toThrow(
      /Loại QĐi đã được cấp đến số 1 trong nhiệm kỳ 2025-2030; chuyển sang dãy số này thì số có thể bị cấp trùng/,
    );
    expect(byId(sequenceOf('QĐi')).typeCodes).toEqual(['QĐ', 'QĐi']);
    expect(lastAudit().id).toBe(before);
  });

  it('splits a shared counter at the start of a term; the closed term stays safe from repeats', () => {
    s = party();
    issue('Quy định', '2025-05-05');
    issue('Quyết định', '2025-05-06');
    issue('Quy định', '2025-05-07');
    const view = s.sequenceAdmin.assignType(org().id, 'QĐi', 'own', 'admin');
    const own = view.sequences.find((q) => q.id === view.types.find((t) => t.code === 'QĐi')!.sequenceId)!;
    expect(own).toMatchObject({ name: 'QĐi', typeCodes: ['QĐi'], retired: false });
    // A back-dated Quy định in the closed term would follow 03, the last one given there.
    expect(own.counters).toEqual([
      expect.objectContaining({ period: { kind: 'term', name: '2020-2025' }, lastNumber: 3 }),
    ]);
    expect(byId(sequenceOf('QĐ'))).toMatchObject({ name: 'QĐ', typeCodes: ['QĐ'] });
    expect(lastAudit()).toMatchObject({ action: 'sequence.assign', actor: 'admin' });
    expect(JSON.parse(lastAudit().details)).toMatchObject({ code: 'QĐi', to: own.id });
    expect(issue('Quy định', '2025-11-05').numberNotation).toBe('Số 01-QĐi/ĐU');
    expect(issue('Quyết định', '2025-11-06').numberNotation).toBe('Số 01-QĐ/ĐU');
  });

  it('lets a type join a counter already past its numbers; its old one is retired, not a catch-all', () => {
    s = party();
    issue('Công văn', '2025-11-01');
    issue('Công văn', '2025-11-02');
    for (const day of ['03', '04', '05']) issue('Quyết định', `2025-11-${day}`);
    const oldCv = sequenceOf('CV')!;
    const shared = sequenceOf('QĐ')!;
    s.sequenceAdmin.assignType(org().id, 'CV', shared, 'admin');
    expect(byId(oldCv)).toMatchObject({ retired: true });
    expect(s.organisations.sequences(org().id).some((q) => q.id === oldCv)).toBe(false);
    expect(byId(shared).typeCodes).toEqual(['QĐ', 'QĐi', 'CV']);
    expect(issue('Công văn', '2025-11-07').numberNotation).toBe('Số 04-CV/ĐU');
    // Another type still gets a series of its own, not the retired one's.
    expect(issue('Thông báo', '2025-11-08').numberNotation).toBe('Số 01-TB/ĐU');
  });

  it('refuses to join a counter behind the numbers the type was given in the running term', () => {
    s = party();
    for (const day of ['01', '02', '03']) issue('Công văn', `2025-11-${day}`);
    issue('Quyết định', '2025-11-04');
    expect(() => s.sequenceAdmin.assignType(org().id, 'CV', sequenceOf('QĐ')!, 'admin')).toThrow(
      /đã được cấp đến số 3/,
    );
    expect(() => s.sequenceAdmin.assignType(org().id, 'CV', sequenceOf('CV')!, 'admin')).toThrow(/đã dùng dãy số/);
    expect(() => s.sequenceAdmin.assignType(org().id, 'XYZ', 'own', 'admin')).toThrow(/Không có loại văn bản nào/);
  });

  it('gives a state type its own yearly series and puts it back in the common one', () => {
    s = freshServices(STATE_SETUP);
    issue('Quyết định', '2024-03-01');
    const common = sequenceOf('QĐ')!;
    expect(byId(common).typeCodes).toEqual([]);
    const view = s.sequenceAdmin.assignType(org().id, 'QĐ', 'own', 'admin');
    const own = view.types.find((t) => t.code === 'QĐ')!.sequenceId!;
    expect(own).not.toBe(common);
    expect(issue('Quyết định', '2024-12-01').numberNotation).toBe('Số: 02/QĐ-UBND');
    expect(issue('Kế hoạch', '2024-12-02').numberNotation).toBe('Số: 02/KH-UBND');
    // Back in the common series: it is at 02, the type at 02 too, so the next is 03.
    s.sequenceAdmin.assignType(org().id, 'QĐ', common, 'admin');
    expect(byId(own).retired).toBe(true);
    expect(issue('Quyết định', '2024-12-03').numberNotation).toBe('Số: 03/QĐ-UBND');
    // Secret documents keep their own series whatever the ordinary one is.
    expect(issue('Quyết định', '2024-12-04', 'mat').numberNotation).toBe('Số: 01/QĐ-UBND');
  });

  it('changes nothing on a workstation that does not number', () => {
    s = freshServices({ ...STATE_SETUP, organisation: { ...STATE_SETUP.organisation, numbersHere: false } });
    expect(() => s.sequenceAdmin.assignType(org().id, 'QĐ', 'own', 'admin')).toThrow(/máy văn thư cấp số/);
  });
});
