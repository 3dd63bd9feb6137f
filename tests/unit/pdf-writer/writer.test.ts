/**
 * The report writer: valid files (qpdf), Vietnamese text that extracts exactly, page numbers,
 * tables over many pages with their header on each, landscape paper, equal bytes for equal
 * input, and a thousand-row register in well under a second.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fontFamilies, type FontFamily } from '../../../src-main/core/pdf/appearance/fonts';
import { renderPdf, type Block, type PdfDocumentSpec, type Table } from '../../../src-main/core/pdf/writer';
import { VanThuError } from '../../../src-shared/ipc/errors';
import { pageTexts, pdffonts, pdfinfo, qpdfCheck, squeeze, text, tmp, write } from './helpers';

const FONTS = path.resolve(__dirname, '../../../resources/fonts');
const DATE = new Date('2026-11-22T02:15:00Z');

let families: FontFamily[];
let dir: string;

beforeAll(() => {
  families = fontFamilies({ windowsFontsDir: null, resourcesDir: FONTS });
  dir = tmp('vanthu-writer-');
});

function render(spec: Partial<PdfDocumentSpec> & { blocks: Block[] }): Buffer {
  return renderPdf({ info: { title: 'Báo cáo thử', date: DATE }, ...spec }, { fonts: families });
}

const STATE_HEADER: Block = {
  kind: 'title',
  left: [
    { text: 'ỦY BAN NHÂN DÂN', bold: true },
    { text: 'XÃ HÒA BÌNH', bold: true, underline: 'short' },
  ],
  right: [
    { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
    { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, underline: 'full' },
  ],
  placeDate: 'Hòa Bình, ngày 22 tháng 11 năm 2026',
};

const INCOMING_COLUMNS: Table['columns'] = [
  ['Ngày đến', 8],
  ['Số đến', 6],
  ['Tác giả', 12],
  ['Số, ký hiệu', 9],
  ['Ngày tháng văn bản', 8],
  ['Tên loại và trích yếu nội dung', 27],
  ['Đơn vị hoặc người nhận', 10],
  ['Ngày chuyển', 8],
  ['Ký nhận', 6],
  ['Ghi chú', 6],
].map(([header, width]) => ({ header: header as string, width: width as number }));

/** A row of the incoming register (sổ đăng ký văn bản đến), numbered n. */
function incomingRow(n: number, subject = 'Quyết định về việc phê duyệt kế hoạch chuyển đổi số năm 2026'): string[] {
  const nn = String(n).padStart(4, '0');
  return [
    '22/11/2026',
    `SĐ${nn}`,
    'Ủy ban nhân dân tỉnh Hà Tĩnh',
    `${n}/QĐ-UBND`,
    '20/11/2026',
    subject,
    'Văn phòng',
    '23/11/2026',
    '',
    '',
  ];
}

function register(rows: string[][], extra: Partial<Table> = {}): Table {
  return {
    kind: 'table',
    columns: INCOMING_COLUMNS,
    headerRows: [INCOMING_COLUMNS.map((_, i) => String(i + 1))],
    rows,
    ...extra,
  };
}

