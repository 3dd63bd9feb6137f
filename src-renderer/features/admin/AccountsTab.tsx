/**
 * Tài khoản: create an account (username, full name, role, initial password), change a role,
 * reset a password, lock or unlock. The signed-in administrator's own row cannot be locked or
 * demoted, and the engine keeps at least one active administrator.
 */
import { useCallback, useState, type FormEvent } from 'react';
import { Role } from '../../../src-shared/domain/enums';
import type { AccountInfo } from '../../../src-shared/ipc/admin';
import { useApi } from '../../app/services';
import { useWorkspace } from '../../app/workspaceContext';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useStrings, type Strings } from '../../i18n';
import { issueAt, useAction } from './useAction';
import { useLoaded } from './useLoaded';

const roleOptions = (t: Strings) => Role.options.map((r) => ({ value: r, label: t.labels.role[r] }));
const EMPTY = { username: '', fullName: '', role: 'clerk' as Role, password: '', again: '' };

type Pending =
  | { kind: 'role'; account: AccountInfo; role: Role }
  | { kind: 'disable'; account: AccountInfo }
  | { kind: 'password'; account: AccountInfo; password: string; again: string; error?: string };

export function AccountsTab() {
  const t = useStrings();
  const api = useApi();
  const words = t.admin.accounts;
  const me = useWorkspace().session.user;
  const loaded = useLoaded(useCallback(() => api.call('account.list', {}), [api]));
  const accounts = loaded.value;
  const load = loaded.reload;
  const [draft, setDraft] = useState(EMPTY);
  const [mismatch, setMismatch] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const creating = useAction();
  const row = useAction();

  async function create(event: FormEvent) {
    event.preventDefault();
    if (creating.busy) return;
    if (draft.password !== draft.again) {
      setMismatch(words.mismatch);
      return;
    }
    setMismatch('');
    const username = draft.username.trim();
    const ok = await creating.run(
      () =>
        api.call('account.create', {
          username,
          fullName: draft.fullName,
          role: draft.role,
          password: draft.password,
        }),
      words.created(username),
    );
    if (ok) {
      setDraft(EMPTY);
      await load();
    }
  }

  async function confirmPending() {
    if (!pending) return;
    const { account } = pending;
    if (pending.kind === 'password' && pending.password !== pending.again) {
      setPending({ ...pending, error: words.mismatch });
      return;
    }
    let ok: boolean;
    if (pending.kind === 'role') {
      const role = t.labels.role[pending.role];
      ok = await row.run(
        () => api.call('account.setRole', { id: account.id, role: pending.role }),
        words.roleDone(account.username, role),
      );
    } else if (pending.kind === 'disable') {
      ok = await row.run(
        () => api.call('account.setDisabled', { id: account.id, disabled: true }),
        words.disabledDone(account.username),
      );
    } else {
      ok = await row.run(
        () => api.call('account.resetPassword', { id: account.id, password: pending.password }),
        words.resetDone(account.username),
      );
      if (!ok) return; // the dialog stays open with the password typed and the reason below
    }
    setPending(null);
    if (ok) await load();
  }

  async function enable(account: AccountInfo) {
    const ok = await row.run(
      () => api.call('account.setDisabled', { id: account.id, disabled: false }),
      words.enabledDone(account.username),
    );
    if (ok) await load();
  }

  return (
    <div className="admin-section">
      <form className="card" onSubmit={(e) => void create(e)} noValidate>
        <h2>{words.addTitle}</h2>
        <div className="form-grid">
          <TextField
            id="account-username"
            label={words.username}
            value={draft.username}
            onChange={(username) => setDraft((d) => ({ ...d, username }))}
            error={issueAt(creating.issues, 'username')}
            hint={words.usernameHint}
            required
            maxLength={40}
          />
          <TextField
            id="account-full-name"
            label={words.fullName}
            value={draft.fullName}
            onChange={(fullName) => setDraft((d) => ({ ...d, fullName }))}
            error={issueAt(creating.issues, 'fullName')}
            required
            maxLength={200}
          />
          <SelectField
            id="account-role"
            label={words.role}
            value={draft.role}
            onChange={(role) => setDraft((d) => ({ ...d, role: role as Role }))}
            options={roleOptions(t)}
          />
          <span />
          <TextField
            id="account-password"
            type="password"
            autoComplete="new-password"
            label={words.password}
            value={draft.password}
            onChange={(password) => setDraft((d) => ({ ...d, password }))}
            error={issueAt(creating.issues, 'password')}
            hint={words.passwordHint}
            required
          />
          <TextField
            id="account-password-again"
            type="password"
            autoComplete="new-password"
            label={words.passwordAgain}
            value={draft.again}
            onChange={(again) => setDraft((d) => ({ ...d, again }))}
            error={mismatch || undefined}
            required
          />
        </div>
        {creating.notice(['username', 'fullName', 'password']) && (
          <Notice kind="error">{creating.notice(['username', 'fullName', 'password'])}</Notice>
        )}
        {creating.done && <Notice kind="success">{creating.done}</Notice>}
        <div className="actions">
          <button type="submit" className="primary" aria-disabled={creating.busy || undefined}>
            {creating.busy ? t.app.working : words.create}
          </button>
        </div>
      </form>

      {loaded.error && <Notice kind="error">{loaded.error}</Notice>}
      {row.error && !pending && <Notice kind="error">{row.error}</Notice>}
      {row.done && <Notice kind="success">{row.done}</Notice>}
      <div className="card table-card">
        <table className="admin-table" aria-label={t.admin.tabs.accounts}>
          <thead>
            <tr>
              <th scope="col">{words.username}</th>
              <th scope="col">{words.fullName}</th>
              <th scope="col">{words.role}</th>
              <th scope="col">{words.status}</th>
              <th scope="col" className="actions-col">
                {t.admin.actions}
              </th>
            </tr>
          </thead>
          <tbody>
            {(accounts ?? []).map((account) => {
              const self = account.id === me.id;
              return (
                <tr key={account.id} className={account.disabled ? 'retired' : undefined}>
                  <td>
                    <code>{account.username}</code> {self && <span className="muted">{t.admin.you}</span>}
                  </td>
                  <td>{account.fullName}</td>
                  <td>
                    <select
                      aria-label={words.roleLabel(account.username)}
                      value={account.role}
                      disabled={self}
                      onChange={(e) => setPending({ kind: 'role', account, role: e.target.value as Role })}
                    >
                      {roleOptions(t).map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{account.disabled ? words.disabled : words.enabled}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="small"
                      onClick={() => {
                        row.clear();
                        setPending({ kind: 'password', account, password: '', again: '' });
                      }}
                    >
                      {words.resetPassword}
                    </button>
                    {account.disabled ? (
                      <button type="button" className="small" onClick={() => void enable(account)}>
                        {words.enable}
                      </button>
                    ) : (
                      !self && (
                        <button
                          type="button"
                          className="danger-outline small"
                          onClick={() => setPending({ kind: 'disable', account })}
                        >
                          {words.disable}
                        </button>
                      )
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {pending?.kind === 'role' && (
        <Dialog
          title={words.roleTitle}
          confirmLabel={t.admin.yes}
          busy={row.busy}
          onConfirm={() => void confirmPending()}
          onClose={() => setPending(null)}
        >
          <p>{words.roleConfirm(pending.account.username, t.labels.role[pending.role])}</p>
        </Dialog>
      )}
      {pending?.kind === 'disable' && (
        <Dialog
          title={words.disableTitle(pending.account.username)}
          confirmLabel={words.disable}
          danger
          busy={row.busy}
          onConfirm={() => void confirmPending()}
          onClose={() => setPending(null)}
        >
          <p>{words.disableConfirm}</p>
        </Dialog>
      )}
      {pending?.kind === 'password' && (
        <Dialog
          title={words.resetTitle(pending.account.username)}
          confirmLabel={words.resetPassword}
          busy={row.busy}
          onConfirm={() => void confirmPending()}
          onClose={() => {
            setPending(null);
            row.clear();
          }}
        >
          <TextField
            id="reset-password"
            type="password"
            autoComplete="new-password"
            label={words.newPassword}
            value={pending.password}
            onChange={(password) => setPending({ ...pending, password, error: undefined })}
            error={issueAt(row.issues, 'password')}
            hint={words.passwordHint}
            required
            autoFocus
          />
          <TextField
            id="reset-password-again"
            type="password"
            autoComplete="new-password"
            label={words.passwordAgain}
            value={pending.again}
            onChange={(again) => setPending({ ...pending, again, error: undefined })}
            error={pending.error}
            required
          />
          {row.notice(['password']) && <Notice kind="error">{row.notice(['password'])}</Notice>}
        </Dialog>
      )}
    </div>
  );
}
