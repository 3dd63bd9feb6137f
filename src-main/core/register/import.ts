/**
 * `vanthu import`: documents in the flat shape from a JSON array or a CSV file. Good rows are
 * kept and bad ones reported by row number (1-based, a CSV header not counted); the whole
 * import is one transaction, so an interruption leaves no partial rows.
 */
import path from 'node:path';
import { VanThuError, issuesFromZod } from '../../../src-shared/ipc/errors';
import { formatDateVi, parseDateInput, todayInVietnam } from '../../../src-shared/domain/dates';
import { parseSecrecy, parseUrgency } from '../../../src-shared/domain/levels';
import { parseNumberNotation } from '../../../src-shared/domain/notation';
import { DocumentFields } from '../../../src-shared/ipc/schemas';
import type { AuditLog } from '../audit';
import type { Documents } from './documents';
import type { Numbering } from './numbering';
import { csvRecords } from './csv';

export interface ImportReport {
  imported: number;
  refused: { row: number; reason: string }[];
  warnings: { row: number; message: string }[];
}

/** Built once: zod compiles a schema's fast path on first use, per schema object. */
const StrictFields = DocumentFields.strict();

const INTEGER_FIELDS = ['codeNumber', 'pageAmount', 'issuedAmount', 'docOrdinal', 'arrivalNumber', 'organisationId'];
const DATE_FIELDS = ['issuedDate', 'dueDate', 'arrivalDate'];
const REQUIRED_TEXT = ['typeName', 'subject'];

/** Where JSON.parse stopped, as line and column (its own message is English). */
function whereJsonBreaks(text: string, error: Error): string {
  if (/Unexpected end of JSON/.test(error.message)) return 'tệp dừng giữa chừng (có thể bị cắt dở).';
  const at = /in JSON at position (\d+)/.exec(error.message);
  if (!at) return 'tệp không đúng cú pháp JSON (dấu phẩy thừa, nháy đơn hay chữ lạ ngoài nháy kép?).';
  if (Number(at[1]) >= text.trimEnd().length) return 'tệp dừng giữa chừng (có thể bị cắt dở).';
  const before = text.slice(0, Number(at[1])).split('\n');
  return `sai cú pháp JSON ở dòng ${before.length}, cột ${(before.at(-1)?.length ?? 0) + 1}.`;
}

/** Reads the records of a JSON array or CSV file; a file that is neither is refused whole. */
export function readImportFile(name: string, content: string): Record<string, unknown>[] {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  if (path.extname(name).toLowerCase() === '.json' || text.trimStart().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new VanThuError('VALIDATION', `Tệp JSON không đọc được: ${whereJsonBreaks(text, e as Error)}`);
    }
    if (!Array.isArray(parsed)) throw new VanThuError('VALIDATION', 'Tệp JSON phải là một mảng các văn bản.');
    return parsed as Record<string, unknown>[];
  }
  try {
    return csvRecords(text);
  } catch (e) {
    throw new VanThuError('VALIDATION', (e as Error).message);
  }
}

/** Turns a record's spellings into the canonical shape; returns a reason when one is wrong. */
export function normaliseRecord(record: unknown): { ok: true; fields: DocumentFields } | { ok: false; reason: string } {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { ok: false, reason: 'không phải một văn bản (cần một đối tượng JSON)' };
  }
  const r: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (v !== '' && v !== null && v !== undefined) r[k] = v;
  // The fields every document must have are looked at even when absent, so the reason is the
  // field's own ("Hãy nhập trích yếu"), not that a value of no type was given.
  for (const k of REQUIRED_TEXT) r[k] ??= '';
  for (const k of INTEGER_FIELDS) {
    if (typeof r[k] !== 'string') continue;
    if (!/^\s*\d+\s*$/.test(r[k])) return { ok: false, reason: `${k}: "${r[k]}" không phải số nguyên dương` };
    r[k] = Number(r[k]);
  }
  for (const k of DATE_FIELDS) {
    if (typeof r[k] === 'string') {
      const iso = parseDateInput(r[k]);
      if (!iso)
        return { ok: false, reason: `${k}: "${r[k]}" không phải ngày hợp lệ (dạng yyyy-mm-dd hoặc dd/mm/yyyy)` };
      r[k] = iso;
    }
  }
  if (r.urgency !== undefined) {
    const u = parseUrgency(r.urgency as string | number);
    if (!u)
      return {
        ok: false,
        reason: `urgency: độ khẩn "${String(r.urgency)}" không hợp lệ (thường, khẩn, thượng khẩn, hỏa tốc, hỏa tốc hẹn giờ)`,
      };
    r.urgency = u;
  }
  if (r.secrecy !== undefined) {
    const s = parseSecrecy(r.secrecy as string | number);
    if (!s)
      return {
        ok: false,
        reason: `secrecy: độ mật "${String(r.secrecy)}" không hợp lệ (thường, mật, tối mật, tuyệt mật)`,
      };
    r.secrecy = s;
  }
  if (typeof r.direction === 'string') {
    const d = r.direction.trim().toLowerCase();
    r.direction = d === 'den' || d === 'đến' ? 'in' : d === 'di' || d === 'đi' ? 'out' : d;
  }
  // "Số, ký hiệu" as one column, e.g. "Số: 15/QĐ-UBND".
  if (r.codeNumber === undefined && typeof r.numberNotation === 'string') {
    const parsed = parseNumberNotation(r.numberNotation);
    if (!parsed)
      return {
        ok: false,
        reason: `numberNotation: "${r.numberNotation}" không phải số, ký hiệu (ví dụ Số: 15/QĐ-UBND)`,
      };
    r.codeNumber = parsed.codeNumber;
    r.codeNotation = parsed.codeNotation;
  }
  delete r.numberNotation;
  if (typeof r.to === 'string') {
    try {
      r.to = JSON.parse(r.to);
    } catch {
      return { ok: false, reason: 'to: cần một mảng JSON dạng [{"organId", "organName"}]' };
    }
  }
  const parsed = StrictFields.safeParse(r);
  if (!parsed.success) {
    return {
      ok: false,
      reason: issuesFromZod(parsed.error)
        .map((i) => `${i.path || 'record'}: ${i.message}`)
        .join('; '),
    };
  }
  return { ok: true, fields: parsed.data };
}

