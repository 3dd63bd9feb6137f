/**
 * pdf.js, set up for the strict CSP: its worker is a file of the app (bundled by Vite), eval is
 * off, and fonts/CMaps come from the app's own pdfjs/ folder (copied there by vite.config.mts).
 * The bytes are fetched here, so the same code works with the host's /blob URLs and Electron's
 * vanthu-blob: scheme.
 */
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { currentStrings } from '../../i18n';

GlobalWorkerOptions.workerSrc = workerUrl;

const resource = (dir: string) => new URL(`pdfjs/${dir}/`, document.baseURI).href;

export class PdfOpenError extends Error {
  constructor(readonly clerkMessage: string) {
    super(clerkMessage);
    this.name = 'PdfOpenError';
  }
}

export interface OpenedPdf {
  document: PDFDocumentProxy;
  close: () => void;
}

export async function openPdf(url: string): Promise<OpenedPdf> {
  let bytes: Uint8Array;
  try {
    const response = await fetch(url, { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch {
    throw new PdfOpenError(currentStrings().pdf.fetchFailed);
  }
  const task = getDocument({
    data: bytes,
    isEvalSupported: false,
    cMapUrl: resource('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: resource('standard_fonts'),
    verbosity: 0,
  });
  try {
    const document = await task.promise;
    return { document, close: () => void task.destroy() };
  } catch {
    void task.destroy();
    throw new PdfOpenError(currentStrings().pdf.failed);
  }
}
