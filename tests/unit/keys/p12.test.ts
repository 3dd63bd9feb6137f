import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ecdsaDerToRaw } from '../../../src-main/core/keys/ecdsa';
import { P12_MESSAGES, openP12 } from '../../../src-main/core/keys/p12';
import type { Signer } from '../../../src-main/core/keys/signer';
import { VanThuError } from '../../../src-shared/ipc/errors';
import { ORGANISATION_NAME, PERSON_NAME, type TestPki, loadX509, makeTestPki } from '../../fixtures/pki';

const subtle = globalThis.crypto.subtle;
const DIR = path.join(os.tmpdir(), 'vanthu-test-pki-keys');

let pki: TestPki;
beforeAll(async () => {
  pki = await makeTestPki(DIR);
});

const read = (file: string): Uint8Array => new Uint8Array(fs.readFileSync(file));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Verifies a Signer's output with the certificate's public key, as a verifier would. */
async function verifies(signer: Signer, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  const x509 = await loadX509();
  const cert = new x509.X509Certificate(new Uint8Array(signer.certificate));
  if (signer.keyAlgorithm === 'RSA') {
    const key = await cert.publicKey.export({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, ['verify']);
    return subtle.verify({ name: 'RSASSA-PKCS1-v1_5' }, key, new Uint8Array(signature), new Uint8Array(data));
  }
  const key = await cert.publicKey.export({ name: 'ECDSA', namedCurve: 'P-256' }, ['verify']);
  // CMS carries DER (r,s); WebCrypto verifies raw r||s.
  return subtle.verify(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    new Uint8Array(ecdsaDerToRaw(signature)),
    new Uint8Array(data),
  );
}

async function rejection(p: Promise<unknown>): Promise<VanThuError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof VanThuError) return e;
    throw e;
  }
  throw new Error('expected a VanThuError');
}

