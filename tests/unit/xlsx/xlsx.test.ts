import { describe, expect, it } from 'vitest';
import { columnLetter, writeXlsx, xmlText } from '../../../src-main/core/xlsx/sheet';
import { assertBalancedXml, readZip } from './read-zip';

const spec = {
  sheetName: 'Sổ đến 2026',
  titleLines: ['ĐẢNG ỦY XÃ HÒA BÌNH', 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN'],
  columns: [
    { header: 'Số đến', width: 8, align: 'center' as const },
    { header: 'Trích yếu', width: 40 },
  ],
  numberColumns: true,
  rows: [
    ['01', 'Về việc <kiểm tra> & "báo cáo"\u0001'],
    [2, ''],
  ],
  footer: 'Sổ đăng ký & lưu',
  landscape: true,
  title: 'Sổ đến',
  creator: 'Đảng ủy xã Hòa Bình',
  created: new Date('2026-12-02T08:00:00Z'),
};

describe('xlsx writer', () => {
  it('writes a workbook whose parts are well formed and hold the text', () => {
    const files = readZip(writeXlsx(spec));
    expect([...files.keys()].sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    for (const xml of files.values()) assertBalancedXml(xml.toString('utf8'));
    const sheet = files.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheet).toContain('Về việc &lt;kiểm tra&gt; &amp; &quot;báo cáo&quot;</t>');
    expect(sheet).not.toContain('\u0001');
    expect(sheet).toContain('<mergeCell ref="A1:B1"/>');
    expect(sheet).toContain('<c r="A7" s="5"><v>2</v></c>');
    expect(sheet).toContain('orientation="landscape"');
    expect(sheet).toContain('ySplit="5"');
    const workbook = files.get('xl/workbook.xml')!.toString('utf8');
    expect(workbook).toContain('name="Sổ đến 2026"');
    // The two header rows (the titles, an empty row, then headers and numbers) on every page.
    expect(workbook).toContain("'Sổ đến 2026'!$4:$5");
  });

  it('writes a sheet too large for one piece as one valid stream, every row in order', () => {
    const rows = Array.from({ length: 6000 }, (_, i) => [String(i + 1), `Về việc kiểm tra số ${i + 1} `.repeat(8)]);
    const sheet = readZip(writeXlsx({ ...spec, rows }))
      .get('xl/worksheets/sheet1.xml')!
      .toString('utf8');
    expect(sheet.length).toBeGreaterThan(1_000_000);
    assertBalancedXml(sheet);
    const numbers = [...sheet.matchAll(/<c r="A(\d+)" s="5" t="inlineStr"><is><t xml:space="preserve">(\d+)</g)];
    expect(numbers).toHaveLength(6000);
    expect(numbers.every(([, row, n]) => Number(row) === Number(n) + 5)).toBe(true);
  });

  it('gives equal bytes for equal input', () => {
    expect(writeXlsx(spec).equals(writeXlsx(spec))).toBe(true);
  });

  it('names columns past Z and escapes XML', () => {
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    expect(xmlText('a<b>&"c"\u0008')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
  });
});
