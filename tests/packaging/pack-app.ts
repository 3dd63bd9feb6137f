/**
 * Packs the app directory with electron-builder, from electron-builder.yml, for Windows x64
 * (the `dir` target: the unpacked app, no installer), against the stand-in Electron. The only
 * overrides are what this machine cannot do: download Electron, and rebuild the native modules
 * for Electron's ABI (they stay built for Node, which the load check below relies on).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Arch, Platform, build } from 'electron-builder';
import { writeStandInElectron } from './stand-in-electron';

export const ROOT = path.resolve(__dirname, '../..');

export interface PackedApp {
  appOutDir: string;
  resourcesDir: string;
  asar: string;
  executable: string;
}

export async function packWithStandIn(workDir: string): Promise<PackedApp> {
  const electronPackage = path.join(ROOT, 'node_modules/electron/package.json');
  const electronVersion = (JSON.parse(fs.readFileSync(electronPackage, 'utf8')) as { version: string }).version;
  const electronDist = path.join(workDir, 'electron-dist');
  writeStandInElectron(electronDist, electronVersion);
  const output = path.join(workDir, 'release');
  await build({
    projectDir: ROOT,
    targets: Platform.WINDOWS.createTarget('dir', Arch.x64),
    publish: 'never',
    // Merged over electron-builder.yml, which stays the configuration under test.
    config: { electronDist, npmRebuild: false, directories: { output } },
  });
  const appOutDir = path.join(output, 'win-unpacked');
  const resourcesDir = path.join(appOutDir, 'resources');
  return {
    appOutDir,
    resourcesDir,
    asar: path.join(resourcesDir, 'app.asar'),
    executable: path.join(appOutDir, 'VanThu.exe'),
  };
}
