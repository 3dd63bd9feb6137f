/**
 * Signing a register entry's PDF from the sign dialog: one more signature appended as an
 * incremental update, saved as a new file that becomes the main one (the earlier file stays,
 * never rewritten), then verified at once so the clerk sees the result and the evidence is kept.
 */
import type { Document } from '../../../src-shared/ipc/schemas';
import type { SignAppearance } from '../../../src-shared/ipc/signing';
import type { DocumentReport } from '../../../src-shared/pdf/report';
import { VanThuError } from '../../../src-shared/ipc/errors';
import { readCertificate } from '../keys/certificate-info';
import type { Signer } from '../keys/signer';
import type { SignatureAppearance } from '../pdf/appearance/signature';
import { signPdf } from '../pdf/sign';
import type { Services } from '../services';

/** The contract's appearance in the PDF layer's terms; a person's name from the certificate. */
export function toPdfAppearance(appearance: SignAppearance, signer: Signer): SignatureAppearance | undefined {
  const image = (b64: string | undefined) => (b64 ? new Uint8Array(Buffer.from(b64, 'base64')) : undefined);
  switch (appearance.kind) {
    case 'invisible':
      return undefined;
    case 'signer': {
      const lines = appearance.lines.filter((l) => l.length > 0);
      const picture = image(appearance.imageBase64);
      return {
        kind: 'signer',
        page: appearance.page,
        rect: appearance.rect,
        ...(picture ? { image: picture } : {}),
        lines: lines.length > 0 ? lines : [readCertificate(signer.certificate).commonName || signer.label],
      };
    }
    case 'seal': {
      return {
        kind: 'seal',
        image: image(appearance.imageBase64)!,
        ...(appearance.page ? { page: appearance.page } : {}),
        ...(appearance.rect ? { rect: appearance.rect } : {}),
      };
    }
  }
}

export async function signDocument(
  s: Pick<Services, 'documents' | 'files' | 'signatures' | 'signingPolicy'>,
  id: number,
  signer: Signer,
  appearance: SignAppearance,
  actor: string,
): Promise<{ document: Document; report: DocumentReport }> {
  const doc = s.documents.get(id);
  if (doc.status === 'cancelled') throw new VanThuError('CONFLICT', 'Văn bản đã hủy, không ký được nữa.');
  const main = doc.files.find((f) => f.role === 'main');
  if (!main) throw new VanThuError('VALIDATION', 'Văn bản chưa có tệp PDF để ký. Hãy đính kèm tệp PDF trước.');
  const pdfAppearance = toPdfAppearance(appearance, signer);
  const signed = await signPdf(s.files.read(main.sha256), signer, {
    ...(pdfAppearance ? { appearance: pdfAppearance } : {}),
    ...(appearance.kind === 'signer' ? { page: appearance.page } : {}),
    ...s.signingPolicy.timestamp(),
  });
  const file = await s.files.putPdf(signed);
  const name = main.name.replace(/(-da-ky)?(\.pdf)?$/i, '-da-ky.pdf');
  s.documents.supersedeMain(id, { sha256: file.sha256, name }, actor, {
    signer: signer.label,
    appearance: appearance.kind,
  });
  const report = await s.signatures.verifyDocument(id, actor);
  if (!report) throw new VanThuError('INTERNAL', 'Đã ký nhưng không kiểm tra lại được tệp. Hãy bấm "Kiểm tra lại".');
  return { document: s.documents.get(id), report };
}
