/**
 * Tampered, weak and hostile inputs: each gets the right verdict with the right reason, and
 * none is ever called valid.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LeafName, TestPki } from '../../fixtures/pki';
import { makeTestPdf } from '../../fixtures/pdf';
import { signPdf } from '../../../src-main/core/pdf/sign';
import { verifyPdf } from '../../../src-main/core/pdf/verify';
import { appendUpdate, withEntries } from '../../../src-main/core/pdf/incremental';
import {
  openPdf,
  PdfDict,
  PdfRef,
  PdfStream,
  serializeObject,
  serializeStreamObject,
} from '../../../src-main/core/pdf/syntax';
import { pki, signerFor, tmp, write } from './helpers';

let p: TestPki;
let signed: Buffer;

const ORIGINAL = [['UBND XA HOA BINH', 'QUYET DINH SO 15'], ['Trang hai']];

beforeAll(async () => {
  p = await pki();
  signed = await signPdf(makeTestPdf(ORIGINAL), await signerFor(p, 'person'));
}, 120_000);

async function verdict(bytes: Uint8Array) {
  return verifyPdf(bytes, { trustAnchors: [p.root.der] });
}

function codes(report: Awaited<ReturnType<typeof verdict>>): string[] {
  return report.signatures.flatMap((s) =>
    s.reasons.filter((r) => r.severity === 'error' || r.severity === 'unknown').map((r) => r.code),
  );
}

describe('tampering', () => {
  it('the untouched file is valid', async () => {
    expect((await verdict(signed)).verdict).toBe('valid');
  });

  it('a byte changed inside the signed range', async () => {
    const copy = Buffer.from(signed);
    const at = copy.indexOf('QUYET DINH SO 15');
    copy.write('QUYET DINH SO 16', at, 'latin1');
    const report = await verdict(copy);
    expect(report.verdict).toBe('invalid');
    expect(codes(report)).toContain('DIGEST_MISMATCH');
  });

  it('page content changed by an update appended after signing', async () => {
    const pdf = openPdf(signed);
    const page = pdf.deref(pdf.pages()[0] ?? null) as PdfDict;
    const contentsRef = page.get('Contents') as PdfRef;
    const stream = pdf.resolve(contentsRef) as PdfStream;
    const text = Buffer.from('BT /F1 18 Tf 72 760 Td (QUYET DINH SO 99) Tj ET');
    const body = serializeStreamObject(stream.dict, text);
    const tampered = appendUpdate(pdf, [{ num: contentsRef.num, gen: contentsRef.gen, body }]).bytes;
    const report = await verdict(tampered);
    expect(report.verdict).toBe('invalid');
    expect(codes(report)).toContain('MODIFIED_AFTER_SIGNING');
    expect(report.signatures[0]?.changesAfter[0]).toMatchObject({ permitted: false });
  });

  it('a page replaced by an incremental update', async () => {
    const pdf = openPdf(signed);
    const pagesRef = pdf.catalog().get('Pages') as PdfRef;
    const pages = pdf.resolve(pagesRef) as PdfDict;
    const firstRef = pdf.pages()[0] as PdfRef;
    const first = pdf.resolve(firstRef) as PdfDict;
    const fake = pdf.size;
    const content = fake + 1;
    const kids = (pages.get('Kids') as PdfRef[]).map((k) => (k.num === firstRef.num ? new PdfRef(fake, 0) : k));
    const tampered = appendUpdate(pdf, [
      { num: fake, gen: 0, body: serializeObject(withEntries(first, { Contents: new PdfRef(content, 0) })) },
      {
        num: content,
        gen: 0,
        body: serializeStreamObject(new PdfDict(new Map()), Buffer.from('BT /F1 18 Tf 72 760 Td (TRANG GIA) Tj ET')),
      },
      { num: pagesRef.num, gen: pagesRef.gen, body: serializeObject(withEntries(pages, { Kids: kids })) },
    ]).bytes;
    const report = await verdict(tampered);
    expect(report.verdict).toBe('invalid');
    expect(codes(report)).toContain('MODIFIED_AFTER_SIGNING');
  });

  it('a signature whose byte range skips content', async () => {
    const copy = Buffer.from(signed);
    const at = copy.indexOf('/ByteRange [') + '/ByteRange ['.length;
    const end = copy.indexOf(']', at);
    const [a, b, c, d] = copy.toString('latin1', at, end).trim().split(/\s+/).map(Number) as [
      number,
      number,
      number,
      number,
    ];
    // Skip 20 bytes before /Contents: the digest would not cover them.
    const skipping = `${a} ${b - 20} ${c} ${d}`.padEnd(end - at, ' ');
    copy.write(skipping, at, 'latin1');
    const report = await verdict(copy);
    expect(report.verdict).toBe('invalid');
    expect(codes(report)).toContain('BYTE_RANGE_INVALID');
  });

  it('bytes appended after the signed revision without an update are not covered', async () => {
    const grown = Buffer.concat([signed, Buffer.from('\n% trailing junk that is not a revision\n')]);
    const report = await verdict(grown);
    expect(report.verdict).not.toBe('valid');
  });
});

describe('certificates that must not pass', () => {
  const cases: [LeafName, string, 'invalid' | 'indeterminate'][] = [
    ['rsa1024', 'WEAK_KEY', 'invalid'],
    ['sha1', 'WEAK_ALGORITHM', 'invalid'],
    ['expired', 'CERT_NOT_VALID_AT_SIGNING_TIME', 'invalid'],
    ['encipherOnly', 'KEY_USAGE', 'invalid'],
    ['selfSigned', 'CHAIN_UNTRUSTED', 'indeterminate'],
  ];
  for (const [leaf, code, expected] of cases) {
    it(`${leaf}: ${code}`, async () => {
      const bytes = await signPdf(makeTestPdf(), await signerFor(p, leaf));
      const report = await verdict(bytes);
      expect(report.verdict).toBe(expected);
      expect(codes(report)).toContain(code);
      expect(report.signatures[0]?.explanation).toMatch(/Chữ ký của .+: (không hợp lệ|chưa xác định)/);
    });
  }

  it('with no trust anchor configured, a good signature is indeterminate, never valid', async () => {
    const report = await verifyPdf(signed, { trustAnchors: [] });
    expect(report.verdict).toBe('indeterminate');
    expect(report.signatures[0]?.reasons.find((r) => r.code === 'CHAIN_UNTRUSTED')?.message).toMatch(
      /Chưa cài chứng thư gốc/,
    );
  });
});

describe('hostile and broken files', () => {
  let dir: string;
  beforeAll(() => {
    dir = tmp();
  });

  it('encrypted, truncated, garbage and unsigned files get clear answers', async () => {
    const plain = write(dir, 'p.pdf', makeTestPdf());
    const encrypted = path.join(dir, 'e.pdf');
    execFileSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', plain, encrypted]);
    const enc = await verdict(fs.readFileSync(encrypted));
    expect(enc).toMatchObject({ verdict: 'indeterminate', explanation: expect.stringMatching(/mã hóa/) });
    expect((await verdict(signed.subarray(0, signed.length / 2))).verdict).not.toBe('valid');
    expect((await verdict(Buffer.from('not a pdf at all'))).verdict).toBe('indeterminate');
    expect((await verdict(makeTestPdf())).verdict).toBe('unsigned');
  });

  it('a signature dictionary with nonsense values is invalid, not a crash', async () => {
    const copy = Buffer.from(signed);
    const at = copy.indexOf('/Contents <') + '/Contents <'.length;
    copy.write('DEADBEEF', at, 'latin1');
    const report = await verdict(copy);
    expect(report.verdict).toBe('invalid');
  });
});
