/**
 * A report as tables, the one layout both files are made from: the PDF prints them one after
 * another, the workbook puts each on its own sheet. The words are the printed Vietnamese ones.
 */
import type { Report, TypeMonths } from '../../../src-shared/ipc/reports';

export interface ReportTable {
  title: string;
  /** The sheet's tab (31 characters at most). */
  sheetName: string;
  columns: { header: string; width: number; align?: 'left' | 'center' | 'right' }[];
  rows: (string | number)[][];
}

/** "97,5%" of a part of a whole; "—" when there is no whole. */
export function percent(part: number, whole: number): string {
  if (whole === 0) return '—';
  return `${((part / whole) * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
}

const BACKLOG_HEADERS = [
  { header: 'Đang xử lý', width: 9, align: 'right' as const },
  { header: 'Sắp đến hạn', width: 9, align: 'right' as const },
  { header: 'Quá hạn', width: 9, align: 'right' as const },
  { header: 'Đã xử lý trong năm', width: 10, align: 'right' as const },
  { header: 'Trả lại', width: 8, align: 'right' as const },
];

function typeTable(title: string, sheetName: string, rows: TypeMonths[]): ReportTable {
  const months = Array.from({ length: 12 }, (_, i) => ({ header: `T${i + 1}`, width: 5, align: 'right' as const }));
  const sums = Array.from({ length: 12 }, (_, m) => rows.reduce((s, r) => s + (r.months[m] ?? 0), 0));
  return {
    title,
    sheetName,
    columns: [{ header: 'Loại văn bản', width: 18 }, ...months, { header: 'Cộng', width: 7, align: 'right' }],
    rows: [
      ...rows.map((r) => [r.typeName, ...r.months, r.total]),
      ['Tổng cộng', ...sums, sums.reduce((a, b) => a + b, 0)],
    ],
  };
}

export function reportTables(r: Report): ReportTable[] {
  const t = r.handlingTime;
  const e = r.electronic;
  return [
    {
      title: 'Tồn đọng và quá hạn theo người xử lý',
      sheetName: 'Theo người xử lý',
      columns: [
        { header: 'STT', width: 4, align: 'center' },
        { header: 'Người xử lý', width: 22 },
        { header: 'Đơn vị', width: 16 },
        ...BACKLOG_HEADERS,
      ],
      rows: r.byHandler.map((h, i) => [i + 1, h.name, h.unitName, h.open, h.near, h.overdue, h.done, h.returned]),
    },
    {
      title: 'Tồn đọng và quá hạn theo đơn vị',
      sheetName: 'Theo đơn vị',
      columns: [{ header: 'STT', width: 4, align: 'center' }, { header: 'Đơn vị', width: 30 }, ...BACKLOG_HEADERS],
      rows: r.byUnit.map((u, i) => [i + 1, u.name, u.open, u.near, u.overdue, u.done, u.returned]),
    },
    typeTable('Văn bản đến theo loại và tháng', 'Văn bản đến', r.byType.in),
    typeTable('Văn bản đi theo loại và tháng', 'Văn bản đi', r.byType.out),
    {
      title: 'Thời gian xử lý và văn bản điện tử',
      sheetName: 'Chỉ tiêu',
      columns: [
        { header: 'Chỉ tiêu', width: 40 },
        { header: 'Giá trị', width: 12, align: 'right' },
      ],
      rows: [
        ['Văn bản đến đã xử lý xong trong năm', t.handled],
        [
          'Thời gian xử lý trung bình (ngày làm việc)',
          t.averageWorkingDays === null ? '—' : t.averageWorkingDays.toLocaleString('vi-VN'),
        ],
        ['Xử lý đúng hạn', t.onTime],
        ['Xử lý quá hạn', t.late],
        ['Văn bản đến đang chờ xử lý', r.boxes.open],
        ['Trong đó đã quá hạn', r.boxes.overdue],
        ['Trong đó sắp đến hạn', r.boxes.near],
        ['Văn bản đến chưa có ý kiến chỉ đạo', r.undirected],
        ['Văn bản đi đã phát hành', e.issued],
        ['Trong đó phát hành có chữ ký số', e.issuedSigned],
        ['Tỉ lệ văn bản đi phát hành điện tử', percent(e.issuedSigned, e.issued)],
        ['Văn bản đến đã vào sổ', e.received],
        ['Trong đó nhận qua trục liên thông', e.receivedElectronic],
        ['Tỉ lệ văn bản đến nhận điện tử', percent(e.receivedElectronic, e.received)],
      ],
    },
  ];
}
