/**
 * Opens a .p12/.pfx file as a Signer. The private key goes straight into a non-extractable
 * WebCrypto key; the decrypted PKCS#8 bytes are zeroed and the password is not kept.
 */
import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { VanThuError } from '../../../src-shared/ipc/errors';
import { type CertificateInfo, readCertificate } from './certificate-info';
import { WEBCRYPTO_ALGORITHMS, cryptoKeySigner, signWithCryptoKey } from './crypto-key-signer';
import { DerError, algorithm, children, parseDer } from './der';
import { ecdsaDerToRaw } from './ecdsa';
import { type PfxCertificate, PfxError, type PfxKey, readPfx } from './pfx';
import type { KeyAlgorithm, Signer } from './signer';

const subtle = globalThis.crypto.subtle;

export const P12_MESSAGES = {
  wrongPassword: 'Mật khẩu tệp chứng thư số (.p12) không đúng. Hãy nhập lại.',
  notPfx:
    'Tệp này không phải tệp chứng thư số .p12/.pfx, hoặc đã bị hỏng. Hãy chọn đúng tệp do tổ chức chứng thực cấp.',
  damaged: 'Tệp chứng thư số (.p12) đã bị hỏng. Hãy xin lại tệp từ tổ chức chứng thực.',
  unsupported:
    'Tệp chứng thư số (.p12) dùng kiểu mã hóa VanThu chưa đọc được. Hãy xuất lại tệp với mã hóa AES-256 rồi thử lại.',
  noKey:
    'Tệp .p12 không có khóa bí mật nên không ký được. Hãy dùng tệp có cả khóa bí mật (thường do tổ chức chứng thực cấp).',
  noMatch:
    'Khóa bí mật trong tệp .p12 không khớp với chứng thư số nào trong tệp. Hãy xin lại tệp từ tổ chức chứng thực.',
  badKey: 'Khóa bí mật trong tệp .p12 dùng thuật toán VanThu chưa hỗ trợ (chỉ RSA và ECDSA P-256).',
} as const;

export async function openP12(bytes: Uint8Array, password: string): Promise<Signer> {
  let contents;
  try {
    contents = readPfx(bytes, password);
  } catch (e) {
    throw toVanThuError(e);
  }
  try {
    if (contents.keys.length === 0) throw new VanThuError('BAD_FILE', P12_MESSAGES.noKey);
    const certificates = contents.certificates.flatMap((c) => {
      try {
        return [{ bag: c, info: readCertificate(c.der) }];
      } catch {
        return []; // a broken extra certificate should not stop signing
      }
    });
    let unsupportedKey = false;
    for (const key of contents.keys) {
      const imported = await importKey(key);
      if (!imported) {
        unsupportedKey = true;
        continue;
      }
      const match = await findCertificate(imported.key, imported.algorithm, key, certificates);
      if (!match) continue;
      return cryptoKeySigner({
        key: imported.key,
        keyAlgorithm: imported.algorithm,
        label: key.friendlyName ?? match.bag.friendlyName ?? (match.info.commonName || match.info.subject),
        certificate: match.info.der,
        chain: orderChain(
          match.info,
          certificates.map((c) => c.info),
        ),
      });
    }
    throw new VanThuError('BAD_FILE', unsupportedKey ? P12_MESSAGES.badKey : P12_MESSAGES.noMatch);
  } finally {
    for (const key of contents.keys) key.pkcs8.fill(0);
  }
}

function toVanThuError(e: unknown): unknown {
  if (!(e instanceof PfxError)) return e;
  switch (e.problem) {
    case 'wrong-password':
      return new VanThuError('KEY_SECRET', P12_MESSAGES.wrongPassword);
    case 'damaged':
      return new VanThuError('BAD_FILE', P12_MESSAGES.damaged);
    case 'unsupported':
      return new VanThuError('BAD_FILE', P12_MESSAGES.unsupported);
    default:
      return new VanThuError('BAD_FILE', P12_MESSAGES.notPfx);
  }
}

const OID_RSA = '1.2.840.113549.1.1.1';
const OID_EC = '1.2.840.10045.2.1';
const OID_P256 = '1.2.840.10045.3.1.7';

