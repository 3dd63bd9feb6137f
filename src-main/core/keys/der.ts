/**
 * Just enough ASN.1 reading for PKCS#12 and PKCS#8, over asn1js. Every reader throws `DerError`
 * on a shape it did not expect, so callers turn one error type into "this is not a valid file".
 */
import * as asn1js from 'asn1js';

export class DerError extends Error {
  constructor(what: string) {
    super(`unexpected ASN.1: ${what}`);
    this.name = 'DerError';
  }
}

export function parseDer(bytes: Uint8Array, what: string): asn1js.AsnType {
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1) throw new DerError(what);
  return parsed.result;
}

/** The members of a SEQUENCE, SET or constructed tagged value. */
export function children(node: asn1js.AsnType | undefined, what: string): asn1js.AsnType[] {
  if (node instanceof asn1js.Constructed) return node.valueBlock.value; // SEQUENCE and SET too
  throw new DerError(`${what}: not constructed`);
}

export function oid(node: asn1js.AsnType | undefined, what: string): string {
  if (node instanceof asn1js.ObjectIdentifier) return node.valueBlock.toString();
  throw new DerError(`${what}: not an OBJECT IDENTIFIER`);
}

/** A small non-negative INTEGER (iteration counts, key lengths, versions). */
export function smallInt(node: asn1js.AsnType | undefined, what: string): number {
  if (node instanceof asn1js.Integer) {
    const n = node.valueBlock.valueDec;
    if (Number.isSafeInteger(n) && n >= 0) return n;
  }
  throw new DerError(`${what}: not a small INTEGER`);
}

/**
 * The content octets of an OCTET STRING, or of an IMPLICIT-tagged one ([0] in EncryptedData),
 * joining the pieces of a constructed (BER) encoding as Windows sometimes writes them.
 */
export function octets(node: asn1js.AsnType | undefined, what: string): Uint8Array {
  if (node instanceof asn1js.OctetString) return new Uint8Array(node.getValue());
  if (node instanceof asn1js.Primitive) return new Uint8Array(node.valueBlock.valueHexView);
  if (node instanceof asn1js.Constructed) {
    const parts = node.valueBlock.value.map((p) => octets(p, what));
    return concat(parts);
  }
  throw new DerError(`${what}: not an OCTET STRING`);
}

/** The value inside a context-specific [n] EXPLICIT wrapper. */
export function explicit(node: asn1js.AsnType | undefined, tag: number, what: string): asn1js.AsnType {
  if (node instanceof asn1js.Constructed && node.idBlock.tagClass === 3 && node.idBlock.tagNumber === tag) {
    const inner = node.valueBlock.value[0];
    if (inner) return inner;
  }
  throw new DerError(`${what}: no [${tag}]`);
}

/** The original encoding of a node, as it was in the input (never re-encoded). */
export function rawBytes(node: asn1js.AsnType): Uint8Array {
  return new Uint8Array(node.valueBeforeDecodeView);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface AlgorithmIdentifier {
  oid: string;
  params: asn1js.AsnType | undefined;
}

export function algorithm(node: asn1js.AsnType | undefined, what: string): AlgorithmIdentifier {
  const [id, params] = children(node, what);
  return { oid: oid(id, what), params };
}
