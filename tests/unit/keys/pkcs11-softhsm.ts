/**
 * SoftHSM2 tokens made by the tests themselves: a fresh token directory and SOFTHSM2_CONF, then
 * the test PKI's `person` (RSA, CKA_ID 01) and `organisation` (ECDSA P-256, CKA_ID 02) keys and
 * certificates, plus the intermediate CA certificate (03) as tokens from Vietnamese CAs carry it.
 * Needs Debian's softhsm2, opensc (pkcs11-tool) and openssl (scripts/install-system-packages.sh).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestPki } from '../../fixtures/pki';

export const TOKEN_PIN = '123456';
export const TOKEN_SO_PIN = '12345678';
export const TOKEN_LABEL = 'vanthu-test';

const MODULE_CANDIDATES = [
  '/usr/lib/softhsm/libsofthsm2.so',
  '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so',
];

export const SOFTHSM_MODULE = MODULE_CANDIDATES.find((m) => fs.existsSync(m)) ?? MODULE_CANDIDATES[0]!;

export interface SoftToken {
  dir: string;
  /** For whatever loads the module (the token worker inherits its parent's environment). */
  env: { SOFTHSM2_CONF: string };
}

export function makeSoftToken(p: TestPki): SoftToken {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-softhsm-'));
  const tokens = path.join(dir, 'tokens');
  fs.mkdirSync(tokens);
  const conf = path.join(dir, 'softhsm2.conf');
  fs.writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const run = (cmd: string, args: string[]) =>
    execFileSync(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

  run('softhsm2-util', [
    '--init-token',
    '--free',
    '--label',
    TOKEN_LABEL,
    '--pin',
    TOKEN_PIN,
    '--so-pin',
    TOKEN_SO_PIN,
  ]);
  const write = (file: string, type: 'privkey' | 'cert', id: string, label: string) =>
    run('pkcs11-tool', [
      '--module',
      SOFTHSM_MODULE,
      '--login',
      '--pin',
      TOKEN_PIN,
      '--write-object',
      file,
      '--type',
      type,
      '--id',
      id,
      '--label',
      label,
    ]);
  const der = (kind: 'pkey' | 'x509', pem: string, out: string) => {
    const file = path.join(dir, out);
    const input = path.join(dir, `${out}.pem`);
    fs.writeFileSync(input, pem);
    run('openssl', [kind, '-in', input, '-outform', 'DER', '-out', file]);
    fs.rmSync(input);
    return file;
  };
  for (const [leaf, id] of [
    ['person', '01'],
    ['organisation', '02'],
  ] as const) {
    write(der('pkey', p.leaves[leaf].keyPem, `${leaf}.key.der`), 'privkey', id, leaf);
    write(der('x509', p.leaves[leaf].certPem, `${leaf}.cert.der`), 'cert', id, leaf);
  }
  write(p.intermediate.derFile, 'cert', '03', 'CA trung gian');
  return { dir, env: { SOFTHSM2_CONF: conf } };
}
