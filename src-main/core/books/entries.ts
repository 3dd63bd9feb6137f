/**
 * The entries of a register for a period, in the order they were written in: read a row at a
 * time (a year of a large organisation is tens of thousands of rows), walking the
 * (organisation, direction, register date, id) index. Drafts are not in a register; a number
 * given and then cancelled stays, marked, so the numbers run without a gap.
 */
import type { Secrecy, Urgency } from '../../../src-shared/domain/enums';
import type { BookKind } from '../../../src-shared/ipc/books';
import type { Sqlite } from '../db/open';
import { directiveInForce } from '../handling/in-force';

export interface BookEntry {
  arrivalDate: string | null;
  arrivalNumber: number | null;
  organName: string;
  codeNumber: number | null;
  codeNotation: string;
  issuedDate: string | null;
  typeName: string;
  subject: string;
  toPlaces: string;
  /** Names of the recipients the document went to electronically (JSON array). */
  toJson: string;
  signerFullName: string;
  draftingUnit: string;
  issuedAmount: number | null;
  dueDate: string | null;
  urgency: Urgency;
  secrecy: Secrecy;
  status: 'registered' | 'issued' | 'cancelled';
  cancelReason: string;
  /** The follow-up book's: handling of the directive in force. */
  handlers?: string | null;
  mainStatus?: string | null;
  handledAt?: string | null;
  replyNumber?: number | null;
  replyNotation?: string | null;
}

export interface BookPeriod {
  organisationId: number;
  kind: BookKind;
  /** Inclusive ISO dates. */
  from: string;
  to: string;
}

const COLUMNS = `arrival_date AS arrivalDate, arrival_number AS arrivalNumber, organ_name AS organName,
  code_number AS codeNumber, code_notation AS codeNotation, issued_date AS issuedDate, type_name AS typeName,
  subject, to_places AS toPlaces, to_json AS toJson, signer_full_name AS signerFullName,
  drafting_unit AS draftingUnit, issued_amount AS issuedAmount, due_date AS dueDate, urgency, secrecy, status,
  cancel_reason AS cancelReason`;

// Incoming: what was given an arrival number; outgoing: what was given a number of ours.
const IN_REGISTER = `direction = 'in' AND arrival_number IS NOT NULL AND status IN ('registered', 'cancelled')`;
const OUT_REGISTER = `direction = 'out' AND code_number IS NOT NULL AND status IN ('issued', 'cancelled')`;

const IN_FORCE = directiveInForce('d.id');
const LATEST_MAIN = `l.document_id = d.id AND l.part = 'main' AND l.directive_id = ${IN_FORCE}`;
const REPLY = `FROM handling_lines l JOIN documents r ON r.id = l.reply_document_id WHERE ${LATEST_MAIN}`;

// The follow-up book: the lines of each document's directive in force (phối hợp after chủ trì;
// để biết is not handling), the main line's status, and the reply it links.
const HANDLING = `
  (SELECT group_concat(name, '; ') FROM (SELECT u.full_name || CASE l.part WHEN 'main' THEN ' (chủ trì)' ELSE ' (phối hợp)' END AS name
    FROM handling_lines l JOIN users u ON u.id = l.user_id
    WHERE l.document_id = d.id AND l.part != 'inform' AND l.directive_id = ${IN_FORCE}
    ORDER BY l.part != 'main', l.id)) AS handlers,
  (SELECT l.status FROM handling_lines l WHERE ${LATEST_MAIN}) AS mainStatus,
  d.handled_at AS handledAt,
  (SELECT r.code_number ${REPLY}) AS replyNumber,
  (SELECT r.code_notation ${REPLY}) AS replyNotation`;

export function createBookEntries(sqlite: Sqlite) {
  const where = (direction: 'in' | 'out') =>
    `organisation_id = @organisationId AND register_date BETWEEN @from AND @to AND ${direction === 'in' ? IN_REGISTER : OUT_REGISTER}`;
  const inSummary = sqlite.prepare(
    `SELECT count(*) AS count, min(arrival_number) AS first, max(arrival_number) AS last FROM documents WHERE ${where('in')}`,
  );
  const statements = {
    followUp: {
      rows: sqlite.prepare(
        `SELECT ${COLUMNS}, ${HANDLING} FROM documents d WHERE ${where('in')} ORDER BY register_date, arrival_number, id`,
      ),
      summary: inSummary,
    },
    in: {
      rows: sqlite.prepare(
        `SELECT ${COLUMNS} FROM documents WHERE ${where('in')} ORDER BY register_date, arrival_number, id`,
      ),
      summary: inSummary,
    },
    out: {
      rows: sqlite.prepare(`SELECT ${COLUMNS} FROM documents WHERE ${where('out')} ORDER BY register_date, id`),
      summary: sqlite.prepare(
        `SELECT count(*) AS count, min(code_number) AS first, max(code_number) AS last FROM documents WHERE ${where('out')}`,
      ),
    },
  };
  const params = (p: BookPeriod) => ({ organisationId: p.organisationId, from: p.from, to: p.to });

  return {
    /** How many entries, and the first and last number given in the period. */
    summary(p: BookPeriod): { count: number; first: number | null; last: number | null } {
      return statements[p.kind].summary.get(params(p)) as {
        count: number;
        first: number | null;
        last: number | null;
      };
    },
    /** The entries one by one; stop early by breaking out of the loop. */
    *iterate(p: BookPeriod): Generator<BookEntry> {
      yield* statements[p.kind].rows.iterate(params(p)) as IterableIterator<BookEntry>;
    },
  };
}

export type BookEntries = ReturnType<typeof createBookEntries>;
