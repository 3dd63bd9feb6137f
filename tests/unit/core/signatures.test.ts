import fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, createHandlers, SessionSlot } from '../../../src-main/core';
import type { Services } from '../../../src-main/core/services';
import { signPdf } from '../../../src-main/core/pdf/sign';
import type { TestPki } from '../../fixtures/pki';
import { makeTestPdf } from '../../fixtures/pdf';
import { pki, signerFor } from '../pdf/helpers';
import { freshServices } from './helpers';

let s: Services;
let p: TestPki;
beforeAll(async () => {
  p = await pki();
}, 120_000);
afterEach(() => s?.close());

async function signedIn() {
  s = freshServices();
  const dispatch = createDispatcher(createHandlers(s), { accounts: s.accounts });
  const session = new SessionSlot();
  await dispatch('auth.signIn', { username: 'admin', password: 'matkhau123' }, session);
  return <T>(name: string, input: unknown) =>
    dispatch(name, input, session) as Promise<{ ok: boolean; value: T; error?: { code: string; message: string } }>;
}

describe('signature checks kept with the register entry', () => {
  it('checks an incoming PDF as it is registered and keeps the evidence', async () => {
    const call = await signedIn();
    const signed = await signPdf(makeTestPdf(), await signerFor(p, 'person'));
    const file = await s.files.putPdf(signed);

    // No trust anchor yet: undecided, and the clerk is told so when saving.
    const first = await call<{ document: { id: number; signatureVerdict: string }; warnings: { code: string }[] }>(
      'document.create',
      {
        direction: 'in',
        typeName: 'Công văn',
        subject: 'Văn bản có chữ ký số',
        files: [{ sha256: file.sha256, name: 'vb.pdf' }],
      },
    );
    expect(first.value.document.signatureVerdict).toBe('indeterminate');
    expect(first.value.warnings.map((w) => w.code)).toContain('SIGNATURE');

    // The administrator adds the root with its published fingerprint; a re-check is valid.
    const root = Buffer.from(p.root.der).toString('base64');
    expect((await call('trust.add', { certificateBase64: root, sha256: 'ab'.repeat(32) })).error?.code).toBe(
      'VALIDATION',
    );
    expect((await call('trust.add', { certificateBase64: root, sha256: p.root.sha256 })).ok).toBe(true);
    const again = await call<{ verdict: string }>('document.verifySignatures', { id: first.value.document.id });
    expect(again.value.verdict).toBe('valid');
    expect(
      (await call<{ signatureVerdict: string }>('document.get', { id: first.value.document.id })).value
        .signatureVerdict,
    ).toBe('valid');

    const stored = await call<{ verdict: string; signatures: { signer: { commonName: string } }[] }>(
      'document.signatureReport',
      { id: first.value.document.id },
    );
    expect(stored.value.verdict).toBe('valid');
    expect(stored.value.signatures[0]?.signer.commonName).toBe('Nguyễn Văn Ánh');
    // Both checks stay on record.
    expect(s.sqlite.prepare('SELECT COUNT(*) FROM signature_checks').pluck().get()).toBe(2);
  });

  it('registers a scanned paper document (no signature) as "unsigned" without a warning', async () => {
    const call = await signedIn();
    const file = await s.files.putPdf(makeTestPdf([['BAN SCAN']]));
    const saved = await call<{ document: { signatureVerdict: string }; warnings: { code: string }[] }>(
      'document.create',
      {
        direction: 'in',
        typeName: 'Công văn',
        subject: 'Văn bản giấy',
        files: [{ sha256: file.sha256, name: 'scan.pdf' }],
      },
    );
    expect(saved.value.document.signatureVerdict).toBe('unsigned');
    expect(saved.value.warnings.map((w) => w.code)).not.toContain('SIGNATURE');
  });

  it('verifies a stored PDF without registering it', async () => {
    const call = await signedIn();
    const file = await s.files.putPdf(makeTestPdf());
    expect((await call<{ verdict: string }>('pdf.verify', { sha256: file.sha256 })).value.verdict).toBe('unsigned');
    expect(fs.existsSync(s.paths.dataDir)).toBe(true);
  });
});
