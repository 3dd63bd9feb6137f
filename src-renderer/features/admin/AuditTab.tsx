/** Nhật ký: the latest audit entries, newest first, with who did what and to what. */
import { useCallback } from 'react';
import { useApi } from '../../app/services';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';

import { useLoaded } from './useLoaded';

/** The details as short "key: value" pairs; nested changes read "from → to". */
function describe(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => {
      if (value && typeof value === 'object' && 'from' in value && 'to' in value) {
        const change = value as { from: unknown; to: unknown };
        return `${key}: ${String(change.from)} → ${String(change.to)}`;
      }
      return `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`;
    })
    .join(' · ');
}

export function AuditTab() {
  const t = useStrings();
  const api = useApi();
  const words = t.admin.audit;
  const {
    value: entries,
    error,
    reload,
  } = useLoaded(useCallback(() => api.call('audit.recent', { limit: 200 }), [api]));

  return (
    <div className="admin-section">
      <div className="admin-toolbar">
        <p className="muted">{words.intro}</p>
        <button type="button" onClick={() => void reload()}>
          {words.reload}
        </button>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {entries && entries.length === 0 && <p className="muted">{words.empty}</p>}
      {entries && entries.length > 0 && (
        <div className="card table-card">
          <table className="admin-table admin-audit" aria-label={t.admin.tabs.audit}>
            <thead>
              <tr>
                <th scope="col">{words.at}</th>
                <th scope="col">{words.actor}</th>
                <th scope="col">{words.action}</th>
                <th scope="col">{words.entity}</th>
                <th scope="col">{words.details}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{t.formats.dateTime(e.at)}</td>
                  <td>{e.actor}</td>
                  <td>{words.actions[e.action] ?? e.action}</td>
                  <td>
                    {words.entities[e.entity] ?? e.entity} {e.entityId}
                  </td>
                  <td className="admin-details-cell">{describe(e.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
