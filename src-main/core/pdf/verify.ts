/**
 * Verifies every signature of a PDF the way pyHanko and EU DSS do: integrity of the byte range
 * and that it covers its whole revision, the CMS signature, the path to a trust anchor checked
 * by cryptography, validity at the signing time, revocation, algorithm strength, key usage, and
 * what changed afterwards. Anything that cannot be decided is "indeterminate", never "valid".
 */
import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import {
  combineVerdicts,
  verdictOf,
  type DocumentReport,
  type Reason,
  type SignatureReport,
} from '../../../src-shared/pdf/report';
import { changesAfter, type MdpLevel } from './changes';
import {
  DIGEST_NAMES,
  OID,
  ensureCryptoEngine,
  inspectCms,
  parseCertificate,
  type CmsFacts,
  type CmsTimestamp,
} from './cms';
import {
  allowsSigning,
  fingerprint,
  isSelfSigned,
  isTimestampingCertificate,
  revocationSources,
  rsaKeyBits,
  summarize,
} from './certificates';
import { openPdf, PdfDict, PdfName, PdfRef, PdfString, PdfSyntaxError, type PdfFile, type PdfObject } from './syntax';
import { explainDocument, explainSignature, MESSAGES } from './explain';
import { asResult, statusAtSigning, type RevocationCallback } from './revocation/types';

export interface VerifyOptions {
  /** DER certificates trusted as anchors. */
  trustAnchors: Uint8Array[];
  /**
   * Called for certificates that name revocation sources, with the signing time and what proves
   * it; null (or a result with status null) = nothing current known (offline).
   */
  revocation?: RevocationCallback;
  now?: Date;
}

interface FoundSignature {
  fieldName: string;
  dict: PdfDict;
  ref: PdfRef | null;
}

const WEAK_DIGESTS = new Set<string>([OID.sha1, OID.md5]);
const WEAK_SIGNATURES = new Set<string>([OID.sha1WithRSA, OID.ecdsaWithSHA1]);

function reason(code: Reason['code'], severity: Reason['severity'], message: string): Reason {
  return { code, severity, message };
}

function deref(pdf: PdfFile, v: PdfObject | undefined): PdfObject {
  return pdf.deref(v);
}

/** Signature fields of the AcroForm, in field order (loop-safe). */
function findSignatures(pdf: PdfFile): FoundSignature[] {
  const out: FoundSignature[] = [];
  const acro = deref(pdf, pdf.catalog().get('AcroForm'));
  if (!(acro instanceof PdfDict)) return out;
  const seen = new Set<string>();
  const walk = (fields: PdfObject, prefix: string, inheritedFt: string, depth: number) => {
    const list = deref(pdf, fields);
    if (!Array.isArray(list) || depth > 32) return;
    for (const f of list) {
      if (f instanceof PdfRef) {
        if (seen.has(f.key())) continue;
        seen.add(f.key());
      }
      const d = deref(pdf, f);
      if (!(d instanceof PdfDict)) continue;
      const t = d.get('T');
      const name = t instanceof PdfString ? (prefix ? `${prefix}.${t.text()}` : t.text()) : prefix;
      const ftValue = d.get('FT');
      const ft = ftValue instanceof PdfName ? ftValue.value : inheritedFt;
      const v = d.get('V');
      const value = deref(pdf, v);
      if (ft === 'Sig' && value instanceof PdfDict)
        out.push({ fieldName: name, dict: value, ref: v instanceof PdfRef ? v : null });
      walk(d.get('Kids') ?? null, name, ft, depth + 1);
    }
  };
  walk(acro.get('Fields') ?? null, '', '', 0);
  return out;
}

/** The DocMDP level of a certification signature, if the document has one. */
function mdpLevel(pdf: PdfFile, signatures: FoundSignature[]): MdpLevel {
  for (const s of signatures) {
    const refs = deref(pdf, s.dict.get('Reference'));
    if (!Array.isArray(refs)) continue;
    for (const r of refs) {
      const d = deref(pdf, r);
      if (!(d instanceof PdfDict)) continue;
      const method = d.get('TransformMethod');
      if (!(method instanceof PdfName) || method.value !== 'DocMDP') continue;
      const params = deref(pdf, d.get('TransformParams'));
      const p = params instanceof PdfDict ? params.get('P') : undefined;
      return p === 1 || p === 3 ? p : 2;
    }
  }
  return null;
}

