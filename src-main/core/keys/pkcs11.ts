/**
 * USB tokens through their vendor's PKCS#11 library, as a KeySource and Signers.
 *
 * The library never runs in VanThu's own process: a token worker (token-worker.ts) is started
 * for it and spoken to with JSON messages (pkcs11-protocol.ts). Every call has a time limit;
 * if the worker hangs or crashes (vendor libraries do), the call fails with a plain message and
 * VanThu goes on. How the worker is started is injected: child_process.fork for the CLI and
 * tests (`forkTokenWorker`), Electron's utilityProcess in the app, e.g.
 *
 *     const launcher: TokenWorkerLauncher = () => {
 *       const child = utilityProcess.fork(path.join(__dirname, 'token-worker.cjs'), [], { stdio: 'ignore' });
 *       return {
 *         pid: child.pid,
 *         send: (m) => child.postMessage(m),
 *         onMessage: (listener) => child.on('message', listener),
 *         onExit: (listener) => child.on('exit', (code) => listener(`exit code ${code}`)),
 *         kill: () => void child.kill(),
 *       };
 *     };
 *
 * Core never imports electron. The PIN goes to the worker's C_Login and is kept nowhere.
 */
import { fork } from 'node:child_process';
import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { VanThuError } from '../../../src-shared/ipc/errors';
import { type CertificateInfo, readCertificate } from './certificate-info';
import { ecdsaRawToDer } from './ecdsa';
import { type MiniFs, nodeMiniFs, peArchitecture } from './pkcs11-modules';
import {
  CKF_USER_PIN_FINAL_TRY,
  CKF_USER_PIN_LOCKED,
  type WorkerFailure,
  type WorkerMechanism,
  type WorkerRequest,
  type WorkerResponse,
  type WorkerResults,
  type WorkerSlot,
} from './pkcs11-protocol';
import type { CertificateChoice, KeyAlgorithm, KeySource, Signer } from './signer';

export const PKCS11_MESSAGES = {
  moduleMissing: (file: string) =>
    `Không tìm thấy thư viện PKCS#11 của USB token: ${file}. Hãy cài phần mềm USB token của nhà cung cấp, hoặc chọn đúng tệp thư viện.`,
  module32: (file: string) =>
    `Thư viện PKCS#11 ${file} là bản 32-bit, không dùng được với VanThu 64-bit. Hãy cài bản 64-bit của phần mềm USB token do nhà cung cấp phát hành.`,
  moduleBad: (file: string) =>
    `Không nạp được thư viện PKCS#11 ${file}: tệp không phải thư viện của USB token, hoặc đã hỏng hay thiếu tệp đi kèm. Hãy cài lại phần mềm USB token của nhà cung cấp.`,
  notResponding:
    'Thiết bị ký số (USB token) không phản hồi. Hãy rút token ra, cắm lại rồi thử lại; nếu vẫn lỗi, hãy cài lại phần mềm USB token của nhà cung cấp.',
  wrongPin: 'Mã PIN không đúng. Hãy nhập lại; nhập sai nhiều lần liền, token sẽ bị khóa.',
  wrongPinFinalTry: 'Mã PIN không đúng. Chỉ còn một lần thử: nếu nhập sai nữa, token sẽ bị khóa.',
  pinLocked:
    'Mã PIN của USB token đã bị khóa vì nhập sai quá số lần cho phép. Hãy liên hệ nhà cung cấp chứng thư số để mở khóa PIN.',
  pinFormat: 'Mã PIN không đúng độ dài hoặc có ký tự token không nhận. Hãy nhập lại.',
  pinExpired: 'Mã PIN của USB token đã hết hạn. Hãy đổi PIN bằng phần mềm của token rồi thử lại.',
  notLoggedIn: 'USB token đã thoát phiên đăng nhập. Hãy mở lại chứng thư số và nhập PIN.',
  noToken: 'Không thấy USB token nào. Hãy cắm token vào máy rồi thử lại.',
  tokenRemoved: 'USB token đã bị rút ra hoặc mất kết nối. Hãy cắm lại token rồi mở lại chứng thư số.',
  noCertificate: 'Không tìm thấy chứng thư số đã chọn trên USB token. Hãy cắm đúng token rồi chọn lại.',
  noKey: 'USB token không có khóa bí mật đi cùng chứng thư số này nên không ký được.',
  keyMismatch:
    'Khóa bí mật trên USB token không khớp với chứng thư số nên chữ ký sẽ không hợp lệ. Hãy liên hệ nhà cung cấp chứng thư số.',
  unsupportedKey: 'Chứng thư số trên USB token dùng thuật toán VanThu chưa hỗ trợ (chỉ RSA và ECDSA P-256).',
  alwaysAuthenticate: 'USB token này đòi nhập PIN cho từng lần ký; VanThu chưa hỗ trợ kiểu token này.',
  closed: 'Phiên ký đã đóng. Hãy mở lại chứng thư số rồi ký.',
  workerMissing: 'Thiếu chương trình phụ token-worker đi kèm VanThu nên chưa dùng được USB token. Hãy cài lại VanThu.',
  failed: (what: string) => `USB token báo lỗi (${what}). Hãy rút token ra, cắm lại rồi thử lại.`,
} as const;

