/** Data of the register screen: one page of a box, and the live counts of every box. */
import { useEffect, useState } from 'react';
import type { DocumentPage, DocumentQueryInput } from '../../../src-shared/ipc/schemas';
import { useApi } from '../../app/services';
import { messageOf } from '../../app/errors';
import { BOXES, type BoxId } from './boxes';

export interface PageState {
  page: DocumentPage | null;
  loading: boolean;
  error: string;
}

/** The page for `query`; a slower earlier answer never overwrites a newer one. */
export function useDocumentPage(query: DocumentQueryInput, version: number): PageState {
  const api = useApi();
  const [state, setState] = useState<PageState>({ page: null, loading: true, error: '' });
  const key = JSON.stringify(query);

  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    api
      .call('document.list', JSON.parse(key) as DocumentQueryInput)
      .then((page) => current && setState({ page, loading: false, error: '' }))
      .catch((error: unknown) => current && setState((s) => ({ ...s, loading: false, error: messageOf(error) })));
    return () => {
      current = false;
    };
  }, [api, key, version]);

  return state;
}

export type BoxCounts = Partial<Record<BoxId, number>>;

export function useBoxCounts(organisationId: number, version: number): BoxCounts {
  const api = useApi();
  const [counts, setCounts] = useState<BoxCounts>({});

  useEffect(() => {
    let current = true;
    Promise.all(
      BOXES.map(async (box) => {
        const query: DocumentQueryInput = { organisationId, direction: box.direction, limit: 1 };
        if (box.status) query.status = box.status;
        const page = await api.call('document.list', query);
        return [box.id, page.total] as const;
      }),
    )
      .then((entries) => current && setCounts(Object.fromEntries(entries)))
      .catch(() => undefined); // counts are a convenience; the list shows any real error
    return () => {
      current = false;
    };
  }, [api, organisationId, version]);

  return counts;
}

export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
