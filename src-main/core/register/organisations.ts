/**
 * Organisations this workstation keeps registers for, their terms, registers and number
 * sequences. One workstation may keep several (a commune's Đảng ủy and UBND).
 */
import { VanThuError } from '../../../src-shared/ipc/errors';
import type { Regime } from '../../../src-shared/domain/enums';
import type { NumberSequence, Organisation, SetupInput, Term } from '../../../src-shared/ipc/schemas';
import type { Sqlite } from '../db/open';
import type { AuditLog } from '../audit';
import type { ReadCache } from '../db/read-cache';

interface OrganisationRow extends Omit<Organisation, 'terms' | 'numbersHere'> {
  numbersHere: number;
}

interface SequenceRow extends Omit<NumberSequence, 'typeCodes' | 'secret'> {
  typeCodes: string;
  secret: number;
}

export function createOrganisations(sqlite: Sqlite, audit: AuditLog, cache: ReadCache) {
  const listRows = sqlite.prepare(
    'SELECT id, organ_id AS organId, name, abbreviation, regime, numbers_here AS numbersHere FROM organisations ORDER BY id',
  );
  const termRows = sqlite.prepare(
    'SELECT id, name, start_date AS startDate, end_date AS endDate FROM terms WHERE organisation_id = ? ORDER BY start_date',
  );
  const sequenceRows = sqlite.prepare(`
    SELECT s.id, r.organisation_id AS organisationId, r.direction, s.name, s.type_codes AS typeCodes, s.secret,
           s.period_kind AS periodKind
    FROM sequences s JOIN registers r ON r.id = s.register_id
    WHERE r.organisation_id = ? ORDER BY r.direction, s.id`);
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

  function toSequence(row: SequenceRow): NumberSequence {
    return { ...row, typeCodes: JSON.parse(row.typeCodes) as string[], secret: row.secret === 1 };
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

    sequences(organisationId: number): NumberSequence[] {
      return cache.get(`sequences:${organisationId}`, () =>
        (sequenceRows.all(organisationId) as SequenceRow[]).map(toSequence),
      );
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

    /** Adds a committee term (a new nhiệm kỳ). Call inside a transaction. */
    addTerm(organisationId: number, term: Omit<Term, 'id'>, actor: string): number {
      const org = api.get(organisationId);
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

  return api;
}

export type Organisations = ReturnType<typeof createOrganisations>;
