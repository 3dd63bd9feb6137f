import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../src-main/core/services';
import { DocumentFields, type User } from '../../../src-shared/ipc/schemas';
import { assertBalancedXml, readZip } from '../xlsx/read-zip';
import { freshServices, STATE_SETUP, tempDir } from './helpers';

// Wednesday 02/12/2026, 09:00 in Vietnam.
const NOW = new Date('2026-12-02T02:00:00Z');
let s: Services;
const users: Record<string, User> = {};

function incoming(arrivalDate: string, fields: Partial<DocumentFields> = {}): number {
  return s.documents.create(
    DocumentFields.parse({ direction: 'in', typeName: 'Công văn', subject: 'Về việc báo cáo', arrivalDate, ...fields }),
    [],
    'vanthu',
  ).document.id;
}

function direct(documentId: number, handler: string, dueDate: string): number {
  const h = s.handling.record(
    { documentId, text: 'Giao xử lý', main: { userId: users[handler]!.id, dueDate }, coordinate: [], inform: [] },
    users.lanhdao!,
  );
  return h.directives[0]!.lines[0]!.id;
}

beforeEach(() => {
  s = freshServices(STATE_SETUP, tempDir(), () => NOW);
  const unit = s.sqlite
    .prepare("INSERT INTO units (uid, organisation_id, name) VALUES ('u-1', 1, 'Văn phòng - Thống kê')")
    .run().lastInsertRowid;
  for (const [username, fullName, role] of [
    ['lanhdao', 'Trần Văn Chủ Tịch', 'leader'],
    ['an', 'Nguyễn Văn An', 'handler'],
    ['binh', 'Lê Thị Bình', 'handler'],
  ] as const) {
    const info = s.transaction(() => s.accounts.create({ username, fullName, role, password: 'matkhau123' }, 'admin'));
    users[username] = { id: info.id, username, fullName, role };
  }
  s.sqlite.prepare('UPDATE users SET unit_id = ? WHERE username = ?').run(unit, 'an');
});
afterEach(() => s.close());

describe('the year’s report', () => {
  it('counts backlog and overdue by handler and unit, types by month, handling time, electronic share', () => {
    const late = incoming('2026-11-02');
    const near = incoming('2026-11-20', { typeName: 'Thông báo' });
    const finished = incoming('2026-11-23', { receivedVia: 'electronic' });
    incoming('2026-03-05'); // no directive yet
    direct(late, 'an', '2026-11-30');
    direct(near, 'an', '2026-12-03');
    const line = direct(finished, 'binh', '2026-12-10');
    s.handling.updateLine({ lineId: line, status: 'done', note: '' }, users.binh!);
    s.documents.create(
      DocumentFields.parse({ direction: 'out', typeName: 'Công văn', subject: 'Trả lời', issuedDate: '2026-11-25' }),
      [],
      'vanthu',
    );

    const r = s.reports.overview({ organisationId: 1, year: 2026 });
    expect(r.byHandler.map((h) => [h.name, h.unitName, h.open, h.near, h.overdue, h.done])).toEqual([
      ['Nguyễn Văn An', 'Văn phòng - Thống kê', 2, 1, 1, 0],
      ['Lê Thị Bình', 'Chưa xếp đơn vị', 0, 0, 0, 1],
    ]);
    expect(r.byUnit.map((u) => [u.name, u.open, u.overdue, u.done])).toEqual([
      ['Văn phòng - Thống kê', 2, 1, 0],
      ['Chưa xếp đơn vị', 0, 0, 1],
    ]);
    expect(r.undirected).toBe(1);
    // The boxes on the left count documents: the one without a directive waits too.
    expect(r.boxes).toEqual({ open: 3, near: 1, overdue: 1 });
    const cv = r.byType.in.find((t) => t.typeName === 'Công văn')!;
    expect(cv.total).toBe(3);
    expect(cv.months[10]).toBe(2); // November
    expect(cv.months[2]).toBe(1); // March
    expect(r.byType.in.find((t) => t.typeName === 'Thông báo')?.total).toBe(1);
    // Registered Monday 23/11, done Wednesday 02/12: seven working days, before its deadline.
    expect(r.handlingTime).toEqual({ handled: 1, averageWorkingDays: 7, onTime: 1, late: 0 });
    // A draft is not issued; one of four incoming came through the exchange.
    expect(r.electronic).toEqual({ issued: 0, issuedSigned: 0, received: 4, receivedElectronic: 1 });
    expect(s.reports.overview({ organisationId: 1, year: 2025 }).byType.in).toEqual([]);
  });

  it('prints a PDF that qpdf accepts and pdftotext reads, and a workbook with a sheet per table', () => {
    const id = incoming('2026-11-02');
    direct(id, 'an', '2026-11-30');
    const pdf = s.reports.export({ organisationId: 1, year: 2026 }, 'pdf', { by: 'Lê Thị Văn Thư', now: NOW });
    expect(pdf.name).toBe('bao-cao-xu-ly-van-ban-2026.pdf');
    const file = path.join(tempDir(), pdf.name);
    fs.writeFileSync(file, pdf.bytes);
    execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('BÁO CÁO TÌNH HÌNH TIẾP NHẬN, XỬ LÝ VĂN BẢN NĂM 2026');
    expect(text).toContain('Tồn đọng và quá hạn theo người xử lý');
    expect(text).toContain('Nguyễn Văn An');
    expect(text).toContain('Tỉ lệ văn bản đi phát hành điện tử');
    expect(text).toContain('Lê Thị Văn Thư');

    const xlsx = s.reports.export({ organisationId: 1, year: 2026 }, 'xlsx', { by: '', now: NOW });
    const files = readZip(xlsx.bytes);
    const workbook = files.get('xl/workbook.xml')!.toString('utf8');
    expect([...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'Theo người xử lý',
      'Theo đơn vị',
      'Văn bản đến',
      'Văn bản đi',
      'Chỉ tiêu',
    ]);
    for (let i = 1; i <= 5; i++) assertBalancedXml(files.get(`xl/worksheets/sheet${i}.xml`)!.toString('utf8'));
    expect(files.get('xl/worksheets/sheet1.xml')!.toString('utf8')).toContain('Nguyễn Văn An');
    // Python's zipfile opens it as well (the format Excel reads).
    const listed = execFileSync(
      'python3',
      ['-c', 'import sys,zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', writeTemp(xlsx.bytes)],
      { encoding: 'utf8' },
    );
    expect(listed).toContain('xl/worksheets/sheet5.xml');
  });
});

function writeTemp(bytes: Buffer): string {
  const file = path.join(tempDir(), 'report.xlsx');
  fs.writeFileSync(file, bytes);
  return file;
}
