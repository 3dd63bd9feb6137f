/**
 * Renders the appearances for review into docs/screenshots/ (poppler's pdftoppm):
 *   npx tsx tests/unit/pdf-appearance/screenshots.ts
 * pdf-signer-seal.png: a decision signed by the chairman (blue signature) and sealed by the
 * committee (red seal over the signature's left third); pdf-arrival-stamp.png: the same
 * document received by another organ, with the "ĐẾN" stamp on blank paper;
 * pdf-attachment-stamp.png: an attachment signed by the organisation, text stamp top right.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { signPdf } from '../../../src-main/core/pdf/sign';
import { stampArrival } from '../../../src-main/core/pdf/stamp';
import { pki, signerFor, tmp, write } from '../pdf/helpers';
import { sealPng, signaturePng } from './images';
import { decisionPdf, linesPdf, SIGNATURE_BOX } from './vn-document';

const OUT = path.resolve(__dirname, '../../../docs/screenshots');
const TIME = new Date('2026-11-22T02:15:30Z');

/** Page 1 at `dpi`, cropped to [x, y, w, h] in points from the top left of the page. */
function shot(file: string, name: string, dpi: number, crop?: [number, number, number, number]): void {
  const s = dpi / 72;
  const args = ['-r', String(dpi), '-png', '-singlefile', '-f', '1', '-l', '1'];
  if (crop)
    args.push(
      '-x',
      String(Math.round(crop[0] * s)),
      '-y',
      String(Math.round(crop[1] * s)),
      '-W',
      String(Math.round(crop[2] * s)),
      '-H',
      String(Math.round(crop[3] * s)),
    );
  execFileSync('pdftoppm', [...args, file, path.join(OUT, name)]);
}

async function main(): Promise<void> {
  const p = await pki();
  const dir = tmp('vanthu-shots-');
  let doc: Uint8Array = await signPdf(decisionPdf(), await signerFor(p, 'person'), {
    signingTime: TIME,
    appearance: { kind: 'signer', rect: SIGNATURE_BOX, image: signaturePng() },
  });
  doc = await signPdf(doc, await signerFor(p, 'organisation'), {
    signingTime: TIME,
    appearance: { kind: 'seal', image: sealPng(35) },
  });
  const signed = write(dir, 'signed.pdf', doc);
  shot(signed, 'pdf-signer-seal', 120, [40, 842 - 420, 540, 230]);

  const received = stampArrival(doc, {
    organisationName: 'Đảng ủy xã Hòa Bình',
    arrivalNumber: '125',
    arrivalDate: '2026-11-23',
    routedTo: 'Đ/c Trần Thị Bích Ngọc, Phó Bí thư Thường trực',
    fileCode: '',
  });
  shot(write(dir, 'received.pdf', received), 'pdf-arrival-stamp', 110, [0, 0, 595, 520]);

  const attachment = await signPdf(
    linesPdf(['PHỤ LỤC', 'Danh sách đơn vị thực hiện Quy chế công tác văn thư', '(Kèm theo Quyết định số 01/QĐ-UBND)']),
    await signerFor(p, 'organisation'),
    { signingTime: TIME, appearance: { kind: 'stamp', lines: ['Ủy ban nhân dân xã Hòa Bình', 'Số: 01/QĐ-UBND'] } },
  );
  shot(write(dir, 'attachment.pdf', attachment), 'pdf-attachment-stamp', 120, [0, 0, 595, 200]);
  console.log(`written to ${OUT}`);
}

void main();
