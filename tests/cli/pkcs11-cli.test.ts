/**
 * `vanthu sign --pkcs11 MODULE [--slot N] --pin-env VAR` against a SoftHSM2 token the test makes.
 *
 * The built CLI (dist/cli/vanthu.cjs) needs the token worker bundled beside it
 * (dist/cli/token-worker.cjs, an entry of scripts/build.mjs); until that bundle exists the same
 * command is run in-process, where the worker runs from its TypeScript source.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { signCommand } from '../../src-main/cli/pdf-commands';
import { UsageError } from '../../src-main/cli/usage';
import { verifyPdf } from '../../src-main/core/pdf/verify';
import { VanThuError } from '../../src-shared/ipc/errors';
import { makeTestPdf } from '../fixtures/pdf';
import { PERSON_NAME, makeTestPki, type TestPki } from '../fixtures/pki';
import { SOFTHSM_MODULE, TOKEN_PIN, makeSoftToken } from '../unit/keys/pkcs11-softhsm';

const BIN = path.resolve(__dirname, '../../bin/vanthu.cjs');
const PIN_ENV = 'VANTHU_TEST_TOKEN_PIN';

let p: TestPki;
let dir: string;
let plain: string;
let trust: string;
let slotId: string;

beforeAll(async () => {
  p = await makeTestPki(path.join(os.tmpdir(), 'vanthu-test-pki'));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-pkcs11-cli-'));
  plain = path.join(dir, 'plain.pdf');
  fs.writeFileSync(plain, makeTestPdf([['QUYET DINH']]));
  trust = path.join(dir, 'trust');
  fs.mkdirSync(trust);
  fs.copyFileSync(p.root.file, path.join(trust, 'goc.crt'));
  process.env.SOFTHSM2_CONF = makeSoftToken(p).env.SOFTHSM2_CONF;
  const listing = spawnSync('pkcs11-tool', ['--module', SOFTHSM_MODULE, '-L'], { encoding: 'utf8' });
  slotId = String(Number(/Slot \d+ \((0x[0-9a-f]+)\)/.exec(listing.stdout)?.[1]));
}, 120_000);

function quiet() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s) } };
}

async function signerOf(file: string): Promise<string | undefined> {
  const report = await verifyPdf(fs.readFileSync(file), { trustAnchors: [p.root.der], revocation: async () => 'good' });
  expect(report.verdict).toBe('valid');
  return report.signatures[0]?.signer?.subject;
}

describe('vanthu sign --pkcs11 (in-process)', () => {
  it('signs with the first certificate on the token, or the slot given', async () => {
    process.env[PIN_ENV] = TOKEN_PIN;
    const out = path.join(dir, 'token-signed.pdf');
    const { out: printed, io } = quiet();
    const args = ['sign', plain, '--out', out, '--pkcs11', SOFTHSM_MODULE, '--pin-env', PIN_ENV];
    expect(await signCommand(args.slice(1), io)).toBe(0);
    expect(printed.stdout).toContain('Đã ký');
    expect(await signerOf(out)).toBe(PERSON_NAME); // CKA_ID 01 comes first

    const bySlot = path.join(dir, 'token-slot.pdf');
    expect(
      await signCommand(
        [plain, '--out', bySlot, '--pkcs11', SOFTHSM_MODULE, '--slot', slotId, '--pin-env', PIN_ENV],
        io,
      ),
    ).toBe(0);
    expect(await signerOf(bySlot)).toBe(PERSON_NAME);
  }, 60_000);

  it('refuses a wrong PIN, an unknown slot, a missing library and mixed options', async () => {
    const { io } = quiet();
    const out = path.join(dir, 'never.pdf');
    process.env[PIN_ENV] = '000000';
    const base = [plain, '--out', out, '--pkcs11', SOFTHSM_MODULE, '--pin-env', PIN_ENV];
    await expect(signCommand(base, io)).rejects.toMatchObject({ code: 'KEY_SECRET' });
    process.env[PIN_ENV] = TOKEN_PIN;
    await expect(signCommand([...base, '--slot', '424242'], io)).rejects.toBeInstanceOf(VanThuError);
    await expect(
      signCommand([plain, '--out', out, '--pkcs11', path.join(dir, 'khong-co.so'), '--pin-env', PIN_ENV], io),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/Không tìm thấy thư viện PKCS#11/) });
    await expect(signCommand([...base, '--p12', p.leaves.person.p12File], io)).rejects.toBeInstanceOf(UsageError);
    await expect(signCommand([...base, '--slot', 'abc'], io)).rejects.toBeInstanceOf(UsageError);
    await expect(
      signCommand([plain, '--out', out, '--pkcs11', SOFTHSM_MODULE, '--pin-env', 'UNSET_VARIABLE_X'], io),
    ).rejects.toBeInstanceOf(UsageError);
    expect(fs.existsSync(out)).toBe(false);
  }, 60_000);
});

describe('vanthu sign --pkcs11 (built CLI)', () => {
  const vanthu = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
      timeout: 30_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('signs with the token; verify calls it valid; a wrong PIN exits 1 in Vietnamese', () => {
    const signed = path.join(dir, 'cli-token-signed.pdf');
    const sign = vanthu(['sign', plain, '--out', signed, '--pkcs11', SOFTHSM_MODULE, '--pin-env', 'PIN'], {
      PIN: TOKEN_PIN,
    });
    expect(sign.stderr).toBe('');
    expect(sign.code).toBe(0);
    const ok = vanthu(['verify', signed, '--trust', trust]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Nguyễn Văn Ánh/);

    const wrong = vanthu(
      ['sign', plain, '--out', path.join(dir, 'x.pdf'), '--pkcs11', SOFTHSM_MODULE, '--pin-env', 'PIN'],
      { PIN: '000000' },
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Mã PIN không đúng/);
  }, 60_000);
});
