/**
 * Certificate revocation through a real CRL distribution point and OCSP responder on loopback:
 * answers are believed only when signed by the issuer (or its delegated responder), current,
 * and about this certificate; nothing known is "unknown", never "valid"; the offline cache
 * answers while its data is current and not after.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cryptoKeySigner } from '../../../src-main/core/keys/crypto-key-signer';
import { openDatabase, type Sqlite } from '../../../src-main/core/db/open';
import { signPdf, type SignOptions } from '../../../src-main/core/pdf/sign';
import { verifyPdf } from '../../../src-main/core/pdf/verify';
import {
  checkCrl,
  createRevocationChecker,
  memoryRevocationStore,
  RevocationRefused,
  sqliteRevocationStore,
  statusAtSigning,
  type RevocationCheckerOptions,
} from '../../../src-main/core/pdf/revocation';
import { ensureCryptoEngine, parseCertificate } from '../../../src-main/core/pdf/cms';
import type { DocumentReport } from '../../../src-shared/pdf/report';
import { makeTestPdf } from '../../fixtures/pdf';
import { loadX509, REVOCATION_CA_NAME, type KeyedCert } from '../../fixtures/pki';
import { startRevocationServer, type RevocationServer } from '../../fixtures/revocation-server';
import { startTestTsa, type TestTsa } from '../../fixtures/tsa';
import { tmp } from './helpers';

let server: RevocationServer;
let tsa: TestTsa;
const pdfs = {} as Record<'both' | 'crlOnly' | 'ocspOnly', Buffer>;

function signer(leaf: KeyedCert) {
  return cryptoKeySigner({
    key: leaf.keys.privateKey,
    keyAlgorithm: 'ECDSA-P256',
    label: 'test',
    certificate: leaf.der,
    chain: [server.pki.ca.der, server.pki.root.der],
  });
}

async function sign(leaf: KeyedCert, options: SignOptions = {}): Promise<Buffer> {
  return signPdf(makeTestPdf([['QUYET DINH']]), signer(leaf), options);
}

/** Short timeouts: a test never waits for a real network's. */
function checker(options: RevocationCheckerOptions = {}) {
  return createRevocationChecker({ connectTimeoutMs: 500, timeoutMs: 1_500, ...options });
}

async function verify(pdf: Uint8Array, c: ReturnType<typeof checker>, anchors: Uint8Array[] = []) {
  return verifyPdf(pdf, { trustAnchors: [server.pki.root.der, ...anchors], revocation: c.check });
}

function problems(report: DocumentReport): string[] {
  return report.signatures.flatMap((s) =>
    s.reasons.filter((r) => r.severity === 'error' || r.severity === 'unknown').map((r) => r.code),
  );
}

const cert = (k: KeyedCert) => parseCertificate(k.der);

beforeAll(async () => {
  ensureCryptoEngine();
  server = await startRevocationServer();
  tsa = await startTestTsa();
  for (const name of ['both', 'crlOnly', 'ocspOnly'] as const) pdfs[name] = await sign(server.pki.leaves[name]);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await tsa?.close();
});

beforeEach(async () => {
  server.reset();
  await server.restart(); // listening again if a test stopped it
});

describe('online answers', () => {
  it('good via OCSP: valid, and the report says where the answer came from', async () => {
    const before = { ...server.requests };
    const report = await verify(pdfs.both, checker());
    expect(report.verdict).toBe('valid');
    const [sig] = report.signatures;
    expect(sig!.revocation).toBe('good');
    expect(sig!.revocationSource).toBe('ocsp');
    expect(sig!.revocationEvidence).toMatchObject({ url: server.pki.urls.ocsp, sha256: expect.any(String) });
    expect(server.requests.ocsp).toBe(before.ocsp + 1);
    expect(server.requests.crl).toBe(before.crl); // OCSP answered: no CRL download
  });

  it('revoked via CRL: invalid, REVOKED', async () => {
    server.revoke(server.pki.leaves.crlOnly, new Date(Date.now() - 3600_000));
    const report = await verify(pdfs.crlOnly, checker());
    expect(report.verdict).toBe('invalid');
    expect(problems(report)).toContain('REVOKED');
    expect(report.signatures[0]!.revocationSource).toBe('crl');
  });

  it('revoked via OCSP: invalid, REVOKED', async () => {
    server.revoke(server.pki.leaves.ocspOnly, new Date(Date.now() - 3600_000));
    const report = await verify(pdfs.ocspOnly, checker());
    expect(report.verdict).toBe('invalid');
    expect(problems(report)).toContain('REVOKED');
    expect(report.signatures[0]!.revocationSource).toBe('ocsp');
  });

  it('reads a CRL published as PEM', async () => {
    server.crl = 'pem';
    const report = await verify(pdfs.crlOnly, checker());
    expect(report.verdict).toBe('valid');
  });

  it('falls back to the CRL when the OCSP responder fails', async () => {
    server.ocsp = 'down';
    const report = await verify(pdfs.both, checker());
    expect(report.verdict).toBe('valid');
    expect(report.signatures[0]!.revocationSource).toBe('crl');
  });
});

