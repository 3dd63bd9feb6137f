/**
 * register_counts (migration 0019): how many documents each organisation's box holds, by year of
 * registration and type; the register's totals read it (query.ts). Triggers follow the rare
 * changes and deletions of documents. New documents are counted here, beside their search
 * entry: any trigger on INSERT made SQLite keep a statement journal for every insert into
 * documents, about 100 µs more per document (measured: the storage alone of an import of
 * 100,000 documents fell from 12,400 to 5,400 documents/s, even with a trigger doing nothing).
 */
import type { Sqlite } from '../db/open';

/** The year a register date counts in; migration 0019 takes the same four characters. */
export function registerYear(registerDate: string): number {
  return Number(registerDate.slice(0, 4));
}

export function createRegisterCounts(sqlite: Sqlite) {
  const countOne = sqlite.prepare(`INSERT INTO register_counts (organisation_id, direction, year, type_name, documents)
    VALUES (?, ?, ?, ?, 1) ON CONFLICT DO UPDATE SET documents = documents + 1`);
  return {
    /** Counts a document just inserted, in the same transaction. */
    added(organisationId: number, direction: 'in' | 'out', registerDate: string, typeName: string): void {
      countOne.run(organisationId, direction, registerYear(registerDate), typeName);
    },
  };
}
