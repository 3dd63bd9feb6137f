/**
 * The update feed end to end under plain Node: the administrator makes a key and signs a
 * release on their machine (`vanthu update-key create`, `vanthu release sign`), the inbox
 * server publishes it (`release publish`) and serves it, and the workstation's check and update
 * loop decide what electron-updater may do.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { releaseSignCommand, updateKeyCommand } from '../../src-main/cli/release-command';
import { checkForUpdate } from '../../src-main/core/updates/check';
import { effectivePolicy, rolloutBucket } from '../../src-main/core/updates/decision';
import { loadUpdateKeys } from '../../src-main/core/updates/keys';
import { createUpdateRunner, type UpdateInstaller } from '../../src-main/core/updates/runner';
import { fetchServerPolicy } from '../../src-main/core/updates/server-policy';
import { parseLatestYml } from '../../src-shared/updates/latest-yml';
import { createAdmin } from '../../src-server/admin';
import { runAdminCommand } from '../../src-server/commands';
import { startInboxServer, type InboxServer } from '../../src-server/server';
import { latestYml } from '../unit/updates/fixtures';
import { freshInboxDir, tempDir } from './harness';

const out = () => {
  const text = { stdout: '', stderr: '' };
  return { text, stdout: (s: string) => void (text.stdout += s), stderr: (s: string) => void (text.stderr += s) };
};

/** The administrator's machine: a key pair, its public half as the app ships it. */
function adminKeys(name = 'vanthu-update') {
  const dir = tempDir('vanthu-keys-');
  const o = out();
  expect(updateKeyCommand(['create', '--out', dir, '--name', name], o)).toBe(0);
  const shipped = tempDir('vanthu-shipped-');
  fs.copyFileSync(path.join(dir, `${name}.pem`), path.join(shipped, `${name}.pem`));
  return { privateKey: path.join(dir, `${name}.private.pem`), shipped, keys: loadUpdateKeys(shipped) };
}

/** A release folder as electron-builder leaves it, signed unless told otherwise. */
function releaseFolder(version: string, privateKey: string | null, staging?: number) {
  const dir = tempDir('vanthu-release-');
  const installer = randomBytes(64 * 1024);
  fs.writeFileSync(path.join(dir, `VanThu-Setup-${version}.exe`), installer);
  fs.writeFileSync(path.join(dir, `VanThu-Setup-${version}.exe.blockmap`), `blockmap of ${version}`);
  fs.writeFileSync(path.join(dir, 'latest.yml'), latestYml(version, installer));
  if (privateKey) {
    const args = ['sign', dir, '--key', privateKey, ...(staging ? ['--staging', String(staging)] : [])];
    const o = out();
    expect(releaseSignCommand(args, o), o.text.stderr).toBe(0);
  }
  return { dir, installer };
}

let server: InboxServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function serve() {
  const dataDir = await freshInboxDir();
  server = await startInboxServer({ dataDir });
  const admin = createAdmin(server.db, { updatesDir: path.join(dataDir, 'updates') });
  const publish = (dir: string, channel = 'stable') =>
    runAdminCommand(admin, ['release', 'publish', '--channel', channel, '--dir', dir]);
  return { server, dataDir, admin, publish, feedUrl: `${server.url}/updates` };
}

const policyFor = (feedUrl: string, channel: 'stable' | 'beta' = 'stable') =>
  effectivePolicy({ channel }, {}, { feedUrl });

/** A workstation id whose rollout bucket is below (or at least) the given share. */
function workstationIn(percentage: number, inside: boolean): string {
  for (let i = 0; ; i++) {
    const id = `workstation-${i}`;
    if (rolloutBucket(id) < percentage === inside) return id;
  }
}

