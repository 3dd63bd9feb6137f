/** Documents of a year by type and month, with a column chart of the monthly totals. */
import type { TypeMonths } from '../../../src-shared/ipc/reports';
import { useStrings } from '../../i18n';

const MONTHS = Array.from({ length: 12 }, (_, i) => i);

export function TypeMonthTable({ id, title, rows }: { id: string; title: string; rows: TypeMonths[] }) {
  const t = useStrings();
  const sums = MONTHS.map((m) => rows.reduce((s, r) => s + (r.months[m] ?? 0), 0));
  const highest = Math.max(1, ...sums);
  return (
    <section className="report-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t.reports.empty}</p>
      ) : (
        <>
          <div className="month-chart" aria-hidden="true">
            {MONTHS.map((m) => (
              <span key={m} className="month-bar" title={`${t.reports.month(m + 1)}: ${sums[m]}`}>
                <span style={{ height: `${((sums[m] ?? 0) / highest) * 100}%` }} />
                <small>{t.reports.month(m + 1)}</small>
              </span>
            ))}
          </div>
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">{t.reports.type}</th>
                {MONTHS.map((m) => (
                  <th scope="col" key={m} className="num">
                    {t.reports.month(m + 1)}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t.reports.total}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.typeName}>
                  <th scope="row">{r.typeName}</th>
                  {r.months.map((n, m) => (
                    <td key={m} className="num">
                      {n || ''}
                    </td>
                  ))}
                  <td className="num total">{r.total}</td>
                </tr>
              ))}
              <tr className="sum-row">
                <th scope="row">{t.reports.total}</th>
                {sums.map((n, m) => (
                  <td key={m} className="num">
                    {n}
                  </td>
                ))}
                <td className="num total">{sums.reduce((a, b) => a + b, 0)}</td>
              </tr>
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
