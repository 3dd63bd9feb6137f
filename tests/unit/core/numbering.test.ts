import { afterEach, describe, expect, it } from 'vitest';
import { DocumentFields } from '../../../src-shared/ipc/schemas';
import type { Services } from '../../../src-main/core/services';
import { freshServices, PARTY_SETUP, STATE_SETUP } from './helpers';

let services: Services;
afterEach(() => services?.close());

function draft(s: Services, fields: Partial<DocumentFields>) {
  return s.documents.create(
    DocumentFields.parse({
      direction: 'out',
      typeName: 'Quyết định',
      subject: 'Về việc kiện toàn tổ công tác',
      ...fields,
    }),
    [],
    'admin',
  ).document;
}

function issue(s: Services, date: string, fields: Partial<DocumentFields> = {}) {
  return s.documents.issue(draft(s, fields).id, date, 'admin').document;
}

function register(s: Services, arrivalDate: string, fields: Partial<DocumentFields> = {}) {
  return s.documents.create(
    DocumentFields.parse({
      direction: 'in',
      typeName: 'Công văn',
      subject: 'Về việc báo cáo tình hình',
      organName: 'Huyện ủy Hòa Vang',
      arrivalDate,
      ...fields,
    }),
    [],
    'admin',
  );
}

describe('outgoing numbers of a state organ (per calendar year)', () => {
  it('gives zero-padded numbers in order and restarts on 1 January', () => {
    services = freshServices(STATE_SETUP);
    const a = issue(services, '2025-12-30');
    const b = issue(services, '2025-12-31');
    const c = issue(services, '2026-01-01');
    expect([a.codeNumber, b.codeNumber, c.codeNumber]).toEqual([1, 2, 1]);
    expect(a.numberNotation).toBe('Số: 01/QĐ-UBND');
    expect(b.numberNotation).toBe('Số: 02/QĐ-UBND');
    expect(c.numberNotation).toBe('Số: 01/QĐ-UBND');
    expect(c.status).toBe('issued');
  });

  it('numbers all administrative types in one series; công văn carry no type', () => {
    services = freshServices(STATE_SETUP);
    issue(services, '2026-03-01');
    const cv = issue(services, '2026-03-02', { typeName: 'Công văn', draftingUnit: 'VP' });
    expect(cv.numberNotation).toBe('Số: 02/UBND-VP');
  });

  it('keeps secret documents in their own series', () => {
    services = freshServices(STATE_SETUP);
    issue(services, '2026-03-01');
    const secret = issue(services, '2026-03-02', { secrecy: 'mat' });
    const next = issue(services, '2026-03-03');
    expect(secret.codeNumber).toBe(1);
    expect(next.codeNumber).toBe(2);
  });

  it('never reuses a number: a cancelled document keeps its number', () => {
    services = freshServices(STATE_SETUP);
    const first = issue(services, '2026-03-01');
    const cancelled = services.documents.cancel(first.id, 'Ban hành nhầm', 'admin');
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.codeNumber).toBe(1);
    expect(issue(services, '2026-03-02').codeNumber).toBe(2);
  });

  it('gives no number when issuing fails', () => {
    services = freshServices(STATE_SETUP);
    const d = draft(services, {});
    expect(() => services.documents.issue(d.id, '2019-01-01', 'admin')).toThrow(/nhiệm kỳ/);
    expect(services.documents.get(d.id).status).toBe('draft');
    expect(issue(services, '2026-03-02').codeNumber).toBe(1);
  });
});

