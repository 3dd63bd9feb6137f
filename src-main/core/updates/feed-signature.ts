/**
 * The administrator's signature on a feed: Ed25519 over the exact bytes of latest.yml, kept
 * beside it as latest.yml.sig. latest.yml names each installer's SHA-512, which electron-updater
 * checks after downloading, so one signature pins the whole release: whoever controls the
 * network, a proxy or the inbox server itself cannot offer code the administrator did not sign.
 * The public keys ship with the app (resources/update-keys/*.pem); several are accepted at once
 * so a new key can be shipped before the old one stops signing.
 */
import { createHash, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/** The signature file's one line: `vanthu-ed25519 <key id> <base64 signature>`. */
const SIGNATURE_LINE = /^vanthu-ed25519 ([0-9a-f]{16}) ([A-Za-z0-9+/]{86}==)$/;

export interface UpdateKey {
  /** First 16 hex digits of the SHA-256 of the public key (SPKI DER): names it in logs. */
  id: string;
  key: KeyObject;
  /** Where it came from (a file name), for messages. */
  source: string;
}

export type FeedVerification =
  | { ok: true; keyId: string }
  | { ok: false; reason: 'missing' | 'malformed' | 'unknownKey' | 'badSignature' | 'noKeys' };

export function updateKeyId(key: KeyObject): string {
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** A public key from PEM; throws unless Ed25519, and for a private key (it must never ship). */
export function readUpdateKey(pem: string, source: string): UpdateKey {
  if (pem.includes('PRIVATE KEY')) throw new Error(`${source}: a private key, not a public one`);
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${source}: not an Ed25519 key`);
  return { id: updateKeyId(key), key, source };
}

/** A new key pair for the administrator: the private half never leaves their machine. */
export function generateUpdateKeyPair(): { publicPem: string; privatePem: string; id: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    id: updateKeyId(publicKey),
  };
}

/** The text of latest.yml.sig for these exact bytes. */
export function signFeed(feed: Uint8Array, privatePem: string): string {
  const publicKey = createPublicKey(privatePem);
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('the update key must be Ed25519');
  const signature = sign(null, feed, privatePem).toString('base64');
  return `vanthu-ed25519 ${updateKeyId(publicKey)} ${signature}\n`;
}

/** Whether `signatureText` is a valid signature of `feed` by one of `keys`. */
export function verifyFeed(
  feed: Uint8Array,
  signatureText: string | null,
  keys: readonly UpdateKey[],
): FeedVerification {
  if (keys.length === 0) return { ok: false, reason: 'noKeys' };
  if (signatureText === null || signatureText.trim() === '') return { ok: false, reason: 'missing' };
  const m = SIGNATURE_LINE.exec(signatureText.trim());
  if (!m) return { ok: false, reason: 'malformed' };
  const [, keyId, signature] = m as unknown as [string, string, string];
  // The id only picks the key; the signature is what is trusted, so a wrong id cannot help.
  const key = keys.find((k) => k.id === keyId);
  if (!key) return { ok: false, reason: 'unknownKey' };
  return verify(null, feed, key.key, Buffer.from(signature, 'base64'))
    ? { ok: true, keyId }
    : { ok: false, reason: 'badSignature' };
}
