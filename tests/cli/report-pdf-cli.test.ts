/** `vanthu verify --report-pdf`: the verification report as a PDF, clean for qpdf, Vietnamese for pdftotext. */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../src-main/core/pdf/sign';
import { makeTestPdf } from '../fixtures/pdf';
import type { TestPki } from '../fixtures/pki';
import { pki, signerFor, tmp } from '../unit/pdf/helpers';

const BIN = path.resolve(__dirname, '../../bin/vanthu.cjs');
let p: TestPki;
beforeAll(async () => {
  p = await pki();
}, 120_000);

describe('vanthu verify --report-pdf', () => {
  it('writes the report as a PDF that qpdf accepts and whose text is the Vietnamese report', async () => {
    const dir = tmp();
    const signed = path.join(dir, 'da-ky.pdf');
    fs.writeFileSync(signed, await signPdf(makeTestPdf(), await signerFor(p, 'person')));
    fs.mkdirSync(path.join(dir, 'trust'));
    fs.copyFileSync(p.root.file, path.join(dir, 'trust', 'root.pem'));
    const out = path.join(dir, 'bao-cao.pdf');
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        '--data-dir',
        path.join(dir, 'data'),
        'verify',
        signed,
        '--trust',
        path.join(dir, 'trust'),
        '--offline',
        '--report-pdf',
        out,
      ],
      { encoding: 'utf8' },
    );
    expect(r.stdout).toContain('Đã ghi báo cáo PDF');
    expect(r.status).toBe(0);
    execFileSync('qpdf', ['--check', out]);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toContain('Nguyễn Văn Ánh');
    expect(text).toContain('da-ky.pdf');
  });
});