// ---------------------------------------------------------------------------------------------
// Starting the worker

/** One running worker, however it was started. */
export interface TokenWorkerChannel {
  /** For logs and tests. */
  readonly pid?: number | undefined;
  send(message: WorkerRequest): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the worker is gone, whatever the reason; `detail` is for logs. */
  onExit(listener: (detail: string) => void): void;
  kill(): void;
  /** Optional: let VanThu's own process end while the worker idles (fork can; utilityProcess need not). */
  ref?(): void;
  unref?(): void;
}

export type TokenWorkerLauncher = () => TokenWorkerChannel;

export interface TokenWorkerScript {
  script: string;
  execArgv: string[];
}

/**
 * The worker next to the running code: `token-worker.cjs` beside a bundle (dist/cli, dist/main),
 * or the TypeScript source run through tsx (tests, development).
 */
export function defaultTokenWorkerScript(dir: string = __dirname): TokenWorkerScript {
  const bundled = path.join(dir, 'token-worker.cjs');
  if (fs.existsSync(bundled)) return { script: bundled, execArgv: [] };
  const source = path.join(dir, 'token-worker.ts');
  if (fs.existsSync(source)) {
    const tsx = path.dirname(createRequire(path.join(dir, 'x.js')).resolve('tsx/package.json'));
    return { script: source, execArgv: ['--import', pathToFileURL(path.join(tsx, 'dist', 'loader.mjs')).href] };
  }
  throw new VanThuError('INTERNAL', PKCS11_MESSAGES.workerMissing);
}

