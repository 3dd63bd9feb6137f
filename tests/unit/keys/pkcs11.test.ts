/**
 * USB token signing through PKCS#11, against SoftHSM2 tokens the test makes itself: listing,
 * PIN handling, RSA and ECDSA signatures that VanThu's verifier and poppler's pdfsig accept, and
 * a token worker that hangs, crashes or cannot start without taking the test process down.
 */
import { constants, createHash, createPrivateKey, privateEncrypt, sign as nodeSign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PKCS11_MESSAGES,
  type Pkcs11Options,
  type TokenWorkerChannel,
  type TokenWorkerLauncher,
  checkModuleFile,
  createPkcs11KeySource,
  defaultTokenWorkerScript,
  errorFromWorker,
  forkTokenWorker,
  parseChoiceId,
  sha256DigestInfo,
} from '../../../src-main/core/keys/pkcs11';
import {
  CKF_USER_PIN_FINAL_TRY,
  CKF_USER_PIN_LOCKED,
  type WorkerRequest,
  type WorkerResponse,
} from '../../../src-main/core/keys/pkcs11-protocol';
import type { CertificateChoice, Signer } from '../../../src-main/core/keys/signer';
import { signPdf } from '../../../src-main/core/pdf/sign';
import { verifyPdf } from '../../../src-main/core/pdf/verify';
import { VanThuError } from '../../../src-shared/ipc/errors';
import { makeTestPdf } from '../../fixtures/pdf';
import { INTERMEDIATE_NAME, ORGANISATION_NAME, PERSON_NAME, type TestPki } from '../../fixtures/pki';
import { nssDatabase, pdfsig, pki, tmp, write } from '../pdf/helpers';
import { SOFTHSM_MODULE, TOKEN_PIN, makeSoftToken } from './pkcs11-softhsm';

let p: TestPki;
let dir: string;
let nss: string;
let choices: CertificateChoice[];
const sources: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  p = await pki();
  dir = tmp('vanthu-pkcs11-');
  nss = nssDatabase(p);
  const token = makeSoftToken(p);
  // The token worker inherits this process's environment.
  process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
  choices = await source().list();
}, 120_000);

afterAll(async () => {
  await Promise.all(sources.map((s) => s.close()));
});

function source(options: Partial<Pkcs11Options> = {}) {
  const s = createPkcs11KeySource({ modulePath: SOFTHSM_MODULE, ...options });
  sources.push(s);
  return s;
}

const choiceFor = (subject: string): CertificateChoice => {
  const c = choices.find((x) => x.subject === subject);
  if (!c) throw new Error(`no choice for ${subject}`);
  return c;
};

const allGood = async () => 'good' as const;
const data = new TextEncoder().encode('thuộc tính ký CMS');

/**
 * The real fork launcher with a window on the traffic: every request is recorded, and a test may
 * answer a request itself or rewrite a reply, as a particular vendor library would.
 */
function spyLauncher(
  hooks: {
    answer?: (request: WorkerRequest) => WorkerResponse | undefined;
    rewrite?: (reply: WorkerResponse, request: WorkerRequest | undefined) => WorkerResponse;
  } = {},
) {
  const sent: WorkerRequest[] = [];
  const channels: TokenWorkerChannel[] = [];
  const exits: Promise<string>[] = [];
  const launcher: TokenWorkerLauncher = () => {
    const inner = forkTokenWorker()();
    channels.push(inner);
    exits.push(new Promise((resolve) => inner.onExit(resolve)));
    const byId = new Map<number, WorkerRequest>();
    const listeners: ((m: unknown) => void)[] = [];
    inner.onMessage((m) => {
      const reply = m as WorkerResponse;
      const out = hooks.rewrite && reply.type === 'reply' ? hooks.rewrite(reply, byId.get(reply.id)) : reply;
      for (const l of listeners) l(out);
    });
    return {
      pid: inner.pid,
      send(m) {
        sent.push(m);
        byId.set(m.id, m);
        const answer = hooks.answer?.(m);
        if (answer) setImmediate(() => listeners.forEach((l) => l(answer)));
        else inner.send(m);
      },
      onMessage: (l) => void listeners.push(l),
      onExit: (l) => inner.onExit(l),
      kill: () => inner.kill(),
      ref: () => inner.ref?.(),
      unref: () => inner.unref?.(),
    };
  };
  return { launcher, sent, channels, exits };
}

