import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentFields, DocumentQuery, type DocumentQueryInput } from '../../../src-shared/ipc/schemas';
import type { Services } from '../../../src-main/core/services';
import { planList } from '../../../src-main/core/register/query';
import { addIncoming, freshServices, STATE_SETUP } from './helpers';

// The register's totals come from register_counts (migration 0019) when the filters allow: they
// must always equal counting the documents themselves.
let s: Services;

const add = (fields: Partial<DocumentFields>) => addIncoming(s, '2025-03-01', fields);

function countedOneByOne(q: DocumentQueryInput): number {
  const plan = planList(DocumentQuery.parse(q));
  const sql = plan.page.sql
    .replace(/^SELECT .*? FROM documents d/s, 'SELECT COUNT(*) FROM documents d')
    .replace(/ ORDER BY .*$/s, '');
  return s.sqlite
    .prepare(sql)
    .pluck()
    .get(...plan.page.args.slice(0, -2)) as number;
}

const QUERIES: DocumentQueryInput[] = [
  {},
  { direction: 'in' },
  { direction: 'out' },
  { organisationId: 1, direction: 'in', year: 2025 },
  { organisationId: 1, direction: 'in', year: 2026, typeName: 'Công văn' },
  { direction: 'in', typeName: 'Tờ trình' },
  { direction: 'in', from: '2025-01-01', to: '2026-12-31' },
  { organisationId: 2, direction: 'in' },
];

beforeAll(() => {
  s = freshServices(STATE_SETUP);
  add({});
  add({ arrivalDate: '2026-01-05' });
  add({ arrivalDate: '2026-07-09', typeName: 'Tờ trình' });
  add({ arrivalDate: '2024-12-31' });
  s.documents.create(
    DocumentFields.parse({ direction: 'out', typeName: 'Quyết định', subject: 'Quyết định', issuedDate: '2026-02-02' }),
    [],
    'admin',
  );
});
afterAll(() => s.close());

describe('register totals', () => {
  it('are read from the kept totals when the filters are box, whole years and type', () => {
    for (const q of QUERIES) expect(planList(DocumentQuery.parse(q)).count.sql).toContain('register_counts');
    for (const q of [
      { direction: 'in', status: 'registered' },
      { direction: 'in', urgency: 'khan' },
      { direction: 'in', from: '2025-02-01' },
      { direction: 'in', to: '2025-06-30' },
    ] as DocumentQueryInput[])
      expect(planList(DocumentQuery.parse(q)).count.sql).not.toContain('register_counts');
  });

  it('equal the documents counted one by one, after registering, editing and deleting', () => {
    const check = () => {
      for (const q of QUERIES)
        expect(s.queries.list(DocumentQuery.parse(q)).total, JSON.stringify(q)).toBe(countedOneByOne(q));
    };
    check();
    expect(s.queries.list(DocumentQuery.parse({ direction: 'in', year: 2026 })).total).toBe(2);

    // A new type moves a document between totals, and so would a new year of registration
    // (a draft's date; written here directly, as any change of the row must be followed).
    const moved = add({ arrivalDate: '2025-05-05' });
    s.documents.update(moved.id, { typeName: 'Tờ trình' }, 'admin');
    check();
    s.sqlite.prepare("UPDATE documents SET register_date = '2026-05-05' WHERE id = ?").run(moved.id);
    check();
    expect(s.queries.list(DocumentQuery.parse({ direction: 'in', year: 2026 })).total).toBe(3);
    expect(s.queries.list(DocumentQuery.parse({ direction: 'in', typeName: 'Tờ trình' })).total).toBe(2);

    // Documents are not deleted by VanThu, but the totals follow if one ever is.
    s.sqlite.pragma('foreign_keys = OFF');
    s.sqlite.prepare('DELETE FROM documents WHERE id = ?').run(moved.id);
    s.sqlite.pragma('foreign_keys = ON');
    check();
    expect(s.queries.list(DocumentQuery.parse({ direction: 'in', typeName: 'Tờ trình' })).total).toBe(1);
  });
});
