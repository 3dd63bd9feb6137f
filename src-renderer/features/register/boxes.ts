/**
 * The boxes on the left (UI.md "Layout"). Each is a fixed query on the register; the count
 * beside it is that query's total. More boxes (Chờ vào sổ, Quá hạn…) join as the engine learns
 * them.
 */
import type { Direction, DocumentStatus } from '../../../src-shared/domain/enums';
import type { Strings } from '../../i18n';

export type BoxId = 'in-all' | 'out-draft' | 'out-issued' | 'out-all';

export interface Box {
  id: BoxId;
  direction: Direction;
  /** Its name in the language table's `boxes` section. */
  label: 'all' | 'drafts' | 'issued';
  status?: DocumentStatus;
}

export const BOXES: readonly Box[] = [
  { id: 'in-all', direction: 'in', label: 'all' },
  { id: 'out-draft', direction: 'out', label: 'drafts', status: 'draft' },
  { id: 'out-issued', direction: 'out', label: 'issued', status: 'issued' },
  { id: 'out-all', direction: 'out', label: 'all' },
];

export function boxById(id: BoxId): Box {
  return BOXES.find((b) => b.id === id) ?? (BOXES[0] as Box);
}

export function directionTitle(direction: Direction, t: Strings): string {
  return direction === 'in' ? t.boxes.incoming : t.boxes.outgoing;
}

/** The box to show a document's list in after it was saved. */
export function boxAfterSaving(direction: Direction): BoxId {
  return direction === 'in' ? 'in-all' : 'out-draft';
}