async function rejection(promise: Promise<unknown>): Promise<VanThuError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(VanThuError);
    return e as VanThuError;
  }
  throw new Error('expected a rejection');
}

async function expectVerified(signer: Signer, name: string): Promise<void> {
  const signed = await signPdf(makeTestPdf([['UBND XA HOA BINH', 'QUYET DINH']]), signer, {
    reason: 'Ký bằng USB token',
  });
  const report = await verifyPdf(signed, { trustAnchors: [p.root.der], revocation: allGood });
  expect(report.verdict, JSON.stringify(report.signatures.map((s) => s.reasons))).toBe('valid');
  expect(report.signatures[0]?.signer?.subject).toContain(signer.label);
  const seen = pdfsig(nss, write(dir, `${name}.pdf`, signed));
  expect(seen).toHaveLength(1);
  expect(seen[0], seen[0]?.raw).toMatchObject({ valid: true, trusted: true });
}

describe('listing a token', () => {
  it('shows the signing certificates with their Vietnamese names, not the CA certificate', () => {
    expect(choices).toHaveLength(2);
    const person = choiceFor(PERSON_NAME);
    expect(person).toMatchObject({ label: 'Nguyễn Văn Ánh', keyAlgorithm: 'RSA', issuer: INTERMEDIATE_NAME });
    expect(parseChoiceId(person.id)).toMatchObject({ keyId: '01' });
    const organisation = choiceFor(ORGANISATION_NAME);
    expect(organisation).toMatchObject({ label: 'Ủy ban nhân dân xã Hòa Bình', keyAlgorithm: 'ECDSA-P256' });
    expect(parseChoiceId(organisation.id)).toMatchObject({ keyId: '02' });
    expect(Date.parse(person.notAfter)).toBeGreaterThan(Date.now());
    // CKA_ID order: the same every time.
    expect(choices.map((c) => parseChoiceId(c.id)?.keyId)).toEqual(['01', '02']);
  });
});

describe('signing with a token', () => {
  it('signs a PDF with the RSA key that VanThu and pdfsig both call valid', async () => {
    const s = source();
    const signer = await s.open(choiceFor(PERSON_NAME).id, TOKEN_PIN);
    expect(signer.keyAlgorithm).toBe('RSA');
    expect(Buffer.from(signer.certificate)).toEqual(Buffer.from(p.leaves.person.certDer));
    expect(signer.chain.map((c) => Buffer.from(c))).toEqual([Buffer.from(p.intermediate.der)]);
    await expectVerified(signer, 'rsa');
    await signer.close();
    await s.close();
  }, 60_000);

  it('signs a PDF with the ECDSA P-256 key (DER signature from the raw r||s)', async () => {
    const s = source();
    const signer = await s.open(choiceFor(ORGANISATION_NAME).id, TOKEN_PIN);
    expect(signer.keyAlgorithm).toBe('ECDSA-P256');
    const signature = await signer.sign(data);
    expect(signature[0]).toBe(0x30);
    await expectVerified(signer, 'ecdsa');
    await signer.close();
    await s.close();
  }, 60_000);

  it('signs a DigestInfo with CKM_RSA_PKCS when the token has no CKM_SHA256_RSA_PKCS', async () => {
    const spy = spyLauncher({
      rewrite: (reply, request) =>
        request?.op === 'open' && reply.type === 'reply' && reply.ok
          ? { ...reply, result: { ...(reply.result as object), mechanisms: ['CKM_RSA_PKCS'] } }
          : reply,
    });
    const s = source({ launcher: spy.launcher });
    const signer = await s.open(choiceFor(PERSON_NAME).id, TOKEN_PIN);
    await expectVerified(signer, 'rsa-digestinfo');
    const mechanisms = spy.sent.flatMap((m) => (m.op === 'sign' ? [m.mechanism] : []));
    expect(new Set(mechanisms)).toEqual(new Set(['CKM_RSA_PKCS']));
    await s.close();
  }, 60_000);

  it('falls back to CKM_RSA_PKCS when the token refuses the CKM_SHA256_RSA_PKCS it listed', async () => {
    const spy = spyLauncher({
      answer: (m) =>
        m.op === 'sign' && m.mechanism === 'CKM_SHA256_RSA_PKCS'
          ? {
              type: 'reply',
              id: m.id,
              ok: false,
              error: { kind: 'pkcs11', name: 'CKR_MECHANISM_INVALID', code: 0x70, method: 'C_SignInit' },
            }
          : undefined,
    });
    const s = source({ launcher: spy.launcher });
    const signer = await s.open(choiceFor(PERSON_NAME).id, TOKEN_PIN);
    await signer.sign(data);
    await signer.sign(data);
    const mechanisms = spy.sent.flatMap((m) => (m.op === 'sign' ? [m.mechanism] : []));
    // Refused once, then remembered.
    expect(mechanisms).toEqual(['CKM_SHA256_RSA_PKCS', 'CKM_RSA_PKCS', 'CKM_RSA_PKCS']);
    await s.close();
  }, 60_000);

  it('refuses to sign after close', async () => {
    const s = source();
    const signer = await s.open(choiceFor(PERSON_NAME).id, TOKEN_PIN);
    await signer.close();
    const e = await rejection(signer.sign(data));
    expect(e.code).toBe('CONFLICT');
    await s.close();
  });

  it('builds the DigestInfo that RSASSA-PKCS1-v1_5 with SHA-256 signs', () => {
    const key = createPrivateKey(p.leaves.person.keyPem);
    const viaDigestInfo = privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, sha256DigestInfo(data));
    expect(viaDigestInfo).toEqual(nodeSign('sha256', data, key));
    expect(sha256DigestInfo(data).subarray(19)).toEqual(createHash('sha256').update(data).digest());
  });
});

