/**
 * The signature verification report as a printed document (A4, Vietnamese): what was checked,
 * the verdict and why, then every signature — signer, issuer, certificate, signing time and how
 * it is known, revocation, algorithms, each check with its message, the changes made after
 * signing — the trust anchors the check relied on, and a line for the person who checked to
 * sign. The words are the ones the signatures panel shows (src-shared/pdf/report-words); the
 * sentences are the verifier's own, carried in the report.
 */
import { capitalise, groupDigits } from '../../../src-shared/domain/printed-text';
import type { DocumentReport, SignatureReport } from '../../../src-shared/pdf/report';
import {
  algorithmsText,
  formatDateOnlyVi,
  formatDateTimeVi,
  formatFingerprint,
  REPORT_PDF_WORDS as W,
  SIGNATURE_WORDS as S,
  signingTimeText,
} from '../../../src-shared/pdf/report-words';
import { isoVietnamTime } from '../pdf/appearance/dates';
import { renderPdf, type Block, type RenderOptions } from '../pdf/writer';
import { organTitleBlock } from '../pdf/writer/organ-title';

export interface SignatureReportMeta {
  /** The organisation whose workstation made the check (the header's left column). */
  organisation: string;
  /** The register entry's title: type and subject of the document. */
  documentTitle?: string;
  fileName?: string;
  /** Who checked (the name under the signature line). */
  checkedBy?: string;
  /** When the report is printed: the header's date and the PDF's dates. */
  now: Date;
  /** Party organs head their documents "ĐẢNG CỘNG SẢN VIỆT NAM"; state organs the national motto. */
  regime?: 'party' | 'state';
  /** Place name before the date ("Hòa Bình, ngày …"). */
  place?: string;
}

function dateLine(now: Date, place?: string): string {
  const [y, m, d] = isoVietnamTime(now).slice(0, 10).split('-') as [string, string, string];
  const line = W.dateLine(d, m, y);
  return place ? `${place}, ${line.charAt(0).toLocaleLowerCase('vi')}${line.slice(1)}` : line;
}

function signatureFacts(s: SignatureReport): { key: string; value: string }[] {
  const rows: { key: string; value: string }[] = [];
  const add = (key: string, value: string | null | undefined) => {
    if (value) rows.push({ key, value });
  };
  const c = s.signer;
  add(W.result, S.verdict[s.verdict]);
  add(S.signer, c ? c.commonName || c.subject : S.unknownSigner);
  add(S.organisation, c?.organisation);
  add(S.certificate, c?.subject);
  add(S.issuer, c?.issuer);
  add(S.serial, c?.serialNumber);
  if (c) add(W.certificateValidity, W.validityRange(formatDateOnlyVi(c.notBefore), formatDateOnlyVi(c.notAfter)));
  if (c) add(W.certificateFingerprint, formatFingerprint(c.sha256));
  add(S.signingTime, signingTimeText(s.signingTime));
  add(S.revocation, S.revocationState[s.revocation]);
  if (s.revocationSource) {
    const evidence = s.revocationEvidence;
    const when = evidence ? formatDateTimeVi(evidence.thisUpdate) || evidence.thisUpdate : '';
    add(
      W.revocationSource,
      evidence
        ? `${capitalise(W.revocationSources[s.revocationSource])}: ${W.revocationEvidence(evidence.url, when)}`
        : capitalise(W.revocationSources[s.revocationSource]),
    );
  }
  add(S.algorithms, algorithmsText(s));
  add(S.fieldName, s.fieldName);
  add(S.revision, s.revision === null ? null : capitalise(S.revisionValue(s.revision)));
  add(S.byteRange, s.byteRange.length > 0 ? `[${s.byteRange.join(' ')}]` : null);
  add(
    S.chain,
    s.chain.length === 0
      ? S.noChain
      : s.chain
          .map(
            (cert, i) =>
              `${i + 1}. ${cert.commonName || cert.subject} — ${S.validity(formatDateOnlyVi(cert.notBefore), formatDateOnlyVi(cert.notAfter))}`,
          )
          .join('\n'),
  );
  add(W.explanation, s.explanation);
  return rows;
}

