/**
 * The one signing interface. A .p12 file, a USB token (PKCS#11) or, one day, the Windows
 * certificate store all end up as a `Signer`: the PDF code never learns where the key lives.
 */

export type KeyAlgorithm = 'RSA' | 'ECDSA-P256';

export interface Signer {
  /** For the clerk: the certificate's friendly name or its holder's common name. */
  readonly label: string;
  /** The signing certificate, DER, byte for byte as issued. */
  readonly certificate: Uint8Array;
  /** The rest of the chain, DER, issuer first (up to the root when known); may be empty. */
  readonly chain: Uint8Array[];
  readonly keyAlgorithm: KeyAlgorithm;
  /**
   * Signs `data` (the DER of the CMS signed attributes) with SHA-256: RSASSA-PKCS1-v1_5 for RSA,
   * ECDSA for P-256 returning the DER-encoded Ecdsa-Sig-Value (r,s) that CMS expects.
   */
  sign(data: Uint8Array): Promise<Uint8Array>;
  /** Forgets the key (and logs out of a token). Signing afterwards fails. */
  close(): Promise<void>;
}

/** One certificate the clerk can pick before giving the password or PIN. */
export interface CertificateChoice {
  /** Opaque to the UI; handed back to `KeySource.open`. */
  id: string;
  label: string;
  subject: string;
  issuer: string;
  /** ISO 8601. */
  notAfter: string;
  keyAlgorithm: KeyAlgorithm;
}

export interface KeySource {
  /**
   * - 'p12': a .p12/.pfx file;
   * - 'pkcs11': a USB token through its vendor's PKCS#11 library;
   * - 'windows-store': declared, not implemented. Keys in the Windows store are reached through
   *   CNG/CryptoAPI, which needs a native addon (or a helper process) that core cannot carry on
   *   this platform-neutral code path; the Vietnamese tokens we target all ship PKCS#11 libraries,
   *   so PKCS#11 covers them without it.
   */
  readonly kind: 'p12' | 'pkcs11' | 'windows-store';
  list(): Promise<CertificateChoice[]>;
  /** `secret` is the .p12 password or the token PIN; it is not kept after opening. */
  open(choiceId: string, secret: string): Promise<Signer>;
}
