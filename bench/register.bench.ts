/**
 * `npm run bench`: the register under load. Loads N documents with Vietnamese subjects (default
 * 100,000; `-- --docs 1000000`), then prints the import rate (search indexing included), search
 * latency newest-first and ranked, first-page latency, resident memory, and the same searches
 * run by the sqlite3 shell on the same database in the same run, as ratios.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createServices } from '../src-main/core/services';
import { ftsQuery } from '../src-main/core/register/query';
import { DocumentFields, DocumentQuery, SetupInput } from '../src-shared/ipc/schemas';
import { foldVietnamese } from '../src-shared/domain/fold';

const { values } = parseArgs({
  options: { docs: { type: 'string', default: '100000' }, queries: { type: 'string', default: '200' } },
});
const N = Number(values.docs);
const Q = Number(values.queries);

// A deterministic generator, so every run measures the same data.
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const VERBS = [
  'Về việc triển khai',
  'Về việc tổ chức',
  'Báo cáo kết quả',
  'Kế hoạch thực hiện',
  'Hướng dẫn',
  'Về việc tăng cường',
  'Thông báo kết luận',
  'Về việc kiện toàn',
];
const TOPICS = [
  'công tác cải cách hành chính',
  'văn bản điện tử',
  'phòng chống thiên tai',
  'chuyển đổi số',
  'xây dựng nông thôn mới',
  'đại hội chi bộ',
  'công tác dân vận',
  'kiểm tra giám sát',
  'an ninh trật tự',
  'thu ngân sách',
  'phổ biến giáo dục pháp luật',
  'đảng viên mới',
];
const PLACES = [
  'xã Hòa Bình',
  'huyện Hòa Vang',
  'tỉnh Quảng Nam',
  'thôn Đông Hà',
  'phường Đống Đa',
  'thị trấn Điện Bàn',
];
const ORGANS = [
  'Huyện ủy Hòa Vang',
  'Ủy ban nhân dân huyện',
  'Tỉnh ủy Quảng Nam',
  'Đảng ủy xã Hòa Bình',
  'Sở Nội vụ',
  'Ban Tuyên giáo',
];
const TYPES = ['Công văn', 'Thông báo', 'Kế hoạch', 'Báo cáo', 'Quyết định', 'Hướng dẫn'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function time<T>(fn: () => T): [T, number] {
  const t = process.hrtime.bigint();
  const r = fn();
  return [r, Number(process.hrtime.bigint() - t) / 1e6];
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-'));
const s = createServices({ dataDir });
s.setup(
  SetupInput.parse({
    organisation: {
      name: 'Ủy ban nhân dân xã Hòa Bình',
      organId: '000.00.00.H41',
      abbreviation: 'UBND',
      regime: 'state',
    },
    term: { name: '2000-2099', startDate: '2000-01-01', endDate: null },
    admin: { username: 'admin', fullName: 'Quản trị', password: 'matkhau123' },
  }),
);

console.log(`VanThu register benchmark: ${N.toLocaleString('en')} documents, ${Q} queries each`);
const [, importMs] = time(() =>
  s.transaction(() => {
    for (let i = 0; i < N; i++) {
      const year = 2016 + Math.floor((i / N) * 10);
      const day = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
      s.documents.insert(
        DocumentFields.parse({
          direction: 'in',
          typeName: pick(TYPES),
          codeNumber: 1 + Math.floor(rand() * 500),
          codeNotation: 'CV/HU',
          issuedDate: day,
          organName: pick(ORGANS),
          subject: `${pick(VERBS)} ${pick(TOPICS)} tại ${pick(PLACES)}`,
          arrivalDate: day,
          urgency: rand() < 0.05 ? 'khan' : 'normal',
        }),
        [],
        'bench',
      );
    }
  }),
);
const rate = N / (importMs / 1000);

const queries = Array.from({ length: Q }, () =>
  foldVietnamese(`${pick(TOPICS).split(' ').slice(0, 2).join(' ')} ${pick(PLACES).split(' ')[1]}`),
);
function measure(sort: 'newest' | 'ranked'): number[] {
  return queries
    .map((text) => time(() => s.queries.list(DocumentQuery.parse({ text, sort, limit: 50 })))[1])
    .sort((a, b) => a - b);
}
const newest = measure('newest');
const ranked = measure('ranked');
const firstPage = Array.from(
  { length: Q },
  () => time(() => s.queries.list(DocumentQuery.parse({ direction: 'in', limit: 50 })))[1],
).sort((a, b) => a - b);
const rssMb = process.memoryUsage().rss / 2 ** 20;

// The peer: the sqlite3 shell running the same FTS queries on the same file.
function shell(sort: 'newest' | 'ranked'): number[] | null {
  const script = queries
    .map((q) => {
      const order =
        sort === 'ranked' ? 'bm25(documents_fts, 4.0, 6.0, 2.0, 2.0, 1.0)' : 'd.register_date DESC, d.id DESC';
      return `SELECT d.id, d.subject FROM documents_fts f JOIN documents d ON d.id = f.rowid WHERE documents_fts MATCH '${ftsQuery(q)}' ORDER BY ${order} LIMIT 50;`;
    })
    .join('\n');
  try {
    const out = execFileSync('sqlite3', ['-readonly', s.paths.database], {
      input: `.output /dev/null\n.timer on\n${script}\n`,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    return [...out.matchAll(/Run Time: real ([\d.]+)/g)].map((m) => Number(m[1]) * 1000).sort((a, b) => a - b);
  } catch {
    return null;
  }
}
s.sqlite.pragma('wal_checkpoint(TRUNCATE)');
const shellNewest = shell('newest');
const shellRanked = shell('ranked');

const f = (x: number) => x.toFixed(2).padStart(8);
console.log(
  `import:            ${Math.round(rate).toLocaleString('en')} documents/s (${(importMs / 1000).toFixed(1)} s, search index included)`,
);
console.log(`search newest:     p50 ${f(percentile(newest, 50))} ms   p95 ${f(percentile(newest, 95))} ms`);
console.log(`search ranked:     p50 ${f(percentile(ranked, 50))} ms   p95 ${f(percentile(ranked, 95))} ms`);
console.log(`first page:        p50 ${f(percentile(firstPage, 50))} ms   p95 ${f(percentile(firstPage, 95))} ms`);
console.log(`resident memory:   ${rssMb.toFixed(0)} MB`);
if (shellNewest && shellRanked) {
  console.log(
    `sqlite3 newest:    p50 ${f(percentile(shellNewest, 50))} ms   p95 ${f(percentile(shellNewest, 95))} ms   (VanThu/sqlite3 p95 ratio ${(percentile(newest, 95) / percentile(shellNewest, 95)).toFixed(2)})`,
  );
  console.log(
    `sqlite3 ranked:    p50 ${f(percentile(shellRanked, 50))} ms   p95 ${f(percentile(shellRanked, 95))} ms   (VanThu/sqlite3 p95 ratio ${(percentile(ranked, 95) / percentile(shellRanked, 95)).toFixed(2)})`,
  );
} else console.log('sqlite3 shell not found: install the sqlite3 package for the peer comparison');
s.close();
fs.rmSync(dataDir, { recursive: true, force: true });
