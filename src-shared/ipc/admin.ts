/**
 * The shapes of the administration calls (Quản trị): document types, organisations and their
 * terms, which types share a counter, accounts, and the audit log as the administrator reads it.
 */
import { z } from 'zod';
import { Role } from '../domain/enums';
import { IsoDate, NewPassword, NumberSequence, OrganId, SetupInput, User } from './schemas';

const name = (max: number, empty: string) =>
  z
    .string()
    .trim()
    .min(1, { message: empty })
    .max(max, { message: `Tối đa ${max} ký tự` });

export const TypeRegime = z.enum(['party', 'state', 'both']);

/** Letters and digits only are checked by the engine, which says so in a full sentence. */
const TypeCode = z
  .string()
  .trim()
  .min(1, { message: 'Hãy nhập ký hiệu viết tắt' })
  .max(10, { message: 'Tối đa 10 ký tự' });

export const NewDocumentType = z.object({
  name: name(100, 'Hãy nhập tên loại văn bản'),
  code: TypeCode,
  regime: TypeRegime,
});

export const DocumentTypeEdit = z.object({
  id: z.number().int().positive(),
  name: name(100, 'Hãy nhập tên loại văn bản'),
  /** A state công văn has no code ("05/UBND-VP"), so an unchanged empty one is accepted. */
  code: z.string().trim().max(10, { message: 'Tối đa 10 ký tự' }),
  /** Working days to handle an ordinary document of the type; null: the general default. */
  handlingDays: z
    .number({ message: 'Số ngày làm việc là một số nguyên' })
    .int({ message: 'Số ngày làm việc là một số nguyên' })
    .min(0, { message: 'Từ 0 đến 90 ngày làm việc' })
    .max(90, { message: 'Từ 0 đến 90 ngày làm việc' })
    .nullable()
    .optional(),
});

export const OrganisationEdit = z.object({
  id: z.number().int().positive(),
  name: name(300, 'Hãy nhập tên cơ quan'),
  abbreviation: name(30, 'Hãy nhập tên viết tắt'),
  organId: OrganId,
});

/** Another organisation kept on this workstation: everything the setup asks but the admin. */
export const NewOrganisation = SetupInput.omit({ admin: true });

export const NewTerm = z.object({
  organisationId: z.number().int().positive(),
  name: name(100, 'Hãy nhập tên nhiệm kỳ'),
  startDate: IsoDate,
  endDate: IsoDate.nullable().default(null),
});

export const CloseTerm = z.object({
  organisationId: z.number().int().positive(),
  termId: z.number().int().positive(),
  endDate: IsoDate,
});

/** A counter's period: a calendar year (state organs), or a term by its name (Party organs). */
export const CounterPeriod = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('year'), year: z.number().int() }),
  z.object({ kind: z.literal('term'), name: z.string() }),
]);
export type CounterPeriod = z.infer<typeof CounterPeriod>;

export const CounterView = z.object({
  periodKey: z.string(),
  period: CounterPeriod,
  lastNumber: z.number().int(),
  current: z.boolean(),
});

export const SequenceView = NumberSequence.extend({
  registerId: z.number().int(),
  retired: z.boolean(),
  counters: z.array(CounterView),
});
export type SequenceView = z.infer<typeof SequenceView>;

export const TypeAssignment = z.object({
  code: z.string(),
  names: z.array(z.string()),
  sequenceId: z.number().int().nullable(),
});
export type TypeAssignment = z.infer<typeof TypeAssignment>;

export const SequenceOverview = z.object({ sequences: z.array(SequenceView), types: z.array(TypeAssignment) });
export type SequenceOverview = z.infer<typeof SequenceOverview>;

export const AssignType = z.object({
  organisationId: z.number().int().positive(),
  code: z.string().max(10),
  /** An existing sequence of the outgoing register, or a new one of the type's own. */
  target: z.union([z.number().int().positive(), z.literal('own')]),
});

export const AccountInfo = User.extend({
  disabled: z.boolean(),
  createdAt: z.string(),
  /** The unit (phòng, ban, chi bộ) the person works in. */
  unitId: z.number().int().nullable().default(null),
});
export type AccountInfo = z.infer<typeof AccountInfo>;

export const Unit = z.object({
  id: z.number().int(),
  organisationId: z.number().int(),
  name: z.string(),
  /** Active accounts placed in it. */
  people: z.number().int(),
});
export type Unit = z.infer<typeof Unit>;
const UnitName = name(200, 'Hãy nhập tên đơn vị');
export const NewUnit = z.object({ organisationId: z.number().int().positive(), name: UnitName });
export const UnitRename = z.object({ id: z.number().int().positive(), name: UnitName });
export const AccountUnit = z.object({
  id: z.number().int().positive(),
  unitId: z.number().int().positive().nullable(),
});

export const AccountRole = z.object({ id: z.number().int().positive(), role: Role });
export const AccountPassword = z.object({ id: z.number().int().positive(), password: NewPassword });
export const AccountDisabled = z.object({ id: z.number().int().positive(), disabled: z.boolean() });

export const AuditEntryView = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

/** Encryption at rest, as the administrator sees it (Quản trị › Bảo mật dữ liệu, `vanthu keys status`). */
export const AtRestStatus = z.object({
  cipher: z.literal('aes256cbc'),
  keyId: z.string(),
  /** How this workstation can open the key: 'safe-storage', 'dpapi', 'environment', 'file'. */
  wrappedFor: z.array(z.string()),
  /** When the current recovery key was made; null: none yet. */
  recoveryKeyCreatedAt: z.string().nullable(),
});
export type AtRestStatus = z.infer<typeof AtRestStatus>;
