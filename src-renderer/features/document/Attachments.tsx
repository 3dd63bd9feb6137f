/** The document's files: pick one to view; attach more PDFs (each checked by the engine). */
import type { Document } from '../../../src-shared/ipc/schemas';
import { useApi, usePlatform } from '../../app/services';
import { messageOf } from '../../app/errors';
import { useStrings } from '../../i18n';
import { FileDropZone, formatSize } from '../files/FileDropZone';
import { useUploads } from '../files/useUploads';

export interface AttachmentsProps {
  document: Document;
  viewing: string | null;
  onView: (sha256: string) => void;
  onChanged: (document: Document, message: string) => void;
  onFailed: (message: string) => void;
}

export function Attachments({ document: d, viewing, onView, onChanged, onFailed }: AttachmentsProps) {
  const t = useStrings();
  const api = useApi();
  const platform = usePlatform();
  const save = (sha256: string, name: string) =>
    platform
      .saveFile(sha256, name)
      .then((result) => {
        if (!result.ok) onFailed(result.error.message);
        else if (result.value.saved) onChanged(d, t.files.saved(name));
      })
      .catch((error: unknown) => onFailed(messageOf(error)));
  const uploads = useUploads((info, name) => {
    api
      .call('document.attachFile', { id: d.id, sha256: info.sha256, name })
      .then((updated) => {
        onChanged(updated, t.files.attached(name));
        onView(info.sha256);
      })
      .catch((error: unknown) => onFailed(messageOf(error)));
  });

  return (
    <section className="attachments" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t.document.attachments}</h2>
      {d.files.length === 0 ? (
        <p className="muted">{t.document.noFiles}</p>
      ) : (
        <ul className="file-list">
          {d.files.map((f) => (
            <li key={f.sha256} className="file-row">
              <button
                type="button"
                className={`file-link${viewing === f.sha256 ? ' active' : ''}`}
                aria-pressed={viewing === f.sha256}
                onClick={() => onView(f.sha256)}
              >
                <span className="file-name">{f.name}</span>
                <span className="file-meta">
                  {t.files.roles[f.role]} · {formatSize(f.size, t)}
                  {f.pageCount ? ` · ${t.files.pages(f.pageCount)}` : ''}
                </span>
              </button>
              <button
                type="button"
                className="file-save"
                aria-label={t.files.saveLabel(f.name)}
                title={t.files.saveLabel(f.name)}
                onClick={() => void save(f.sha256, f.name)}
              >
                {t.files.save}
              </button>
            </li>
          ))}
        </ul>
      )}
      {d.status !== 'cancelled' && <FileDropZone uploads={uploads} showList={false} buttonLabel={t.files.attachMore} />}
    </section>
  );
}