/** Starts the worker with child_process.fork under the same Node as VanThu. */
export function forkTokenWorker(worker?: TokenWorkerScript): TokenWorkerLauncher {
  return () => {
    const { script, execArgv } = worker ?? defaultTokenWorkerScript();
    const child = fork(script, [], {
      execArgv,
      // Under Electron, process.execPath is the app itself: run it as plain Node.
      env: process.versions.electron ? { ...process.env, ELECTRON_RUN_AS_NODE: '1' } : process.env,
      serialization: 'json',
      // The vendor library may write to stdout; its complaints on stderr are worth seeing.
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    let exited = false;
    const exitListeners: ((detail: string) => void)[] = [];
    const gone = (detail: string) => {
      if (exited) return;
      exited = true;
      for (const l of exitListeners) l(detail);
    };
    child.on('exit', (code, signal) => gone(signal ? `signal ${signal}` : `exit code ${code}`));
    child.on('error', (e) => {
      gone(e.message);
      child.kill('SIGKILL');
    });
    return {
      pid: child.pid,
      send(message) {
        if (!exited && child.connected) child.send(message, (e) => e && gone(e.message));
      },
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => void exitListeners.push(listener),
      kill: () => void child.kill('SIGKILL'),
      ref() {
        child.ref();
        child.channel?.ref();
      },
      unref() {
        child.unref();
        child.channel?.unref();
      },
    };
  };
}

// ---------------------------------------------------------------------------------------------
// The module file, checked before any process is started

/**
 * Throws a clear error for a library that does not exist or is 32-bit (PE or ELF). Anything
 * else is left to the loader in the worker.
 */
export function checkModuleFile(file: string, miniFs: MiniFs = nodeMiniFs): void {
  if (!file || !miniFs.existsSync(file)) throw new VanThuError('NOT_FOUND', PKCS11_MESSAGES.moduleMissing(file));
  let head: Uint8Array;
  try {
    head = miniFs.readHeadSync(file, 4096);
  } catch {
    throw new VanThuError('BAD_FILE', PKCS11_MESSAGES.moduleBad(file));
  }
  const elf32 = head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46 && head[4] === 1;
  if (elf32 || peArchitecture(head) === 'x86') throw new VanThuError('BAD_FILE', PKCS11_MESSAGES.module32(file));
}

// ---------------------------------------------------------------------------------------------
// Errors from the worker

const PIN_FORMAT = new Set(['CKR_PIN_INVALID', 'CKR_PIN_LEN_RANGE']);
const TOKEN_GONE = new Set([
  'CKR_TOKEN_NOT_PRESENT',
  'CKR_DEVICE_REMOVED',
  'CKR_SESSION_HANDLE_INVALID',
  'CKR_SESSION_CLOSED',
  'CKR_TOKEN_NOT_RECOGNIZED',
  'CKR_SLOT_ID_INVALID',
]);

export function errorFromWorker(failure: WorkerFailure, modulePath: string): VanThuError {
  switch (failure.kind) {
    case 'load':
      return new VanThuError('BAD_FILE', PKCS11_MESSAGES.moduleBad(modulePath));
    case 'not-found':
      if (failure.what === 'key') return new VanThuError('NOT_FOUND', PKCS11_MESSAGES.noKey);
      if (failure.what === 'session') return new VanThuError('CONFLICT', PKCS11_MESSAGES.closed);
      return new VanThuError('NOT_FOUND', PKCS11_MESSAGES.tokenRemoved);
    case 'other':
      return new VanThuError('INTERNAL', PKCS11_MESSAGES.failed('lỗi không rõ'));
    case 'pkcs11': {
      const flags = failure.tokenFlags ?? 0;
      if (failure.name === 'CKR_PIN_LOCKED' || (failure.name === 'CKR_PIN_INCORRECT' && flags & CKF_USER_PIN_LOCKED))
        return new VanThuError('KEY_SECRET', PKCS11_MESSAGES.pinLocked);
      if (failure.name === 'CKR_PIN_INCORRECT')
        return new VanThuError(
          'KEY_SECRET',
          flags & CKF_USER_PIN_FINAL_TRY ? PKCS11_MESSAGES.wrongPinFinalTry : PKCS11_MESSAGES.wrongPin,
        );
      if (PIN_FORMAT.has(failure.name)) return new VanThuError('KEY_SECRET', PKCS11_MESSAGES.pinFormat);
      if (failure.name === 'CKR_PIN_EXPIRED') return new VanThuError('KEY_SECRET', PKCS11_MESSAGES.pinExpired);
      if (failure.name === 'CKR_USER_NOT_LOGGED_IN') return new VanThuError('KEY_SECRET', PKCS11_MESSAGES.notLoggedIn);
      if (TOKEN_GONE.has(failure.name)) return new VanThuError('NOT_FOUND', PKCS11_MESSAGES.tokenRemoved);
      return new VanThuError('INTERNAL', PKCS11_MESSAGES.failed(failure.name));
    }
  }
}

/** A failed call, kept as the worker said it (the signer retries some). */
class WorkerCallError extends Error {
  constructor(readonly failure: WorkerFailure) {
    super(failure.kind);
  }
}

// ---------------------------------------------------------------------------------------------
// One worker process

type Op = WorkerRequest['op'];
type Body<K extends Op> = Omit<Extract<WorkerRequest, { op: K }>, 'id' | 'op'>;

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout;
}

const notResponding = () => new VanThuError('INTERNAL', PKCS11_MESSAGES.notResponding);

class WorkerConnection {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly ready: Promise<void>;
  /** Set once the worker is gone, killed or being retired: no more calls. */
  gone = false;
  /** Signers open on this worker. */
  openSigners = 0;

  constructor(
    private readonly channel: TokenWorkerChannel,
    private readonly timeoutMs: number,
    startupTimeoutMs: number,
    private readonly onIdle: () => void,
  ) {
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(notResponding());
        this.kill();
      }, startupTimeoutMs);
      channel.onMessage((raw) => {
        const message = raw as WorkerResponse;
        if (message?.type === 'ready') {
          clearTimeout(timer);
          resolve();
        } else if (message?.type === 'reply') {
          const p = this.pending.get(message.id);
          if (!p) return;
          this.pending.delete(message.id);
          clearTimeout(p.timer);
          if (message.ok) p.resolve(message.result);
          else p.reject(new WorkerCallError(message.error));
          this.settled();
        }
      });
      channel.onExit(() => {
        clearTimeout(timer);
        this.gone = true;
        reject(notResponding());
        for (const p of this.pending.values()) {
          clearTimeout(p.timer);
          p.reject(notResponding());
        }
        this.pending.clear();
      });
    });
    this.ready.catch(() => undefined); // observed by each request
  }

  async request<K extends Op>(op: K, body: Body<K>): Promise<WorkerResults[K]> {
    if (this.gone) throw notResponding();
    this.channel.ref?.();
    try {
      await this.ready;
    } catch (e) {
      this.settled();
      throw e;
    }
    if (this.gone) throw notResponding();
    const id = this.nextId++;
    return new Promise<WorkerResults[K]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(notResponding());
        this.kill(); // a hung library is not trusted with the next call
      }, this.timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.channel.send({ id, op, ...body } as WorkerRequest);
    });
  }

  private settled(): void {
    if (this.pending.size > 0) return;
    this.channel.unref?.();
    this.onIdle();
  }

  get idle(): boolean {
    return this.pending.size === 0 && this.openSigners === 0;
  }

  /** Asks the worker to finalize the library and end; kills it if it does not. */
  retire(): void {
    if (this.gone) return;
    this.gone = true;
    this.channel.send({ id: 0, op: 'exit' });
    const timer = setTimeout(() => this.channel.kill(), 5_000);
    timer.unref();
    this.channel.onExit(() => clearTimeout(timer));
    this.channel.unref?.();
  }

  kill(): void {
    this.gone = true;
    this.channel.kill();
  }
}

