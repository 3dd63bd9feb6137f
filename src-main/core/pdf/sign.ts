/**
 * PAdES signing (baseline B-B; B-T with a timestamp): an incremental update that adds a signature
 * field and its signature dictionary, with /Contents reserved, /ByteRange covering everything
 * else; then the CMS over those bytes is written into the reserved space. The original bytes are
 * never touched.
 */
import { createHash } from 'node:crypto';
import { VanThuError } from '../../../src-shared/ipc/errors';
import type { Signer } from '../keys/signer';
import { ObjectSink } from './appearance/objects';
import { placeSignatureAppearance, type SignatureAppearance } from './appearance/signature';
import { buildCmsSignature } from './cms';
import { timestamperFor, type Timestamper, type TimestampOptions } from './timestamp';
import { appendUpdate, objectBody, withEntries, type UpdateObject } from './incremental';
import { openPdf, PdfDict, PdfName, PdfRef, PdfString, type PdfFile, type PdfObject } from './syntax';
import { literalString } from './syntax';

export interface SignOptions {
  /** The field's name; "Chữ ký N" style names are made unique automatically when omitted. */
  fieldName?: string;
  reason?: string;
  location?: string;
  /** The claimed signing time written as /M (the CMS carries none, as PAdES requires). */
  signingTime?: Date;
  /** 1-based page the widget sits on. */
  page?: number;
  /**
   * A visible signature: the person's signature image, the organisation's seal over it, or the
   * text stamp of attachments. Without it the signature is invisible (a zero rectangle).
   */
  appearance?: SignatureAppearance;
  /**
   * Bytes reserved for the CMS; hex doubles it in the file. By default computed from the
   * certificates (and the timestamp), and grown once if the signature turns out bigger.
   */
  reservedBytes?: number;
  /**
   * PAdES B-T: a time-stamping authority to ask (or a timestamper of one's own, for tests);
   * signing fails, nothing written, if it cannot answer with a token that checks out.
   */
  timestamp?: TimestampOptions | Timestamper;
}

/** At least this much is reserved: room for a usual chain of two or three certificates. */
const DEFAULT_RESERVED = 16 * 1024;
/** Signed attributes, the signature value (RSA-4096 at most) and the DER around them. */
const CMS_OVERHEAD = 2 * 1024;
/**
 * A timestamp token: its TSTInfo, the TSA's signature and the TSA's certificates (RFC 3161
 * certReq) — a few KiB in practice, so this is generous.
 */
const TIMESTAMP_ALLOWANCE = 16 * 1024;

/** Room for the CMS: what the certificates and signature need, plus the token when there is one. */
function reservation(signer: Signer, timestamped: boolean): number {
  const certificates = [signer.certificate, ...signer.chain].reduce((n, c) => n + c.length, 0);
  const base = Math.max(DEFAULT_RESERVED, Math.ceil((certificates + CMS_OVERHEAD) / 1024) * 1024);
  return base + (timestamped ? TIMESTAMP_ALLOWANCE : 0);
}

