/**
 * Ngày nghỉ: the days off (besides weekends) that deadlines skip. A new workstation starts with
 * the legal holidays; the administrator adds the days the Government fixes each year (the day
 * beside Tết or 2/9, a day made up) and removes what does not apply.
 */
import { useCallback, useState, type FormEvent } from 'react';
import { useApi } from '../../app/services';
import { DateField, readDate } from '../../components/DateField';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';
import { issueAt, useAction } from './useAction';
import { useLoaded } from './useLoaded';

export function CalendarTab() {
  const t = useStrings();
  const api = useApi();
  const words = t.admin.calendar;
  const holidays = useLoaded(useCallback(() => api.call('holiday.list', {}), [api]));
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [dateText, setDateText] = useState('');
  const [name, setName] = useState('');
  const adding = useAction();
  const row = useAction();
  const receiving = useAction();
  const date = readDate(dateText);

  async function add(event: FormEvent) {
    event.preventDefault();
    if (date === null || date === 'invalid') return;
    const ok = await adding.run(
      async () => holidays.set(await api.call('holiday.set', { date, name: name.trim() })),
      words.added(t.formats.date(date)),
    );
    if (ok) {
      setDateText('');
      setName('');
      setYear(date.slice(0, 4));
    }
  }

  // The holidays the inbox server's administrators keep for every workstation.
  async function receive() {
    let said = '';
    await receiving.run(
      async () => {
        const answer = await api.call('holiday.receive', {});
        holidays.set(answer.holidays);
        said = words.received(answer.added, answer.renamed);
      },
      () => said,
    );
  }

  async function remove(day: string) {
    await row.run(
      async () => holidays.set(await api.call('holiday.remove', { date: day })),
      words.removed(t.formats.date(day)),
    );
  }

  const years = [...new Set((holidays.value ?? []).map((h) => h.date.slice(0, 4)))];
  if (!years.includes(year)) years.push(year);
  years.sort();
  const shown = (holidays.value ?? []).filter((h) => h.date.startsWith(`${year}-`));
  return (
    <div className="admin-section">
      <form className="card admin-inline-form" onSubmit={(e) => void add(e)} noValidate>
        <h2>{words.addTitle}</h2>
        <p className="muted">{words.intro}</p>
        <div className="admin-form-row">
          <DateField
            id="holiday-date"
            label={words.date}
            value={dateText}
            onChange={(v) => {
              adding.clear();
              setDateText(v);
            }}
            error={issueAt(adding.issues, 'date')}
            required
          />
          <TextField
            id="holiday-name"
            label={words.name}
            value={name}
            onChange={(v) => {
              adding.clear();
              setName(v);
            }}
            error={issueAt(adding.issues, 'name')}
            hint={words.nameHint}
            required
            maxLength={200}
          />
          <button
            type="submit"
            className="primary"
            aria-disabled={adding.busy || date === null || date === 'invalid' || !name.trim() || undefined}
          >
            {adding.busy ? t.app.working : words.add}
          </button>
        </div>
        {adding.notice(['date', 'name']) && <Notice kind="error">{adding.notice(['date', 'name'])}</Notice>}
        {adding.done && <Notice kind="success">{adding.done}</Notice>}
      </form>

      <section className="card admin-inline-form" aria-labelledby="holiday-server-title">
        <h2 id="holiday-server-title">{words.fromServerTitle}</h2>
        <p className="muted">{words.fromServerIntro}</p>
        <button type="button" onClick={() => void receive()} aria-disabled={receiving.busy || undefined}>
          {receiving.busy ? t.app.working : words.receive}
        </button>
        {receiving.error && <Notice kind="error">{receiving.error}</Notice>}
        {receiving.done && <Notice kind="success">{receiving.done}</Notice>}
      </section>

      {holidays.error && <Notice kind="error">{holidays.error}</Notice>}
      {row.error && <Notice kind="error">{row.error}</Notice>}
      {row.done && <Notice kind="success">{row.done}</Notice>}
      <label className="admin-filter">
        {words.year}{' '}
        <select value={year} onChange={(e) => setYear(e.target.value)}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      <div className="card table-card">
        <table className="admin-table" aria-label={words.listLabel(year)}>
          <thead>
            <tr>
              <th scope="col">{words.date}</th>
              <th scope="col">{words.name}</th>
              <th scope="col">{words.source}</th>
              <th scope="col">{t.admin.actions}</th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  {words.empty(year)}
                </td>
              </tr>
            )}
            {shown.map((h) => (
              <tr key={h.date}>
                <td className="nowrap">
                  {words.weekday(new Date(`${h.date}T00:00:00Z`).getUTCDay())}, {t.formats.date(h.date)}
                </td>
                <td>{h.name}</td>
                <td>{words.sources[h.source]}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="danger-outline small"
                    disabled={row.busy}
                    onClick={() => void remove(h.date)}
                  >
                    {words.remove}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
