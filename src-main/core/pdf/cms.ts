/**
 * CMS (RFC 5652) for PAdES signatures, built and read with pkijs (node-forge mis-encodes UTF-8
 * names, and Vietnamese CA names are UTF-8). Signing produces a detached SignedData with the
 * PAdES baseline signed attributes: content-type, message-digest and signing-certificate-v2,
 * and deliberately no signing-time (PAdES puts the claimed time in the signature dictionary).
 */
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Signer } from '../keys/signer';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  md5: '1.2.840.113549.2.5',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha1WithRSA: '1.2.840.113549.1.1.5',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
  ecdsaWithSHA1: '1.2.840.10045.4.1',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  ecdsaWithSHA384: '1.2.840.10045.4.3.3',
  keyUsage: '2.5.29.15',
  crlDistributionPoints: '2.5.29.31',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  extKeyUsage: '2.5.29.37',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocsp: '1.3.6.1.5.5.7.48.1',
} as const;

export const DIGEST_NAMES: Record<string, string> = {
  [OID.sha1]: 'SHA-1',
  [OID.sha256]: 'SHA-256',
  [OID.sha384]: 'SHA-384',
  [OID.sha512]: 'SHA-512',
  [OID.md5]: 'MD5',
};

let engineReady = false;
/** pkijs runs on Node's WebCrypto. */
export function ensureCryptoEngine(): void {
  if (engineReady) return;
  pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));
  engineReady = true;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(toArrayBuffer(der));
}

export function certificateDer(cert: pkijs.Certificate): Uint8Array {
  return new Uint8Array(cert.toSchema(true).toBER());
}

/** signing-certificate-v2 (RFC 5035): binds the signature to this exact certificate. */
function signingCertificateV2(cert: pkijs.Certificate, der: Uint8Array): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })],
      }),
      cert.serialNumber,
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({
    // hashAlgorithm omitted: SHA-256 is the default.
    value: [
      new asn1js.OctetString({ valueHex: toArrayBuffer(createHash('sha256').update(der).digest()) }),
      issuerSerial,
    ],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

/**
 * A detached CMS SignedData over content whose SHA-256 is `digest`. The signer signs the DER
 * of the signed attributes; it may be a .p12 key or a token behind PKCS#11.
 */
export async function buildCmsSignature(
  digest: Uint8Array,
  signer: Pick<Signer, 'certificate' | 'chain' | 'keyAlgorithm' | 'sign'>,
  /** B-T: a token over the signature value (timestamp.ts), added as an unsigned attribute. */
  timestamper?: (signatureValue: Uint8Array) => Promise<asn1js.Sequence>,
): Promise<Uint8Array> {
  ensureCryptoEngine();
  const cert = parseCertificate(signer.certificate);
  const attributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({
      type: OID.messageDigest,
      values: [new asn1js.OctetString({ valueHex: toArrayBuffer(digest) })],
    }),
    new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(cert, signer.certificate)] }),
  ];
  // DER: a SET OF is ordered by the encodings of its members.
  const encoded = attributes.map((a) => new Uint8Array(a.toSchema().toBER()));
  const order = encoded.map((_, i) => i).sort((a, b) => compareBytes(encoded[a]!, encoded[b]!));
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: order.map((i) => attributes[i]!) });
  const toSign = new Uint8Array(signedAttrs.toSchema().toBER());
  toSign[0] = 0x31; // signed as a SET, stored as [0] IMPLICIT (RFC 5652 §5.4)
  const signature = await signer.sign(toSign);

  const rsa = signer.keyAlgorithm === 'RSA';
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm: rsa
      ? new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRSA, algorithmParams: new asn1js.Null() })
      : new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSHA256 }),
    signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
  });
  if (timestamper) {
    const token = await timestamper(signature);
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: OID.timeStampToken, values: [token] })],
    });
  }
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [cert, ...signer.chain.map(parseCertificate)],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER());
}

export interface CmsTimestamp {
  /** The token's genTime (the epoch when the token could not be read at all). */
  time: Date;
  /**
   * valid: the imprint is over this signature value and the token's own signature verifies with
   * its TSA's certificate (and that certificate is the one the token names); invalid: either is
   * false, or the token cannot be read — it does not belong here or was changed; unverifiable:
   * the imprint matches but the TSA's certificate travels nowhere in the file (or the algorithm
   * is unknown), so the token cannot be checked — it proves nothing, but nothing is wrong either.
   * Whether the TSA is trusted is decided by the verifier, against its anchors.
   */
  status: 'valid' | 'invalid' | 'unverifiable';
  tsaCertificate: pkijs.Certificate | null;
  /** The token's certificates, then the signature's (to build the TSA's path). */
  certificates: pkijs.Certificate[];
  /** OIDs: the imprint's hash, the token's digest, the token's signature algorithm. */
  imprintAlgorithm: string;
  digestAlgorithm: string;
  signatureAlgorithm: string;
}

