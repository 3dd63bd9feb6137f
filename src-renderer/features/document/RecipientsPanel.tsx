/** Where a sent document stands at each recipient: queued, sent, arrived, registered… */
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { DocumentRecipientStatus } from '../../../src-shared/ipc/sync';
import { useApi } from '../../app/services';
import { useWorkspace } from '../../app/workspaceContext';
import { useStrings } from '../../i18n';

type Line = z.infer<typeof DocumentRecipientStatus>;

export function RecipientsPanel({
  documentId,
  version,
  onLoaded,
}: {
  documentId: number;
  version: number;
  /** How many recipients it was sent to (0: never sent). */
  onLoaded?: (count: number) => void;
}) {
  const t = useStrings();
  const api = useApi();
  const [lines, setLines] = useState<Line[]>([]);
  // Statuses arrive with sync passes, which bump the register's version.
  const { registerVersion } = useWorkspace();

  useEffect(() => {
    api
      .call('document.recipients', { id: documentId })
      .then((list) => {
        setLines(list);
        onLoaded?.(list.length);
      })
      .catch(() => setLines([]));
  }, [api, documentId, version, onLoaded, registerVersion]);

  if (lines.length === 0) return null;
  return (
    <section className="recipients-panel" aria-labelledby="recipients-title">
      <h2 id="recipients-title">{t.sending.panel}</h2>
      <ul>
        {lines.map((l) => (
          <li key={l.organId} data-status={l.status}>
            <strong>{l.organName}</strong>
            <span className={`recipient-status status-${l.status}`}>{t.sending.statuses[l.status] ?? l.status}</span>
            <small className="muted">
              {t.formats.dateTime(l.statusAt)}
              {l.note ? ` · ${l.note}` : ''}
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}