describe('openP12', () => {
  it('signs with the RSA key of an OpenSSL 3 (AES-256) .p12', async () => {
    const signer = await openP12(read(pki.leaves.person.p12File), pki.leaves.person.p12Password);
    expect(signer.keyAlgorithm).toBe('RSA');
    const data = new TextEncoder().encode('thuộc tính đã ký');
    const signature = await signer.sign(data);
    expect(signature.length).toBe(256);
    expect(await verifies(signer, data, signature)).toBe(true);
    expect(await verifies(signer, new TextEncoder().encode('khác'), signature)).toBe(false);
    await signer.close();
  });

  it('signs with the ECDSA P-256 key, returning DER (r,s)', async () => {
    const signer = await openP12(read(pki.leaves.organisation.p12File), pki.leaves.organisation.p12Password);
    expect(signer.keyAlgorithm).toBe('ECDSA-P256');
    const data = new TextEncoder().encode('dấu của cơ quan');
    const signature = await signer.sign(data);
    expect(signature[0]).toBe(0x30); // SEQUENCE, not WebCrypto's 64-byte r||s
    expect(await verifies(signer, data, signature)).toBe(true);
  });

  it('keeps the certificate bytes exactly, Vietnamese names intact', async () => {
    const x509 = await loadX509();
    const person = await openP12(read(pki.leaves.person.p12File), 'matkhau123');
    expect(hex(person.certificate)).toBe(hex(pki.leaves.person.certDer));
    expect(new x509.X509Certificate(new Uint8Array(person.certificate)).subject).toBe(PERSON_NAME);
    expect(person.label).toBe('Nguyễn Văn Ánh');

    const organisation = await openP12(read(pki.leaves.organisation.p12File), 'matkhau123');
    expect(new x509.X509Certificate(new Uint8Array(organisation.certificate)).subject).toBe(ORGANISATION_NAME);
  });

  it('orders the chain issuer first, up to the root', async () => {
    const signer = await openP12(read(pki.leaves.person.p12File), 'matkhau123');
    expect(signer.chain.map(hex)).toEqual([hex(pki.intermediate.der), hex(pki.root.der)]);
    const self = await openP12(read(pki.leaves.selfSigned.p12File), 'matkhau123');
    expect(self.chain).toEqual([]);
  });

  it('reads a legacy .p12 (3DES key, RC2 certificates, SHA-1 MAC)', async (ctx) => {
    if (!pki.personLegacyP12) ctx.skip();
    const file = pki.personLegacyP12!;
    // `openssl pkcs12 -info` writes the algorithms to stderr.
    const info = spawnSync(
      'openssl',
      ['pkcs12', '-in', file, '-info', '-noout', '-legacy', '-passin', 'pass:matkhau123'],
      {
        encoding: 'utf8',
      },
    );
    expect(info.stderr + info.stdout).toMatch(/RC2/);
    expect(info.stderr + info.stdout).toMatch(/TripleDES/);
    const signer = await openP12(read(file), 'matkhau123');
    expect(hex(signer.certificate)).toBe(hex(pki.leaves.person.certDer));
    expect(signer.chain).toHaveLength(2);
    const data = new Uint8Array([1, 2, 3]);
    expect(await verifies(signer, data, await signer.sign(data))).toBe(true);
  });

  it('refuses a wrong password with the clerk message', async () => {
    const e = await rejection(openP12(read(pki.leaves.person.p12File), 'matkhau124'));
    expect(e.code).toBe('KEY_SECRET');
    expect(e.message).toBe('Mật khẩu tệp chứng thư số (.p12) không đúng. Hãy nhập lại.');
    if (pki.personLegacyP12) {
      expect((await rejection(openP12(read(pki.personLegacyP12), ''))).code).toBe('KEY_SECRET');
    }
  });

  it('refuses files that are not a PFX', async () => {
    for (const bytes of [
      new TextEncoder().encode('%PDF-1.7 not a key'),
      new Uint8Array(0),
      globalThis.crypto.getRandomValues(new Uint8Array(2048)),
      read(pki.root.derFile), // a certificate is DER too, but not a PFX
    ]) {
      const e = await rejection(openP12(bytes, 'matkhau123'));
      expect(e.code).toBe('BAD_FILE');
      expect(e.message).toBe(P12_MESSAGES.notPfx);
    }
  });

  it('refuses a .p12 with certificates but no key', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-p12-')), 'nokey.p12');
    execFileSync(
      'openssl',
      [
        'pkcs12',
        '-export',
        '-nokeys',
        '-in',
        path.join(pki.dir, 'person.cert.pem'),
        '-passout',
        'pass:matkhau123',
        '-out',
        file,
      ],
      { stdio: 'ignore' },
    );
    const e = await rejection(openP12(read(file), 'matkhau123'));
    expect(e.code).toBe('BAD_FILE');
    expect(e.message).toBe(P12_MESSAGES.noKey);
  });

  it('without a MAC, still tells a wrong password from a right one', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-p12-')), 'nomac.p12');
    const args = ['pkcs12', '-export', '-nomac', '-in', path.join(pki.dir, 'organisation.cert.pem')];
    args.push('-inkey', path.join(pki.dir, 'organisation.key.pem'), '-passout', 'pass:matkhau123', '-out', file);
    execFileSync('openssl', args, { stdio: 'ignore' });
    expect((await rejection(openP12(read(file), 'sai mật khẩu'))).code).toBe('KEY_SECRET');
    const signer = await openP12(read(file), 'matkhau123');
    expect(signer.keyAlgorithm).toBe('ECDSA-P256');
    expect(signer.label).toBe('Ủy ban nhân dân xã Hòa Bình'); // no friendlyName: the CN
  });

  it("finds the key's own certificate among others and leaves strangers out of the chain", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-p12-'));
    const extra = path.join(dir, 'extra.pem');
    // Another person's certificate first, then the CA certificates in the wrong order.
    fs.writeFileSync(extra, [pki.leaves.sha1.certPem, pki.root.pem, pki.intermediate.pem].join('\n'));
    const file = path.join(dir, 'mixed.p12');
    const args = ['pkcs12', '-export', '-in', path.join(pki.dir, 'person.cert.pem'), '-inkey'];
    args.push(path.join(pki.dir, 'person.key.pem'), '-certfile', extra, '-passout', 'pass:mật khẩu', '-out', file);
    execFileSync('openssl', args, { stdio: 'ignore' });
    const signer = await openP12(read(file), 'mật khẩu'); // a non-ASCII password, too
    expect(hex(signer.certificate)).toBe(hex(pki.leaves.person.certDer));
    expect(signer.chain.map(hex)).toEqual([hex(pki.intermediate.der), hex(pki.root.der)]);
  });

  it('will not sign after close()', async () => {
    const signer = await openP12(read(pki.leaves.person.p12File), 'matkhau123');
    await signer.close();
    expect((await rejection(signer.sign(new Uint8Array([1])))).code).toBe('CONFLICT');
  });
});
