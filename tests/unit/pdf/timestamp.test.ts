/**
 * PAdES B-T: signatures with an RFC 3161 timestamp from a real (test) TSA over loopback. The
 * time is proven when the TSA is trusted, labelled as claimed when it is not; a TSA that is
 * down, refuses, or answers for another imprint or nonce makes signing fail, nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../../src-main/core/pdf/sign';
import { verifyPdf } from '../../../src-main/core/pdf/verify';
import type { Signer } from '../../../src-main/core/keys/signer';
import { makeTestPdf } from '../../fixtures/pdf';
import type { TestPki } from '../../fixtures/pki';
import { startTestTsa, type TestTsa } from '../../fixtures/tsa';
import { nssDatabase, pdfsig, pki, signerFor, tmp, write } from './helpers';

let p: TestPki;
let tsa: TestTsa;
let signer: Signer;
beforeAll(async () => {
  p = await pki();
  tsa = await startTestTsa();
  signer = await signerFor(p, 'person');
}, 120_000);
afterAll(() => tsa?.close());

describe('signature timestamps (PAdES B-T)', () => {
  it('stamps the signature; with the TSA trusted the time is proven, and poppler agrees it is valid', async () => {
    tsa.behaviour = 'good';
    const before = new Date();
    const signed = await signPdf(makeTestPdf(), signer, { timestamp: { url: tsa.url } });
    const report = await verifyPdf(signed, { trustAnchors: [p.root.der, tsa.rootDer] });
    const [sig] = report.signatures;
    expect(sig!.signingTime.source).toBe('timestamp');
    expect(Date.parse(sig!.signingTime.value!)).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(sig!.reasons.map((r) => r.code)).toContain('TIME_FROM_TIMESTAMP');
    expect(sig!.reasons.map((r) => r.code)).not.toContain('TIME_CLAIMED');
    expect(report.verdict).not.toBe('invalid');

    const file = write(tmp(), 'bt.pdf', signed);
    const [checked] = pdfsig(nssDatabase(p), file);
    expect(checked).toMatchObject({ valid: true, trusted: true });
  });

  it('a timestamp by an authority nobody trusts leaves the time as claimed, noted', async () => {
    tsa.behaviour = 'good';
    const signed = await signPdf(makeTestPdf(), signer, { timestamp: { url: tsa.url } });
    const [sig] = (await verifyPdf(signed, { trustAnchors: [p.root.der] })).signatures;
    expect(sig!.signingTime.source).toBe('claimed');
    expect(sig!.reasons.find((r) => r.code === 'TIMESTAMP_UNTRUSTED')).toMatchObject({ severity: 'warning' });
  });

  it('a token changed in the file is invalid', async () => {
    tsa.behaviour = 'good';
    const signed = Buffer.from(await signPdf(makeTestPdf(), signer, { timestamp: { url: tsa.url } }));
    // The token's policy OID 1.2.3.4.5 (06 04 2a 03 04 05) sits inside /Contents, as hex.
    const at = signed.indexOf('06042a03040', 0, 'latin1');
    expect(at).toBeGreaterThan(0);
    signed.write('06042a03040', at, 'latin1');
    signed.write('7', at + 11, 'latin1'); // 1.2.3.4.5 -> 1.2.3.4.7
    const [sig] = (await verifyPdf(signed, { trustAnchors: [p.root.der, tsa.rootDer] })).signatures;
    expect(sig!.reasons.map((r) => r.code)).toContain('TIMESTAMP_INVALID');
    expect(sig!.verdict).toBe('invalid');
  });

  it('fails with the reason, writing nothing, when the TSA is down, refuses, or answers for something else', async () => {
    const pdf = makeTestPdf();
    await expect(
      signPdf(pdf, signer, { timestamp: { url: 'http://127.0.0.1:9/tsa', timeoutMs: 2000 } }),
    ).rejects.toThrow(/Không kết nối được máy chủ dấu thời gian/);
    tsa.behaviour = 'refuse';
    await expect(signPdf(pdf, signer, { timestamp: { url: tsa.url } })).rejects.toThrow(/từ chối cấp dấu thời gian/);
    tsa.behaviour = 'wrongImprint';
    await expect(signPdf(pdf, signer, { timestamp: { url: tsa.url } })).rejects.toThrow(/không khớp với chữ ký/);
    tsa.behaviour = 'wrongNonce';
    await expect(signPdf(pdf, signer, { timestamp: { url: tsa.url } })).rejects.toThrow(/không khớp với chữ ký/);
  });
});
