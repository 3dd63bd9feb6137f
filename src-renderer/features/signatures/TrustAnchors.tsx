/**
 * The workstation's trust anchors (administrators only): the list, and adding a root certificate
 * from its file together with the SHA-256 fingerprint its CA publishes — the engine refuses the
 * file when the two do not match.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { TrustAnchorInfo } from '../../../src-shared/ipc/schemas';
import { useApi } from '../../app/services';
import { messageOf } from '../../app/errors';
import { FieldFrame } from '../../components/Field';
import { Dialog } from '../../components/Dialog';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';
import { fileToBase64, formatFingerprint, normaliseFingerprint } from './format';

const MAX_CERT_FILE = 1024 * 1024;

export function TrustAnchors({ onAdded }: { onAdded?: (anchor: TrustAnchorInfo) => void }) {
  const t = useStrings();
  const api = useApi();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [anchors, setAnchors] = useState<TrustAnchorInfo[] | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fingerprint, setFingerprint] = useState('');
  const [errors, setErrors] = useState<{
    file?: string | undefined;
    fingerprint?: string | undefined;
    form?: string | undefined;
  }>({});
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<TrustAnchorInfo | null>(null);
  const [removeFailure, setRemoveFailure] = useState('');

  async function remove(anchor: TrustAnchorInfo) {
    setBusy(true);
    setRemoveFailure('');
    try {
      await api.call('trust.remove', { sha256: anchor.sha256 });
      setRemoving(null);
      setDone(t.signatures.trust.removed(anchor.subject));
      load();
    } catch (error) {
      setRemoveFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  }

  const load = useCallback(() => {
    api
      .call('trust.list', {})
      .then(setAnchors)
      .catch((error: unknown) => setErrors({ form: `${t.signatures.trust.loadFailed} ${messageOf(error)}` }));
  }, [api]);
  useEffect(load, [load]);

  async function add(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setDone('');
    const next: typeof errors = {};
    if (!file) next.file = t.signatures.trust.needFile;
    else if (file.size > MAX_CERT_FILE) next.file = t.signatures.trust.tooLarge;
    const sha256 = normaliseFingerprint(fingerprint);
    if (!sha256) next.fingerprint = t.signatures.trust.badFingerprint;
    setErrors(next);
    if (!file || !sha256 || next.file) return;
    setBusy(true);
    try {
      let certificateBase64: string;
      try {
        certificateBase64 = await fileToBase64(file);
      } catch {
        setErrors({ file: t.signatures.trust.readFailed });
        return;
      }
      const anchor = await api.call('trust.add', { certificateBase64, sha256 });
      setDone(t.signatures.trust.added(anchor.subject));
      setFile(null);
      setFingerprint('');
      if (fileRef.current) fileRef.current.value = '';
      load();
      onAdded?.(anchor);
    } catch (error) {
      // What was typed stays; the engine's message says what to do.
      setErrors({ form: messageOf(error) });
    } finally {
      setBusy(false);
    }
  }

  const fileId = `${id}-file`;
  const fingerprintId = `${id}-fingerprint`;
  return (
    <div className="trust-anchors">
      <p className="muted">{t.signatures.trust.intro}</p>
      {anchors === null ? null : anchors.length === 0 ? (
        <p className="muted">{t.signatures.trust.empty}</p>
      ) : (
        <ul className="trust-list">
          {anchors.map((a) => (
            <li key={a.sha256}>
              <strong>{a.subject}</strong>
              <span className="muted">
                {t.signatures.trust.notAfter}: {t.formats.dayOf(a.notAfter)}
              </span>
              <code className="fingerprint">{formatFingerprint(a.sha256)}</code>
              <button
                type="button"
                className="danger-outline small"
                aria-label={t.signatures.trust.removeLabel(a.subject)}
                onClick={() => setRemoving(a)}
              >
                {t.signatures.trust.remove}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="trust-form" onSubmit={(e) => void add(e)} noValidate>
        <FieldFrame id={fileId} label={t.signatures.trust.file} error={errors.file}>
          <input
            ref={fileRef}
            id={fileId}
            type="file"
            accept=".cer,.crt,.pem,.der,application/x-x509-ca-cert,application/pkix-cert"
            aria-invalid={errors.file ? true : undefined}
            aria-describedby={errors.file ? `${fileId}-error` : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setErrors((old) => ({ ...old, file: undefined, form: undefined }));
            }}
          />
        </FieldFrame>
        <FieldFrame
          id={fingerprintId}
          label={t.signatures.trust.fingerprint}
          error={errors.fingerprint}
          hint={t.signatures.trust.fingerprintHint}
        >
          <input
            id={fingerprintId}
            type="text"
            className="fingerprint-input"
            value={fingerprint}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={errors.fingerprint ? true : undefined}
            aria-describedby={errors.fingerprint ? `${fingerprintId}-error` : `${fingerprintId}-hint`}
            onChange={(e) => {
              setFingerprint(e.target.value);
              setErrors((old) => ({ ...old, fingerprint: undefined, form: undefined }));
            }}
          />
        </FieldFrame>
        {errors.form && <Notice kind="error">{errors.form}</Notice>}
        {done && <Notice kind="success">{done}</Notice>}
        <div className="trust-actions">
          <button type="submit" aria-disabled={busy || undefined}>
            {busy ? t.signatures.trust.adding : t.signatures.trust.add}
          </button>
        </div>
      </form>
      {removing && (
        <Dialog
          title={t.signatures.trust.removeTitle}
          confirmLabel={t.signatures.trust.remove}
          danger
          busy={busy}
          onConfirm={() => void remove(removing)}
          onClose={() => {
            setRemoving(null);
            setRemoveFailure('');
          }}
        >
          <p>{t.signatures.trust.removeConfirm(removing.subject)}</p>
          {removeFailure && <Notice kind="error">{removeFailure}</Notice>}
        </Dialog>
      )}
    </div>
  );
}
