/**
 * "Chờ tiếp nhận": documents other organisations sent through the inbox server, urgent first.
 * ↑/↓ move, Enter opens the pre-filled registration form.
 */
import { todayInVietnam } from '../../../src-shared/domain/dates';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

import type { InboxItem } from '../../../src-shared/ipc/sync';
import { useApi } from '../../app/services';
import { messageOf } from '../../app/errors';

import { numberNotationOf } from '../../../src-shared/domain/notation';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';

export function InboxView({ version, onOpen }: { version: number; onOpen: (id: number) => void }) {
  const t = useStrings();
  const api = useApi();
  const [items, setItems] = useState<InboxItem[] | null>(null);
  const [error, setError] = useState('');
  const [selected, setSelected] = useState(0);
  const tableRef = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    api
      .call('inbox.list', {})
      .then((list) => {
        setItems(list);
        setError('');
      })
      .catch((e: unknown) => setError(`${t.inbox.loadFailed} ${messageOf(e)}`));
  }, [api, version]);

  function onKeyDown(event: KeyboardEvent) {
    if (!items?.length) return;
    if (event.key === 'ArrowDown') setSelected((i) => Math.min(items.length - 1, i + 1));
    else if (event.key === 'ArrowUp') setSelected((i) => Math.max(0, i - 1));
    else if (event.key === 'Enter') onOpen(items[selected]!.id);
    else return;
    event.preventDefault();
  }

  const today = todayInVietnam();
  return (
    <section className="register-view" aria-labelledby="inbox-title">
      <header className="view-header">
        <div>
          <h1 id="inbox-title">{t.inbox.title}</h1>
          <p className="view-subtitle">{t.inbox.intro}</p>
        </div>
      </header>
      {error && <Notice kind="error">{error}</Notice>}
      {items && items.length === 0 && <p className="empty">{t.inbox.empty}</p>}
      {items && items.length > 0 && (
        <div className="card table-card">
          <table className="register-table" aria-labelledby="inbox-title">
            <thead>
              <tr>
                <th scope="col">{t.inbox.from}</th>
                <th scope="col">{t.document.numberNotation}</th>
                <th scope="col">{t.document.issuedDate}</th>
                <th scope="col">{t.document.subject}</th>
                <th scope="col">{t.document.urgency}</th>
                <th scope="col">{t.inbox.received}</th>
                <th scope="col">{t.inbox.registerBy}</th>
              </tr>
            </thead>
            <tbody ref={tableRef} tabIndex={0} onKeyDown={onKeyDown} aria-label={t.inbox.title}>
              {items.map((item, i) => (
                <tr
                  key={item.id}
                  className={i === selected ? 'selected' : undefined}
                  aria-selected={i === selected}
                  onClick={() => setSelected(i)}
                  onDoubleClick={() => onOpen(item.id)}
                >
                  <td>{item.fromName}</td>
                  <td>
                    {numberNotationOf(Number.parseInt(item.header.codeNumber, 10) || null, item.header.codeNotation)}
                  </td>
                  <td>{t.formats.date(item.header.promulgationDate)}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => onOpen(item.id)}>
                      {item.header.subject}
                    </button>
                  </td>
                  <td>
                    {item.urgency !== 'normal' && (
                      <span className={`urgency-tag urgency-${item.urgency}`}>{t.labels.urgency[item.urgency]}</span>
                    )}
                  </td>
                  <td>{t.formats.dateTime(item.receivedAt)}</td>
                  <td className={item.registerBy && item.registerBy < today ? 'late' : undefined}>
                    {item.registerBy &&
                      (item.registerBy < today
                        ? t.inbox.lateSince(t.formats.date(item.registerBy))
                        : t.formats.date(item.registerBy))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
