/**
 * Publication on the unit's web portal: an issued outgoing document, neither secret nor for
 * internal circulation, is chosen for publishing and leaves as a package (metadata JSON and the
 * PDF) for the portal's editors.
 */
import { z } from 'zod';

export const PortalState = z.object({
  documentId: z.number().int(),
  marked: z.boolean(),
  markedAt: z.string().nullable(),
  exportedAt: z.string().nullable(),
  /** Sent through the inbox server: put in the outbox, and taken by the server. */
  queuedAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  /** Why it may not be published (secret, internal, not issued…); null when it may. */
  refusal: z.string().nullable(),
});
export type PortalState = z.infer<typeof PortalState>;

/** What metadata.json in a publication package holds (ND30 appendix VI names). */
export const PortalMetadata = z.object({
  format: z.literal('vanthu.portal/1'),
  organ: z.object({ organId: z.string(), name: z.string() }),
  typeName: z.string(),
  codeNumber: z.number().int().nullable(),
  codeNotation: z.string(),
  numberNotation: z.string(),
  issuedDate: z.string().nullable(),
  subject: z.string(),
  signer: z.object({ competence: z.string(), position: z.string(), fullName: z.string() }),
  pageAmount: z.number().int().nullable(),
  language: z.string(),
  file: z.object({ name: z.string(), sha256: z.string(), size: z.number().int() }),
  publishedBy: z.string(),
  madeAt: z.string(),
});
export type PortalMetadata = z.infer<typeof PortalMetadata>;
