/** Reading certificates for reports and checks: names, fingerprints, key sizes, extensions. */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CertificateSummary } from '../../../src-shared/pdf/report';
import { OID, certificateDer } from './cms';

const NAME_TYPES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.12': 'T',
  '0.9.2342.19200300.100.1.1': 'UID',
  '2.5.4.5': 'SERIALNUMBER',
};

function nameParts(name: pkijs.RelativeDistinguishedNames): [string, string][] {
  return name.typesAndValues.map((tv) => [NAME_TYPES[tv.type] ?? tv.type, String(tv.value.valueBlock.value ?? '')]);
}

export function nameText(name: pkijs.RelativeDistinguishedNames): string {
  return nameParts(name)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

function part(name: pkijs.RelativeDistinguishedNames, key: string): string {
  return nameParts(name).find(([k]) => k === key)?.[1] ?? '';
}

export function fingerprint(cert: pkijs.Certificate): string {
  return createHash('sha256').update(certificateDer(cert)).digest('hex');
}

export function summarize(cert: pkijs.Certificate): CertificateSummary {
  return {
    subject: nameText(cert.subject),
    commonName: part(cert.subject, 'CN'),
    organisation: part(cert.subject, 'O'),
    issuer: nameText(cert.issuer),
    serialNumber: Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex'),
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
    sha256: fingerprint(cert),
  };
}

/** RSA modulus size in bits, or null for other key types. */
export function rsaKeyBits(cert: pkijs.Certificate): number | null {
  if (cert.subjectPublicKeyInfo.algorithm.algorithmId !== OID.rsaEncryption) return null;
  try {
    const key = pkijs.RSAPublicKey.fromBER(
      cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView.slice().buffer,
    );
    const modulus = new Uint8Array(key.modulus.valueBlock.valueHexView);
    let i = 0;
    while (i < modulus.length && modulus[i] === 0) i++;
    return (modulus.length - i) * 8;
  } catch {
    return null;
  }
}

function extension(cert: pkijs.Certificate, oid: string): pkijs.Extension | undefined {
  return cert.extensions?.find((e) => e.extnID === oid);
}

/**
 * Whether the key may make signatures on documents: digitalSignature or nonRepudiation
 * (contentCommitment). No keyUsage extension means no restriction.
 */
export function allowsSigning(cert: pkijs.Certificate): boolean {
  const ext = extension(cert, OID.keyUsage);
  if (!ext) return true;
  const bits = new Uint8Array((ext.parsedValue as asn1js.BitString).valueBlock.valueHexView);
  const first = bits[0] ?? 0;
  return (first & 0x80) !== 0 || (first & 0x40) !== 0;
}

/** CRL distribution point and OCSP URLs the certificate names. */
export function revocationSources(cert: pkijs.Certificate): { crl: string[]; ocsp: string[] } {
  const crl: string[] = [];
  const ocsp: string[] = [];
  const dps = extension(cert, OID.crlDistributionPoints)?.parsedValue as pkijs.CRLDistributionPoints | undefined;
  for (const dp of dps?.distributionPoints ?? []) {
    const names = Array.isArray(dp.distributionPoint) ? dp.distributionPoint : [];
    for (const n of names) if (n.type === 6) crl.push(String(n.value));
  }
  const aia = extension(cert, OID.authorityInfoAccess)?.parsedValue as pkijs.InfoAccess | undefined;
  for (const ad of aia?.accessDescriptions ?? []) {
    if (ad.accessMethod === OID.ocsp && ad.accessLocation.type === 6) ocsp.push(String(ad.accessLocation.value));
  }
  return { crl, ocsp };
}

export function isSelfSigned(cert: pkijs.Certificate): boolean {
  return cert.subject.isEqual(cert.issuer);
}

/**
 * A time-stamping authority's certificate as RFC 3161 §2.3 requires it: an extended key usage
 * extension, marked critical, with id-kp-timeStamping (and, if present, a key usage that allows
 * signing).
 */
export function isTimestampingCertificate(cert: pkijs.Certificate): boolean {
  const ext = extension(cert, OID.extKeyUsage);
  const eku = ext?.parsedValue as pkijs.ExtKeyUsage | undefined;
  return ext?.critical === true && eku?.keyPurposes.includes(OID.timeStamping) === true && allowsSigning(cert);
}
