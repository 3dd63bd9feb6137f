/**
 * The app's token worker launcher over Electron's utilityProcess API. A stand-in fork runs the
 * BUILT worker (dist/main/token-worker.cjs) with a `process.parentPort` as Electron gives a
 * utility process, so the worker's Electron path and the launcher are checked together against a
 * real SoftHSM2 token: certificates listed, a signature made, a crash reported.
 */
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { UtilityProcess } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPkcs11KeySource, type Pkcs11KeySource } from '../../src-main/core/keys/pkcs11';
import { utilityTokenWorker } from '../../src-main/electron/token-worker';
import { pki, tmp } from '../unit/pdf/helpers';
import { SOFTHSM_MODULE, TOKEN_PIN, makeSoftToken } from '../unit/keys/pkcs11-softhsm';

const DIST_MAIN = path.resolve(__dirname, '../../dist/main');

/** What Electron's utilityProcess gives the child: a parentPort with MessageEvent-like data. */
const PARENT_PORT_SHIM = `
process.parentPort = {
  on(event, listener) { if (event === 'message') process.on('message', (data) => listener({ data })); },
  postMessage(message) { process.send(message); },
};
`;

const forks: { modulePath: string; options: unknown; kill: () => void }[] = [];

function fakeUtilityFork(shim: string) {
  return (modulePath: string, args: string[], options: { serviceName: string; stdio: 'ignore' }) => {
    const child = fork(modulePath, args, {
      execArgv: ['--require', shim],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    forks.push({ modulePath, options, kill: () => child.kill('SIGKILL') });
    const proc = Object.assign(new EventEmitter(), {
      get pid() {
        return child.pid;
      },
      // Like Electron's, a message to a process that is gone is dropped, not thrown.
      postMessage: (message: unknown) => {
        if (child.connected) child.send(message as object, () => undefined);
      },
      kill: () => child.kill('SIGKILL'),
    });
    child.on('message', (m) => proc.emit('message', m));
    child.on('exit', (code) => proc.emit('exit', code ?? 1));
    return proc as unknown as UtilityProcess;
  };
}

let source: Pkcs11KeySource;
beforeAll(async () => {
  const p = await pki();
  process.env.SOFTHSM2_CONF = makeSoftToken(p).env.SOFTHSM2_CONF;
  const shim = path.join(tmp('vanthu-utility-'), 'parent-port.cjs');
  fs.writeFileSync(shim, PARENT_PORT_SHIM);
  source = createPkcs11KeySource({
    modulePath: SOFTHSM_MODULE,
    launcher: utilityTokenWorker(fakeUtilityFork(shim), DIST_MAIN),
  });
}, 120_000);
afterAll(() => source?.close());

describe('token workers as utility processes', () => {
  it('starts the bundled worker beside main.cjs, lists and signs through parentPort', async () => {
    const choices = await source.list();
    expect(choices.map((c) => c.label)).toContain('Nguyễn Văn Ánh');
    expect(forks[0]).toMatchObject({
      modulePath: path.join(DIST_MAIN, 'token-worker.cjs'),
      options: { serviceName: 'VanThu token', stdio: 'ignore' },
    });
    const signer = await source.open(choices.find((c) => c.label === 'Nguyễn Văn Ánh')!.id, TOKEN_PIN);
    try {
      const signature = await signer.sign(new TextEncoder().encode('văn bản'));
      expect(signature.length).toBe(256); // RSA 2048
    } finally {
      await signer.close();
    }
  });

  it('a worker that dies is reported, and the next call starts a new one', async () => {
    const choices = await source.list();
    const signer = await source.open(choices[0]!.id, TOKEN_PIN);
    const before = forks.length;
    // The vendor library crashes: the utility process is gone.
    forks.at(-1)!.kill();
    await expect(signer.sign(new Uint8Array([1, 2, 3]))).rejects.toThrow(/USB token/);
    expect((await source.list()).length).toBe(choices.length);
    expect(forks.length).toBe(before + 1);
  });
});
