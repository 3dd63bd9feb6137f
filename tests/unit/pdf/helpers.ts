/** Shared set-up of the signature tests: the test PKI, signers, and poppler's NSS database. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeTestPki, type LeafName, type TestPki } from '../../fixtures/pki';
import { openP12 } from '../../../src-main/core/keys/p12';
import type { Signer } from '../../../src-main/core/keys/signer';

export const PKI_DIR = path.join(os.tmpdir(), 'vanthu-test-pki');

export function tmp(prefix = 'vanthu-pdf-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function pki(): Promise<TestPki> {
  return makeTestPki(PKI_DIR);
}

export async function signerFor(p: TestPki, leaf: LeafName): Promise<Signer> {
  return openP12(fs.readFileSync(p.leaves[leaf].p12File), p.leaves[leaf].p12Password);
}

/** An NSS database trusting the test root, holding `person`'s key for pdfsig -add-signature. */
export function nssDatabase(p: TestPki): string {
  const dir = tmp('vanthu-nss-');
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'vanthu-test-root', '-t', 'C,C,C', '-i', p.root.file]);
  execFileSync('pk12util', [
    '-i',
    p.leaves.person.p12File,
    '-d',
    `sql:${dir}`,
    '-W',
    p.leaves.person.p12Password,
    '-K',
    '',
  ]);
  return dir;
}

export interface PdfsigSignature {
  valid: boolean;
  trusted: boolean;
  raw: string;
}

/** pdfsig exits 0 even for invalid signatures: its output is what counts. */
export function pdfsig(nss: string, file: string): PdfsigSignature[] {
  let out: string;
  try {
    out = execFileSync('pdfsig', ['-nssdir', `sql:${nss}`, file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    out = String((e as { stdout?: string }).stdout ?? '');
  }
  return out
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      valid: /Signature Validation: Signature is Valid\./.test(block),
      trusted: /Certificate Validation: Certificate is Trusted\./.test(block),
      raw: block,
    }));
}

export function qpdfCheck(file: string): string {
  try {
    return execFileSync('qpdf', ['--check', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    return `FAILED: ${String((e as { stdout?: string }).stdout ?? '')}${String((e as { stderr?: string }).stderr ?? '')}`;
  }
}

export function write(dir: string, name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}