// ---------------------------------------------------------------------------------------------
// The key source

export interface Pkcs11Options {
  /** The vendor's PKCS#11 library (a .dll on Windows). */
  modulePath: string;
  /** How to start the worker; child_process.fork of the bundled worker when not given. */
  launcher?: TokenWorkerLauncher;
  /** Time limit of each call to the token (login, signing…). */
  timeoutMs?: number;
  /** Time limit for the worker to start. */
  startupTimeoutMs?: number;
  /** How long an unused worker is kept for the next call (listing, then opening). */
  idleMs?: number;
  fs?: MiniFs;
}

const CHOICE_ID = /^pkcs11:slot=(\d+);id=([0-9a-f]*)(?:;sha256=([0-9a-f]{16}))?$/;

/** The choice id: slot, CKA_ID and the start of the certificate's SHA-256 (two certificates may share a CKA_ID). */
export function choiceIdOf(slotId: string, keyId: string, sha256: string): string {
  return `pkcs11:slot=${slotId};id=${keyId};sha256=${sha256.slice(0, 16)}`;
}

export function parseChoiceId(id: string): { slotId: string; keyId: string; sha256?: string } | null {
  const m = CHOICE_ID.exec(id);
  if (!m) return null;
  return m[3] ? { slotId: m[1]!, keyId: m[2]!, sha256: m[3] } : { slotId: m[1]!, keyId: m[2]! };
}

