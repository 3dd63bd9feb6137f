import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../src-main/core/services';
import { freshServices } from './helpers';

let s: Services;
afterEach(() => s.close());

describe('units', () => {
  it('are added, renamed and given people, each change in the audit log; a name is once per organisation', () => {
    s = freshServices();
    const person = s.transaction(() =>
      s.accounts.create(
        { username: 'an', fullName: 'Nguyễn Văn An', role: 'handler', password: 'matkhau123' },
        'admin',
      ),
    );
    const [office] = s.transaction(() => s.units.add(1, 'Văn phòng', 'admin'));
    expect(office).toMatchObject({ name: 'Văn phòng', organisationId: 1, people: 0 });
    expect(() => s.transaction(() => s.units.add(1, 'văn phòng', 'admin'))).toThrow('Đã có đơn vị "văn phòng"');
    s.transaction(() => s.units.rename(office!.id, 'Văn phòng - Thống kê', 'admin'));
    s.transaction(() => s.units.placeUser(person.id, office!.id, 'admin'));
    expect(s.units.list()).toEqual([expect.objectContaining({ name: 'Văn phòng - Thống kê', people: 1 })]);
    expect(s.accounts.info(person.id).unitId).toBe(office!.id);
    expect(s.handling.people().find((p) => p.id === person.id)?.unitName).toBe('Văn phòng - Thống kê');
    s.transaction(() => s.units.placeUser(person.id, null, 'admin'));
    expect(s.accounts.info(person.id).unitId).toBeNull();
    expect(() => s.units.placeUser(person.id, 999, 'admin')).toThrow('Không tìm thấy đơn vị');
    expect(() => s.units.add(99, 'Ban', 'admin')).toThrow('Không tìm thấy cơ quan');
    expect(s.audit.recent(4).map((e) => e.action)).toEqual(['user.setUnit', 'user.setUnit', 'unit.rename', 'unit.add']);
  });
});