/**
 * A register records what has happened: a date after today in an old register is most likely
 * mistyped (2031 for 2013). The row is kept, numbered in its year, and the clerk told.
 */
function laterThanToday(f: DocumentFields, today: string): string | null {
  const [field, date] =
    f.direction === 'in' ? ['Ngày đến', f.arrivalDate] : ['Ngày ban hành', f.codeNumber === null ? null : f.issuedDate];
  return date && date > today
    ? `${field} ${formatDateVi(date)} sau hôm nay (${formatDateVi(today)}): hãy kiểm tra lại.`
    : null;
}

export interface ImportDeps {
  transaction: <T>(fn: () => T) => T;
  documents: Documents;
  numbering: Numbering;
  audit: AuditLog;
}

export function importRecords(
  deps: ImportDeps,
  records: unknown[],
  actor: string,
  organisationId?: number,
): ImportReport {
  const { transaction, documents } = deps;
  const report: ImportReport = { imported: 0, refused: [], warnings: [] };
  const valid: { row: number; fields: DocumentFields }[] = [];
  records.forEach((record, i) => {
    const result = normaliseRecord(record);
    if (result.ok)
      valid.push({
        row: i + 1,
        fields: { ...result.fields, organisationId: organisationId ?? result.fields.organisationId },
      });
    else report.refused.push({ row: i + 1, reason: result.reason });
  });

  // Supplied arrival numbers are kept; missing ones are given in arrival-date order within each
  // year, after the supplied ones, so the register reads in order of receipt.
  const supplied = valid.filter((v) => v.fields.direction !== 'in' || v.fields.arrivalNumber !== null);
  const toNumber = valid
    .filter((v) => v.fields.direction === 'in' && v.fields.arrivalNumber === null)
    .sort((a, b) => (a.fields.arrivalDate ?? '9999').localeCompare(b.fields.arrivalDate ?? '9999') || a.row - b.row);

  const today = todayInVietnam();
  transaction(() => {
    // Counters stay in memory for the import and are written once at its end; one audit entry
    // stands for the whole import (each row is still checked against the unique indexes).
    const numbers = deps.numbering.batch();
    const duplicates = documents.duplicatesForImport();
    const arrivalOrder = documents.arrivalOrderForImport();
    const ids: number[] = [];
    for (const { row, fields } of [...supplied, ...toNumber]) {
      try {
        // insert checks everything before it writes, so a refused row leaves nothing behind;
        // only adding an unknown type writes first, and that row gets a savepoint of its own.
        // (A savepoint per row would copy every page the row touches: a third of the time.)
        const one = () =>
          documents.insert(fields, [], actor, { addUnknownType: true, numbers, audited: false, duplicates });
        const outOfOrder = arrivalOrder(fields);
        const { id, warnings } = documents.knowsType(fields) ? one() : transaction(one);
        ids.push(id);
        report.imported++;
        for (const w of warnings) report.warnings.push({ row, message: w.message });
        if (outOfOrder) report.warnings.push({ row, message: outOfOrder });
        const future = laterThanToday(fields, today);
        if (future) report.warnings.push({ row, message: future });
      } catch (error) {
        if (!(error instanceof VanThuError)) throw error;
        report.refused.push({ row, reason: error.message });
      }
    }
    numbers.flush();
    if (ids.length > 0)
      deps.audit.append({
        actor,
        action: 'document.import',
        entity: 'document',
        entityId: 'import',
        details: { imported: ids.length, refused: report.refused.length, firstId: ids[0], lastId: ids.at(-1) },
      });
  });
  report.refused.sort((a, b) => a.row - b.row);
  report.warnings.sort((a, b) => a.row - b.row);
  return report;
}
