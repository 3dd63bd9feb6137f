/**
 * "In sổ": the register (đến or đi) for a year, or dates within it, shown as it will be
 * printed; In sổ (Ctrl+P) prints the preview, Xuất PDF / Xuất Excel save the whole register
 * as a file to print, bind or send. A register longer than the preview is printed from its PDF.
 */
import { useState } from 'react';
import type { BookFormat, BookKind } from '../../../src-shared/ipc/books';
import { DateField } from '../../components/DateField';
import { SelectField, TextField } from '../../components/Field';
import { Kbd } from '../../components/Kbd';
import { Notice } from '../../components/Notice';
import { WorkingBar } from '../../components/ProgressBar';
import { useApi, usePlatform } from '../../app/services';
import { fieldErrors, messageOf } from '../../app/errors';
import { useWindowKeydown } from '../../app/useWindowKeydown';
import { useWorkspace } from '../../app/workspaceContext';
import { dialogIsOpen } from '../../components/Dialog';
import { useStrings } from '../../i18n';
import { BookPaper } from './BookPaper';
import { queryOf, useBookPreview, type BookForm } from './useBookPreview';

export const PRINT_SHORTCUT = 'Ctrl+P';

export function BookView() {
  const t = useStrings();
  const api = useApi();
  const platform = usePlatform();
  const { organisation, session, registerVersion } = useWorkspace();
  const [form, setForm] = useState<BookForm>({
    book: 'in',
    year: String(new Date().getFullYear()),
    from: '',
    to: '',
  });
  const [busy, setBusy] = useState<BookFormat | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error' | 'info'; text: string } | null>(null);
  const query = queryOf(form, organisation.id);
  const { preview, error, issues, loading } = useBookPreview(query, registerVersion);
  // The engine's refusals shown under the field they are about ("Ngày phải thuộc năm 2026…").
  const refused = fieldErrors(issues, (p) => (p === 'from' || p === 'to' || p === 'year' ? p : null));
  const complete = !!preview && preview.rows.length >= preview.total;
  const set = (patch: Partial<BookForm>) => {
    setMessage(null);
    setForm((f) => ({ ...f, ...patch }));
  };

  const print = () => {
    if (!preview || loading) return;
    if (!complete) {
      setMessage({ kind: 'info', text: t.books.partial(preview.rows.length, preview.total) });
      return;
    }
    void platform.print();
  };

  const exportAs = async (format: BookFormat) => {
    if (!query || busy) return;
    setBusy(format);
    setMessage(null);
    try {
      const file = await api.call('book.export', { ...query, format });
      const saved = await platform.saveFile(file.sha256, file.name);
      if (!saved.ok) setMessage({ kind: 'error', text: saved.error.message });
      else if (saved.value.saved) setMessage({ kind: 'success', text: t.books.saved(file.name) });
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(null);
    }
  };

  useWindowKeydown((event) => {
    if (dialogIsOpen()) return;
    if (event.ctrlKey && event.key.toLowerCase() === 'p') {
      event.preventDefault();
      print();
    }
  });

  const yearError = form.year.trim() && !/^\d{4}$/.test(form.year.trim()) ? t.books.badYear : refused.byField.year;
  const books: readonly BookKind[] = ['in', 'out', 'followUp'];
  return (
    <section className="book-view" aria-labelledby="book-view-title">
      <header className="view-header">
        <h1 id="book-view-title">{t.books.title}</h1>
        <p className="muted">{t.books.intro}</p>
      </header>
      <form className="book-form" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="book-direction"
          label={t.books.register}
          value={form.book}
          onChange={(v) => set({ book: v as BookKind })}
          options={books.map((b) => ({ value: b, label: t.books.registers[b] }))}
        />
        <TextField
          id="book-year"
          label={t.books.year}
          value={form.year}
          onChange={(year) => set({ year })}
          error={yearError}
        />
        <DateField
          id="book-from"
          label={t.books.from}
          value={form.from}
          onChange={(from) => set({ from })}
          error={refused.byField.from}
          hint={t.books.optionalDate}
        />
        <DateField
          id="book-to"
          label={t.books.to}
          value={form.to}
          onChange={(to) => set({ to })}
          error={refused.byField.to}
          hint={t.books.optionalDate}
        />
        <div className="view-actions book-actions">
          <button
            type="button"
            className="primary"
            onClick={print}
            disabled={!preview || loading}
            aria-keyshortcuts={PRINT_SHORTCUT}
          >
            {t.books.print} <Kbd>{PRINT_SHORTCUT}</Kbd>
          </button>
          <button type="button" onClick={() => void exportAs('pdf')} disabled={!query || !!busy}>
            {t.books.exportPdf}
          </button>
          <button type="button" onClick={() => void exportAs('xlsx')} disabled={!query || !!busy}>
            {t.books.exportXlsx}
          </button>
        </div>
      </form>
      {busy && <WorkingBar label={t.books.exporting} />}
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {error && issues.length === 0 && <Notice kind="error">{error}</Notice>}
      {refused.unplaced.map((text) => (
        <Notice key={text} kind="error">
          {text}
        </Notice>
      ))}
      {preview && !complete && !message && (
        <Notice kind="info">{t.books.partial(preview.rows.length, preview.total)}</Notice>
      )}
      {loading && !preview && <p className="muted">{t.books.loading}</p>}
      {preview && (
        <div className={`book-preview${loading ? ' stale' : ''}`} aria-busy={loading || undefined}>
          <BookPaper book={preview} clerk={session.user.fullName} label={t.books.preview} />
        </div>
      )}
    </section>
  );
}
