/**
 * edXML (QCVN 102:2016) packages: an outgoing document exported with its header fields
 * (From, To[], Code, PromulgationInfo, DocumentType, Subject, SignerInfo, DueDate, ToPlaces,
 * OtherInfo, ResponseFor, SteeringType, DocumentId, TraceHeaderList with the business type) and
 * its files as base64 attachments; status messages (01 … 16) likewise. Importing reads the same
 * fields back, checked by the protocol's schemas, so a package from another system becomes a
 * pre-filled incoming document.
 */
import { createHash } from 'node:crypto';
import { URGENCIES, type Urgency } from '../../../src-shared/domain/enums';
import { DocumentHeader, StatusCode, type StatusCode as StatusCodeType } from '../../../src-shared/sync/protocol';
import { child, children, readXml, textOf, writeXml, XmlError, type XmlElement, type XmlNode } from './xml';

export const EDXML_NAMESPACE = 'http://www.e-doc.vn/Schema/';
const NS = { edXML: EDXML_NAMESPACE };
const e = (name: string, content: XmlNode[1]): XmlNode => [`edXML:${name}`, content];

export interface Party {
  organId: string;
  name: string;
}

export interface PackageFile {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

export interface DocumentPackage {
  from: Party;
  to: Party[];
  header: DocumentHeader;
  files: PackageFile[];
  /** When the sender sent it (the TraceHeader's timestamp). */
  sentAt: string;
}

export interface StatusMessage {
  from: Party;
  /** The document it answers: its edXML DocumentId and the sender's OrganId. */
  documentId: string;
  to: string;
  code: StatusCodeType;
  description: string;
  staff: string;
  /** When it happened (offline statuses keep their own time). */
  timestamp: string;
}

export class EdxmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EdxmlError';
  }
}

const organ = (p: Party): XmlNode[] => [e('OrganId', p.organId), e('OrganName', p.name)];

export function writeDocumentPackage(p: DocumentPackage): string {
  const h = p.header;
  return writeXml(
    e('edXMLEnvelope', [
      e('edXMLHeader', [
        e('MessageHeader', [
          e('From', organ(p.from)),
          ...p.to.map((t) => e('To', organ(t))),
          e('DocumentId', h.documentId),
          e('Code', [e('CodeNumber', h.codeNumber), e('CodeNotation', h.codeNotation)]),
          e('PromulgationInfo', [e('Place', h.place), e('PromulgationDate', h.promulgationDate)]),
          e('DocumentType', [e('Type', 1), e('TypeName', h.typeName)]),
          e('Subject', h.subject),
          e('SignerInfo', [e('Competence', ''), e('Position', h.signerPosition), e('FullName', h.signerName)]),
          e('DueDate', h.dueDate ?? ''),
          e('ToPlaces', h.toPlaces ? h.toPlaces.split('\n').map((line) => e('Place', line)) : []),
          e('OtherInfo', [
            // edXML priority: 0 Thường … 4 Hỏa tốc hẹn giờ.
            e('Priority', URGENCIES.indexOf(h.urgency)),
            e('PageAmount', h.pageAmount ?? ''),
            e('Appendixes', p.files.length > 1 ? p.files.slice(1).map((f) => e('Appendix', f.name)) : []),
          ]),
          e('ResponseFor', h.responseFor ? [e('DocumentId', h.responseFor)] : []),
          e('SteeringType', 0),
        ]),
        e('TraceHeaderList', [
          e('TraceHeader', [e('OrganId', p.from.organId), e('Timestamp', p.sentAt)]),
          e('Bussiness', [e('BussinessDocType', h.businessType)]),
        ]),
      ]),
      e(
        'edXMLManifest',
        p.files.map((f, i) =>
          e('Reference', [
            e('ContentId', `cid:${i + 1}`),
            e('ContentType', f.mediaType),
            e('AttachmentName', f.name),
            e('Sha256', createHash('sha256').update(f.bytes).digest('hex')),
            e('Value', Buffer.from(f.bytes).toString('base64')),
          ]),
        ),
      ),
    ]),
    NS,
  );
}

function envelope(xml: string): XmlElement {
  let root: XmlElement;
  try {
    root = readXml(xml);
  } catch (error) {
    throw new EdxmlError(
      `Tệp không phải gói edXML đọc được: ${error instanceof XmlError ? error.message : 'không phải XML.'}`,
    );
  }
  if (root.name !== 'edXMLEnvelope') throw new EdxmlError('Tệp không phải gói edXML (thiếu edXMLEnvelope).');
  return root;
}

const party = (el: XmlElement | undefined): Party => ({
  organId: textOf(el, 'OrganId'),
  name: textOf(el, 'OrganName'),
});

