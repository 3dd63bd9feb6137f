/**
 * OCSP (RFC 6960): a request for one certificate with a fresh nonce, and the acceptance of a
 * response only when it is signed by the issuer itself or by a responder certificate the issuer
 * delegated (issued by it, with the OCSPSigning extended key usage, valid now), answers for
 * exactly the CertID asked about, echoes the nonce (a response that drops the nonce is taken, as
 * pre-produced responses do; one with another nonce is not), and is current.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ensureCryptoEngine } from '../cms';
import {
  extensionOf,
  isWeakSignature,
  issuedBy,
  RevocationRefused,
  REVOCATION_OID,
  sameBytes,
  toArrayBuffer,
} from './common';

export interface OcspRequest {
  der: Uint8Array;
  nonce: Uint8Array;
  certId: pkijs.CertID;
}

export interface OcspFacts {
  status: 'good' | 'revoked' | 'unknown';
  revokedAt?: Date;
  thisUpdate: Date;
  nextUpdate: Date | null;
  producedAt: Date;
}

/** CertID hashes: SHA-1, which RFC 5019 responders must support (an identifier, not a signature). */
const CERT_ID_HASH = 'SHA-1';

export async function buildOcspRequest(cert: pkijs.Certificate, issuer: pkijs.Certificate): Promise<OcspRequest> {
  ensureCryptoEngine();
  const certId = await pkijs.CertID.create(cert, { hashAlgorithm: CERT_ID_HASH, issuerCertificate: issuer });
  const nonce = new Uint8Array(randomBytes(16));
  const request = new pkijs.OCSPRequest();
  request.tbsRequest.requestList = [new pkijs.Request({ reqCert: certId })];
  request.tbsRequest.requestExtensions = [
    new pkijs.Extension({
      extnID: REVOCATION_OID.ocspNonce,
      critical: false,
      extnValue: new asn1js.OctetString({ valueHex: toArrayBuffer(nonce) }).toBER(),
    }),
  ];
  return { der: new Uint8Array(request.toSchema(true).toBER()), nonce, certId };
}

/** The nonce bytes of an extension: RFC 8954 wraps them in an OCTET STRING; some responders don't. */
function nonceOf(ext: pkijs.Extension): Uint8Array {
  const raw = new Uint8Array(ext.extnValue.valueBlock.valueHexView);
  const inner = asn1js.fromBER(toArrayBuffer(raw));
  if (inner.offset === raw.length && inner.result instanceof asn1js.OctetString) {
    return new Uint8Array(inner.result.valueBlock.valueHexView);
  }
  return raw;
}

function hasOcspSigning(cert: pkijs.Certificate): boolean {
  const eku = extensionOf(cert.extensions, REVOCATION_OID.extKeyUsage)?.parsedValue as pkijs.ExtKeyUsage | undefined;
  return eku?.keyPurposes.includes(REVOCATION_OID.ocspSigning) ?? false;
}

function matchesResponderId(cert: pkijs.Certificate, responderId: unknown): boolean {
  if (responderId instanceof pkijs.RelativeDistinguishedNames) return cert.subject.isEqual(responderId);
  if (responderId instanceof asn1js.OctetString) {
    const keyHash = createHash('sha1')
      .update(new Uint8Array(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView))
      .digest();
    return sameBytes(new Uint8Array(keyHash), new Uint8Array(responderId.valueBlock.valueHexView));
  }
  return false;
}

export interface OcspCheck {
  cert: pkijs.Certificate;
  issuer: pkijs.Certificate;
  now: Date;
  /** The nonce sent; null when reading a cached response (its nonce was checked when fetched). */
  nonce: Uint8Array | null;
  clockSkewMs?: number;
  /** How long a response without nextUpdate counts as current after its thisUpdate. */
  maxAgeWithoutNextUpdateMs?: number;
}

