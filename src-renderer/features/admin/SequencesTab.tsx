/**
 * Sổ và dãy số: the registers with their sequences and the last number given in each period
 * (the running one marked), then which counter each type's numbers come from. Moving a type is
 * confirmed first; the engine refuses a move that could give a number twice.
 */
import { useCallback, useState } from 'react';
import type { Organisation } from '../../../src-shared/ipc/schemas';
import type { SequenceOverview, SequenceView, TypeAssignment } from '../../../src-shared/ipc/admin';
import { useApi } from '../../app/services';
import { Dialog } from '../../components/Dialog';
import { Notice } from '../../components/Notice';
import { useStrings, type Strings } from '../../i18n';
import { useAction } from './useAction';
import { useLoaded } from './useLoaded';

type Target = number | 'own';

function covers(s: SequenceView, overview: SequenceOverview, t: Strings): string {
  const words = t.admin.sequences;
  if (s.direction === 'in') return words.arrival;
  if (s.typeCodes.length === 0) return words.allOther;
  const names = s.typeCodes.map(
    (code) => overview.types.find((x) => x.code === code)?.names.join(', ') ?? (code || t.admin.types.noCode),
  );
  return names.join('; ');
}

export function SequencesTab({ organisation }: { organisation: Organisation }) {
  const t = useStrings();
  const api = useApi();
  const words = t.admin.sequences;
  const loaded = useLoaded(
    useCallback(() => api.call('sequence.overview', { organisationId: organisation.id }), [api, organisation.id]),
  );
  const overview = loaded.value;
  const [moving, setMoving] = useState<{ type: TypeAssignment; target: Target } | null>(null);
  const action = useAction();

  if (!overview) return loaded.error ? <Notice kind="error">{loaded.error}</Notice> : null;

  const assignable = overview.sequences.filter((s) => s.direction === 'out' && !s.secret && !s.retired);
  const targetName = (target: Target) =>
    target === 'own' ? words.own : (overview.sequences.find((s) => s.id === target)?.name ?? '');

  async function move() {
    if (!moving) return;
    const { type, target } = moving;
    const names = type.names.join(', ');
    await action.run(
      async () => {
        loaded.set(await api.call('sequence.assignType', { organisationId: organisation.id, code: type.code, target }));
      },
      words.assigned(names, targetName(target)),
    );
    setMoving(null);
  }

  const registers = [
    { direction: 'in' as const, title: words.incoming },
    { direction: 'out' as const, title: words.outgoing },
  ];
  return (
    <div className="admin-section">
      <p className="muted">{words.intro(organisation.regime)}</p>
      {registers.map((register) => (
        <section key={register.direction} className="card" aria-labelledby={`register-${register.direction}`}>
          <h2 id={`register-${register.direction}`}>{register.title}</h2>
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{words.sequence}</th>
                <th scope="col">{words.covers}</th>
                <th scope="col">{words.given}</th>
              </tr>
            </thead>
            <tbody>
              {overview.sequences
                .filter((s) => s.direction === register.direction)
                .map((s) => (
                  <tr key={s.id} className={s.retired ? 'retired' : undefined}>
                    <td>
                      <strong>{s.name}</strong>
                      {s.secret && <span className="secret-tag">{words.secret}</span>}
                      {s.retired && <span className="status-tag">{words.retired}</span>}
                    </td>
                    <td>{covers(s, overview, t)}</td>
                    <td>
                      {s.counters.length === 0 ? (
                        <span className="muted">{words.noneGiven}</span>
                      ) : (
                        <ul className="admin-counters">
                          {s.counters.map((c) => (
                            <li key={c.periodKey} className={c.current ? 'current' : undefined}>
                              {words.lastNumber(words.period(c.period), c.lastNumber)}
                              {c.current && <span className="muted"> ({words.current})</span>}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}

      <section className="card" aria-labelledby="by-type-title">
        <h2 id="by-type-title">{words.byType}</h2>
        <p className="muted">{words.byTypeNote}</p>
        {action.error && <Notice kind="error">{action.error}</Notice>}
        {action.done && <Notice kind="success">{action.done}</Notice>}
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{t.admin.types.name}</th>
              <th scope="col">{t.admin.types.code}</th>
              <th scope="col">{words.sequence}</th>
            </tr>
          </thead>
          <tbody>
            {overview.types.map((type) => {
              const label = type.names.join(', ');
              const current = overview.sequences.find((s) => s.id === type.sequenceId);
              const hasOwn = current?.typeCodes.length === 1 && current.typeCodes[0] === type.code;
              return (
                <tr key={type.code}>
                  <td>{label}</td>
                  <td>
                    <code>{type.code || t.admin.types.noCode}</code>
                  </td>
                  <td>
                    <select
                      aria-label={words.assignLabel(label)}
                      value={type.sequenceId ?? 'own'}
                      disabled={!organisation.numbersHere}
                      onChange={(e) =>
                        setMoving({ type, target: e.target.value === 'own' ? 'own' : Number(e.target.value) })
                      }
                    >
                      {type.sequenceId === null && <option value="own">{words.ownNotStarted}</option>}
                      {assignable.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.typeCodes.length === 0 ? `${s.name} (${words.allOther.toLowerCase()})` : s.name}
                        </option>
                      ))}
                      {type.sequenceId !== null && !hasOwn && <option value="own">{words.own}</option>}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {moving && (
        <Dialog
          title={words.assignTitle}
          confirmLabel={t.admin.yes}
          busy={action.busy}
          onConfirm={() => void move()}
          onClose={() => setMoving(null)}
        >
          <p>{words.assignConfirm(moving.type.names.join(', '), targetName(moving.target))}</p>
        </Dialog>
      )}
    </div>
  );
}
