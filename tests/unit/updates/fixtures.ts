/** A latest.yml as electron-builder writes it, with SHA-512s of the given installer bytes. */
import { createHash } from 'node:crypto';

export const sha512 = (bytes: Uint8Array | string) => createHash('sha512').update(bytes).digest('base64');

export function latestYml(version: string, installer: Uint8Array | string, extra = ''): string {
  const name = `VanThu-Setup-${version}.exe`;
  const size = typeof installer === 'string' ? Buffer.byteLength(installer) : installer.length;
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${name}`,
    `    sha512: ${sha512(installer)}`,
    `    size: ${size}`,
    '    isAdminRightsRequired: false',
    `path: ${name}`,
    `sha512: ${sha512(installer)}`,
    "releaseDate: '2026-12-01T08:00:00.000Z'",
    extra,
  ]
    .filter(Boolean)
    .join('\n')
    .concat('\n');
}
