/**
 * Loại văn bản: the list and its abbreviations. A type is added on the form above the table;
 * a row is edited in place (Enter saves, Esc cancels). Changing an abbreviation and deleting
 * are confirmed first; the engine refuses what would break numbers already given.
 */
import { useCallback, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { DocumentType } from '../../../src-shared/ipc/schemas';
import { useApi } from '../../app/services';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';
import { issueAt, useAction } from './useAction';
import { useLoaded } from './useLoaded';

const REGIMES = ['both', 'party', 'state'] as const;
type Confirm =
  { kind: 'code'; type: DocumentType; name: string; code: string } | { kind: 'remove'; type: DocumentType };

export function DocumentTypesTab({ onChanged }: { onChanged: () => void }) {
  const t = useStrings();
  const api = useApi();
  const words = t.admin.types;
  const loaded = useLoaded(useCallback(() => api.call('documentType.list', {}), [api]));
  const types = loaded.value;
  const [showRetired, setShowRetired] = useState(false);
  const [draft, setDraft] = useState({ name: '', code: '', regime: 'both' as (typeof REGIMES)[number] });
  const [editing, setEditing] = useState<{ id: number; name: string; code: string; days: string } | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const adding = useAction();
  const row = useAction();

  const changed = async () => {
    await loaded.reload();
    onChanged();
  };

  async function add(event: FormEvent) {
    event.preventDefault();
    if (adding.busy) return;
    const ok = await adding.run(
      () => api.call('documentType.add', draft),
      () => words.added(draft.name.trim(), draft.code.trim()),
    );
    if (ok) {
      setDraft((d) => ({ ...d, name: '', code: '' }));
      await changed();
    }
  }

  async function save(type: DocumentType, name: string, code: string) {
    // Empty: the general time; anything else must be a whole number of working days.
    const days = editing?.days.trim() ?? '';
    const handlingDays = days === '' ? null : /^\d+$/.test(days) ? Number(days) : Number.NaN;
    const ok = await row.run(
      () => api.call('documentType.update', { id: type.id, name, code, handlingDays }),
      words.saved(name),
    );
    setConfirm(null);
    if (ok) {
      setEditing(null);
      await changed();
    }
  }

  function requestSave() {
    if (!editing || !types) return;
    const type = types.find((x) => x.id === editing.id);
    if (!type) return;
    const name = editing.name.trim();
    const code = editing.code.trim();
    if (code !== type.code) setConfirm({ kind: 'code', type, name, code });
    else void save(type, name, code);
  }

  async function setActive(type: DocumentType, active: boolean) {
    const ok = await row.run(
      () => api.call('documentType.setActive', { id: type.id, active }),
      active ? words.restoredDone(type.name) : words.retiredDone(type.name),
    );
    if (ok) await changed();
  }

  async function remove(type: DocumentType) {
    const ok = await row.run(() => api.call('documentType.remove', { id: type.id }), words.removedDone(type.name));
    setConfirm(null);
    if (ok) await changed();
  }

  function onEditKey(event: KeyboardEvent) {
    if (event.key === 'Enter') {
      event.preventDefault();
      requestSave();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setEditing(null);
      row.clear();
    }
  }

  const shown = (types ?? []).filter((x) => showRetired || x.active);
  return (
    <div className="admin-section">
      <form className="card admin-inline-form" onSubmit={(e) => void add(e)} noValidate>
        <h2>{words.addTitle}</h2>
        <div className="admin-form-row">
          <TextField
            id="type-name"
            label={words.name}
            value={draft.name}
            onChange={(name) => {
              adding.clear();
              setDraft((d) => ({ ...d, name }));
            }}
            error={issueAt(adding.issues, 'name')}
            hint={words.nameHint}
            required
            maxLength={100}
          />
          <TextField
            id="type-code"
            label={words.code}
            value={draft.code}
            onChange={(code) => {
              adding.clear();
              setDraft((d) => ({ ...d, code }));
            }}
            error={issueAt(adding.issues, 'code')}
            hint={words.codeHint}
            required
            maxLength={10}
          />
          <SelectField
            id="type-regime"
            label={words.regime}
            value={draft.regime}
            onChange={(regime) => setDraft((d) => ({ ...d, regime: regime as typeof d.regime }))}
            options={REGIMES.map((r) => ({ value: r, label: t.admin.regimes[r] ?? r }))}
          />
          <button type="submit" className="primary" aria-disabled={adding.busy || undefined}>
            {adding.busy ? t.app.working : words.add}
          </button>
        </div>
        {adding.notice(['name', 'code']) && <Notice kind="error">{adding.notice(['name', 'code'])}</Notice>}
        {adding.done && <Notice kind="success">{adding.done}</Notice>}
      </form>

      {loaded.error && <Notice kind="error">{loaded.error}</Notice>}
      {row.error && <Notice kind="error">{row.error}</Notice>}
      {row.done && <Notice kind="success">{row.done}</Notice>}
      <label className="checkbox-line admin-filter">
        <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} />
        {words.showRetired}
      </label>
      <div className="card table-card">
        <table className="admin-table" aria-label={t.admin.tabs.types}>
          <thead>
            <tr>
              <th scope="col">{words.name}</th>
              <th scope="col">{words.code}</th>
              <th scope="col">{words.regime}</th>
              <th scope="col">{words.handlingDays}</th>
              <th scope="col">{words.status}</th>
              <th scope="col" className="actions-col">
                {t.admin.actions}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((type) =>
              editing?.id === type.id ? (
                <tr key={type.id} className="editing" onKeyDown={onEditKey}>
                  <td>
                    <input
                      aria-label={words.name}
                      value={editing.name}
                      maxLength={100}
                      autoFocus
                      aria-invalid={issueAt(row.issues, 'name') ? true : undefined}
                      onChange={(e) => setEditing({ ...editing, name: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={words.code}
                      className="code-input"
                      value={editing.code}
                      maxLength={10}
                      aria-invalid={issueAt(row.issues, 'code') ? true : undefined}
                      onChange={(e) => setEditing({ ...editing, code: e.target.value })}
                    />
                  </td>
                  <td>{t.admin.regimes[type.regime]}</td>
                  <td>
                    <input
                      aria-label={words.handlingDaysOf(type.name)}
                      className="days-input"
                      inputMode="numeric"
                      placeholder={words.defaultDays}
                      value={editing.days}
                      maxLength={2}
                      aria-invalid={issueAt(row.issues, 'handlingDays') ? true : undefined}
                      onChange={(e) => setEditing({ ...editing, days: e.target.value })}
                    />
                  </td>
                  <td>{type.active ? words.active : words.retired}</td>
                  <td className="row-actions">
                    <button type="button" className="primary small" onClick={requestSave} disabled={row.busy}>
                      {t.admin.save}
                    </button>
                    <button
                      type="button"
                      className="small"
                      onClick={() => {
                        setEditing(null);
                        row.clear();
                      }}
                    >
                      {t.admin.cancel}
                    </button>
                  </td>
                </tr>
              ) : (
                <tr key={type.id} className={type.active ? undefined : 'retired'}>
                  <td>{type.name}</td>
                  <td>
                    <code>{type.code || words.noCode}</code>
                  </td>
                  <td>{t.admin.regimes[type.regime]}</td>
                  <td>{type.handlingDays === null ? words.defaultDays : words.days(type.handlingDays)}</td>
                  <td>{type.active ? words.active : words.retired}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="small"
                      aria-label={words.editLabel(type.name)}
                      onClick={() => {
                        row.clear();
                        setEditing({
                          id: type.id,
                          name: type.name,
                          code: type.code,
                          days: type.handlingDays === null ? '' : String(type.handlingDays),
                        });
                      }}
                    >
                      {t.admin.edit}
                    </button>
                    <button type="button" className="small" onClick={() => void setActive(type, !type.active)}>
                      {type.active ? words.retire : words.restore}
                    </button>
                    {!type.builtin && (
                      <button
                        type="button"
                        className="danger-outline small"
                        onClick={() => setConfirm({ kind: 'remove', type })}
                      >
                        {words.remove}
                      </button>
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      {confirm?.kind === 'code' && (
        <Dialog
          title={words.codeChangeTitle}
          confirmLabel={t.admin.yes}
          busy={row.busy}
          onConfirm={() => void save(confirm.type, confirm.name, confirm.code)}
          onClose={() => setConfirm(null)}
        >
          <p>{words.codeChangeConfirm(confirm.type.name, confirm.type.code, confirm.code)}</p>
        </Dialog>
      )}
      {confirm?.kind === 'remove' && (
        <Dialog
          title={words.removeTitle}
          confirmLabel={words.remove}
          danger
          busy={row.busy}
          onConfirm={() => void remove(confirm.type)}
          onClose={() => setConfirm(null)}
        >
          <p>{words.removeConfirm(confirm.type.name)}</p>
        </Dialog>
      )}
    </div>
  );
}