/** D:YYYYMMDDHHmmSS+07'00' — Vietnam time, as clerks read it. */
export function pdfDate(date: Date): string {
  const vn = new Date(date.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `D:${vn.getUTCFullYear()}${p(vn.getUTCMonth() + 1)}${p(vn.getUTCDate())}${p(vn.getUTCHours())}${p(vn.getUTCMinutes())}${p(vn.getUTCSeconds())}+07'00'`;
}

function asDict(pdf: PdfFile, value: PdfObject | undefined): PdfDict | null {
  const v = pdf.deref(value);
  return v instanceof PdfDict ? v : null;
}

function asArray(pdf: PdfFile, value: PdfObject | undefined): PdfObject[] {
  const v = pdf.deref(value);
  return Array.isArray(v) ? v : [];
}

function fieldNames(pdf: PdfFile, fields: PdfObject[], seen = new Set<string>(), out = new Set<string>()): Set<string> {
  for (const f of fields) {
    if (f instanceof PdfRef) {
      if (seen.has(f.key())) continue;
      seen.add(f.key());
    }
    const d = asDict(pdf, f);
    if (!d) continue;
    const t = d.get('T');
    if (t instanceof PdfString) out.add(t.text());
    fieldNames(pdf, asArray(pdf, d.get('Kids')), seen, out);
  }
  return out;
}

/** Where in `bytes` the placeholders sit, found from the end of the written signature object. */
function locate(bytes: Buffer, from: number): { contentsStart: number; contentsEnd: number; byteRangeStart: number } {
  const contentsStart = bytes.indexOf('/Contents <', from) + '/Contents '.length;
  const contentsEnd = bytes.indexOf('>', contentsStart) + 1;
  const byteRangeStart = bytes.indexOf('/ByteRange [', from) + '/ByteRange '.length;
  if (contentsStart < from || byteRangeStart < from) throw new Error('signature placeholders not found');
  return { contentsStart, contentsEnd, byteRangeStart };
}

export async function signPdf(input: Uint8Array, signer: Signer, options: SignOptions = {}): Promise<Buffer> {
  const pdf = openPdf(input);
  if (pdf.encrypted) {
    throw new VanThuError('BAD_FILE', 'Tệp PDF được mã hóa nên không ký được. Hãy xin bản không đặt mật khẩu.');
  }
  if (pdf.reconstructed) {
    // An update must point back at a real cross-reference section; a file VanThu had to
    // piece together has none to point at, and signing it would bless the damage.
    throw new VanThuError('BAD_FILE', 'Cấu trúc tệp PDF bị hỏng nên không ký được. Hãy xuất lại tệp PDF rồi ký.');
  }
  const catalogRef = pdf.trailer.get('Root');
  if (!(catalogRef instanceof PdfRef)) throw new VanThuError('BAD_FILE', 'Tệp PDF không có mục lục (Root).');
  const catalog = pdf.catalog();
  const pages = pdf.pages();
  const signingTime = options.signingTime ?? new Date();

  let next = pdf.size;
  const sigNum = next++;
  const widgetNum = next++;
  const sigRef = new PdfRef(sigNum, 0);
  const widgetRef = new PdfRef(widgetNum, 0);
  const objects: UpdateObject[] = [];

  // A visible appearance decides the page (a seal goes where the person signed) and the /Rect.
  let pageNumber = options.page ?? 1;
  let visible: { Rect: PdfObject; AP: PdfObject } | null = null;
  if (options.appearance) {
    const sink = new ObjectSink(next);
    const placed = placeSignatureAppearance(pdf, pages, options.appearance, options.page, signingTime, sink);
    objects.push(...sink.objects);
    next = sink.next;
    pageNumber = placed.pageIndex + 1;
    visible = { Rect: placed.rect, AP: new PdfDict(new Map([['N', placed.appearance]])) };
  }
  const pageRef = pages[pageNumber - 1];
  if (!pageRef) throw new VanThuError('VALIDATION', `Tệp PDF không có trang ${pageNumber}.`);
  const page = asDict(pdf, pageRef);
  if (!page) throw new VanThuError('BAD_FILE', 'Không đọc được trang của tệp PDF.');

  const acroFormValue = catalog.get('AcroForm');
  const acroForm = asDict(pdf, acroFormValue) ?? new PdfDict(new Map());
  const existing = fieldNames(pdf, asArray(pdf, acroForm.get('Fields')));
  let fieldName = options.fieldName ?? '';
  for (let n = existing.size + 1; !fieldName || existing.has(fieldName); n++) fieldName = `Signature${n}`;

  const sigEntries: Record<string, PdfObject> = {
    Type: new PdfName('Sig'),
    Filter: new PdfName('Adobe.PPKLite'),
    SubFilter: new PdfName('ETSI.CAdES.detached'),
    ByteRange: [0, 9_999_999_999, 9_999_999_999, 9_999_999_999],
    M: literalString(pdfDate(signingTime)),
  };
  if (options.reason) sigEntries.Reason = literalString(options.reason);
  if (options.location) sigEntries.Location = literalString(options.location);
  /** The signature dictionary with `reserved` zero bytes as /Contents (replaced if that is too few). */
  const sigObject = (reserved: number): UpdateObject => ({
    num: sigNum,
    gen: 0,
    body: objectBody(
      new PdfDict(new Map(Object.entries({ ...sigEntries, Contents: new PdfString(new Uint8Array(reserved), true) }))),
    ),
  });
  const sigAt = objects.length;
  objects.push(sigObject(0));

  // The field and its widget in one object, print + locked flags; invisible: a zero rectangle.
  const widget = new PdfDict(
    new Map<string, PdfObject>([
      ['Type', new PdfName('Annot')],
      ['Subtype', new PdfName('Widget')],
      ['FT', new PdfName('Sig')],
      ['T', literalString(fieldName)],
      ['V', sigRef],
      ['F', 132],
      ['Rect', visible?.Rect ?? [0, 0, 0, 0]],
      ['P', pageRef],
      ...(visible ? [['AP', visible.AP] as [string, PdfObject]] : []),
    ]),
  );
  objects.push({ num: widgetNum, gen: 0, body: objectBody(widget) });

  // The page lists the widget among its annotations.
  const annots = page.get('Annots');
  if (annots instanceof PdfRef) {
    objects.push({ num: annots.num, gen: annots.gen, body: objectBody([...asArray(pdf, annots), widgetRef]) });
  } else {
    objects.push({
      num: pageRef.num,
      gen: pageRef.gen,
      body: objectBody(withEntries(page, { Annots: [...asArray(pdf, annots), widgetRef] })),
    });
  }

  // The AcroForm gains the field; SigFlags 3: signatures exist, append only.
  const fields = acroForm.get('Fields');
  const newAcroForm = withEntries(acroForm, {
    Fields: fields instanceof PdfRef ? fields : [...asArray(pdf, fields), widgetRef],
    SigFlags: 3,
  });
  if (fields instanceof PdfRef) {
    objects.push({ num: fields.num, gen: fields.gen, body: objectBody([...asArray(pdf, fields), widgetRef]) });
  }
  if (acroFormValue instanceof PdfRef) {
    objects.push({ num: acroFormValue.num, gen: acroFormValue.gen, body: objectBody(newAcroForm) });
  } else {
    const acroNum = next++;
    objects.push({ num: acroNum, gen: 0, body: objectBody(newAcroForm) });
    objects.push({
      num: catalogRef.num,
      gen: catalogRef.gen,
      body: objectBody(withEntries(catalog, { AcroForm: new PdfRef(acroNum, 0) })),
    });
  }

  const tsa = options.timestamp;
  const timestamper = tsa === undefined ? undefined : typeof tsa === 'function' ? tsa : timestamperFor(tsa);

  /** The signed file, or the size the CMS needed when `reserved` was too small. */
  const attempt = async (reserved: number): Promise<Buffer | number> => {
    objects[sigAt] = sigObject(reserved);
    const update = appendUpdate(pdf, objects);
    const out = update.bytes;
    const { contentsStart, contentsEnd, byteRangeStart } = locate(out, update.offsets.get(sigNum) as number);
    const byteRange = [0, contentsStart, contentsEnd, out.length - contentsEnd];
    const written = `[${byteRange.join(' ')}]`;
    const placeholder = out.toString('latin1', byteRangeStart, out.indexOf(']', byteRangeStart) + 1);
    if (written.length > placeholder.length) throw new Error('byte range placeholder too small');
    out.write(written.padEnd(placeholder.length, ' '), byteRangeStart, 'latin1');

    const digest = createHash('sha256')
      .update(out.subarray(0, contentsStart))
      .update(out.subarray(contentsEnd))
      .digest();
    const cms = await buildCmsSignature(new Uint8Array(digest), signer, timestamper);
    if (cms.length > reserved) return cms.length;
    out.write(
      Buffer.from(cms)
        .toString('hex')
        .padEnd(reserved * 2, '0'),
      contentsStart + 1,
      'latin1',
    );
    return out;
  };

  let result = await attempt(options.reservedBytes ?? reservation(signer, timestamper !== undefined));
  // A bigger CMS than planned (a long chain, a TSA sending many certificates): once more, with
  // room for what it needed. A size the caller fixed is kept.
  if (typeof result === 'number' && options.reservedBytes === undefined) {
    result = await attempt(Math.ceil((result + 4096) / 1024) * 1024);
  }
  if (typeof result === 'number') {
    throw new VanThuError('INTERNAL', 'Chữ ký số lớn hơn chỗ dành sẵn trong tệp. Hãy thử lại.');
  }
  return result;
}
