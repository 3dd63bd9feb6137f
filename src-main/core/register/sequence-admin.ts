/**
 * Which document types share a counter (DOMAIN.md "Registers and numbering"), as an
 * administrator sees and changes it: every outgoing sequence with its counter per period, and
 * where each type's numbers come from. A change never lets a number be given twice: a type
 * joins a counter only if that counter is already past every number the type was given in the
 * running period.
 */
import { VanThuError } from '../../../src-shared/ipc/errors';
import { todayInVietnam, yearOf } from '../../../src-shared/domain/dates';
import { periodFor } from '../../../src-shared/domain/period';
import type { Organisation } from '../../../src-shared/ipc/schemas';
import type { CounterPeriod, SequenceOverview } from '../../../src-shared/ipc/admin';
import type { AuditLog } from '../audit';
import type { Sqlite } from '../db/open';
import type { Organisations, SequenceRecord } from './organisations';
import type { DocumentTypes } from './types';
import { findOutgoingSequence } from './numbering';

/** A sequence's name from its codes; a state công văn has none ("05/UBND-VP"). */
export function sequenceName(codes: readonly string[]): string {
  return codes.map((c) => c || 'Công văn').join(' + ');
}

export function createSequenceAdmin(
  sqlite: Sqlite,
  deps: {
    organisations: Organisations;
    types: DocumentTypes;
    audit: AuditLog;
    transaction: <T>(work: () => T) => T;
    today?: () => string;
  },
) {
  const { organisations, types, audit } = deps;
  const today = deps.today ?? (() => todayInVietnam());
  const countersOf = sqlite.prepare(
    'SELECT period_key AS periodKey, last_number AS lastNumber FROM counters WHERE sequence_id = ? ORDER BY period_key',
  );
  const lastOf = sqlite.prepare('SELECT last_number FROM counters WHERE sequence_id = ? AND period_key = ?').pluck();
  const raise = sqlite.prepare(
    `INSERT INTO counters (sequence_id, period_key, last_number) VALUES (?, ?, ?)
     ON CONFLICT (sequence_id, period_key) DO UPDATE SET last_number = max(last_number, excluded.last_number)`,
  );

  /** A counter's period; a term no longer on the list goes by its key. */
  function periodOf(org: Organisation, key: string): CounterPeriod {
    if (!key.startsWith('term:')) return { kind: 'year', year: Number(key) };
    const term = org.terms.find((t) => `term:${t.id}` === key);
    return { kind: 'term', name: term?.name ?? key };
  }

  /** The period in the words of the main process's messages, which are Vietnamese. */
  function periodWords(org: Organisation, key: string): string {
    const period = periodOf(org, key);
    return period.kind === 'year' ? `năm ${period.year}` : `nhiệm kỳ ${period.name}`;
  }

  /** The period keys numbers are given from today (the running year and term). */
  function runningKeys(org: Organisation): Set<string> {
    const date = today();
    const keys = new Set([String(yearOf(date))]);
    const term = periodFor('term', date, org.terms);
    if (term.ok) keys.add(term.key);
    return keys;
  }

  /**
   * A period numbers can no longer be given in by the normal way: a past year, or a term that
   * has ended. Any other (the running one, or one still to come) must stay exactly right.
   */
  function isClosed(org: Organisation, key: string): boolean {
    const date = today();
    if (!key.startsWith('term:')) return Number(key) < yearOf(date);
    const term = org.terms.find((t) => `term:${t.id}` === key);
    return term?.endDate != null && term.endDate < date;
  }

  /** Names the organ writes with `code`, retired types included (they were given numbers). */
  function namesWithCode(org: Organisation, code: string): string[] {
    const names = types
      .list()
      .filter((t) => t.code === code && (t.regime === 'both' || t.regime === org.regime))
      .map((t) => t.name);
    return [...new Set(names)];
  }

  /**
   * The highest number given per period to outgoing documents of these type names, in the
   * ordinary series (a state organ's secret documents have their own and are left out).
   */
  function numbersGiven(org: Organisation, names: readonly string[]): Map<string, number> {
    const found = new Map<string, number>();
    if (names.length === 0) return found;
    const secretFilter = org.regime === 'state' ? "AND secrecy = 'none'" : '';
    const rows = sqlite
      .prepare(
        `SELECT period_key AS periodKey, max(code_number) AS top FROM documents
         WHERE organisation_id = ? AND direction = 'out' AND code_number IS NOT NULL AND period_key IS NOT NULL
           AND type_name IN (${names.map(() => '?').join(', ')}) ${secretFilter}
         GROUP BY period_key`,
      )
      .all(org.id, ...names) as { periodKey: string; top: number }[];
    for (const r of rows) found.set(r.periodKey, r.top);
    return found;
  }

  function overview(organisationId: number): SequenceOverview {
    const org = organisations.get(organisationId);
    const running = runningKeys(org);
    const all = organisations.allSequences(organisationId);
    const sequences = all.map((s) => ({
      ...s,
      counters: (countersOf.all(s.id) as { periodKey: string; lastNumber: number }[]).map((c) => ({
        ...c,
        period: periodOf(org, c.periodKey),
        current: running.has(c.periodKey),
      })),
    }));
    const active = all.filter((s) => !s.retired);
    const byCode = new Map<string, string[]>();
    for (const t of types.list()) {
      if (!t.active || (t.regime !== 'both' && t.regime !== org.regime)) continue;
      byCode.set(t.code, [...new Set([...(byCode.get(t.code) ?? []), t.name])]);
    }
    const assignments = [...byCode.entries()]
      .map(([code, names]) => ({
        code,
        names: names.sort((a, b) => a.localeCompare(b, 'vi')),
        sequenceId: findOutgoingSequence(active, org.regime, code, 'none')?.id ?? null,
      }))
      .sort((a, b) => (a.names[0] ?? '').localeCompare(b.names[0] ?? '', 'vi'));
    return { sequences, types: assignments };
  }

  /**
   * Makes `target`'s counter safe for a type written `code`: in every period the type was given
   * numbers, the counter must already be past them. In a closed period it is raised (only a
   * back-dated issue could use it); in a running one the change is refused.
   */
  function guardNoRepeat(org: Organisation, code: string, targetId: number | null): Array<[string, number]> {
    const toRaise: Array<[string, number]> = [];
    for (const [period, top] of numbersGiven(org, namesWithCode(org, code))) {
      const last = targetId === null ? 0 : ((lastOf.get(targetId, period) as number | undefined) ?? 0);
      if (last >= top) continue;
      if (!isClosed(org, period)) {
        throw new VanThuError(
          'CONFLICT',
          `Loại ${code || 'Công văn'} đã được cấp đến số ${top} trong ${periodWords(org, period)}; chuyển sang dãy số này thì số có thể bị cấp trùng. Hãy đổi dãy số khi bắt đầu ${org.regime === 'state' ? 'năm' : 'nhiệm kỳ'} mới.`,
        );
      }
      toRaise.push([period, top]);
    }
    return toRaise;
  }

  function activeOutgoing(org: Organisation): SequenceRecord[] {
    return organisations.allSequences(org.id).filter((s) => !s.retired && s.direction === 'out');
  }

  return {
    overview,
    numbersGiven,
    runningKeys,
    isClosed,

    /**
     * Puts a type's ordinary numbers on another counter: an existing sequence of the outgoing
     * register (sharing it with its types), or one of its own ('own').
     */
    assignType(organisationId: number, code: string, target: number | 'own', actor: string): SequenceOverview {
      return deps.transaction(() => {
        const org = organisations.get(organisationId);
        organisations.requireNumbering(org);
        if (namesWithCode(org, code).length === 0) {
          throw new VanThuError('NOT_FOUND', `Không có loại văn bản nào viết tắt "${code}". Hãy tải lại danh sách.`);
        }
        const active = activeOutgoing(org);
        const current = findOutgoingSequence(active, org.regime, code, 'none');
        let into: SequenceRecord | null = null;
        if (target === 'own') {
          if (current && current.typeCodes.length === 1 && current.typeCodes[0] === code) {
            throw new VanThuError('CONFLICT', `Loại ${code || 'Công văn'} đã có dãy số riêng.`);
          }
        } else {
          into = active.find((s) => s.id === target && !s.secret) ?? null;
          if (!into) throw new VanThuError('NOT_FOUND', 'Không tìm thấy dãy số này. Hãy tải lại danh sách.');
          if (current?.id === into.id) {
            throw new VanThuError('CONFLICT', `Loại ${code || 'Công văn'} đã dùng dãy số ${into.name}.`);
          }
        }
        const raised = guardNoRepeat(org, code, into?.id ?? null);

        if (current && current.typeCodes.includes(code)) {
          const rest = current.typeCodes.filter((c) => c !== code);
          organisations.setTypeCodes(current.id, rest, sequenceName(rest));
        }
        let targetId: number;
        if (into === null) {
          targetId = organisations.addSequence(organisations.registerId(org.id, 'out'), {
            name: sequenceName([code]),
            typeCodes: [code],
            secret: false,
            periodKind: org.regime === 'state' ? 'year' : 'term',
          });
        } else {
          targetId = into.id;
          // The catch-all counts every type no other sequence names: leaving its own is enough.
          if (into.typeCodes.length > 0) {
            const codes = [...into.typeCodes, code];
            organisations.setTypeCodes(into.id, codes, sequenceName(codes));
          }
        }
        for (const [period, top] of raised) raise.run(targetId, period, top);
        audit.append({
          actor,
          action: 'sequence.assign',
          entity: 'organisation',
          entityId: org.id,
          details: { code, from: current?.id ?? null, to: targetId, raised: Object.fromEntries(raised) },
        });
        return overview(organisationId);
      });
    },

    /**
     * A type's abbreviation changed: the sequences that named the old code name the new one, so
     * the type keeps its counter — unless another type still writes the old code, or the new
     * code already has a counter (then the type joins that one). Call inside a transaction.
     */
    renameCode(org: Organisation, from: string, to: string): void {
      if (namesWithCode(org, from).length > 0) return; // still written by another type
      const active = activeOutgoing(org);
      const joinsExisting = active.some((s) => s.typeCodes.includes(to));
      for (const s of active) {
        if (!s.typeCodes.includes(from)) continue;
        const codes = joinsExisting
          ? s.typeCodes.filter((c) => c !== from)
          : s.typeCodes.map((c) => (c === from ? to : c));
        organisations.setTypeCodes(s.id, codes, sequenceName(codes));
      }
    },
  };
}

export type SequenceAdmin = ReturnType<typeof createSequenceAdmin>;
