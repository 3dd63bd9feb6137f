/**
 * Checks that bytes are a PDF a clerk can open, before they enter the register. pdf.js is
 * tolerant of damage, so a truncated file (no %%EOF at the end, as after a broken download) is
 * refused before pdf.js is asked, and pdf.js must then load page 1.
 */
import { VanThuError } from '../../../src-shared/ipc/errors';

export interface PdfFacts {
  pageCount: number;
}

const NOT_PDF = 'Tệp này không phải PDF. Hãy chọn tệp PDF của văn bản (đuôi .pdf).';
const DAMAGED = 'Không mở được tệp PDF (tệp bị hỏng). Hãy xin bản khác từ nơi gửi.';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;

/** pdf.js is ESM-only; load it once, lazily, so start-up does not pay for it. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

function endsWithEof(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  return tail.includes('%%EOF');
}

export async function inspectPdf(bytes: Uint8Array): Promise<PdfFacts> {
  if (!looksLikePdf(bytes)) throw new VanThuError('BAD_FILE', NOT_PDF);
  if (!endsWithEof(bytes)) throw new VanThuError('BAD_FILE', DAMAGED);
  const { getDocument } = await loadPdfJs();
  // pdf.js may take ownership of the buffer it is given: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    await doc.getPage(1);
    return { pageCount: doc.numPages };
  } catch {
    throw new VanThuError('BAD_FILE', DAMAGED);
  } finally {
    await task.destroy();
  }
}
