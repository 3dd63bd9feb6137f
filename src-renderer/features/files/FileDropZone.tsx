/**
 * Where PDFs are attached: drag and drop onto the zone, or "Chọn tệp PDF". Uploads show a
 * progress bar; refused files say why, and nothing else on the form is touched.
 */
import { useRef, useState, type DragEvent } from 'react';
import { Notice } from '../../components/Notice';
import { ProgressBar } from '../../components/ProgressBar';
import { useStrings, type Strings } from '../../i18n';
import type { Uploads } from './useUploads';

export function formatSize(bytes: number, t: Strings): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${t.formats.number(bytes / 1024)} KB`;
  return `${t.formats.number(bytes / 1024 / 1024, 1)} MB`;
}

export interface FileDropZoneProps {
  uploads: Uploads;
  /** Show the uploaded files with a remove button (the registration form). */
  showList?: boolean;
  buttonLabel?: string;
  error?: string | undefined;
}

export function FileDropZone({ uploads, showList = true, buttonLabel, error }: FileDropZoneProps) {
  const t = useStrings();
  const chooseLabel = buttonLabel ?? t.files.choose;
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void uploads.add(Array.from(event.dataTransfer.files));
  }

  return (
    <div className="file-panel">
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}${error ? ' has-error' : ''}`}
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <span className="drop-icon" aria-hidden="true">
          ⇪
        </span>
        <p>{dragging ? t.files.dropNow : t.files.dropHere}</p>
        <button type="button" onClick={() => inputRef.current?.click()}>
          {chooseLabel}
        </button>
        <input
          ref={inputRef}
          type="file"
          accept="application/pdf,.pdf"
          multiple
          hidden
          aria-label={chooseLabel}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            void uploads.add(files);
          }}
        />
      </div>
      {error && <p className="field-error">{error}</p>}
      {uploads.problems.map((problem) => (
        <Notice key={problem} kind="error" onClose={uploads.clearProblems}>
          {problem}
        </Notice>
      ))}
      {showList && uploads.items.length > 0 && (
        <ul className="upload-list">
          {uploads.items.map((item, i) => (
            <li key={item.key}>
              <div className="upload-row">
                <span className="file-name" title={item.name}>
                  {item.name}
                </span>
                <span className="file-meta">
                  {i === 0 ? t.files.main : t.files.attachment} · {formatSize(item.size, t)}
                  {item.info?.pageCount ? ` · ${t.files.pages(item.info.pageCount)}` : ''}
                </span>
                {item.info && (
                  <button type="button" className="link" onClick={() => uploads.remove(item.key)}>
                    {t.files.remove}
                  </button>
                )}
              </div>
              {!item.info && (
                <>
                  <p className="upload-status">{t.files.uploading(item.name)}</p>
                  <ProgressBar label={`${t.files.progressLabel}: ${item.name}`} value={item.sent} max={item.size} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {!showList &&
        uploads.items
          .filter((item) => !item.info)
          .map((item) => (
            <div key={item.key}>
              <p className="upload-status">{t.files.uploading(item.name)}</p>
              <ProgressBar label={`${t.files.progressLabel}: ${item.name}`} value={item.sent} max={item.size} />
            </div>
          ))}
    </div>
  );
}