describe('nothing known is unknown', () => {
  it('responder down and no cache: indeterminate REVOCATION_UNKNOWN, quickly', async () => {
    await server.stop();
    const c = checker();
    const started = Date.now();
    const report = await verify(pdfs.both, c);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(report.verdict).toBe('indeterminate');
    expect(problems(report)).toEqual(['REVOCATION_UNKNOWN']);
    expect(report.signatures[0]!.revocation).toBe('unknown');
    expect(report.signatures[0]!.revocationSource).toBeNull();
    expect(c.unreachableHosts()).toEqual([new URL(server.baseUrl).host]);
    // The host is not tried again at once, and the probe says it is still down.
    expect(await c.probe()).toBe(false);
    await server.restart();
    expect(await c.probe()).toBe(true);
    expect(c.unreachableHosts()).toEqual([]);
  });

  it('HTTP errors from both sources: unknown', async () => {
    server.ocsp = 'down';
    server.crl = 'down';
    const result = await checker().check(cert(server.pki.leaves.both), cert(server.pki.ca));
    expect(result.status).toBeNull();
    expect(result.problems!.join('\n')).toMatch(/HTTP 503/);
  });

  it('without an issuer nothing can be checked', async () => {
    const requests = { ...server.requests };
    const result = await checker().check(cert(server.pki.leaves.both), null);
    expect(result.status).toBeNull();
    expect(server.requests).toEqual(requests);
    // Nor with a certificate that did not issue it.
    expect((await checker().check(cert(server.pki.leaves.both), cert(server.pki.root))).status).toBeNull();
    expect(server.requests).toEqual(requests);
  });

  it('a hanging responder is given up after the timeout; an oversized CRL is refused', async () => {
    server.ocsp = 'hang';
    server.crl = 'huge';
    const started = Date.now();
    const result = await checker({ timeoutMs: 300, maxCrlBytes: 1024 }).check(
      cert(server.pki.leaves.both),
      cert(server.pki.ca),
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result.status).toBeNull();
    const text = result.problems!.join('\n');
    expect(text).toMatch(/no answer within 300 ms/);
    expect(text).toMatch(/limit/);
  });
});

