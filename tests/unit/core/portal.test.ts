import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../src-main/core/services';
import { DocumentFields } from '../../../src-shared/ipc/schemas';
import { PortalMetadata } from '../../../src-shared/ipc/portal';
import { makeTestPdf } from '../../fixtures/pdf';
import { readZip } from '../xlsx/read-zip';
import { freshServices } from './helpers';

let s: Services;
afterEach(() => s.close());

async function issued(fields: Partial<DocumentFields> = {}, withPdf = true) {
  const file = await s.files.putPdf(makeTestPdf([['QUYET DINH']]));
  const draft = s.documents.create(
    DocumentFields.parse({
      direction: 'out',
      typeName: 'Quyết định',
      subject: 'Về việc công bố thủ tục hành chính',
      signerFullName: 'Lê Văn Cường',
      signerPosition: 'Chủ tịch',
      ...fields,
    }),
    withPdf ? [{ sha256: file.sha256, name: 'qd-cong-bo.pdf' }] : [],
    'vanthu',
  ).document;
  return { doc: s.documents.issue(draft.id, '2026-12-01', 'vanthu').document, pdf: file.sha256 };
}

describe('publication on the web portal', () => {
  it('packages an issued document as metadata.json and its PDF, unchanged', async () => {
    s = freshServices();
    const { doc, pdf } = await issued();
    expect(s.portal.state(doc.id)).toMatchObject({ marked: false, refusal: null });
    expect(() => s.portal.package(doc.id, 'vanthu', new Date())).toThrow('Hãy chọn "Đăng cổng thông tin"');
    expect(s.portal.mark(doc.id, 'vanthu')).toMatchObject({ marked: true });
    const made = s.portal.package(doc.id, 'vanthu', new Date('2026-12-02T03:00:00Z'));
    expect(made.name).toBe(`cong-thong-tin-${doc.codeNumber}-20261201.zip`);
    const entries = readZip(made.bytes);
    const base = made.name.replace(/\.zip$/, '');
    const metadata = PortalMetadata.parse(JSON.parse(entries.get(`${base}/metadata.json`)!.toString('utf8')));
    expect(metadata).toMatchObject({
      organ: { organId: '000.00.00.H41', name: 'Ủy ban nhân dân xã Hòa Bình' },
      typeName: 'Quyết định',
      numberNotation: doc.numberNotation,
      issuedDate: '2026-12-01',
      subject: 'Về việc công bố thủ tục hành chính',
      signer: { fullName: 'Lê Văn Cường', position: 'Chủ tịch' },
      file: { name: 'qd-cong-bo.pdf', sha256: pdf },
    });
    const bytes = entries.get(`${base}/qd-cong-bo.pdf`)!;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(pdf);
    expect(s.portal.state(doc.id).exportedAt).toBe('2026-12-02T03:00:00.000Z');
    expect(s.audit.recent(2).map((e) => e.action)).toEqual(['portal.export', 'portal.mark']);
    s.portal.unmark(doc.id, 'vanthu');
    expect(s.portal.state(doc.id).marked).toBe(false);
  });

  it('refuses secret and internal documents, drafts, incoming ones and those without a PDF', async () => {
    s = freshServices();
    const secret = (await issued({ secrecy: 'mat' })).doc;
    expect(() => s.portal.mark(secret.id, 'vanthu')).toThrow('Văn bản mật không bao giờ được đăng');
    const internal = (await issued({ circulation: 'internal' })).doc;
    expect(s.documents.get(internal.id).circulation).toBe('internal');
    expect(() => s.portal.mark(internal.id, 'vanthu')).toThrow('lưu hành nội bộ');
    const bare = (await issued({}, false)).doc;
    expect(() => s.portal.mark(bare.id, 'vanthu')).toThrow('chưa có tệp PDF');
    const draft = s.documents.create(
      DocumentFields.parse({ direction: 'out', typeName: 'Công văn', subject: 'Dự thảo' }),
      [],
      'vanthu',
    ).document;
    expect(() => s.portal.mark(draft.id, 'vanthu')).toThrow('chưa phát hành');
    const incoming = s.documents.create(
      DocumentFields.parse({ direction: 'in', typeName: 'Công văn', subject: 'Đến' }),
      [],
      'vanthu',
    ).document;
    expect(() => s.portal.mark(incoming.id, 'vanthu')).toThrow('Chỉ văn bản đi');
    expect(s.audit.recent(1)[0]!.action).not.toBe('portal.mark');
  });
});
