/**
 * Between database rows and the flat document shape of the contract, and the folded text the
 * search index holds for each document.
 */
import { foldName, foldVietnamese } from '../../../src-shared/domain/fold';
import { formatNumberNotation } from '../../../src-shared/domain/notation';
import type { Regime } from '../../../src-shared/domain/enums';
import type { Document, DocumentFields } from '../../../src-shared/ipc/schemas';

/** Columns selected for a document, aliased to the contract's field names. */
export const DOCUMENT_COLUMNS = `
  d.id, d.uid, d.organisation_id AS organisationId, d.direction, d.status, d.type_name AS typeName,
  d.code_number AS codeNumber, d.code_notation AS codeNotation, d.issued_date AS issuedDate,
  d.organ_name AS organName, d.organ_id AS organId, d.subject, d.page_amount AS pageAmount, d.language,
  d.description, d.signer_competence AS signerCompetence, d.signer_position AS signerPosition,
  d.signer_full_name AS signerFullName, d.to_json AS toJson, d.to_places AS toPlaces,
  d.issued_amount AS issuedAmount, d.due_date AS dueDate, d.urgency, d.secrecy, d.circulation, d.file_code AS fileCode,
  d.doc_ordinal AS docOrdinal, d.arrival_number AS arrivalNumber, d.arrival_date AS arrivalDate,
  d.received_via AS receivedVia, d.drafting_unit AS draftingUnit, d.cancel_reason AS cancelReason,
  d.created_at AS createdAt, d.updated_at AS updatedAt, d.created_by AS createdBy,
  d.signature_verdict AS signatureVerdict`;

export type DocumentRow = Omit<Document, 'to' | 'numberNotation' | 'files'> & { toJson: string };

/**
 * Party notations carry a slash after the type ("CV/BCĐ"), state ones a hyphen ("QĐ-UBND"),
 * so the sender's regime can be read from an incoming notation itself.
 */
export function notationRegime(codeNotation: string): Regime {
  return codeNotation.includes('/') ? 'party' : 'state';
}

export function numberNotationOf(codeNumber: number | null, codeNotation: string): string {
  if (codeNumber === null) return '';
  if (!codeNotation) return `Số ${codeNumber}`;
  return formatNumberNotation(notationRegime(codeNotation), codeNumber, codeNotation, { prefix: true });
}

export function rowToDocument(row: DocumentRow): Omit<Document, 'files'> {
  const { toJson, ...rest } = row;
  return {
    ...rest,
    to: JSON.parse(toJson) as Document['to'],
    numberNotation: numberNotationOf(row.codeNumber, row.codeNotation),
  };
}

/** The five indexed columns, folded so that searches ignore diacritics and đ/d. */
export function searchColumns(d: DocumentFields): [string, string, string, string, string] {
  const notation =
    d.codeNumber !== null
      ? `${d.codeNumber} ${d.codeNotation} ${numberNotationOf(d.codeNumber, d.codeNotation)}`
      : d.codeNotation;
  return [
    foldVietnamese(d.subject),
    foldVietnamese(notation),
    foldName(d.organName),
    foldName(`${d.signerFullName} ${d.signerPosition}`),
    foldName(`${d.typeName} ${d.description} ${d.toPlaces} ${d.fileCode}`),
  ];
}
