import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEAF_NAMES, PERSON_NAME, loadX509, makeTestPki } from '../../fixtures/pki';

// The fixture itself: names stay UTF-8, the chain verifies with OpenSSL, a second call reuses it.
describe('test PKI fixture', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-pki-'));

  it('makes the CA, the leaves and their .p12 files', async () => {
    const pki = await makeTestPki(dir);
    const x509 = await loadX509();
    expect(new x509.X509Certificate(new Uint8Array(pki.leaves.person.certDer)).subject).toBe(PERSON_NAME);
    for (const name of LEAF_NAMES) expect(fs.existsSync(pki.leaves[name].p12File)).toBe(true);
    expect(pki.root.sha256).toMatch(/^[0-9a-f]{64}$/);

    const verify = (leaf: string): string =>
      execFileSync('openssl', ['verify', '-CAfile', pki.root.file, '-untrusted', pki.intermediate.file, leaf], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    expect(verify(path.join(pki.dir, 'person.cert.pem'))).toContain('OK');
    expect(verify(path.join(pki.dir, 'organisation.cert.pem'))).toContain('OK');
    expect(() => verify(path.join(pki.dir, 'expired.cert.pem'))).toThrow();
    expect(() => verify(path.join(pki.dir, 'selfSigned.cert.pem'))).toThrow();
  });

  it('reuses what is already there', async () => {
    const a = await makeTestPki(dir);
    const started = Date.now();
    const b = await makeTestPki(dir);
    expect(b.dir).toBe(a.dir);
    expect(Buffer.from(b.root.der).equals(Buffer.from(a.root.der))).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