interface TokenCertificate {
  id: string;
  label: string;
  info: CertificateInfo;
}

function readSlotCertificates(slot: WorkerSlot): TokenCertificate[] {
  return slot.certificates.flatMap((c) => {
    try {
      const der = new Uint8Array(Buffer.from(c.value, 'base64'));
      return [{ id: c.id, label: c.label, info: readCertificate(der) }];
    } catch {
      return []; // an object VanThu cannot read as a certificate is skipped
    }
  });
}

/** Certificates a clerk can sign with (supported key, not a CA), in CKA_ID order so the same each time. */
function signingCertificates(slot: WorkerSlot): TokenCertificate[] {
  return readSlotCertificates(slot)
    .filter((c) => c.info.keyAlgorithm !== null && !c.info.isCA)
    .sort((a, b) => a.id.localeCompare(b.id) || a.info.sha256.localeCompare(b.info.sha256));
}

export class Pkcs11KeySource implements KeySource {
  readonly kind = 'pkcs11' as const;
  readonly modulePath: string;
  private readonly launcher: TokenWorkerLauncher;
  private readonly timeoutMs: number;
  private readonly startupTimeoutMs: number;
  private readonly idleMs: number;
  private readonly miniFs: MiniFs;
  private current: WorkerConnection | null = null;
  private starting: Promise<WorkerConnection> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly signers = new Set<Signer>();

  constructor(options: Pkcs11Options) {
    this.modulePath = options.modulePath;
    this.launcher = options.launcher ?? forkTokenWorker();
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.startupTimeoutMs = options.startupTimeoutMs ?? 20_000;
    this.idleMs = options.idleMs ?? 2_000;
    this.miniFs = options.fs ?? nodeMiniFs;
  }

  async list(): Promise<CertificateChoice[]> {
    const conn = await this.connection();
    const { slots } = await this.call(conn, 'list', {});
    return slots.flatMap((slot) =>
      signingCertificates(slot).map((c) => ({
        id: choiceIdOf(slot.slotId, c.id, c.info.sha256),
        label: c.info.commonName || c.label || c.info.subject,
        subject: c.info.subject,
        issuer: c.info.issuer,
        notAfter: c.info.notAfter.toISOString(),
        keyAlgorithm: c.info.keyAlgorithm as KeyAlgorithm,
      })),
    );
  }

  /** `pin` goes to the token's login and is not kept. */
  async open(choiceId: string, pin: string): Promise<Signer> {
    const wanted = parseChoiceId(choiceId);
    if (!wanted) throw new VanThuError('NOT_FOUND', PKCS11_MESSAGES.noCertificate);
    const conn = await this.connection();
    const { slots } = await this.call(conn, 'list', {});
    if (slots.length === 0) throw new VanThuError('NOT_FOUND', PKCS11_MESSAGES.noToken);
    const slot = slots.find((s) => s.slotId === wanted.slotId);
    const chosen = slot
      ? signingCertificates(slot).find(
          (c) => c.id === wanted.keyId && (!wanted.sha256 || c.info.sha256.startsWith(wanted.sha256)),
        )
      : undefined;
    if (!slot || !chosen) throw new VanThuError('NOT_FOUND', PKCS11_MESSAGES.noCertificate);
    const keyAlgorithm = chosen.info.keyAlgorithm as KeyAlgorithm;

    // Counted before the call so the worker is not retired while logging in.
    conn.openSigners++;
    let opened: WorkerResults['open'];
    try {
      opened = await this.call(conn, 'open', { slotId: slot.slotId, keyId: chosen.id, pin });
    } catch (e) {
      conn.openSigners--;
      this.scheduleIdle();
      throw e;
    }
    const signer = this.makeSigner(conn, chosen, keyAlgorithm, opened, readSlotCertificates(slot));
    const expected = keyAlgorithm === 'RSA' ? 'RSA' : 'EC';
    const problem =
      opened.keyType === 'other'
        ? PKCS11_MESSAGES.unsupportedKey
        : opened.keyType !== expected
          ? PKCS11_MESSAGES.keyMismatch
          : opened.alwaysAuthenticate
            ? PKCS11_MESSAGES.alwaysAuthenticate
            : null;
    if (problem) {
      await signer.close();
      throw new VanThuError('BAD_FILE', problem);
    }
    return signer;
  }

