/**
 * ECDSA signatures come in two shapes: WebCrypto and PKCS#11 (CKM_ECDSA) give r||s as two
 * fixed-width numbers; CMS wants the DER Ecdsa-Sig-Value SEQUENCE { r INTEGER, s INTEGER }
 * (RFC 5753 / RFC 3279). These convert between them.
 */

/** r||s (each `size` bytes, 32 for P-256) to DER. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array<ArrayBuffer> {
  if (raw.length === 0 || raw.length % 2 !== 0) throw new Error('ECDSA signature: odd length');
  const half = raw.length / 2;
  const r = derInteger(raw.subarray(0, half));
  const s = derInteger(raw.subarray(half));
  const body = [...r, ...s];
  return Uint8Array.from([0x30, ...derLength(body.length), ...body]);
}

/** DER Ecdsa-Sig-Value to r||s with each number left-padded to `size` bytes. */
export function ecdsaDerToRaw(der: Uint8Array, size = 32): Uint8Array<ArrayBuffer> {
  let at = 0;
  const byte = (): number => {
    const b = der[at++];
    if (b === undefined) throw new Error('ECDSA signature: truncated');
    return b;
  };
  const length = (): number => {
    const first = byte();
    if (first < 0x80) return first;
    let n = 0;
    for (let i = 0; i < (first & 0x7f); i++) n = n * 256 + byte();
    return n;
  };
  if (byte() !== 0x30) throw new Error('ECDSA signature: not a SEQUENCE');
  length();
  const out = new Uint8Array(size * 2);
  for (const offset of [0, size]) {
    if (byte() !== 0x02) throw new Error('ECDSA signature: not an INTEGER');
    const len = length();
    let value = der.subarray(at, at + len);
    at += len;
    while (value.length > 0 && value[0] === 0) value = value.subarray(1);
    if (value.length > size) throw new Error('ECDSA signature: number too long');
    out.set(value, offset + size - value.length);
  }
  return out;
}

function derInteger(unsigned: Uint8Array): number[] {
  let i = 0;
  while (i < unsigned.length - 1 && unsigned[i] === 0) i++;
  const bytes = [...unsigned.subarray(i)];
  if (bytes[0]! & 0x80) bytes.unshift(0); // keep it positive
  return [0x02, ...derLength(bytes.length), ...bytes];
}

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v >>= 8) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}
