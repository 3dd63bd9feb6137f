/**
 * Sync benchmark (`npm run bench:sync`, or `-- --docs 1000 --kb 200 --sends 20`): the inbox
 * server runs as its own process on loopback, as in production. The numbering workstation holds
 * `docs` registered documents, each with its own PDF of `kb` KB, and publishes them; then:
 *
 * - initial sync: a new workstation of the same organisation enrolls and pulls the whole
 *   register, entries and files, until every document and file is there; throughput is printed
 *   against curl fetching the same files from the same server with the same credential, in the
 *   same run (one curl process, one connection kept alive);
 * - delivery delay: an issued document sent to another organisation whose workstation runs as
 *   the app does (background passes, long-poll), from the send to its arrival there.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createServices, type Services } from '../src-main/core/services';
import { DocumentFields, SetupInput } from '../src-shared/ipc/schemas';
import { uniquePdf } from '../tests/fixtures/pdf';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '10000' },
    kb: { type: 'string', default: '200' },
    sends: { type: 'string', default: '20' },
  },
});
const DOCS = Number(values.docs);
const KB = Number(values.kb);
const SENDS = Number(values.sends);
const SERVER = path.resolve(__dirname, '../server/server.cjs');
const ORG_A = { organId: '000.00.00.H41', name: 'Ủy ban nhân dân xã Hòa Bình' };
const ORG_B = { organId: '000.00.00.H43', name: 'Ủy ban nhân dân xã Hòa Lạc' };

const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => bytes / 1024 / 1024;

function server(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [SERVER, 'serve', '--port', '0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Its log (each admin command) is kept to say why, should it stop; the figures stay readable.
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString('utf8')).slice(-4000)));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.on('exit', (code) => reject(new Error(`inbox server exited with ${code}: ${out}${log}`)));
  });
}

const admin = (dataDir: string, ...args: string[]) =>
  execFileSync(process.execPath, [SERVER, ...args, '--data', dataDir], { encoding: 'utf8' }).trim();

function workstation(org: { organId: string; name: string }, numbersHere: boolean): Services {
  const s = createServices({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-ws-')) });
  s.setup(
    SetupInput.parse({
      organisation: { name: org.name, organId: org.organId, abbreviation: 'UBND', regime: 'state', numbersHere },
      term: { name: '2021-2026', startDate: '2021-07-01', endDate: null },
      admin: { username: 'admin', fullName: 'Quản trị', password: 'matkhau123' },
    }),
  );
  return s;
}

/** Passes until nothing waits to be sent and the feed is drained. */
async function drain(s: Services): Promise<void> {
  for (let i = 0; i < 10_000; i++) {
    const status = await s.sync.syncNow();
    if (status.lastError) throw new Error(`${status.lastError} (pass ${i}, ${status.pending} waiting)`);
    if (status.pending === 0) return;
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-server-'));
  const { child, url } = await server(serverDir);
  const opened: Services[] = [];
  try {
    for (const org of [ORG_A, ORG_B]) admin(serverDir, 'org', 'add', org.organId, org.name);
    const code = (organId: string) => admin(serverDir, 'enroll-code', '--org', organId);

    console.log(`\nVanThu sync benchmark: ${DOCS.toLocaleString('en')} documents with ${KB} KB PDFs, loopback`);
    const a = workstation(ORG_A, true);
    opened.push(a);
    await a.sync.enroll(url, code(ORG_A.organId), 'Máy văn thư', { start: false });
    let bytes = 0;
    const t0 = now();
    for (let i = 0; i < DOCS; i++) {
      const file = await a.files.putPdf(uniquePdf(KB * 1024));
      bytes += file.size;
      a.documents.create(
        DocumentFields.parse({
          direction: 'in',
          typeName: 'Công văn',
          subject: `Về việc triển khai nhiệm vụ số ${i + 1}`,
          organName: 'Ủy ban nhân dân huyện Hòa Vang',
          arrivalDate: '2026-11-20',
        }),
        [{ sha256: file.sha256, name: `cv-${i + 1}.pdf` }],
        'bench',
      );
    }
    const registered = now() - t0;
    const t1 = now();
    await drain(a);
    const published = now() - t1;
    console.log(
      `register:          ${(registered / 1000).toFixed(1)} s (${Math.round(DOCS / (registered / 1000))} documents/s with their PDFs)`,
    );
    console.log(
      `publish (A → server): ${(published / 1000).toFixed(1)} s, ${(mb(bytes) / (published / 1000)).toFixed(1)} MB/s`,
    );

    // A new workstation of the organisation pulls the whole register.
    const a2 = workstation(ORG_A, false);
    opened.push(a2);
    const t2 = now();
    await a2.sync.enroll(url, code(ORG_A.organId), 'Máy lãnh đạo', { start: false });
    const count = a2.sqlite.prepare('SELECT count(*) FROM documents').pluck();
    const files = a2.sqlite.prepare('SELECT count(*) FROM document_files').pluck();
    for (let pass = 0; (count.get() as number) < DOCS || (files.get() as number) < DOCS; pass++) {
      const status = await a2.sync.syncNow();
      if (status.lastError) throw new Error(status.lastError);
      if (pass > 100_000) throw new Error('initial sync did not finish');
    }
    const initial = now() - t2;
    const rate = mb(bytes) / (initial / 1000);

    // The peer: curl fetching the same files, same server, same credential, one connection.
    const credential = fs.readFileSync(path.join(a2.paths.dataDir, 'sync-credential'), 'utf8').trim();
    const shas = a2.sqlite.prepare('SELECT sha256 FROM document_files').pluck().all() as string[];
    const config = path.join(serverDir, 'curl.cfg');
    fs.writeFileSync(
      config,
      [
        `header = "Authorization: Bearer ${credential}"`,
        ...shas.flatMap((sha) => [`url = "${url}/v1/blobs/${sha}"`, 'output = "/dev/null"']),
      ].join('\n'),
    );
    const t3 = now();
    execFileSync('curl', ['-sS', '--fail', '-K', config], { stdio: 'inherit' });
    const curl = now() - t3;
    const curlRate = mb(bytes) / (curl / 1000);
    console.log(
      `initial sync:      ${(initial / 1000).toFixed(1)} s for ${DOCS.toLocaleString('en')} entries and ${mb(bytes).toFixed(0)} MB, ${rate.toFixed(1)} MB/s`,
    );
    console.log(
      `  curl, same files: ${(curl / 1000).toFixed(1)} s, ${curlRate.toFixed(1)} MB/s; VanThu/curl ${(rate / curlRate).toFixed(2)}`,
    );

    // Delivery delay to another organisation's running workstation.
    const b = workstation(ORG_B, true);
    opened.push(b);
    await b.sync.enroll(url, code(ORG_B.organId), 'Máy văn thư');
    a.sync.start();
    while (!b.sync.status().lastSyncAt) await sleep(20);
    const delays: number[] = [];
    for (let i = 0; i < SENDS; i++) {
      const file = await a.files.putPdf(uniquePdf(KB * 1024));
      const draft = a.documents.create(
        DocumentFields.parse({
          direction: 'out',
          typeName: 'Công văn',
          subject: `Về việc gửi báo cáo lần ${i + 1}`,
          to: [{ organId: ORG_B.organId, organName: ORG_B.name }],
        }),
        [{ sha256: file.sha256, name: `gui-${i + 1}.pdf` }],
        'bench',
      ).document;
      const issued = a.documents.issue(draft.id, undefined, 'bench').document;
      const before = b.sync.status().waitingToReceive;
      const sentAt = now();
      a.sync.send(issued.id, undefined, 'bench');
      while (b.sync.status().waitingToReceive === before) {
        if (now() - sentAt > 60_000) throw new Error('a sent document did not arrive within a minute');
        await sleep(2);
      }
      delays.push(now() - sentAt);
    }
    delays.sort((x, y) => x - y);
    console.log(
      `delivery delay:    p50 ${percentile(delays, 50).toFixed(0)} ms, p95 ${percentile(delays, 95).toFixed(0)} ms over ${SENDS} sends (send on A to "Chờ tiếp nhận" on B, ${KB} KB PDF)`,
    );
  } finally {
    for (const s of opened) s.close();
    child.kill();
    fs.rmSync(serverDir, { recursive: true, force: true });
    for (const s of opened) fs.rmSync(s.paths.dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
