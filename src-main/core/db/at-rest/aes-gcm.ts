/**
 * AES-256-GCM, the one cipher VanThu uses outside SQLite: for wrapping the database key and for
 * sealing blobs. GCM authenticates, so a changed byte or a wrong key is an error, never garbage.
 * `aad` binds what is sealed to where it belongs (a blob to its hash, a wrap to its key id).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Sealed {
  iv: string;
  data: string;
  tag: string;
}

export function sealJson(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), data: data.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Throws when the key is wrong or anything was changed. */
export function openJson(key: Buffer, sealed: Sealed, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
}

/** Binary form for files: iv ‖ ciphertext ‖ tag after a magic header. */
export function sealBytes(key: Buffer, plaintext: Uint8Array, aad: string, magic: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([magic, iv, data, cipher.getAuthTag()]);
}

export function openBytes(key: Buffer, sealed: Buffer, aad: string, magic: Buffer): Buffer {
  if (sealed.length < magic.length + IV_BYTES + TAG_BYTES || !sealed.subarray(0, magic.length).equals(magic)) {
    throw new Error('not a sealed VanThu file');
  }
  const iv = sealed.subarray(magic.length, magic.length + IV_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(sealed.subarray(magic.length + IV_BYTES, sealed.length - TAG_BYTES)),
    decipher.final(),
  ]);
}

/** A key for one purpose from the database key, so no key is used for two things. */
export function deriveKey(databaseKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), `vanthu ${purpose}`, 32));
}
