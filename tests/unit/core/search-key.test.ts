import { afterEach, describe, expect, it } from 'vitest';
import { SEARCH_KEY_SQL, firstKeyOf, searchKey } from '../../../src-main/core/register/search-index';
import { DocumentFields, DocumentQuery } from '../../../src-shared/ipc/schemas';
import type { Services } from '../../../src-main/core/services';
import { freshServices } from './helpers';

let s: Services;
afterEach(() => s?.close());

describe('search keys', () => {
  it('are the same in TypeScript and in the migration’s SQL, and sort like the register', () => {
    s = freshServices();
    const dates = ['1969-12-31', '1970-01-01', '2000-02-29', '2026-01-01', '2026-12-31', '2099-12-31'];
    const sql = s.sqlite.prepare(`SELECT ${SEARCH_KEY_SQL('?', '?')}`).pluck();
    for (const date of dates) for (const id of [1, 77, 2 ** 31]) expect(sql.get(date, id)).toBe(searchKey(date, id));
    expect(searchKey('2026-01-01', 5)).toBeLessThan(searchKey('2026-01-02', 1));
    expect(firstKeyOf('2026-01-02')).toBeGreaterThan(searchKey('2026-01-01', 2 ** 32 - 1));
  });

  it('keep newest-first, periods and counts right when a date changes', () => {
    s = freshServices();
    const ids = ['2026-03-01', '2026-01-15', '2025-12-31'].map(
      (arrivalDate, i) =>
        s.documents.create(
          DocumentFields.parse({
            direction: 'in',
            typeName: 'Công văn',
            subject: `Kế hoạch chuyển đổi số ${i}`,
            arrivalDate,
          }),
          [],
          'admin',
        ).document.id,
    );
    const list = (q: Partial<DocumentQuery>) => s.queries.list(DocumentQuery.parse({ text: 'chuyen doi', ...q }));
    expect(list({}).items.map((d) => d.id)).toEqual([ids[0], ids[1], ids[2]]);
    expect(list({ orderBy: { column: 'registerDate', descending: false } }).items.map((d) => d.id)).toEqual([
      ids[2],
      ids[1],
      ids[0],
    ]);
    expect(list({ year: 2026 }).total).toBe(2);
    expect(list({ from: '2026-01-15', to: '2026-01-15' }).items.map((d) => d.id)).toEqual([ids[1]]);
    // A changed subject is found under its new words, at the same place in the register.
    s.documents.update(ids[2] as number, { subject: 'Báo cáo thu ngân sách' }, 'admin');
    expect(list({}).items.map((d) => d.id)).toEqual([ids[0], ids[1]]);
    expect(list({ text: 'ngan sach' }).items.map((d) => d.id)).toEqual([ids[2]]);
  });
});
