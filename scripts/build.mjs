// Builds every bundle: main, preload (one sandbox-safe file), development host and CLI with
// esbuild; the renderer with Vite. `node scripts/build.mjs [main|renderer|server|bench]` builds one
// part (`bench`: the benchmarks, bundled like the app, so their memory figures are the app's and
// not a development loader's).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const only = process.argv[2];
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));

// Native addons, Electron and ESM-only pdf.js stay outside the bundles and load at run time.
const external = [
  'electron',
  'better-sqlite3',
  'better-sqlite3-multiple-ciphers',
  'pdfjs-dist',
  'electron-updater',
  'pkcs11js',
  // The inbox server's databases: PGlite carries its WebAssembly files, pg its optional natives.
  '@electric-sql/pglite',
  'pg',
];

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external,
  define: { __VANTHU_VERSION__: JSON.stringify(pkg.version) },
};

if (!only || only === 'main' || only === 'server') {
  const bundles = [
    { ...common, entryPoints: ['src-main/electron/main.ts'], outfile: 'dist/main/main.cjs' },
    // The preload runs sandboxed: it may require only 'electron', so everything is inlined.
    {
      ...common,
      entryPoints: ['src-main/electron/preload.ts'],
      outfile: 'dist/main/preload.cjs',
      external: ['electron'],
    },
    { ...common, entryPoints: ['src-main/host/main.ts'], outfile: 'dist/host/host.cjs' },
    { ...common, entryPoints: ['src-main/cli/main.ts'], outfile: 'dist/cli/vanthu.cjs' },
    // Token work runs in its own process beside each program, so a crashing vendor library
    // cannot take the app or the CLI down.
    { ...common, entryPoints: ['src-main/core/keys/token-worker.ts'], outfile: 'dist/cli/token-worker.cjs' },
    { ...common, entryPoints: ['src-main/core/keys/token-worker.ts'], outfile: 'dist/main/token-worker.cjs' },
    // The reference inbox server (its migrations are copied beside it, below).
    { ...common, entryPoints: ['src-server/main.ts'], outfile: 'dist/server/server.cjs' },
  ];
  // `server` builds the inbox server alone (npm run server).
  const wanted = only === 'server' ? bundles.filter((b) => b.outfile.startsWith('dist/server/')) : bundles;
  await Promise.all(wanted.filter((b) => fs.existsSync(b.entryPoints[0])).map((b) => build(b)));
  if (fs.existsSync('src-server/migrations')) {
    // Copied aside, then swapped in: a server starting meanwhile never sees half of them.
    const staging = `dist/server/migrations.${process.pid}`;
    fs.cpSync('src-server/migrations', staging, { recursive: true });
    fs.rmSync('dist/server/migrations', { recursive: true, force: true });
    fs.renameSync(staging, 'dist/server/migrations');
  }
}
if (only === 'bench') {
  const benches = fs.readdirSync('bench').filter((f) => f.endsWith('.bench.ts'));
  await Promise.all(
    benches.map((f) =>
      build({ ...common, entryPoints: [`bench/${f}`], outfile: `dist/bench/${f.replace(/\.bench\.ts$/, '.cjs')}` }),
    ),
  );
}
if (!only || only === 'renderer') {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
}
