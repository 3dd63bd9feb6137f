/**
 * Signing from the sign dialog, through the contract as the UI calls it: choosing the
 * certificate of a .p12, signing with or without an appearance, the signed file becoming the
 * main one with the earlier kept, and clear refusals that change nothing.
 */
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, createHandlers, SessionSlot } from '../../../src-main/core';
import type { Services } from '../../../src-main/core/services';
import { DocumentFields } from '../../../src-shared/ipc/schemas';
import type { TestPki } from '../../fixtures/pki';
import { makeTestPdf } from '../../fixtures/pdf';
import { pki, tmp } from '../pdf/helpers';
import { sealPng } from '../pdf-appearance/images';
import { freshServices } from './helpers';
import { startTestTsa } from '../../fixtures/tsa';
import { createHash } from 'node:crypto';

let p: TestPki;
let s: Services;
beforeAll(async () => {
  p = await pki();
}, 120_000);
afterEach(() => s?.close());

async function signedIn() {
  s = freshServices();
  s.trust.addBytes(p.root.der, p.root.sha256);
  const dispatch = createDispatcher(createHandlers(s), { accounts: s.accounts });
  const session = new SessionSlot();
  await dispatch('auth.signIn', { username: 'admin', password: 'matkhau123' }, session);
  const call = async (name: string, input: unknown) => {
    const r = await dispatch(name, input, session);
    if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
    return r.value as never;
  };
  const failure = async (name: string, input: unknown) => {
    const r = await dispatch(name, input, session);
    if (r.ok) throw new Error(`${name} succeeded`);
    return r.error;
  };
  return { call, failure };
}

function p12Key(leaf: 'person' | 'organisation' = 'person') {
  return { kind: 'p12' as const, fileBase64: fs.readFileSync(p.leaves[leaf].p12File).toString('base64') };
}

async function draftWithPdf(direction: 'in' | 'out' = 'out') {
  const file = await s.files.putPdf(makeTestPdf([['TO TRINH']]));
  return s.documents.create(
    DocumentFields.parse({ direction, typeName: 'Tờ trình', subject: 'Về việc ký thử' }),
    [{ sha256: file.sha256, name: 'to-trinh.pdf' }],
    'admin',
  ).document;
}

