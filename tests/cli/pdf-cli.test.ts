import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestPdf } from '../fixtures/pdf';
import { makeTestPki, type TestPki } from '../fixtures/pki';

const BIN = path.resolve(__dirname, '../../bin/vanthu.cjs');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-pdfcli-'));

function vanthu(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let p: TestPki;
let dir: string;
let trust: string;
let plain: string;

beforeAll(async () => {
  p = await makeTestPki(path.join(os.tmpdir(), 'vanthu-test-pki'));
  dir = tmp();
  trust = path.join(dir, 'trust');
  fs.mkdirSync(trust);
  fs.copyFileSync(p.root.file, path.join(trust, 'goc.crt'));
  plain = path.join(dir, 'plain.pdf');
  fs.writeFileSync(plain, makeTestPdf([['QUYET DINH']]));
}, 120_000);

describe('vanthu sign and vanthu verify', () => {
  it('signs with a .p12 and verifies with exit codes 0, 1, 2', () => {
    const signed = path.join(dir, 'signed.pdf');
    const sign = vanthu(
      [
        'sign',
        plain,
        '--out',
        signed,
        '--p12',
        p.leaves.person.p12File,
        '--pass-env',
        'P12_PASS',
        '--reason',
        'Phê duyệt',
      ],
      {
        P12_PASS: p.leaves.person.p12Password,
      },
    );
    expect(sign.stderr).toBe('');
    expect(sign.code).toBe(0);

    const ok = vanthu(['verify', signed, '--trust', trust]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^HỢP LỆ/);
    expect(ok.stdout).toMatch(/Nguyễn Văn Ánh/);
    const json = JSON.parse(vanthu(['verify', signed, '--trust', trust, '--json']).stdout) as { verdict: string };
    expect(json.verdict).toBe('valid');

    expect(vanthu(['verify', signed, '--data-dir', tmp()]).code).toBe(2); // no anchor: undecided
    const tampered = path.join(dir, 'tampered.pdf');
    const bytes = fs.readFileSync(signed);
    bytes.write('QUYET DINX', bytes.indexOf('QUYET DINH'), 'latin1');
    fs.writeFileSync(tampered, bytes);
    const bad = vanthu(['verify', tampered, '--trust', trust]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/DIGEST_MISMATCH/);

    expect(vanthu(['verify', plain, '--trust', trust]).code).toBe(2); // unsigned
    const garbage = path.join(dir, 'garbage.pdf');
    fs.writeFileSync(garbage, 'this is not a pdf');
    expect(vanthu(['verify', garbage]).code).toBe(2);
    expect(vanthu(['verify', path.join(dir, 'missing.pdf')]).code).toBe(2);
  });

  it('refuses a wrong password, and exits 64 on wrong usage', () => {
    const wrong = vanthu(
      ['sign', plain, '--out', path.join(dir, 'x.pdf'), '--p12', p.leaves.person.p12File, '--pass-env', 'P'],
      { P: 'sai' },
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Mật khẩu/);
    expect(fs.existsSync(path.join(dir, 'x.pdf'))).toBe(false);
    expect(vanthu(['verify']).code).toBe(64);
    expect(vanthu(['verify', plain, '--frobnicate']).code).toBe(64);
    expect(vanthu(['sign', plain]).code).toBe(64);
    expect(vanthu(['sign', plain, '--out', 'o.pdf', '--p12', 'k.p12', '--pass-env', 'UNSET_VARIABLE_X']).code).toBe(64);
  });
});

describe('vanthu trust', () => {
  it('adds an anchor only when the fingerprint matches; verify then uses it', () => {
    const dataDir = tmp();
    const signed = path.join(dir, 'for-trust.pdf');
    expect(
      vanthu(['sign', plain, '--out', signed, '--p12', p.leaves.person.p12File, '--pass-env', 'P'], {
        P: p.leaves.person.p12Password,
      }).code,
    ).toBe(0);
    const wrong = vanthu(['--data-dir', dataDir, 'trust', 'add', p.root.file, '--sha256', '00'.repeat(32)]);
    expect(wrong.code).toBe(1);
    expect(vanthu(['--data-dir', dataDir, 'verify', signed]).code).toBe(2);
    const colons = p.root.sha256.toUpperCase().match(/../g)!.join(':');
    expect(vanthu(['--data-dir', dataDir, 'trust', 'add', p.root.file, '--sha256', colons]).code).toBe(0);
    expect(vanthu(['--data-dir', dataDir, 'trust', 'list']).stdout).toContain(p.root.sha256);
    expect(vanthu(['--data-dir', dataDir, 'verify', signed]).code).toBe(0);
  });
});

describe('vanthu stamp-arrival', () => {
  it('stamps ĐẾN on a signed PDF as an update that keeps the signature valid', () => {
    const signed = path.join(dir, 'to-stamp.pdf');
    expect(
      vanthu(['sign', plain, '--out', signed, '--p12', p.leaves.person.p12File, '--pass-env', 'P'], {
        P: p.leaves.person.p12Password,
      }).code,
    ).toBe(0);
    const stamped = path.join(dir, 'stamped.pdf');
    const r = vanthu([
      'stamp-arrival',
      signed,
      '--out',
      stamped,
      '--organisation',
      'Ủy ban nhân dân xã Hòa Bình',
      '--number',
      '15',
      '--date',
      '22/11/2026',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fs.readFileSync(stamped).subarray(0, fs.statSync(signed).size).equals(fs.readFileSync(signed))).toBe(true);
    const verified = vanthu(['verify', stamped, '--trust', trust]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/PERMITTED_CHANGES/);
    expect(
      vanthu(['stamp-arrival', signed, '--out', signed, '--organisation', 'X', '--number', '1', '--date', '2026-01-01'])
        .code,
    ).toBe(64);
    expect(
      vanthu(['stamp-arrival', signed, '--out', stamped, '--organisation', 'X', '--number', '1', '--date', 'hôm qua'])
        .code,
    ).toBe(64);
  });
});

describe('vanthu sign with an appearance', () => {
  it('puts the attachment stamp with number and time top right, and refuses incomplete options', () => {
    const out = path.join(dir, 'stamped-signature.pdf');
    const r = vanthu(
      [
        'sign',
        plain,
        '--out',
        out,
        '--p12',
        p.leaves.organisation.p12File,
        '--pass-env',
        'P',
        '--appearance',
        'stamp',
        '--line',
        'Ủy ban nhân dân xã Hòa Bình',
        '--number-notation',
        'Số: 15/QĐ-UBND',
      ],
      { P: p.leaves.organisation.p12Password },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = spawnSync('pdftotext', [out, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('Số: 15/QĐ-UBND');
    expect(text).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00/);
    expect(
      vanthu(['sign', plain, '--out', out, '--p12', 'k.p12', '--pass-env', 'P', '--appearance', 'signer'], { P: 'x' })
        .code,
    ).toBe(64);
    expect(
      vanthu(['sign', plain, '--out', out, '--p12', 'k.p12', '--pass-env', 'P', '--appearance', 'round'], { P: 'x' })
        .code,
    ).toBe(64);
  });
});
