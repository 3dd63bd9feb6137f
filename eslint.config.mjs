// Lint: TypeScript's recommended rules, and the arrows of the house plan
// (../shared/ARCHITECTURE.md "Arrows that may exist") as import restrictions per folder.
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'worker_threads',
  'stream',
];

const forbid = (...groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }],
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'src-main/core/db/sqlite-shim/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: forbid(
      [['electron', ...nodeBuiltins], 'src-shared is pure: no Node, no Electron'],
      [
        ['react', 'react-dom', '**/src-main/**', '**/src-renderer/**', '**/src-server/**'],
        'src-shared imports nothing but itself and zod',
      ],
    ),
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: forbid(
      [['electron', ...nodeBuiltins], 'the renderer runs sandboxed in a browser: no Node, no Electron'],
      [
        ['**/src-main/**', '**/src-server/**'],
        'the renderer knows main only through the typed client of src-shared/ipc',
      ],
    ),
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: forbid(
      [['electron'], 'core never imports electron: it must run under plain Node (CLI, host, tests)'],
      [
        ['**/electron/**', '**/host/**', '**/cli/**', '**/src-renderer/**'],
        'core is imported by electron/, host/ and cli/, never the other way',
      ],
    ),
  },
  {
    files: ['src-main/host/**/*.ts', 'src-main/cli/**/*.ts'],
    rules: forbid(
      [['electron'], 'only src-main/electron imports electron'],
      [['**/electron/**', '**/src-renderer/**'], 'host and cli use core and shared only'],
    ),
  },
  {
    files: ['src-main/electron/**/*.ts'],
    rules: forbid([['**/host/**', '**/cli/**', '**/src-renderer/**'], 'electron/ uses core and shared only']),
  },
  {
    files: ['src-server/**/*.ts'],
    rules: forbid([
      ['electron', '**/src-main/**', '**/src-renderer/**', '**/tests/**'],
      'the server shares only src-shared with the app (and uses Node and npm packages)',
    ]),
  },
  {
    files: ['**/*.cjs', 'bin/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
