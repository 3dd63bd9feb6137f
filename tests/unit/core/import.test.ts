import { afterEach, describe, expect, it } from 'vitest';
import { importRecords, normaliseRecord, readImportFile } from '../../../src-main/core/register/import';
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

  it('indexes every imported row for search, newest first, whatever order the file had', () => {
    s = freshServices();
    const dates = ['2026-02-03', '2025-11-20', '2026-02-05', '2026-01-01'];
    const records = dates.map((arrivalDate, i) => ({ ...row(`Kế hoạch chuyển đổi số ${i}`), arrivalDate }));
    // A row refused midway (an impossible date) leaves nothing in the index.
    records.splice(2, 0, { ...row('Kế hoạch chuyển đổi số hỏng'), arrivalDate: '2026-02-30' });
    const report = importRecords(s, records, 'admin');
    expect(report.imported).toBe(4);
    const found = s.queries.list(DocumentQuery.parse({ text: 'chuyen doi so', limit: 10 })).items;
    expect(found.map((d) => d.arrivalDate)).toEqual(['2026-02-05', '2026-02-03', '2026-01-01', '2025-11-20']);
    expect(s.sqlite.prepare('SELECT COUNT(*) FROM documents_fts').pluck().get()).toBe(4);
  });

  it('warns of the same number from the same issuer in the same year, in the register or earlier in the file', () => {
    s = freshServices();
    const numbered = (codeNumber: number, codeNotation: string, organName: string, issuedDate: string) => ({
      ...row(`Văn bản ${codeNumber}`),
      codeNumber,
      codeNotation,
      organName,
      issuedDate,
    });
    // A fresh register: only the file's own rows can be duplicates.
    const first = importRecords(
      s,
      [
        numbered(25, 'CV-HU', 'Huyện ủy Hòa Vang', '2026-01-20'),
        numbered(25, 'cv-hu', 'HUYỆN ỦY HOÀ VANG', '2026-01-21'),
        numbered(25, 'CV-HU', 'Huyện ủy Hòa Vang', '2025-12-30'),
      ],
      'admin',
    );
    expect(first.warnings).toEqual([{ row: 2, message: expect.stringMatching(/25\/cv-hu .*số đến 1,/) }]);

    // Now the register holds them: rows match what is stored and what came before in the file.
    const second = importRecords(
      s,
      [
        numbered(25, 'Cv-Hu', 'huyện ủy hòa vang', '2026-03-01'),
        numbered(25, 'CV-HU', 'Tỉnh ủy Quảng Nam', '2026-03-01'),
        numbered(7, 'QĐ-UBND', 'UBND xã', '2026-03-01'),
        numbered(7, 'qĐ-ubnd', 'UBND xã', '2026-03-02'),
        // NOCASE folds ASCII letters only, as the single registration's check does.
        numbered(7, 'Qđ-UBND', 'UBND xã', '2026-03-02'),
      ],
      'admin',
    );
    expect(second.warnings.map((w) => w.row)).toEqual([1, 1, 4]);
    expect(second.warnings[0]?.message).toMatch(/số đến 1,/);
    expect(second.warnings[1]?.message).toMatch(/số đến 2,/);
    expect(second.warnings[2]?.message).toMatch(/7\/qĐ-ubnd .*số đến 6,/);

    // A single registration follows the same rule: rows 3 and 4 match, row 5 does not.
    const fields = normaliseRecord(numbered(7, 'QĐ-UBND', 'UBND XÃ', '2026-04-01'));
    if (!fields.ok) throw new Error(fields.reason);
    expect(s.documents.create(fields.fields, [], 'admin').warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/số đến 6,/),
      expect.stringMatching(/số đến 7,/),
    ]);
  });

  it("refuses rows in the field's own words, and warns of dates after today", () => {
    s = freshServices();
    const report = importRecords(
      s,
      [
        { direction: 'in', typeName: 'Công văn', subject: '', arrivalDate: '2026-02-01' },
        { direction: 'in', typeName: 'Công văn', arrivalDate: '2026-02-01' },
        { ...row('Số trang lạ'), pageAmount: '12a' },
        { ...row('Ngày đến gõ nhầm năm'), arrivalDate: '2031-01-01' },
        { ...row('Ngày đến đúng') },
      ],
      'admin',
    );
    expect(report.refused).toEqual([
      { row: 1, reason: 'subject: Hãy nhập trích yếu' },
      { row: 2, reason: 'subject: Hãy nhập trích yếu' },
      { row: 3, reason: 'pageAmount: "12a" không phải số nguyên dương' },
    ]);
    expect(report.imported).toBe(2);
    expect(report.warnings).toEqual([
      {
        row: 4,
        message: expect.stringMatching(/^Ngày đến 01\/01\/2031 sau hôm nay \(\d\d\/\d\d\/\d{4}\): hãy kiểm tra lại\.$/),
      },
    ]);
  });

  it('tells when a row numbered now arrived before a document already in the register', () => {
    s = freshServices();
    importRecords(s, [{ ...row('Đã vào sổ trước'), arrivalDate: '2026-01-06' }], 'admin');
    const report = importRecords(
      s,
      [
        { ...row('Đến sau'), arrivalDate: '2026-01-08' },
        { ...row('Đến trước, vào sổ sau'), arrivalDate: '2026-01-02' },
        { ...row('Năm trước'), arrivalDate: '2025-12-30' },
      ],
      'admin',
    );
    expect(report.imported).toBe(3);
    expect(report.warnings).toEqual([
      {
        row: 2,
        message:
          'Ngày đến 02/01/2026 sớm hơn văn bản đến ngày 06/01/2026 đã có trong sổ: số đến cấp theo thứ tự vào sổ, nên văn bản này đứng sau văn bản đó.',
      },
    ]);
    const numbers = s.sqlite
      .prepare(
        "SELECT arrival_date, arrival_number FROM documents WHERE arrival_date LIKE '2026%' ORDER BY arrival_number",
      )
      .raw()
      .all();
    expect(numbers).toEqual([
      ['2026-01-06', 1],
      ['2026-01-02', 2],
      ['2026-01-08', 3],
    ]);
  });

  it('reads CSV with a BOM, semicolons and quoted new lines', () => {
    const records = readImportFile(
      'a.csv',
      '\ufeffdirection;typeName;subject\nin;Công văn;"Dòng một\ndòng hai; có chấm phẩy"\n',
    );
    expect(records).toEqual([{ direction: 'in', typeName: 'Công văn', subject: 'Dòng một\ndòng hai; có chấm phẩy' }]);
  });
});
