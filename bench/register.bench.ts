/**
 * `npm run bench`: the register under load. For each size (default 100,000 and 1,000,000;
 * `-- --docs 100000`) it loads documents with Vietnamese subjects through the real import (the
 * one `vanthu import` runs: validation, numbering, search indexing, one transaction per chunk),
 * then prints the import rate, search latency newest-first and ranked, the register's first-page
 * latency, peak resident memory, and the very same statements run by the sqlite3 shell on the
 * same database in the same run, as ratios. Targets (issue 5) are printed beside the figures.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { plaintextCopy } from './plaintext-copy';
import { parseArgs } from 'node:util';
import { createServices } from '../src-main/core/services';
import { importRecords } from '../src-main/core/register/import';
import { planList, type ListPlan } from '../src-main/core/register/query';
import { DocumentQuery, SetupInput } from '../src-shared/ipc/schemas';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '100000,1000000' },
    queries: { type: 'string', default: '200' },
    'file-rows': { type: 'string', default: '5000' },
  },
});
const SIZES = values.docs.split(',').map(Number);
const Q = Number(values.queries);
// Rows per import, one transaction each, as `vanthu import` runs a file: a large file, as a
// migration from paper brings. Larger files index faster (a 100,000-row file: ~8,000-10,000
// documents/s) but hold the whole file in memory, past the 250 MB target.
const CHUNK = Number(values['file-rows']);

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
const ORGAN_CODES = ['HU', 'UBND', 'TU', 'ĐU', 'SNV', 'BTG'];
const TYPES = ['Công văn', 'Thông báo', 'Kế hoạch', 'Báo cáo', 'Quyết định', 'Hướng dẫn'];
const NOTATIONS = ['CV', 'TB', 'KH', 'BC', 'QĐ', 'HD'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function time<T>(fn: () => T): [T, number] {
  const t = process.hrtime.bigint();
  const r = fn();
  return [r, Number(process.hrtime.bigint() - t) / 1e6];
}

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.parse('2016-01-01T00:00:00Z');
const DAYS = 10 * 365;

/** The i-th of n documents: arrival dates ascend over ten years, as a register's do. */
const sent = new Map<string, number>();
function record(i: number, n: number) {
  const day = new Date(FIRST_DAY + Math.floor((i / n) * DAYS) * DAY_MS).toISOString().slice(0, 10);
  // Each sender numbers its documents of a type from 1 every year, as real ones do.
  const organ = rand() * ORGANS.length;
  const typeIndex = Math.floor(rand() * TYPES.length);
  const key = `${Math.floor(organ)}|${typeIndex}|${day.slice(0, 4)}`;
  const codeNumber = (sent.get(key) ?? 0) + 1;
  sent.set(key, codeNumber);
  return {
    direction: 'in',
    typeName: TYPES[typeIndex],
    codeNumber,
    codeNotation: `${NOTATIONS[typeIndex]}-${ORGAN_CODES[Math.floor(organ)]}`,
    issuedDate: day,
    organName: ORGANS[Math.floor(organ)],
    subject: `${pick(VERBS)} ${pick(TOPICS)} tại ${pick(PLACES)}`,
    arrivalDate: day,
    urgency: rand() < 0.05 ? 'khan' : 'normal',
  };
}

