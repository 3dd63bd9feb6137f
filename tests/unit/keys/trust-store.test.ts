import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrustStore, loadCertificatesFromDir } from '../../../src-main/core/keys/trust-store';
import { VanThuError } from '../../../src-shared/ipc/errors';
import { ROOT_NAME, type TestPki, makeTestPki } from '../../fixtures/pki';

const DIR = path.join(os.tmpdir(), 'vanthu-test-pki-keys');
let pki: TestPki;
beforeAll(async () => {
  pki = await makeTestPki(DIR);
});

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-trust-'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function thrown(f: () => unknown): VanThuError {
  try {
    f();
  } catch (e) {
    if (e instanceof VanThuError) return e;
    throw e;
  }
  throw new Error('expected a VanThuError');
}

describe('trust store', () => {
  it('adds a root whose fingerprint matches, from PEM or DER, and lists it', () => {
    const dir = path.join(tmp(), 'trust');
    const store = createTrustStore(dir);
    expect(store.list()).toEqual([]); // the folder need not exist yet

    const anchor = store.add(pki.root.file, pki.root.sha256);
    expect(anchor).toEqual({ sha256: pki.root.sha256, subject: ROOT_NAME, notAfter: '2045-01-01T00:00:00.000Z' });
    expect(fs.existsSync(path.join(dir, `${pki.root.sha256}.der`))).toBe(true);

    // Upper case with colons, as CAs print it; DER file; adding twice changes nothing.
    const printed = pki.root.sha256.toUpperCase().match(/../g)!.join(':');
    store.add(pki.root.derFile, printed);
    store.add(pki.intermediate.derFile, pki.intermediate.sha256);
    expect(
      store
        .list()
        .map((a) => a.sha256)
        .sort(),
    ).toEqual([pki.root.sha256, pki.intermediate.sha256].sort());
    expect(store.certificates().map(hex).sort()).toEqual([hex(pki.root.der), hex(pki.intermediate.der)].sort());
  });

  it('refuses a certificate whose fingerprint does not match', () => {
    const store = createTrustStore(tmp());
    const e = thrown(() => store.add(pki.root.file, pki.intermediate.sha256));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toContain('không khớp');
    expect(e.message).toContain('trang công bố chính thức');
    expect(store.list()).toEqual([]);
  });

  it('refuses a certificate that is not a CA', () => {
    const store = createTrustStore(tmp());
    const leafFile = path.join(pki.dir, 'person.cert.pem');
    const sha256 = createHash('sha256').update(pki.leaves.person.certDer).digest('hex');
    const e = thrown(() => store.add(leafFile, sha256));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toContain('Nguyễn Văn Ánh');
    expect(e.message).toContain('không phải chứng thư của tổ chức chứng thực');
  });

  it('explains bad input', () => {
    const dir = tmp();
    const store = createTrustStore(path.join(dir, 'trust'));
    expect(thrown(() => store.add(pki.root.file, 'abc')).code).toBe('VALIDATION');
    expect(thrown(() => store.add(path.join(dir, 'missing.cer'), pki.root.sha256)).code).toBe('NOT_FOUND');
    fs.writeFileSync(path.join(dir, 'note.txt'), 'đây không phải chứng thư');
    expect(thrown(() => store.add(path.join(dir, 'note.txt'), pki.root.sha256)).code).toBe('BAD_FILE');
  });

  it('removes an anchor, and ignores files changed behind its back', () => {
    const dir = tmp();
    const store = createTrustStore(dir);
    store.add(pki.root.file, pki.root.sha256);
    store.add(pki.intermediate.file, pki.intermediate.sha256);
    // Someone swaps the intermediate's file for another certificate: no longer trusted.
    fs.writeFileSync(path.join(dir, `${pki.intermediate.sha256}.der`), pki.leaves.person.certDer);
    expect(store.list().map((a) => a.sha256)).toEqual([pki.root.sha256]);

    store.remove(pki.root.sha256.toUpperCase());
    expect(store.certificates()).toEqual([]);
    expect(thrown(() => store.remove(pki.root.sha256)).code).toBe('NOT_FOUND');
  });
});

describe('PKCS#7 bundles (.p7b), as NEAC publishes its root', () => {
  it('adds the root out of a DER or PEM bundle and reads bundles from a folder', () => {
    const dir = tmp();
    const chain = path.join(pki.dir, 'chain.pem');
    const der = path.join(dir, 'vnrca.p7b');
    const pem = path.join(dir, 'bundle.p7c');
    execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', chain, '-outform', 'DER', '-out', der], {
      stdio: 'ignore',
    });
    execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', chain, '-out', pem], { stdio: 'ignore' });

    const store = createTrustStore(path.join(dir, 'trust'));
    expect(store.add(der, pki.root.sha256).subject).toBe(ROOT_NAME);
    expect(store.add(pem, pki.intermediate.sha256).sha256).toBe(pki.intermediate.sha256);
    expect(store.certificates().map(hex).sort()).toEqual([hex(pki.root.der), hex(pki.intermediate.der)].sort());

    const loaded = loadCertificatesFromDir(dir).map(hex).sort(); // the trust/ sub-folder is not read
    expect(loaded).toEqual([hex(pki.root.der), hex(pki.intermediate.der)].sort());
  });
});

describe('loadCertificatesFromDir', () => {
  it('reads PEM, DER, bundles and bare base64 under any name, skipping the rest', () => {
    const dir = tmp();
    fs.copyFileSync(pki.root.file, path.join(dir, 'goc.crt'));
    fs.copyFileSync(pki.intermediate.derFile, path.join(dir, 'trung-gian.cer'));
    fs.copyFileSync(path.join(pki.dir, 'chain.pem'), path.join(dir, 'bundle')); // duplicates of both
    fs.writeFileSync(
      path.join(dir, 'organisation.b64'),
      Buffer.from(pki.leaves.organisation.certDer).toString('base64'),
    );
    fs.writeFileSync(path.join(dir, 'README.txt'), 'Hướng dẫn');
    fs.copyFileSync(pki.leaves.person.p12File, path.join(dir, 'key.p12'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.copyFileSync(pki.leaves.person.p12File, path.join(dir, 'sub', 'person.pem'));

    const certs = loadCertificatesFromDir(dir).map(hex).sort();
    expect(certs).toEqual([hex(pki.root.der), hex(pki.intermediate.der), hex(pki.leaves.organisation.certDer)].sort());
  });
});
