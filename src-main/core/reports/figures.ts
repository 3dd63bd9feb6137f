/**
 * The figures of a year's report, read from the register and the handling lines. Backlog is
 * what is open now; "done" counts lines finished in the year. Handling time is counted in
 * working days (the workstation's calendar), from the register date to the day it was done.
 */
import { todayInVietnam } from '../../../src-shared/domain/dates';
import { workingDaysBetween } from '../../../src-shared/domain/working-days';
import type { Backlog, Report, ReportQuery, TypeMonths } from '../../../src-shared/ipc/reports';
import type { Sqlite } from '../db/open';
import type { Calendar } from '../handling';
import { directiveInForce } from '../handling/in-force';

/** The unit name for people not yet placed in one. */
export const NO_UNIT = 'Chưa xếp đơn vị';

// Lines of the directive in force; 'inform' lines are read, not handled, so they are left out.
const LINES = `
  FROM handling_lines l
  JOIN documents d ON d.id = l.document_id
  JOIN users u ON u.id = l.user_id
  LEFT JOIN units n ON n.id = u.unit_id
  WHERE d.organisation_id = @org AND l.part != 'inform' AND d.status = 'registered'
    AND l.directive_id = ${directiveInForce('l.document_id')}`;

const COUNTS = `
  sum(l.status IN ('waiting', 'in_progress')) AS open,
  sum(l.status IN ('waiting', 'in_progress') AND l.due_date >= @today AND l.due_date <= @near) AS near,
  sum(l.status IN ('waiting', 'in_progress') AND l.due_date < @today) AS overdue,
  sum(l.status = 'done' AND substr(datetime(l.updated_at, '+7 hours'), 1, 4) = @year) AS done,
  sum(l.status = 'returned' AND substr(datetime(l.updated_at, '+7 hours'), 1, 4) = @year) AS returned`;

export interface FigureDeps {
  calendar: Calendar;
  /** The count of a handling box of the incoming register (the register's own query). */
  boxCount: (organisationId: number, box: 'open' | 'near' | 'overdue') => number;
}

export function createReportFigures(sqlite: Sqlite, deps: FigureDeps) {
  const byHandler = sqlite.prepare(`
    SELECT u.full_name AS name, coalesce(n.name, '${NO_UNIT}') AS unitName, ${COUNTS} ${LINES}
    GROUP BY u.id ORDER BY overdue DESC, open DESC, name COLLATE NOCASE`);
  const byUnit = sqlite.prepare(`
    SELECT coalesce(n.name, '${NO_UNIT}') AS name, ${COUNTS} ${LINES}
    GROUP BY n.id ORDER BY overdue DESC, open DESC, name COLLATE NOCASE`);
  const undirected = sqlite
    .prepare(
      `SELECT count(*) FROM documents d WHERE d.organisation_id = ? AND d.direction = 'in' AND d.status = 'registered'
        AND d.handled_at IS NULL AND NOT EXISTS (SELECT 1 FROM directives x WHERE x.document_id = d.id)`,
    )
    .pluck();
  const typeMonths = sqlite.prepare(`
    SELECT type_name AS typeName, CAST(substr(register_date, 6, 2) AS INTEGER) AS month, count(*) AS n
    FROM documents
    WHERE organisation_id = ? AND direction = ? AND status = ? AND register_date >= ? AND register_date < ?
    GROUP BY type_name, month`);
  const handled = sqlite.prepare(`
    SELECT register_date AS registerDate, handled_at AS handledAt, due_date AS dueDate FROM documents
    WHERE organisation_id = ? AND direction = 'in' AND status = 'registered' AND handled_at IS NOT NULL
      AND substr(datetime(handled_at, '+7 hours'), 1, 4) = ?`);
  const electronic = sqlite.prepare(`
    SELECT
      sum(direction = 'out' AND status = 'issued') AS issued,
      sum(direction = 'out' AND status = 'issued' AND signature_verdict IS NOT NULL AND signature_verdict != 'unsigned') AS issuedSigned,
      sum(direction = 'in' AND status = 'registered') AS received,
      sum(direction = 'in' AND status = 'registered' AND received_via = 'electronic') AS receivedElectronic
    FROM documents WHERE organisation_id = ? AND register_date >= ? AND register_date < ?`);

  function types(org: number, direction: 'in' | 'out', year: number): TypeMonths[] {
    const status = direction === 'in' ? 'registered' : 'issued';
    const rows = typeMonths.all(org, direction, status, `${year}-01-01`, `${year + 1}-01-01`) as {
      typeName: string;
      month: number;
      n: number;
    }[];
    const byType = new Map<string, number[]>();
    for (const r of rows) {
      const months = byType.get(r.typeName) ?? Array<number>(12).fill(0);
      months[r.month - 1] = r.n;
      byType.set(r.typeName, months);
    }
    return [...byType]
      .map(([typeName, months]) => ({ typeName, months, total: months.reduce((a, b) => a + b, 0) }))
      .sort((a, b) => b.total - a.total || a.typeName.localeCompare(b.typeName, 'vi'));
  }

  const zeroed = <T extends Partial<Backlog>>(row: T) => ({
    ...row,
    open: row.open ?? 0,
    near: row.near ?? 0,
    overdue: row.overdue ?? 0,
    done: row.done ?? 0,
    returned: row.returned ?? 0,
  });

  return {
    compute(q: ReportQuery, organisation: string): Report {
      const { today, nearLimit } = deps.calendar.window();
      const params = { org: q.organisationId, today, near: nearLimit, year: String(q.year) };
      const holidays = deps.calendar.holidays();
      let total = 0;
      let onTime = 0;
      let late = 0;
      const rows = handled.all(q.organisationId, String(q.year)) as {
        registerDate: string;
        handledAt: string;
        dueDate: string | null;
      }[];
      for (const r of rows) {
        const doneOn = todayInVietnam(new Date(r.handledAt));
        total += Math.max(0, workingDaysBetween(r.registerDate, doneOn, holidays));
        if (r.dueDate !== null) {
          if (doneOn <= r.dueDate) onTime++;
          else late++;
        }
      }
      const e = electronic.get(q.organisationId, `${q.year}-01-01`, `${q.year + 1}-01-01`) as Record<
        string,
        number | null
      >;
      return {
        organisation,
        year: q.year,
        today,
        undirected: undirected.get(q.organisationId) as number,
        boxes: {
          open: deps.boxCount(q.organisationId, 'open'),
          near: deps.boxCount(q.organisationId, 'near'),
          overdue: deps.boxCount(q.organisationId, 'overdue'),
        },
        byHandler: (byHandler.all(params) as (Partial<Backlog> & { name: string; unitName: string })[]).map(zeroed),
        byUnit: (byUnit.all(params) as (Partial<Backlog> & { name: string })[]).map(zeroed),
        byType: { in: types(q.organisationId, 'in', q.year), out: types(q.organisationId, 'out', q.year) },
        handlingTime: {
          handled: rows.length,
          averageWorkingDays: rows.length ? Math.round((total / rows.length) * 10) / 10 : null,
          onTime,
          late,
        },
        electronic: {
          issued: e.issued ?? 0,
          issuedSigned: e.issuedSigned ?? 0,
          received: e.received ?? 0,
          receivedElectronic: e.receivedElectronic ?? 0,
        },
      };
    },
  };
}

export type ReportFigures = ReturnType<typeof createReportFigures>;
