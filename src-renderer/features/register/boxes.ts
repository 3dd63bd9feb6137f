/**
 * The boxes on the left (UI.md "Layout"). Each is a fixed query on the register; the count
 * beside it is that query's total. The handling boxes (Chờ xử lý … Đã xử lý) read the whole
 * register for a clerk or a leader, and a handler's own lines for a handler.
 */
import type { Direction, DocumentStatus, Role } from '../../../src-shared/domain/enums';
import type { DocumentQueryInput, HandlingBox } from '../../../src-shared/ipc/schemas';
import type { Strings } from '../../i18n';

export type BoxId =
  | 'in-pending'
  | 'in-near'
  | 'in-overdue'
  | 'in-handled'
  | 'in-all'
  | 'out-draft'
  | 'out-unsent'
  | 'out-late'
  | 'out-issued'
  | 'out-all';

export interface Box {
  id: BoxId;
  direction: Direction;
  /** Its name in the language table's `boxes` section. */
  label: 'all' | 'drafts' | 'issued' | 'pending' | 'near' | 'overdue' | 'handled' | 'unsent' | 'sendLate';
  status?: DocumentStatus;
  handling?: HandlingBox;
  sending?: 'waiting' | 'late';
  /** Shown red when it holds anything: someone is needed now. */
  alarm?: boolean;
}

export const BOXES: readonly Box[] = [
  { id: 'in-pending', direction: 'in', label: 'pending', handling: 'open' },
  { id: 'in-near', direction: 'in', label: 'near', handling: 'near' },
  { id: 'in-overdue', direction: 'in', label: 'overdue', handling: 'overdue', alarm: true },
  { id: 'in-handled', direction: 'in', label: 'handled', handling: 'done' },
  { id: 'in-all', direction: 'in', label: 'all' },
  { id: 'out-draft', direction: 'out', label: 'drafts', status: 'draft' },
  // Issued, not yet sent to every recipient on the network: the same or the next working day.
  { id: 'out-unsent', direction: 'out', label: 'unsent', sending: 'waiting' },
  { id: 'out-late', direction: 'out', label: 'sendLate', sending: 'late', alarm: true },
  { id: 'out-issued', direction: 'out', label: 'issued', status: 'issued' },
  { id: 'out-all', direction: 'out', label: 'all' },
];

export function boxById(id: BoxId): Box {
  return BOXES.find((b) => b.id === id) ?? (BOXES[0] as Box);
}

/**
 * The query of a box for the signed-in person: a handler's incoming boxes hold the documents
 * given to them (their own lines), everyone else's the whole register.
 */
export function boxQuery(box: Box, user: { id: number; role: Role }): DocumentQueryInput {
  const query: DocumentQueryInput = { direction: box.direction };
  if (box.status) query.status = box.status;
  if (box.handling) query.handling = box.handling;
  if (box.sending) query.sending = box.sending;
  if (box.direction === 'in' && user.role === 'handler') query.handlerId = user.id;
  return query;
}

export function directionTitle(direction: Direction, t: Strings): string {
  return direction === 'in' ? t.boxes.incoming : t.boxes.outgoing;
}

/** The box to show a document's list in after it was saved. */
export function boxAfterSaving(direction: Direction): BoxId {
  return direction === 'in' ? 'in-all' : 'out-draft';
}
