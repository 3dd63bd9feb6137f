/**
 * Gives out numbers. A number is taken from its sequence's counter inside the caller's
 * IMMEDIATE transaction, so it is written together with the document that carries it: no gap
 * when something fails, no duplicate under concurrent use, never reused.
 */
import { VanThuError } from '../../../src-shared/ipc/errors';
import { isSecret, type Direction, type Secrecy } from '../../../src-shared/domain/enums';
import { periodFor } from '../../../src-shared/domain/period';
import type { NumberSequence, Organisation } from '../../../src-shared/ipc/schemas';
import type { Regime } from '../../../src-shared/domain/enums';
import type { Sqlite } from '../db/open';
import type { Organisations } from './organisations';

export interface Slot {
  sequenceId: number;
  periodKey: string;
}

/** What a registration takes numbers from (see Numbering.batch). */
export interface NumberSource {
  slotFor(org: Organisation, direction: Direction, typeCode: string, secrecy: Secrecy, date: string): Slot;
  next(slot: Slot): number;
  observe(slot: Slot, number: number): void;
}

/**
 * The outgoing sequence a type's numbers come from, among a register's active sequences: the one
 * naming its code, else the catch-all (no codes). Party organs keep secret documents in the
 * ordinary series; state organs in their own. Null: none yet (a Party type's own series is made
 * on first use).
 */
export function findOutgoingSequence<S extends NumberSequence>(
  sequences: readonly S[],
  regime: Regime,
  typeCode: string,
  secrecy: Secrecy,
): S | null {
  const secret = regime === 'state' && isSecret(secrecy);
  const candidates = sequences.filter((s) => s.direction === 'out' && s.secret === secret);
  return (
    candidates.find((s) => s.typeCodes.includes(typeCode)) ?? candidates.find((s) => s.typeCodes.length === 0) ?? null
  );
}

export function createNumbering(sqlite: Sqlite, organisations: Organisations) {
  const bump = sqlite
    .prepare(
      `INSERT INTO counters (sequence_id, period_key, last_number) VALUES (?, ?, 1)
       ON CONFLICT (sequence_id, period_key) DO UPDATE SET last_number = last_number + 1
       RETURNING last_number`,
    )
    .pluck();
  const lastOf = sqlite.prepare('SELECT last_number FROM counters WHERE sequence_id = ? AND period_key = ?').pluck();
  const raise = sqlite.prepare(
    `INSERT INTO counters (sequence_id, period_key, last_number) VALUES (?, ?, ?)
     ON CONFLICT (sequence_id, period_key) DO UPDATE SET last_number = max(last_number, excluded.last_number)`,
  );

  function requireNumberingStation(org: Organisation): void {
    if (!org.numbersHere) {
      throw new VanThuError(
        'NOT_NUMBERING_STATION',
        `Máy này không cấp số cho ${org.name}. Chỉ máy văn thư được giao cấp số mới vào sổ và phát hành được.`,
      );
    }
  }

  /** The sequence a document's number comes from (see organisations.addOutgoingSequences). */
  function sequenceFor(org: Organisation, direction: Direction, typeCode: string, secrecy: Secrecy): NumberSequence {
    const all = organisations.sequences(org.id).filter((s) => s.direction === direction);
    if (direction === 'in') {
      const arrival = all[0];
      if (!arrival) throw new VanThuError('INTERNAL', 'Sổ văn bản đến chưa có dãy số đến.');
      return arrival;
    }
    const found = findOutgoingSequence(all, org.regime, typeCode, secrecy);
    if (found) return found;
    const secret = org.regime === 'state' && isSecret(secrecy);
    const registerId = organisations.registerId(org.id, 'out');
    const id = organisations.addSequence(registerId, {
      name: typeCode || 'Công văn',
      typeCodes: [typeCode],
      secret,
      periodKind: org.regime === 'state' ? 'year' : 'term',
    });
    return {
      id,
      organisationId: org.id,
      direction,
      name: typeCode,
      typeCodes: [typeCode],
      secret,
      periodKind: org.regime === 'state' ? 'year' : 'term',
    };
  }

  /** The counter slot (sequence and period) for a document dated `date`. */
  function slotFor(org: Organisation, direction: Direction, typeCode: string, secrecy: Secrecy, date: string): Slot {
    // Every numbered entry must fall inside a configured term, whatever the period kind: a
    // date outside them means the administrator has not yet added the new term.
    const term = periodFor('term', date, org.terms);
    if (!term.ok) throw new VanThuError('TERM_MISSING', term.message);
    const sequence = sequenceFor(org, direction, typeCode, secrecy);
    const period = sequence.periodKind === 'term' ? term : periodFor(sequence.periodKind, date, org.terms);
    if (!period.ok) throw new VanThuError('TERM_MISSING', period.message);
    return { sequenceId: sequence.id, periodKey: period.key };
  }

  /**
   * For an import inside one transaction: slots and counters held in memory and written back by
   * `flush` before the transaction commits (so an import that fails takes no number). The unique
   * indexes on numbers still guard every row.
   */
  function batch(): NumberSource & { flush(): void } {
    const slots = new Map<string, Slot>();
    const counters = new Map<string, { slot: Slot; last: number }>();
    const counter = (slot: Slot) => {
      const key = `${slot.sequenceId}|${slot.periodKey}`;
      let c = counters.get(key);
      if (!c) {
        c = { slot, last: (lastOf.get(slot.sequenceId, slot.periodKey) as number | undefined) ?? 0 };
        counters.set(key, c);
      }
      return c;
    };
    return {
      slotFor(org, direction, typeCode, secrecy, date) {
        const key = `${org.id}|${direction}|${typeCode}|${secrecy}|${date}`;
        let slot = slots.get(key);
        if (!slot) {
          slot = slotFor(org, direction, typeCode, secrecy, date);
          slots.set(key, slot);
        }
        return slot;
      },
      next: (slot) => ++counter(slot).last,
      observe(slot, number) {
        const c = counter(slot);
        c.last = Math.max(c.last, number);
      },
      flush() {
        for (const { slot, last } of counters.values()) if (last > 0) raise.run(slot.sequenceId, slot.periodKey, last);
      },
    };
  }

  return {
    requireNumberingStation,
    batch,
    slotFor,
    /** The next number of the slot. Call inside an IMMEDIATE transaction. */
    next(slot: Slot): number {
      return bump.get(slot.sequenceId, slot.periodKey) as number;
    },
    /** The number `next` would give now, without taking it (for signing before numbering). */
    peek(slot: Slot): number {
      return ((lastOf.get(slot.sequenceId, slot.periodKey) as number | undefined) ?? 0) + 1;
    },
    /** Records a number given elsewhere (an import), so later numbers continue after it. */
    observe(slot: Slot, number: number): void {
      raise.run(slot.sequenceId, slot.periodKey, number);
    },
  };
}

export type Numbering = ReturnType<typeof createNumbering>;