describe('signing from the sign dialog', () => {
  it('lists the certificate of a .p12 once its password is given', async () => {
    const { call, failure } = await signedIn();
    const choices = (await call('keys.certificates', { key: p12Key(), secret: p.leaves.person.p12Password })) as {
      id: string;
      subject: string;
      keyAlgorithm: string;
    }[];
    expect(choices).toHaveLength(1);
    expect(choices[0]!.subject).toContain('Nguyễn Văn Ánh');
    expect(choices[0]!.id).toMatch(/^p12:sha256=[0-9a-f]{64}$/);
    expect(await failure('keys.certificates', { key: p12Key(), secret: 'sai-mat-khau' })).toMatchObject({
      message: expect.stringMatching(/Mật khẩu .* không đúng/),
    });
    expect(await failure('keys.certificates', { key: p12Key() })).toMatchObject({ code: 'VALIDATION' });
  });

  it('signs with a visible signature; the signed file becomes main, the earlier one stays', async () => {
    const { call } = await signedIn();
    const draft = await draftWithPdf();
    const secret = p.leaves.person.p12Password;
    const [choice] = (await call('keys.certificates', { key: p12Key(), secret })) as { id: string }[];
    const { document, report } = (await call('document.sign', {
      id: draft.id,
      use: { key: p12Key(), choiceId: choice!.id, secret },
      appearance: { kind: 'signer', page: 1, rect: [320, 120, 200, 80], lines: ['Nguyễn Văn Ánh', 'Chủ tịch'] },
    })) as { document: typeof draft; report: { verdict: string; signatures: { signer: { commonName: string } }[] } };

    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]!.signer.commonName).toBe('Nguyễn Văn Ánh');
    // Trusted, intact, by a certificate naming an unreachable CRL: at worst undecided, never invalid.
    expect(report.verdict).not.toBe('invalid');
    const main = document.files.find((f) => f.role === 'main')!;
    expect(main.name).toBe('to-trinh-da-ky.pdf');
    expect(document.files.find((f) => f.role === 'earlier')?.sha256).toBe(draft.files[0]!.sha256);
    expect(document.signatureVerdict).toBe(report.verdict);

    // The signed original is untouched; the new file is it plus one update, clean for qpdf.
    const before = s.files.read(draft.files[0]!.sha256);
    const after = s.files.read(main.sha256);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    const file = `${tmp()}/signed.pdf`;
    fs.writeFileSync(file, after);
    execFileSync('qpdf', ['--check', file]);
    expect(s.audit.verify().ok).toBe(true);
  });

  it('adds the seal over the person signature, both valid', async () => {
    const { call } = await signedIn();
    const draft = await draftWithPdf();
    const sign = async (leaf: 'person' | 'organisation', appearance: unknown) => {
      const secret = p.leaves[leaf].p12Password;
      const [choice] = (await call('keys.certificates', { key: p12Key(leaf), secret })) as { id: string }[];
      return (await call('document.sign', {
        id: draft.id,
        use: { key: p12Key(leaf), choiceId: choice!.id, secret },
        appearance,
      })) as { report: { signatures: { verdict: string; reasons: { code: string }[] }[] } };
    };
    await sign('person', { kind: 'signer', page: 1, rect: [320, 120, 200, 80], lines: [] });
    const { report } = await sign('organisation', { kind: 'seal', imageBase64: sealPng().toString('base64') });
    expect(report.signatures).toHaveLength(2);
    for (const sig of report.signatures) {
      expect(sig.reasons.map((r) => r.code)).toContain('INTEGRITY_OK');
      expect(sig.reasons.map((r) => r.code)).not.toContain('MODIFIED_AFTER_SIGNING');
    }
  });

  it('refuses a wrong password, a swapped file and a cancelled entry without changing anything', async () => {
    const { call, failure } = await signedIn();
    const draft = await draftWithPdf();
    const secret = p.leaves.person.p12Password;
    const [choice] = (await call('keys.certificates', { key: p12Key(), secret })) as { id: string }[];
    const invisible = { kind: 'invisible' };
    expect(
      await failure('document.sign', {
        id: draft.id,
        use: { key: p12Key(), choiceId: choice!.id, secret: 'sai' },
        appearance: invisible,
      }),
    ).toMatchObject({ message: expect.stringMatching(/Mật khẩu/) });
    expect(
      await failure('document.sign', {
        id: draft.id,
        use: { key: p12Key('organisation'), choiceId: choice!.id, secret: p.leaves.organisation.p12Password },
        appearance: invisible,
      }),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(s.documents.get(draft.id).files).toEqual(draft.files);

    s.documents.cancel(draft.id, 'Thử hủy', 'admin');
    expect(
      await failure('document.sign', {
        id: draft.id,
        use: { key: p12Key(), choiceId: choice!.id, secret },
        appearance: invisible,
      }),
    ).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/đã hủy/) });
  });

  it('issues with the organisation signature in one call and keeps the evidence', async () => {
    const { call } = await signedIn();
    const draft = await draftWithPdf();
    const secret = p.leaves.organisation.p12Password;
    const [choice] = (await call('keys.certificates', { key: p12Key('organisation'), secret })) as { id: string }[];
    const saved = (await call('document.issue', {
      id: draft.id,
      issuedDate: '2026-03-02',
      seal: { key: p12Key('organisation'), choiceId: choice!.id, secret },
    })) as { document: { status: string; numberNotation: string; signatureVerdict: string | null } };
    expect(saved.document).toMatchObject({ status: 'issued', numberNotation: 'Số: 01/TTr-UBND' });
    expect(saved.document.signatureVerdict).not.toBeNull();
    expect(s.signatures.latest(draft.id)?.signatures).toHaveLength(1);
  });

  it('adds a timestamp when the administrator configured a time-stamping authority', async () => {
    const tsa = await startTestTsa();
    try {
      const { call } = await signedIn();
      s.trust.addBytes(tsa.rootDer, createHash('sha256').update(tsa.rootDer).digest('hex'));
      expect(() => s.signingPolicy.setTsaUrl('ftp://khong-dung')).toThrow(/http/);
      s.signingPolicy.setTsaUrl(tsa.url);
      const draft = await draftWithPdf();
      const secret = p.leaves.person.p12Password;
      const [choice] = (await call('keys.certificates', { key: p12Key(), secret })) as { id: string }[];
      const { report } = (await call('document.sign', {
        id: draft.id,
        use: { key: p12Key(), choiceId: choice!.id, secret },
        appearance: { kind: 'invisible' },
      })) as { report: { signatures: { signingTime: { source: string } }[] } };
      expect(report.signatures[0]!.signingTime.source).toBe('timestamp');
      expect(tsa.requests).toBe(1);
    } finally {
      await tsa.close();
    }
  });

  it('lists no token library on a machine without one, and explains a missing library', async () => {
    const { call, failure } = await signedIn();
    expect(Array.isArray(await call('keys.modules', {}))).toBe(true);
    expect(
      await failure('keys.certificates', { key: { kind: 'pkcs11', module: '/khong/co/thu-vien.so' } }),
    ).toMatchObject({ message: expect.stringMatching(/thư viện|Không tìm thấy/i) });
  });
});