describe('updates served by the inbox server', () => {
  it('publishes a signed release and offers it to an older workstation on that channel', async () => {
    const { keys, privateKey } = adminKeys();
    const { publish, feedUrl } = await serve();
    const { dir } = releaseFolder('1.3.0', privateKey);
    expect(await publish(dir)).toBe('Đã phát hành VanThu 1.3.0 trên kênh stable cho mọi máy trạm.\n');

    const check = (current: string, channel: 'stable' | 'beta' = 'stable') =>
      checkForUpdate({ current, policy: policyFor(feedUrl, channel), bucket: 99, keys });
    expect(await check('1.2.0')).toMatchObject({
      kind: 'available',
      version: '1.3.0',
      channelUrl: `${feedUrl}/stable/`,
    });
    // Never back, nor sideways.
    expect(await check('1.3.0')).toEqual({ kind: 'decided', decision: { kind: 'upToDate' } });
    expect(await check('1.4.0')).toEqual({ kind: 'decided', decision: { kind: 'upToDate' } });
    // Nothing published on beta: nothing to do, and no harm.
    expect(await check('1.2.0', 'beta')).toMatchObject({ kind: 'unreachable', reason: expect.stringContaining('404') });
  });

  it('takes the channel and a pause from the server, under the machine’s own policy', async () => {
    const { keys, privateKey } = adminKeys();
    const { publish, admin, server: inbox, feedUrl } = await serve();
    expect(await publish(releaseFolder('1.3.0-beta.1', privateKey).dir, 'beta')).toContain('kênh beta');
    const check = async (machine: { channel?: 'stable' | 'beta' }) =>
      checkForUpdate({
        current: '1.2.0',
        policy: effectivePolicy(machine, await fetchServerPolicy(inbox.url), { feedUrl }),
        bucket: 0,
        keys,
      });
    expect(await fetchServerPolicy(inbox.url)).toEqual({});
    expect(await runAdminCommand(admin, ['update-policy', 'set', '--channel', 'beta'])).toContain('kênh beta');
    expect(await fetchServerPolicy(inbox.url)).toEqual({ channel: 'beta' });
    expect(await check({})).toMatchObject({ kind: 'available', version: '1.3.0-beta.1' });
    // The machine's own policy wins: this PC stays on stable, where nothing is published.
    expect(await check({ channel: 'stable' })).toMatchObject({ kind: 'unreachable' });
    expect(await runAdminCommand(admin, ['update-policy', 'pause'])).toContain('tạm dừng');
    expect(await check({})).toEqual({ kind: 'decided', decision: { kind: 'disabled' } });
    await runAdminCommand(admin, ['update-policy', 'resume']);
    expect(await runAdminCommand(admin, ['update-policy', 'show'])).toBe('{"channel":"beta"}\n');
    await expect(
      (async () => runAdminCommand(admin, ['update-policy', 'set', '--channel', 'nightly']))(),
    ).rejects.toThrow(/stable hoặc beta/);
    // A server that is gone says nothing; the defaults apply.
    expect(await fetchServerPolicy('http://127.0.0.1:9')).toEqual({});
  });

  it('refuses a tampered latest.yml and one signed by a key that does not ship', async () => {
    const { keys, privateKey } = adminKeys();
    const intruder = adminKeys('intruder');
    const { publish, feedUrl, dataDir } = await serve();
    await publish(releaseFolder('1.3.0', privateKey).dir);
    const check = () => checkForUpdate({ current: '1.2.0', policy: policyFor(feedUrl), bucket: 0, keys });

    // Someone with the server's disk points the feed at another installer.
    const served = path.join(dataDir, 'updates', 'stable', 'latest.yml');
    const original = fs.readFileSync(served, 'utf8');
    fs.writeFileSync(served, original.replace(/sha512: .*/g, `sha512: ${'A'.repeat(86)}==`));
    expect(await check()).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('badSignature') });
    fs.writeFileSync(served, original);
    expect((await check()).kind).toBe('available');

    // A release the server accepts (it has no key to judge by) but no workstation will.
    await publish(releaseFolder('1.4.0', intruder.privateKey).dir);
    expect(await check()).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('unknownKey') });
  });

  it('refuses to publish an unsigned, incomplete, mismatched or older release', async () => {
    const { privateKey } = adminKeys();
    const { publish } = await serve();
    await expect(publish(releaseFolder('1.3.0', null).dir)).rejects.toThrow(/Thiếu chữ ký/);
    const missing = releaseFolder('1.3.0', privateKey);
    fs.rmSync(path.join(missing.dir, 'VanThu-Setup-1.3.0.exe'));
    await expect(publish(missing.dir)).rejects.toThrow(/Thiếu tệp VanThu-Setup-1.3.0.exe/);
    const swapped = releaseFolder('1.3.0', privateKey);
    fs.writeFileSync(path.join(swapped.dir, 'VanThu-Setup-1.3.0.exe'), 'other bytes');
    await expect(publish(swapped.dir)).rejects.toThrow(/không khớp sha512/);
    await expect(publish(releaseFolder('1.3.0-beta.1', privateKey).dir)).rejects.toThrow(/kênh beta/);
    await publish(releaseFolder('1.3.0', privateKey).dir);
    await expect(publish(releaseFolder('1.2.9', privateKey).dir)).rejects.toThrow(/không bao giờ cập nhật lùi/);
    expect(await publish(releaseFolder('1.3.0-beta.1', privateKey).dir, 'beta')).toMatch(/kênh beta/);
  });

  it('offers a staged release only to workstations inside its share, and the signed share cannot be widened', async () => {
    const { keys, privateKey } = adminKeys();
    const { publish, feedUrl, admin, dataDir } = await serve();
    expect(await publish(releaseFolder('1.3.0', privateKey, 30).dir)).toMatch(/cho 30% máy trạm/);
    expect(await admin.releases()).toEqual([{ channel: 'stable', version: '1.3.0', stagingPercentage: 30 }]);
    const check = (id: string) =>
      checkForUpdate({ current: '1.2.0', policy: policyFor(feedUrl), bucket: rolloutBucket(id), keys });
    expect((await check(workstationIn(30, true))).kind).toBe('available');
    expect(await check(workstationIn(30, false))).toEqual({
      kind: 'decided',
      decision: { kind: 'staged', version: '1.3.0', percentage: 30 },
    });
    const served = path.join(dataDir, 'updates', 'stable', 'latest.yml');
    fs.writeFileSync(
      served,
      fs.readFileSync(served, 'utf8').replace('stagingPercentage: 30', 'stagingPercentage: 100'),
    );
    expect((await check(workstationIn(30, false))).kind).toBe('rejected');
  });

  it('serves installers and blockmaps with byte ranges, and nothing outside the feed', async () => {
    const { privateKey } = adminKeys();
    const { publish, feedUrl } = await serve();
    const { dir, installer } = releaseFolder('1.3.0', privateKey);
    await publish(dir);
    const exe = `${feedUrl}/stable/VanThu-Setup-1.3.0.exe`;
    const whole = await fetch(exe);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(installer)).toBe(true);
    const part = await fetch(exe, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${installer.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(installer.subarray(100, 200))).toBe(true);
    expect((await fetch(exe, { headers: { range: `bytes=${installer.length}-` } })).status).toBe(416);
    expect(await (await fetch(`${exe}.blockmap`)).text()).toBe('blockmap of 1.3.0');
    expect((await fetch(exe, { method: 'HEAD' })).headers.get('content-length')).toBe(String(installer.length));
    for (const bad of ['stable/..%2F..%2Fdb', 'stable/%2E%2E', 'nightly/latest.yml', 'stable/.latest.yml.partial']) {
      expect((await fetch(`${feedUrl}/${bad}`)).status, bad).toBe(404);
    }
  });

  it('drives electron-updater only for the verified release, and shrugs when the server is gone', async () => {
    const { keys, privateKey } = adminKeys();
    const { publish, feedUrl, server: running } = await serve();
    await publish(releaseFolder('1.3.0', privateKey).dir);

    // electron-updater stand-in: it reads latest.yml again itself, as the real one does.
    const calls: string[] = [];
    let swapAfterVerify = false;
    const installer: UpdateInstaller = {
      autoDownload: true,
      autoInstallOnAppQuit: false,
      allowDowngrade: true,
      isUserWithinRollout: () => false,
      setFeedURL(options) {
        calls.push(`setFeedURL ${JSON.stringify(options)}`);
        this.feed = options.url;
      },
      async checkForUpdates() {
        const text = await (await fetch(`${(this as { feed?: string }).feed}latest.yml`)).text();
        const info = parseLatestYml(swapAfterVerify ? latestYml('1.3.0', 'swapped') : text);
        return { updateInfo: info };
      },
      async downloadUpdate() {
        calls.push('downloadUpdate');
        return [];
      },
    } as UpdateInstaller & { feed?: string };
    const log: string[] = [];
    const runner = createUpdateRunner({
      installer,
      currentVersion: '1.2.0',
      keys,
      machinePolicy: async () => ({ policy: {}, warnings: [] }),
      defaultFeedUrl: () => feedUrl,
      workstationId: 'pc-1',
      log: (line) => log.push(line),
    });
    expect(installer).toMatchObject({ autoDownload: false, allowDowngrade: false, autoInstallOnAppQuit: true });

    swapAfterVerify = true;
    expect(await runner.checkNow()).toMatchObject({ kind: 'rejected' });
    expect(calls.filter((c) => c === 'downloadUpdate')).toEqual([]);

    swapAfterVerify = false;
    expect(await runner.checkNow()).toEqual({ kind: 'downloading', version: '1.3.0' });
    expect(calls).toContain(
      `setFeedURL ${JSON.stringify({ provider: 'generic', url: `${feedUrl}/stable/`, useMultipleRangeRequest: false })}`,
    );
    expect(calls.filter((c) => c === 'downloadUpdate')).toHaveLength(1);

    await running.close();
    server = null;
    expect(await runner.checkNow()).toMatchObject({ kind: 'unreachable' });
    expect(log.at(-1)).toMatch(/^updater: feed unreachable \(1 in a row\)/);
    runner.stop();
  });
});