describe('PIN', () => {
  it('a wrong PIN is KEY_SECRET in Vietnamese, and the PIN is in no error', async () => {
    const s = source();
    const e = await rejection(s.open(choiceFor(PERSON_NAME).id, '000000'));
    expect(e.code).toBe('KEY_SECRET');
    expect(e.message).toMatch(/^Mã PIN không đúng\./);
    expect(JSON.stringify({ ...e, message: e.message, stack: e.stack })).not.toContain('000000');
    // The right PIN still works afterwards.
    const signer = await s.open(choiceFor(PERSON_NAME).id, TOKEN_PIN);
    await signer.sign(data);
    await s.close();
  });

  it('a locked PIN says so plainly', async () => {
    const spy = spyLauncher({
      answer: (m) =>
        m.op === 'open'
          ? {
              type: 'reply',
              id: m.id,
              ok: false,
              error: { kind: 'pkcs11', name: 'CKR_PIN_LOCKED', code: 0xa4, method: 'C_Login' },
            }
          : undefined,
    });
    const s = source({ launcher: spy.launcher });
    const e = await rejection(s.open(choiceFor(PERSON_NAME).id, TOKEN_PIN));
    expect(e.code).toBe('KEY_SECRET');
    expect(e.message).toBe(PKCS11_MESSAGES.pinLocked);
    await s.close();
  });

  it('reads the token flags after a wrong PIN: last try, locked', () => {
    const wrong = { kind: 'pkcs11', name: 'CKR_PIN_INCORRECT', code: 0xa0, method: 'C_Login' } as const;
    expect(errorFromWorker(wrong, 'm').message).toBe(PKCS11_MESSAGES.wrongPin);
    expect(errorFromWorker({ ...wrong, tokenFlags: CKF_USER_PIN_FINAL_TRY }, 'm').message).toBe(
      PKCS11_MESSAGES.wrongPinFinalTry,
    );
    expect(errorFromWorker({ ...wrong, tokenFlags: CKF_USER_PIN_LOCKED }, 'm')).toMatchObject({
      code: 'KEY_SECRET',
      message: PKCS11_MESSAGES.pinLocked,
    });
    expect(
      errorFromWorker({ kind: 'pkcs11', name: 'CKR_DEVICE_REMOVED', code: 0x32, method: 'C_Sign' }, 'm').message,
    ).toBe(PKCS11_MESSAGES.tokenRemoved);
  });
});

