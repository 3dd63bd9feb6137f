/** Backlog rows (by handler or by unit) with a bar per row: overdue, near, the rest in hand. */
import type { Backlog } from '../../../src-shared/ipc/reports';
import { useStrings } from '../../i18n';

export function BacklogTable({
  id,
  title,
  rows,
  withUnit,
}: {
  id: string;
  title: string;
  rows: (Backlog & { unitName?: string })[];
  withUnit?: boolean;
}) {
  const t = useStrings();
  const widest = Math.max(1, ...rows.map((r) => r.open + r.done));
  const share = (n: number) => `${(n / widest) * 100}%`;
  return (
    <section className="report-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t.reports.empty}</p>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{withUnit ? t.reports.handler : t.reports.unit}</th>
              {withUnit && <th scope="col">{t.reports.unit}</th>}
              <th scope="col">{t.reports.open}</th>
              <th scope="col">{t.reports.near}</th>
              <th scope="col">{t.reports.late}</th>
              <th scope="col">{t.reports.done}</th>
              <th scope="col">{t.reports.returned}</th>
              <th scope="col" className="chart-column">
                {t.reports.chart}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.name}|${r.unitName ?? ''}`}>
                <th scope="row">{r.name}</th>
                {withUnit && <td>{r.unitName}</td>}
                <td className="num">{r.open}</td>
                <td className="num">{r.near}</td>
                <td className={`num${r.overdue ? ' late' : ''}`}>{r.overdue}</td>
                <td className="num">{r.done}</td>
                <td className="num">{r.returned}</td>
                <td className="chart-column" aria-hidden="true">
                  <span className="bar">
                    <span className="bar-late" style={{ width: share(r.overdue) }} />
                    <span className="bar-near" style={{ width: share(r.near) }} />
                    <span className="bar-open" style={{ width: share(r.open - r.overdue - r.near) }} />
                    <span className="bar-done" style={{ width: share(r.done) }} />
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
