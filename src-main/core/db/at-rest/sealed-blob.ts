/**
 * The sealed form of a stored file (a secret document's PDF): AES-256-GCM under a key derived
 * from the register's key, bound to the file's sha256 so sealed files cannot be swapped.
 */
import path from 'node:path';
import { deriveKey, openBytes, sealBytes } from './aes-gcm';

const SEALED_MAGIC = Buffer.from('VTSEAL1\0', 'latin1');

export function sealedBlobKey(registerKey: Buffer): Buffer {
  return deriveKey(registerKey, 'sealed blobs');
}

export function sealBlob(blobKey: Buffer, bytes: Uint8Array, sha256: string): Buffer {
  return sealBytes(blobKey, bytes, sha256, SEALED_MAGIC);
}

export function openSealedBlob(blobKey: Buffer, sealed: Buffer, sha256: string): Buffer {
  return openBytes(blobKey, sealed, sha256, SEALED_MAGIC);
}

/** Where a blob lies in the store: <blobs>/<first two hex>/<sha256>, `.sealed` when sealed. */
export function blobFile(blobsDir: string, sha256: string, sealed: boolean): string {
  return path.join(blobsDir, sha256.slice(0, 2), `${sha256}${sealed ? '.sealed' : ''}`);
}
