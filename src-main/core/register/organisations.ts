/**
 * Organisations this workstation keeps registers for, their terms, registers and number
 * sequences. One workstation may keep several (a commune's Đảng ủy and UBND).
 */
import { VanThuError } from '../../../src-shared/ipc/errors';
import type { Regime } from '../../../src-shared/domain/enums';
import { formatDateVi } from '../../../src-shared/domain/dates';
import { termsOverlap } from '../../../src-shared/domain/period';
import type { NumberSequence, Organisation, SetupInput, Term } from '../../../src-shared/ipc/schemas';
import type { Sqlite } from '../db/open';
import type { AuditLog } from '../audit';
import type { ReadCache } from '../db/read-cache';

interface OrganisationRow extends Omit<Organisation, 'terms' | 'numbersHere'> {
  numbersHere: number;
}

interface SequenceRow extends Omit<NumberSequence, 'typeCodes' | 'secret'> {
  registerId: number;
  typeCodes: string;
  secret: number;
  retired: number;
}

/** A sequence as the administration sees it: retired ones too (their numbers stay on record). */
export interface SequenceRecord extends NumberSequence {
  registerId: number;
  retired: boolean;
}

/** What an administrator may change of an organisation's identity. */
export interface OrganisationEdit {
  name: string;
  abbreviation: string;
  organId: string;
}

function termEndError(message: string): VanThuError {
  return new VanThuError('VALIDATION', message, [{ path: 'endDate', message }]);
}