export interface CmsFacts {
  signerCertificate: pkijs.Certificate | null;
  certificates: pkijs.Certificate[];
  digestAlgorithm: string;
  signatureAlgorithm: string;
  messageDigest: Uint8Array | null;
  /** The signature value over the signed attributes verifies with the signer's public key. */
  signatureValid: boolean;
  /** null when the attribute is absent. */
  signingCertificateMatches: boolean | null;
  claimedSigningTime: Date | null;
  timestamp: CmsTimestamp | null;
  signatureValue: Uint8Array;
}

function attribute(info: pkijs.SignerInfo, type: string): asn1js.AsnType | null {
  return info.signedAttrs?.attributes.find((a) => a.type === type)?.values[0] ?? null;
}

function findSigner(info: pkijs.SignerInfo, certs: pkijs.Certificate[]): pkijs.Certificate | null {
  const sid = info.sid as pkijs.IssuerAndSerialNumber | asn1js.Primitive;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)) ?? null;
  }
  // SubjectKeyIdentifier: match the certificate's SKI extension.
  const ski = new Uint8Array((sid as asn1js.Primitive).valueBlock.valueHexView);
  return (
    certs.find((c) => {
      const ext = c.extensions?.find((e) => e.extnID === '2.5.29.14');
      const value = ext?.parsedValue as asn1js.OctetString | undefined;
      return value !== undefined && compareBytes(new Uint8Array(value.valueBlock.valueHexView), ski) === 0;
    }) ?? null
  );
}

/** The signature value over the signed attributes verifies with `cert`'s public key. */
async function signedAttributesVerify(info: pkijs.SignerInfo, cert: pkijs.Certificate): Promise<boolean> {
  if (!info.signedAttrs) return false;
  const signed = new Uint8Array(info.signedAttrs.encodedValue);
  signed[0] = 0x31;
  const shaName = DIGEST_NAMES[info.digestAlgorithm.algorithmId];
  if (!shaName) return false;
  try {
    return await pkijs
      .getCrypto(true)
      .verifyWithPublicKey(
        toArrayBuffer(signed),
        info.signature,
        cert.subjectPublicKeyInfo,
        info.signatureAlgorithm,
        shaName,
      );
  } catch {
    return false;
  }
}

/**
 * signing-certificate-v2 (RFC 5035) or signing-certificate (RFC 2634, SHA-1): whether the first
 * ESSCertID's hash is that of `cert`. null when neither attribute is present.
 */
