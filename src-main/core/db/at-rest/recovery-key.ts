/**
 * The recovery key: shown once to the administrator at setup, written on paper and kept in a
 * safe. It opens the database key when this Windows profile or PC is gone (a reset profile, a
 * new PC, a restore). 160 random bits in Crockford base32, eight groups of four, so it can be
 * read aloud and typed without confusing 0/O or 1/I/L.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import { openJson, sealJson, type Sealed } from './aes-gcm';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BYTES = 20;

export function newRecoveryKey(): string {
  return formatRecoveryKey(randomBytes(BYTES));
}

function formatRecoveryKey(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{4}/g)!.join('-');
}

/** The 32 symbols of a typed recovery key, or null when it cannot be one. */
export function normaliseRecoveryKey(typed: string): string | null {
  const symbols = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (symbols.length !== 32 || [...symbols].some((c) => !ALPHABET.includes(c))) return null;
  return symbols;
}

function kek(symbols: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(symbols, 'ascii'), Buffer.alloc(0), 'vanthu recovery key', 32));
}

export interface RecoveryWrap extends Sealed {
  createdAt: string;
}

export function wrapWithRecoveryKey(databaseKey: Buffer, recoveryKey: string, aad: string): RecoveryWrap {
  const symbols = normaliseRecoveryKey(recoveryKey);
  if (!symbols) throw new Error('malformed recovery key');
  return { createdAt: new Date().toISOString(), ...sealJson(kek(symbols), databaseKey, aad) };
}

/** Null when the key is malformed or not the one that made this wrap. */
export function unwrapWithRecoveryKey(wrap: Sealed, typed: string, aad: string): Buffer | null {
  const symbols = normaliseRecoveryKey(typed);
  if (!symbols) return null;
  try {
    return openJson(kek(symbols), wrap, aad);
  } catch {
    return null;
  }
}
