/**
 * The Platform port (ARCHITECTURE.md): what is not a JSON call. Files travel by URL, uploads
 * are streamed with progress, and dialogs, printing and notifications differ between Electron
 * and the development host. The renderer sees this one interface either way.
 */
import type { Result } from './errors';
import type { FileInfo } from './schemas';

/** The part of a DOM File the port needs; kept structural so src-shared stays DOM-free. */
export interface UploadSource {
  readonly name: string;
  readonly size: number;
}

export interface Platform<F extends UploadSource = UploadSource> {
  readonly kind: 'electron' | 'host';
  /** A URL the renderer can fetch the blob from (pdf.js, <img>). */
  blobUrl(sha256: string): string;
  /** Stores a file in the content-addressed store; PDFs are checked before they are kept. */
  uploadFile(file: F, onProgress?: (sent: number, total: number) => void): Promise<Result<FileInfo>>;
  /**
   * Saves a stored file where the clerk chooses (a save dialog in Electron, the browser's
   * download in the host). `saved` is false when the clerk cancelled.
   */
  saveFile(sha256: string, suggestedName: string): Promise<Result<{ saved: boolean }>>;
  /** Prints the current view (the register, a report). */
  print(): Promise<void>;
  notify(title: string, body: string): void;
}

/** Header that carries the development host's per-run token. */
export const HOST_TOKEN_HEADER = 'x-vanthu-token';
export const ELECTRON_BLOB_SCHEME = 'vanthu-blob';
export const ELECTRON_APP_SCHEME = 'vanthu';
