/**
 * "Already in the register?": the same number and notation from the same issuing organ in the
 * same year is a warning, not a refusal, since a clerk may knowingly register a re-sent document.
 * One rule, two ways in: a single registration or edit asks the register; an import asks once
 * per number for the entries before it and compares its own rows in memory, as if they had been
 * registered one by one (a self-join over the imported rows read every one of them again: 1.5 s
 * of a 100,000-row import).
 */
import { foldName } from '../../../src-shared/domain/fold';
import { formatDateVi } from '../../../src-shared/domain/dates';
import type { DocumentFields, Warning } from '../../../src-shared/ipc/schemas';
import type { Sqlite } from '../db/open';
import { directionIs } from './direction-sql';

/** What a warning names of the earlier entry. */
interface Details {
  organName: string;
  arrivalNumber: number | null;
  arrivalDate: string | null;
  issuer: string;
}

/** An entry with the same number: its year from the index, its details read only if needed. */
interface Candidate {
  id: number;
  /** The issue year, or null when the date is unknown (then any year matches). */
  year: string | null;
  details?: Details;
}

type Numbered = DocumentFields & { codeNumber: number };

export function createDuplicateCheck(sqlite: Sqlite) {
  const sameNumber = {
    in: sameNumberStatement(sqlite, 'in'),
    out: sameNumberStatement(sqlite, 'out'),
  };
  const detailsOf = sqlite.prepare(
    'SELECT organ_name AS organName, arrival_number AS arrivalNumber, arrival_date AS arrivalDate FROM documents WHERE id = ?',
  );
  const lastId = sqlite.prepare('SELECT COALESCE(MAX(id), 0) FROM documents').pluck();

  function stored(orgId: number, f: Numbered, notId: number, upToId: number): Candidate[] {
    return sameNumber[f.direction].all(orgId, f.codeNumber, f.codeNotation, notId, upToId) as Candidate[];
  }

  function details(c: Candidate): Details {
    if (!c.details) {
      const row = detailsOf.get(c.id) as Omit<Details, 'issuer'>;
      c.details = { ...row, issuer: foldName(row.organName) };
    }
    return c.details;
  }

  function matching(f: Numbered, self: Details, year: string | null, candidates: Candidate[]): Warning[] {
    const warnings: Warning[] = [];
    for (const c of candidates) {
      if (c.year !== null && year !== null && c.year !== year) continue;
      const earlier = details(c);
      if (earlier.issuer === self.issuer) warnings.push(duplicateWarning(f.codeNumber, f.codeNotation, earlier));
    }
    return warnings;
  }

  return {
    /** Warnings for one document (selfId: its own id when it is already stored, else -1). */
    warningsFor(orgId: number, f: DocumentFields, selfId: number): Warning[] {
      if (!isNumbered(f)) return [];
      return matching(f, detailsOfFields(f), yearOf(f), stored(orgId, f, selfId, Number.MAX_SAFE_INTEGER));
    },

    /**
     * For an import: call the result with each row right after it is stored, in order. Entries
     * stored before the import are read once per number; the import's own are held in memory.
     */
    forImport(): (orgId: number, f: DocumentFields, id: number) => Warning[] {
      const before = lastId.get() as number;
      const byNumber = new Map<string, Candidate[]>();
      return (orgId, f, id) => {
        if (!isNumbered(f)) return [];
        const key = `${orgId}|${f.direction}|${f.codeNumber}|${nocase(f.codeNotation)}`;
        let candidates = byNumber.get(key);
        if (!candidates) {
          candidates = before === 0 ? [] : stored(orgId, f, -1, before);
          byNumber.set(key, candidates);
        }
        const self = detailsOfFields(f);
        const year = yearOf(f);
        const warnings = matching(f, self, year, candidates);
        candidates.push({ id, year, details: self });
        return warnings;
      };
    },
  };
}

export type DuplicateCheck = ReturnType<typeof createDuplicateCheck>;

// Answered from documents_duplicate_check alone: no table row is read for a number of another
// year. The direction is a literal (see direction-sql.ts).
function sameNumberStatement(sqlite: Sqlite, direction: 'in' | 'out') {
  return sqlite.prepare(`
    SELECT id, substr(issued_date, 1, 4) AS year
    FROM documents
    WHERE organisation_id = ? AND ${directionIs('direction', direction)} AND code_number = ?
      AND code_notation = ? COLLATE NOCASE AND id != ? AND id <= ?
    ORDER BY id`);
}

function isNumbered(f: DocumentFields): f is Numbered {
  return f.codeNumber !== null && f.codeNotation !== '';
}

function yearOf(f: DocumentFields): string | null {
  return f.issuedDate ? f.issuedDate.slice(0, 4) : null;
}

function detailsOfFields(f: DocumentFields): Details {
  return {
    organName: f.organName,
    arrivalNumber: f.arrivalNumber,
    arrivalDate: f.arrivalDate,
    issuer: foldName(f.organName),
  };
}

/** SQLite's NOCASE: ASCII letters only ("QĐ" and "qĐ" are equal, "Đ" and "đ" are not). */
function nocase(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  let folded = '';
  for (const char of text) folded += char >= 'A' && char <= 'Z' ? char.toLowerCase() : char;
  return folded;
}
const NON_ASCII = /[^\x00-\x7f]/;

function duplicateWarning(codeNumber: number, codeNotation: string, r: Details): Warning {
  return {
    code: 'DUPLICATE',
    message:
      r.arrivalNumber !== null && r.arrivalDate
        ? `Văn bản số ${codeNumber}/${codeNotation} của ${r.organName || 'cơ quan này'} đã vào sổ (số đến ${r.arrivalNumber}, ngày ${formatDateVi(r.arrivalDate)}). Hãy kiểm tra để tránh vào sổ hai lần.`
        : `Đã có văn bản số ${codeNumber}/${codeNotation} của ${r.organName || 'cơ quan này'} trong sổ. Hãy kiểm tra để tránh trùng.`,
  };
}
