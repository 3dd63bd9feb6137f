/** Small pieces the CRL and OCSP checks share. */
import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import { OID } from '../cms';

/** An answer that must not be used, and why (English, for logs and tests). */
export class RevocationRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RevocationRefused';
  }
}

export const REVOCATION_OID = {
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  ocspNonce: '1.3.6.1.5.5.7.48.1.2',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  extKeyUsage: '2.5.29.37',
  cRLNumber: '2.5.29.20',
  deltaCRLIndicator: '2.5.29.27',
  issuingDistributionPoint: '2.5.29.28',
  certificateIssuer: '2.5.29.29',
  authorityKeyIdentifier: '2.5.29.35',
  freshestCRL: '2.5.29.46',
  reasonCode: '2.5.29.21',
  invalidityDate: '2.5.29.24',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
} as const;

/** Revocation data signed with these is refused, as the signatures themselves would be. */
const WEAK_SIGNATURES = new Set<string>([
  OID.sha1WithRSA,
  OID.ecdsaWithSHA1,
  '1.2.840.113549.1.1.4', // md5WithRSAEncryption
  '1.2.840.113549.1.1.2', // md2WithRSAEncryption
  '1.2.840.10040.4.3', // dsa-with-sha1
]);

export function isWeakSignature(algorithmId: string): boolean {
  return WEAK_SIGNATURES.has(algorithmId);
}

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The cache's name for an issuer: SHA-256 of its public key (the BIT STRING contents). */
export function issuerKeyHash(issuer: pkijs.Certificate): string {
  return sha256Hex(new Uint8Array(issuer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView));
}

export function serialHex(cert: pkijs.Certificate): string {
  return Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex');
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a).equals(Buffer.from(b));
}

export function extensionOf(extensions: pkijs.Extension[] | undefined, oid: string): pkijs.Extension | undefined {
  return extensions?.find((e) => e.extnID === oid);
}

/** `cert` names `issuer` as its issuer and carries a signature made with the issuer's key. */
export async function issuedBy(cert: pkijs.Certificate, issuer: pkijs.Certificate): Promise<boolean> {
  if (!cert.issuer.isEqual(issuer.subject)) return false;
  try {
    return await cert.verify(issuer);
  } catch {
    return false;
  }
}

/** keyUsage bits of a certificate (byte 0 first), or null when it has no keyUsage extension. */
export function keyUsageBits(cert: pkijs.Certificate): Uint8Array | null {
  const ext = extensionOf(cert.extensions, OID.keyUsage);
  const value = ext?.parsedValue as { valueBlock?: { valueHexView?: Uint8Array } } | undefined;
  return value?.valueBlock?.valueHexView ? new Uint8Array(value.valueBlock.valueHexView) : null;
}

export function fullNameUris(names: unknown): string[] {
  return Array.isArray(names)
    ? (names as pkijs.GeneralName[]).filter((n) => n.type === 6).map((n) => String(n.value))
    : [];
}
