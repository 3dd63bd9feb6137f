/** Certificate revocation for the PDF verifier: CRL and OCSP, checked, cached for offline use. */
export { createRevocationChecker, REVOCATION_DEFAULTS } from './checker';
export type { RevocationChecker, RevocationCheckerOptions } from './checker';
export { checkCrl, parseCrl } from './crl';
export { buildOcspRequest, checkOcspResponse } from './ocsp';
export { RevocationRefused } from './common';
export { RevocationFetchError } from './http';
export { memoryRevocationStore, sqliteRevocationStore } from './store';
export type { CachedRevocation, RevocationStore } from './store';
export { asResult, statusAtSigning } from './types';
export type {
  RevocationAnswer,
  RevocationCallback,
  RevocationContext,
  RevocationEvidence,
  RevocationResult,
  RevocationSource,
} from './types';
