/**
 * The office's figures (DOMAIN.md "Reports people ask for"): the backlog and the overdue by
 * handler and by unit, counts by type and month, how long handling took, and the share of
 * documents issued and received electronically, for a year of one organisation's register.
 */
import { z } from 'zod';

export const ReportQuery = z.object({
  organisationId: z.number().int().positive(),
  year: z.number().int().min(2000, { message: 'Năm từ 2000' }).max(2100, { message: 'Năm đến 2100' }),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

export const ReportFormat = z.enum(['pdf', 'xlsx']);
export type ReportFormat = z.infer<typeof ReportFormat>;
export const ReportExportInput = ReportQuery.extend({ format: ReportFormat });

/** Open lines now (whatever year they came in), lines finished in the year. */
export const Backlog = z.object({
  name: z.string(),
  open: z.number().int(),
  near: z.number().int(),
  overdue: z.number().int(),
  done: z.number().int(),
  returned: z.number().int(),
});
export type Backlog = z.infer<typeof Backlog>;

export const TypeMonths = z.object({
  typeName: z.string(),
  /** January to December. */
  months: z.array(z.number().int()).length(12),
  total: z.number().int(),
});
export type TypeMonths = z.infer<typeof TypeMonths>;

export const Report = z.object({
  organisation: z.string(),
  year: z.number().int(),
  /** The day the figures were taken (Vietnam). */
  today: z.string(),
  /** Registered incoming documents with no directive yet, not handled. */
  undirected: z.number().int(),
  /** The register's handling boxes now, counted as the boxes on the left count them. */
  boxes: z.object({ open: z.number().int(), near: z.number().int(), overdue: z.number().int() }),
  byHandler: z.array(Backlog.extend({ unitName: z.string() })),
  byUnit: z.array(Backlog),
  byType: z.object({ in: z.array(TypeMonths), out: z.array(TypeMonths) }),
  handlingTime: z.object({
    /** Documents whose handling finished in the year. */
    handled: z.number().int(),
    /** Working days from arrival to done, on average (null: none handled). */
    averageWorkingDays: z.number().nullable(),
    onTime: z.number().int(),
    late: z.number().int(),
  }),
  electronic: z.object({
    /** Outgoing documents issued in the year, and those issued with a digital signature. */
    issued: z.number().int(),
    issuedSigned: z.number().int(),
    /** Incoming documents registered in the year, and those received electronically. */
    received: z.number().int(),
    receivedElectronic: z.number().int(),
  }),
});
export type Report = z.infer<typeof Report>;
