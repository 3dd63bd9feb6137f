/**
 * Handling on the organisation channel (DOMAIN.md "Who works where"): a directive typed on any
 * workstation of the organisation, every status its lines go through, and the units people work
 * in, reach the others.
 * People are named by username (accounts travel on the channel too), documents by uid. The
 * shapes are checked where they are applied, like every wire type.
 */
import { z } from 'zod';
import { LinePart, LineStatus } from '../ipc/handling';

export const ENTITY_DIRECTIVE = 'directive';
export const ENTITY_HANDLING_EVENT = 'handling.event';
export const ENTITY_UNIT = 'unit';
export const ENTITY_PLACEMENT = 'unit.placement';

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

/** A unit (phòng, ban, chi bộ) of the organisation, by its uid. */
export const UnitWire = z.object({
  kind: z.literal('unit'),
  uid: Uid,
  organId: z.string().min(1).max(20),
  name: z.string().min(1).max(200),
});

/** Where a person works (null: in no unit). */
export const PlacementWire = z.object({ kind: z.literal('placement'), username: Username, unitUid: Uid.nullable() });
