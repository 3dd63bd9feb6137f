/** Keys and trust: .p12 files, token library discovery, trust anchors. PKCS#11 signing comes next. */
export type { CertificateChoice, KeyAlgorithm, KeySource, Signer } from './signer';
export { openP12, P12_MESSAGES } from './p12';
export { createTrustStore, loadCertificatesFromDir, normaliseFingerprint } from './trust-store';
export type { TrustAnchor, TrustStore } from './trust-store';
export { findPkcs11Modules, nodeMiniFs, peArchitecture, windowsEnvFromProcess } from './pkcs11-modules';
export type { FoundModule, MiniFs, PeArchitecture, WindowsEnv } from './pkcs11-modules';
export { certificatesInFile, readCertificate } from './certificate-info';
export type { CertificateInfo } from './certificate-info';
export { ecdsaDerToRaw, ecdsaRawToDer } from './ecdsa';
