/**
 * Sync under faults, through the built inbox server (its own process, killed for real) and a
 * proxy that cuts connections: at random points, mid-upload, mid-pull, with the sending
 * workstation restarted between the server applying its push and hearing the answer, and with
 * the clocks of the workstations hours apart from the server's. After each, every document and
 * status is there exactly once on both sides and every file is byte for byte what was sent.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createServices, type Services } from '../../src-main/core/services';
import { DocumentFields, DocumentQuery, SetupInput } from '../../src-shared/ipc/schemas';
import { uniquePdf } from '../fixtures/pdf';
import { APP_ROOT, STATE_SETUP, tempDir } from '../unit/core/helpers';
import { startCutProxy, type CutProxy } from './cut-proxy';
import { freshInboxDir } from './harness';
import { seededRandom } from '../fixtures/random';
import { BUNDLE, serveBuilt } from './built-server';

const HOA_BINH = { organId: '000.00.00.H41', name: 'Ủy ban nhân dân xã Hòa Bình' };
const HOA_LAC = { organId: '000.00.00.H43', name: 'Ủy ban nhân dân xã Hòa Lạc' };

const opened: Services[] = [];
const children: ChildProcess[] = [];
const proxies: CutProxy[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const s of opened.splice(0)) s.close();
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const proxy of proxies.splice(0)) await proxy.close();
});

const serve = (dataDir: string) => serveBuilt(dataDir, children);

const serverCli = (dataDir: string, ...args: string[]) =>
  execFileSync(process.execPath, [BUNDLE, ...args, '--data', dataDir], { encoding: 'utf8' }).trim();

/** A server with the two communes, reached only through a cutting proxy. */
async function network() {
  const dataDir = await freshInboxDir();
  for (const o of [HOA_BINH, HOA_LAC]) serverCli(dataDir, 'org', 'add', o.organId, o.name);
  let server = await serve(dataDir);
  const proxy = await startCutProxy(server.port);
  proxies.push(proxy);
  return {
    proxy,
    /** Bytes of unfinished uploads the server holds on disk. */
    partialBytes: () =>
      fs
        .readdirSync(path.join(dataDir, 'blobs', 'uploads'))
        .filter((f) => f.endsWith('.part'))
        .reduce((sum, f) => sum + fs.statSync(path.join(dataDir, 'blobs', 'uploads', f)).size, 0),
    code: (organId: string) => serverCli(dataDir, 'enroll-code', '--org', organId),
    kill(): Promise<void> {
      const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
      server.child.kill('SIGKILL');
      return exited;
    },
    async restart(): Promise<void> {
      server = await serve(dataDir);
      proxy.retarget(server.port);
    },
  };
}

function workstation(org: { organId: string; name: string }, numbersHere = true, dataDir = tempDir()): Services {
  const s = createServices({ dataDir, appRoot: APP_ROOT });
  opened.push(s);
  if (!s.isSetUp()) {
    s.setup(
      SetupInput.parse({
        ...STATE_SETUP,
        organisation: { ...STATE_SETUP.organisation, ...org, abbreviation: 'UBND', numbersHere },
      }),
    );
  }
  return s;
}

/** Passes on every workstation until `done`, as the scheduler would keep trying. */
async function until(label: string, done: () => boolean, ...workstations: Services[]): Promise<number> {
  for (let pass = 1; pass <= 400; pass++) {
    for (const s of workstations) await s.sync.syncNow();
    if (done()) return pass;
  }
  throw new Error(`${label}: not done after 400 passes of each workstation`);
}

