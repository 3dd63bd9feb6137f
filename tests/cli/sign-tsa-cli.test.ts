/**
 * `vanthu sign --tsa URL`: a PAdES B-T signature from a loopback TSA, whose time `vanthu verify`
 * then reports as proven; a TSA that fails makes the command fail with its reason, and no file
 * is written.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TSA_MESSAGES } from '../../src-main/core/pdf/timestamp';
import type { DocumentReport } from '../../src-shared/pdf/report';
import { makeTestPdf } from '../fixtures/pdf';
import { makeTestPki, type TestPki } from '../fixtures/pki';
import { startTestTsa, type TestTsa } from '../fixtures/tsa';

const BIN = path.resolve(__dirname, '../../bin/vanthu.cjs');

/** Asynchronous: the TSA answering the CLI lives in this process. */
function vanthu(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
      },
    );
  });
}

let p: TestPki;
let tsa: TestTsa;
let dir: string;
let trust: string;
let plain: string;

beforeAll(async () => {
  p = await makeTestPki(path.join(os.tmpdir(), 'vanthu-test-pki'));
  tsa = await startTestTsa({ pki: p });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-tsacli-'));
  trust = path.join(dir, 'trust');
  fs.mkdirSync(trust);
  fs.copyFileSync(p.root.file, path.join(trust, 'goc.crt'));
  plain = path.join(dir, 'plain.pdf');
  fs.writeFileSync(plain, makeTestPdf([['QUYET DINH']]));
}, 120_000);
afterAll(() => tsa?.close());

const sign = (out: string, url: string) =>
  vanthu(['sign', plain, '--out', out, '--p12', p.leaves.person.p12File, '--pass-env', 'P12_PASS', '--tsa', url], {
    P12_PASS: p.leaves.person.p12Password,
  });

describe('vanthu sign --tsa', () => {
  it('signs with a timestamp whose time vanthu verify reports as proven', async () => {
    tsa.behaviour = 'good';
    const out = path.join(dir, 'bt.pdf');
    const before = tsa.requests;
    const signed = await sign(out, tsa.url);
    expect(signed.stderr).toBe('');
    expect(signed.code).toBe(0);
    expect(tsa.requests).toBe(before + 1);

    const verified = await vanthu(['verify', out, '--trust', trust, '--offline', '--json']);
    expect(verified.code).toBe(0);
    const report = JSON.parse(verified.stdout) as DocumentReport;
    expect(report.signatures[0]!.signingTime).toEqual({ value: tsa.lastGenTime!.toISOString(), source: 'timestamp' });
    const text = await vanthu(['verify', out, '--trust', trust, '--offline']);
    expect(text.stdout).toMatch(/\(dấu thời gian\)/);
  });

  it('fails with the reason and writes nothing when the TSA is down or answers wrongly', async () => {
    const down = path.join(dir, 'down.pdf');
    const r = await sign(down, 'http://127.0.0.1:9/tsa');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(TSA_MESSAGES.unreachable('http://127.0.0.1:9/tsa'));
    expect(fs.existsSync(down)).toBe(false);
    expect(fs.existsSync(`${down}.partial`)).toBe(false);

    tsa.behaviour = 'wrongNonce';
    const wrong = path.join(dir, 'wrong.pdf');
    const w = await sign(wrong, tsa.url);
    tsa.behaviour = 'good';
    expect(w.code).toBe(1);
    expect(w.stderr).toContain(TSA_MESSAGES.mismatch);
    expect(fs.existsSync(wrong)).toBe(false);
  });

  it('gives the TSA an account with --tsa-user and --tsa-pass-env', async () => {
    const guarded = await startTestTsa({ pki: p, auth: { username: 'vanthu', password: 'mật-khẩu' } });
    try {
      const base = ['sign', plain, '--p12', p.leaves.person.p12File, '--pass-env', 'P12_PASS', '--tsa', guarded.url];
      const env = { P12_PASS: p.leaves.person.p12Password, TSA_PASS: 'mật-khẩu' };
      const refused = await vanthu([...base, '--out', path.join(dir, 'noauth.pdf')], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(TSA_MESSAGES.refused('HTTP 401: sai hoặc thiếu tài khoản truy cập'));
      expect(fs.existsSync(path.join(dir, 'noauth.pdf'))).toBe(false);

      const out = path.join(dir, 'auth.pdf');
      const ok = await vanthu([...base, '--out', out, '--tsa-user', 'vanthu', '--tsa-pass-env', 'TSA_PASS'], env);
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      expect(fs.existsSync(out)).toBe(true);

      const withoutTsa = base.filter((a) => a !== '--tsa' && a !== guarded.url);
      const usage = await vanthu([...withoutTsa, '--out', path.join(dir, 'x.pdf'), '--tsa-user', 'vanthu'], env);
      expect(usage.code).toBe(64);
      expect(usage.stderr).toContain('--tsa-user và --tsa-pass-env chỉ dùng với --tsa URL');
    } finally {
      await guarded.close();
    }
  });

  it('documents --tsa in the usage', async () => {
    const help = await vanthu(['help']);
    expect(help.stdout).toMatch(/--tsa URL/);
  });
});
