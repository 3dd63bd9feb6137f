import { afterEach, describe, expect, it } from 'vitest';
import { importRecords, readImportFile } from '../../../src-main/core/register/import';
import { DocumentQuery } from '../../../src-shared/ipc/schemas';
import type { Services } from '../../../src-main/core/services';
import { freshServices } from './helpers';

let s: Services;
afterEach(() => s?.close());

const row = (subject: string) => ({ direction: 'in', typeName: 'Công văn', subject, arrivalDate: '2026-02-01' });

describe('import', () => {
  it('leaves no partial rows when interrupted midway', () => {
    s = freshServices();
    let calls = 0;
    const crashing = {
      ...s.documents,
      insert: (...args: Parameters<Services['documents']['insert']>) => {
        if (++calls === 3) throw new Error('power cut');
        return s.documents.insert(...args);
      },
    };
    expect(() =>
      importRecords({ ...s, documents: crashing }, [row('một'), row('hai'), row('ba'), row('bốn')], 'admin'),
    ).toThrow('power cut');
    expect(s.sqlite.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(0);
    expect(s.sqlite.prepare('SELECT COUNT(*) FROM documents_fts').pluck().get()).toBe(0);
    // The counter did not move either: the next arrival number is still 1.
    const report = importRecords(s, [row('năm')], 'admin');
    expect(report).toEqual({ imported: 1, refused: [], warnings: [] });
    expect(s.queries.list(DocumentQuery.parse({ limit: 5 })).items[0]?.arrivalNumber).toBe(1);
  });

  it('reads CSV with a BOM, semicolons and quoted new lines', () => {
    const records = readImportFile(
      'a.csv',
      '\ufeffdirection;typeName;subject\nin;Công văn;"Dòng một\ndòng hai; có chấm phẩy"\n',
    );
    expect(records).toEqual([{ direction: 'in', typeName: 'Công văn', subject: 'Dòng một\ndòng hai; có chấm phẩy' }]);
  });
});