/** Imports the key non-extractable, or returns null for a key type we cannot sign with. */
async function importKey(key: PfxKey): Promise<{ key: CryptoKey; algorithm: KeyAlgorithm } | null> {
  let keyAlgorithm: KeyAlgorithm;
  try {
    const [, alg] = children(parseDer(key.pkcs8, 'PrivateKeyInfo'), 'PrivateKeyInfo');
    const { oid, params } = algorithm(alg, 'PrivateKeyInfo.algorithm');
    const curve = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : '';
    if (oid === OID_RSA) keyAlgorithm = 'RSA';
    else if (oid === OID_EC && curve === OID_P256) keyAlgorithm = 'ECDSA-P256';
    else return null;
  } catch (e) {
    if (e instanceof DerError) throw new VanThuError('BAD_FILE', P12_MESSAGES.damaged);
    throw e;
  }
  const pkcs8 = new Uint8Array(key.pkcs8); // WebCrypto wants an ArrayBuffer-backed view
  try {
    const cryptoKey = await subtle.importKey('pkcs8', pkcs8, WEBCRYPTO_ALGORITHMS[keyAlgorithm], false, ['sign']);
    return { key: cryptoKey, algorithm: keyAlgorithm };
  } catch {
    throw new VanThuError('BAD_FILE', P12_MESSAGES.damaged);
  } finally {
    pkcs8.fill(0);
  }
}

interface Candidate {
  bag: PfxCertificate;
  info: CertificateInfo;
}

/**
 * The certificate whose public key belongs to `key`. Proven by signing a random challenge and
 * verifying it with each certificate's key: works for every key type without reading the private
 * key's numbers, and a localKeyId that lies cannot fool it.
 */
async function findCertificate(
  key: CryptoKey,
  keyAlgorithm: KeyAlgorithm,
  bag: PfxKey,
  certificates: Candidate[],
): Promise<Candidate | null> {
  const challenge = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const signature = await signWithCryptoKey(key, keyAlgorithm, challenge);
  const verifyAlgorithm = keyAlgorithm === 'RSA' ? { name: 'RSASSA-PKCS1-v1_5' } : { name: 'ECDSA', hash: 'SHA-256' };
  const webSignature = keyAlgorithm === 'RSA' ? signature : ecdsaDerToRaw(signature);
  // Certificates with the key's localKeyId first: usually the only one to try.
  const ordered = [...certificates].sort(
    (a, b) => Number(b.bag.localKeyId === bag.localKeyId) - Number(a.bag.localKeyId === bag.localKeyId),
  );
  for (const candidate of ordered) {
    if (candidate.info.keyAlgorithm !== keyAlgorithm) continue;
    try {
      const spki = new X509Certificate(candidate.info.der).publicKey.export({ type: 'spki', format: 'der' });
      const publicKey = await subtle.importKey('spki', spki, WEBCRYPTO_ALGORITHMS[keyAlgorithm], false, ['verify']);
      if (await subtle.verify(verifyAlgorithm, publicKey, new Uint8Array(webSignature), challenge)) return candidate;
    } catch {
      // a certificate Node cannot read is simply not the one
    }
  }
  return null;
}

/**
 * The chain from the signing certificate upwards, issuer first, as far as the file's other
 * certificates go. Ordering by issuer/subject (and key identifiers) is enough here: the verifier
 * checks the signatures; certificates of other people in the file are left out.
 */
function orderChain(leaf: CertificateInfo, all: CertificateInfo[]): Uint8Array[] {
  const chain: Uint8Array[] = [];
  const used = new Set<string>([leaf.sha256]);
  let current = new X509Certificate(leaf.der);
  for (;;) {
    if (current.checkIssued(current)) break; // reached a self-issued root
    const issuer = all.find((c) => !used.has(c.sha256) && current.checkIssued(new X509Certificate(c.der)));
    if (!issuer) break;
    used.add(issuer.sha256);
    chain.push(issuer.der);
    current = new X509Certificate(issuer.der);
  }
  return chain;
}
