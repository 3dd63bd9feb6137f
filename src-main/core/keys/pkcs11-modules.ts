/**
 * Finds the PKCS#11 libraries of USB tokens installed on a Windows PC, from the sourced list in
 * resources/pkcs11-modules.json, and says whether each can be loaded by VanThu.
 *
 * VanThu is a 64-bit process and can only load 64-bit DLLs. Several token vendors long shipped
 * 32-bit libraries only, so each file's PE header is read: a 32-bit library is reported with a
 * plain message instead of failing later with "not a valid Win32 application".
 *
 * The file system is injected (existsSync + read of the first bytes) so this is tested on Linux.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import candidatesJson from '../../../resources/pkcs11-modules.json';

export interface MiniFs {
  existsSync(file: string): boolean;
  /** Up to `bytes` bytes from the start of the file. */
  readHeadSync(file: string, bytes: number): Uint8Array;
}

export interface WindowsEnv {
  windir?: string;
  programFiles?: string;
  programFilesX86?: string;
}

export type PeArchitecture = 'x64' | 'x86' | 'unknown';

export interface FoundModule {
  vendor: string;
  path: string;
  arch: PeArchitecture;
  source: string;
  /** Loadable by 64-bit VanThu. */
  usable: boolean;
  /** Why not, for the clerk. */
  problem?: string;
}

const Candidate = z.object({
  vendor: z.string().min(1),
  paths: z.array(z.string().min(1)).min(1),
  source: z.string().min(1),
  note: z.string().optional(),
});
export type Pkcs11Candidate = z.infer<typeof Candidate>;

export const PKCS11_CANDIDATES: readonly Pkcs11Candidate[] = z
  .object({ modules: z.array(Candidate) })
  .parse(candidatesJson).modules;

export const MESSAGES = {
  x86: 'Thư viện 32-bit, không dùng được với VanThu 64-bit. Hãy cài bản 64-bit của phần mềm token do nhà cung cấp phát hành.',
  unknown: 'Không nhận ra đây là thư viện Windows 64-bit. Hãy cài lại phần mềm token do nhà cung cấp phát hành.',
} as const;

const HEAD_BYTES = 4096;

/**
 * The machine a PE file (DLL/EXE) is built for, from its COFF header: 0x8664 x64, 0x14c x86.
 * Anything else (ARM64, a truncated or non-PE file) is 'unknown'.
 */
export function peArchitecture(firstBytes: Uint8Array): PeArchitecture {
  if (firstBytes.length < 0x40 || firstBytes[0] !== 0x4d || firstBytes[1] !== 0x5a) return 'unknown'; // "MZ"
  const view = new DataView(firstBytes.buffer, firstBytes.byteOffset, firstBytes.byteLength);
  const peOffset = view.getUint32(0x3c, true);
  if (peOffset + 6 > firstBytes.length) return 'unknown';
  if (view.getUint32(peOffset, true) !== 0x00004550) return 'unknown'; // "PE\0\0"
  const machine = view.getUint16(peOffset + 4, true);
  if (machine === 0x8664) return 'x64';
  if (machine === 0x014c) return 'x86';
  return 'unknown';
}

/** Expands %WINDIR% (or %SystemRoot%), %PROGRAMFILES% and %PROGRAMFILES(X86)%; null if one is unknown. */
export function expandWindowsPath(template: string, env: WindowsEnv): string | null {
  let missing = false;
  const out = template.replace(/%([A-Za-z0-9()_ ]+)%/g, (_, name: string) => {
    const key = name.toUpperCase();
    const value =
      key === 'WINDIR' || key === 'SYSTEMROOT'
        ? env.windir
        : key === 'PROGRAMFILES'
          ? env.programFiles
          : key === 'PROGRAMFILES(X86)'
            ? env.programFilesX86
            : undefined;
    if (!value) missing = true;
    return value ?? '';
  });
  return missing ? null : path.win32.normalize(out);
}

/**
 * The 32-bit twin of a System32 path. Listed so a clerk with only the 32-bit library installed is
 * told so, not just "no token software found".
 */
function sysWow64Twin(file: string, env: WindowsEnv): string | null {
  if (!env.windir) return null;
  const system32 = path.win32.join(env.windir, 'System32') + '\\';
  if (!file.toLowerCase().startsWith(system32.toLowerCase())) return null;
  return path.win32.join(env.windir, 'SysWOW64', file.slice(system32.length));
}

export function findPkcs11Modules(
  miniFs: MiniFs,
  env: WindowsEnv,
  candidates: readonly Pkcs11Candidate[] = PKCS11_CANDIDATES,
): FoundModule[] {
  const seen = new Set<string>();
  const found: FoundModule[] = [];
  for (const candidate of candidates) {
    for (const template of candidate.paths) {
      const file = expandWindowsPath(template, env);
      if (!file) continue;
      const twin = sysWow64Twin(file, env);
      for (const p of twin ? [file, twin] : [file]) {
        const key = p.toLowerCase(); // Windows paths are case-insensitive
        if (seen.has(key)) continue;
        seen.add(key);
        if (!miniFs.existsSync(p)) continue;
        let arch: PeArchitecture = 'unknown';
        try {
          arch = peArchitecture(miniFs.readHeadSync(p, HEAD_BYTES));
        } catch {
          // unreadable: reported as unknown
        }
        const module: FoundModule = {
          vendor: candidate.vendor,
          path: p,
          arch,
          source: candidate.source,
          usable: arch === 'x64',
        };
        if (arch !== 'x64') module.problem = arch === 'x86' ? MESSAGES.x86 : MESSAGES.unknown;
        found.push(module);
      }
    }
  }
  return found;
}

/** The real file system. */
export const nodeMiniFs: MiniFs = {
  existsSync: (file) => fs.existsSync(file),
  readHeadSync(file, bytes) {
    const fd = fs.openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      const n = fs.readSync(fd, buffer, 0, bytes, 0);
      return new Uint8Array(buffer.subarray(0, n));
    } finally {
      fs.closeSync(fd);
    }
  },
};

/** The folders from the process environment (names as Windows sets them). */
export function windowsEnvFromProcess(env: NodeJS.ProcessEnv = process.env): WindowsEnv {
  const pick = (...names: string[]): string | undefined => {
    for (const name of names) {
      const value = env[name];
      if (value) return value;
    }
    return undefined;
  };
  const out: WindowsEnv = {};
  const windir = pick('WINDIR', 'windir', 'SystemRoot', 'SYSTEMROOT');
  const programFiles = pick('ProgramW6432', 'ProgramFiles', 'PROGRAMFILES');
  const programFilesX86 = pick('ProgramFiles(x86)', 'PROGRAMFILES(X86)');
  if (windir) out.windir = windir;
  if (programFiles) out.programFiles = programFiles;
  if (programFilesX86) out.programFilesX86 = programFilesX86;
  return out;
}
