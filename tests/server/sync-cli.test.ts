/**
 * The workstation's sync commands, as an administrator types them, against a real inbox server:
 * `vanthu enroll URL CODE`, `vanthu outbox`, `vanthu sync --once`, `vanthu sync` (until Ctrl+C)
 * and `vanthu sync status`.
 */
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../../src-main/core/services';
import { DocumentFields, SetupInput } from '../../src-shared/ipc/schemas';
import { createAdmin } from '../../src-server/admin';
import { startInboxServer, type InboxServer } from '../../src-server/server';
import { makeTestPdf } from '../fixtures/pdf';
import { APP_ROOT, STATE_SETUP, tempDir } from '../unit/core/helpers';
import { freshInboxDir } from './harness';

const BIN = path.resolve(__dirname, '../../bin/vanthu.cjs');
const run = promisify(execFile);

let server: InboxServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** The real command; never throws, so exit codes can be checked. */
async function vanthu(dataDir: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, '--data-dir', dataDir, ...args], { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('vanthu enroll, outbox and sync', () => {
  it('connects with a one-time code, shows what waits, sends it in one pass, and runs until stopped', async () => {
    server = await startInboxServer({ dataDir: await freshInboxDir(), log: () => undefined });
    const admin = createAdmin(server.db);
    await admin.addOrganisation('000.00.00.H41', 'Ủy ban nhân dân xã Hòa Bình');
    await admin.addOrganisation('000.00.00.H43', 'Ủy ban nhân dân xã Hòa Lạc');

    // A workstation with an issued document to send (made through the core, then closed).
    const dataDir = tempDir();
    const s = createServices({ dataDir, appRoot: APP_ROOT });
    s.setup(SetupInput.parse(STATE_SETUP));
    const file = await s.files.putPdf(makeTestPdf([['CONG VAN']]));
    const draft = s.documents.create(
      DocumentFields.parse({ direction: 'out', typeName: 'Công văn', subject: 'Về việc phối hợp' }),
      [{ sha256: file.sha256, name: 'cv.pdf' }],
      'vanthu',
    ).document;
    const issued = s.documents.issue(draft.id, undefined, 'vanthu').document;
    s.close();

    expect((await vanthu(dataDir, 'enroll', server.url)).code).toBe(64);
    expect(await vanthu(dataDir, 'enroll', server.url, 'SAI-MA-1234')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/mã/i) as unknown,
    });
    const enrolled = await vanthu(dataDir, 'enroll', server.url, await admin.enrollmentCode('000.00.00.H41'));
    expect(enrolled).toMatchObject({
      code: 0,
      stdout: 'Đã kết nối máy chủ liên thông: Ủy ban nhân dân xã Hòa Bình (000.00.00.H41).\n',
    });
    expect((await vanthu(dataDir, 'sync', '--once')).code).toBe(0);

    expect((await vanthu(dataDir, 'send', String(issued.id), '--to', '000.00.00.H43')).code).toBe(0);
    const waiting = JSON.parse((await vanthu(dataDir, 'outbox', '--json')).stdout) as { kind: string; state: string }[];
    expect(waiting).toEqual([
      expect.objectContaining({ kind: 'document.send', state: 'pending', documentId: issued.id }),
    ]);
    expect((await vanthu(dataDir, 'outbox')).stdout).toMatch(/^#\d+\tdocument\.send\tchờ gửi\tvăn bản \d+/);

    const once = await vanthu(dataDir, 'sync', '--once');
    expect(once.code).toBe(0);
    expect(once.stdout).toMatch(/Chờ gửi: 0/);
    expect((await vanthu(dataDir, 'outbox')).stdout).toBe('Không có gì chờ gửi.\n');
    expect(JSON.parse((await vanthu(dataDir, 'sync', 'status', '--json')).stdout)).toMatchObject({
      configured: true,
      pending: 0,
    });

    // In the foreground until Ctrl+C, as a service manager would run it.
    const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'sync'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    for (let i = 0; i < 100 && !/kết nối được · chờ gửi 0/.test(output); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(output).toMatch(/Đang đồng bộ liên tục; Ctrl\+C để dừng\./);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toMatch(/Đã dừng đồng bộ\.\n$/);
    expect((await vanthu(dataDir, 'sync', 'bogus')).code).toBe(64);
  });
});
