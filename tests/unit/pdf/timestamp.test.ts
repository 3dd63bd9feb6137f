/**
 * PAdES B-T: signatures with an RFC 3161 timestamp from a real (test) TSA over loopback. The
 * time is proven only when the token belongs to the signature and its authority is a trusted
 * TSA; otherwise it stays the signer's claim, labelled so; a token that does not match is an
 * error. A TSA that is down, refuses, or answers for another imprint or nonce makes signing
 * fail, nothing written.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OID, inspectCms } from '../../../src-main/core/pdf/cms';
import { MESSAGES } from '../../../src-main/core/pdf/explain';
import { signPdf } from '../../../src-main/core/pdf/sign';
import { TSA_MESSAGES } from '../../../src-main/core/pdf/timestamp';
import { verifyPdf } from '../../../src-main/core/pdf/verify';
import type { Signer } from '../../../src-main/core/keys/signer';
import type { SignatureReport } from '../../../src-shared/pdf/report';
import { makeTestPdf } from '../../fixtures/pdf';
import type { TestPki } from '../../fixtures/pki';
import { startTestTsa, TEST_TSA_POLICY, type TestTsa } from '../../fixtures/tsa';
import { nssDatabase, pdfsig, pki, signerFor, tmp, write } from './helpers';

let p: TestPki;
/** The test PKI's TSA: its certificate is issued by the test root. */
let tsa: TestTsa;
/** A TSA under a root of its own, trusted only when a test says so. */
let stranger: TestTsa;
let signer: Signer;
const extra: TestTsa[] = [];
beforeAll(async () => {
  p = await pki();
  tsa = await startTestTsa({ pki: p });
  stranger = await startTestTsa();
  signer = await signerFor(p, 'person');
}, 120_000);
afterAll(async () => {
  await tsa?.close();
  await stranger?.close();
  for (const t of extra) await t.close();
});

async function verifyOne(bytes: Uint8Array, anchors: Uint8Array[], now?: Date): Promise<SignatureReport> {
  const report = await verifyPdf(bytes, { trustAnchors: anchors, ...(now ? { now } : {}) });
  expect(report.signatures).toHaveLength(1);
  return report.signatures[0]!;
}

const codes = (s: SignatureReport) => s.reasons.map((r) => r.code);

/** The CMS in a signed file (one signature). */
function cmsOf(bytes: Buffer): Uint8Array {
  const m = /\/Contents <([0-9a-fA-F]+)>/.exec(bytes.toString('latin1'));
  return new Uint8Array(Buffer.from(m![1]!, 'hex'));
}

