/**
 * Keys as the sign dialog names them (a .p12's bytes or a token's library) turned into the one
 * Signer interface. A .p12 offers the single certificate that matches its key; a token offers
 * every signing certificate it carries. Secrets are used for the call at hand and dropped.
 */
import { VanThuError } from '../../../src-shared/ipc/errors';
import type { CertificateChoice, KeyRef, KeyUse } from '../../../src-shared/ipc/signing';
import { readCertificate } from '../keys/certificate-info';
import { openP12 } from '../keys/p12';
import { createPkcs11KeySource, type TokenWorkerLauncher } from '../keys/pkcs11';
import type { Signer } from '../keys/signer';

/** The one certificate a .p12 signs with; its id is its fingerprint, to catch a swapped file. */
const P12_CHOICE = (sha256: string) => `p12:sha256=${sha256}`;

function choiceOf(signer: Signer): CertificateChoice {
  const info = readCertificate(signer.certificate);
  return {
    id: P12_CHOICE(info.sha256),
    label: signer.label,
    subject: info.subject,
    issuer: info.issuer,
    notAfter: info.notAfter.toISOString(),
    keyAlgorithm: signer.keyAlgorithm,
  };
}

export interface KeyDeskOptions {
  /** How token workers start: a child process under Node, a utilityProcess under Electron. */
  tokenWorkerLauncher?: TokenWorkerLauncher;
}

export function createKeyDesk(options: KeyDeskOptions = {}) {
  const token = (module: string) =>
    createPkcs11KeySource({
      modulePath: module,
      ...(options.tokenWorkerLauncher ? { launcher: options.tokenWorkerLauncher } : {}),
    });

  return {
    async certificates(key: KeyRef, secret: string | undefined): Promise<CertificateChoice[]> {
      if (key.kind === 'pkcs11') return token(key.module).list();
      if (!secret) throw new VanThuError('VALIDATION', 'Hãy nhập mật khẩu của tệp chứng thư số (.p12).');
      const signer = await openP12(Buffer.from(key.fileBase64, 'base64'), secret);
      try {
        return [choiceOf(signer)];
      } finally {
        await signer.close();
      }
    },

    /** Opens the chosen certificate's key; the caller closes the signer when done. */
    async open(use: KeyUse): Promise<Signer> {
      if (use.key.kind === 'pkcs11') return token(use.key.module).open(use.choiceId, use.secret);
      const signer = await openP12(Buffer.from(use.key.fileBase64, 'base64'), use.secret);
      if (choiceOf(signer).id !== use.choiceId) {
        await signer.close();
        throw new VanThuError('CONFLICT', 'Tệp chứng thư số đã thay đổi so với lúc chọn. Hãy chọn lại chứng thư số.');
      }
      return signer;
    },
  };
}

export type KeyDesk = ReturnType<typeof createKeyDesk>;

/** Runs `work` with the key open and always closes it (a token logs out), even on failure. */
export async function withSigner<T>(desk: KeyDesk, use: KeyUse, work: (signer: Signer) => Promise<T>): Promise<T> {
  const signer = await desk.open(use);
  try {
    return await work(signer);
  } finally {
    await signer.close().catch(() => undefined);
  }
}
