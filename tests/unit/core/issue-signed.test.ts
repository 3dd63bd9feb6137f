import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DocumentFields } from '../../../src-shared/ipc/schemas';
import type { Services } from '../../../src-main/core/services';
import { issueWithSeal } from '../../../src-main/core/signatures/issue';
import { signPdf } from '../../../src-main/core/pdf/sign';
import { verifyPdf } from '../../../src-main/core/pdf/verify';
import type { Signer } from '../../../src-main/core/keys/signer';
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

async function signedDraft() {
  s = freshServices();
  const bytes = await signPdf(makeTestPdf([['QUYET DINH']]), await signerFor(p, 'person'));
  const file = await s.files.putPdf(bytes);
  return s.documents.create(
    DocumentFields.parse({ direction: 'out', typeName: 'Quyết định', subject: 'Về việc phát hành thử' }),
    [{ sha256: file.sha256, name: 'qd.pdf' }],
    'admin',
  ).document;
}

describe('issuing with the organisation signature', () => {
  it('signs, then numbers, in one step; both signatures stay valid', async () => {
    const draft = await signedDraft();
    const { document } = await issueWithSeal(s, draft.id, await signerFor(p, 'person'), {
      actor: 'vanthu',
      issuedDate: '2026-03-02',
    });
    expect(document).toMatchObject({ status: 'issued', numberNotation: 'Số: 01/QĐ-UBND' });
    const main = document.files.find((f) => f.role === 'main')!;
    expect(document.files.find((f) => f.role === 'earlier')?.name).toBe('qd.pdf');
    const report = await verifyPdf(s.files.read(main.sha256), {
      trustAnchors: [p.root.der],
      revocation: async () => 'good',
    });
    expect(report.signatures).toHaveLength(2);
    expect(report.verdict).toBe('valid');
  });

  it('consumes no number when signing fails', async () => {
    const draft = await signedDraft();
    const broken: Signer = {
      ...(await signerFor(p, 'person')),
      sign: async () => Promise.reject(new Error('token removed')),
    };
    await expect(issueWithSeal(s, draft.id, broken, { actor: 'vanthu', issuedDate: '2026-03-02' })).rejects.toThrow(
      'token removed',
    );
    expect(s.documents.get(draft.id).status).toBe('draft');
    const { document } = await issueWithSeal(s, draft.id, await signerFor(p, 'person'), {
      actor: 'vanthu',
      issuedDate: '2026-03-02',
    });
    expect(document.codeNumber).toBe(1);
  });

  it('signs again with the next number when the number was taken meanwhile', async () => {
    const draft = await signedDraft();
    const other = s.documents.create(
      DocumentFields.parse({ direction: 'out', typeName: 'Quyết định', subject: 'Khác' }),
      [],
      'admin',
    ).document;
    const real = await signerFor(p, 'person');
    let first = true;
    const racing: Signer = {
      ...real,
      sign: async (data) => {
        if (first) {
          first = false;
          s.documents.issue(other.id, '2026-03-02', 'clerk2'); // takes number 1 while we sign
        }
        return real.sign(data);
      },
    };
    const { document } = await issueWithSeal(s, draft.id, racing, { actor: 'vanthu', issuedDate: '2026-03-02' });
    expect(document.codeNumber).toBe(2);
  });
});
