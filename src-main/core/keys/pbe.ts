/**
 * Password-based decryption and integrity for PKCS#12 (RFC 7292, RFC 8018): PBES2 with PBKDF2 and
 * AES/3DES, as OpenSSL 3 writes by default, and the older PKCS#12 PBE schemes (3DES keys, RC2
 * certificates) that many Vietnamese CA tools and Windows exports still produce.
 *
 * node:crypto does the work where it can, so the decrypted key material sits in Buffers the
 * caller can zero. RC2 needs OpenSSL's legacy provider, which Node does not load, so it goes
 * through node-forge; RC2 is only ever used for the certificate bags (public data) in practice.
 */
import { createDecipheriv, createHash, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import forge from 'node-forge';
import { type AlgorithmIdentifier, DerError, algorithm, children, octets, oid, smallInt } from './der';

/** Decryption failed in a way a wrong password causes (bad padding). */
export class BadPasswordError extends Error {
  constructor() {
    super('decryption failed: wrong password or damaged data');
    this.name = 'BadPasswordError';
  }
}

/** A scheme we do not implement (RC4, 2-key 3DES, PBMAC1...). */
export class UnsupportedAlgorithmError extends Error {
  constructor(readonly oid: string) {
    super(`unsupported algorithm ${oid}`);
    this.name = 'UnsupportedAlgorithmError';
  }
}

// A crafted file must not keep the main process busy for minutes: real files use 2,048 to
// 600,000 iterations.
const MAX_ITERATIONS = 10_000_000;

const OIDS = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  pbeSha1TripleDes: '1.2.840.113549.1.12.1.3',
  pbeSha1Rc2_128: '1.2.840.113549.1.12.1.5',
  pbeSha1Rc2_40: '1.2.840.113549.1.12.1.6',
} as const;

const HMAC_PRF: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};

const CIPHERS: Record<string, { name: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};

/** Digests allowed for the PKCS#12 MAC, with their input block size for the PKCS#12 KDF. */
const DIGESTS: Record<string, { name: string; size: number; block: number }> = {
  '1.3.14.3.2.26': { name: 'sha1', size: 20, block: 64 },
  '2.16.840.1.101.3.4.2.4': { name: 'sha224', size: 28, block: 64 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', size: 32, block: 64 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', size: 48, block: 128 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', size: 64, block: 128 },
};

const SHA1 = DIGESTS['1.3.14.3.2.26']!;

/**
 * The password as PKCS#12 wants it for its own KDF: UTF-16 big-endian with a two-byte zero
 * terminator (OpenSSL converts a UTF-8 password the same way).
 */
export function bmpPassword(password: string): Buffer {
  const out = Buffer.alloc(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) out.writeUInt16BE(password.charCodeAt(i), i * 2);
  return out;
}

/** RFC 7292 appendix B.2: derive `size` bytes for purpose `id` (1 key, 2 IV, 3 MAC key). */
export function pkcs12Kdf(
  digest: { name: string; size: number; block: number },
  password: Buffer,
  salt: Uint8Array,
  id: 1 | 2 | 3,
  iterations: number,
  size: number,
): Buffer {
  const v = digest.block;
  const fill = (src: Uint8Array): Buffer => {
    const out = Buffer.alloc(src.length === 0 ? 0 : v * Math.ceil(src.length / v));
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length]!;
    return out;
  };
  const D = Buffer.alloc(v, id);
  const I = Buffer.concat([fill(salt), fill(password)]);
  const out = Buffer.alloc(size);
  try {
    for (let done = 0; done < size;) {
      let A = createHash(digest.name).update(D).update(I).digest();
      for (let i = 1; i < iterations; i++) A = createHash(digest.name).update(A).digest();
      A.copy(out, done, 0, Math.min(A.length, size - done));
      done += A.length;
      if (done >= size) break;
      // I_j = (I_j + B + 1) mod 2^(8v), with B = A repeated to v bytes.
      const B = fill(A);
      for (let j = 0; j < I.length; j += v) {
        let carry = 1;
        for (let k = v - 1; k >= 0; k--) {
          const sum = I[j + k]! + B[k]! + carry;
          I[j + k] = sum & 0xff;
          carry = sum >> 8;
        }
      }
    }
  } finally {
    I.fill(0); // holds the password
  }
  return out;
}

function iterationsOf(node: Parameters<typeof smallInt>[0], what: string): number {
  const n = smallInt(node, what);
  if (n < 1 || n > MAX_ITERATIONS) throw new DerError(`${what}: iteration count ${n}`);
  return n;
}

/**
 * Checks the PFX MAC. Returns false when it does not match, which (the file having parsed) means
 * a wrong password. `macData` is the MacData node; `content` the authSafe's content octets.
 */
