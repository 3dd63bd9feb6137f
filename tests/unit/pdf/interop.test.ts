/**
 * Our signatures as other tools see them, and other tools' signatures as we see them: poppler's
 * pdfsig (trusting the test root through an NSS database) and qpdf --check.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestPki } from '../../fixtures/pki';
import { makeTestPdf } from '../../fixtures/pdf';
import { signPdf } from '../../../src-main/core/pdf/sign';
import { verifyPdf } from '../../../src-main/core/pdf/verify';
import { nssDatabase, pdfsig, pki, qpdfCheck, signerFor, tmp, write } from './helpers';

let p: TestPki;
let nss: string;
let dir: string;

beforeAll(async () => {
  p = await pki();
  nss = nssDatabase(p);
  dir = tmp();
}, 120_000);

const offline = async () => null;
const allGood = async () => 'good' as const;

describe('signatures made by VanThu', () => {
  it('stay valid and trusted for pdfsig and clean for qpdf after one, two and three signatures', async () => {
    let bytes: Uint8Array = makeTestPdf([['UBND XA HOA BINH', 'QUYET DINH'], ['Trang hai']]);
    const leaves = ['person', 'organisation', 'person'] as const;
    for (const [i, leaf] of leaves.entries()) {
      const signer = await signerFor(p, leaf);
      bytes = await signPdf(bytes, signer, { reason: 'Phê duyệt văn bản' });
      const file = write(dir, `signed-${i + 1}.pdf`, bytes);
      const seen = pdfsig(nss, file);
      expect(seen, `pdfsig after ${i + 1} signature(s)`).toHaveLength(i + 1);
      for (const s of seen) expect(s, s.raw).toMatchObject({ valid: true, trusted: true });
      expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/);

      const report = await verifyPdf(bytes, { trustAnchors: [p.root.der], revocation: allGood });
      expect(report.signatures).toHaveLength(i + 1);
      expect(
        report.verdict,
        JSON.stringify(
          report.signatures.map((s) => s.reasons),
          null,
          1,
        ),
      ).toBe('valid');
    }
  }, 60_000);

  it('signs a file with compressed cross-reference and object streams', async () => {
    const plain = write(dir, 'plain.pdf', makeTestPdf([['Xref stream']]));
    const compressed = path.join(dir, 'compressed.pdf');
    execFileSync('qpdf', ['--object-streams=generate', plain, compressed]);
    const signed = await signPdf(fs.readFileSync(compressed), await signerFor(p, 'person'));
    const file = write(dir, 'compressed-signed.pdf', signed);
    expect(pdfsig(nss, file)).toEqual([expect.objectContaining({ valid: true, trusted: true })]);
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/);
    expect((await verifyPdf(signed, { trustAnchors: [p.root.der] })).verdict).toBe('valid');
  }, 30_000);

  it('explains an unreachable revocation source as indeterminate, not valid', async () => {
    const signed = await signPdf(makeTestPdf(), await signerFor(p, 'organisation'));
    const report = await verifyPdf(signed, { trustAnchors: [p.root.der], revocation: offline });
    expect(report.verdict).toBe('indeterminate');
    expect(report.signatures[0]?.revocation).toBe('unknown');
    expect(report.signatures[0]?.reasons.map((r) => r.code)).toContain('REVOCATION_UNKNOWN');
  });
});

describe('signatures made by other tools', () => {
  it('verifies a PDF signed by pdfsig -add-signature', async () => {
    const plain = write(dir, 'for-poppler.pdf', makeTestPdf([['Poppler']]));
    const out = path.join(dir, 'poppler-signed.pdf');
    execFileSync('pdfsig', ['-nssdir', `sql:${nss}`, '-add-signature', '-nick', 'Nguyễn Văn Ánh', plain, out], {
      stdio: 'ignore',
    });
    const report = await verifyPdf(fs.readFileSync(out), { trustAnchors: [p.root.der] });
    expect(report.verdict, JSON.stringify(report.signatures[0]?.reasons)).toBe('valid');
    expect(report.signatures[0]?.signer?.commonName).toBe('Nguyễn Văn Ánh');
  }, 30_000);

  it('verifies a PDF whose original has cross-reference streams, signed by pdfsig', async () => {
    const plain = write(dir, 'xs.pdf', makeTestPdf([['Poppler xref stream']]));
    const compressed = path.join(dir, 'xs-compressed.pdf');
    execFileSync('qpdf', ['--object-streams=generate', plain, compressed]);
    const out = path.join(dir, 'xs-poppler-signed.pdf');
    execFileSync('pdfsig', ['-nssdir', `sql:${nss}`, '-add-signature', '-nick', 'Nguyễn Văn Ánh', compressed, out], {
      stdio: 'ignore',
    });
    expect((await verifyPdf(fs.readFileSync(out), { trustAnchors: [p.root.der] })).verdict).toBe('valid');
  }, 30_000);
});
