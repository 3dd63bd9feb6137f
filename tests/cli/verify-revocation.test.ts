/**
 * `vanthu verify` looks revocation up online by default (here: a loopback CRL distribution point
 * and OCSP responder) and not at all with --offline; the exit codes stay 0 valid, 1 invalid,
 * 2 undecided.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cryptoKeySigner } from '../../src-main/core/keys/crypto-key-signer';
import { signPdf } from '../../src-main/core/pdf/sign';
import { makeTestPdf } from '../fixtures/pdf';
import { startRevocationServer, type RevocationServer } from '../fixtures/revocation-server';

const BIN = path.resolve(__dirname, '../../bin/vanthu.cjs');

/** Asynchronous: the servers answering the CLI live in this process. */
function vanthu(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

let server: RevocationServer;
let dir: string;
let trust: string;
let signed: string;

beforeAll(async () => {
  server = await startRevocationServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-revcli-'));
  trust = path.join(dir, 'trust');
  fs.mkdirSync(trust);
  fs.writeFileSync(path.join(trust, 'goc.cer'), server.pki.root.der);
  const leaf = server.pki.leaves.both;
  const pdf = await signPdf(
    makeTestPdf([['QUYET DINH']]),
    cryptoKeySigner({
      key: leaf.keys.privateKey,
      keyAlgorithm: 'ECDSA-P256',
      label: 'test',
      certificate: leaf.der,
      chain: [server.pki.ca.der, server.pki.root.der],
    }),
  );
  signed = path.join(dir, 'signed.pdf');
  fs.writeFileSync(signed, pdf);
}, 120_000);
afterAll(() => server?.close());

describe('vanthu verify and revocation', () => {
  it('online by default: valid via OCSP (exit 0), revoked (exit 1); --offline: undecided (exit 2)', async () => {
    const dataDir = path.join(dir, 'data');
    const ok = await vanthu(['--data-dir', dataDir, 'verify', signed, '--trust', trust]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Tra cứu thu hồi: OCSP/);
    expect(ok.stdout).toMatch(/REVOCATION_GOOD/);

    const requests = server.requests.ocsp + server.requests.crl;
    const offline = await vanthu(['--data-dir', dataDir, 'verify', signed, '--trust', trust, '--offline', '--json']);
    expect(offline.code).toBe(2);
    const report = JSON.parse(offline.stdout) as { signatures: { revocation: string; reasons: { code: string }[] }[] };
    expect(report.signatures[0]!.revocation).toBe('unknown');
    expect(report.signatures[0]!.reasons.map((r) => r.code)).toContain('REVOCATION_UNKNOWN');
    expect(server.requests.ocsp + server.requests.crl).toBe(requests);

    server.revoke(server.pki.leaves.both, new Date(Date.now() - 3600_000));
    try {
      const revoked = await vanthu(['--data-dir', dataDir, 'verify', signed, '--trust', trust]);
      expect(revoked.code).toBe(1);
      expect(revoked.stdout).toMatch(/REVOKED/);
    } finally {
      server.reset();
    }
  });

  it('with the register’s cache, --offline answers from what was fetched before', async () => {
    const dataDir = path.join(dir, 'register');
    const setup = await vanthu([
      '--data-dir',
      dataDir,
      'setup',
      '--org-name',
      'UBND xã Hòa Bình',
      '--organ-id',
      '000.00.00.H41',
      '--abbr',
      'UBND',
      '--regime',
      'state',
      '--term-name',
      '2021-2026',
      '--term-start',
      '2021-07-01',
      '--admin-user',
      'admin',
      '--admin-name',
      'Nguyễn Văn An',
      '--admin-password',
      'matkhau123',
    ]);
    expect(setup.code).toBe(0);
    expect((await vanthu(['--data-dir', dataDir, 'verify', signed, '--trust', trust])).code).toBe(0);
    await server.stop();
    try {
      const offline = await vanthu(['--data-dir', dataDir, 'verify', signed, '--trust', trust, '--offline']);
      expect(offline.code).toBe(0);
      expect(offline.stdout).toMatch(/OCSP đã lưu/);
    } finally {
      await server.restart();
    }
  });
});