/** Where the /Contents value of this signature dictionary sits in the file ('<' to after '>'). */
function contentsSpan(pdf: PdfFile, sig: FoundSignature): { start: number; end: number } | null {
  if (!sig.ref) return null;
  const loc = pdf.objectLocation(sig.ref);
  if (!loc || loc.kind !== 'direct') return null;
  const text = Buffer.from(pdf.bytes.buffer, pdf.bytes.byteOffset + loc.start, loc.end - loc.start);
  const key = text.indexOf('/Contents');
  if (key < 0) return null;
  const open = text.indexOf('<', key);
  const close = text.indexOf('>', open);
  if (open < 0 || close < 0) return null;
  return { start: loc.start + open, end: loc.start + close + 1 };
}

function claimedTime(sig: FoundSignature, cms: CmsFacts | null): Date | null {
  const m = sig.dict.get('M');
  if (m instanceof PdfString) {
    const match = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Z+-])?(\d{2})?'?(\d{2})?/.exec(m.text());
    if (match) {
      const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, th = '00', tm = '00'] = match;
      const offset = sign === '+' || sign === '-' ? (sign === '+' ? 1 : -1) * (Number(th) * 60 + Number(tm)) : 0;
      const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offset * 60_000;
      if (Number.isFinite(t)) return new Date(t);
    }
  }
  return cms?.claimedSigningTime ?? null;
}

/** Whether a path from `leaf` through `certificates` reaches a trust anchor at `at`, by signatures. */
async function pathToAnchor(
  leaf: pkijs.Certificate,
  certificates: pkijs.Certificate[],
  anchors: pkijs.Certificate[],
  at: Date,
): Promise<{ trusted: boolean; path: pkijs.Certificate[] }> {
  if (anchors.length === 0) return { trusted: false, path: [] };
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: anchors,
    // pkijs builds the path from the LAST certificate given: the leaf's must be that one.
    certs: [...certificates.filter((c) => c !== leaf), leaf],
    checkDate: at,
  });
  try {
    const result = await engine.verify();
    return { trusted: result.result, path: result.certificatePath ?? [] };
  } catch {
    return { trusted: false, path: [] };
  }
}

async function checkChain(
  cms: CmsFacts,
  anchors: pkijs.Certificate[],
  at: Date,
): Promise<{ trusted: boolean; path: pkijs.Certificate[] }> {
  if (!cms.signerCertificate) return { trusted: false, path: [] };
  return pathToAnchor(cms.signerCertificate, cms.certificates, anchors, at);
}

/**
 * Why a well-formed timestamp (status 'valid': it is over this signature and its own signature
 * verifies) cannot prove the time, or null when it can — as EU DSS judges a signature timestamp:
 * the token's algorithms are strong; its authority's certificate is a TSA certificate (extended
 * key usage id-kp-timeStamping, critical, RFC 3161 §2.3); its path reaches a trust anchor at the
 * stamped time (the TSA could stamp then) and still does now: without an archive timestamp
 * (PAdES B-LTA) nothing carries the proof past the end of the TSA certificate.
 */
async function timestampProblem(ts: CmsTimestamp, anchors: pkijs.Certificate[], now: Date): Promise<string | null> {
  const tsa = ts.tsaCertificate;
  if (!tsa) return MESSAGES.timestampUnverifiable;
  const bits = rsaKeyBits(tsa);
  if (
    WEAK_DIGESTS.has(ts.imprintAlgorithm) ||
    WEAK_DIGESTS.has(ts.digestAlgorithm) ||
    WEAK_SIGNATURES.has(ts.signatureAlgorithm) ||
    (bits !== null && bits < 2048)
  ) {
    return MESSAGES.timestampWeak;
  }
  if (!isTimestampingCertificate(tsa)) return MESSAGES.timestampNotTsa;
  if (anchors.length === 0 || !(await pathToAnchor(tsa, ts.certificates, anchors, ts.time)).trusted) {
    return MESSAGES.timestampUntrusted;
  }
  if (!(await pathToAnchor(tsa, ts.certificates, anchors, now)).trusted) return MESSAGES.timestampExpired;
  return null;
}

