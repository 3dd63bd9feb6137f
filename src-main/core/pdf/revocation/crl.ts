/**
 * CRLs (RFC 5280 §5, §6.3): read DER or PEM, and accept one only when it is a complete, direct
 * CRL of the certificate's own issuer, signed with that issuer's key, and current. Indirect CRLs
 * (issued by another authority) and delta CRLs are refused as unsupported, never guessed at.
 */
import * as pkijs from 'pkijs';
import { ensureCryptoEngine } from '../cms';
import {
  extensionOf,
  fullNameUris,
  isWeakSignature,
  keyUsageBits,
  RevocationRefused,
  REVOCATION_OID,
  toArrayBuffer,
} from './common';

export interface CrlFacts {
  status: 'good' | 'revoked';
  revokedAt?: Date;
  thisUpdate: Date;
  nextUpdate: Date;
}

const KNOWN_CRL_EXTENSIONS = new Set<string>([
  REVOCATION_OID.authorityKeyIdentifier,
  REVOCATION_OID.cRLNumber,
  REVOCATION_OID.issuingDistributionPoint,
  REVOCATION_OID.deltaCRLIndicator,
  REVOCATION_OID.freshestCRL,
  REVOCATION_OID.authorityInfoAccess,
]);
const KNOWN_ENTRY_EXTENSIONS = new Set<string>([
  REVOCATION_OID.reasonCode,
  REVOCATION_OID.invalidityDate,
  REVOCATION_OID.certificateIssuer,
]);
/** reasonCode removeFromCRL: only meaningful in delta CRLs, which are refused anyway. */
const REMOVE_FROM_CRL = 8;

/** DER, or PEM ("-----BEGIN X509 CRL-----"), as CAs publish either. */
export function crlDer(bytes: Uint8Array): Uint8Array {
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  if (!head.includes('-----BEGIN')) return bytes;
  const text = Buffer.from(bytes).toString('latin1');
  const m = /-----BEGIN (?:X509 )?CRL-----([\s\S]*?)-----END (?:X509 )?CRL-----/.exec(text);
  if (!m) throw new RevocationRefused('PEM without a CRL');
  return new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
}

export function parseCrl(bytes: Uint8Array): pkijs.CertificateRevocationList {
  try {
    return pkijs.CertificateRevocationList.fromBER(toArrayBuffer(crlDer(bytes)));
  } catch (error) {
    if (error instanceof RevocationRefused) throw error;
    throw new RevocationRefused('not a CRL');
  }
}

/** The certificate's CRL distribution points that name a CRL issuer other than its own (indirect). */
export function indirectDistributionPoint(cert: pkijs.Certificate): boolean {
  const dps = extensionOf(cert.extensions, '2.5.29.31')?.parsedValue as pkijs.CRLDistributionPoints | undefined;
  return (dps?.distributionPoints ?? []).some((dp) => dp.cRLIssuer !== undefined && dp.cRLIssuer.length > 0);
}

export interface CrlCheck {
  cert: pkijs.Certificate;
  issuer: pkijs.Certificate;
  now: Date;
  /** The distribution point URLs the certificate names (to match an IDP's names). */
  urls: string[];
  clockSkewMs?: number;
}

/** The certificate's status according to this CRL; RevocationRefused when it cannot be used. */
export async function checkCrl(bytes: Uint8Array, check: CrlCheck): Promise<CrlFacts> {
  ensureCryptoEngine();
  const { cert, issuer, now } = check;
  const skew = check.clockSkewMs ?? 5 * 60_000;
  const crl = parseCrl(bytes);

  if (!crl.issuer.isEqual(issuer.subject) || !cert.issuer.isEqual(issuer.subject)) {
    throw new RevocationRefused('CRL issued by another authority (indirect CRLs are not supported)');
  }
  for (const ext of crl.crlExtensions?.extensions ?? []) {
    if (ext.critical && !KNOWN_CRL_EXTENSIONS.has(ext.extnID)) {
      throw new RevocationRefused(`CRL has an unknown critical extension ${ext.extnID}`);
    }
  }
  if (extensionOf(crl.crlExtensions?.extensions, REVOCATION_OID.deltaCRLIndicator)) {
    throw new RevocationRefused('delta CRL (not complete on its own; not supported)');
  }
  const idpExt = extensionOf(crl.crlExtensions?.extensions, REVOCATION_OID.issuingDistributionPoint);
  if (idpExt) {
    const idp = idpExt.parsedValue as pkijs.IssuingDistributionPoint | undefined;
    if (!idp) throw new RevocationRefused('CRL issuing distribution point unreadable');
    if (idp.indirectCRL) throw new RevocationRefused('indirect CRL (not supported)');
    if (idp.onlyContainsCACerts || idp.onlyContainsAttributeCerts) {
      throw new RevocationRefused('CRL does not cover end-entity certificates');
    }
    if (idp.onlySomeReasons !== undefined) {
      throw new RevocationRefused('CRL covers only some reasons (not supported)');
    }
    const names = fullNameUris(idp.distributionPoint);
    if (names.length > 0 && check.urls.length > 0 && !names.some((n) => check.urls.includes(n))) {
      throw new RevocationRefused('CRL is for another distribution point');
    }
  }
  const usage = keyUsageBits(issuer);
  if (usage && ((usage[0] ?? 0) & 0x02) === 0) {
    throw new RevocationRefused('the issuer certificate may not sign CRLs (keyUsage without cRLSign)');
  }
  if (isWeakSignature(crl.signatureAlgorithm.algorithmId)) {
    throw new RevocationRefused('CRL signed with a weak algorithm');
  }
  let signed = false;
  try {
    signed = await crl.verify({ issuerCertificate: issuer });
  } catch {
    signed = false;
  }
  if (!signed) throw new RevocationRefused("CRL signature does not verify with the issuer's key");

  const thisUpdate = crl.thisUpdate.value;
  const nextUpdate = crl.nextUpdate?.value;
  if (thisUpdate.getTime() > now.getTime() + skew) throw new RevocationRefused('CRL is from the future');
  if (!nextUpdate) throw new RevocationRefused('CRL has no nextUpdate (cannot tell whether it is current)');
  if (nextUpdate.getTime() < now.getTime()) throw new RevocationRefused('CRL is out of date (nextUpdate passed)');

  const entry = (crl.revokedCertificates ?? []).find((rc) => rc.userCertificate.isEqual(cert.serialNumber));
  if (!entry) return { status: 'good', thisUpdate, nextUpdate };
  for (const ext of entry.crlEntryExtensions?.extensions ?? []) {
    if (ext.extnID === REVOCATION_OID.certificateIssuer) {
      throw new RevocationRefused('CRL entry names another certificate issuer (indirect CRL)');
    }
    if (ext.critical && !KNOWN_ENTRY_EXTENSIONS.has(ext.extnID)) {
      throw new RevocationRefused(`CRL entry has an unknown critical extension ${ext.extnID}`);
    }
  }
  const reason = extensionOf(entry.crlEntryExtensions?.extensions, REVOCATION_OID.reasonCode)?.parsedValue as
    { valueBlock?: { valueDec?: number } } | undefined;
  if (reason?.valueBlock?.valueDec === REMOVE_FROM_CRL) return { status: 'good', thisUpdate, nextUpdate };
  return { status: 'revoked', revokedAt: entry.revocationDate.value, thisUpdate, nextUpdate };
}
