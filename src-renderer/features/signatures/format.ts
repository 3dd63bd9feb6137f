/** Small helpers of the signatures panel: Vietnam time, file reading, the report download. */

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** An ISO instant as "dd/MM/yyyy HH:mm" in Vietnam time (24-hour), or '' when unreadable. */
export function formatDateTimeVi(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + VIETNAM_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** An ISO instant as "dd/MM/yyyy" in Vietnam time. */
export function formatDateOnlyVi(iso: string): string {
  return formatDateTimeVi(iso).slice(0, 10);
}

/** "AB:CD…", "ab cd…" or "abcd…" to 64 lower-case hex digits, or null (as the trust store reads it). */
export function normaliseFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/** "ab12cd…" as "AB:12:CD:…" — the way CAs publish fingerprints. */
export function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,2}/g) ?? []).join(':');
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

const ALGORITHM_NAMES: Record<string, string> = {
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.113549.1.1.5': 'RSA với SHA-1',
  '1.2.840.113549.1.1.10': 'RSA-PSS',
  '1.2.840.113549.1.1.11': 'RSA với SHA-256',
  '1.2.840.113549.1.1.12': 'RSA với SHA-384',
  '1.2.840.113549.1.1.13': 'RSA với SHA-512',
  '1.2.840.10045.2.1': 'ECDSA',
  '1.2.840.10045.4.1': 'ECDSA với SHA-1',
  '1.2.840.10045.4.3.2': 'ECDSA với SHA-256',
  '1.2.840.10045.4.3.3': 'ECDSA với SHA-384',
  '1.2.840.10045.4.3.4': 'ECDSA với SHA-512',
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

/** A readable name for an algorithm the report may give as an OID. */
export function algorithmName(nameOrOid: string): string {
  return ALGORITHM_NAMES[nameOrOid] ?? nameOrOid;
}
