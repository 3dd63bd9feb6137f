/**
 * Choosing the key to sign with: a .p12 file (read with its password, which shows its one
 * certificate) or a USB token (its library found on the machine or typed, its certificates
 * listed, then the PIN). It hands the parent a ready KeyUse, or null while something is missing.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { CertificateChoice, KeyRef, KeyUse, TokenModule } from '../../../src-shared/ipc/signing';
import { useApi } from '../../app/services';
import { messageOf } from '../../app/errors';
import { SelectField, TextField } from '../../components/Field';
import { FilePickField } from '../../components/FilePickField';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';
import { fileToBase64 } from '../signatures/format';

const MAX_P12_BYTES = 256 * 1024;
const OTHER_MODULE = '__other__';

type Source = 'p12' | 'pkcs11';

export interface KeyChoice {
  use: KeyUse | null;
  /** Why `use` is null, for the confirm button's error. */
  missing: string;
}

export function KeyChooser({ idPrefix, onChange }: { idPrefix: string; onChange: (choice: KeyChoice) => void }) {
  const t = useStrings();
  const api = useApi();
  const uid = useId();
  const id = (name: string) => `${idPrefix}-${name}`;
  const [source, setSource] = useState<Source>('p12');
  const [p12File, setP12File] = useState<File | null>(null);
  const [p12Base64, setP12Base64] = useState('');
  const [password, setPassword] = useState('');
  const [modules, setModules] = useState<TokenModule[] | null>(null);
  const [module, setModule] = useState('');
  const [modulePath, setModulePath] = useState('');
  const [pin, setPin] = useState('');
  const [choices, setChoices] = useState<CertificateChoice[] | null>(null);
  const [choiceId, setChoiceId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    if (source !== 'pkcs11' || modules) return;
    api
      .call('keys.modules', {})
      .then((found) => {
        setModules(found);
        const usable = found.find((m) => m.usable);
        setModule(usable ? usable.path : OTHER_MODULE);
      })
      .catch((e: unknown) => setError(messageOf(e)));
  }, [api, source, modules]);

  const tokenPath = module === OTHER_MODULE ? modulePath.trim() : module;
  const key = useMemo<KeyRef | null>(() => {
    if (source === 'p12') return p12Base64 ? { kind: 'p12', fileBase64: p12Base64 } : null;
    return tokenPath ? { kind: 'pkcs11', module: tokenPath } : null;
  }, [source, p12Base64, tokenPath]);
  const secret = source === 'p12' ? password : pin;

  useEffect(() => {
    let missing = '';
    if (!key) missing = source === 'p12' ? t.signing.needFile : t.signing.needModule;
    else if (!choiceId) missing = t.signing.needCertificate;
    else if (!secret) missing = source === 'p12' ? t.signing.needPassword : t.signing.needPin;
    onChange({ use: missing || !key ? null : { key, choiceId, secret }, missing });
  }, [source, key, choiceId, secret, onChange]);

  function forgetCertificates() {
    setChoices(null);
    setChoiceId('');
  }

  async function pickP12(file: File | null) {
    setP12File(file);
    setP12Base64('');
    forgetCertificates();
    setError('');
    if (!file) return;
    if (file.size > MAX_P12_BYTES) return setError(t.signing.fileTooLarge);
    try {
      setP12Base64(await fileToBase64(file));
    } catch {
      setError(t.signing.readFailed);
    }
  }

  async function readCertificates() {
    if (!key || busy) return;
    if (source === 'p12' && !password) return setError(t.signing.needPassword);
    setBusy(true);
    setError('');
    try {
      const found = await api.call('keys.certificates', source === 'p12' ? { key, secret: password } : { key });
      setChoices(found);
      setChoiceId(found[0]?.id ?? '');
      if (found.length === 0) setError(t.signing.noCertificates);
    } catch (e) {
      forgetCertificates();
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="key-chooser">
      <legend>{t.signing.keySection}</legend>
      <div className="radio-row" role="radiogroup" aria-label={t.signing.source}>
        {(['p12', 'pkcs11'] as const).map((s) => (
          <label key={s}>
            <input
              type="radio"
              name={`${uid}-source`}
              checked={source === s}
              onChange={() => {
                setSource(s);
                forgetCertificates();
                setError('');
              }}
            />
            {s === 'p12' ? t.signing.sourceP12 : t.signing.sourceToken}
          </label>
        ))}
      </div>

      {source === 'p12' ? (
        <>
          <FilePickField
            id={id('p12')}
            label={t.signing.p12File}
            accept=".p12,.pfx,application/x-pkcs12"
            file={p12File}
            onChange={(f) => void pickP12(f)}
            required
          />
          <TextField
            id={id('password')}
            label={t.signing.p12Password}
            type="password"
            value={password}
            onChange={(v) => {
              setPassword(v);
              if (choices) forgetCertificates();
            }}
            required
          />
        </>
      ) : (
        <>
          {modules && modules.length === 0 && <p className="field-hint">{t.signing.noModules}</p>}
          <SelectField
            id={id('module')}
            label={t.signing.tokenModule}
            value={module}
            onChange={(v) => {
              setModule(v);
              forgetCertificates();
            }}
            options={[
              ...(modules ?? []).map((m) => ({
                value: m.path,
                label: m.usable ? m.vendor : `${m.vendor} — ${m.problem ?? ''}`,
              })),
              { value: OTHER_MODULE, label: t.signing.tokenModuleOther },
            ]}
          />
          {module === OTHER_MODULE && (
            <TextField
              id={id('module-path')}
              label={t.signing.tokenModulePath}
              hint={t.signing.tokenModuleHint}
              value={modulePath}
              onChange={(v) => {
                setModulePath(v);
                forgetCertificates();
              }}
              required
            />
          )}
        </>
      )}

      <div className="actions-inline">
        <button type="button" onClick={() => void readCertificates()} disabled={busy || !key}>
          {busy ? t.signing.reading : source === 'p12' ? t.signing.readCertificate : t.signing.findCertificates}
        </button>
      </div>
      {error && <Notice kind="error">{error}</Notice>}

      {choices && choices.length > 0 && (
        <div className="certificate-choices" role="radiogroup" aria-label={t.signing.certificate}>
          {choices.map((c) => (
            <label key={c.id} className="certificate-choice">
              <input
                type="radio"
                name={`${uid}-certificate`}
                checked={choiceId === c.id}
                onChange={() => setChoiceId(c.id)}
              />
              <span>
                <strong>{t.signing.certificateLine(c.label, t.formats.dayOf(c.notAfter))}</strong>
                <small>{t.signing.issuedBy(c.issuer)}</small>
              </span>
            </label>
          ))}
        </div>
      )}
      {source === 'pkcs11' && choices && choices.length > 0 && (
        <TextField id={id('pin')} label={t.signing.pin} type="password" value={pin} onChange={setPin} required />
      )}
    </fieldset>
  );
}
