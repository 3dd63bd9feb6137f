/**
 * The packaging configuration, checked the way ../shared/ARCHITECTURE.md "Done here, and done on
 * Windows" asks: electron-builder packs the app directory for Windows against a stand-in
 * Electron, and the packed app is inspected. It must hold every package the main-process
 * bundles load (and what those packages need), the native addons beside app.asar, and nothing
 * of the sources, tests, development host or source maps; the executable must carry the fuses
 * and the asar integrity hash. About 15 s, most of it electron-builder.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { extractAll, getRawHeader, listPackage, statFile } from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { FuseState } from '@electron/fuses/dist/constants';
import { NtExecutable, NtExecutableResource } from 'resedit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleExternals, packageName } from './bundle-requires';
import { ROOT, packWithStandIn, type PackedApp } from './pack-app';
import { FUSE_WIRE_POSITION, REQUIRED_FUSES } from './required-fuses';

let workDir: string;
let packed: PackedApp;
/** app.asar extracted (unpacked files included), where Node resolves as Electron would. */
let extracted: string;
/** Every path in app.asar, '/'-separated and without the leading slash. */
let entries: string[];

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-pack-'));
  packed = await packWithStandIn(workDir);
  entries = listPackage(packed.asar, { isPack: false }).map((p) => p.replaceAll('\\', '/').replace(/^\//, ''));
  extracted = path.join(workDir, 'app');
  extractAll(packed.asar, extracted);
}, 240_000);