function signatureBlocks(s: SignatureReport, n: number): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', level: 3, text: `${S.signatureN(n)}: ${S.badge[s.verdict]}` },
    { kind: 'keyValue', rows: signatureFacts(s), keyWidthMm: 50 },
    { kind: 'paragraph', text: `${S.steps}:`, bold: true },
    {
      kind: 'table',
      columns: [
        { header: W.number, width: 8, align: 'center' },
        { header: W.result, width: 17 },
        { header: W.check, width: 75 },
      ],
      rows: s.reasons.map((r, i) => [
        String(i + 1),
        { text: S.severity[r.severity], bold: r.severity === 'error' },
        r.message,
      ]),
    },
    { kind: 'paragraph', text: `${S.changesAfter}:`, bold: true },
  ];
  if (s.changesAfter.length === 0) blocks.push({ kind: 'paragraph', text: S.noChanges });
  else {
    blocks.push({
      kind: 'table',
      columns: [
        { header: W.changeRevision, width: 20 },
        { header: W.changeDescription, width: 60 },
        { header: W.changePermitted, width: 20, align: 'center' },
      ],
      rows: s.changesAfter.map((c) => [
        capitalise(S.revisionValue(c.revision)),
        c.description,
        { text: capitalise(c.permitted ? S.permitted : S.notPermitted), bold: !c.permitted, align: 'center' },
      ]),
    });
  }
  return blocks;
}

/** The verification report as the bytes of a PDF; the same report and meta give the same bytes. */
export function renderSignatureReportPdf(
  report: DocumentReport,
  meta: SignatureReportMeta,
  options: RenderOptions = {},
): Uint8Array {
  const documentFacts = [
    { key: W.documentTitle, value: meta.documentTitle ?? '' },
    { key: W.fileName, value: meta.fileName ?? '' },
    { key: W.fileSize, value: W.bytes(groupDigits(report.file.size)) },
    { key: W.fileSha256, value: report.file.sha256 },
    { key: W.checkedAtLabel, value: formatDateTimeVi(report.checkedAt) || report.checkedAt },
    { key: W.checkedBy, value: meta.checkedBy ?? '' },
    { key: W.signatureCount, value: String(report.signatures.length) },
  ].filter((r) => r.value);

  const blocks: Block[] = [
    organTitleBlock({
      organisation: meta.organisation,
      regime: meta.regime ?? 'state',
      placeDate: dateLine(meta.now, meta.place),
    }),
    { kind: 'heading', level: 1, text: W.title },
    ...(meta.documentTitle ? [{ kind: 'paragraph' as const, text: meta.documentTitle, align: 'center' as const }] : []),
    { kind: 'heading', level: 2, text: `I. ${W.documentSection}` },
    { kind: 'keyValue', rows: documentFacts, keyWidthMm: 50 },
    { kind: 'heading', level: 2, text: `II. ${W.conclusion}` },
    { kind: 'paragraph', text: `${W.documentVerdict[report.verdict]}.`, bold: true },
    { kind: 'paragraph', text: report.explanation },
    { kind: 'heading', level: 2, text: `III. ${W.signaturesSection}` },
  ];
  if (report.signatures.length === 0) blocks.push({ kind: 'paragraph', text: S.unsigned });
  report.signatures.forEach((s, i) => blocks.push(...signatureBlocks(s, i + 1)));
  blocks.push({ kind: 'heading', level: 2, text: `IV. ${S.trustAnchors}` });
  if (report.trustAnchors.length === 0) blocks.push({ kind: 'paragraph', text: W.noAnchors });
  else {
    blocks.push({
      kind: 'table',
      columns: [
        { header: W.number, width: 8, align: 'center' },
        { header: S.fingerprint, width: 92 },
      ],
      rows: report.trustAnchors.map((fp, i) => [String(i + 1), formatFingerprint(fp)]),
    });
  }
  blocks.push({ kind: 'signature', title: W.signer, note: W.signerNote, name: meta.checkedBy });

  const subject = [meta.documentTitle, meta.fileName].filter(Boolean).join(' — ');
  return renderPdf(
    {
      info: {
        title: subject ? `${W.footer}: ${subject}` : W.footer,
        author: meta.organisation,
        subject: meta.documentTitle,
        date: meta.now,
      },
      footer: meta.fileName ? `${W.footer} — ${meta.fileName}` : W.footer,
      blocks,
    },
    options,
  );
}
