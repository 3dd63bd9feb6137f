/**
 * "Xử lý văn bản" on an incoming document's page (UI.md): the directive in force with its lines
 * (chủ trì, phối hợp, để biết, each with deadline and status) and their history; the buttons a
 * person may use on their own line; "Ghi ý kiến chỉ đạo" for a leader or a clerk.
 */
import { useCallback, useEffect, useState } from 'react';
import type { DirectiveView, DocumentHandling, HandlingLine } from '../../../src-shared/ipc/handling';
import { useApi } from '../../app/services';
import { messageOf } from '../../app/errors';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';
import { DirectiveDialog } from './DirectiveDialog';
import { LineDialog } from './LineDialog';

export interface HandlingPanelProps {
  documentId: number;
  /** A directive or a line changed: the register's boxes and the document's deadline follow. */
  onChanged: (message: string) => void;
}

type Open = { kind: 'direct' } | { kind: 'line'; lineId: number; status: 'done' | 'returned' } | null;

export function HandlingPanel({ documentId, onChanged }: HandlingPanelProps) {
  const t = useStrings();
  const api = useApi();
  const [handling, setHandling] = useState<DocumentHandling | null>(null);
  const [failure, setFailure] = useState('');
  const [open, setOpen] = useState<Open>(null);
  const [busyLine, setBusyLine] = useState<number | null>(null);

  const load = useCallback(() => {
    api
      .call('handling.get', { id: documentId })
      .then(setHandling)
      .catch((error: unknown) => setFailure(messageOf(error)));
  }, [api, documentId]);
  useEffect(load, [load]);

  function saved(next: DocumentHandling, message: string) {
    setHandling(next);
    setOpen(null);
    setFailure('');
    onChanged(message);
  }

  async function start(line: HandlingLine) {
    setBusyLine(line.id);
    try {
      const next = await api.call('handling.updateLine', { lineId: line.id, status: 'in_progress' });
      saved(next, t.handling.updated(t.handling.statuses.in_progress));
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusyLine(null);
    }
  }

  if (!handling) return failure ? <Notice kind="error">{failure}</Notice> : null;
  const [current, ...earlier] = handling.directives;
  return (
    <section className="handling-panel" aria-labelledby="handling-title">
      <header>
        <h2 id="handling-title">{t.handling.panel}</h2>
        {handling.canDirect && (
          <button type="button" onClick={() => setOpen({ kind: 'direct' })}>
            {current ? t.handling.redirect : t.handling.direct}
          </button>
        )}
      </header>
      {failure && (
        <Notice kind="error" onClose={() => setFailure('')}>
          {failure}
        </Notice>
      )}
      {current ? (
        <Directive
          directive={current}
          busyLine={busyLine}
          onStart={(line) => void start(line)}
          onFinish={(line, status) => setOpen({ kind: 'line', lineId: line.id, status })}
        />
      ) : (
        <p className="muted">{t.handling.none}</p>
      )}
      {earlier.length > 0 && (
        <details className="handling-earlier">
          <summary>
            {t.handling.superseded} ({earlier.length})
          </summary>
          {earlier.map((d) => (
            <Directive key={d.id} directive={d} busyLine={null} />
          ))}
        </details>
      )}
      {open?.kind === 'direct' && (
        <DirectiveDialog
          handling={handling}
          onSaved={(next) => saved(next, t.handling.saved)}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'line' && (
        <LineDialog
          lineId={open.lineId}
          status={open.status}
          onSaved={(next) => saved(next, t.handling.updated(t.handling.statuses[open.status]))}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}

function Directive({
  directive,
  busyLine,
  onStart,
  onFinish,
}: {
  directive: DirectiveView;
  busyLine: number | null;
  onStart?: (line: HandlingLine) => void;
  onFinish?: (line: HandlingLine, status: 'done' | 'returned') => void;
}) {
  const t = useStrings();
  return (
    <div className="directive">
      <blockquote className="directive-text">{directive.text}</blockquote>
      <p className="muted directive-by">
        {t.handling.directedBy(directive.leaderName, t.formats.dateTime(directive.directedAt))}
        {directive.onBehalf && ` · ${t.handling.onBehalf(directive.recordedByName)}`}
      </p>
      <ul className="handling-lines">
        {directive.lines.map((line) => (
          <li key={line.id} data-part={line.part} data-status={line.status} data-deadline={line.deadline}>
            <span className="line-part">{t.handling.parts[line.part]}</span>
            <strong className="line-handler">
              {line.handlerName}
              {line.unitName && <small className="muted"> · {line.unitName}</small>}
            </strong>
            <span className={`line-status status-${line.status}`}>{t.handling.statuses[line.status]}</span>
            <span className="line-due">
              {line.part === 'inform'
                ? ''
                : line.dueDate
                  ? t.handling.dueOn(t.formats.date(line.dueDate))
                  : t.handling.noDue}
              {t.handling.deadline[line.deadline] && (
                <span className={`deadline-badge deadline-${line.deadline}`}>{t.handling.deadline[line.deadline]}</span>
              )}
            </span>
            {line.replyLabel && <span className="line-reply">↳ {line.replyLabel}</span>}
            {line.canUpdate && onStart && onFinish && (
              <span className="line-actions">
                {line.status === 'waiting' && line.part !== 'inform' && (
                  <button type="button" disabled={busyLine === line.id} onClick={() => onStart(line)}>
                    {t.handling.start}
                  </button>
                )}
                {(line.status === 'waiting' || line.status === 'in_progress') && (
                  <button type="button" className="primary" onClick={() => onFinish(line, 'done')}>
                    {line.part === 'inform' ? t.handling.seen : t.handling.finish}
                  </button>
                )}
                {(line.status === 'waiting' || line.status === 'in_progress') && line.part !== 'inform' && (
                  <button type="button" className="danger-outline" onClick={() => onFinish(line, 'returned')}>
                    {t.handling.giveBack}
                  </button>
                )}
                {line.status === 'done' && (
                  <button type="button" disabled={busyLine === line.id} onClick={() => onStart(line)}>
                    {t.handling.reopen}
                  </button>
                )}
              </span>
            )}
            {line.events.length > 1 && (
              <details className="line-history">
                <summary>{t.handling.history}</summary>
                <ol>
                  {line.events.map((e, i) => (
                    <li key={i}>
                      {t.formats.dateTime(e.at)} · {t.handling.statuses[e.status]} · {e.actor}
                      {e.note && ` — ${e.note}`}
                    </li>
                  ))}
                </ol>
              </details>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
