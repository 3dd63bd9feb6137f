/** Data of the register screen: the live counts of every box (the rows: useVirtualRows). */
import { useEffect, useState } from 'react';
import type { DocumentQueryInput } from '../../../src-shared/ipc/schemas';
import { useApi } from '../../app/services';
import { BOXES, type BoxId } from './boxes';

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
