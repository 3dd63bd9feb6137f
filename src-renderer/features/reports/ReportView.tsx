/**
 * Báo cáo: the year's figures of the organisation in view — the backlog and the overdue by
 * handler and by unit (with bars to compare at a glance), documents by type and month, handling
 * time and the share of documents issued and received electronically; Xuất PDF / Xuất Excel
 * save the same report as a file to send up.
 */
import { useEffect, useState } from 'react';
import type { Report, ReportFormat } from '../../../src-shared/ipc/reports';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { WorkingBar } from '../../components/ProgressBar';
import { useApi, usePlatform } from '../../app/services';
import { messageOf } from '../../app/errors';
import { useWorkspace } from '../../app/workspaceContext';
import { useStrings } from '../../i18n';
import { BacklogTable } from './BacklogTable';
import { TypeMonthTable } from './TypeMonthTable';

export const REPORTS_SHORTCUT = 'Alt+B';

export function ReportView() {
  const t = useStrings();
  const api = useApi();
  const platform = usePlatform();
  const { organisation, registerVersion } = useWorkspace();
  const [yearText, setYearText] = useState(String(new Date().getFullYear()));
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const year = /^\d{4}$/.test(yearText.trim()) ? Number(yearText.trim()) : null;

  useEffect(() => {
    if (year === null) return;
    let current = true;
    setError('');
    api
      .call('report.overview', { organisationId: organisation.id, year })
      .then((r) => current && setReport(r))
      .catch((e: unknown) => current && setError(messageOf(e)));
    return () => {
      current = false;
    };
  }, [api, organisation.id, year, registerVersion]);

  async function exportAs(format: ReportFormat) {
    if (year === null || busy) return;
    setBusy(format);
    setMessage(null);
    try {
      const file = await api.call('report.export', { organisationId: organisation.id, year, format });
      const saved = await platform.saveFile(file.sha256, file.name);
      if (!saved.ok) setMessage({ kind: 'error', text: saved.error.message });
      else if (saved.value.saved) setMessage({ kind: 'success', text: t.reports.saved(file.name) });
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(null);
    }
  }

  const pct = (part: number, whole: number) => (whole === 0 ? '—' : `${t.formats.number((part / whole) * 100, 1)}%`);
  /** A card giving a share: "97,5%" large, "39/40 văn bản (97,5%)" under it. */
  const shareCard = (label: string, part: number, whole: number) => (
    <li>
      <span>{label}</span>
      <strong>{pct(part, whole)}</strong>
      <small>{t.reports.share(part, whole, pct(part, whole))}</small>
    </li>
  );
  return (
    <section className="report-view" aria-labelledby="report-title">
      <header className="view-header">
        <div>
          <h1 id="report-title">{t.reports.title}</h1>
          <p className="muted">{t.reports.intro}</p>
        </div>
        <div className="view-actions">
          <button type="button" disabled={!report || !!busy} onClick={() => void exportAs('pdf')}>
            {t.reports.exportPdf}
          </button>
          <button type="button" disabled={!report || !!busy} onClick={() => void exportAs('xlsx')}>
            {t.reports.exportXlsx}
          </button>
        </div>
      </header>
      <form className="report-form" onSubmit={(e) => e.preventDefault()}>
        <TextField
          id="report-year"
          label={t.reports.year}
          value={yearText}
          onChange={setYearText}
          inputMode="numeric"
          maxLength={4}
          error={year === null && yearText.trim() ? t.reports.badYear : undefined}
        />
        {report && <p className="muted">{t.reports.asOf(t.formats.date(report.today))}</p>}
      </form>
      {busy && <WorkingBar label={t.reports.exporting} />}
      {message && (
        <Notice kind={message.kind} onClose={() => setMessage(null)}>
          {message.text}
        </Notice>
      )}
      {error && <Notice kind="error">{error}</Notice>}
      {!report && !error && <p className="muted">{t.reports.loading}</p>}
      {report && (
        <>
          <ul className="report-cards">
            <li>
              <span>{t.boxes.pending}</span>
              <strong>{report.boxes.open}</strong>
              <small>
                {t.reports.undirected}: {report.undirected}
              </small>
            </li>
            <li className={report.boxes.overdue ? 'alert' : undefined}>
              <span>{t.boxes.overdue}</span>
              <strong>{report.boxes.overdue}</strong>
              <small>
                {t.boxes.near}: {report.boxes.near}
              </small>
            </li>
            <li>
              <span>{t.reports.averageTime}</span>
              <strong>
                {report.handlingTime.averageWorkingDays === null
                  ? t.reports.noneHandled
                  : t.reports.days(t.formats.number(report.handlingTime.averageWorkingDays, 1))}
              </strong>
              <small>{t.reports.onTime(report.handlingTime.onTime, report.handlingTime.late)}</small>
            </li>
            {shareCard(t.reports.electronicShare, report.electronic.issuedSigned, report.electronic.issued)}
            {shareCard(t.reports.receivedShare, report.electronic.receivedElectronic, report.electronic.received)}
          </ul>
          <BacklogTable id="report-handlers" title={t.reports.byHandler} rows={report.byHandler} withUnit />
          <BacklogTable id="report-units" title={t.reports.byUnit} rows={report.byUnit} />
          <TypeMonthTable id="report-in" title={t.reports.byType(t.boxes.incoming)} rows={report.byType.in} />
          <TypeMonthTable id="report-out" title={t.reports.byType(t.boxes.outgoing)} rows={report.byType.out} />
        </>
      )}
    </section>
  );
}