describe('outgoing numbers of a Party organ (per type, per term)', () => {
  function withTwoTerms(): Services {
    const s = freshServices(PARTY_SETUP);
    s.organisations.addTerm(1, { name: '2025-2030', startDate: '2025-10-01', endDate: null }, 'admin');
    return s;
  }

  it('runs per type across the year end and restarts with the new term', () => {
    services = withTwoTerms();
    const nq1 = issue(services, '2024-12-31', { typeName: 'Nghị quyết' });
    const nq2 = issue(services, '2025-01-02', { typeName: 'Nghị quyết' });
    const tb1 = issue(services, '2025-01-03', { typeName: 'Thông báo' });
    const nqNewTerm = issue(services, '2025-10-01', { typeName: 'Nghị quyết' });
    expect([nq1.codeNumber, nq2.codeNumber, tb1.codeNumber, nqNewTerm.codeNumber]).toEqual([1, 2, 1, 1]);
    expect(nq2.numberNotation).toBe('Số 02-NQ/ĐU');
    expect(tb1.numberNotation).toBe('Số 01-TB/ĐU');
  });

  it('lets types configured together share one counter', () => {
    services = withTwoTerms();
    const qd = issue(services, '2025-02-01', { typeName: 'Quyết định' });
    const qdi = issue(services, '2025-02-02', { typeName: 'Quy định' });
    expect(qd.numberNotation).toBe('Số 01-QĐ/ĐU');
    expect(qdi.numberNotation).toBe('Số 02-QĐi/ĐU');
  });

  it('keeps secret documents in the ordinary series', () => {
    services = withTwoTerms();
    issue(services, '2025-02-01', { typeName: 'Nghị quyết' });
    expect(issue(services, '2025-02-02', { typeName: 'Nghị quyết', secrecy: 'toi_mat' }).codeNumber).toBe(2);
  });

  it('refuses a date outside every term and asks for the new term', () => {
    services = freshServices(PARTY_SETUP);
    expect(() => issue(services, '2026-01-05', { typeName: 'Nghị quyết' })).toThrow(/Hãy thêm nhiệm kỳ mới/);
  });
});

describe('arrival numbers', () => {
  it('run in order of receipt and restart each year', () => {
    services = freshServices(STATE_SETUP);
    const a = register(services, '2025-12-31').document;
    const b = register(services, '2025-12-31').document;
    const c = register(services, '2026-01-01').document;
    expect([a.arrivalNumber, b.arrivalNumber, c.arrivalNumber]).toEqual([1, 2, 1]);
    expect(a.status).toBe('registered');
  });

  it('warns on the same number, notation and issuer in the same year, but keeps both', () => {
    services = freshServices(STATE_SETUP);
    const fields = { codeNumber: 25, codeNotation: 'CV/HU', issuedDate: '2026-05-01' };
    expect(register(services, '2026-05-02', fields).warnings).toEqual([]);
    const second = register(services, '2026-05-03', { ...fields, organName: 'HUYỆN ỦY HÒA VANG' });
    expect(second.warnings.map((w) => w.code)).toEqual(['DUPLICATE']);
    expect(second.warnings[0]?.message).toMatch(/số đến 1/);
    expect(register(services, '2026-05-04', { ...fields, organName: 'Tỉnh ủy' }).warnings).toEqual([]);
  });

  it('are refused on a workstation that does not number for the organisation', () => {
    services = freshServices({ ...STATE_SETUP, organisation: { ...STATE_SETUP.organisation, numbersHere: false } });
    expect(() => register(services, '2026-05-02')).toThrow(expect.objectContaining({ code: 'NOT_NUMBERING_STATION' }));
    expect(() => issue(services, '2026-05-02')).toThrow(expect.objectContaining({ code: 'NOT_NUMBERING_STATION' }));
  });
});

describe('editing', () => {
  it('refuses to change a given number but keeps other edits', () => {
    services = freshServices(STATE_SETUP);
    const d = issue(services, '2026-03-01');
    expect(() => services.documents.update(d.id, { codeNumber: 7 }, 'admin')).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    const edited = services.documents.update(d.id, { subject: 'Về việc kiện toàn Ban Chỉ đạo' }, 'admin').document;
    expect(edited.subject).toBe('Về việc kiện toàn Ban Chỉ đạo');
    expect(edited.codeNumber).toBe(1);
  });
});
