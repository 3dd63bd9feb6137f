/**
 * Register entries: registering incoming documents, drafting and issuing outgoing ones,
 * cancelling, editing. Every change is one IMMEDIATE transaction together with its number, its
 * search-index row and its audit entry.
 */
import { VanThuError } from '../../../src-shared/ipc/errors';
import { formatCodeNotation } from '../../../src-shared/domain/notation';
import { formatDateVi, todayInVietnam, yearOf } from '../../../src-shared/domain/dates';
import { URGENCY_ORDER } from '../../../src-shared/domain/levels';
import { DocumentFields, type Document, type DocumentFile, type Warning } from '../../../src-shared/ipc/schemas';
import type { Sqlite } from '../db/open';
import type { ReadCache } from '../db/read-cache';
import type { AuditLog } from '../audit';
import type { Organisations } from './organisations';
import type { DocumentTypes } from './types';
import type { Numbering, NumberSource, Slot } from './numbering';
import { DOCUMENT_COLUMNS, rowToDocument, type DocumentRow } from './mapping';
import { createSearchIndex } from './search-index';
import { createRegisterCounts } from './register-counts';
import { createDuplicateCheck } from './duplicates';
import { uuidV7 } from '../db/uuid';

export interface FileRef {
  sha256: string;
  name: string;
}

export interface InsertOptions {
  /** Add a type the list does not know yet (imports of old registers) instead of refusing. */
  addUnknownType?: boolean;
  /** Where numbers come from: the counters table, or an import's counters held in memory. */
  numbers?: NumberSource;
  /** false: the caller audits the whole batch in one entry. */
  audited?: boolean;
  /** An import's duplicate check (DuplicateCheck.forImport); otherwise the register is asked. */
  duplicates?: (organisationId: number, fields: DocumentFields, id: number) => Warning[];
}

export interface Saved {
  document: Document;
  warnings: Warning[];
}

/** Field -> column for the fields a clerk types (organisationId and `to` are handled apart). */
const FIELD_COLUMNS = {
  typeName: 'type_name',
  codeNumber: 'code_number',
  codeNotation: 'code_notation',
  issuedDate: 'issued_date',
  organName: 'organ_name',
  organId: 'organ_id',
  subject: 'subject',
  pageAmount: 'page_amount',
  language: 'language',
  description: 'description',
  signerCompetence: 'signer_competence',
  signerPosition: 'signer_position',
  signerFullName: 'signer_full_name',
  toPlaces: 'to_places',
  issuedAmount: 'issued_amount',
  dueDate: 'due_date',
  urgency: 'urgency',
  secrecy: 'secrecy',
  circulation: 'circulation',
  fileCode: 'file_code',
  docOrdinal: 'doc_ordinal',
  arrivalNumber: 'arrival_number',
  arrivalDate: 'arrival_date',
  receivedVia: 'received_via',
  draftingUnit: 'drafting_unit',
} as const satisfies Partial<Record<keyof DocumentFields, string>>;
type ColumnField = keyof typeof FIELD_COLUMNS;
const COLUMN_FIELDS = Object.keys(FIELD_COLUMNS) as ColumnField[];

/** Fields that carry a given number: fixed once the number is given. */
const NUMBER_FIELDS: Record<'in' | 'out', (keyof DocumentFields)[]> = {
  in: ['arrivalNumber', 'arrivalDate'],
  out: ['codeNumber', 'codeNotation', 'issuedDate'],
};

