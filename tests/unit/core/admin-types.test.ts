import { afterEach, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../../src-shared/domain/dates';
import { DocumentFields } from '../../../src-shared/ipc/schemas';
import type { Services } from '../../../src-main/core/services';
import { freshServices, STATE_SETUP } from './helpers';

let s: Services;
afterEach(() => s?.close());

function issue(typeName: string, date: string) {
  const draft = s.documents.create(
    DocumentFields.parse({ direction: 'out', typeName, subject: 'Về việc thử' }),
    [],
    'admin',
  ).document;
  return s.documents.issue(draft.id, date, 'admin').document;
}

const lastAudit = () => s.audit.recent(1)[0];
const typeNamed = (name: string) => s.types.list().find((t) => t.name === name);

describe('document types an administrator keeps', () => {
  it('lists the types in Vietnamese alphabetical order, not in byte order', () => {
    s = freshServices(STATE_SETUP);
    s.typeAdmin.add({ name: 'Ủy quyền', code: 'UQ', regime: 'both' }, 'admin');
    const names = [...new Set(s.types.list().map((t) => t.name))];
    const at = (name: string) => names.indexOf(name);
    expect(at('Báo cáo')).toBeLessThan(at('Biên bản'));
    expect(at('Chỉ thị')).toBeLessThan(at('Chương trình'));
    expect(at('Công điện')).toBeLessThan(at('Công văn'));
    expect(at('Tờ trình')).toBeLessThan(at('Ủy quyền'));
    expect(at('Ủy quyền')).toBe(names.length - 1);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')));
  });

  it('adds a type with its abbreviation, offers it for numbering and audits it', () => {
    s = freshServices(STATE_SETUP);
    const added = s.typeAdmin.add({ name: 'Quy trình', code: 'QT', regime: 'both' }, 'admin');
    expect(added).toMatchObject({ name: 'Quy trình', code: 'QT', regime: 'both', active: true });
    expect(lastAudit()).toMatchObject({ actor: 'admin', action: 'documentType.add', entityId: String(added.id) });
    expect(JSON.parse(lastAudit()!.details)).toMatchObject({ name: 'Quy trình', code: 'QT' });
    expect(issue('Quy trình', '2026-03-02').numberNotation).toBe('Số: 01/QT-UBND');
  });

  it('refuses a name already in the list (without diacritics too) and a bad abbreviation', () => {
    s = freshServices(STATE_SETUP);
    const before = s.audit.recent(1)[0]!.id;
    expect(() => s.typeAdmin.add({ name: 'quyet dinh', code: 'QĐx', regime: 'state' }, 'admin')).toThrow(
      /Đã có loại văn bản "Quyết định"/,
    );
    expect(() => s.typeAdmin.add({ name: 'Quy trình', code: 'Q T', regime: 'both' }, 'admin')).toThrow(
      /Ký hiệu viết tắt gồm 1 đến 10 chữ cái/,
    );
    // Quy định exists for Party (QĐi) and state (QyĐ) separately: a "both" entry would clash.
    expect(() => s.typeAdmin.add({ name: 'Quy định', code: 'QĐ', regime: 'both' }, 'admin')).toThrow(/Đã có/);
    expect(s.audit.recent(1)[0]!.id).toBe(before);
  });

  it('renames an unused type, but not one that entries carry', () => {
    s = freshServices(STATE_SETUP);
    const added = s.typeAdmin.add({ name: 'Quy trinh', code: 'QT', regime: 'both' }, 'admin');
    const renamed = s.typeAdmin.update(added.id, { name: 'Quy trình', code: 'QT' }, 'admin');
    expect(renamed.name).toBe('Quy trình');
    expect(JSON.parse(lastAudit()!.details)).toMatchObject({ name: { from: 'Quy trinh', to: 'Quy trình' } });
    issue('Quy trình', '2026-03-02');
    expect(() => s.typeAdmin.update(added.id, { name: 'Quy trình mới', code: 'QT' }, 'admin')).toThrow(
      /Đã có 1 văn bản mang tên loại "Quy trình"/,
    );
    expect(typeNamed('Quy trình')).toBeDefined();
  });

  it('refuses a new abbreviation while numbers are being given under the old one this year', () => {
    s = freshServices(STATE_SETUP);
    const qd = typeNamed('Quyết định')!;
    issue('Quyết định', todayInVietnam());
    expect(() => s.typeAdmin.update(qd.id, { name: qd.name, code: 'QĐx' }, 'admin')).toThrow(
      /đã cấp đến số 1 cho Quyết định \(QĐ\) trong kỳ đánh số đang chạy/,
    );
    expect(typeNamed('Quyết định')!.code).toBe('QĐ');
  });

  it('changes an abbreviation used only in a closed year; the type keeps its own counter', () => {
    s = freshServices(STATE_SETUP);
    const qt = s.typeAdmin.add({ name: 'Quy trình', code: 'QT', regime: 'both' }, 'admin');
    const org = s.organisations.list()[0]!;
    s.sequenceAdmin.assignType(org.id, 'QT', 'own', 'admin');
    issue('Quy trình', '2023-05-05');
    const changed = s.typeAdmin.update(qt.id, { name: qt.name, code: 'QTr' }, 'admin');
    expect(changed.code).toBe('QTr');
    expect(JSON.parse(lastAudit()!.details)).toMatchObject({ code: { from: 'QT', to: 'QTr' } });
    const own = s.organisations.sequences(org.id).filter((q) => q.typeCodes.includes('QTr'));
    expect(own).toHaveLength(1);
    expect(issue('Quy trình', '2023-06-06').numberNotation).toBe('Số: 02/QTr-UBND');
  });

  it('retires and restores a type, each audited', () => {
    s = freshServices(STATE_SETUP);
    const tb = typeNamed('Thông báo')!;
    expect(s.typeAdmin.setActive(tb.id, false, 'admin').active).toBe(false);
    expect(lastAudit()).toMatchObject({ action: 'documentType.retire', entityId: String(tb.id) });
    expect(s.typeAdmin.setActive(tb.id, true, 'admin').active).toBe(true);
    expect(lastAudit()).toMatchObject({ action: 'documentType.restore' });
  });

  it('deletes only a type added by mistake that nothing uses', () => {
    s = freshServices(STATE_SETUP);
    expect(() => s.typeAdmin.remove(typeNamed('Thông báo')!.id, 'admin')).toThrow(/theo quy định nên không xóa/);
    const used = s.typeAdmin.add({ name: 'Quy trình', code: 'QT', regime: 'both' }, 'admin');
    issue('Quy trình', '2026-03-02');
    expect(() => s.typeAdmin.remove(used.id, 'admin')).toThrow(/Đã có 1 văn bản thuộc loại "Quy trình"/);
    const spare = s.typeAdmin.add({ name: 'Phiếu chuyển', code: 'PC', regime: 'both' }, 'admin');
    s.typeAdmin.remove(spare.id, 'admin');
    expect(typeNamed('Phiếu chuyển')).toBeUndefined();
    expect(lastAudit()).toMatchObject({ action: 'documentType.remove', entityId: String(spare.id) });
  });
});
