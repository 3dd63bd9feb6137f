/**
 * A Signer over a non-extractable WebCrypto private key: the key bytes live inside Node's
 * crypto, not in a JavaScript buffer anyone could read or log.
 */
import { VanThuError } from '../../../src-shared/ipc/errors';
import { ecdsaRawToDer } from './ecdsa';
import type { KeyAlgorithm, Signer } from './signer';

const subtle = globalThis.crypto.subtle;

export const WEBCRYPTO_ALGORITHMS: Record<KeyAlgorithm, RsaHashedImportParams | EcKeyImportParams> = {
  RSA: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  'ECDSA-P256': { name: 'ECDSA', namedCurve: 'P-256' },
};

/** Signs with SHA-256; returns what CMS stores (ECDSA as DER, not WebCrypto's r||s). */
export async function signWithCryptoKey(
  key: CryptoKey,
  keyAlgorithm: KeyAlgorithm,
  data: Uint8Array,
): Promise<Uint8Array> {
  const bytes = new Uint8Array(data); // WebCrypto wants an ArrayBuffer-backed view
  if (keyAlgorithm === 'RSA') {
    return new Uint8Array(await subtle.sign({ name: 'RSASSA-PKCS1-v1_5' }, key, bytes));
  }
  const raw = new Uint8Array(await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, bytes));
  return ecdsaRawToDer(raw);
}

export function cryptoKeySigner(p: {
  key: CryptoKey;
  keyAlgorithm: KeyAlgorithm;
  label: string;
  certificate: Uint8Array;
  chain: Uint8Array[];
}): Signer {
  let key: CryptoKey | null = p.key;
  return {
    label: p.label,
    certificate: p.certificate,
    chain: p.chain,
    keyAlgorithm: p.keyAlgorithm,
    async sign(data: Uint8Array): Promise<Uint8Array> {
      if (!key) throw new VanThuError('CONFLICT', 'Phiên ký đã đóng. Hãy mở lại chứng thư số rồi ký.');
      return signWithCryptoKey(key, p.keyAlgorithm, data);
    },
    async close(): Promise<void> {
      // Dropping the last reference lets Node free (and OpenSSL clear) the key.
      key = null;
    },
  };
}