/** A statement with its arguments written in, for the sqlite3 shell. */
function inline(sql: string, args: unknown[]): string {
  let i = 0;
  return sql.replace(/\?/g, () => {
    const v = args[i++];
    return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
}

function shellTimes(database: string, plans: ListPlan[]): number[] | null {
  // Each listing is two statements (count and page): their times are summed per listing.
  const script = plans
    .map((p) => `${inline(p.count.sql, p.count.args)};\n${inline(p.page.sql, p.page.args)};`)
    .join('\n');
  try {
    const out = execFileSync('sqlite3', ['-readonly', database], {
      input: `.output /dev/null\n.timer on\n${script}\n`,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const t = [...out.matchAll(/Run Time: real ([\d.]+)/g)].map((m) => Number(m[1]) * 1000);
    return plans.map((_, k) => (t[2 * k] ?? NaN) + (t[2 * k + 1] ?? NaN)).sort((a, b) => a - b);
  } catch {
    return null;
  }
}

/**
 * The storage alone, as the import's peer: the sqlite3 shell writes the first `rows` documents
 * and their search entries, one INSERT each, into an empty copy of the schema, in transactions
 * of CHUNK rows, with the app's journal settings — no validation, numbering or duplicate checks.
 * Documents per second, or null without the shell.
 */
function shellImportRate(database: string, rows: number): number | null {
  try {
    const shell = (args: string[], input?: string) =>
      execFileSync('sqlite3', args, { input, encoding: 'utf8', maxBuffer: 1 << 30 });
    const schema = shell(['-readonly', database, '.schema'])
      .split(/;\n/)
      // The index's own tables come with its CREATE VIRTUAL TABLE; sqlite_sequence is SQLite's.
      .filter(
        (stmt) => stmt.trim() && !/CREATE TABLE (IF NOT EXISTS )?['"]?(documents_fts_|sqlite_sequence)/.test(stmt),
      )
      .join(';\n');
    const dump = shell(
      ['-readonly', database],
      `.mode insert documents\nSELECT * FROM documents ORDER BY id LIMIT ${rows};\n` +
        `.mode insert documents_fts\nSELECT rowid, subject, notation, issuer, signer, notes, urgency FROM documents_fts ORDER BY rowid LIMIT ${rows};\n`,
    ).split('\n');
    const docs = dump.filter((l) => /^INSERT INTO "?documents"? /.test(l));
    const words = dump
      .filter((l) => /^INSERT INTO "?documents_fts"? /.test(l))
      .map((l) =>
        l.replace(
          /^INSERT INTO "?documents_fts"? VALUES\(/,
          'INSERT INTO documents_fts(rowid, subject, notation, issuer, signer, notes, urgency) VALUES(',
        ),
      );
    const parts = ['PRAGMA journal_mode = WAL;', 'PRAGMA synchronous = NORMAL;', `${schema};`];
    for (let i = 0; i < docs.length; i += CHUNK) {
      parts.push('BEGIN;', docs.slice(i, i + CHUNK).join('\n'), words.slice(i, i + CHUNK).join('\n'), 'COMMIT;');
    }
    const target = path.join(path.dirname(database), 'peer-import.sqlite');
    const [, ms] = time(() => shell([target], parts.join('\n')));
    fs.rmSync(target, { force: true });
    return docs.length / (ms / 1000);
  } catch {
    return null;
  }
}

function run(n: number): void {
  seed = 42;
  sent.clear();
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
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapTotal;
  console.log(`\nVanThu register benchmark: ${n.toLocaleString('en')} documents, ${Q} queries each`);
  let imported = 0;
  const cpuBefore = process.cpuUsage();
  const [, importMs] = time(() => {
    for (let start = 0; start < n; start += CHUNK) {
      const chunk = Array.from({ length: Math.min(CHUNK, n - start) }, (_, k) => record(start + k, n));
      const report = importRecords(s, chunk, 'bench');
      if (report.refused.length > 0) throw new Error(`refused: ${JSON.stringify(report.refused[0])}`);
      imported += report.imported;
      const memory = process.memoryUsage();
      peakRss = Math.max(peakRss, memory.rss);
      peakHeap = Math.max(peakHeap, memory.heapTotal);
    }
  });
  const cpu = process.cpuUsage(cpuBefore);
  const importCpuMs = (cpu.user + cpu.system) / 1000;
  if (imported !== n) throw new Error(`imported ${imported} of ${n}`);
  const rate = n / (importMs / 1000);

  const texts = Array.from(
    { length: Q },
    () => `${pick(TOPICS).split(' ').slice(0, 2).join(' ')} ${pick(PLACES).split(' ')[1]}`,
  );
  const plansOf = (sort: 'newest' | 'ranked') => texts.map((text) => DocumentQuery.parse({ text, sort, limit: 50 }));
  const measure = (qs: DocumentQuery[]) => qs.map((q) => time(() => s.queries.list(q))[1]).sort((a, b) => a - b);
  const newestQs = plansOf('newest');
  const rankedQs = plansOf('ranked');
  // The register as the UI opens it (urgent first, newest next), for every box, year and type:
  // each query once, so every count is computed, not remembered.
  const firstPageQs = (['in', 'out'] as const).flatMap((direction) =>
    [undefined, ...Array.from({ length: 10 }, (_, y) => 2016 + y)].flatMap((year) =>
      [undefined, ...TYPES].map((typeName) =>
        DocumentQuery.parse({ organisationId: 1, direction, year, typeName, urgentFirst: true, limit: 50 }),
      ),
    ),
  );
  // A search as the register screen sends it: in the incoming box, urgent documents first.
  const boxQs = texts
    .slice(0, Math.ceil(Q / 4))
    .map((text) => DocumentQuery.parse({ text, organisationId: 1, direction: 'in', urgentFirst: true, limit: 50 }));
  const newest = measure(newestQs);
  const inBox = measure(boxQs);
  const ranked = measure(rankedQs);
  const firstPage = measure(firstPageQs);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  s.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  // The shell reads a decrypted copy: the ratios include what encryption at rest costs VanThu.
  const peerDatabase = plaintextCopy(s.paths.dataDir, path.join(s.paths.dataDir, 'peer-plain.sqlite'));
  const peers = {
    import: shellImportRate(peerDatabase, Math.min(n, 100_000)),
    newest: shellTimes(
      peerDatabase,
      newestQs.map((q) => planList(q)),
    ),
    ranked: shellTimes(
      peerDatabase,
      rankedQs.map((q) => planList(q)),
    ),
    inBox: shellTimes(
      peerDatabase,
      boxQs.map((q) => planList(q)),
    ),
    firstPage: shellTimes(
      peerDatabase,
      firstPageQs.map((q) => planList(q)),
    ),
  };

  const f = (x: number) => x.toFixed(2).padStart(8);
  const line = (label: string, xs: number[], peer: number[] | null, target: string) =>
    console.log(
      `${label.padEnd(19)}p50 ${f(percentile(xs, 50))} ms   p95 ${f(percentile(xs, 95))} ms   ${target}` +
        (peer
          ? `   sqlite3 p95 ${f(percentile(peer, 95))} ms, VanThu/sqlite3 ${(percentile(xs, 95) / percentile(peer, 95)).toFixed(2)}`
          : ''),
    );
  console.log(
    `import:            ${Math.round(rate).toLocaleString('en')} documents/s (${(importMs / 1000).toFixed(1)} s, ${(importCpuMs / 1000).toFixed(1)} s of CPU; files of ${CHUNK.toLocaleString('en')} rows; validation, numbering and search index included; target >= 50,000)`,
  );
  if (peers.import)
    console.log(
      `  sqlite3 shell:   ${Math.round(peers.import).toLocaleString('en')} documents/s writing the same rows and search entries alone (${Math.min(n, 100_000).toLocaleString('en')} rows), VanThu/sqlite3 ${(rate / peers.import).toFixed(2)}`,
    );
  line('search newest:', newest, peers.newest, '(target p95 <= 10 ms)');
  line('search ranked:', ranked, peers.ranked, '(target p95 <= 50 ms)');
  line('search in a box:', inBox, peers.inBox, '(urgent first, as the register screen asks)');
  line('first page:', firstPage, peers.firstPage, '');
  console.log(
    `peak memory (RSS): ${(peakRss / 2 ** 20).toFixed(0)} MB (target <= 250 MB; JavaScript heap at most ${(peakHeap / 2 ** 20).toFixed(0)} MB during the import)`,
  );
  if (!peers.newest) console.log('sqlite3 shell not found: install the sqlite3 package for the peer comparison');
  s.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

// Each size in a process of its own: the memory figure is that size's alone.
if (SIZES.length === 1) run(SIZES[0] as number);
else
  for (const n of SIZES) {
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        process.argv[1] as string,
        '--docs',
        String(n),
        '--queries',
        String(Q),
        '--file-rows',
        String(CHUNK),
      ],
      {
        stdio: 'inherit',
      },
    );
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