function essCertificateMatches(info: pkijs.SignerInfo, cert: pkijs.Certificate): boolean | null {
  const v2 = attribute(info, OID.signingCertificateV2);
  const v1 = v2 ? null : attribute(info, OID.signingCertificate);
  if (!v2 && !v1) return null;
  try {
    const first = (((v2 ?? v1) as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence).valueBlock
      .value[0] as asn1js.Sequence;
    const parts = first.valueBlock.value;
    // ESSCertIDv2 may name its hash first (SHA-256 when absent); ESSCertID's is always SHA-1.
    const hashed = v2 !== null && parts[0] instanceof asn1js.Sequence;
    const algorithm = v2
      ? hashed
        ? new pkijs.AlgorithmIdentifier({ schema: parts[0] }).algorithmId
        : OID.sha256
      : OID.sha1;
    const certHash = new Uint8Array(((hashed ? parts[1] : parts[0]) as asn1js.OctetString).valueBlock.valueHexView);
    const name = DIGEST_NAMES[algorithm];
    if (!name) return false;
    const actual = createHash(name.replace('-', '').toLowerCase()).update(certificateDer(cert)).digest();
    return compareBytes(new Uint8Array(actual), certHash) === 0;
  } catch {
    return false;
  }
}

/**
 * A SignedData with encapsulated content (an RFC 3161 token): its signer's certificate (among
 * its own certificates, then `moreCertificates`), the content-type attribute naming the content,
 * the message digest over the content, the ESS signing-certificate reference when present, and
 * the signature over the signed attributes.
 */
export async function verifyEncapsulated(
  signedData: pkijs.SignedData,
  content: Uint8Array,
  moreCertificates: pkijs.Certificate[] = [],
): Promise<{ valid: boolean; signer: pkijs.Certificate | null; certificates: pkijs.Certificate[] }> {
  ensureCryptoEngine();
  const own = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const certificates = [...own, ...moreCertificates.filter((c) => !own.includes(c))];
  const info = signedData.signerInfos[0];
  const signer = info ? findSigner(info, certificates) : null;
  if (!info || !signer) return { valid: false, signer, certificates };
  const ct = attribute(info, OID.contentType);
  const typeOk = ct instanceof asn1js.ObjectIdentifier && ct.getValue() === signedData.encapContentInfo.eContentType;
  const md = attribute(info, OID.messageDigest);
  const shaName = DIGEST_NAMES[info.digestAlgorithm.algorithmId];
  const digestOk =
    md instanceof asn1js.OctetString &&
    shaName !== undefined &&
    compareBytes(
      new Uint8Array(createHash(shaName.replace('-', '').toLowerCase()).update(content).digest()),
      new Uint8Array(md.valueBlock.valueHexView),
    ) === 0;
  const valid =
    typeOk && digestOk && essCertificateMatches(info, signer) !== false && (await signedAttributesVerify(info, signer));
  return { valid, signer, certificates };
}

/** Reads a CMS signature and checks what needs only the CMS itself (not the PDF, not trust). */
export async function inspectCms(der: Uint8Array): Promise<CmsFacts> {
  ensureCryptoEngine();
  const contentInfo = pkijs.ContentInfo.fromBER(toArrayBuffer(der));
  if (contentInfo.contentType !== OID.signedData) throw new Error('not a CMS SignedData');
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  const info = signedData.signerInfos[0];
  if (!info) throw new Error('no SignerInfo');
  const certificates = (signedData.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  const signerCertificate = findSigner(info, certificates);
  const digestAlgorithm = info.digestAlgorithm.algorithmId;
  const signatureAlgorithm = info.signatureAlgorithm.algorithmId;
  const signatureValue = new Uint8Array(info.signature.valueBlock.valueHexView);

  const md = attribute(info, OID.messageDigest);
  const messageDigest = md instanceof asn1js.OctetString ? new Uint8Array(md.valueBlock.valueHexView) : null;

  const signatureValid = signerCertificate ? await signedAttributesVerify(info, signerCertificate) : false;

  const signingCertificateMatches = signerCertificate ? essCertificateMatches(info, signerCertificate) : null;

  const st = attribute(info, OID.signingTime);
  const claimedSigningTime = st instanceof asn1js.UTCTime || st instanceof asn1js.GeneralizedTime ? st.toDate() : null;

  return {
    signerCertificate,
    certificates,
    digestAlgorithm,
    signatureAlgorithm,
    messageDigest,
    signatureValid,
    signingCertificateMatches,
    claimedSigningTime,
    timestamp: await readTimestamp(info, signatureValue, certificates),
    signatureValue,
  };
}

/**
 * An RFC 3161 signature timestamp among the unsigned attributes, checked against the signature
 * value (imprint) and by its own signature; the TSA's certificate may also travel in the signature.
 */
async function readTimestamp(
  info: pkijs.SignerInfo,
  signatureValue: Uint8Array,
  signatureCertificates: pkijs.Certificate[],
): Promise<CmsTimestamp | null> {
  const token = info.unsignedAttrs?.attributes.find((a) => a.type === OID.timeStampToken)?.values[0];
  if (!token) return null;
  const unreadable: CmsTimestamp = {
    time: new Date(0),
    status: 'invalid',
    tsaCertificate: null,
    certificates: [],
    imprintAlgorithm: '',
    digestAlgorithm: '',
    signatureAlgorithm: '',
  };
  try {
    const tokenInfo = new pkijs.ContentInfo({ schema: token });
    if (tokenInfo.contentType !== OID.signedData) return unreadable;
    const tsSignedData = new pkijs.SignedData({ schema: tokenInfo.content });
    const eContent = tsSignedData.encapContentInfo.eContent;
    const signerInfo = tsSignedData.signerInfos[0];
    if (!eContent || tsSignedData.encapContentInfo.eContentType !== OID.tstInfo || !signerInfo) return unreadable;
    const content = new Uint8Array(eContent.getValue());
    const tstInfo = pkijs.TSTInfo.fromBER(toArrayBuffer(content));
    const imprintAlgorithm = tstInfo.messageImprint.hashAlgorithm.algorithmId;
    const checked = await verifyEncapsulated(tsSignedData, content, signatureCertificates);
    const facts = {
      time: tstInfo.genTime,
      tsaCertificate: checked.signer,
      certificates: checked.certificates,
      imprintAlgorithm,
      digestAlgorithm: signerInfo.digestAlgorithm.algorithmId,
      signatureAlgorithm: signerInfo.signatureAlgorithm.algorithmId,
    };
    const imprintName = DIGEST_NAMES[imprintAlgorithm];
    if (!imprintName) return { ...facts, status: 'unverifiable' };
    const expected = createHash(imprintName.replace('-', '').toLowerCase()).update(signatureValue).digest();
    const imprint = new Uint8Array(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView);
    if (compareBytes(new Uint8Array(expected), imprint) !== 0) return { ...facts, status: 'invalid' };
    if (!checked.signer) return { ...facts, status: 'unverifiable' };
    return { ...facts, status: checked.valid ? 'valid' : 'invalid' };
  } catch {
    return unreadable;
  }
}
