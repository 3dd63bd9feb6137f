/** Data of the register screen: the live counts of every box (the rows: useVirtualRows). */
import { useEffect, useState } from 'react';
import type { DocumentQueryInput } from '../../../src-shared/ipc/schemas';
import { useApi } from '../../app/services';
import type { Role } from '../../../src-shared/domain/enums';
import { BOXES, boxQuery, type BoxId } from './boxes';

export type BoxCounts = Partial<Record<BoxId, number>>;

export function useBoxCounts(organisationId: number, version: number, user: { id: number; role: Role }): BoxCounts {
  const api = useApi();
  const [counts, setCounts] = useState<BoxCounts>({});

  useEffect(() => {
    let current = true;
    Promise.all(
      BOXES.map(async (box) => {
        const query: DocumentQueryInput = { ...boxQuery(box, user), organisationId, limit: 1 };
        const page = await api.call('document.list', query);
        return [box.id, page.total] as const;
      }),
    )
      .then((entries) => current && setCounts(Object.fromEntries(entries)))
      .catch(() => undefined); // counts are a convenience; the list shows any real error
    return () => {
      current = false;
    };
  }, [api, organisationId, version, user.id, user.role]);

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
