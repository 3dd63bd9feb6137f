import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BookExportInput, BookQuery } from '../../../src-shared/ipc/books';
import { DocumentFields } from '../../../src-shared/ipc/schemas';
import type { Services } from '../../../src-main/core/services';
import { assertBalancedXml, readZip } from '../xlsx/read-zip';
import { freshServices, PARTY_SETUP, tempDir } from './helpers';

let s: Services;
afterEach(() => s?.close());

function incoming(arrivalDate: string, fields: Partial<DocumentFields> = {}) {
  return s.documents.create(
    DocumentFields.parse({
      direction: 'in',
      typeName: 'Công văn',
      subject: 'Về việc báo cáo tình hình',
      organName: 'Huyện ủy Hòa Vang',
      codeNumber: 41,
      codeNotation: 'CV/HU',
      issuedDate: '2026-01-30',
      toPlaces: 'Văn phòng',
      arrivalDate,
      ...fields,
    }),
    [],
    'admin',
  ).document;
}

function issued(date: string, fields: Partial<DocumentFields> = {}) {
  const draft = s.documents.create(
    DocumentFields.parse({
      direction: 'out',
      typeName: 'Quyết định',
      subject: 'Về việc kiện toàn tổ công tác',
      signerFullName: 'Lê Văn Cường',
      toPlaces: 'Như Điều 3',
      draftingUnit: 'Văn phòng',
      issuedAmount: 5,
      ...fields,
    }),
    [],
    'admin',
  ).document;
  return s.documents.issue(draft.id, date, 'admin').document;
}

// A Party organ in its current term.
const SETUP = { ...PARTY_SETUP, term: { name: '2025-2030', startDate: '2025-10-01', endDate: null } };

const query = (q: Partial<BookQuery> = {}) => BookQuery.parse({ organisationId: 1, direction: 'in', year: 2026, ...q });

