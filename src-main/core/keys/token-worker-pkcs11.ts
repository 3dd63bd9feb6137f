/**
 * The PKCS#11 calls of the token worker (pkcs11js). Runs only inside the worker process: a vendor
 * library that crashes takes this process down, never VanThu.
 *
 * The PIN passed to `open` goes to C_Login and nowhere else: it is not stored, logged or echoed
 * in an error.
 */
import * as pkcs11js from 'pkcs11js';
import {
  CKF_LOGIN_REQUIRED,
  CKF_PROTECTED_AUTHENTICATION_PATH,
  CKF_USER_PIN_LOCKED,
  type WorkerFailure,
  type WorkerMechanism,
  type WorkerResults,
  type WorkerSlot,
} from './pkcs11-protocol';

/** A failure to send back to the parent as it is. */
export class WorkerError extends Error {
  constructor(readonly failure: WorkerFailure) {
    super(failure.kind);
  }
}

interface OpenSession {
  handle: Buffer;
  slotId: string;
  key: Buffer;
}

const MECHANISMS: Record<WorkerMechanism, number> = {
  CKM_SHA256_RSA_PKCS: pkcs11js.CKM_SHA256_RSA_PKCS,
  CKM_RSA_PKCS: pkcs11js.CKM_RSA_PKCS,
  CKM_ECDSA: pkcs11js.CKM_ECDSA,
};

/** CK_SLOT_ID (a CK_ULONG: 8 bytes on Linux/macOS, 4 on Windows) in decimal. */
function slotIdOf(handle: Buffer): string {
  if (handle.length >= 8) return handle.readBigUInt64LE(0).toString();
  if (handle.length >= 4) return String(handle.readUInt32LE(0));
  return handle.toString('hex');
}

/** A CK_ULONG attribute value (little-endian on the platforms VanThu runs on). */
function ulong(b: Buffer): number {
  if (b.length >= 8) return Number(b.readBigUInt64LE(0));
  if (b.length >= 4) return b.readUInt32LE(0);
  return b[0] ?? -1;
}

/** Turns whatever a pkcs11js call threw into a failure for the parent. */
export function failureOf(e: unknown): WorkerFailure {
  if (e instanceof WorkerError) return e.failure;
  if (e instanceof pkcs11js.Pkcs11Error) return { kind: 'pkcs11', name: e.message, code: e.code, method: e.method };
  return { kind: 'other', detail: e instanceof Error ? e.message : String(e) };
}

export class TokenLibrary {
  private readonly lib = new pkcs11js.PKCS11();
  private loaded = false;
  private readonly sessions = new Map<number, OpenSession>();
  private nextSession = 1;

  load(modulePath: string): WorkerResults['load'] {
    if (this.loaded) return { library: '' };
    try {
      this.lib.load(modulePath);
    } catch (e) {
      throw new WorkerError({ kind: 'load', detail: e instanceof Error ? e.message : String(e) });
    }
    try {
      this.lib.C_Initialize();
    } catch (e) {
      if (!(e instanceof pkcs11js.Pkcs11Error && e.code === pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED)) throw e;
    }
    this.loaded = true;
    const info = this.lib.C_GetInfo();
    return { library: `${info.manufacturerID.trim()} ${info.libraryDescription.trim()}`.trim() };
  }

  private slot(slotId: string): Buffer {
    const slot = this.lib.C_GetSlotList(true).find((s) => slotIdOf(s) === slotId);
    if (!slot) throw new WorkerError({ kind: 'not-found', what: 'slot' });
    return slot;
  }

  private findObjects(session: Buffer, template: pkcs11js.Template): Buffer[] {
    this.lib.C_FindObjectsInit(session, template);
    try {
      const out: Buffer[] = [];
      for (;;) {
        const batch = this.lib.C_FindObjects(session, 64);
        if (batch.length === 0) return out;
        out.push(...batch);
      }
    } finally {
      this.lib.C_FindObjectsFinal(session);
    }
  }

  /** One attribute, or null when the object does not have it (or will not say). */
  private attribute(session: Buffer, object: Buffer, type: number): Buffer | null {
    try {
      const [attr] = this.lib.C_GetAttributeValue(session, object, [{ type }]);
      return attr?.value ?? null;
    } catch {
      return null;
    }
  }