describe('the PKCS#11 library', () => {
  it('a path that does not exist gives a clear error, without starting a worker', async () => {
    const spy = spyLauncher();
    const missing = path.join(dir, 'khong-co', 'vendor-pkcs11.so');
    const e = await rejection(source({ modulePath: missing, launcher: spy.launcher }).list());
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toBe(PKCS11_MESSAGES.moduleMissing(missing));
    expect(spy.channels).toHaveLength(0);
  });

  it('a 32-bit library (ELF or PE) is named as such', () => {
    const elf32 = write(dir, 'lib32.so', Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, ...new Array(57).fill(0)]));
    expect(() => checkModuleFile(elf32)).toThrow(PKCS11_MESSAGES.module32(elf32));
    const pe = new Uint8Array(0x100);
    pe.set([0x4d, 0x5a]);
    new DataView(pe.buffer).setUint32(0x3c, 0x80, true);
    pe.set([0x50, 0x45, 0, 0, 0x4c, 0x01], 0x80);
    const pe32 = write(dir, 'vendor32.dll', pe);
    expect(() => checkModuleFile(pe32)).toThrow(PKCS11_MESSAGES.module32(pe32));
  });

  it('a file that is not a library is refused with a clear error', async () => {
    const fake = write(dir, 'fake-pkcs11.so', new TextEncoder().encode('đây không phải thư viện\n'));
    const e = await rejection(source({ modulePath: fake }).list());
    expect(e.code).toBe('BAD_FILE');
    expect(e.message).toBe(PKCS11_MESSAGES.moduleBad(fake));
  });

  it('a missing worker script is reported in Vietnamese', () => {
    expect(() => defaultTokenWorkerScript(tmp('vanthu-empty-'))).toThrow(PKCS11_MESSAGES.workerMissing);
  });
});

describe('a worker that fails', () => {
  it('crashes mid-call: the signer rejects in Vietnamese, this process goes on, a new open works', async () => {
    const spy = spyLauncher();
    const s = source({ launcher: spy.launcher });
    const signer = await s.open(choiceFor(PERSON_NAME).id, TOKEN_PIN);
    const pid = spy.channels[0]!.pid!;
    process.kill(pid, 'SIGSTOP'); // the call stays in flight...
    const pending = signer.sign(data);
    await new Promise((r) => setTimeout(r, 100));
    expect(spy.sent.at(-1)?.op).toBe('sign');
    process.kill(pid, 'SIGKILL'); // ...and the worker dies under it
    const e = await rejection(pending);
    expect(e).toMatchObject({ code: 'INTERNAL', message: PKCS11_MESSAGES.notResponding });
    expect(e.message).toMatch(/^Thiết bị ký số \(USB token\) không phản hồi/);
    expect(await spy.exits[0]).toBe('signal SIGKILL');
    // The dead session stays dead; the source starts a new worker for the next open.
    expect((await rejection(signer.sign(data))).message).toBe(PKCS11_MESSAGES.notResponding);
    await signer.close();
    const again = await s.open(choiceFor(PERSON_NAME).id, TOKEN_PIN);
    expect((await again.sign(data)).length).toBe(256);
    expect(spy.channels).toHaveLength(2);
    await s.close();
  }, 30_000);

  it('hangs: the call times out and the worker is killed', async () => {
    const spy = spyLauncher();
    const s = source({ launcher: spy.launcher, timeoutMs: 1_000 });
    const signer = await s.open(choiceFor(ORGANISATION_NAME).id, TOKEN_PIN);
    process.kill(spy.channels[0]!.pid!, 'SIGSTOP');
    const started = Date.now();
    const e = await rejection(signer.sign(data));
    expect(e.message).toBe(PKCS11_MESSAGES.notResponding);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await spy.exits[0]).toBe('signal SIGKILL');
    await s.close();
  }, 30_000);

  it('cannot start: the call rejects with the same message', async () => {
    const script = write(dir, 'worker-that-exits.cjs', new TextEncoder().encode('process.exit(3);\n'));
    const e = await rejection(source({ launcher: forkTokenWorker({ script, execArgv: [] }) }).list());
    expect(e).toMatchObject({ code: 'INTERNAL', message: PKCS11_MESSAGES.notResponding });
  });
});

it('finds the SoftHSM2 library the tests use', () => {
  expect(fs.existsSync(SOFTHSM_MODULE)).toBe(true);
});
