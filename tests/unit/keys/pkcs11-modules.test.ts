import { describe, expect, it } from 'vitest';
import {
  MESSAGES,
  type MiniFs,
  PKCS11_CANDIDATES,
  expandWindowsPath,
  findPkcs11Modules,
  peArchitecture,
  windowsEnvFromProcess,
} from '../../../src-main/core/keys/pkcs11-modules';

/** The first bytes of a PE file: "MZ", e_lfanew at 0x3c, then "PE\0\0" and the machine. */
function peHeader(machine: number, peOffset = 0x80): Uint8Array {
  const bytes = new Uint8Array(4096);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x4d;
  bytes[1] = 0x5a;
  view.setUint32(0x3c, peOffset, true);
  bytes.set([0x50, 0x45, 0, 0], peOffset);
  view.setUint16(peOffset + 4, machine, true);
  return bytes;
}

/** A Windows-like file system: case-insensitive paths. */
function fakeFs(files: Record<string, Uint8Array>): MiniFs & { reads: string[] } {
  const byKey = new Map(Object.entries(files).map(([k, v]) => [k.toLowerCase(), v]));
  const reads: string[] = [];
  return {
    reads,
    existsSync: (file) => byKey.has(file.toLowerCase()),
    readHeadSync(file, bytes) {
      reads.push(file);
      const data = byKey.get(file.toLowerCase());
      if (!data) throw new Error('ENOENT');
      return data.subarray(0, bytes);
    },
  };
}

const ENV = { windir: 'C:\\Windows', programFiles: 'C:\\Program Files', programFilesX86: 'C:\\Program Files (x86)' };

describe('peArchitecture', () => {
  it('reads the machine field', () => {
    expect(peArchitecture(peHeader(0x8664))).toBe('x64');
    expect(peArchitecture(peHeader(0x014c))).toBe('x86');
    expect(peArchitecture(peHeader(0x014c, 0xe8))).toBe('x86');
    expect(peArchitecture(peHeader(0xaa64))).toBe('unknown'); // ARM64
  });

  it('says unknown for anything that is not a PE header', () => {
    expect(peArchitecture(new Uint8Array(0))).toBe('unknown');
    expect(peArchitecture(new TextEncoder().encode('#!/bin/sh\n'.padEnd(200, ' ')))).toBe('unknown'); // no MZ
    const far = peHeader(0x8664);
    new DataView(far.buffer).setUint32(0x3c, 10_000, true); // PE header beyond what was read
    expect(peArchitecture(far)).toBe('unknown');
    const noPe = peHeader(0x8664);
    noPe[0x80] = 0x4e; // "NE": a 16-bit file
    expect(peArchitecture(noPe)).toBe('unknown');
  });
});

describe('findPkcs11Modules', () => {
  it('reports installed libraries with their architecture, once each', () => {
    const fs = fakeFs({
      'C:\\Windows\\System32\\eTPKCS11.dll': peHeader(0x8664),
      'C:\\WINDOWS\\SysWOW64\\eps2003csp11.dll': peHeader(0x014c), // only the 32-bit library
      'C:\\Program Files (x86)\\Gemalto\\IDGo 800 PKCS#11\\IDPrimePKCS11.dll': peHeader(0x014c),
      'C:\\Windows\\System32\\BkavCA.dll': new TextEncoder().encode('not a dll'),
    });
    const found = findPkcs11Modules(fs, ENV);

    expect(found.map((m) => [m.path, m.arch, m.usable])).toEqual([
      ['C:\\Windows\\System32\\eTPKCS11.dll', 'x64', true],
      ['C:\\Windows\\System32\\BkavCA.dll', 'unknown', false],
      ['C:\\Program Files (x86)\\Gemalto\\IDGo 800 PKCS#11\\IDPrimePKCS11.dll', 'x86', false],
      ['C:\\Windows\\SysWOW64\\eps2003csp11.dll', 'x86', false],
    ]);
    const safenet = found[0]!;
    expect(safenet.vendor).toContain('SafeNet');
    expect(safenet.source).toMatch(/^https:\/\//);
    expect(safenet.problem).toBeUndefined();
    expect(found[3]!.problem).toBe(MESSAGES.x86);
    expect(found[3]!.problem).toContain('Thư viện 32-bit, không dùng được với VanThu 64-bit');
    expect(found[1]!.problem).toBe(MESSAGES.unknown);
    // eTPKCS11.dll is listed under several vendors but read once.
    expect(fs.reads.filter((r) => r.toLowerCase().endsWith('etpkcs11.dll'))).toHaveLength(1);
  });

  it('skips paths whose folder is not known, and finds nothing on an empty PC', () => {
    const fs = fakeFs({ 'C:\\Program Files\\Gemalto\\Classic Client\\BIN\\gclib.dll': peHeader(0x8664) });
    expect(findPkcs11Modules(fs, { windir: 'C:\\Windows' })).toEqual([]);
    expect(findPkcs11Modules(fs, { ...ENV, programFiles: 'D:\\Apps' })).toEqual([]);
    expect(findPkcs11Modules(fs, ENV).map((m) => m.vendor)).toEqual(['Gemalto Classic Client']);
  });

  it('treats an unreadable file as unknown rather than failing', () => {
    const fs: MiniFs = {
      existsSync: (p) => p.endsWith('eTPKCS11.dll'),
      readHeadSync: () => {
        throw new Error('EACCES');
      },
    };
    const found = findPkcs11Modules(fs, ENV);
    expect(found[0]).toMatchObject({ arch: 'unknown', usable: false });
  });
});

describe('the candidate list', () => {
  it('gives every vendor sourced Windows paths with known placeholders only', () => {
    expect(PKCS11_CANDIDATES.length).toBeGreaterThan(3);
    for (const c of PKCS11_CANDIDATES) {
      expect(c.source).toMatch(/https:\/\//);
      for (const p of c.paths) {
        expect(p).toMatch(/^%(WINDIR|PROGRAMFILES|PROGRAMFILES\(X86\))%\\.+\.dll$/);
        expect(expandWindowsPath(p, ENV)).toMatch(/^C:\\/);
      }
    }
  });

  it('expands placeholders the way Windows names them', () => {
    expect(expandWindowsPath('%SystemRoot%\\System32\\x.dll', ENV)).toBe('C:\\Windows\\System32\\x.dll');
    expect(expandWindowsPath('%ProgramFiles(x86)%\\A\\b.dll', ENV)).toBe('C:\\Program Files (x86)\\A\\b.dll');
    expect(expandWindowsPath('%PROGRAMDATA%\\b.dll', ENV)).toBeNull();
    expect(
      windowsEnvFromProcess({
        SystemRoot: 'C:\\WINDOWS',
        ProgramW6432: 'C:\\Program Files',
        'ProgramFiles(x86)': 'C:\\PF86',
      }),
    ).toEqual({ windir: 'C:\\WINDOWS', programFiles: 'C:\\Program Files', programFilesX86: 'C:\\PF86' });
  });
});