  list(): WorkerResults['list'] {
    const slots: WorkerSlot[] = [];
    for (const slot of this.lib.C_GetSlotList(true)) {
      const token = this.lib.C_GetTokenInfo(slot);
      const entry: WorkerSlot = {
        slotId: slotIdOf(slot),
        tokenLabel: token.label.trim(),
        tokenFlags: token.flags,
        certificates: [],
      };
      slots.push(entry);
      let session: Buffer;
      try {
        session = this.lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
      } catch {
        continue; // a token that will not open a session shows with no certificates
      }
      try {
        const certificates = this.findObjects(session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE }]);
        for (const object of certificates) {
          const value = this.attribute(session, object, pkcs11js.CKA_VALUE);
          if (!value || value.length === 0) continue;
          entry.certificates.push({
            id: (this.attribute(session, object, pkcs11js.CKA_ID) ?? Buffer.alloc(0)).toString('hex'),
            label: (this.attribute(session, object, pkcs11js.CKA_LABEL) ?? Buffer.alloc(0)).toString('utf8'),
            value: value.toString('base64'),
          });
        }
      } finally {
        this.lib.C_CloseSession(session);
      }
    }
    return { slots };
  }

  open(slotId: string, keyId: string, pin: string): WorkerResults['open'] {
    const slot = this.slot(slotId);
    const flags = this.lib.C_GetTokenInfo(slot).flags;
    if (flags & CKF_USER_PIN_LOCKED) {
      throw new WorkerError({
        kind: 'pkcs11',
        name: 'CKR_PIN_LOCKED',
        code: pkcs11js.CKR_PIN_LOCKED,
        method: 'C_Login',
        tokenFlags: flags,
      });
    }
    const session = this.lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    try {
      if (flags & CKF_LOGIN_REQUIRED) this.login(slot, session, flags, pin);
      const [key] = this.findObjects(session, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
        { type: pkcs11js.CKA_ID, value: Buffer.from(keyId, 'hex') },
      ]);
      if (!key) throw new WorkerError({ kind: 'not-found', what: 'key' });
      const keyType = this.attribute(session, key, pkcs11js.CKA_KEY_TYPE);
      const type = keyType ? ulong(keyType) : -1;
      const always = this.attribute(session, key, pkcs11js.CKA_ALWAYS_AUTHENTICATE);
      let available: number[] = [];
      try {
        available = this.lib.C_GetMechanismList(slot);
      } catch {
        // some libraries do not list mechanisms: the parent then tries the usual ones
      }
      const mechanisms = (Object.keys(MECHANISMS) as WorkerMechanism[]).filter((m) =>
        available.includes(MECHANISMS[m]),
      );
      const id = this.nextSession++;
      this.sessions.set(id, { handle: session, slotId, key });
      return {
        session: id,
        keyType: type === pkcs11js.CKK_RSA ? 'RSA' : type === pkcs11js.CKK_EC ? 'EC' : 'other',
        alwaysAuthenticate: !!always && always.length > 0 && always[0] !== 0,
        mechanisms,
      };
    } catch (e) {
      this.closeHandle(session, slotId);
      throw e;
    }
  }

  private login(slot: Buffer, session: Buffer, flags: number, pin: string): void {
    try {
      // A PIN pad reader asks on the device itself when no PIN is given.
      if (pin === '' && flags & CKF_PROTECTED_AUTHENTICATION_PATH) this.lib.C_Login(session, pkcs11js.CKU_USER);
      else this.lib.C_Login(session, pkcs11js.CKU_USER, pin);
    } catch (e) {
      if (e instanceof pkcs11js.Pkcs11Error && e.code === pkcs11js.CKR_USER_ALREADY_LOGGED_IN) return;
      if (e instanceof pkcs11js.Pkcs11Error) {
        let tokenFlags: number | undefined;
        try {
          tokenFlags = this.lib.C_GetTokenInfo(slot).flags; // tries left, locked now?
        } catch {
          // not known
        }
        throw new WorkerError({
          kind: 'pkcs11',
          name: e.message,
          code: e.code,
          method: 'C_Login',
          ...(tokenFlags === undefined ? {} : { tokenFlags }),
        });
      }
      throw e;
    }
  }

  sign(sessionId: number, mechanism: WorkerMechanism, data: Buffer): WorkerResults['sign'] {
    const s = this.sessions.get(sessionId);
    if (!s) throw new WorkerError({ kind: 'not-found', what: 'session' });
    this.lib.C_SignInit(s.handle, { mechanism: MECHANISMS[mechanism] }, s.key);
    const signature = this.lib.C_Sign(s.handle, data, Buffer.alloc(1024));
    return { signature: Buffer.from(signature).toString('base64') };
  }

  close(sessionId: number): WorkerResults['close'] {
    const s = this.sessions.get(sessionId);
    if (!s) return {};
    this.sessions.delete(sessionId);
    this.closeHandle(s.handle, s.slotId);
    return {};
  }

  /** Logs out when this was the last of our sessions on the token (login is per token), then closes. */
  private closeHandle(handle: Buffer, slotId: string): void {
    if (![...this.sessions.values()].some((s) => s.slotId === slotId)) {
      try {
        this.lib.C_Logout(handle);
      } catch {
        // not logged in
      }
    }
    try {
      this.lib.C_CloseSession(handle);
    } catch {
      // already gone (token pulled out)
    }
  }

  finalize(): void {
    for (const id of [...this.sessions.keys()]) this.close(id);
    if (!this.loaded) return;
    this.loaded = false;
    try {
      this.lib.C_Finalize();
    } catch {
      // best effort: the process ends next
    }
  }
}