afterAll(() => {
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

const MAIN_BUNDLES = ['dist/main/main.cjs', 'dist/main/preload.cjs', 'dist/main/token-worker.cjs'];

describe('the app packed by electron-builder against a stand-in Electron', () => {
  it('holds the main bundles, the renderer, every migration and the runtime resources', () => {
    const expected = [
      'package.json',
      ...MAIN_BUNDLES,
      'dist/renderer/index.html',
      'resources/pkcs11-modules.json',
      ...fs.readdirSync(path.join(ROOT, 'migrations')).map((f) => `migrations/${f}`),
    ];
    for (const file of expected) expect(entries, file).toContain(file);
    const packedPackage = JSON.parse(fs.readFileSync(path.join(extracted, 'package.json'), 'utf8'));
    expect(packedPackage.main).toBe('dist/main/main.cjs');
  });

  it('holds no sources, tests, development host, CLI, inbox server or source maps', () => {
    const forbidden = [
      /^src-/,
      /^tests\//,
      /^bench\//,
      /^scripts\//,
      /^bin\//,
      /^docs\//,
      /^security\//,
      /^dist\/(host|cli|server|bench)\//,
      /\.map$/,
      /\.tsx?$/,
      // Development tools and the inbox server's databases.
      /^node_modules\/(electron|electron-builder|app-builder-lib|vitest|vite|esbuild|typescript|tsx|@playwright|@doyensec|@electric-sql|pg)\//,
    ];
    const offending = entries.filter((entry) => forbidden.some((re) => re.test(entry)));
    expect(offending).toEqual([]);
  });

  it('holds every package the main bundles require, and the packages those depend on', () => {
    const externals = bundleExternals(MAIN_BUNDLES.map((b) => path.join(extracted, b)));
    const all = [...externals.values()].flat();
    // What scripts/build.mjs leaves out of the bundles today; a new one is checked the same way.
    expect(all).toEqual(
      expect.arrayContaining(['better-sqlite3-multiple-ciphers', 'pkcs11js', 'pdfjs-dist/legacy/build/pdf.mjs']),
    );
    const missing: string[] = [];
    const seen = new Set<string>();
    for (const [bundle, specifiers] of externals) {
      const requireFromBundle = createRequire(bundle);
      for (const specifier of specifiers) {
        let resolved: string;
        try {
          resolved = requireFromBundle.resolve(specifier);
        } catch {
          missing.push(`${specifier} (required by ${path.relative(extracted, bundle)})`);
          continue;
        }
        if (!resolved.startsWith(extracted + path.sep))
          missing.push(`${specifier} resolves outside the app: ${resolved}`);
        missing.push(...missingDependencies(packageDir(bundle, packageName(specifier)), seen));
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps the native addons unpacked beside app.asar, where Electron can load them', () => {
    const addons = entries.filter((e) => e.endsWith('.node'));
    expect(addons).toEqual(
      expect.arrayContaining([
        'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node',
        'node_modules/pkcs11js/build/Release/pkcs11.node',
      ]),
    );
    for (const addon of addons) {
      expect(statFile(packed.asar, addon), addon).toMatchObject({ unpacked: true });
      expect(fs.existsSync(path.join(packed.resourcesDir, 'app.asar.unpacked', addon)), addon).toBe(true);
    }
  });

  it('loads the packed native and external packages from the packed tree alone', () => {
    // Built for Node here (not rebuilt for Electron), so plain Node can load them: proof that
    // the packed JavaScript, its dependencies and the addon binary fit together.
    const script = `
      const Database = require('better-sqlite3-multiple-ciphers');
      const db = new Database(':memory:');
      if (db.prepare('select 40 + 2 as n').get().n !== 42) throw new Error('sqlite');
      if (typeof require('better-sqlite3') !== 'function') throw new Error('better-sqlite3 shim');
      if (typeof require('pkcs11js').PKCS11 !== 'function') throw new Error('pkcs11js');
      import('pdfjs-dist/legacy/build/pdf.mjs').then((pdf) => {
        if (typeof pdf.getDocument !== 'function') throw new Error('pdfjs');
        console.log('loaded');
      });`;
    const env = { ...process.env };
    delete env.NODE_PATH;
    const out = execFileSync(process.execPath, ['-e', script], { cwd: path.join(extracted, 'dist/main'), env });
    expect(out.toString().trim()).toBe('loaded');
  });

  it('flips the fuses in the packed executable as required', async () => {
    const wire = await getCurrentFuseWire(packed.executable);
    for (const [name, wanted] of Object.entries(REQUIRED_FUSES)) {
      const position = FUSE_WIRE_POSITION[name as keyof typeof REQUIRED_FUSES];
      expect(wire[position], name).toBe(wanted ? FuseState.ENABLE : FuseState.DISABLE);
    }
  });

  it("embeds app.asar's header hash in the executable, for asar integrity validation", () => {
    const exe = NtExecutable.from(fs.readFileSync(packed.executable));
    const entry = NtExecutableResource.from(exe).entries.find((e) => e.type === 'INTEGRITY' && e.id === 'ELECTRONASAR');
    expect(entry).toBeDefined();
    const integrity = JSON.parse(Buffer.from(entry!.bin).toString('utf8'));
    const header = getRawHeader(packed.asar).headerString;
    expect(integrity).toEqual([
      { file: 'resources\\app.asar', alg: 'SHA256', value: createHash('sha256').update(header).digest('hex') },
    ]);
  });
});

/** Where Node finds package `name` from `fromDir`: the nearest node_modules/<name> above it. */
function packageDir(fromFile: string, name: string): string | null {
  for (let dir = path.dirname(fromFile); dir.startsWith(extracted); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
  }
  return null;
}

/**
 * The dependencies of the package in `dir` that the packed tree lacks, recursively. Optional
 * dependencies count when they are installed in the project (pdf.js's canvas): those the
 * project has must ship too.
 */
function missingDependencies(dir: string | null, seen: Set<string>): string[] {
  if (dir === null || seen.has(dir)) return [];
  seen.add(dir);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const names = [
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.optionalDependencies ?? {}).filter((name) =>
      fs.existsSync(path.join(ROOT, 'node_modules', name, 'package.json')),
    ),
  ];
  const missing: string[] = [];
  for (const name of new Set(names)) {
    const found = packageDir(path.join(dir, 'package.json'), name);
    if (found === null) missing.push(`${name} (a dependency of ${path.relative(extracted, dir)})`);
    else missing.push(...missingDependencies(found, seen));
  }
  return missing;
}