  /** Closes every signer of this source and ends the worker. */
  async close(): Promise<void> {
    await Promise.all([...this.signers].map((s) => s.close()));
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.current?.retire();
    this.current = null;
  }

  private makeSigner(
    conn: WorkerConnection,
    chosen: TokenCertificate,
    keyAlgorithm: KeyAlgorithm,
    opened: WorkerResults['open'],
    onToken: TokenCertificate[],
  ): Signer {
    let closed = false;
    // Mechanisms to try, best first; with no list from the library, the usual ones are tried.
    const has = (m: WorkerMechanism) => opened.mechanisms.length === 0 || opened.mechanisms.includes(m);
    let rsaMechanisms: WorkerMechanism[] = (['CKM_SHA256_RSA_PKCS', 'CKM_RSA_PKCS'] as const).filter(has);
    const publicKey = new X509Certificate(chosen.info.der).publicKey;
    const signer: Signer = {
      label: chosen.info.commonName || chosen.label || chosen.info.subject,
      certificate: chosen.info.der,
      chain: orderChain(
        chosen.info,
        onToken.map((c) => c.info),
      ),
      keyAlgorithm,
      sign: async (data: Uint8Array): Promise<Uint8Array> => {
        if (closed) throw new VanThuError('CONFLICT', PKCS11_MESSAGES.closed);
        let signature: Uint8Array;
        if (keyAlgorithm === 'RSA') {
          signature = await this.signRsa(conn, opened.session, rsaMechanisms, data, (left) => (rsaMechanisms = left));
        } else {
          const digest = createHash('sha256').update(data).digest();
          const raw = await this.signOnce(conn, opened.session, 'CKM_ECDSA', digest);
          // CKM_ECDSA gives r||s; a few libraries hand back DER already.
          signature = raw.length === 64 ? ecdsaRawToDer(raw) : raw;
        }
        // A key that does not belong to the certificate would make a PDF nobody can verify.
        if (!verifySignature('sha256', data, publicKey, signature))
          throw new VanThuError('BAD_FILE', PKCS11_MESSAGES.keyMismatch);
        return signature;
      },
      close: async (): Promise<void> => {
        if (closed) return;
        closed = true;
        this.signers.delete(signer);
        conn.openSigners--;
        if (!conn.gone) {
          try {
            await this.call(conn, 'close', { session: opened.session });
          } catch {
            // the token or the worker is gone: nothing left to close
          }
        }
        this.scheduleIdle();
      },
    };
    this.signers.add(signer);
    return signer;
  }

