/**
 * The preview of the register the form describes, reloaded a moment after the clerk stops
 * typing. A half-typed year or date loads nothing and says what is wrong; an answer that
 * arrives after a newer request is dropped.
 */
import { useEffect, useState } from 'react';
import type { BookKind, BookPreview, BookQuery } from '../../../src-shared/ipc/books';
import { readDate } from '../../components/DateField';
import { useApi } from '../../app/services';
import { issuesOf, messageOf } from '../../app/errors';
import type { FieldIssue } from '../../../src-shared/ipc/errors';
import { useDebounced } from '../register/useRegisterData';

export interface BookForm {
  book: BookKind;
  year: string;
  from: string;
  to: string;
}

/** The query the form stands for, or null while it cannot be read yet. */
export function queryOf(form: BookForm, organisationId: number): BookQuery | null {
  if (!/^\d{4}$/.test(form.year.trim())) return null;
  const from = readDate(form.from);
  const to = readDate(form.to);
  if (from === 'invalid' || to === 'invalid') return null;
  return {
    organisationId,
    direction: form.book === 'out' ? 'out' : 'in',
    followUp: form.book === 'followUp',
    year: Number(form.year.trim()),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

export function useBookPreview(query: BookQuery | null, version: number) {
  const api = useApi();
  const key = query ? JSON.stringify(query) : '';
  const settled = useDebounced(key, 250);
  const [state, setState] = useState<{ key: string; preview: BookPreview | null; error: string; issues: FieldIssue[] }>(
    { key: '', preview: null, error: '', issues: [] },
  );
  useEffect(() => {
    if (!settled) return;
    let current = true;
    api
      .call('book.preview', JSON.parse(settled) as BookQuery)
      .then((preview) => current && setState({ key: settled, preview, error: '', issues: [] }))
      .catch(
        (error: unknown) =>
          current && setState({ key: settled, preview: null, error: messageOf(error), issues: issuesOf(error) }),
      );
    return () => {
      current = false;
    };
  }, [api, settled, version]);
  return { ...state, loading: key !== '' && state.key !== key };
}
