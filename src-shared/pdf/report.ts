/**
 * The verification report of a signed PDF: one source for the engine, the UI, the CLI's JSON
 * and the evidence kept with a register entry. Verdicts follow the EU DSS/ETSI vocabulary:
 * valid, invalid, indeterminate (something needed to decide is unknown — never "valid").
 */
import { z } from 'zod';

export const Verdict = z.enum(['valid', 'invalid', 'indeterminate']);
export type Verdict = z.infer<typeof Verdict>;

export const REASON_CODES = [
  'INTEGRITY_OK', // the digest over /ByteRange matches
  'DIGEST_MISMATCH', // the signed bytes were changed
  'BYTE_RANGE_INVALID', // the byte range does not cover its whole revision except /Contents
  'SIGNATURE_OK',
  'SIGNATURE_INVALID', // the CMS signature value does not verify
  'CMS_MALFORMED',
  'SIGNING_CERTIFICATE_MISMATCH', // signing-certificate-v2 names another certificate
  'CHAIN_TRUSTED',
  'CHAIN_UNTRUSTED', // no path to a configured trust anchor
  'CERT_NOT_VALID_AT_SIGNING_TIME',
  'TIME_FROM_TIMESTAMP',
  'TIME_CLAIMED', // only the signer's own clock says when
  'TIMESTAMP_INVALID',
  'TIMESTAMP_UNTRUSTED', // a timestamp that proves nothing (authority untrusted, not a TSA, weak, uncheckable): the time stays the signer's claim
  'REVOCATION_GOOD',
  'REVOCATION_NOT_APPLICABLE', // the certificate names no CRL or OCSP source
  'REVOCATION_UNKNOWN', // sources named, nothing current known: checked again when online
  'REVOKED',
  'WEAK_ALGORITHM', // SHA-1 or weaker
  'WEAK_KEY', // RSA below 2048 bits
  'KEY_USAGE', // the certificate is not for signing
  'MODIFIED_AFTER_SIGNING', // a later update changed what was signed in a way not permitted
  'PERMITTED_CHANGES', // later updates exist and are all permitted (signatures, DSS, …)
  'UNSUPPORTED', // a feature this verifier does not check
] as const;
export const ReasonCode = z.enum(REASON_CODES);
export type ReasonCode = z.infer<typeof ReasonCode>;

export const Reason = z.object({
  code: ReasonCode,
  /** ok: a check passed; warning: noted, verdict not lowered; unknown: indeterminate; error: invalid. */
  severity: z.enum(['ok', 'warning', 'unknown', 'error']),
  message: z.string(),
});
export type Reason = z.infer<typeof Reason>;

export const CertificateSummary = z.object({
  subject: z.string(),
  commonName: z.string(),
  organisation: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  sha256: z.string(),
});
export type CertificateSummary = z.infer<typeof CertificateSummary>;

/** ocsp/crl: fetched for this check; cache-*: read from the workstation's offline cache. */
export const RevocationSource = z.enum(['ocsp', 'crl', 'cache-ocsp', 'cache-crl']);
export type RevocationSource = z.infer<typeof RevocationSource>;

export const RevocationEvidence = z.object({
  url: z.string(),
  thisUpdate: z.string(),
  nextUpdate: z.string().nullable(),
  /** SHA-256 of the CRL or OCSP response (DER); the bytes are in the revocation cache. */
  sha256: z.string(),
});
export type RevocationEvidence = z.infer<typeof RevocationEvidence>;

export const SignatureReport = z.object({
  index: z.number().int(),
  fieldName: z.string(),
  verdict: Verdict,
  reasons: z.array(Reason),
  signer: CertificateSummary.nullable(),
  chain: z.array(CertificateSummary),
  signingTime: z.object({ value: z.string().nullable(), source: z.enum(['timestamp', 'claimed', 'none']) }),
  revocation: z.enum(['good', 'revoked', 'unknown', 'not_applicable']),
  /** Where the revocation answer came from (absent in reports stored before it was recorded). */
  revocationSource: RevocationSource.nullable().optional(),
  /** The CRL or OCSP response the answer rests on. */
  revocationEvidence: RevocationEvidence.nullable().optional(),
  byteRange: z.array(z.number().int()),
  /** Index of the revision the signature covers (0 = the original file). */
  revision: z.number().int().nullable(),
  subFilter: z.string(),
  digestAlgorithm: z.string(),
  signatureAlgorithm: z.string(),
  /** One line per later incremental update: what it changed and whether that is permitted. */
  changesAfter: z.array(z.object({ revision: z.number().int(), permitted: z.boolean(), description: z.string() })),
  /** A short explanation in plain Vietnamese. */
  explanation: z.string(),
});
export type SignatureReport = z.infer<typeof SignatureReport>;

export const DocumentReport = z.object({
  verdict: z.enum(['valid', 'invalid', 'indeterminate', 'unsigned']),
  explanation: z.string(),
  signatures: z.array(SignatureReport),
  file: z.object({ sha256: z.string(), size: z.number().int() }),
  checkedAt: z.string(),
  /** Certificates used as trust anchors (SHA-256), so the evidence says what was trusted. */
  trustAnchors: z.array(z.string()),
});
export type DocumentReport = z.infer<typeof DocumentReport>;

/** Worst first: any invalid makes the document invalid; else any indeterminate; else valid. */
export function combineVerdicts(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('invalid')) return 'invalid';
  if (verdicts.includes('indeterminate')) return 'indeterminate';
  return 'valid';
}

/** The verdict a set of reasons leads to. */
export function verdictOf(reasons: readonly Reason[]): Verdict {
  if (reasons.some((r) => r.severity === 'error')) return 'invalid';
  if (reasons.some((r) => r.severity === 'unknown')) return 'indeterminate';
  return 'valid';
}
