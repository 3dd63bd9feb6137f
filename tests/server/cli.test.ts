/**
 * The server's command line, as built (dist/server/server.cjs, built by the tests' global setup):
 * administration straight on the data folder when no server runs, through the running server's
 * admin socket when one does, and one server per data folder.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EnrollResponse, ErrorBody } from '../../src-shared/sync/protocol';
import { A, B, NAMES, freshInboxDir } from './harness';
import { BUNDLE, serveBuilt } from './built-server';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BUNDLE, ...args], { encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

const serve = (dataDir: string) => serveBuilt(dataDir, children);

// Each command starts Node and opens the embedded database: a few seconds each on a busy CI machine.
describe('the inbox server command line', { timeout: 90_000 }, () => {
  it('administers a data folder with no server running', async () => {
    const data = await freshInboxDir();
    expect(await cli(['org', 'add', A, NAMES[A]!, '--data', data])).toMatchObject({ code: 0 });
    expect(await cli(['org', 'add', B, `  ${NAMES[B]!} `, '--data', data])).toMatchObject({ code: 0 });
    expect((await cli(['org', 'list', '--data', data])).stdout).toBe(`${A}\t${NAMES[A]}\n${B}\t${NAMES[B]}\n`);
    const code = await cli(['enroll-code', '--org', A, '--data', data]);
    expect(code).toMatchObject({ code: 0, stdout: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\n$/) });

    const unknown = await cli(['enroll-code', '--org', '999.99.99.X99', '--data', data]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Không có cơ quan 999\.99\.99\.X99/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    expect((await cli(['org', 'add', 'sai mã!', 'Tên', '--data', data])).stderr).toMatch(/không hợp lệ/);
    expect((await cli(['workstation', 'revoke', 'khong-co', '--data', data])).code).toBe(1);
    expect((await cli(['lung tung', '--data', data])).code).toBe(64);
    expect((await cli(['org', 'list', '--bogus', '--data', data])).code).toBe(64);
    expect((await cli(['help'])).stdout).toMatch(/enroll-code --org/);
    expect(fs.existsSync(path.join(data, 'server.lock'))).toBe(false);
  });

  it('keeps the public holidays for every workstation', async () => {
    const data = await freshInboxDir();
    expect(await cli(['holiday', 'set', '2027-02-08', 'Nghỉ Tết Nguyên đán', '--data', data])).toMatchObject({
      code: 0,
    });
    expect((await cli(['holiday', 'list', '--data', data])).stdout).toBe('2027-02-08\tNghỉ Tết Nguyên đán\n');
    expect((await cli(['holiday', 'set', '8/2/2027', 'Tết', '--data', data])).stderr).toMatch(/NĂM-THÁNG-NGÀY/);
    expect(await cli(['holiday', 'remove', '2027-02-08', '--data', data])).toMatchObject({ code: 0 });
    expect((await cli(['holiday', 'remove', '2027-02-08', '--data', data])).code).toBe(1);
  });

  it('keeps the oldest workstation version that may sync', async () => {
    const data = await freshInboxDir();
    expect(await cli(['minimum-version', 'set', '1.2.0', '--data', data])).toMatchObject({ code: 0 });
    expect((await cli(['minimum-version', 'show', '--data', data])).stdout).toBe('1.2.0\n');
    expect((await cli(['minimum-version', 'set', 'moi-nhat', '--data', data])).code).toBe(1);
    expect(await cli(['minimum-version', 'clear', '--data', data])).toMatchObject({ code: 0 });
    expect((await cli(['minimum-version', 'show', '--data', data])).stdout).toBe('(không đặt)\n');
  });

  it('sends commands to the server running on the folder, which alone may open it', async () => {
    const data = await freshInboxDir();
    await cli(['org', 'add', A, NAMES[A]!, '--data', data]);
    const { child, url } = await serve(data);

    // While it runs: commands go through its admin socket.
    expect(await cli(['org', 'add', B, NAMES[B]!, '--data', data])).toMatchObject({ code: 0 });
    const code = (await cli(['enroll-code', '--org', B, '--hours', '2', '--data', data])).stdout.trim();
    const res = await fetch(`${url}/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, workstationName: 'Máy văn thư Đảng ủy', appVersion: '0.1.0' }),
    });
    const ws = EnrollResponse.parse(await res.json());
    expect(ws).toMatchObject({ organId: B, organName: NAMES[B] });
    const list = (await cli(['workstation', 'list', '--data', data])).stdout;
    expect(list).toContain(`${ws.workstationId}\t${B}\tMáy văn thư Đảng ủy`);
    expect(list).toContain('đang dùng');
    expect((await cli(['workstation', 'revoke', ws.workstationId, '--data', data])).code).toBe(0);
    const refused = await fetch(`${url}/v1/changes?after=0`, { headers: { authorization: `Bearer ${ws.credential}` } });
    expect(refused.status).toBe(401);
    expect(ErrorBody.parse(await refused.json()).error.code).toBe('UNAUTHENTICATED');
    expect((await cli(['workstation', 'list', '--data', data])).stdout).toContain('đã thu hồi');
    const trail = (await cli(['audit', '--data', data])).stdout;
    for (const action of ['enroll', 'revoke', 'enroll.code', 'org.add'])
      expect(trail).toMatch(new RegExp(`\\t${action}\\t`));
    expect((await cli(['enroll-code', '--org', '999.99.99.X99', '--data', data])).code).toBe(1);

    // A second server on the same folder is refused.
    const second = await cli(['serve', '--port', '0', '--data', data]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/đang được tiến trình \d+ dùng/);

    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(fs.existsSync(path.join(data, 'server.lock'))).toBe(false);
    expect(fs.existsSync(path.join(data, 'admin.sock'))).toBe(false);
    // Stopped: commands open the folder themselves again, and see what the server did.
    expect((await cli(['org', 'list', '--data', data])).stdout).toContain(B);
  });

  it('takes over a lock left by a server that died', async () => {
    const data = await freshInboxDir();
    const { child } = await serve(data);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(fs.existsSync(path.join(data, 'server.lock'))).toBe(true);
    expect(await cli(['org', 'add', A, NAMES[A]!, '--data', data])).toMatchObject({ code: 0 });
    const again = await serve(data);
    expect((await cli(['org', 'list', '--data', data])).stdout).toContain(A);
    again.child.kill('SIGTERM');
  });
});
