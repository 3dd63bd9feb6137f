import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentFields, DocumentQuery, type DocumentQueryInput } from '../../../src-shared/ipc/schemas';
import { URGENCY_ORDER } from '../../../src-shared/domain/levels';
import type { Services } from '../../../src-main/core/services';
import { importRecords } from '../../../src-main/core/register/import';
import { freshServices, STATE_SETUP } from './helpers';

// The register screen lists a box urgent first, then newest first (UI.md); the query reads it
// as one walk of the box index per urgency (query.ts). Every page must be the slice of the whole
// box sorted in that order, whatever the period, type, direction of sorting and offset.
let s: Services;
const URGENCIES = Object.keys(URGENCY_ORDER) as (keyof typeof URGENCY_ORDER)[];
const TYPES = ['Công văn', 'Tờ trình'];
type Row = { id: number; urgency: number; date: string; type: string };
const rows: Row[] = [];

beforeAll(() => {
  s = freshServices(STATE_SETUP);
  // Dates repeat, so the id must break ties; urgencies and types cycle at other periods.
  for (let i = 0; i < 60; i++) {
    const date = `202${5 + (i % 2)}-0${1 + (i % 7)}-1${i % 3}`;
    const urgency = URGENCIES[(i * 7) % URGENCIES.length]!;
    const type = TYPES[i % 3 === 0 ? 1 : 0]!;
    const { id } = s.documents.create(
      DocumentFields.parse({ direction: 'in', typeName: type, subject: `Văn bản ${i}`, arrivalDate: date, urgency }),
      [],
      'admin',
    ).document;
    rows.push({ id, urgency: URGENCY_ORDER[urgency], date, type });
  }
});
afterAll(() => s.close());

function expected(q: DocumentQueryInput & { ascending?: boolean }): number[] {
  const dir = q.ascending ? 1 : -1;
  return rows
    .filter((r) => q.year === undefined || r.date.startsWith(String(q.year)))
    .filter((r) => q.typeName === undefined || r.type === q.typeName)
    .sort((a, b) => a.urgency - b.urgency || dir * a.date.localeCompare(b.date) || dir * (a.id - b.id))
    .slice(q.offset ?? 0, (q.offset ?? 0) + (q.limit ?? 50))
    .map((r) => r.id);
}

describe('the register urgent first', () => {
  it('lists every page as the slice of the whole box in urgency, then date order', () => {
    for (const year of [undefined, 2025, 2026])
      for (const typeName of [undefined, 'Tờ trình'])
        for (const ascending of [false, true])
          for (const offset of [0, 7, 25]) {
            const q = { direction: 'in' as const, year, typeName, offset, limit: 10, urgentFirst: true };
            const orderBy = ascending ? { column: 'registerDate' as const, descending: false } : undefined;
            const page = s.queries.list(DocumentQuery.parse({ ...q, orderBy }));
            expect(
              page.items.map((d) => d.id),
              JSON.stringify({ ...q, ascending }),
            ).toEqual(expected({ ...q, ascending }));
          }
  });
});

describe('the register urgent first, deep pages', () => {
  it('starts each urgency where the page does, past the first thousand documents', () => {
    const deep = freshServices(STATE_SETUP);
    try {
      const report = importRecords(
        deep,
        Array.from({ length: 1300 }, (_, i) => ({
          direction: 'in',
          typeName: TYPES[i % 3 === 0 ? 1 : 0],
          subject: `Văn bản ${i}`,
          arrivalDate: `202${4 + (i % 3)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
          urgency: URGENCIES[(i * 7) % URGENCIES.length],
        })),
        'admin',
      );
      expect(report.imported).toBe(1300);
      const all = deep.sqlite
        .prepare('SELECT id, urgency_rank AS urgency, register_date AS date, type_name AS type FROM documents')
        .all() as Row[];
      const sorted = (typeName?: string) =>
        all
          .filter((r) => typeName === undefined || r.type === typeName)
          .sort((a, b) => a.urgency - b.urgency || b.date.localeCompare(a.date) || b.id - a.id)
          .map((r) => r.id);
      for (const typeName of [undefined, 'Công văn'])
        for (const offset of [940, 990, 1000, 1111, 1290]) {
          const q = { direction: 'in' as const, typeName, offset, limit: 50, urgentFirst: true };
          expect(
            deep.queries.list(DocumentQuery.parse(q)).items.map((d) => d.id),
            JSON.stringify(q),
          ).toEqual(sorted(typeName).slice(offset, offset + 50));
        }
    } finally {
      deep.close();
    }
  });
});
