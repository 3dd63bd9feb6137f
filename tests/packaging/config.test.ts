/**
 * electron-builder.yml, read and validated by electron-builder's own loader (its JSON schema
 * catches a misspelt key), declares what issue 7 asks of the installers: the fuses, NSIS for
 * both install modes, an MSI for group policy, native modules rebuilt for Electron. The pack
 * test proves the effect on a packed app; this one keeps the declarations from drifting, in
 * well under a second.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './pack-app';
import { REQUIRED_FUSES } from './required-fuses';

let config: Configuration;

beforeAll(async () => {
  config = await getConfig(ROOT, null, null);
  const quietLogger = { isEnabled: false, data: new Map(), add: () => undefined, save: async () => undefined };
  await validateConfiguration(config, quietLogger as unknown as Parameters<typeof validateConfiguration>[1]);
});

const targets = () => (config.win?.target ?? []) as Array<{ target: string; arch?: string[] }>;

describe('electron-builder.yml', () => {
  it('sets every fuse issue 7 requires', () => {
    expect(config.electronFuses).toMatchObject(REQUIRED_FUSES);
  });

  it('builds one NSIS installer offering per-user and per-machine installs, for x64', () => {
    expect(targets()).toContainEqual({ target: 'nsis', arch: ['x64'] });
    // oneClick false + perMachine false = the assisted installer's "only me / all users" page.
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    expect(config.nsis?.deleteAppDataOnUninstall).toBe(false);
  });

  it('builds a per-machine MSI for group-policy deployment, with a fixed upgrade code', () => {
    expect(targets()).toContainEqual({ target: 'msi', arch: ['x64'] });
    expect(config.msi).toMatchObject({ perMachine: true });
    expect(config.msi?.upgradeCode).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    // NSIS and MSI artifacts must not overwrite each other in release/.
    expect(config.msi?.artifactName).not.toBe(config.nsis?.artifactName);
  });

  it('rebuilds native modules for Electron while packaging, and keeps them out of app.asar', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        'node_modules/better-sqlite3-multiple-ciphers/**/*.node',
        'node_modules/pkcs11js/**/*.node',
      ]),
    );
    expect(config.asar ?? true).toBe(true);
  });

  it('packs no source maps', () => {
    // The loader normalises `files` to [{ filter: [...] }].
    const patterns = (config.files as Array<string | { filter?: string[] }>).flatMap((f) =>
      typeof f === 'string' ? [f] : (f.filter ?? []),
    );
    expect(patterns).toContain('!**/*.map');
  });

  it('never rebuilds native modules for Electron on install (they stay built for Node here)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare'].map((s) => pkg.scripts?.[s] ?? '');
    expect(lifecycle.join(' ')).not.toMatch(/install-app-deps|electron-rebuild|@electron\/rebuild/);
    expect(pkg.scripts.dist).toMatch(/electron-builder --win --x64/);
  });
});
