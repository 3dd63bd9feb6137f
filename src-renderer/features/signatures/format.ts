/**
 * Small helpers of the signatures panel: file reading, the report download. Fingerprints are
 * written as in the printed report (src-shared/pdf/report-words); dates on screen follow the
 * language (the i18n table's `formats`).
 */
export { formatFingerprint } from '../../../src-shared/pdf/report-words';

/** "AB:CD…", "ab cd…" or "abcd…" to 64 lower-case hex digits, or null (as the trust store reads it). */
export function normaliseFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/** The file's bytes as base64, read in the browser. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** Hands `text` to the browser as a download named `name` (an object URL and <a download>). */
export function downloadText(text: string, name: string, mediaType = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mediaType};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