export function verifyMac(macData: Parameters<typeof children>[0], content: Uint8Array, password: string): boolean {
  const [digestInfo, saltNode, iterNode] = children(macData, 'MacData');
  const [algNode, digestNode] = children(digestInfo, 'MacData.mac');
  const alg = algorithm(algNode, 'MacData.mac.algorithm');
  const digest = DIGESTS[alg.oid];
  if (!digest) throw new UnsupportedAlgorithmError(alg.oid);
  const expected = octets(digestNode, 'MacData.mac.digest');
  const salt = octets(saltNode, 'MacData.macSalt');
  const iterations = iterNode ? iterationsOf(iterNode, 'MacData.iterations') : 1;
  const pass = bmpPassword(password);
  const key = pkcs12Kdf(digest, pass, salt, 3, iterations, digest.size);
  pass.fill(0);
  const actual = createHmac(digest.name, key).update(content).digest();
  key.fill(0);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Decrypts data encrypted under `alg` (the AlgorithmIdentifier of an EncryptedContentInfo or an
 * EncryptedPrivateKeyInfo). The caller owns the result and should zero it when it holds a key.
 */
export function decrypt(alg: AlgorithmIdentifier, data: Uint8Array, password: string): Buffer {
  switch (alg.oid) {
    case OIDS.pbes2:
      return decryptPbes2(alg, data, password);
    case OIDS.pbeSha1TripleDes:
      return decryptPkcs12Pbe(alg, password, 24, (key, iv) => nodeDecrypt('des-ede3-cbc', key, iv, data));
    case OIDS.pbeSha1Rc2_128:
      return decryptPkcs12Pbe(alg, password, 16, (key, iv) => rc2Decrypt(key, iv, data, 128));
    case OIDS.pbeSha1Rc2_40:
      return decryptPkcs12Pbe(alg, password, 5, (key, iv) => rc2Decrypt(key, iv, data, 40));
    default:
      throw new UnsupportedAlgorithmError(alg.oid);
  }
}

function decryptPbes2(alg: AlgorithmIdentifier, data: Uint8Array, password: string): Buffer {
  const [kdfNode, encNode] = children(alg.params, 'PBES2-params');
  const kdf = algorithm(kdfNode, 'PBES2.keyDerivationFunc');
  if (kdf.oid !== OIDS.pbkdf2) throw new UnsupportedAlgorithmError(kdf.oid);
  const enc = algorithm(encNode, 'PBES2.encryptionScheme');
  const cipher = CIPHERS[enc.oid];
  if (!cipher) throw new UnsupportedAlgorithmError(enc.oid);

  const [saltNode, iterNode, ...rest] = children(kdf.params, 'PBKDF2-params');
  const salt = octets(saltNode, 'PBKDF2.salt');
  const iterations = iterationsOf(iterNode, 'PBKDF2.iterationCount');
  // keyLength (INTEGER) and prf (SEQUENCE) are both optional and told apart by type.
  let prf = 'sha1';
  for (const node of rest) {
    if (node.idBlock.tagNumber === 2) continue; // keyLength: implied by the cipher
    const id = oid(children(node, 'PBKDF2.prf')[0], 'PBKDF2.prf');
    const hash = HMAC_PRF[id];
    if (!hash) throw new UnsupportedAlgorithmError(id);
    prf = hash;
  }
  const iv = octets(enc.params, 'PBES2 IV');
  // RFC 8018 takes the password as octets; OpenSSL, Windows and Java all use its UTF-8 bytes.
  const pass = Buffer.from(password, 'utf8');
  const key = pbkdf2Sync(pass, salt, iterations, cipher.keyLength, prf);
  pass.fill(0);
  try {
    return nodeDecrypt(cipher.name, key, iv, data);
  } finally {
    key.fill(0);
  }
}

function decryptPkcs12Pbe(
  alg: AlgorithmIdentifier,
  password: string,
  keyLength: number,
  run: (key: Buffer, iv: Buffer) => Buffer,
): Buffer {
  const [saltNode, iterNode] = children(alg.params, 'pkcs-12PbeParams');
  const salt = octets(saltNode, 'pkcs-12PbeParams.salt');
  const iterations = iterationsOf(iterNode, 'pkcs-12PbeParams.iterations');
  const pass = bmpPassword(password);
  const key = pkcs12Kdf(SHA1, pass, salt, 1, iterations, keyLength);
  const iv = pkcs12Kdf(SHA1, pass, salt, 2, iterations, 8);
  pass.fill(0);
  try {
    return run(key, iv);
  } finally {
    key.fill(0);
  }
}

function nodeDecrypt(name: string, key: Buffer, iv: Uint8Array, data: Uint8Array): Buffer {
  try {
    const d = createDecipheriv(name, key, iv);
    return Buffer.concat([d.update(data), d.final()]);
  } catch {
    throw new BadPasswordError();
  }
}

function rc2Decrypt(key: Buffer, iv: Buffer, data: Uint8Array, bits: number): Buffer {
  const cipher = forge.rc2.createDecryptionCipher(forge.util.createBuffer(key.toString('binary')), bits);
  cipher.start(forge.util.createBuffer(iv.toString('binary')));
  cipher.update(forge.util.createBuffer(Buffer.from(data).toString('binary')));
  if (!cipher.finish()) throw new BadPasswordError();
  return Buffer.from(cipher.output.getBytes(), 'binary');
}