export function readDocumentPackage(xml: string): DocumentPackage {
  const root = envelope(xml);
  const m = child(root, 'edXMLHeader/MessageHeader');
  if (!m) throw new EdxmlError('Gói edXML không có MessageHeader (có thể là gói trạng thái).');
  const from = party(child(m, 'From'));
  if (!from.organId) throw new EdxmlError('Gói edXML thiếu mã định danh nơi gửi (From/OrganId).');
  const priority = Number(textOf(m, 'OtherInfo/Priority') || 0);
  const urgency: Urgency = URGENCIES[priority] ?? 'normal';
  const pageText = textOf(m, 'OtherInfo/PageAmount');
  const parsed = DocumentHeader.safeParse({
    documentId: textOf(m, 'DocumentId'),
    codeNumber: textOf(m, 'Code/CodeNumber'),
    codeNotation: textOf(m, 'Code/CodeNotation'),
    promulgationDate: textOf(m, 'PromulgationInfo/PromulgationDate').slice(0, 10),
    place: textOf(m, 'PromulgationInfo/Place'),
    typeName: textOf(m, 'DocumentType/TypeName'),
    subject: textOf(m, 'Subject'),
    signerName: textOf(m, 'SignerInfo/FullName'),
    signerPosition: textOf(m, 'SignerInfo/Position'),
    dueDate: textOf(m, 'DueDate').slice(0, 10) || null,
    toPlaces: children(child(m, 'ToPlaces'), 'Place')
      .map((p) => p.text.trim())
      .join('\n'),
    urgency,
    // Secret documents are never exchanged electronically: anything received is ordinary.
    secrecy: 'none',
    pageAmount: pageText ? Number(pageText) : null,
    businessType: Number(textOf(root, 'edXMLHeader/TraceHeaderList/Bussiness/BussinessDocType') || 0),
    responseFor: textOf(m, 'ResponseFor/DocumentId') || null,
  });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new EdxmlError(`Gói edXML thiếu hoặc sai trường ${first?.path.join('.') ?? ''}: ${first?.message ?? ''}`);
  }
  const files = children(child(root, 'edXMLManifest'), 'Reference').map((r, i): PackageFile => {
    const bytes = Buffer.from(textOf(r, 'Value').replace(/\s+/g, ''), 'base64');
    const expected = textOf(r, 'Sha256');
    if (expected && createHash('sha256').update(bytes).digest('hex') !== expected.toLowerCase()) {
      throw new EdxmlError(`Tệp đính kèm thứ ${i + 1} trong gói edXML bị hỏng (sai mã băm).`);
    }
    return { name: textOf(r, 'AttachmentName') || `tep-${i + 1}.pdf`, mediaType: textOf(r, 'ContentType'), bytes };
  });
  if (files.length === 0) throw new EdxmlError('Gói edXML không có tệp văn bản đính kèm.');
  return {
    from,
    to: children(m, 'To').map(party),
    header: parsed.data,
    files,
    sentAt: textOf(root, 'edXMLHeader/TraceHeaderList/TraceHeader/Timestamp'),
  };
}

export function writeStatusMessage(s: StatusMessage): string {
  return writeXml(
    e('edXMLEnvelope', [
      e('edXMLHeader', [
        e('Status', [
          e('ResponseFor', [e('OrganId', s.to), e('DocumentId', s.documentId)]),
          e('From', organ(s.from)),
          e('StatusCode', s.code),
          e('Description', s.description),
          e('Timestamp', s.timestamp),
          e('StaffInfo', [e('Staff', s.staff)]),
        ]),
      ]),
    ]),
    NS,
  );
}

export function readStatusMessage(xml: string): StatusMessage {
  const st = child(envelope(xml), 'edXMLHeader/Status');
  if (!st) throw new EdxmlError('Gói edXML không phải thông điệp trạng thái.');
  const code = StatusCode.safeParse(textOf(st, 'StatusCode'));
  if (!code.success) throw new EdxmlError(`Mã trạng thái edXML không hợp lệ: ${textOf(st, 'StatusCode')}`);
  const documentId = textOf(st, 'ResponseFor/DocumentId');
  if (!documentId) throw new EdxmlError('Thông điệp trạng thái thiếu mã văn bản (ResponseFor/DocumentId).');
  return {
    from: party(child(st, 'From')),
    documentId,
    to: textOf(st, 'ResponseFor/OrganId'),
    code: code.data,
    description: textOf(st, 'Description'),
    staff: textOf(st, 'StaffInfo/Staff'),
    timestamp: textOf(st, 'Timestamp'),
  };
}
