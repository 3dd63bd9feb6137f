/**
 * The recovery key, shown once (at setup, or when an administrator makes a new one): large,
 * in groups to read aloud and copy by hand, and the next step only after the administrator says
 * it is written down.
 */
import { useState, type FormEvent } from 'react';
import { useStrings } from '../../i18n';

export function RecoveryKeyCard({ recoveryKey, onDone }: { recoveryKey: string; onDone: () => void }) {
  const t = useStrings();
  const [kept, setKept] = useState(false);
  const [copied, setCopied] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (kept) onDone();
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(recoveryKey);
      setCopied(true);
    } catch {
      // No clipboard (a locked-down PC): the key is on screen to be written down anyway.
    }
  }

  return (
    <form className="card setup-card recovery-card" onSubmit={submit} aria-labelledby="recovery-title">
      <h1 id="recovery-title">{t.recoveryKey.title}</h1>
      <p className="lead">{t.recoveryKey.intro}</p>
      <p className="recovery-key" aria-label={t.recoveryKey.title} data-testid="recovery-key">
        {recoveryKey.split('-').map((group, i) => (
          <span key={i}>{group}</span>
        ))}
      </p>
      <p>
        <strong>{t.recoveryKey.once}</strong> {t.recoveryKey.keep}
      </p>
      <label className="checkbox-line">
        <input type="checkbox" checked={kept} onChange={(e) => setKept(e.target.checked)} autoFocus />{' '}
        {t.recoveryKey.confirm}
      </label>
      <div className="actions">
        <button type="button" onClick={() => void copy()}>
          {copied ? t.recoveryKey.copied : t.recoveryKey.copy}
        </button>
        <button type="submit" className="primary" disabled={!kept}>
          {t.recoveryKey.continue}
        </button>
      </div>
    </form>
  );
}