/** An issued document with its own PDF, sent to Hòa Lạc. */
async function sendOne(a: Services, n: number, bytes: number): Promise<{ id: number; pdf: Buffer }> {
  const pdf = uniquePdf(bytes);
  const file = await a.files.putPdf(pdf);
  const draft = a.documents.create(
    DocumentFields.parse({
      direction: 'out',
      typeName: 'Công văn',
      subject: `Về việc phối hợp lần ${n}`,
      urgency: n % 3 === 0 ? 'khan' : 'normal',
      to: [{ organId: HOA_LAC.organId, organName: HOA_LAC.name }],
    }),
    [{ sha256: file.sha256, name: `cv-${n}.pdf` }],
    'vanthu',
  ).document;
  const issued = a.documents.issue(draft.id, undefined, 'vanthu').document;
  a.sync.send(issued.id, undefined, 'vanthu');
  return { id: issued.id, pdf };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Hòa Lạc holds each sent document exactly once, its file intact. */
function expectReceivedOnce(b: Services, sent: { pdf: Buffer }[]): void {
  const inbox = b.sync.exchange.inbox();
  expect(inbox).toHaveLength(sent.length);
  const shas = inbox.map((item) => item.files[0]!.sha256).sort();
  expect(shas).toEqual(sent.map((s) => sha(s.pdf)).sort());
  for (const { pdf } of sent) expect(b.files.read(sha(pdf)).equals(pdf)).toBe(true);
}

describe('sync under faults', () => {
  it('connections cut at random points: every document, file and status arrives exactly once', async () => {
    const net = await network();
    const a = workstation(HOA_BINH);
    const a2 = workstation(HOA_BINH, false);
    const b = workstation(HOA_LAC);
    await a.sync.enroll(net.proxy.url, net.code(HOA_BINH.organId), 'Máy văn thư', { start: false });
    await a2.sync.enroll(net.proxy.url, net.code(HOA_BINH.organId), 'Máy lãnh đạo', { start: false });
    await b.sync.enroll(net.proxy.url, net.code(HOA_LAC.organId), 'Máy văn thư', { start: false });

    const next = seededRandom(20261203);
    // Every connection dies somewhere in its first 600 KB: no line stays up for long.
    net.proxy.set({ cutAfter: () => Math.floor(2_000 + next() * 600_000) });
    const sent: { id: number; pdf: Buffer }[] = [];
    for (let n = 1; n <= 10; n++) sent.push(await sendOne(a, n, 150_000 + n * 10_000));
    const passes = await until(
      'sending',
      () => b.sync.status().waitingToReceive === 10 && a.sync.status().pending === 0,
      a,
      b,
    );
    expect(net.proxy.cuts).toBeGreaterThanOrEqual(3);
    expectReceivedOnce(b, sent);

    // Hòa Lạc registers them all: "03" reaches Hòa Bình once per document, and its second
    // workstation mirrors the register with every file.
    for (const item of b.sync.exchange.inbox()) {
      b.sync.register(item.id, b.sync.exchange.inboxItem(item.id).fields, 'vanthu');
    }
    const lines = () => sent.flatMap((s) => a.sync.exchange.recipients(s.id));
    await until('statuses', () => lines().every((l) => l.status === '03') && b.sync.status().pending === 0, b, a);
    expect(lines()).toHaveLength(10);
    expect(b.queries.list(DocumentQuery.parse({ direction: 'in' })).total).toBe(10);
    const mirrored = () => a2.queries.list(DocumentQuery.parse({ direction: 'out' }));
    await until('mirror', () => mirrored().total === 10 && a.sync.status().pending === 0, a, a2);
    for (const item of mirrored().items) {
      for (const f of a2.documents.get(item.id).files) expect(sha(a2.files.read(f.sha256))).toBe(f.sha256);
    }
    expect(passes).toBeGreaterThan(1);
  });

  it('the server killed mid-upload and mid-pull: the upload goes on, the download resumes from its last byte', async () => {
    const net = await network();
    const a = workstation(HOA_BINH);
    const b = workstation(HOA_LAC);
    await a.sync.enroll(net.proxy.url, net.code(HOA_BINH.organId), 'Máy văn thư', { start: false });
    await b.sync.enroll(net.proxy.url, net.code(HOA_LAC.organId), 'Máy văn thư', { start: false });
    const sent = [await sendOne(a, 1, 3_000_000), await sendOne(a, 2, 3_000_000)];

    // The line stalls once a megabyte of a file has gone up; the server, holding part of it on
    // disk, is killed.
    net.proxy.set({
      watch: (direction, _chunk, connection) => (direction === 'up' && connection.up > 1_000_000 ? 'hold' : undefined),
    });
    const uploading = a.sync.syncNow();
    while (net.partialBytes() === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await net.kill();
    expect((await uploading).lastError).toMatch(/Không kết nối được|không trả lời kịp|sự cố/);
    await net.restart();
    net.proxy.set({});
    await until('upload', () => a.sync.status().pending === 0, a);
    // Part of the first file had reached the server: it went on from there, not from zero.
    const puts = net.proxy.requests.filter((r) => r.startsWith('PUT '));
    expect(puts.some((r) => /content-range: bytes [1-9]\d*-/i.test(r))).toBe(true);

    // Killed once a megabyte has come down to Hòa Lạc; the line stalls meanwhile, so the rest of
    // the file cannot arrive before the server is gone.
    let killing: Promise<void> | null = null;
    net.proxy.set({
      watch: (direction, _chunk, connection) => {
        if (direction !== 'down' || connection.down <= 1_000_000) return undefined;
        killing ??= net.kill();
        return 'hold';
      },
    });
    expect((await b.sync.syncNow()).lastError).not.toBeNull();
    await killing;
    await net.restart();
    net.proxy.set({});
    await until('download', () => b.sync.status().waitingToReceive === 2, b);
    const gets = net.proxy.requests.filter((r) => r.startsWith('GET /v1/blobs/'));
    expect(gets.some((r) => /\r\nrange: bytes=[1-9]\d*-/i.test(r))).toBe(true);
    expectReceivedOnce(b, sent);
    await until('statuses', () => a.sync.exchange.recipients(sent[0]!.id)[0]?.status === '01', b, a);
  });

  it('a workstation restarted after the server applied its push, before the answer: applied once', async () => {
    const net = await network();
    const dataDir = tempDir();
    let a = workstation(HOA_BINH, true, dataDir);
    const b = workstation(HOA_LAC);
    await a.sync.enroll(net.proxy.url, net.code(HOA_BINH.organId), 'Máy văn thư', { start: false });
    await b.sync.enroll(net.proxy.url, net.code(HOA_LAC.organId), 'Máy văn thư', { start: false });
    await a.sync.syncNow();
    const sent = [await sendOne(a, 1, 200_000), await sendOne(a, 2, 200_000)];

    // The answer to the push never comes back: its connection drops as the answer starts.
    const pushedOn = new Set<number>();
    net.proxy.set({
      watch: (direction, chunk, connection) => {
        if (direction === 'up' && chunk.toString('latin1').startsWith('POST /v1/push')) pushedOn.add(connection.id);
        if (direction === 'down' && pushedOn.has(connection.id)) return 'cut';
      },
    });
    expect((await a.sync.syncNow()).lastError).not.toBeNull();
    expect(a.sync.status().pending).toBeGreaterThan(0);

    // The app is closed and opened again; the same items go again, with their keys.
    a.close();
    opened.splice(opened.indexOf(a), 1);
    a = workstation(HOA_BINH, true, dataDir);
    net.proxy.set({});
    await until('after restart', () => a.sync.status().pending === 0, a);
    await until('received', () => b.sync.status().waitingToReceive === 2, b);
    expectReceivedOnce(b, sent);
    // Twice more, for good measure: nothing new arrives.
    await b.sync.syncNow();
    await b.sync.syncNow();
    expectReceivedOnce(b, sent);
  });

  it('workstation clocks hours apart from the server: order comes from the server, times stay as made', async () => {
    const net = await network();
    const a = workstation(HOA_BINH);
    const b = workstation(HOA_LAC);
    await a.sync.enroll(net.proxy.url, net.code(HOA_BINH.organId), 'Máy văn thư', { start: false });
    await b.sync.enroll(net.proxy.url, net.code(HOA_LAC.organId), 'Máy văn thư', { start: false });
    const real = Date.now();
    const at = (hours: number) => vi.setSystemTime(real + hours * 3_600_000);
    vi.useFakeTimers({ toFake: ['Date'] });

    // Hòa Bình runs 7 hours ahead, Hòa Lạc 5 hours behind.
    at(7);
    const sent = [await sendOne(a, 1, 100_000)];
    await a.sync.syncNow();
    at(-5);
    await b.sync.syncNow();
    expectReceivedOnce(b, sent);
    const [item] = b.sync.exchange.inbox();
    b.sync.register(item!.id, b.sync.exchange.inboxItem(item!.id).fields, 'vanthu');
    await b.sync.syncNow();
    // A second document sent "earlier" by Hòa Bình's clock still arrives, after the first.
    at(-2);
    sent.push(await sendOne(a, 2, 100_000));
    await a.sync.syncNow();
    at(-5);
    await b.sync.syncNow();
    expect(b.sync.exchange.inbox()).toHaveLength(1);
    at(7);
    await a.sync.syncNow();
    const [line] = a.sync.exchange.recipients(sent[0]!.id);
    expect(line).toMatchObject({ status: '03', note: 'Số đến 1' });
    // The status carries the time Hòa Lạc registered, by its own clock.
    expect(Date.parse(line!.statusAt)).toBeLessThan(real);
  });
});