describe('the offline cache', () => {
  let sqlite: Sqlite;
  beforeAll(() => {
    const dir = tmp('vanthu-revocation-');
    sqlite = openDatabase({
      file: path.join(dir, 'vanthu.sqlite'),
      migrationsDir: path.resolve(__dirname, '../../../migrations'),
      backupsDir: path.join(dir, 'backups'),
      key: crypto.randomBytes(32),
    }).sqlite;
  });
  afterAll(() => sqlite?.close());

  it('a cached current CRL answers offline; an expired one does not', async () => {
    const store = sqliteRevocationStore(sqlite);
    const online = await verify(pdfs.crlOnly, checker({ store }));
    expect(online.signatures[0]!.revocationSource).toBe('crl');
    const row = sqlite.prepare("SELECT kind, source_url, next_update FROM revocation_cache WHERE kind = 'crl'").get();
    expect(row).toMatchObject({ kind: 'crl', source_url: server.pki.urls.crl });

    await server.stop();
    const requests = { ...server.requests };
    const offline = await verify(pdfs.crlOnly, checker({ store, offline: true }));
    expect(offline.verdict).toBe('valid');
    expect(offline.signatures[0]!.revocationSource).toBe('cache-crl');
    expect(offline.signatures[0]!.revocationEvidence?.sha256).toBe(online.signatures[0]!.revocationEvidence?.sha256);
    // Online but the server is down: the cache answers too.
    expect((await verify(pdfs.crlOnly, checker({ store }))).signatures[0]!.revocationSource).toBe('cache-crl');
    expect(server.requests).toEqual(requests);

    // Two hours later the CRL (valid for one) is out of date: unknown, not good.
    const later = checker({ store, offline: true, now: () => new Date(Date.now() + 2 * 3600_000) });
    const stale = await verify(pdfs.crlOnly, later);
    expect(stale.verdict).toBe('indeterminate');
    expect(problems(stale)).toEqual(['REVOCATION_UNKNOWN']);
  });

  it('a cached OCSP response answers offline for its certificate only', async () => {
    const store = memoryRevocationStore();
    await verify(pdfs.ocspOnly, checker({ store }));
    expect(store.entries().map((e) => e.kind)).toEqual(['ocsp']);
    const offline = checker({ store, offline: true });
    const report = await verify(pdfs.ocspOnly, offline);
    expect(report.verdict).toBe('valid');
    expect(report.signatures[0]!.revocationSource).toBe('cache-ocsp');
    // Another certificate of the same issuer: no cached answer for it.
    expect((await verify(pdfs.both, offline)).verdict).toBe('indeterminate');
  });

  it('offline with an empty cache: unknown, and the network is not touched', async () => {
    const requests = { ...server.requests };
    const report = await verify(pdfs.both, checker({ offline: true }));
    expect(report.verdict).toBe('indeterminate');
    expect(server.requests).toEqual(requests);
  });
});