export function createDocuments(
  sqlite: Sqlite,
  audit: AuditLog,
  organisations: Organisations,
  types: DocumentTypes,
  numbering: Numbering,
  cache: ReadCache,
) {
  // Positional parameters: an import inserts hundreds of thousands of rows, and binding by name
  // costs an object per row.
  const insertDoc = sqlite.prepare(`
    INSERT INTO documents (uid, organisation_id, direction, status, sequence_id, period_key, to_json, register_date,
      urgency_rank, created_by, ${COLUMN_FIELDS.map((f) => FIELD_COLUMNS[f]).join(', ')})
    VALUES (${Array.from({ length: 10 + COLUMN_FIELDS.length }, () => '?').join(', ')})`);
  const updateDoc = sqlite.prepare(`
    UPDATE documents SET status = @status, sequence_id = @sequenceId, period_key = @periodKey, to_json = @toJson,
      register_date = @registerDate, urgency_rank = @urgencyRank, cancel_reason = @cancelReason,
      updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'),
      ${COLUMN_FIELDS.map((f) => `${FIELD_COLUMNS[f]} = @${f}`).join(', ')}
    WHERE id = @id`);
  const selectDoc = sqlite.prepare(
    `SELECT ${DOCUMENT_COLUMNS}, d.sequence_id AS sequenceId, d.period_key AS periodKey, d.register_date AS registerDate
     FROM documents d WHERE d.id = ?`,
  );
  const selectFiles = sqlite.prepare(`
    SELECT f.sha256, f.size, f.media_type AS mediaType, f.page_count AS pageCount, df.name, df.role
    FROM document_files df JOIN files f ON f.sha256 = df.sha256 WHERE df.document_id = ? ORDER BY df.added_at, df.rowid`);
  const insertFile = sqlite.prepare(
    'INSERT OR IGNORE INTO document_files (document_id, sha256, name, role) VALUES (?, ?, ?, ?)',
  );
  const fileExists = sqlite.prepare('SELECT 1 FROM files WHERE sha256 = ?');
  // The file before signing stays as 'earlier': it is never rewritten, only superseded.
  const demoteMain = sqlite.prepare(
    "UPDATE document_files SET role = 'earlier' WHERE document_id = ? AND role = 'main'",
  );
  const search = createSearchIndex(sqlite);
  const counts = createRegisterCounts(sqlite);
  const duplicates = createDuplicateCheck(sqlite);
  const arrivalTaken = sqlite.prepare(
    "SELECT 1 FROM documents WHERE organisation_id = ? AND direction = 'in' AND period_key = ? AND arrival_number = ?",
  );
  const numberTaken = sqlite.prepare(
    'SELECT 1 FROM documents WHERE sequence_id = ? AND period_key = ? AND code_number = ?',
  );

  type StoredRow = DocumentRow & { sequenceId: number | null; periodKey: string | null; registerDate: string };

  function row(id: number): StoredRow {
    const found = selectDoc.get(id) as StoredRow | undefined;
    if (!found)
      throw new VanThuError('NOT_FOUND', 'Không tìm thấy văn bản này. Có thể văn bản đã bị xóa khỏi danh sách.');
    return found;
  }

  function get(id: number): Document {
    const { sequenceId: _s, periodKey: _p, registerDate: _r, ...stored } = row(id);
    return { ...rowToDocument(stored), files: selectFiles.all(id) as DocumentFile[] };
  }

  /** The type as the list spells it; unknown names are refused, or added when `addUnknownType`. */
  function resolveType(name: string, regime: 'party' | 'state', addUnknownType: boolean, warnings: Warning[]) {
    const known = types.find(name, regime);
    if (known) return known;
    if (!addUnknownType) {
      throw new VanThuError(
        'VALIDATION',
        `Loại văn bản "${name}" chưa có trong danh mục. Hãy chọn loại trong danh sách.`,
        [{ path: 'typeName', message: 'Loại văn bản chưa có trong danh mục' }],
      );
    }
    const added = types.add(name);
    warnings.push({
      code: 'TYPE_ADDED',
      message: `Đã thêm loại văn bản mới "${added.name}" (viết tắt ${added.code}) vào danh mục.`,
    });
    return added;
  }

  function insertValues(
    f: DocumentFields,
    head: {
      uid: string;
      organisationId: number;
      status: string;
      sequenceId: number | null;
      periodKey: string | null;
      registerDate: string;
      createdBy: string;
    },
  ): unknown[] {
    const values: unknown[] = [
      head.uid,
      head.organisationId,
      f.direction,
      head.status,
      head.sequenceId,
      head.periodKey,
      JSON.stringify(f.to),
      head.registerDate,
      URGENCY_ORDER[f.urgency],
      head.createdBy,
    ];
    for (const k of COLUMN_FIELDS) values.push(f[k]);
    return values;
  }

  function params(id: number | null, f: DocumentFields, extra: Record<string, unknown>): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const k of COLUMN_FIELDS) values[k] = f[k];
    return {
      ...values,
      ...(id === null ? {} : { id }),
      toJson: JSON.stringify(f.to),
      urgencyRank: URGENCY_ORDER[f.urgency],
      ...extra,
    };
  }

  function attach(id: number, refs: FileRef[], hasMain: boolean): void {
    refs.forEach((ref, i) => {
      if (!fileExists.get(ref.sha256)) {
        throw new VanThuError('NOT_FOUND', `Tệp "${ref.name}" chưa được tải lên. Hãy đính kèm lại tệp.`);
      }
      insertFile.run(id, ref.sha256, ref.name, !hasMain && i === 0 ? 'main' : 'attachment');
    });
  }

  /** Registers or drafts one document. Call inside an IMMEDIATE transaction. */
  function insert(fields: DocumentFields, refs: FileRef[], actor: string, opts: InsertOptions = {}) {
    const numbers = opts.numbers ?? numbering;
    const warnings: Warning[] = [];
    const org = organisations.get(fields.organisationId ?? organisations.defaultId());
    const type = resolveType(fields.typeName, org.regime, opts.addUnknownType ?? false, warnings);
    const f: DocumentFields = { ...fields, organisationId: org.id, typeName: type.name };
    let slot: Slot | null = null;
    let status: Document['status'];
    let registerDate: string;

    if (f.direction === 'in') {
      numbering.requireNumberingStation(org);
      f.arrivalDate ??= todayInVietnam();
      slot = numbers.slotFor(org, 'in', '', 'none', f.arrivalDate);
      if (f.arrivalNumber !== null) {
        if (arrivalTaken.get(org.id, slot.periodKey, f.arrivalNumber)) {
          throw new VanThuError('DUPLICATE', `Số đến ${f.arrivalNumber} năm ${yearOf(f.arrivalDate)} đã có trong sổ.`);
        }
        numbers.observe(slot, f.arrivalNumber);
      } else {
        f.arrivalNumber = numbers.next(slot);
      }
      status = 'registered';
      registerDate = f.arrivalDate;
    } else if (f.codeNumber !== null) {
      // An outgoing document that already has its number: a record of one issued before.
      if (!f.issuedDate) {
        throw new VanThuError('VALIDATION', 'Văn bản đi đã có số phải có ngày ban hành.', [
          { path: 'issuedDate', message: 'Hãy nhập ngày ban hành' },
        ]);
      }
      numbering.requireNumberingStation(org);
      slot = numbers.slotFor(org, 'out', type.code, f.secrecy, f.issuedDate);
      if (numberTaken.get(slot.sequenceId, slot.periodKey, f.codeNumber)) {
        throw new VanThuError('DUPLICATE', `Số ${f.codeNumber} đã được cấp trong cùng dãy số và kỳ.`);
      }
      numbers.observe(slot, f.codeNumber);
      f.codeNotation ||= formatCodeNotation(org.regime, {
        typeCode: type.code || null,
        organAbbr: org.abbreviation,
        unitAbbr: f.draftingUnit || null,
      });
      status = 'issued';
      registerDate = f.issuedDate;
    } else {
      status = 'draft';
      registerDate = f.issuedDate ?? todayInVietnam();
    }

    const id = Number(
      insertDoc.run(
        insertValues(f, {
          uid: uuidV7(),
          organisationId: org.id,
          status,
          sequenceId: slot?.sequenceId ?? null,
          periodKey: slot?.periodKey ?? null,
          registerDate,
          createdBy: actor,
        }),
      ).lastInsertRowid,
    );
    search.add(id, registerDate, f);
    counts.added(org.id, f.direction, registerDate, f.typeName);
    warnings.push(...(opts.duplicates ? opts.duplicates(org.id, f, id) : duplicates.warningsFor(org.id, f, id)));
    attach(id, refs, false);
    // An import writes one audit entry for all its rows (see bulkImport).
    if (opts.audited !== false)
      audit.append({
        actor,
        action: f.direction === 'in' ? 'document.register' : status === 'issued' ? 'document.record' : 'document.draft',
        entity: 'document',
        entityId: id,
        details: { arrivalNumber: f.arrivalNumber, codeNumber: f.codeNumber, files: refs.map((r) => r.sha256) },
      });
    changed(id, 'create');
    return { id, warnings };
  }

  function toFields(stored: StoredRow): DocumentFields {
    return DocumentFields.parse(rowToDocument(stored));
  }

  function save(
    id: number,
    stored: StoredRow,
    f: DocumentFields,
    extra: Partial<{ status: string; cancelReason: string; sequenceId: number | null; periodKey: string | null }>,
  ) {
    const registerDate = (f.direction === 'in' ? f.arrivalDate : f.issuedDate) ?? stored.createdAt.slice(0, 10);
    updateDoc.run(
      params(id, f, {
        status: extra.status ?? stored.status,
        cancelReason: extra.cancelReason ?? stored.cancelReason,
        sequenceId: extra.sequenceId !== undefined ? extra.sequenceId : stored.sequenceId,
        periodKey: extra.periodKey !== undefined ? extra.periodKey : stored.periodKey,
        registerDate,
      }),
    );
    search.replace(id, stored.registerDate, registerDate, f);
  }

  const tx = cache.transaction;

  /**
   * Told of every change, inside its transaction, so the organisation channel writes its outbox
   * row together with the change (ARCHITECTURE.md "Data"). `before`: the fields before an edit.
   */
  type Listener = (id: number, action: string, before?: DocumentFields) => void;
  const listeners: Listener[] = [];
  const changed: Listener = (id, action, before) => {
    for (const listener of listeners) listener(id, action, before);
  };
  const byUid = sqlite.prepare('SELECT id FROM documents WHERE uid = ?').pluck();
  // A recalled outgoing document (sync's recalls table) is frozen: nothing about it changes.
  const recalled = sqlite.prepare("SELECT 1 FROM recalls WHERE document_id = ? AND direction = 'out'").pluck();
  function requireNotRecalled(id: number): void {
    if (recalled.get(id)) throw new VanThuError('CONFLICT', 'Văn bản đã bị thu hồi nên không thay đổi được nữa.');
  }
  const deleteFiles = sqlite.prepare('DELETE FROM document_files WHERE document_id = ?');
  const insertFileRole = sqlite.prepare(
    'INSERT OR IGNORE INTO document_files (document_id, sha256, name, role) VALUES (?, ?, ?, ?)',
  );

  const latestArrival = sqlite
    .prepare(
      "SELECT max(register_date) FROM documents WHERE organisation_id = ? AND direction = 'in' AND register_date >= ? AND register_date < ?",
    )
    .pluck();

  const api = {
    get,
    insert,
    /** A duplicate check for an import's rows (InsertOptions.duplicates). */
    duplicatesForImport: duplicates.forImport,
    /**
     * For an import: call with each row just before it is stored, in order. An incoming row that
     * gets the next arrival number while the register already holds a later arrival of its year
     * is told so: numbers follow the order of registration, so the printed register will list
     * it after that later document.
     */
    arrivalOrderForImport() {
      const latest = new Map<string, string>();
      return (fields: DocumentFields): string | null => {
        if (fields.direction !== 'in' || fields.arrivalNumber !== null || !fields.arrivalDate) return null;
        const date = fields.arrivalDate;
        const organisationId = fields.organisationId ?? organisations.defaultId();
        const year = Number(date.slice(0, 4));
        const key = `${organisationId}|${year}`;
        const before =
          latest.get(key) ??
          ((latestArrival.get(organisationId, `${year}-01-01`, `${year + 1}-01-01`) as string | null) || '');
        latest.set(key, before > date ? before : date);
        return before > date
          ? `Ngày đến ${formatDateVi(date)} sớm hơn văn bản đến ngày ${formatDateVi(before)} đã có trong sổ: số đến cấp theo thứ tự vào sổ, nên văn bản này đứng sau văn bản đó.`
          : null;
      };
    },
    /** Whether the document's type is in the list of its organisation's regime. */
    knowsType(fields: DocumentFields): boolean {
      const org = organisations.get(fields.organisationId ?? organisations.defaultId());
      return types.find(fields.typeName, org.regime) !== null;
    },

    create(fields: DocumentFields, refs: FileRef[], actor: string): Saved {
      const { id, warnings } = tx(() => insert(fields, refs, actor));
      return { document: get(id), warnings };
    },

    update(id: number, changes: Partial<DocumentFields>, actor: string): Saved {
      return tx(() => {
        const stored = row(id);
        if (stored.status === 'cancelled') throw new VanThuError('CONFLICT', 'Văn bản đã hủy, không sửa được.');
        requireNotRecalled(id);
        const before = toFields(stored);
        const locked = stored.status === 'draft' ? ['codeNumber' as const] : NUMBER_FIELDS[stored.direction];
        for (const key of [...locked, 'direction' as const, 'organisationId' as const]) {
          if (key in changes && changes[key] !== undefined && changes[key] !== before[key]) {
            throw new VanThuError(
              'CONFLICT',
              'Không sửa được số, ngày đã cấp hoặc chiều văn bản. Nếu sai, hãy hủy văn bản và vào sổ lại.',
              [{ path: key, message: 'Trường này không sửa được' }],
            );
          }
        }
        const org = organisations.get(stored.organisationId);
        if (!org.numbersHere) {
          // The register belongs to the numbering workstation; here only notes are added.
          const other = Object.keys(changes).find(
            (k) =>
              k !== 'description' &&
              JSON.stringify(changes[k as keyof DocumentFields]) !== JSON.stringify(before[k as keyof DocumentFields]),
          );
          if (other) {
            throw new VanThuError(
              'FORBIDDEN',
              'Máy này không phải máy cấp số của cơ quan: chỉ ghi chú được; các trường của sổ do văn thư sửa.',
              [{ path: other, message: 'Chỉ máy cấp số sửa được trường này' }],
            );
          }
        }
        const merged = DocumentFields.parse({ ...before, ...changes });
        const warnings: Warning[] = [];
        merged.typeName = resolveType(merged.typeName, org.regime, false, warnings).name;
        save(id, stored, merged, {});
        const changed = Object.keys(changes).filter(
          (k) =>
            JSON.stringify(changes[k as keyof DocumentFields]) !== JSON.stringify(before[k as keyof DocumentFields]),
        );
        audit.append({ actor, action: 'document.update', entity: 'document', entityId: id, details: { changed } });
        if (changed.length > 0) api.notify(id, 'update', before);
        warnings.push(...duplicates.warningsFor(org.id, merged, id));
        return { document: get(id), warnings };
      });
    },

    /** Gives a draft its number and date: the moment an outgoing document is issued. */
    /**
     * The number and notation issuing would give now, without taking the number: the
     * organisation's signature is made with them first, and only a signed PDF gets the number.
     */
    previewIssue(id: number, issuedDate: string | undefined) {
      const stored = row(id);
      if (stored.direction !== 'out' || stored.status !== 'draft') {
        throw new VanThuError('CONFLICT', 'Chỉ phát hành được văn bản đi đang là dự thảo.');
      }
      const org = organisations.get(stored.organisationId);
      numbering.requireNumberingStation(org);
      const f = toFields(stored);
      const type = resolveType(f.typeName, org.regime, false, []);
      const date = issuedDate ?? todayInVietnam();
      const slot = numbering.slotFor(org, 'out', type.code, f.secrecy, date);
      const codeNotation = formatCodeNotation(org.regime, {
        typeCode: type.code || null,
        organAbbr: org.abbreviation,
        unitAbbr: f.draftingUnit || null,
      });
      return { org, stored, fields: f, slot, issuedDate: date, codeNotation, codeNumber: numbering.peek(slot) };
    },

    /**
     * Gives a draft its number and date. With `signedFile`, the organisation's signed PDF (made
     * for `expectNumber`) becomes the main file in the same transaction; if that number was taken
     * meanwhile, nothing changes and CONFLICT tells the caller to sign again.
     */
    issue(
      id: number,
      issuedDate: string | undefined,
      actor: string,
      signed?: { expectNumber: number; file: FileRef },
    ): Saved {
      return tx(() => {
        const preview = api.previewIssue(id, issuedDate);
        const { stored, slot } = preview;
        const f = { ...preview.fields, issuedDate: preview.issuedDate, codeNotation: preview.codeNotation };
        f.codeNumber = numbering.next(slot);
        if (signed && f.codeNumber !== signed.expectNumber) {
          throw new VanThuError('CONFLICT', 'Số vừa được cấp cho văn bản khác. Hãy ký lại để nhận số mới.');
        }
        save(id, stored, f, { status: 'issued', ...slot });
        if (signed) {
          demoteMain.run(id);
          attach(id, [signed.file], false);
        }
        audit.append({
          actor,
          action: 'document.issue',
          entity: 'document',
          entityId: id,
          details: { codeNumber: f.codeNumber, codeNotation: f.codeNotation, ...slot },
        });
        changed(id, 'issue');
        return { document: get(id), warnings: [] };
      });
    },

    /** A voided document keeps its number, marked cancelled; the number is never given again. */
    cancel(id: number, reason: string, actor: string): Document {
      return tx(() => {
        const stored = row(id);
        if (stored.status === 'cancelled') throw new VanThuError('CONFLICT', 'Văn bản này đã hủy trước đó.');
        save(id, stored, toFields(stored), { status: 'cancelled', cancelReason: reason });
        audit.append({ actor, action: 'document.cancel', entity: 'document', entityId: id, details: { reason } });
        changed(id, 'cancel');
        return get(id);
      });
    },

    attachFile(id: number, ref: FileRef, actor: string): Document {
      return tx(() => {
        const stored = row(id);
        if (stored.status === 'cancelled')
          throw new VanThuError('CONFLICT', 'Văn bản đã hủy, không đính kèm thêm được.');
        attach(
          id,
          [ref],
          (selectFiles.all(id) as DocumentFile[]).some((f) => f.role === 'main'),
        );
        audit.append({
          actor,
          action: 'document.attachFile',
          entity: 'document',
          entityId: id,
          details: { sha256: ref.sha256 },
        });
        changed(id, 'attachFile');
        return get(id);
      });
    },

    /**
     * A new version of the main file (the PDF with one more signature) becomes the main file;
     * the one it extends stays attached, untouched.
     */
    supersedeMain(id: number, ref: FileRef, actor: string, details: Record<string, unknown>): Document {
      return tx(() => {
        const stored = row(id);
        if (stored.status === 'cancelled') throw new VanThuError('CONFLICT', 'Văn bản đã hủy, không ký được nữa.');
        requireNotRecalled(id);
        demoteMain.run(id);
        attach(id, [ref], false);
        audit.append({
          actor,
          action: 'document.sign',
          entity: 'document',
          entityId: id,
          details: { sha256: ref.sha256, ...details },
        });
        changed(id, 'sign');
        return get(id);
      });
    },

    /** Registers a listener of changes (the organisation channel). */
    observe(listener: Listener): void {
      listeners.push(listener);
    },

    notify(id: number, action: string, before?: DocumentFields): void {
      changed(id, action, before);
    },

    idByUid(uid: string): number | null {
      return (byUid.get(uid) as number | undefined) ?? null;
    },

    /**
     * The register entry as the numbering workstation has it, mirrored on another workstation
     * of the same organisation (which never numbers). Its files must already be stored here.
     */
    mirror(snapshot: MirrorSnapshot, actor: string): number {
      return tx(() => {
        const org = organisations.list().find((o) => o.organId === snapshot.organId);
        if (!org) throw new VanThuError('NOT_FOUND', `Máy này không giữ sổ của cơ quan ${snapshot.organId}.`);
        if (org.numbersHere) {
          throw new VanThuError(
            'CONFLICT',
            'Máy này là máy cấp số của cơ quan: sổ ở đây không nhận bản sao từ máy khác.',
          );
        }
        const f = DocumentFields.parse({ ...snapshot.fields, organisationId: org.id });
        const existing = byUid.get(snapshot.uid) as number | undefined;
        let id: number;
        if (existing !== undefined) {
          id = existing;
          save(id, row(id), f, { status: snapshot.status, cancelReason: snapshot.cancelReason });
        } else {
          const registerDate = (f.direction === 'in' ? f.arrivalDate : f.issuedDate) ?? snapshot.createdAt.slice(0, 10);
          id = Number(
            insertDoc.run(
              insertValues(f, {
                uid: snapshot.uid,
                organisationId: org.id,
                status: snapshot.status,
                sequenceId: null,
                periodKey: null,
                registerDate,
                createdBy: snapshot.createdBy,
              }),
            ).lastInsertRowid,
          );
          search.add(id, registerDate, f);
          counts.added(org.id, f.direction, registerDate, f.typeName);
        }
        deleteFiles.run(id);
        for (const file of snapshot.files) {
          if (!fileExists.get(file.sha256)) throw new VanThuError('NOT_FOUND', `Thiếu tệp ${file.name} của văn bản.`);
          insertFileRole.run(id, file.sha256, file.name, file.role);
        }
        audit.append({
          actor,
          action: 'document.mirror',
          entity: 'document',
          entityId: id,
          details: { uid: snapshot.uid },
        });
        return id;
      });
    },
  };
  return api;
}

/** An entry already in the register with the same number and notation. */
/** A register entry as it travels on the organisation channel. */
export interface MirrorSnapshot {
  uid: string;
  organId: string;
  status: Document['status'];
  cancelReason: string;
  createdBy: string;
  createdAt: string;
  fields: DocumentFields;
  files: { sha256: string; name: string; role: DocumentFile['role'] }[];
}

export type Documents = ReturnType<typeof createDocuments>;