/** The certificate's status according to this response; RevocationRefused when it cannot be used. */
export async function checkOcspResponse(bytes: Uint8Array, check: OcspCheck): Promise<OcspFacts> {
  ensureCryptoEngine();
  const { cert, issuer, now } = check;
  const skew = check.clockSkewMs ?? 5 * 60_000;
  let response: pkijs.OCSPResponse;
  let basic: pkijs.BasicOCSPResponse;
  try {
    response = pkijs.OCSPResponse.fromBER(toArrayBuffer(bytes));
  } catch {
    throw new RevocationRefused('not an OCSP response');
  }
  const status = response.responseStatus.valueBlock.valueDec;
  if (status !== 0) throw new RevocationRefused(`OCSP responder answered with status ${status}`);
  if (!response.responseBytes || response.responseBytes.responseType !== REVOCATION_OID.ocspBasic) {
    throw new RevocationRefused('OCSP response is not a basic response');
  }
  try {
    basic = pkijs.BasicOCSPResponse.fromBER(toArrayBuffer(response.responseBytes.response.valueBlock.valueHexView));
  } catch {
    throw new RevocationRefused('OCSP basic response unreadable');
  }

  // Who signed: the issuer itself, or a responder it delegated to.
  if (isWeakSignature(basic.signatureAlgorithm.algorithmId)) {
    throw new RevocationRefused('OCSP response signed with a weak algorithm');
  }
  const engine = pkijs.getCrypto(true);
  const responderId = basic.tbsResponseData.responderID;
  const candidates = [
    issuer,
    ...(basic.certs ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate),
  ];
  let signer: pkijs.Certificate | null = null;
  const problems: string[] = [];
  for (const candidate of candidates) {
    if (!matchesResponderId(candidate, responderId)) continue;
    const isIssuer =
      candidate === issuer ||
      (candidate.subject.isEqual(issuer.subject) &&
        sameBytes(
          new Uint8Array(candidate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
          new Uint8Array(issuer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
        ));
    if (!isIssuer) {
      if (!(await issuedBy(candidate, issuer))) {
        problems.push('responder certificate not issued by the issuer');
        continue;
      }
      if (!hasOcspSigning(candidate)) {
        problems.push('responder certificate lacks the OCSPSigning extended key usage');
        continue;
      }
      if (now < candidate.notBefore.value || now > candidate.notAfter.value) {
        problems.push('responder certificate not valid now');
        continue;
      }
      if (isWeakSignature(candidate.signatureAlgorithm.algorithmId)) {
        problems.push('responder certificate signed with a weak algorithm');
        continue;
      }
    }
    let verified = false;
    try {
      verified = await engine.verifyWithPublicKey(
        toArrayBuffer(basic.tbsResponseData.tbsView),
        basic.signature,
        candidate.subjectPublicKeyInfo,
        basic.signatureAlgorithm,
      );
    } catch {
      verified = false;
    }
    if (verified) {
      signer = candidate;
      break;
    }
    problems.push('OCSP response signature does not verify');
  }
  if (!signer) {
    throw new RevocationRefused(
      `OCSP response not signed by the issuer or a delegated responder${problems.length ? ` (${problems.join('; ')})` : ''}`,
    );
  }

  if (check.nonce) {
    const echoed = extensionOf(basic.tbsResponseData.responseExtensions, REVOCATION_OID.ocspNonce);
    if (echoed && !sameBytes(nonceOf(echoed), check.nonce)) throw new RevocationRefused('OCSP nonce does not match');
  }

  // The answer for exactly this certificate, by the hash algorithm the responder used.
  let single: pkijs.SingleResponse | undefined;
  for (const candidate of basic.tbsResponseData.responses) {
    let hashName: string;
    try {
      hashName = engine.getAlgorithmByOID(candidate.certID.hashAlgorithm.algorithmId, true, 'CertID').name;
    } catch {
      continue;
    }
    const expected = await pkijs.CertID.create(cert, { hashAlgorithm: hashName, issuerCertificate: issuer });
    if (candidate.certID.isEqual(expected)) {
      single = candidate;
      break;
    }
  }
  if (!single) throw new RevocationRefused('OCSP response is for another certificate (CertID mismatch)');

  const thisUpdate = single.thisUpdate;
  const nextUpdate = single.nextUpdate ?? null;
  if (thisUpdate.getTime() > now.getTime() + skew) throw new RevocationRefused('OCSP response is from the future');
  const expires = nextUpdate
    ? nextUpdate.getTime()
    : thisUpdate.getTime() + (check.maxAgeWithoutNextUpdateMs ?? 60 * 60_000);
  if (expires < now.getTime()) throw new RevocationRefused('OCSP response is out of date');

  const base = { thisUpdate, nextUpdate, producedAt: basic.tbsResponseData.producedAt };
  const certStatus = single.certStatus as asn1js.BaseBlock;
  const tag = certStatus.idBlock.tagNumber;
  if (certStatus.idBlock.tagClass !== 3) throw new RevocationRefused('OCSP certificate status unreadable');
  if (tag === 0) return { status: 'good', ...base };
  if (tag === 2) return { status: 'unknown', ...base };
  if (tag === 1 && certStatus instanceof asn1js.Constructed) {
    const time = certStatus.valueBlock.value[0];
    if (time instanceof asn1js.GeneralizedTime) return { status: 'revoked', revokedAt: time.toDate(), ...base };
  }
  throw new RevocationRefused('OCSP certificate status unreadable');
}