describe('printed registers', () => {
  it('lists the incoming register in arrival order with the ten columns of ND30', () => {
    s = freshServices(SETUP);
    incoming('2026-02-03', { subject: 'Công văn về việc thứ hai', urgency: 'khan', dueDate: '2026-02-10' });
    incoming('2026-02-01', { subject: 'Về việc thứ nhất', secrecy: 'mat' });
    const cancelled = incoming('2026-02-04', { subject: 'Về việc nhầm' });
    s.documents.cancel(cancelled.id, 'Vào sổ hai lần', 'admin');
    incoming('2025-12-31', { subject: 'Năm trước' });

    const preview = s.books.preview(query());
    expect(preview.title).toBe('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(preview.organisation).toBe('Đảng ủy xã Hòa Bình');
    expect(preview.period).toBe('Năm 2026');
    expect(preview.columns.map((c) => c.header)).toEqual([
      'Ngày đến',
      'Số đến',
      'Tác giả',
      'Số, ký hiệu',
      'Ngày tháng văn bản',
      'Tên loại và trích yếu nội dung',
      'Đơn vị hoặc người nhận',
      'Ngày chuyển',
      'Ký nhận',
      'Ghi chú',
    ]);
    expect(preview.total).toBe(3);
    // Arrival numbers are given in the order of registration, not of arrival date.
    expect(preview.numbers).toBe('Từ số 01 đến số 03');
    expect(preview.rows).toEqual([
      [
        '01/02/2026',
        '02',
        'Huyện ủy Hòa Vang',
        '41-CV/HU',
        '30/01/2026',
        'Công văn: Về việc thứ nhất',
        'Văn phòng',
        '',
        '',
        'Mật',
      ],
      [
        '03/02/2026',
        '01',
        'Huyện ủy Hòa Vang',
        '41-CV/HU',
        '30/01/2026',
        'Công văn về việc thứ hai',
        'Văn phòng',
        '',
        '',
        'Khẩn. Hạn giải quyết: 10/02/2026',
      ],
      [
        '04/02/2026',
        '03',
        'Huyện ủy Hòa Vang',
        '41-CV/HU',
        '30/01/2026',
        'Công văn: Về việc nhầm',
        'Văn phòng',
        '',
        '',
        'Đã hủy: Vào sổ hai lần',
      ],
    ]);
    const narrowed = s.books.preview(query({ from: '2026-02-02', to: '2026-02-03' }));
    expect(narrowed.period).toBe('Từ ngày 02/02/2026 đến ngày 03/02/2026');
    expect(narrowed.rows.map((r) => r[1])).toEqual(['01']);
    expect(s.books.preview(query(), 1).rows).toHaveLength(1);
    expect(s.books.preview(query({ year: 2024 })).total).toBe(0);
  });

  it('lists issued outgoing documents, keeps a cancelled number and leaves drafts out', () => {
    s = freshServices(SETUP);
    issued('2026-03-02');
    const second = issued('2026-03-05', { typeName: 'Công văn', subject: 'V/v họp', issuedAmount: null });
    s.documents.cancel(second.id, 'Sai nội dung', 'admin');
    s.documents.create(
      DocumentFields.parse({ direction: 'out', typeName: 'Công văn', subject: 'Dự thảo' }),
      [],
      'admin',
    );
    const preview = s.books.preview(query({ direction: 'out' }));
    expect(preview.title).toBe('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
    expect(preview.numbers).toBe('');
    expect(preview.columns[5]?.header).toBe('Đơn vị, người nhận bản lưu');
    expect(preview.rows).toEqual([
      [
        '01-QĐ/ĐU',
        '02/03/2026',
        'Quyết định: Về việc kiện toàn tổ công tác',
        'Lê Văn Cường',
        'Như Điều 3',
        'Văn phòng',
        '5',
        '',
        '',
        '',
      ],
      [
        '01-CV/ĐU',
        '05/03/2026',
        'Công văn: V/v họp',
        'Lê Văn Cường',
        'Như Điều 3',
        'Văn phòng',
        '',
        '',
        '',
        'Đã hủy: Sai nội dung',
      ],
    ]);
  });

  it('keeps the follow-up of handling in its seven columns, from the directive in force', () => {
    s = freshServices(SETUP, tempDir(), () => new Date('2026-03-02T02:00:00Z'));
    const account = (username: string, fullName: string, role: 'leader' | 'handler') => {
      const info = s.transaction(() =>
        s.accounts.create({ username, fullName, role, password: 'matkhau123' }, 'admin'),
      );
      return { id: info.id, username, fullName, role };
    };
    const leader = account('bithu', 'Trần Văn Bí Thư', 'leader');
    const an = account('an', 'Nguyễn Văn An', 'handler');
    const binh = account('binh', 'Lê Thị Bình', 'handler');
    const handled = incoming('2026-02-02', { subject: 'Về việc báo cáo sơ kết' });
    incoming('2026-02-03', { arrivalNumber: null, subject: 'Về việc chưa giao' });
    const h = s.handling.record(
      {
        documentId: handled.id,
        text: 'Giao đồng chí An chủ trì, đồng chí Bình phối hợp',
        main: { userId: an.id, dueDate: '2026-02-27' },
        coordinate: [{ userId: binh.id, dueDate: null }],
        inform: [],
      },
      leader,
    );
    const reply = issued('2026-02-20', { typeName: 'Báo cáo', subject: 'Báo cáo sơ kết' });
    s.handling.updateLine(
      { lineId: h.directives[0]!.lines[0]!.id, status: 'done', note: '', replyDocumentId: reply.id },
      an,
    );

    const book = s.books.preview(query({ followUp: true }));
    expect(book.title).toBe('SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN');
    expect(book.columns.map((c) => c.header)).toEqual([
      'Số đến',
      'Tên loại, số, ký hiệu, ngày tháng và cơ quan ban hành',
      'Đơn vị hoặc người nhận',
      'Thời hạn giải quyết',
      'Tiến độ giải quyết',
      'Số, ký hiệu văn bản trả lời',
      'Ghi chú',
    ]);
    expect(book.rows[0]).toEqual([
      '01',
      'Công văn số 41-CV/HU ngày 30/01/2026 của Huyện ủy Hòa Vang: Về việc báo cáo sơ kết',
      'Nguyễn Văn An (chủ trì); Lê Thị Bình (phối hợp)',
      '27/02/2026',
      'Đã giải quyết ngày 02/03/2026',
      `Số ${reply.numberNotation.replace(/^Số:? /, '')}`,
      '',
    ]);
    expect(book.rows[1]?.slice(2, 5)).toEqual(['Văn phòng', '', 'Chưa có ý kiến chỉ đạo']);
    expect(() => query({ direction: 'out', followUp: true })).toThrow('Sổ theo dõi giải quyết chỉ có cho văn bản đến');
    const made = s.books.export(query({ followUp: true }), 'xlsx', { clerk: '', now: new Date() });
    expect(made.name).toBe('so-theo-doi-giai-quyet-2026.xlsx');
  });

  it('refuses dates outside the year, a period backwards and an unknown organisation', () => {
    const bad = (q: object) => BookQuery.safeParse({ organisationId: 1, direction: 'in', year: 2026, ...q });
    expect(bad({ from: '2025-12-01' }).error?.issues[0]?.message).toBe(
      'Ngày phải thuộc năm 2026: sổ được lập theo từng năm',
    );
    expect(bad({ from: '2026-05-01', to: '2026-04-01' }).error?.issues[0]?.message).toBe(
      '"Đến ngày" phải sau hoặc bằng "Từ ngày"',
    );
    expect(bad({ year: 1900 }).success).toBe(false);
    expect(BookExportInput.safeParse({ organisationId: 1, direction: 'in', year: 2026, format: 'doc' }).success).toBe(
      false,
    );
    s = freshServices(SETUP);
    expect(() => s.books.preview(query({ organisationId: 9 }))).toThrow(/cơ quan/i);
  });

  it('prints a PDF that qpdf accepts and whose text pdftotext reads back', () => {
    s = freshServices(SETUP);
    for (let i = 0; i < 120; i++) {
      incoming(`2026-0${1 + (i % 9)}-1${i % 10}`, {
        subject: `Về việc triển khai nhiệm vụ đợt ${i + 1} tại các chi bộ`,
      });
    }
    const made = s.books.export(query(), 'pdf', { clerk: 'Trần Thị Bình', now: new Date('2026-12-02T03:00:00Z') });
    expect(made.name).toBe('so-den-2026.pdf');
    const file = path.join(tempDir(), made.name);
    fs.writeFileSync(file, made.bytes);
    execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+842 x 595/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(3);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const cover = text.split('\f')[0] as string;
    expect(cover).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(cover).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(cover).toContain('Từ số 01 đến số 120');
    expect(text).toContain('Về việc triển khai nhiệm vụ đợt 77');
    expect(text).toContain('Tên loại và trích yếu');
    expect(text).toContain('Sổ có 120 văn bản.');
    expect(text).toContain('NGƯỜI LẬP SỔ');
    expect(text).toContain('Trần Thị Bình');
    expect(text).toContain('Ngày 02 tháng 12 năm 2026');
    expect(text).toContain(`Trang ${pages}/${pages}`);
    // The column headers repeat on every page of the table.
    const tablePages = text.split('\f').slice(1, pages);
    for (const page of tablePages) expect(page).toContain('Số đến');
  });

  it('exports an .xlsx with the same rows', () => {
    s = freshServices(SETUP);
    incoming('2026-04-01', { subject: 'Về việc <A> & B' });
    const made = s.books.export(query(), 'xlsx', { clerk: '', now: new Date('2026-12-02T03:00:00Z') });
    expect(made.name).toBe('so-den-2026.xlsx');
    const sheet = readZip(made.bytes).get('xl/worksheets/sheet1.xml')!.toString('utf8');
    assertBalancedXml(sheet);
    expect(sheet).toContain('Công văn: Về việc &lt;A&gt; &amp; B');
    expect(sheet).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(sheet).toContain('Năm 2026 — Từ số 01 đến số 01');
  });
});
