/**
 * What the built main-process bundles load at run time: esbuild inlines everything except the
 * externals of scripts/build.mjs, which stay as require("x") or import("x") calls in the output.
 * Node built-ins and 'electron' (the runtime itself) are not packages to ship.
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';

const CALL = /\b(?:require|import)\(\s*["']([^"'./][^"']*)["']\s*\)/g;

export function externalRequires(bundleSource: string): string[] {
  const found = new Set<string>();
  for (const [, specifier] of bundleSource.matchAll(CALL)) {
    const bare = specifier!.replace(/^node:/, '');
    if (specifier!.startsWith('node:') || builtinModules.includes(bare.split('/')[0]!)) continue;
    if (bare === 'electron') continue;
    found.add(specifier!);
  }
  return [...found].sort();
}

/** The package a specifier names: 'pdfjs-dist/legacy/build/pdf.mjs' -> 'pdfjs-dist'. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

export function bundleExternals(files: string[]): Map<string, string[]> {
  return new Map(files.map((file) => [file, externalRequires(fs.readFileSync(file, 'utf8'))]));
}
