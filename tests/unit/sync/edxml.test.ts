/** edXML packages and status messages: round trips, Vietnamese text intact, hostile input refused. */
import { describe, expect, it } from 'vitest';
import { DocumentHeader } from '../../../src-shared/sync/protocol';
import {
  readDocumentPackage,
  readStatusMessage,
  writeDocumentPackage,
  writeStatusMessage,
  type DocumentPackage,
} from '../../../src-main/core/sync/edxml';
import { readXml } from '../../../src-main/core/sync/xml';
import { makeTestPdf } from '../../fixtures/pdf';

const PACKAGE: DocumentPackage = {
  from: { organId: '000.00.00.H41', name: 'Ủy ban nhân dân xã Hòa Bình' },
  to: [
    { organId: '000.00.00.H42', name: 'Đảng ủy xã Hòa Bình' },
    { organId: '000.00.01.H42', name: 'Hội Nông dân xã <Hòa Bình> & "Đoàn"' },
  ],
  header: DocumentHeader.parse({
    documentId: '000.00.00.H41,2026/11/20,15/QĐ-UBND',
    codeNumber: '15',
    codeNotation: 'QĐ-UBND',
    promulgationDate: '2026-11-20',
    place: 'Hòa Bình',
    typeName: 'Quyết định',
    subject: 'Về việc kiện toàn Tổ công nghệ số cộng đồng; đợt 2 & bổ sung',
    signerName: 'Nguyễn Văn Ánh',
    signerPosition: 'Chủ tịch',
    dueDate: '2026-12-01',
    toPlaces: 'Như Điều 3;\nLưu: VT.',
    urgency: 'thuong_khan',
    secrecy: 'none',
    pageAmount: 2,
    businessType: 0,
  }),
  files: [
    { name: 'qd-15.pdf', mediaType: 'application/pdf', bytes: makeTestPdf([['QUYET DINH 15']]) },
    { name: 'phu-luc.pdf', mediaType: 'application/pdf', bytes: makeTestPdf([['PHU LUC']]) },
  ],
  sentAt: '2026-11-20T08:30:00.000+07:00',
};

describe('edXML', () => {
  it('writes a document package and reads the same fields and files back', () => {
    const xml = writeDocumentPackage(PACKAGE);
    expect(xml).toContain(
      '<edXML:Subject>Về việc kiện toàn Tổ công nghệ số cộng đồng; đợt 2 &amp; bổ sung</edXML:Subject>',
    );
    expect(xml).toContain('xmlns:edXML="http://www.e-doc.vn/Schema/"');
    const back = readDocumentPackage(xml);
    expect(back.header).toEqual(PACKAGE.header);
    expect(back.from).toEqual(PACKAGE.from);
    expect(back.to).toEqual(PACKAGE.to);
    expect(back.sentAt).toBe(PACKAGE.sentAt);
    expect(back.files.map((f) => [f.name, Buffer.from(f.bytes).equals(Buffer.from(PACKAGE.files[0]!.bytes))])).toEqual([
      ['qd-15.pdf', true],
      ['phu-luc.pdf', false],
    ]);
  });

  it('refuses a package whose attachment was changed, or that lacks its fields', () => {
    const xml = writeDocumentPackage(PACKAGE);
    const value = /<edXML:Value>([^<]+)<\/edXML:Value>/.exec(xml)![1]!;
    const changed = xml.replace(value, Buffer.from('not the pdf').toString('base64'));
    expect(() => readDocumentPackage(changed)).toThrow(/bị hỏng \(sai mã băm\)/);
    expect(() => readDocumentPackage(xml.replace(/<edXML:Subject>[^<]*<\/edXML:Subject>/, ''))).toThrow(/subject/);
    expect(() => readDocumentPackage('<khong-phai-edxml/>')).toThrow(/không phải gói edXML/);
  });

  it('refuses DOCTYPE/entity tricks, deep nesting and broken XML with clear messages', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><edXML:edXMLEnvelope>&a;</edXML:edXMLEnvelope>`;
    expect(() => readDocumentPackage(bomb)).toThrow(/DOCTYPE/);
    expect(() => readXml(`${'<a>'.repeat(100)}${'</a>'.repeat(100)}`)).toThrow(/lồng quá sâu/);
    expect(() => readXml('<a><b></a>')).toThrow(/không khớp/);
    expect(() => readXml('<a>&unknown;</a>')).toThrow(/Thực thể/);
  });

  it('writes and reads status messages keeping the time they happened', () => {
    const message = {
      from: { organId: '000.00.00.H42', name: 'Đảng ủy xã Hòa Bình' },
      documentId: PACKAGE.header.documentId,
      to: '000.00.00.H41',
      code: '03' as const,
      description: 'Đã vào sổ, số đến 12',
      staff: 'Trần Thị Bình',
      timestamp: '2026-11-20T09:15:00.000+07:00',
    };
    expect(readStatusMessage(writeStatusMessage(message))).toEqual(message);
    expect(() => readStatusMessage(writeStatusMessage({ ...message, code: '99' as never }))).toThrow(/Mã trạng thái/);
    expect(() => readStatusMessage(writeDocumentPackage(PACKAGE))).toThrow(/không phải thông điệp trạng thái/);
  });
});
