/**
 * Reading certificates for the key and trust code: names in plain text (UTF-8 intact), validity,
 * whether it is a CA, the key type, and certificates out of PEM/DER/base64 files.
 *
 * Names are read with pkijs and certificate bytes are never re-encoded: the DER kept is the DER
 * read, so signatures over it and fingerprints of it stay true.
 */
import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import * as asn1js from 'asn1js';
import { DerError, children, explicit, oid, parseDer, rawBytes } from './der';
import type { KeyAlgorithm } from './signer';

export interface CertificateInfo {
  der: Uint8Array;
  /** "CN=…, T=…, O=…, C=VN", attributes in the order the certificate lists them. */
  subject: string;
  issuer: string;
  commonName: string;
  notBefore: Date;
  notAfter: Date;
  /** basicConstraints cA = TRUE. */
  isCA: boolean;
  /** null for keys VanThu cannot sign with (RSA-PSS-only, other curves, EdDSA...). */
  keyAlgorithm: KeyAlgorithm | null;
  /** Lower-case hex SHA-256 of the DER. */
  sha256: string;
}

const NAME_TYPES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'G',
  '2.5.4.12': 'T',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.6': 'C',
  '2.5.4.5': 'SERIALNUMBER',
  '1.2.840.113549.1.9.1': 'E',
  // Vietnamese CAs put "CMND:…", "CCCD:…" or "MST:…" (tax code) in UID.
  '0.9.2342.19200300.100.1.1': 'UID',
};

const OID_RSA = '1.2.840.113549.1.1.1';
const OID_EC = '1.2.840.10045.2.1';
const OID_P256 = '1.2.840.10045.3.1.7';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';

function attributeValue(tv: pkijs.AttributeTypeAndValue): string {
  const block = (tv.value as { valueBlock?: { value?: unknown } }).valueBlock;
  return typeof block?.value === 'string' ? block.value : '';
}

export function nameToText(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues.map((tv) => `${NAME_TYPES[tv.type] ?? tv.type}=${attributeValue(tv)}`).join(', ');
}

function nameField(name: pkijs.RelativeDistinguishedNames, type: string): string {
  const tv = name.typesAndValues.find((t) => t.type === type);
  return tv ? attributeValue(tv) : '';
}

function keyAlgorithmOf(cert: pkijs.Certificate): KeyAlgorithm | null {
  const alg = cert.subjectPublicKeyInfo.algorithm;
  if (alg.algorithmId === OID_RSA) return 'RSA';
  if (alg.algorithmId === OID_EC) {
    const curve = alg.algorithmParams as { valueBlock?: { toString(): string } } | undefined;
    if (curve?.valueBlock?.toString() === OID_P256) return 'ECDSA-P256';
  }
  return null;
}

/** Throws DerError when `der` is not an X.509 certificate. */
export function readCertificate(der: Uint8Array): CertificateInfo {
  let cert: pkijs.Certificate;
  try {
    cert = new pkijs.Certificate({ schema: parseDer(der, 'Certificate') });
  } catch (e) {
    throw e instanceof DerError ? e : new DerError('Certificate');
  }
  const bc = cert.extensions?.find((e) => e.extnID === OID_BASIC_CONSTRAINTS)?.parsedValue;
  return {
    der,
    subject: nameToText(cert.subject),
    issuer: nameToText(cert.issuer),
    commonName: nameField(cert.subject, '2.5.4.3'),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    isCA: bc instanceof pkijs.BasicConstraints && bc.cA,
    keyAlgorithm: keyAlgorithmOf(cert),
    sha256: createHash('sha256').update(der).digest('hex'),
  };
}

const PEM_BLOCK = /-----BEGIN ((?:X509 |TRUSTED )?CERTIFICATE|PKCS7|CMS)-----([\s\S]*?)-----END \1-----/g;
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';

/**
 * The certificates of a PKCS#7/CMS "certs-only" bundle (.p7b/.p7c), as some CAs publish their
 * roots (NEAC's vnrca256.p7b), each as the bytes stored in the bundle. null if `node` is not one.
 */
function certificatesInBundle(node: asn1js.AsnType): Uint8Array[] | null {
  try {
    const [type, content] = children(node, 'ContentInfo');
    if (oid(type, 'ContentInfo.contentType') !== OID_SIGNED_DATA) return null;
    const signedData = children(explicit(content, 0, 'ContentInfo.content'), 'SignedData');
    // certificates [0] IMPLICIT SET OF CertificateChoices; other choices are tagged, certificates are SEQUENCEs
    const set = signedData.find((n) => n.idBlock.tagClass === 3 && n.idBlock.tagNumber === 0);
    if (!set) return [];
    return children(set, 'SignedData.certificates')
      .filter((c) => c instanceof asn1js.Sequence)
      .map(rawBytes);
  } catch {
    return null;
  }
}

/**
 * The certificates in a file: DER, PEM (one or many blocks), a PKCS#7 bundle (.p7b, DER or PEM),
 * or bare base64 (some CAs publish .cer files that way). Returns [] when there are none; each
 * result is checked to parse. Certificates keep their bytes exactly as stored.
 */
export function certificatesInFile(bytes: Uint8Array): Uint8Array[] {
  const blobs: Uint8Array[] = [];
  if (bytes[0] === 0x30) {
    blobs.push(bytes);
  } else {
    const text = Buffer.from(bytes).toString('latin1');
    for (const m of text.matchAll(PEM_BLOCK)) blobs.push(new Uint8Array(Buffer.from(m[2]!, 'base64')));
    const bare = text.replace(/\s+/g, '');
    if (blobs.length === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(bare)) {
      blobs.push(new Uint8Array(Buffer.from(bare, 'base64')));
    }
  }
  const out: Uint8Array[] = [];
  for (const blob of blobs) {
    let node: asn1js.AsnType;
    try {
      node = parseDer(blob, 'file');
    } catch {
      continue; // not ASN.1
    }
    // Keep exactly the certificate's own bytes: a "TRUSTED CERTIFICATE" or a DER file may
    // carry more after it.
    for (const der of certificatesInBundle(node) ?? [rawBytes(node)]) {
      try {
        readCertificate(der);
        out.push(der);
      } catch {
        // not a certificate: skipped
      }
    }
  }
  return out;
}