export function createOrganisations(sqlite: Sqlite, audit: AuditLog, cache: ReadCache) {
  const listRows = sqlite.prepare(
    'SELECT id, organ_id AS organId, name, abbreviation, regime, numbers_here AS numbersHere FROM organisations ORDER BY id',
  );
  const termRows = sqlite.prepare(
    'SELECT id, name, start_date AS startDate, end_date AS endDate FROM terms WHERE organisation_id = ? ORDER BY start_date',
  );
  const sequenceRows = sqlite.prepare(`
    SELECT s.id, s.register_id AS registerId, r.organisation_id AS organisationId, r.direction, s.name,
           s.type_codes AS typeCodes, s.secret, s.period_kind AS periodKind, s.retired
    FROM sequences s JOIN registers r ON r.id = s.register_id
    WHERE r.organisation_id = ? ORDER BY r.direction, s.id`);
  const updateOrganisation = sqlite.prepare(
    'UPDATE organisations SET name = ?, abbreviation = ?, organ_id = ? WHERE id = ?',
  );
  const organIdTaken = sqlite.prepare('SELECT 1 FROM organisations WHERE organ_id = ? AND id <> ?');
  /** The organisation this workstation is known as on the inbox server, if it is connected. */
  const enrolledOrganId = sqlite.prepare('SELECT organ_id FROM sync_state WHERE id = 1').pluck();
  const closeTermRow = sqlite.prepare('UPDATE terms SET end_date = ? WHERE id = ? AND organisation_id = ?');
  /** Entries already in the register after a date (numbered or received). */
  const lastEntryAfter = sqlite
    .prepare(
      "SELECT max(register_date) FROM documents WHERE organisation_id = ? AND status <> 'draft' AND register_date > ? AND register_date >= ?",
    )
    .pluck();
  const setTypeCodesRow = sqlite.prepare('UPDATE sequences SET type_codes = ?, name = ? WHERE id = ?');
  // The codes stay on a retired sequence, so its record still says what it counted.
  const retireRow = sqlite.prepare('UPDATE sequences SET retired = 1 WHERE id = ?');
  const registerOf = sqlite
    .prepare('SELECT id FROM registers WHERE organisation_id = ? AND direction = ? ORDER BY id LIMIT 1')
    .pluck();
  const insertSequence = sqlite.prepare(
    'INSERT INTO sequences (register_id, name, type_codes, secret, period_kind) VALUES (?, ?, ?, ?, ?)',
  );

  function terms(organisationId: number): Term[] {
    return termRows.all(organisationId) as Term[];
  }

  function toOrganisation(row: OrganisationRow): Organisation {
    return { ...row, numbersHere: row.numbersHere === 1, terms: terms(row.id) };
  }

  function toRecord(row: SequenceRow): SequenceRecord {
    return {
      ...row,
      typeCodes: JSON.parse(row.typeCodes) as string[],
      secret: row.secret === 1,
      retired: row.retired === 1,
    };
  }

  function allSequences(organisationId: number): SequenceRecord[] {
    return cache.get(`sequenceRecords:${organisationId}`, () =>
      (sequenceRows.all(organisationId) as SequenceRow[]).map(toRecord),
    );
  }

  /** Terms must not overlap: one date would then belong to two series (period.ts). */
  function requireNoOverlap(all: Term[]): void {
    if (termsOverlap(all)) {
      throw new VanThuError(
        'VALIDATION',
        'Nhiệm kỳ này trùng thời gian với nhiệm kỳ đã có. Hãy đóng nhiệm kỳ hiện tại trước ngày bắt đầu nhiệm kỳ mới.',
        [{ path: 'startDate', message: 'Trùng thời gian với nhiệm kỳ đã có' }],
      );
    }
  }

  const api = {
    list(): Organisation[] {
      return cache.get('organisations', () => (listRows.all() as OrganisationRow[]).map(toOrganisation));
    },

    get(id: number): Organisation {
      const found = api.list().find((o) => o.id === id);
      if (!found) throw new VanThuError('NOT_FOUND', 'Không tìm thấy cơ quan này. Hãy chọn lại cơ quan.');
      return found;
    },

    /** The organisation used when a call names none: the first one set up. */
    defaultId(): number {
      const first = api.list()[0];
      if (!first) throw new VanThuError('CONFLICT', 'VanThu chưa được thiết lập. Hãy chạy thiết lập lần đầu.');
      return first.id;
    },

    terms,

    /** The sequences numbers may come from (retired ones are left out). */
    sequences(organisationId: number): NumberSequence[] {
      return cache.get(`sequences:${organisationId}`, () =>
        allSequences(organisationId)
          .filter((s) => !s.retired)
          .map(({ registerId: _r, retired: _x, ...s }) => s),
      );
    },

    allSequences,

    /** Sets the types a sequence counts; one left with none is retired, not made a catch-all. */
    setTypeCodes(sequenceId: number, typeCodes: string[], name: string): void {
      cache.invalidate();
      if (typeCodes.length === 0) retireRow.run(sequenceId);
      else setTypeCodesRow.run(JSON.stringify(typeCodes), name, sequenceId);
    },

    /**
     * Changes the organisation's name, abbreviation or OrganId. Call inside a transaction. The
     * abbreviation goes into notations and the OrganId is how the inbox server and the
     * organisation's other workstations know it, so only the numbering workstation changes
     * them, and the OrganId not while the workstation is connected under it.
     */
    update(id: number, edit: OrganisationEdit, actor: string): Organisation {
      const before = api.get(id);
      const changesIdentity = edit.abbreviation !== before.abbreviation || edit.organId !== before.organId;
      if (changesIdentity && !before.numbersHere) {
        throw new VanThuError(
          'NOT_NUMBERING_STATION',
          `Máy này không cấp số cho ${before.name}: tên viết tắt và mã định danh chỉ được sửa trên máy văn thư cấp số.`,
        );
      }
      if (edit.organId !== before.organId) {
        if (organIdTaken.get(edit.organId, id)) {
          throw new VanThuError('CONFLICT', `Mã định danh ${edit.organId} đã có trong VanThu.`, [
            { path: 'organId', message: 'Mã định danh đã có' },
          ]);
        }
        if (enrolledOrganId.get() === before.organId) {
          throw new VanThuError(
            'CONFLICT',
            `Máy đang kết nối liên thông với mã định danh ${before.organId}; đổi mã sẽ làm mất liên thông. Hãy nhờ quản trị máy chủ liên thông cấp mã kết nối mới cho mã định danh mới.`,
            [{ path: 'organId', message: 'Đang dùng để liên thông' }],
          );
        }
      }
      const changed = (['name', 'abbreviation', 'organId'] as const).filter((k) => edit[k] !== before[k]);
      if (changed.length === 0) return before;
      cache.invalidate();
      updateOrganisation.run(edit.name, edit.abbreviation, edit.organId, id);
      audit.append({
        actor,
        action: 'organisation.update',
        entity: 'organisation',
        entityId: id,
        details: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: edit[k] }])),
      });
      return api.get(id);
    },

    /**
     * Closes the running term on `endDate`. Entries already dated after it would fall outside
     * every term, so the end cannot come before them. Call inside a transaction.
     */
    closeTerm(organisationId: number, termId: number, endDate: string, actor: string): Organisation {
      const org = api.get(organisationId);
      requireNumbering(org);
      const term = org.terms.find((t) => t.id === termId);
      if (!term) throw new VanThuError('NOT_FOUND', 'Không tìm thấy nhiệm kỳ này. Hãy tải lại danh sách.');
      if (term.endDate !== null) {
        throw new VanThuError('CONFLICT', `Nhiệm kỳ ${term.name} đã kết thúc ngày ${formatDateVi(term.endDate)}.`);
      }
      if (endDate < term.startDate) {
        throw termEndError(`Ngày kết thúc phải từ ngày bắt đầu nhiệm kỳ (${formatDateVi(term.startDate)}) trở đi.`);
      }
      const last = lastEntryAfter.get(organisationId, endDate, term.startDate) as string | null;
      if (last) {
        throw termEndError(
          `Đã có văn bản vào sổ ngày ${formatDateVi(last)}, sau ngày kết thúc này. Hãy chọn ngày kết thúc từ ${formatDateVi(last)} trở đi.`,
        );
      }
      cache.invalidate();
      closeTermRow.run(endDate, termId, organisationId);
      audit.append({
        actor,
        action: 'term.close',
        entity: 'organisation',
        entityId: organisationId,
        details: { termId, name: term.name, endDate },
      });
      return api.get(organisationId);
    },

    registerId(organisationId: number, direction: 'in' | 'out'): number {
      const id = registerOf.get(organisationId, direction) as number | undefined;
      if (id === undefined) throw new VanThuError('INTERNAL', 'Cơ quan chưa có sổ đăng ký.');
      return id;
    },

    addSequence(registerId: number, s: Omit<NumberSequence, 'id' | 'organisationId' | 'direction'>): number {
      cache.invalidate();
      return Number(
        insertSequence.run(registerId, s.name, JSON.stringify(s.typeCodes), s.secret ? 1 : 0, s.periodKind)
          .lastInsertRowid,
      );
    },

    /** Adds a committee term (a new nhiệm kỳ), overlapping none. Call inside a transaction. */
    addTerm(organisationId: number, term: Omit<Term, 'id'>, actor: string): number {
      const org = api.get(organisationId);
      requireNumbering(org);
      if (term.endDate !== null && term.endDate < term.startDate) {
        throw termEndError('Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.');
      }
      requireNoOverlap([...org.terms, { ...term, id: 0 }]);
      cache.invalidate();
      const id = Number(
        sqlite
          .prepare('INSERT INTO terms (organisation_id, name, start_date, end_date) VALUES (?, ?, ?, ?)')
          .run(organisationId, term.name, term.startDate, term.endDate).lastInsertRowid,
      );
      audit.append({ actor, action: 'term.add', entity: 'organisation', entityId: org.id, details: { ...term } });
      return id;
    },

    /**
     * Creates an organisation with its term, its incoming and outgoing registers and their
     * sequences. Call inside a transaction.
     */
    add(input: Pick<SetupInput, 'organisation' | 'term' | 'sharedCounters'>, actor: string): number {
      const o = input.organisation;
      cache.invalidate();
      if (sqlite.prepare('SELECT 1 FROM organisations WHERE organ_id = ?').get(o.organId)) {
        throw new VanThuError('CONFLICT', `Mã định danh ${o.organId} đã có trong VanThu.`);
      }
      if (input.term.endDate && input.term.endDate < input.term.startDate) {
        throw new VanThuError('VALIDATION', 'Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.', [
          { path: 'term.endDate', message: 'Ngày kết thúc phải sau ngày bắt đầu' },
        ]);
      }
      const id = Number(
        sqlite
          .prepare(
            'INSERT INTO organisations (organ_id, name, abbreviation, regime, numbers_here) VALUES (?, ?, ?, ?, ?)',
          )
          .run(o.organId, o.name, o.abbreviation, o.regime, o.numbersHere ? 1 : 0).lastInsertRowid,
      );
      sqlite
        .prepare('INSERT INTO terms (organisation_id, name, start_date, end_date) VALUES (?, ?, ?, ?)')
        .run(id, input.term.name, input.term.startDate, input.term.endDate);
      const insertRegister = sqlite.prepare(
        'INSERT INTO registers (organisation_id, direction, name) VALUES (?, ?, ?)',
      );
      const inRegister = Number(insertRegister.run(id, 'in', 'Sổ đăng ký văn bản đến').lastInsertRowid);
      const outRegister = Number(insertRegister.run(id, 'out', 'Sổ đăng ký văn bản đi').lastInsertRowid);
      // Arrival numbers: one series a year for paper and electronic alike (DOMAIN.md).
      api.addSequence(inRegister, { name: 'Số đến', typeCodes: [], secret: false, periodKind: 'year' });
      addOutgoingSequences(outRegister, o.regime, input.sharedCounters);
      audit.append({ actor, action: 'organisation.add', entity: 'organisation', entityId: id, details: { ...o } });
      return id;
    },
  };

  /** Terms and sequences decide numbers: only the workstation that gives them may change them. */
  function requireNumbering(org: Organisation): void {
    if (!org.numbersHere) {
      throw new VanThuError(
        'NOT_NUMBERING_STATION',
        `Máy này không cấp số cho ${org.name}: nhiệm kỳ và dãy số chỉ được sửa trên máy văn thư cấp số.`,
      );
    }
  }

  /**
   * State organs: one yearly series for all types plus a separate one for secret documents.
   * Party organs: a series per type for the whole term (made on first use), secret documents
   * sharing it; types named together in `sharedCounters` share one counter.
   */
  function addOutgoingSequences(registerId: number, regime: Regime, shared: string[][]): void {
    const periodKind = regime === 'state' ? 'year' : 'term';
    for (const group of shared) {
      api.addSequence(registerId, { name: group.join(' + '), typeCodes: group, secret: false, periodKind });
    }
    if (regime === 'state') {
      api.addSequence(registerId, { name: 'Văn bản đi', typeCodes: [], secret: false, periodKind });
      api.addSequence(registerId, { name: 'Văn bản mật', typeCodes: [], secret: true, periodKind });
    }
  }

  return { ...api, requireNumbering };
}

export type Organisations = ReturnType<typeof createOrganisations>;
