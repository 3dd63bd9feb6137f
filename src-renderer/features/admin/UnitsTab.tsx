/**
 * Đơn vị: the units of the organisation in view (phòng, ban, chi bộ) and who works in each.
 * A handler's unit shows beside their name in directives and groups the backlog in reports.
 */
import { useCallback, useState, type FormEvent } from 'react';
import { useApi } from '../../app/services';
import { useWorkspace } from '../../app/workspaceContext';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';
import { issueAt, useAction } from './useAction';
import { useLoaded } from './useLoaded';

export function UnitsTab() {
  const t = useStrings();
  const api = useApi();
  const words = t.admin.units;
  const { organisation } = useWorkspace();
  const units = useLoaded(useCallback(() => api.call('unit.list', {}), [api]));
  const accounts = useLoaded(useCallback(() => api.call('account.list', {}), [api]));
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ id: number; name: string } | null>(null);
  const adding = useAction();
  const row = useAction();
  const own = (units.value ?? []).filter((u) => u.organisationId === organisation.id);

  async function add(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    const ok = await adding.run(
      async () => units.set(await api.call('unit.add', { organisationId: organisation.id, name: trimmed })),
      words.added(trimmed),
    );
    if (ok) setName('');
  }

  async function rename(event: FormEvent) {
    event.preventDefault();
    if (!renaming) return;
    const target = renaming;
    const ok = await row.run(
      async () => units.set(await api.call('unit.rename', { id: target.id, name: target.name.trim() })),
      words.renamed(target.name.trim()),
    );
    if (ok) setRenaming(null);
  }

  async function place(accountId: number, unitId: number | null, who: string) {
    await row.run(async () => {
      await api.call('account.setUnit', { id: accountId, unitId });
      await Promise.all([accounts.reload(), units.reload()]);
    }, words.placed(who));
  }

  const people = (accounts.value ?? []).filter((a) => a.role !== 'administrator' && !a.disabled);
  return (
    <div className="admin-section">
      <form className="card admin-inline-form" onSubmit={(e) => void add(e)} noValidate>
        <h2>{words.addTitle(organisation.name)}</h2>
        <div className="admin-form-row">
          <TextField
            id="unit-name"
            label={words.name}
            value={name}
            onChange={(v) => {
              adding.clear();
              setName(v);
            }}
            hint={words.nameHint}
            error={issueAt(adding.issues, 'name')}
            required
            maxLength={200}
          />
          <button type="submit" className="primary" aria-disabled={adding.busy || undefined}>
            {adding.busy ? t.app.working : words.add}
          </button>
        </div>
        {adding.notice(['name']) && <Notice kind="error">{adding.notice(['name'])}</Notice>}
        {adding.done && <Notice kind="success">{adding.done}</Notice>}
      </form>

      {units.error && <Notice kind="error">{units.error}</Notice>}
      {row.error && <Notice kind="error">{row.error}</Notice>}
      {row.done && <Notice kind="success">{row.done}</Notice>}
      <div className="card table-card">
        <table className="admin-table" aria-label={words.listLabel}>
          <thead>
            <tr>
              <th scope="col">{words.name}</th>
              <th scope="col">{words.people}</th>
              <th scope="col">{t.admin.actions}</th>
            </tr>
          </thead>
          <tbody>
            {own.length === 0 && (
              <tr>
                <td colSpan={3} className="muted">
                  {words.empty}
                </td>
              </tr>
            )}
            {own.map((u) => (
              <tr key={u.id}>
                <td>
                  {renaming?.id === u.id ? (
                    <form className="inline-edit" onSubmit={(e) => void rename(e)}>
                      <input
                        aria-label={words.newName(u.name)}
                        value={renaming.name}
                        maxLength={200}
                        autoFocus
                        onChange={(e) => setRenaming({ id: u.id, name: e.target.value })}
                        onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)}
                      />
                      <button type="submit" className="small primary">
                        {t.admin.save}
                      </button>
                    </form>
                  ) : (
                    u.name
                  )}
                </td>
                <td>{u.people}</td>
                <td className="row-actions">
                  <button type="button" className="small" onClick={() => setRenaming({ id: u.id, name: u.name })}>
                    {words.rename}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="card table-card">
        <table className="admin-table" aria-label={words.peopleLabel}>
          <thead>
            <tr>
              <th scope="col">{t.admin.accounts.fullName}</th>
              <th scope="col">{t.admin.accounts.role}</th>
              <th scope="col">{words.unit}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((a) => (
              <tr key={a.id}>
                <td>{a.fullName}</td>
                <td>{t.labels.role[a.role]}</td>
                <td>
                  <select
                    aria-label={words.unitOf(a.fullName)}
                    value={a.unitId ?? ''}
                    disabled={row.busy}
                    onChange={(e) => void place(a.id, e.target.value ? Number(e.target.value) : null, a.fullName)}
                  >
                    <option value="">{words.noUnit}</option>
                    {own.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