describe('answers that must not be believed', () => {
  it('a CRL signed by another key (same issuer name) is not accepted, nor cached', async () => {
    server.crl = 'impostor';
    const store = memoryRevocationStore();
    const c = checker({ store });
    const result = await c.check(cert(server.pki.leaves.crlOnly), cert(server.pki.ca));
    expect(result.status).toBeNull();
    expect(result.problems!.join('\n')).toMatch(/signature does not verify/);
    expect(store.entries()).toEqual([]);
    expect((await verify(pdfs.crlOnly, c)).verdict).toBe('indeterminate');
  });

  it('an indirect CRL is refused as unsupported; an out-of-date one as not current', async () => {
    server.crl = 'indirect';
    const indirect = await checker().check(cert(server.pki.leaves.crlOnly), cert(server.pki.ca));
    expect(indirect.status).toBeNull();
    expect(indirect.problems!.join('\n')).toMatch(/indirect CRL/);
    server.crl = 'expired';
    const expired = await checker().check(cert(server.pki.leaves.crlOnly), cert(server.pki.ca));
    expect(expired.status).toBeNull();
    expect(expired.problems!.join('\n')).toMatch(/out of date/);
  });

  it('checkCrl refuses a CRL from another issuer than the certificate names', async () => {
    const res = await fetch(server.pki.urls.crl);
    const der = new Uint8Array(await res.arrayBuffer());
    const leaf = cert(server.pki.leaves.crlOnly);
    const good = await checkCrl(der, { cert: leaf, issuer: cert(server.pki.ca), now: new Date(), urls: [] });
    expect(good.status).toBe('good');
    await expect(
      checkCrl(der, { cert: leaf, issuer: cert(server.pki.root), now: new Date(), urls: [] }),
    ).rejects.toThrow(RevocationRefused);
  });

  it('an OCSP response with a wrong nonce is not accepted', async () => {
    server.ocsp = 'wrongNonce';
    const result = await checker().check(cert(server.pki.leaves.ocspOnly), cert(server.pki.ca));
    expect(result.status).toBeNull();
    expect(result.problems!.join('\n')).toMatch(/nonce does not match/);
  });

  it('an OCSP response for another CertID is not accepted', async () => {
    server.ocsp = 'wrongCertId';
    const result = await checker().check(cert(server.pki.leaves.ocspOnly), cert(server.pki.ca));
    expect(result.status).toBeNull();
    expect(result.problems!.join('\n')).toMatch(/CertID mismatch/);
  });

  it('a response without a nonce is taken (pre-produced responses); "unknown" is not an answer', async () => {
    server.ocsp = 'noNonce';
    expect((await checker().check(cert(server.pki.leaves.ocspOnly), cert(server.pki.ca))).status).toBe('good');
    server.ocsp = 'unknown';
    const unknown = await checker().check(cert(server.pki.leaves.ocspOnly), cert(server.pki.ca));
    expect(unknown.status).toBeNull();
    expect(unknown.problems!.join('\n')).toMatch(/does not know/);
  });

  it('a delegated responder needs OCSPSigning and the issuer’s signature', async () => {
    const leaf = cert(server.pki.leaves.ocspOnly);
    const ca = cert(server.pki.ca);
    server.ocspSigner = 'responder';
    expect((await checker().check(leaf, ca)).status).toBe('good');
    server.ocspSigner = 'notResponder';
    const notResponder = await checker().check(leaf, ca);
    expect(notResponder.status).toBeNull();
    expect(notResponder.problems!.join('\n')).toMatch(/OCSPSigning/);
    server.ocspSigner = 'impostor';
    const impostor = await checker().check(leaf, ca);
    expect(impostor.status).toBeNull();
    expect(impostor.problems!.join('\n')).toMatch(/not issued by the issuer|signature does not verify/);
  });

  it('the issuer is taken from the trusted path: a certificate the CA did not issue is not trusted', async () => {
    // Same issuer name, signed with another key, the real CA's certificate travelling with it.
    const x509 = await loadX509();
    const keys = (await crypto.webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const forged = await x509.X509CertificateGenerator.create({
      serialNumber: '0badc0de',
      subject: 'CN=Giả mạo, O=Ủy ban nhân dân xã Hòa Bình, C=VN',
      issuer: REVOCATION_CA_NAME,
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter: new Date(Date.now() + 86_400_000),
      publicKey: keys.publicKey,
      signingKey: server.pki.impostor.keys.privateKey,
      signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      extensions: [new x509.CRLDistributionPointsExtension([server.pki.urls.crl])],
    });
    const pdf = await sign({ der: new Uint8Array(forged.rawData), keys });
    let asked: pkijs.Certificate | null | undefined;
    const report = await verifyPdf(pdf, {
      trustAnchors: [server.pki.root.der],
      revocation: async (_cert, issuer) => {
        asked = issuer;
        return 'good';
      },
    });
    expect(problems(report)).toContain('CHAIN_UNTRUSTED');
    expect(report.verdict).not.toBe('valid');
    expect(asked).toBeNull();
  });
});

describe('revocation time against a proven signing time', () => {
  it('revoked after a timestamped signing time: still good for that signature', async () => {
    const leaf = server.pki.leaves.crlOnly;
    const stamped = await sign(leaf, { timestamp: { url: tsa.url } });
    server.revoke(leaf, new Date(Date.now() + 60_000));
    const report = await verify(stamped, checker(), [tsa.rootDer]);
    const [sig] = report.signatures;
    expect(sig!.signingTime.source).toBe('timestamp');
    expect(report.verdict).toBe('valid');
    expect(sig!.revocation).toBe('good');
    expect(sig!.reasons.find((r) => r.code === 'REVOCATION_GOOD')?.message).toMatch(/sau thời điểm ký/);
  });

  it('revoked before the timestamped time, or with only a claimed time: revoked', async () => {
    const leaf = server.pki.leaves.crlOnly;
    server.revoke(leaf, new Date(Date.now() + 60_000));
    // No timestamp: the signer's own clock proves nothing, revoked is revoked.
    expect(problems(await verify(pdfs.crlOnly, checker()))).toContain('REVOKED');
    server.revoke(leaf, new Date(Date.now() - 60_000));
    const stamped = await sign(leaf, { timestamp: { url: tsa.url } });
    expect(problems(await verify(stamped, checker(), [tsa.rootDer]))).toContain('REVOKED');
  });

  it('statusAtSigning', () => {
    const t = new Date('2026-03-01T00:00:00Z');
    const later = { status: 'revoked' as const, source: 'crl' as const, revokedAt: new Date('2026-03-02T00:00:00Z') };
    expect(statusAtSigning(later, { signingTime: t, timeSource: 'timestamp' })).toBe('good-at-signing');
    expect(statusAtSigning(later, { signingTime: t, timeSource: 'claimed' })).toBe('revoked');
    expect(statusAtSigning({ ...later, revokedAt: t }, { signingTime: t, timeSource: 'timestamp' })).toBe('revoked');
    expect(statusAtSigning({ status: null, source: null }, { signingTime: t, timeSource: 'timestamp' })).toBeNull();
  });
});
