/**
 * The messages between VanThu and its token worker, the child process that loads the vendor's
 * PKCS#11 library (see token-worker.ts). Plain JSON (bytes as base64), so the same messages go
 * over child_process.fork's IPC and Electron's utilityProcess alike.
 *
 * The worker is a thin proxy over PKCS#11: it finds slots, objects and keys and calls C_Sign.
 * Everything else (reading certificates, choosing the mechanism, hashing, DER) stays in the
 * parent, so as little as possible runs next to a library that may crash.
 */

export type WorkerMechanism = 'CKM_SHA256_RSA_PKCS' | 'CKM_RSA_PKCS' | 'CKM_ECDSA';

export interface WorkerCertificate {
  /** CKA_ID, lower-case hex ('' when the object has none). */
  id: string;
  /** CKA_LABEL ('' when none). */
  label: string;
  /** CKA_VALUE, base64: the certificate's DER exactly as stored on the token. */
  value: string;
}

export interface WorkerSlot {
  /** CK_SLOT_ID in decimal. */
  slotId: string;
  tokenLabel: string;
  /** CK_TOKEN_INFO.flags. */
  tokenFlags: number;
  certificates: WorkerCertificate[];
}

export type WorkerRequest =
  | { id: number; op: 'load'; modulePath: string }
  | { id: number; op: 'list' }
  /** Opens a session, logs in with `pin` and finds the private key whose CKA_ID is `keyId`. */
  | { id: number; op: 'open'; slotId: string; keyId: string; pin: string }
  | { id: number; op: 'sign'; session: number; mechanism: WorkerMechanism; data: string }
  | { id: number; op: 'close'; session: number }
  /** Finalizes the library and ends the worker (no reply). */
  | { id: number; op: 'exit' };

export interface WorkerResults {
  load: { library: string };
  list: { slots: WorkerSlot[] };
  open: {
    session: number;
    keyType: 'RSA' | 'EC' | 'other';
    /** CKA_ALWAYS_AUTHENTICATE: the token wants the PIN again for every signature. */
    alwaysAuthenticate: boolean;
    /** Which of the mechanisms VanThu uses the token says it has (C_GetMechanismList). */
    mechanisms: WorkerMechanism[];
  };
  sign: { signature: string };
  close: Record<string, never>;
  exit: Record<string, never>;
}

export type WorkerFailure =
  /** A CK_RV from the library: its name (CKR_PIN_INCORRECT…) and value. */
  | { kind: 'pkcs11'; name: string; code: number; method: string; tokenFlags?: number }
  /** The library could not be loaded (dlopen/LoadLibrary failed, no C_GetFunctionList…). */
  | { kind: 'load'; detail: string }
  /** Something the worker itself found: no such slot, no private key for the certificate… */
  | { kind: 'not-found'; what: 'slot' | 'key' | 'session' }
  | { kind: 'other'; detail: string };

export type WorkerResponse =
  | { type: 'ready' }
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: WorkerFailure };

// CK_TOKEN_INFO flags (PKCS#11 v2.40), used on both sides.
export const CKF_LOGIN_REQUIRED = 0x4;
export const CKF_PROTECTED_AUTHENTICATION_PATH = 0x100;
export const CKF_USER_PIN_COUNT_LOW = 0x10000;
export const CKF_USER_PIN_FINAL_TRY = 0x20000;
export const CKF_USER_PIN_LOCKED = 0x40000;
