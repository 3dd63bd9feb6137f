/**
 * The rows of a box for a virtual table: fetched a block at a time as they scroll into view and
 * kept until the query or the register changes. The first block brings the total; a search's
 * total may be a lower bound (totalExact false), raised by the blocks fetched further down.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentQueryInput } from '../../../src-shared/ipc/schemas';
import { useApi } from '../../app/services';
import { messageOf } from '../../app/errors';
import type { ListItem } from './columns';
import { totalAfterBlock } from './blockTotal';

export const BLOCK = 100;

export interface VirtualRows {
  total: number;
  totalExact: boolean;
  /** The row at an index, or undefined while its block is on its way. */
  row: (index: number) => ListItem | undefined;
  /** Asks for the blocks covering rows [from, to). */
  ensure: (from: number, to: number) => void;
  loading: boolean;
  error: string;
  /** Changes whenever a block arrives, so views re-render. */
  revision: number;
}

export function useVirtualRows(query: DocumentQueryInput, version: number): VirtualRows {
  const api = useApi();
  const key = JSON.stringify(query);
  const blocks = useRef(new Map<number, ListItem[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  // The rows the view last asked for: refetched when the register changes under them, or a
  // view scrolled down would show "Đang tải…" until the next scroll.
  const shown = useRef({ from: 0, to: 0 });
  const [state, setState] = useState({
    total: 0,
    totalExact: true,
    ended: false,
    loading: true,
    error: '',
    revision: 0,
  });

  const fetchBlock = useCallback(
    (block: number) => {
      if (blocks.current.has(block) || pending.current.has(block)) return;
      pending.current.add(block);
      const mine = generation.current;
      const q = { ...(JSON.parse(key) as DocumentQueryInput), offset: block * BLOCK, limit: BLOCK };
      api
        .call('document.list', q)
        .then((page) => {
          if (mine !== generation.current) return;
          pending.current.delete(block);
          blocks.current.set(block, page.items);
          setState((s) => ({
            ...totalAfterBlock(s, block, BLOCK, page),
            loading: false,
            error: '',
            revision: s.revision + 1,
          }));
        })
        .catch((error: unknown) => {
          if (mine !== generation.current) return;
          pending.current.delete(block);
          setState((s) => ({ ...s, loading: false, error: messageOf(error) }));
        });
    },
    [api, key],
  );

  const fetchRange = useCallback(
    (from: number, to: number) => {
      for (let b = Math.floor(Math.max(0, from) / BLOCK); b * BLOCK < to; b++) fetchBlock(b);
    },
    [fetchBlock],
  );

  // A new query or a changed register starts over from the first block, and the rows in view.
  useEffect(() => {
    generation.current++;
    blocks.current = new Map();
    pending.current = new Set();
    setState((s) => ({ ...s, ended: false, loading: true }));
    fetchBlock(0);
    fetchRange(shown.current.from, shown.current.to);
  }, [fetchBlock, fetchRange, version]);

  const ensure = useCallback(
    (from: number, to: number) => {
      shown.current = { from, to };
      fetchRange(from, to);
    },
    [fetchRange],
  );

  const row = useCallback((index: number) => blocks.current.get(Math.floor(index / BLOCK))?.[index % BLOCK], []);

  return { ...state, row, ensure };
}