async function verifyOne(
  pdf: PdfFile,
  sig: FoundSignature,
  index: number,
  options: VerifyOptions,
  anchors: pkijs.Certificate[],
  mdp: MdpLevel,
): Promise<SignatureReport> {
  const reasons: Reason[] = [];
  const subFilterValue = sig.dict.get('SubFilter');
  const subFilter = subFilterValue instanceof PdfName ? subFilterValue.value : '';
  const report: SignatureReport = {
    index,
    fieldName: sig.fieldName,
    verdict: 'indeterminate',
    reasons,
    signer: null,
    chain: [],
    signingTime: { value: null, source: 'none' },
    revocation: 'unknown',
    byteRange: [],
    revision: null,
    subFilter,
    digestAlgorithm: '',
    signatureAlgorithm: '',
    changesAfter: [],
    explanation: '',
  };
  const finish = () => {
    report.verdict = verdictOf(reasons);
    report.explanation = explainSignature(report);
    return report;
  };

  const range = deref(pdf, sig.dict.get('ByteRange'));
  const contents = sig.dict.get('Contents');
  if (
    !Array.isArray(range) ||
    range.length !== 4 ||
    !range.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0) ||
    !(contents instanceof PdfString)
  ) {
    reasons.push(reason('CMS_MALFORMED', 'error', MESSAGES.malformedDictionary));
    return finish();
  }
  const [a, b, c, d] = range as [number, number, number, number];
  report.byteRange = [a, b, c, d];
  const span = contentsSpan(pdf, sig);
  const size = pdf.bytes.length;
  // The range must end exactly where a real revision ends (not at a "%%EOF" hidden in a stream).
  const revision = pdf.revisions.findIndex((r) => r.end === c + d);
  const rangeOk =
    a === 0 && b < c && c + d <= size && span !== null && span.start === b && span.end === c && revision >= 0;
  if (!rangeOk) {
    reasons.push(reason('BYTE_RANGE_INVALID', 'error', MESSAGES.byteRange));
    return finish();
  }
  report.revision = revision;

  let cms: CmsFacts | null = null;
  try {
    cms = await inspectCms(cmsBytes(contents.bytes));
  } catch {
    reasons.push(reason('CMS_MALFORMED', 'error', MESSAGES.cmsMalformed));
    return finish();
  }
  report.digestAlgorithm = DIGEST_NAMES[cms.digestAlgorithm] ?? cms.digestAlgorithm;
  report.signatureAlgorithm = cms.signatureAlgorithm;
  if (cms.signerCertificate) report.signer = summarize(cms.signerCertificate);

  const digestName = DIGEST_NAMES[cms.digestAlgorithm];
  if (!digestName || !cms.messageDigest) {
    reasons.push(reason('CMS_MALFORMED', 'error', MESSAGES.cmsMalformed));
    return finish();
  }
  const bytes = Buffer.from(pdf.bytes.buffer, pdf.bytes.byteOffset, pdf.bytes.byteLength);
  const digest = createHash(digestName.replace('-', '').toLowerCase())
    .update(bytes.subarray(a, a + b))
    .update(bytes.subarray(c, c + d))
    .digest();
  if (!digest.equals(Buffer.from(cms.messageDigest))) {
    reasons.push(reason('DIGEST_MISMATCH', 'error', MESSAGES.digestMismatch));
    return finish();
  }
  reasons.push(reason('INTEGRITY_OK', 'ok', MESSAGES.integrityOk));

  if (!cms.signatureValid || !cms.signerCertificate) {
    reasons.push(reason('SIGNATURE_INVALID', 'error', MESSAGES.signatureInvalid));
    return finish();
  }
  if (cms.signingCertificateMatches === false) {
    reasons.push(reason('SIGNING_CERTIFICATE_MISMATCH', 'error', MESSAGES.signingCertificateMismatch));
  } else reasons.push(reason('SIGNATURE_OK', 'ok', MESSAGES.signatureOk));

  // When: a timestamp that belongs to this signature and comes from a trusted authority is
  // evidence; otherwise the signer's own claim, labelled as such.
  const claimed = claimedTime(sig, cms);
  let at = options.now ?? new Date();
  const ts = cms.timestamp;
  const tsProblem = ts?.status === 'valid' ? await timestampProblem(ts, anchors, at) : null;
  if (ts?.status === 'valid' && tsProblem === null) {
    at = ts.time;
    report.signingTime = { value: at.toISOString(), source: 'timestamp' };
    reasons.push(reason('TIME_FROM_TIMESTAMP', 'ok', MESSAGES.timestamped));
  } else {
    if (ts?.status === 'invalid') {
      // Over another signature, or changed since it was made: something in the file is wrong.
      reasons.push(reason('TIMESTAMP_INVALID', 'error', MESSAGES.timestampInvalid));
    } else if (ts) {
      // A genuine token whose authority is not trusted here (or that cannot be checked) proves
      // nothing about the time, and says nothing against the signature either. EU DSS would call
      // the timestamp itself indeterminate and fall back to the signature without it; so do we:
      // the signature is judged like a B-B one, at its claimed time (TIME_CLAIMED below), no
      // better and no worse. Hence 'warning' (noted, shown to the clerk), not 'unknown': an
      // 'unknown' would make a signature worse for carrying a timestamp than for carrying none.
      reasons.push(reason('TIMESTAMP_UNTRUSTED', 'warning', tsProblem ?? MESSAGES.timestampUnverifiable));
    }
    if (claimed) at = claimed;
    report.signingTime = { value: claimed?.toISOString() ?? null, source: claimed ? 'claimed' : 'none' };
    reasons.push(reason('TIME_CLAIMED', 'warning', MESSAGES.timeClaimed));
  }

  const leaf = cms.signerCertificate;
  if (at < leaf.notBefore.value || at > leaf.notAfter.value) {
    // Even by the signer's own clock the certificate was not valid: nothing can make it so.
    reasons.push(reason('CERT_NOT_VALID_AT_SIGNING_TIME', 'error', MESSAGES.notValidAtSigning));
  }

  const chain = await checkChain(cms, anchors, at);
  report.chain = chain.path.map(summarize);
  if (chain.trusted) reasons.push(reason('CHAIN_TRUSTED', 'ok', MESSAGES.chainTrusted));
  else
    reasons.push(reason('CHAIN_UNTRUSTED', 'unknown', anchors.length ? MESSAGES.chainUntrusted : MESSAGES.noAnchors));

  // Strength: digest, signature algorithm, RSA key size, and the CA signatures on the path.
  if (WEAK_DIGESTS.has(cms.digestAlgorithm) || WEAK_SIGNATURES.has(cms.signatureAlgorithm)) {
    reasons.push(reason('WEAK_ALGORITHM', 'error', MESSAGES.weakAlgorithm));
  }
  // pkijs's path starts above the leaf; the leaf's own signature counts too.
  const pathCerts = [leaf, ...chain.path.filter((c) => c !== leaf)];
  if (pathCerts.some((cert) => !isSelfSigned(cert) && WEAK_SIGNATURES.has(cert.signatureAlgorithm.algorithmId))) {
    reasons.push(reason('WEAK_ALGORITHM', 'error', MESSAGES.weakCertificateAlgorithm));
  }
  const bits = rsaKeyBits(leaf);
  if (bits !== null && bits < 2048) reasons.push(reason('WEAK_KEY', 'error', MESSAGES.weakKey(bits)));
  if (!allowsSigning(leaf)) reasons.push(reason('KEY_USAGE', 'error', MESSAGES.keyUsage));

  // Revocation: a certificate naming no source is "not applicable", noted, not held against it.
  const sources = revocationSources(leaf);
  if (sources.crl.length === 0 && sources.ocsp.length === 0) {
    report.revocation = 'not_applicable';
    reasons.push(reason('REVOCATION_NOT_APPLICABLE', 'warning', MESSAGES.revocationNotApplicable));
  } else {
    // The leaf's issuer on the trusted path (none when the path is not trusted: then unknown).
    const issuer = chain.path.find((c) => c !== leaf && c.subject.isEqual(leaf.issuer)) ?? null;
    const context = {
      signingTime: report.signingTime.value ? new Date(report.signingTime.value) : null,
      timeSource: report.signingTime.source,
      ...(options.now ? { now: options.now } : {}),
    };
    const result = asResult(options.revocation ? await options.revocation(leaf, issuer, context) : null);
    const status = statusAtSigning(result, context);
    report.revocationSource = status === null ? null : result.source;
    report.revocationEvidence = status === null ? null : (result.evidence ?? null);
    if (status === 'good') {
      report.revocation = 'good';
      reasons.push(reason('REVOCATION_GOOD', 'ok', MESSAGES.revocationGood));
    } else if (status === 'good-at-signing') {
      // Revoked later than a time a timestamp proves: the signature was made while it was good.
      report.revocation = 'good';
      reasons.push(reason('REVOCATION_GOOD', 'ok', MESSAGES.revokedAfterSigning(result.revokedAt!.toISOString())));
    } else if (status === 'revoked') {
      report.revocation = 'revoked';
      reasons.push(reason('REVOKED', 'error', MESSAGES.revoked));
    } else {
      report.revocation = 'unknown';
      reasons.push(reason('REVOCATION_UNKNOWN', 'unknown', MESSAGES.revocationUnknown));
    }
  }

  report.changesAfter = changesAfter(pdf, revision, index === 0 ? null : mdp);
  if (hasTrailingContent(pdf)) {
    report.changesAfter.push({ revision: pdf.revisions.length, permitted: false, description: MESSAGES.trailingBytes });
  }
  if (report.changesAfter.some((ch) => !ch.permitted)) {
    reasons.push(reason('MODIFIED_AFTER_SIGNING', 'error', MESSAGES.modified));
  } else if (report.changesAfter.length > 0) {
    reasons.push(reason('PERMITTED_CHANGES', 'ok', MESSAGES.permittedChanges(report.changesAfter.length)));
  }
  return finish();
}