describe('signing with a timestamp (PAdES B-T)', () => {
  it('puts the token in as id-aa-signatureTimeStampToken; the time is proven, and poppler agrees it is valid', async () => {
    tsa.behaviour = 'good';
    const signed = await signPdf(makeTestPdf(), signer, { timestamp: { url: tsa.url } });
    expect(tsa.lastGenTime).not.toBeNull();

    const cms = await inspectCms(cmsOf(signed));
    expect(cms.timestamp?.status).toBe('valid');
    const info = pkijs.ContentInfo.fromBER(cmsOf(signed).slice().buffer);
    const signerInfo = new pkijs.SignedData({ schema: info.content }).signerInfos[0]!;
    expect(signerInfo.unsignedAttrs?.attributes.map((a) => a.type)).toEqual([OID.timeStampToken]);

    const sig = await verifyOne(signed, [p.root.der]);
    expect(sig.signingTime).toEqual({ value: tsa.lastGenTime!.toISOString(), source: 'timestamp' });
    expect(codes(sig)).toContain('TIME_FROM_TIMESTAMP');
    expect(codes(sig)).not.toContain('TIME_CLAIMED');
    expect(codes(sig)).not.toContain('TIMESTAMP_UNTRUSTED');
    expect(sig.verdict).toBe('valid');

    const file = write(tmp(), 'bt.pdf', signed);
    const [checked] = pdfsig(nssDatabase(p), file);
    expect(checked).toMatchObject({ valid: true, trusted: true });
  });

  it('fails with the reason, writing nothing, when the TSA is down, refuses, or answers for something else', async () => {
    const pdf = makeTestPdf();
    await expect(
      signPdf(pdf, signer, { timestamp: { url: 'http://127.0.0.1:9/tsa', timeoutMs: 2000 } }),
    ).rejects.toThrow(TSA_MESSAGES.unreachable('http://127.0.0.1:9/tsa'));
    tsa.behaviour = 'refuse';
    await expect(signPdf(pdf, signer, { timestamp: { url: tsa.url } })).rejects.toThrow(/từ chối cấp dấu thời gian/);
    tsa.behaviour = 'wrongImprint';
    await expect(signPdf(pdf, signer, { timestamp: { url: tsa.url } })).rejects.toThrow(TSA_MESSAGES.mismatch);
    tsa.behaviour = 'wrongNonce';
    await expect(signPdf(pdf, signer, { timestamp: { url: tsa.url } })).rejects.toThrow(TSA_MESSAGES.mismatch);
    tsa.behaviour = 'hang';
    await expect(signPdf(pdf, signer, { timestamp: { url: tsa.url, timeoutMs: 300 } })).rejects.toThrow(
      TSA_MESSAGES.timeout(tsa.url),
    );
    tsa.behaviour = 'good';
  });

  it('makes room for a token bigger than planned, and keeps a size the caller fixed', async () => {
    tsa.behaviour = 'good';
    // A TSA that sends forty copies of its certificate: the CMS outgrows the usual 32 KiB.
    const bulky = async (signatureValue: Uint8Array) => {
      const token = new pkijs.ContentInfo({ schema: await tsa.timestamper(signatureValue) });
      const signedData = new pkijs.SignedData({ schema: token.content });
      const cert = signedData.certificates![0] as pkijs.Certificate;
      signedData.certificates = Array.from({ length: 40 }, () => cert);
      return new pkijs.ContentInfo({
        contentType: OID.signedData,
        content: signedData.toSchema(true),
      }).toSchema() as asn1js.Sequence;
    };
    const signed = await signPdf(makeTestPdf(), signer, { timestamp: bulky });
    expect(cmsOf(signed).length).toBeGreaterThan(40 * 1024);
    const sig = await verifyOne(signed, [p.root.der]);
    expect(sig.signingTime.source).toBe('timestamp');
    expect(sig.verdict).toBe('valid');
    const [checked] = pdfsig(nssDatabase(p), write(tmp(), 'bulky.pdf', signed));
    expect(checked).toMatchObject({ valid: true, trusted: true });

    await expect(signPdf(makeTestPdf(), signer, { timestamp: bulky, reservedBytes: 32 * 1024 })).rejects.toThrow(
      /lớn hơn chỗ dành sẵn/,
    );
  });
});

