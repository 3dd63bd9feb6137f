/**
 * Tìm đã lưu: a search the clerk runs again and again (this year's overdue Công văn from the
 * Huyện ủy…) kept under a name with its box, words, filters, order and chosen columns,
 * remembered on this machine for this person.
 */
import { useCallback, useState } from 'react';
import { BOXES, boxById, type BoxId } from './boxes';
import { NO_FILTERS, type Filters, type ListState } from './listState';
import { loadShownColumns, saveShownColumns } from './ColumnChooser';

export interface SavedSearch {
  name: string;
  boxId: BoxId;
  text: string;
  filters: Filters;
  sort: ListState['sort'];
  orderBy: ListState['orderBy'];
  columns: string[];
}

const keyOf = (userId: number) => `vanthu.savedSearches.${userId}`;

function load(userId: number): SavedSearch[] {
  try {
    const saved = JSON.parse(localStorage.getItem(keyOf(userId)) ?? '[]') as unknown;
    if (!Array.isArray(saved)) return [];
    // An entry written by an older version, or damaged, is dropped rather than half-applied.
    return (saved as SavedSearch[]).filter(
      (s) => typeof s?.name === 'string' && BOXES.some((b) => b.id === s.boxId) && Array.isArray(s.columns),
    );
  } catch {
    return [];
  }
}

export function useSavedSearches(userId: number) {
  const [items, setItems] = useState<SavedSearch[]>(() => load(userId));
  const store = useCallback(
    (next: SavedSearch[]) => {
      localStorage.setItem(keyOf(userId), JSON.stringify(next));
      setItems(next);
    },
    [userId],
  );
  return {
    items,
    /** Saves the list as it stands; a search of the same name is replaced. */
    save(name: string, list: ListState, text: string): void {
      const direction = boxById(list.boxId).direction;
      const entry: SavedSearch = {
        name,
        boxId: list.boxId,
        text,
        filters: { ...NO_FILTERS, ...list.filters },
        sort: list.sort,
        orderBy: list.orderBy,
        columns: loadShownColumns(direction),
      };
      store([...items.filter((s) => s.name !== name), entry]);
    },
    remove(name: string): void {
      store(items.filter((s) => s.name !== name));
    },
    /** The list state to show it; its columns become the direction's shown ones. */
    apply(search: SavedSearch): ListState {
      saveShownColumns(boxById(search.boxId).direction, search.columns);
      return {
        boxId: search.boxId,
        filters: search.filters,
        sort: search.sort,
        orderBy: search.orderBy,
        selectedIndex: 0,
        selectedId: null,
      };
    },
  };
}
