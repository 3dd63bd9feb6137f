/**
 * Takes a PKCS#12 (.p12/.pfx) file apart (RFC 7292): checks its MAC, decrypts its safe contents
 * and returns the private keys (PKCS#8 DER) and certificates (DER exactly as stored in the cert
 * bags, never re-encoded: node-forge's re-encoding mangles UTF-8 names).
 */
import type * as asn1js from 'asn1js';
import { DerError, algorithm, children, explicit, octets, oid, parseDer, rawBytes, smallInt } from './der';
import { BadPasswordError, UnsupportedAlgorithmError, decrypt, verifyMac } from './pbe';

export interface PfxBagInfo {
  friendlyName?: string;
  /** Hex; links a key to its certificate in most files. */
  localKeyId?: string;
}

export interface PfxKey extends PfxBagInfo {
  /** PrivateKeyInfo DER. Zero it once imported. */
  pkcs8: Buffer;
}

export interface PfxCertificate extends PfxBagInfo {
  der: Uint8Array;
}

export interface PfxContents {
  keys: PfxKey[];
  certificates: PfxCertificate[];
}

/** Why a PFX could not be read; p12.ts turns these into messages for the clerk. */
export type PfxProblem = 'not-pfx' | 'wrong-password' | 'damaged' | 'unsupported';

export class PfxError extends Error {
  constructor(
    readonly problem: PfxProblem,
    detail: string,
  ) {
    super(`PKCS#12: ${problem}: ${detail}`);
    this.name = 'PfxError';
  }
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
} as const;

export function readPfx(bytes: Uint8Array, password: string): PfxContents {
  let content: Uint8Array;
  let macData: asn1js.AsnType | undefined;
  try {
    const [version, authSafe, mac] = children(parseDer(bytes, 'PFX'), 'PFX');
    if (smallInt(version, 'PFX.version') !== 3) throw new DerError('PFX.version');
    const [type, wrapped] = children(authSafe, 'PFX.authSafe');
    // The other integrity mode (signedData, public-key integrity) is not used by any CA tool.
    if (oid(type, 'PFX.authSafe.contentType') !== OID.data) throw new DerError('PFX.authSafe is not data');
    content = octets(explicit(wrapped, 0, 'PFX.authSafe.content'), 'PFX.authSafe.content');
    macData = mac;
  } catch (e) {
    throw new PfxError('not-pfx', e instanceof Error ? e.message : String(e));
  }

  if (macData) {
    let ok: boolean;
    try {
      ok = verifyMac(macData, content, password);
    } catch (e) {
      if (e instanceof UnsupportedAlgorithmError) throw new PfxError('unsupported', e.message);
      throw new PfxError('not-pfx', e instanceof Error ? e.message : String(e));
    }
    if (!ok) throw new PfxError('wrong-password', 'MAC does not match');
  }
  // Without a MAC, a wrong password only shows as undecryptable or unparsable contents.
  const failure: PfxProblem = macData ? 'damaged' : 'wrong-password';

  const out: PfxContents = { keys: [], certificates: [] };
  try {
    for (const info of children(parseDer(content, 'AuthenticatedSafe'), 'AuthenticatedSafe')) {
      const [type, wrapped] = children(info, 'ContentInfo');
      const contentType = oid(type, 'ContentInfo.contentType');
      if (contentType === OID.data) {
        const safeContents = octets(explicit(wrapped, 0, 'ContentInfo.content'), 'SafeContents');
        readSafeContents(parseDer(safeContents, 'SafeContents'), password, out);
      } else if (contentType === OID.encryptedData) {
        const [, encryptedContentInfo] = children(explicit(wrapped, 0, 'EncryptedData'), 'EncryptedData');
        const [, alg, encrypted] = children(encryptedContentInfo, 'EncryptedContentInfo');
        if (!encrypted) continue;
        const plain = decrypt(
          algorithm(alg, 'EncryptedContentInfo.algorithm'),
          octets(encrypted, 'encryptedContent'),
          password,
        );
        try {
          readSafeContents(parseDer(plain, 'SafeContents'), password, out);
        } finally {
          plain.fill(0); // may hold a plain keyBag; what is kept was copied out
        }
      }
      // envelopedData (public-key privacy mode) is not produced by CA tools: skipped.
    }
  } catch (e) {
    for (const k of out.keys) k.pkcs8.fill(0);
    if (e instanceof PfxError) throw e;
    if (e instanceof UnsupportedAlgorithmError) throw new PfxError('unsupported', e.message);
    if (e instanceof BadPasswordError || e instanceof DerError) throw new PfxError(failure, e.message);
    throw e;
  }
  return out;
}

function readSafeContents(node: asn1js.AsnType, password: string, out: PfxContents): void {
  for (const bag of children(node, 'SafeContents')) {
    const [idNode, valueNode, attributesNode] = children(bag, 'SafeBag');
    const value = explicit(valueNode, 0, 'SafeBag.bagValue');
    const info = bagAttributes(attributesNode);
    switch (oid(idNode, 'SafeBag.bagId')) {
      case OID.keyBag:
        out.keys.push({ ...info, pkcs8: Buffer.from(rawBytes(value)) });
        break;
      case OID.shroudedKeyBag: {
        const [alg, encrypted] = children(value, 'EncryptedPrivateKeyInfo');
        const pkcs8 = decrypt(
          algorithm(alg, 'EncryptedPrivateKeyInfo.algorithm'),
          octets(encrypted, 'encryptedData'),
          password,
        );
        out.keys.push({ ...info, pkcs8 });
        break;
      }
      case OID.certBag: {
        const [certId, certValue] = children(value, 'CertBag');
        if (oid(certId, 'CertBag.certId') !== OID.x509Certificate) break; // SDSI: never seen
        out.certificates.push({ ...info, der: octets(explicit(certValue, 0, 'CertBag.certValue'), 'x509Certificate') });
        break;
      }
      case OID.safeContentsBag:
        readSafeContents(value, password, out);
        break;
      default:
        break; // CRL and secret bags are of no use for signing
    }
  }
}

function bagAttributes(node: asn1js.AsnType | undefined): PfxBagInfo {
  const info: PfxBagInfo = {};
  if (!node) return info;
  for (const attribute of children(node, 'bagAttributes')) {
    const [type, values] = children(attribute, 'PKCS12Attribute');
    const first = children(values, 'PKCS12Attribute.values')[0];
    const id = oid(type, 'PKCS12Attribute.attrId');
    if (id === OID.friendlyName && first) {
      const text = (first as { valueBlock?: { value?: unknown } }).valueBlock?.value;
      if (typeof text === 'string' && text.trim()) info.friendlyName = text.trim();
    } else if (id === OID.localKeyId && first) {
      info.localKeyId = Buffer.from(octets(first, 'localKeyId')).toString('hex');
    }
  }
  return info;
}