/** Bytes after the last revision that are not whitespace: content no signature covers. */
function hasTrailingContent(pdf: PdfFile): boolean {
  const tail = pdf.bytes.subarray(pdf.bytes.length - pdf.trailingBytes);
  return tail.some((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0x00 && b !== 0x0c);
}

/**
 * /Contents is padded with zeros after the CMS; the outer DER header says how long it really is
 * (an indefinite-length BER encoding ends itself, so the padding is harmless there).
 */
function cmsBytes(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0x30 || bytes.length < 2) return bytes;
  const first = bytes[1] as number;
  if (first < 0x80) return bytes.subarray(0, Math.min(bytes.length, 2 + first));
  const count = first & 0x7f;
  if (count === 0 || count > 4 || bytes.length < 2 + count) return bytes;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + (bytes[2 + i] as number);
  return bytes.subarray(0, Math.min(bytes.length, 2 + count + length));
}

export async function verifyPdf(input: Uint8Array, options: VerifyOptions): Promise<DocumentReport> {
  ensureCryptoEngine();
  const checkedAt = (options.now ?? new Date()).toISOString();
  const file = { sha256: createHash('sha256').update(input).digest('hex'), size: input.length };
  const anchors: pkijs.Certificate[] = [];
  for (const der of options.trustAnchors) {
    try {
      anchors.push(parseCertificate(der));
    } catch {
      // An unreadable anchor is skipped: it could not have made anything trusted.
    }
  }
  const trustAnchors = anchors.map(fingerprint);
  const base = { file, checkedAt, trustAnchors };

  /** A file that could not be read far enough to find its signatures: undecided, with why. */
  const undecided = (problem: string): DocumentReport => ({
    ...base,
    verdict: 'indeterminate',
    signatures: [],
    explanation: explainDocument('indeterminate', [], problem),
  });
  const problemOf = (error: unknown) => (error instanceof PdfSyntaxError ? error.code : 'DAMAGED');

  let pdf: PdfFile;
  try {
    pdf = openPdf(input);
  } catch (error) {
    return undecided(problemOf(error));
  }
  if (pdf.encrypted) return undecided('ENCRYPTED');
  let found: FoundSignature[];
  try {
    found = findSignatures(pdf);
  } catch (error) {
    return undecided(problemOf(error));
  }
  if (found.length === 0) {
    return { ...base, verdict: 'unsigned', signatures: [], explanation: explainDocument('unsigned', []) };
  }
  const mdp = mdpLevel(pdf, found);
  const signatures: SignatureReport[] = [];
  for (const [i, sig] of found.entries()) {
    try {
      signatures.push(await verifyOne(pdf, sig, i, options, anchors, mdp));
    } catch (error) {
      const failed: SignatureReport = {
        index: i,
        fieldName: sig.fieldName,
        verdict: 'indeterminate',
        reasons: [
          reason(
            'UNSUPPORTED',
            'unknown',
            MESSAGES.couldNotCheck(error instanceof Error ? error.message : String(error)),
          ),
        ],
        signer: null,
        chain: [],
        signingTime: { value: null, source: 'none' },
        revocation: 'unknown',
        byteRange: [],
        revision: null,
        subFilter: '',
        digestAlgorithm: '',
        signatureAlgorithm: '',
        changesAfter: [],
        explanation: '',
      };
      failed.explanation = explainSignature(failed);
      signatures.push(failed);
    }
  }
  const verdict = combineVerdicts(signatures.map((s) => s.verdict));
  return { ...base, verdict, signatures, explanation: explainDocument(verdict, signatures) };
}