describe('checking a timestamp', () => {
  it('a timestamp by an authority nobody trusts leaves the time as claimed, noted, and the signature no worse', async () => {
    stranger.behaviour = 'good';
    const signed = await signPdf(makeTestPdf(), signer, { timestamp: { url: stranger.url } });

    const sig = await verifyOne(signed, [p.root.der]);
    expect(sig.signingTime.source).toBe('claimed');
    expect(sig.signingTime.value).not.toBeNull();
    expect(sig.reasons.find((r) => r.code === 'TIMESTAMP_UNTRUSTED')).toEqual({
      code: 'TIMESTAMP_UNTRUSTED',
      severity: 'warning',
      message: MESSAGES.timestampUntrusted,
    });
    expect(codes(sig)).toContain('TIME_CLAIMED');
    expect(codes(sig)).not.toContain('TIME_FROM_TIMESTAMP');
    expect(sig.verdict).toBe('valid');

    // The same file, with the TSA's root trusted too: now the time is proven.
    const trusted = await verifyOne(signed, [p.root.der, stranger.rootDer]);
    expect(trusted.signingTime).toEqual({ value: stranger.lastGenTime!.toISOString(), source: 'timestamp' });
  });

  it('a token signed by a certificate not made for time-stamping proves nothing, even under a trusted root', async () => {
    for (const eku of ['nonCritical', 'none'] as const) {
      const odd = await startTestTsa({ eku });
      extra.push(odd);
      // The client would refuse such a TSA; a token made directly shows what the verifier does.
      const signed = await signPdf(makeTestPdf(), signer, { timestamp: odd.timestamper });
      const sig = await verifyOne(signed, [p.root.der, odd.rootDer]);
      expect(sig.signingTime.source).toBe('claimed');
      expect(sig.reasons.find((r) => r.code === 'TIMESTAMP_UNTRUSTED')).toMatchObject({
        severity: 'warning',
        message: MESSAGES.timestampNotTsa,
      });
    }
  }, 60_000);

  it('a TSA certificate not valid when it stamped, or no longer valid now, proves nothing', async () => {
    const expired = await startTestTsa({ notBefore: new Date('2020-01-01Z'), notAfter: new Date('2021-01-01Z') });
    extra.push(expired);
    const signed = await signPdf(makeTestPdf(), signer, { timestamp: { url: expired.url } });
    const sig = await verifyOne(signed, [p.root.der, expired.rootDer]);
    expect(sig.signingTime.source).toBe('claimed');
    expect(sig.reasons.find((r) => r.code === 'TIMESTAMP_UNTRUSTED')?.message).toBe(MESSAGES.timestampUntrusted);

    // Valid at the stamped time; checked in a year after the TSA certificate ended (2039).
    stranger.behaviour = 'good';
    const later = await signPdf(makeTestPdf(), signer, { timestamp: { url: stranger.url } });
    const now = await verifyOne(later, [p.root.der, stranger.rootDer]);
    expect(now.signingTime.source).toBe('timestamp');
    const afterwards = await verifyOne(later, [p.root.der, stranger.rootDer], new Date('2039-06-01T00:00:00Z'));
    expect(afterwards.signingTime.source).toBe('claimed');
    expect(afterwards.reasons.find((r) => r.code === 'TIMESTAMP_UNTRUSTED')?.message).toBe(MESSAGES.timestampExpired);
  }, 60_000);

  it('a TSA with a weak key proves nothing', async () => {
    const weak = await startTestTsa({ keyBits: 1024 });
    extra.push(weak);
    const signed = await signPdf(makeTestPdf(), signer, { timestamp: { url: weak.url } });
    const sig = await verifyOne(signed, [p.root.der, weak.rootDer]);
    expect(sig.signingTime.source).toBe('claimed');
    expect(sig.reasons.find((r) => r.code === 'TIMESTAMP_UNTRUSTED')?.message).toBe(MESSAGES.timestampWeak);
  }, 60_000);

  it('a token whose TSA certificate is nowhere in the file cannot be checked: claimed time, noted', async () => {
    tsa.behaviour = 'noCertificate';
    const signed = await signPdf(makeTestPdf(), signer, { timestamp: tsa.timestamper });
    tsa.behaviour = 'good';
    const sig = await verifyOne(signed, [p.root.der]);
    expect(sig.signingTime.source).toBe('claimed');
    expect(sig.reasons.find((r) => r.code === 'TIMESTAMP_UNTRUSTED')).toMatchObject({
      severity: 'warning',
      message: MESSAGES.timestampUnverifiable,
    });
  });

  it('a token changed in the file is invalid', async () => {
    tsa.behaviour = 'good';
    const signed = Buffer.from(await signPdf(makeTestPdf(), signer, { timestamp: { url: tsa.url } }));
    expect((await verifyOne(signed, [p.root.der])).signingTime.source).toBe('timestamp');
    // The token's policy OID 1.2.3.4.5 (06 04 2a 03 04 05) sits inside /Contents, as hex.
    expect(TEST_TSA_POLICY).toBe('1.2.3.4.5');
    const at = signed.indexOf('06042a030405', 0, 'latin1');
    expect(at).toBeGreaterThan(0);
    signed.write('7', at + 11, 'latin1'); // 1.2.3.4.5 -> 1.2.3.4.7
    const sig = await verifyOne(signed, [p.root.der]);
    expect(sig.reasons.find((r) => r.code === 'TIMESTAMP_INVALID')).toMatchObject({ severity: 'error' });
    expect(sig.signingTime.source).not.toBe('timestamp');
    expect(sig.verdict).toBe('invalid');
  });

  it('a token over another signature, or naming another certificate, is invalid', async () => {
    tsa.behaviour = 'good';
    const other = await signPdf(makeTestPdf(), signer, {
      timestamp: () => tsa.timestamper(new Uint8Array([1, 2, 3])),
    });
    const sig = await verifyOne(other, [p.root.der]);
    expect(codes(sig)).toContain('TIMESTAMP_INVALID');
    expect(sig.verdict).toBe('invalid');

    tsa.behaviour = 'wrongEssCertificate';
    const misnamed = await signPdf(makeTestPdf(), signer, { timestamp: tsa.timestamper });
    tsa.behaviour = 'good';
    const sig2 = await verifyOne(misnamed, [p.root.der]);
    expect(codes(sig2)).toContain('TIMESTAMP_INVALID');
    expect(sig2.verdict).toBe('invalid');
  });
});
