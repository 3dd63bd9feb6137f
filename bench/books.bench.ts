/**
 * `npm run bench:books`: the printed registers at size. For each size (default 10,000 and
 * 100,000 incoming documents in one year; `-- --docs 5000`) it loads the year through the real
 * import, then exports the register as PDF and as .xlsx the way "Xuất PDF" / "Xuất Excel" do,
 * and prints the time, pages, bytes and peak resident memory of each. The peer is the sqlite3
 * shell writing the same rows of the same database as CSV in the same run: what reading the
 * register costs without laying out a page.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { plaintextCopy } from './plaintext-copy';
import { parseArgs } from 'node:util';
import { createServices } from '../src-main/core/services';
import { importRecords } from '../src-main/core/register/import';
import { BookQuery } from '../src-shared/ipc/books';
import { SetupInput } from '../src-shared/ipc/schemas';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '10000,100000' },
    // Internal: export the register of an imported data folder in this process, print JSON.
    'export-from': { type: 'string' },
    format: { type: 'string' },
  },
});
const SIZES = values.docs.split(',').map(Number);
const CHUNK = 20_000;

let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const SUBJECTS = [
  'Về việc triển khai công tác cải cách hành chính năm 2026 trên địa bàn',
  'Báo cáo kết quả thực hiện chuyển đổi số quý III',
  'Kế hoạch tổ chức đại hội chi bộ nhiệm kỳ 2025-2027',
  'Về việc tăng cường phòng chống thiên tai và tìm kiếm cứu nạn mùa mưa bão',
  'Thông báo kết luận của Thường trực Huyện ủy tại buổi làm việc',
];
const ORGANS = ['Huyện ủy Hòa Vang', 'Ủy ban nhân dân huyện Hòa Vang', 'Tỉnh ủy Quảng Nam', 'Sở Nội vụ'];

function record(i: number, n: number) {
  const day = new Date(Date.UTC(2026, 0, 1) + Math.floor((i / n) * 364) * 86_400_000).toISOString().slice(0, 10);
  return {
    direction: 'in',
    typeName: pick(['Công văn', 'Thông báo', 'Kế hoạch', 'Báo cáo']),
    codeNumber: 1 + (i % 900),
    codeNotation: pick(['CV/HU', 'UBND-VP', 'TB/TU', 'SNV-TCBC']),
    issuedDate: day,
    organName: pick(ORGANS),
    subject: pick(SUBJECTS),
    arrivalDate: day,
    toPlaces: pick(['Văn phòng', 'Đ/c Bí thư', 'Kế toán', 'Ban Tuyên giáo']),
    urgency: rand() < 0.05 ? 'khan' : 'normal',
  };
}

function seconds<T>(fn: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const result = fn();
  return [result, Number(process.hrtime.bigint() - start) / 1e9];
}

function run(n: number): void {
  seed = 7;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-books-'));
  const s = createServices({ dataDir });
  s.setup(
    SetupInput.parse({
      organisation: { name: 'Đảng ủy xã Hòa Bình', organId: '000.00.00.H42', abbreviation: 'ĐU', regime: 'party' },
      term: { name: '2025-2030', startDate: '2025-10-01', endDate: null },
      admin: { username: 'admin', fullName: 'Quản trị', password: 'matkhau123' },
    }),
  );
  for (let start = 0; start < n; start += CHUNK) {
    const chunk = Array.from({ length: Math.min(CHUNK, n - start) }, (_, k) => record(start + k, n));
    const report = importRecords(s, chunk, 'bench');
    if (report.refused.length > 0) throw new Error(`refused: ${JSON.stringify(report.refused[0])}`);
  }
  s.close();
  const pdf = exportIn(dataDir, 'pdf');
  const xlsx = exportIn(dataDir, 'xlsx');
  const reopened = createServices({ dataDir });
  reopened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  // The shell reads a decrypted copy (made outside the timing).
  const peerDatabase = plaintextCopy(dataDir, path.join(dataDir, 'peer-plain.sqlite'));
  let peer: number | null = null;
  try {
    const [, t] = seconds(() =>
      execFileSync('sqlite3', ['-readonly', '-csv', peerDatabase], {
        input:
          ".output /dev/null\nSELECT arrival_date, arrival_number, organ_name, code_number, code_notation, issued_date, type_name, subject, to_places, urgency FROM documents WHERE organisation_id = 1 AND direction = 'in' AND register_date BETWEEN '2026-01-01' AND '2026-12-31' ORDER BY register_date, arrival_number, id;\n",
      }),
    );
    peer = t;
  } catch {
    peer = null;
  }
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
  const peak = (e: Exported) =>
    `peak RSS ${e.peakMb.toFixed(0)} MB (${(e.peakMb - e.openMb).toFixed(0)} MB above the open register)`;
  console.log(`\nVanThu printed register benchmark: ${n.toLocaleString('en')} incoming documents in one year`);
  console.log(
    `PDF:   ${pdf.seconds.toFixed(2)} s, ${pdf.pages.toLocaleString('en')} pages, ${mb(pdf.bytes)}, ${peak(pdf)}` +
      (peer ? `; VanThu/sqlite3 ${(pdf.seconds / peer).toFixed(1)}` : ''),
  );
  console.log(
    `xlsx:  ${xlsx.seconds.toFixed(2)} s, ${mb(xlsx.bytes)}, ${peak(xlsx)}` +
      (peer ? `; VanThu/sqlite3 ${(xlsx.seconds / peer).toFixed(1)}` : ''),
  );
  console.log(
    peer === null
      ? 'sqlite3 shell not found: install the sqlite3 package for the peer comparison'
      : `peer:  sqlite3 shell writes the same rows as CSV in ${peer.toFixed(2)} s`,
  );
  reopened.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

interface Exported {
  seconds: number;
  bytes: number;
  pages: number;
  /** Resident size with the register open, and the process's peak after the export. */
  openMb: number;
  peakMb: number;
}

/** Each export in a process of its own, so its peak memory is its own. */
function exportIn(dataDir: string, format: 'pdf' | 'xlsx'): Exported {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1] as string, '--export-from', dataDir, '--format', format],
    { encoding: 'utf8' },
  );
  if (child.status !== 0) throw new Error(`export ${format} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Exported;
}

function exportHere(dataDir: string, format: 'pdf' | 'xlsx'): void {
  const s = createServices({ dataDir });
  const query = BookQuery.parse({ organisationId: 1, direction: 'in', year: 2026 });
  const openMb = process.memoryUsage().rss / 2 ** 20;
  const [made, secs] = seconds(() => s.books.export(query, format, { clerk: 'Trần Thị Bình', now: new Date() }));
  // The export is one synchronous call: the process's peak so far is the export's.
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const pages = format === 'pdf' ? Number(/\/Count (\d+)/.exec(made.bytes.toString('latin1'))?.[1]) : 0;
  s.close();
  const result: Exported = { seconds: secs, bytes: made.bytes.length, pages, openMb, peakMb };
  process.stdout.write(JSON.stringify(result));
}

if (values['export-from']) exportHere(values['export-from'], values.format === 'xlsx' ? 'xlsx' : 'pdf');
else for (const n of SIZES) run(n);