describe('a short report', () => {
  let file: string;

  beforeAll(() => {
    file = write(
      dir,
      'short.pdf',
      render({
        blocks: [
          STATE_HEADER,
          { kind: 'heading', level: 1, text: 'BÁO CÁO KIỂM TRA CHỮ KÝ SỐ' },
          { kind: 'heading', level: 2, text: 'I. Kết luận' },
          { kind: 'paragraph', text: 'Hợp lệ.', bold: true },
          {
            kind: 'paragraph',
            text: 'Văn bản có 2 chữ ký, tất cả đều hợp lệ. Người ký: Nguyễn Văn Đức, Chủ tịch Ủy ban nhân dân xã Hòa Bình; chữ ký thứ hai là của cơ quan, đóng dấu đỏ lên một phần ba chữ ký.',
          },
          {
            kind: 'keyValue',
            rows: [
              { key: 'Người ký', value: 'Nguyễn Văn Đức' },
              { key: 'Tổ chức cấp chứng thư', value: 'CA thử nghiệm cho cơ quan Đảng' },
            ],
          },
          { kind: 'signature', title: 'NGƯỜI KIỂM TRA', note: '(Ký, ghi rõ họ tên)', name: 'Trần Thị Hằng' },
        ],
      }),
    );
  });

  it('passes qpdf --check', () => {
    expect(qpdfCheck(file)).toContain('No syntax or stream encoding errors found');
  });

  it('gives back the Vietnamese text, diacritics and all, with "Trang 1/1"', () => {
    const t = text(file);
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ỦY BAN NHÂN DÂN',
      'XÃ HÒA BÌNH',
      'Hòa Bình, ngày 22 tháng 11 năm 2026',
      'BÁO CÁO KIỂM TRA CHỮ KÝ SỐ',
      'Hợp lệ.',
      'Nguyễn Văn Đức',
      'CA thử nghiệm cho cơ quan Đảng',
      'NGƯỜI KIỂM TRA',
      '(Ký, ghi rõ họ tên)',
      'Trần Thị Hằng',
      'Trang 1/1',
    ]) {
      expect(t).toContain(s);
    }
    // The wrapped paragraph, whole and in order.
    expect(squeeze(text(file, { mode: '-raw' }))).toContain(
      squeeze('chữ ký thứ hai là của cơ quan, đóng dấu đỏ lên một phần ba chữ ký.'),
    );
  });

  it('lays the blocks out top to bottom: header, title, body, signature', () => {
    const t = text(file);
    const order = [
      'CỘNG HÒA',
      'BÁO CÁO KIỂM TRA',
      'I. Kết luận',
      'Tổ chức cấp chứng thư',
      'NGƯỜI KIỂM TRA',
      'Trần Thị Hằng',
    ];
    const at = order.map((s) => t.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('embeds a subset of the regular and the bold face, each with a ToUnicode map, on A4 portrait', () => {
    const fonts = pdffonts(file)
      .split('\n')
      .filter((l) => /CID TrueType/.test(l));
    expect(fonts).toHaveLength(2);
    expect(fonts.some((l) => /LiberationSerif-Bold/.test(l))).toBe(true);
    for (const l of fonts) expect(l).toMatch(/Identity-H\s+yes\s+yes\s+yes/);
    expect(pdfinfo(file).sizes).toEqual([[595, 842]]);
  });
});

describe('pages', () => {
  it('numbers every page "Trang N/M"', () => {
    const file = write(
      dir,
      'three.pdf',
      render({
        blocks: [
          { kind: 'paragraph', text: 'Trang thứ nhất' },
          { kind: 'pageBreak' },
          { kind: 'paragraph', text: 'Trang thứ hai' },
          { kind: 'pageBreak' },
          { kind: 'paragraph', text: 'Trang thứ ba' },
        ],
      }),
    );
    const pages = pageTexts(file, pdfinfo(file).pages);
    expect(pages).toHaveLength(3);
    pages.forEach((p, i) => {
      expect(p).toContain(`Trang ${i + 1}/3`);
      expect(p).toContain(['Trang thứ nhất', 'Trang thứ hai', 'Trang thứ ba'][i]);
    });
  });

  it('landscape pages are 842 × 595', () => {
    const rows = Array.from({ length: 40 }, (_, i) => incomingRow(i + 1));
    const file = write(dir, 'landscape.pdf', render({ page: { orientation: 'landscape' }, blocks: [register(rows)] }));
    const info = pdfinfo(file);
    expect(info.pages).toBeGreaterThan(1);
    expect(info.sizes).toHaveLength(info.pages);
    for (const size of info.sizes) expect(size).toEqual([842, 595]);
  });

  it('writes the footer line on every page', () => {
    const file = write(
      dir,
      'footer.pdf',
      render({
        footer: 'Sổ đăng ký văn bản đến năm 2026',
        blocks: [{ kind: 'paragraph', text: 'A' }, { kind: 'pageBreak' }, { kind: 'paragraph', text: 'B' }],
      }),
    );
    for (const p of pageTexts(file, 2)) expect(p).toContain('Sổ đăng ký văn bản đến năm 2026');
  });
});

describe('tables', () => {
  it('a long table runs over several pages, the header repeated on each, no row lost or doubled', () => {
    const rows = Array.from({ length: 120 }, (_, i) => incomingRow(i + 1));
    const file = write(
      dir,
      'long-table.pdf',
      render({
        page: { orientation: 'landscape' },
        blocks: [STATE_HEADER, { kind: 'heading', level: 1, text: 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN' }, register(rows)],
      }),
    );
    expect(qpdfCheck(file)).toContain('No syntax or stream encoding errors found');
    const { pages: count } = pdfinfo(file);
    expect(count).toBeGreaterThanOrEqual(3);
    const pages = pageTexts(file, count);
    pages.forEach((p, i) => {
      expect(p).toContain('Tên loại và trích yếu nội dung');
      expect(p).toContain('Ngày đến');
      expect(p).toContain(`Trang ${i + 1}/${count}`);
      // The row of column numbers belongs to the header too.
      expect(p).toMatch(/^\s*1\s+2\s+3\s+4\s+5\s+6\s+7\s+8\s+9\s+10\s*$/m);
    });
    const all = pages.join('\n');
    for (let n = 1; n <= rows.length; n++) {
      expect(all.split(`SĐ${String(n).padStart(4, '0')}`)).toHaveLength(2);
    }
    // Rows come in order: the first page starts with row 1, the last ends with row 120.
    expect(pages[0]).toContain('SĐ0001');
    expect(pages.at(-1)).toContain('SĐ0120');
    expect(all.indexOf('SĐ0050')).toBeLessThan(all.indexOf('SĐ0051'));
  });

  /** Rows of `lines` lines each ("Hàng 3 dòng 1" …); where each line landed, by page. */
  function tallRows(count: number, lines: number, splitRows: boolean): Map<string, number> {
    const rows = Array.from({ length: count }, (_, r) => [
      String(r + 1),
      Array.from({ length: lines }, (_, l) => `Hàng ${r + 1} dòng ${l + 1}`).join('\n'),
    ]);
    const file = write(
      dir,
      `tall-${count}-${lines}-${splitRows}.pdf`,
      render({
        blocks: [
          {
            kind: 'table',
            splitRows,
            columns: [
              { header: 'STT', width: 10 },
              { header: 'Nội dung', width: 90 },
            ],
            rows,
          },
        ],
      }),
    );
    expect(qpdfCheck(file)).toContain('No syntax or stream encoding errors found');
    const where = new Map<string, number>();
    pageTexts(file, pdfinfo(file).pages).forEach((p, i) => {
      for (const m of p.matchAll(/Hàng (\d+) dòng (\d+)/g)) {
        expect(where.has(m[0])).toBe(false);
        where.set(m[0], i + 1);
      }
    });
    expect(where.size).toBe(count * lines);
    return where;
  }

  function splitRowsOf(where: Map<string, number>, count: number, lines: number): number[] {
    const split: number[] = [];
    for (let r = 1; r <= count; r++) {
      if (where.get(`Hàng ${r} dòng 1`) !== where.get(`Hàng ${r} dòng ${lines}`)) split.push(r);
    }
    return split;
  }

  it('moves a row that does not fit to the next page whole, by default', () => {
    const where = tallRows(30, 7, false);
    expect(Math.max(...where.values())).toBeGreaterThan(2);
    expect(splitRowsOf(where, 30, 7)).toEqual([]);
  });

  it('splits rows between pages when asked', () => {
    const where = tallRows(30, 7, true);
    expect(splitRowsOf(where, 30, 7).length).toBeGreaterThan(0);
  });

  it('always splits a row taller than a page, in order, over as many pages as it needs', () => {
    const where = tallRows(1, 150, false);
    const pages = [...where.values()];
    expect(Math.max(...pages)).toBeGreaterThanOrEqual(3);
    expect([...pages].sort((a, b) => a - b)).toEqual(pages);
  });

  it('breaks a notation too long for its cell after "/" or "-", never losing a letter', () => {
    const file = write(
      dir,
      'narrow.pdf',
      render({
        blocks: [
          {
            kind: 'table',
            columns: [
              { header: 'Số, ký hiệu', width: 12 },
              { header: 'Trích yếu', width: 88 },
            ],
            rows: [['123/QĐ-UBND-VPĐKĐĐ-TNMT', 'Quyết định']],
          },
        ],
      }),
    );
    const t = text(file, { mode: '-raw' });
    expect(squeeze(t)).toContain('123/QĐ-UBND-VPĐKĐĐ-TNMT');
    expect(t).toMatch(/123\/\n|QĐ-\n|UBND-\n/);
  });
});

describe('determinism and speed', () => {
  const spec = (date: Date, id?: string): Partial<PdfDocumentSpec> & { blocks: Block[] } => ({
    info: { title: 'Sổ đăng ký văn bản đến', date, id },
    blocks: [STATE_HEADER, register(Array.from({ length: 30 }, (_, i) => incomingRow(i + 1)))],
  });

  it('the same input and date give the same bytes; another date does not', () => {
    const a = render(spec(DATE));
    const b = render(spec(DATE));
    expect(Buffer.compare(a, b)).toBe(0);
    const c = render(spec(new Date(DATE.getTime() + 1000)));
    expect(Buffer.compare(a, c)).not.toBe(0);
    expect(a.toString('latin1')).toContain("/CreationDate (D:20261122091500+07'00')");
  });

  it('writes the file identifier it is given', () => {
    const id = '00112233445566778899aabbccddeeff';
    const bytes = render(spec(DATE, id));
    expect(bytes.toString('latin1')).toContain(
      '/ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]',
    );
  });

  it('renders a 1,000-row register (A4 landscape, ten columns) in well under a second', () => {
    const rows = Array.from({ length: 1000 }, (_, i) =>
      incomingRow(i + 1, i === 999 ? 'Báo cáo cuối năm của Nguyễn Văn Đức về công tác văn thư lưu trữ' : undefined),
    );
    const big: Partial<PdfDocumentSpec> & { blocks: Block[] } = {
      page: { orientation: 'landscape', marginsMm: { top: 15, bottom: 15, left: 20, right: 10 } },
      fontSize: 11,
      footer: 'Sổ đăng ký văn bản đến năm 2026',
      blocks: [
        STATE_HEADER,
        { kind: 'heading', level: 1, text: 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN' },
        register(rows, { size: 10 }),
      ],
    };
    render(big); // fonts parsed and code warmed once, as in a running app
    const started = performance.now();
    const bytes = render(big);
    const ms = performance.now() - started;
    console.log(`1,000-row register: ${ms.toFixed(0)} ms, ${bytes.length} bytes`);
    expect(ms).toBeLessThan(1000);

    const file = write(dir, 'thousand.pdf', bytes);
    expect(qpdfCheck(file)).toContain('No syntax or stream encoding errors found');
    const { pages } = pdfinfo(file);
    expect(pages).toBeGreaterThan(30);
    const last = text(file, { first: pages, last: pages });
    expect(last).toContain('SĐ1000');
    expect(squeeze(text(file, { first: pages, last: pages, mode: '-raw' }))).toContain(
      squeeze('Báo cáo cuối năm của Nguyễn Văn Đức về công tác văn thư lưu trữ'),
    );
    expect(last).toContain(`Trang ${pages}/${pages}`);
  });
});

describe('fonts', () => {
  it('a family without a bold face thickens the regular one and embeds a single font', () => {
    const regularOnly = families.map((f) => ({ ...f, bold: f.regular }));
    const bytes = renderPdf(
      {
        info: { title: 'x', date: DATE },
        blocks: [
          { kind: 'heading', text: 'Đậm giả lập' },
          { kind: 'paragraph', text: 'Chữ thường' },
        ],
      },
      { fonts: regularOnly },
    );
    const file = write(dir, 'regular-only.pdf', bytes);
    expect(
      pdffonts(file)
        .split('\n')
        .filter((l) => /CID TrueType/.test(l)),
    ).toHaveLength(1);
    expect(bytes.toString('latin1')).not.toMatch(/Bold/);
    const t = text(file);
    expect(t).toContain('Đậm giả lập');
    expect(t).toContain('Chữ thường');
  });

  it('a letter no font has is a clear Vietnamese error naming it', () => {
    let error: unknown;
    try {
      render({ blocks: [{ kind: 'paragraph', text: 'Ghi chú: 中' }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(VanThuError);
    expect((error as VanThuError).code).toBe('VALIDATION');
    expect((error as VanThuError).message).toContain('"中"');
  });
});
