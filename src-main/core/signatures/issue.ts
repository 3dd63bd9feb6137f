/**
 * Issuing an outgoing document in one step (DOMAIN.md "Issuing"): the organisation signs the
 * already signed PDF with its stamp showing the number, notation and time, in one incremental
 * update; only then is the number taken, in the transaction that records the signed file. If
 * signing fails, no number is consumed; if the number was taken meanwhile, it signs again.
 */
import { VanThuError } from '../../../src-shared/ipc/errors';
import { formatNumberNotation } from '../../../src-shared/domain/notation';
import type { Saved } from '../register';
import type { Signer } from '../keys/signer';
import type { SignatureAppearance } from '../pdf/appearance/signature';
import { signPdf } from '../pdf/sign';
import type { Services } from '../services';

const ATTEMPTS = 3;

export async function issueWithSeal(
  s: Pick<Services, 'documents' | 'files'> & Partial<Pick<Services, 'signingPolicy'>>,
  id: number,
  signer: Signer,
  options: { actor: string; issuedDate?: string; appearance?: Omit<SignatureAppearance, 'lines'> },
): Promise<Saved> {
  const main = s.documents.get(id).files.find((f) => f.role === 'main');
  if (!main) {
    throw new VanThuError(
      'VALIDATION',
      'Văn bản chưa có tệp PDF đã ký của người có thẩm quyền. Hãy đính kèm rồi phát hành.',
    );
  }
  const original = s.files.read(main.sha256);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const preview = s.documents.previewIssue(id, options.issuedDate);
    const numberNotation = formatNumberNotation(preview.org.regime, preview.codeNumber, preview.codeNotation, {
      prefix: true,
    });
    const signed = await signPdf(original, signer, {
      reason: `Phát hành văn bản ${numberNotation}`,
      appearance: { kind: 'stamp', ...options.appearance, lines: [preview.org.name, numberNotation] },
      ...s.signingPolicy?.timestamp(),
    });
    const file = await s.files.putPdf(signed);
    try {
      return s.documents.issue(id, preview.issuedDate, options.actor, {
        expectNumber: preview.codeNumber,
        file: { sha256: file.sha256, name: main.name.replace(/(\.pdf)?$/i, `-${preview.codeNumber}.pdf`) },
      });
    } catch (error) {
      // Someone took the number while we signed: sign again with the next one.
      if (!(error instanceof VanThuError && error.code === 'CONFLICT' && attempt < ATTEMPTS - 1)) throw error;
    }
  }
  throw new VanThuError('CONFLICT', 'Không cấp được số sau nhiều lần thử. Hãy thử lại.');
}
