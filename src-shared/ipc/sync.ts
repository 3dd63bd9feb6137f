/** What the UI sees of the exchange with the inbox server (contract types). */
import { z } from 'zod';
import { DocumentHeader, OrganId, WireFile } from '../sync/protocol';
import { DocumentFields } from './schemas';
import { Urgency } from '../domain/enums';

export const SyncStatus = z.object({
  configured: z.boolean(),
  serverUrl: z.string().nullable(),
  organId: z.string().nullable(),
  organName: z.string().nullable(),
  /** null until the first attempt. */
  online: z.boolean().nullable(),
  running: z.boolean(),
  /** Items waiting to be sent. */
  pending: z.number().int(),
  /** Received documents waiting to be registered. */
  waitingToReceive: z.number().int(),
  /** Items the server refused: shown with the reason and a retry button. */
  rejected: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      documentId: z.number().int().nullable(),
      error: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  progress: z
    .object({
      phase: z.enum(['upload', 'push', 'pull', 'download']),
      done: z.number(),
      total: z.number(),
      label: z.string(),
    })
    .nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const EnrollInput = z.object({
  serverUrl: z.string().trim().min(1, { message: 'Hãy nhập địa chỉ máy chủ liên thông' }).max(500),
  code: z.string().trim().min(6, { message: 'Mã đăng ký gồm ít nhất 6 ký tự' }).max(64),
});

export const DirectoryOrganisation = z.object({ organId: z.string(), name: z.string() });

export const InboxItem = z.object({
  id: z.number().int(),
  fromOrganId: z.string(),
  fromName: z.string(),
  exchangeId: z.string(),
  header: DocumentHeader,
  files: z.array(WireFile),
  receivedAt: z.string(),
  state: z.enum(['waiting', 'registered', 'rejected', 'recalled', 'superseded']),
  documentId: z.number().int().nullable(),
  urgency: Urgency,
  /** The last day to register it: the day after arrival (a working day), or that day if urgent. */
  registerBy: z.string().optional(),
});
export type InboxItem = z.infer<typeof InboxItem>;

export const InboxItemWithFields = InboxItem.extend({ fields: DocumentFields });

export const DocumentRecipientStatus = z.object({
  organId: z.string(),
  organName: z.string(),
  status: z.string(),
  note: z.string(),
  statusAt: z.string(),
});

export const SendInput = z.object({
  id: z.number().int().positive(),
  /** Omitted: the document's own recipients that have an OrganId. */
  recipients: z
    .array(z.object({ organId: OrganId, name: z.string().max(300).optional() }))
    .max(500)
    .optional(),
  /** Sends it again as an update (edXML business type 2) to recipients who have it. */
  update: z.boolean().optional(),
  /** This document replaces one sent before (business type 3). */
  replaces: z.number().int().positive().optional(),
});

/** Two values of one field made apart: the register keeps the local one until the clerk chooses. */
export const SyncConflict = z.object({
  id: z.number().int(),
  documentId: z.number().int().nullable(),
  field: z.string(),
  localValue: z.string(),
  remoteValue: z.string(),
  remoteWorkstation: z.string(),
  at: z.string(),
});
export type SyncConflict = z.infer<typeof SyncConflict>;

/** A sender's request to take back a document already registered here (edXML status 13). */
export const RecallRequest = z.object({
  id: z.number().int(),
  documentId: z.number().int().nullable(),
  organId: z.string(),
  reason: z.string(),
  state: z.enum(['requested', 'agreed', 'refused']),
  at: z.string(),
});
export type RecallRequest = z.infer<typeof RecallRequest>;