  private async signRsa(
    conn: WorkerConnection,
    session: number,
    mechanisms: WorkerMechanism[],
    data: Uint8Array,
    remember: (left: WorkerMechanism[]) => void,
  ): Promise<Uint8Array> {
    for (let i = 0; i < mechanisms.length; i++) {
      const mechanism = mechanisms[i]!;
      const input = mechanism === 'CKM_RSA_PKCS' ? sha256DigestInfo(data) : Buffer.from(data);
      try {
        return await this.signOnce(conn, session, mechanism, input, true);
      } catch (e) {
        // Some tokens list CKM_SHA256_RSA_PKCS and then refuse it: sign the DigestInfo instead.
        const refused =
          e instanceof WorkerCallError &&
          e.failure.kind === 'pkcs11' &&
          ['CKR_MECHANISM_INVALID', 'CKR_MECHANISM_PARAM_INVALID', 'CKR_KEY_TYPE_INCONSISTENT'].includes(
            e.failure.name,
          );
        if (!refused || i === mechanisms.length - 1) throw this.mapError(e);
        remember(mechanisms.slice(i + 1));
      }
    }
    throw new VanThuError('BAD_FILE', PKCS11_MESSAGES.unsupportedKey);
  }

  private async signOnce(
    conn: WorkerConnection,
    session: number,
    mechanism: WorkerMechanism,
    input: Uint8Array,
    raw = false,
  ): Promise<Uint8Array> {
    try {
      const { signature } = await conn.request('sign', {
        session,
        mechanism,
        data: Buffer.from(input).toString('base64'),
      });
      return new Uint8Array(Buffer.from(signature, 'base64'));
    } catch (e) {
      throw raw ? e : this.mapError(e);
    }
  }

  private mapError(e: unknown): unknown {
    return e instanceof WorkerCallError ? errorFromWorker(e.failure, this.modulePath) : e;
  }

  private async call<K extends Op>(conn: WorkerConnection, op: K, body: Body<K>): Promise<WorkerResults[K]> {
    try {
      return await conn.request(op, body);
    } catch (e) {
      throw this.mapError(e);
    }
  }

  /** The running worker with the library loaded, started if need be. */
  private async connection(): Promise<WorkerConnection> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.current && !this.current.gone) return this.current;
    if (this.starting) return this.starting;
    checkModuleFile(this.modulePath, this.miniFs);
    this.starting = (async () => {
      const conn = new WorkerConnection(this.launcher(), this.timeoutMs, this.startupTimeoutMs, () =>
        this.scheduleIdle(),
      );
      try {
        await this.call(conn, 'load', { modulePath: this.modulePath });
      } catch (e) {
        conn.kill();
        throw e;
      }
      this.current = conn;
      return conn;
    })();
    try {
      return await this.starting;
    } finally {
      this.starting = null;
    }
  }

  private scheduleIdle(): void {
    const conn = this.current;
    if (!conn || conn.gone || !conn.idle || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.current === conn && conn.idle) {
        conn.retire();
        this.current = null;
      }
    }, this.idleMs);
    this.idleTimer.unref();
  }
}

export function createPkcs11KeySource(options: Pkcs11Options): Pkcs11KeySource {
  return new Pkcs11KeySource(options);
}

// ---------------------------------------------------------------------------------------------
// Helpers

const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** DigestInfo { sha256, SHA-256(data) }: what CKM_RSA_PKCS signs for RSASSA-PKCS1-v1_5 with SHA-256. */
export function sha256DigestInfo(data: Uint8Array): Buffer {
  return Buffer.concat([SHA256_DIGEST_INFO_PREFIX, createHash('sha256').update(data).digest()]);
}

/**
 * The chain from the signing certificate upwards, issuer first, from the other certificates on
 * the token. The verifier checks the signatures; unrelated certificates are left out.
 */
function orderChain(leaf: CertificateInfo, all: CertificateInfo[]): Uint8Array[] {
  const chain: Uint8Array[] = [];
  const used = new Set<string>([leaf.sha256]);
  let current = new X509Certificate(leaf.der);
  for (;;) {
    if (current.checkIssued(current)) break; // a self-issued root
    const issuer = all.find((c) => !used.has(c.sha256) && current.checkIssued(new X509Certificate(c.der)));
    if (!issuer) break;
    used.add(issuer.sha256);
    chain.push(issuer.der);
    current = new X509Certificate(issuer.der);
  }
  return chain;
}
