/**
 * "Vào sổ văn bản đến" / "Tạo văn bản đi (dự thảo)". Ctrl+S saves. When saving fails, every
 * field keeps what was typed and the engine's field errors appear beside their fields.
 */
import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { Direction } from '../../../src-shared/domain/enums';
import type { Document, Warning } from '../../../src-shared/ipc/schemas';
import { useApi } from '../../app/services';
import { useWorkspace } from '../../app/workspaceContext';
import { fieldErrors, issuesOf, messageOf } from '../../app/errors';
import { Dialog } from '../../components/Dialog';
import { Kbd } from '../../components/Kbd';
import { Notice } from '../../components/Notice';
import { useStrings, type Strings } from '../../i18n';
import { FileDropZone } from '../files/FileDropZone';
import { useUploads, type UploadItem } from '../files/useUploads';
import { DocumentFieldsGrid } from './DocumentFieldsGrid';
import {
  buildInput,
  emptyValues,
  type CreateInput,
  fieldOfPath,
  isDirty,
  typeFromNotation,
  type FormErrors,
  type FormValues,
} from './formModel';

export interface RegistrationFormProps {
  direction: Direction;
  onCancel: () => void;
  onSaved: (saved: { id: number; warnings: Warning[] }, message: string) => void;
  /** A pre-filled form: a received document's fields and its files, already stored. */
  initial?: { values: FormValues; files: UploadItem[] };
  /** Saves differently (registering a received document); document.create by default. */
  submit?: (input: CreateInput) => Promise<{ document: Document; warnings: Warning[] }>;
  title?: string;
  intro?: string;
  /** More buttons in the action bar (e.g. "Từ chối"). */
  extraActions?: ReactNode;
}

function savedMessage(document: Document, t: Strings): string {
  return document.direction === 'in' ? t.form.savedIncoming(document.arrivalNumber) : t.form.savedOutgoing;
}

export function RegistrationForm({
  direction,
  onCancel,
  onSaved,
  initial,
  submit: submitInput,
  title: customTitle,
  intro,
  extraActions,
}: RegistrationFormProps) {
  const t = useStrings();
  const api = useApi();
  const { organisation, documentTypes } = useWorkspace();
  const [values, setValues] = useState<FormValues>(() => initial?.values ?? emptyValues(direction));
  const [errors, setErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<{ message: string; details: string[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const [typeHint, setTypeHint] = useState<string | undefined>();
  const [pagesFromPdf, setPagesFromPdf] = useState<number | null>(null);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const incoming = direction === 'in';

  const uploads = useUploads((info) => {
    if (info.pageCount && pagesFromPdf === null) {
      setPagesFromPdf(info.pageCount);
      setValues((v) => (v.pageAmount ? v : { ...v, pageAmount: String(info.pageCount) }));
    }
    setErrors((e) => ({ ...e, files: undefined }));
  }, initial?.files);

  function set<K extends keyof FormValues>(field: K, value: FormValues[K]) {
    setValues((current) => {
      const next = { ...current, [field]: value };
      if (field === 'numberText' && !current.typeName) {
        const suggested = typeFromNotation(String(value), documentTypes);
        if (suggested) {
          next.typeName = suggested;
          setTypeHint(t.form.typeSuggested(suggested));
        }
      }
      if (field === 'typeName') setTypeHint(undefined);
      return next;
    });
    setErrors((e) => ({ ...e, [field]: undefined }));
  }

  async function save() {
    if (saving) return;
    if (uploads.busy) {
      setFailure({ message: t.form.waitUpload, details: [] });
      return;
    }
    const files = uploads.items.flatMap((i) => (i.info ? [{ sha256: i.info.sha256, name: i.name }] : []));
    const built = buildInput(values, direction, organisation.id, files, t);
    if (built.errors) {
      setErrors(built.errors);
      setFailure({ message: t.errors.fixFields, details: [] });
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      const saved = submitInput ? await submitInput(built.input) : await api.call('document.create', built.input);
      onSaved({ id: saved.document.id, warnings: saved.warnings }, savedMessage(saved.document, t));
    } catch (error) {
      const { byField, unplaced } = fieldErrors(issuesOf(error), (path) => fieldOfPath(path, values));
      setErrors(byField);
      const placed = Object.keys(byField).length > 0;
      setFailure({ message: placed ? t.errors.fixFields : messageOf(error), details: placed ? unplaced : [] });
    } finally {
      setSaving(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void save();
  }

  function onKeyDown(event: KeyboardEvent) {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void save();
    }
  }

  function cancel() {
    if (!initial && (isDirty(values, direction) || uploads.items.length > 0)) setConfirmLeave(true);
    else onCancel();
  }

  const title = customTitle ?? (incoming ? t.form.titleIncoming : t.form.titleOutgoing);
  return (
    <form
      className="registration"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      noValidate
      aria-labelledby="registration-title"
    >
      <header className="view-header">
        <div>
          <h1 id="registration-title">{title}</h1>
          <p className="view-subtitle">{intro ?? (incoming ? t.form.introIncoming : t.form.introOutgoing)}</p>
        </div>
      </header>
      {failure && (
        <Notice kind="error">
          <p>{failure.message}</p>
          {failure.details.length > 0 && (
            <ul>
              {failure.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </Notice>
      )}
      <div className="registration-body">
        <section className="card form-card">
          <DocumentFieldsGrid
            direction={direction}
            values={values}
            set={set}
            errors={errors}
            typeHint={typeHint}
            pageHint={pagesFromPdf ? t.form.pageAmountFromPdf(pagesFromPdf) : undefined}
          />
        </section>
        <aside className="card files-card" aria-labelledby="files-title">
          <h2 id="files-title">{t.files.title}</h2>
          <FileDropZone uploads={uploads} error={errors.files} />
        </aside>
      </div>
      <footer className="action-bar">
        <button type="submit" className="primary" disabled={saving} aria-keyshortcuts="Control+S">
          {saving ? t.form.saving : incoming ? t.form.saveIncoming : t.form.saveOutgoing}
        </button>
        {extraActions}
        <button type="button" onClick={cancel} disabled={saving}>
          {t.form.cancel}
        </button>
        <span className="shortcut-hints">
          <Kbd>Ctrl+S</Kbd> {t.form.saveHint}
        </span>
      </footer>
      {confirmLeave && (
        <Dialog
          title={t.form.leaveTitle}
          confirmLabel={t.form.leave}
          danger
          onConfirm={onCancel}
          onClose={() => setConfirmLeave(false)}
        >
          <p>{t.form.leaveConfirm}</p>
        </Dialog>
      )}
    </form>
  );
}
