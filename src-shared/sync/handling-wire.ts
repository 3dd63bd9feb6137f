/**
 * Handling on the organisation channel (DOMAIN.md "Who works where"): a directive typed on any
 * workstation of the organisation, and every status its lines go through, reach the others.
 * People are named by username (accounts travel on the channel too), documents by uid. The
 * shapes are checked where they are applied, like every wire type.
 */
import { z } from 'zod';
import { LinePart, LineStatus } from '../ipc/handling';

export const ENTITY_DIRECTIVE = 'directive';
export const ENTITY_HANDLING_EVENT = 'handling.event';

const Uid = z.string().min(1).max(100);
const Username = z.string().min(1).max(100);
const Instant = z.string().datetime({ offset: true });

export const DirectiveWire = z.object({
  uid: Uid,
  documentUid: Uid,
  text: z.string().min(1).max(4000),
  leader: Username,
  recordedBy: Username,
  directedAt: Instant,
  lines: z
    .array(
      z.object({
        uid: Uid,
        user: Username,
        part: LinePart,
        dueDate: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .nullable(),
      }),
    )
    .min(1)
    .max(200),
});
export type DirectiveWire = z.infer<typeof DirectiveWire>;

export const HandlingEventWire = z.object({
  uid: Uid,
  lineUid: Uid,
  /** The status the line had where the change was made: another one here means both moved it. */
  from: LineStatus,
  status: LineStatus,
  note: z.string().max(2000),
  actor: Username,
  at: Instant,
  replyUid: Uid.nullable(),
});
export type HandlingEventWire = z.infer<typeof HandlingEventWire>;
