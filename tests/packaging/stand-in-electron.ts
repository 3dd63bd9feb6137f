/**
 * A stand-in for Electron's Windows distribution, so electron-builder can pack the app here
 * without downloading Electron. The executable is a real (empty) PE file, because
 * electron-builder edits its resources with resedit (version strings, the asar integrity hash);
 * it carries a fuse wire with Electron's defaults, so the fuses electron-builder flips can be
 * read back afterwards exactly as on the real binary.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants';
import { NtExecutable, NtExecutableResource, Resource } from 'resedit';

/** Wire version 1, eight fuses, in FuseV1Options order, set as a stock Electron 41 ships them. */
const STOCK_FUSES = [
  FuseState.ENABLE, // RunAsNode
  FuseState.DISABLE, // EnableCookieEncryption
  FuseState.ENABLE, // EnableNodeOptionsEnvironmentVariable
  FuseState.ENABLE, // EnableNodeCliInspectArguments
  FuseState.DISABLE, // EnableEmbeddedAsarIntegrityValidation
  FuseState.DISABLE, // OnlyLoadAppFromAsar
  FuseState.DISABLE, // LoadBrowserProcessSpecificV8Snapshot
  FuseState.ENABLE, // GrantFileProtocolExtraPrivileges
];

export function writeStandInElectron(dir: string, electronVersion: string): void {
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'locales'), { recursive: true });
  const exe = NtExecutable.createEmpty(false, false);
  const resources = NtExecutableResource.from(exe);
  // electron-builder writes the asar hash under the executable's one version-info language.
  const versionInfo = Resource.VersionInfo.createEmpty();
  versionInfo.lang = 1033;
  versionInfo.setStringValues({ lang: 1033, codepage: 1200 }, { ProductName: 'Electron', FileDescription: 'stand-in' });
  versionInfo.outputToResourceEntries(resources.entries);
  resources.outputResource(exe);
  // Kept as the file's trailing data, which resedit preserves when it rewrites the resources.
  exe.setExtraData(Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, STOCK_FUSES.length, ...STOCK_FUSES])]));
  fs.writeFileSync(path.join(dir, 'electron.exe'), Buffer.from(exe.generate()));
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'stand-in for the Electron license\n');
  fs.writeFileSync(path.join(dir, 'version'), electronVersion);
  fs.writeFileSync(path.join(dir, 'locales', 'vi.pak'), '');
  fs.writeFileSync(path.join(dir, 'locales', 'en-US.pak'), '');
}
