import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { ecdsaDerToRaw, ecdsaRawToDer } from '../../../src-main/core/keys/ecdsa';
import { bmpPassword, pkcs12Kdf } from '../../../src-main/core/keys/pbe';

// node-forge implements the same RFC 7292 KDF; it serves here as an independent reference.
type ForgeKdf = (
  password: string,
  salt: forge.util.ByteStringBuffer,
  id: number,
  iter: number,
  n: number,
  md?: forge.md.MessageDigest,
) => forge.util.ByteStringBuffer;
const forgeKdf = (forge.pki as unknown as { pbe: { generatePkcs12Key: ForgeKdf } }).pbe.generatePkcs12Key;

describe('PKCS#12 key derivation', () => {
  const SHA1 = { name: 'sha1', size: 20, block: 64 };
  const SHA256 = { name: 'sha256', size: 32, block: 64 };

  it('matches an independent implementation, including outputs longer than one hash', () => {
    const salt = Buffer.from('0a58cf64530d823f', 'hex');
    for (const [password, id, iterations, size, digest, md] of [
      ['matkhau123', 1, 2048, 24, SHA1, forge.md.sha1.create()],
      ['matkhau123', 2, 2048, 8, SHA1, forge.md.sha1.create()],
      ['mật khẩu', 3, 1000, 32, SHA256, forge.md.sha256.create()],
      ['x', 1, 3, 70, SHA1, forge.md.sha1.create()], // 4 rounds: exercises the I_j update
      ['', 3, 1, 20, SHA1, forge.md.sha1.create()],
    ] as const) {
      const ours = pkcs12Kdf(digest, bmpPassword(password), salt, id, iterations, size).toString('hex');
      const theirs = forge.util.bytesToHex(
        forgeKdf(password, forge.util.createBuffer(salt.toString('binary')), id, iterations, size, md).getBytes(),
      );
      expect(ours).toBe(theirs);
    }
  });

  it('encodes the password as UTF-16BE with a terminator', () => {
    expect(bmpPassword('Ấb').toString('hex')).toBe('1ea400620000');
    expect(bmpPassword('').toString('hex')).toBe('0000');
  });
});

describe('ECDSA signature shapes', () => {
  it('round-trips r||s through DER, with high bits and leading zeros', () => {
    const raw = new Uint8Array(64);
    raw[0] = 0x80; // r needs a 0x00 pad to stay positive
    raw[31] = 1;
    raw[63] = 7; // s is mostly zeros: minimal encoding
    const der = ecdsaRawToDer(raw);
    expect(Buffer.from(der).toString('hex')).toBe('3026022100' + '80' + '00'.repeat(30) + '01' + '020107');
    expect(Buffer.from(ecdsaDerToRaw(der)).equals(Buffer.from(raw))).toBe(true);
  });
});
