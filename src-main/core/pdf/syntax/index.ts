/**
 * The PDF syntax layer the signer and verifier stand on: objects, parsing, the revision
 * structure of a file, and serialization for incremental updates.
 */
export * from './objects';
export { DEFAULT_LIMITS, type PdfLimits } from './limits';
export { parseObjectAt, parseIndirectObjectAt, type IndirectObject, type LengthResolver } from './parser';
export { openPdf, PdfFile, type PdfObjectLocation } from './document';
export type { PdfRevision } from './revisions';
export type { PdfXrefEntry } from './xref';
export {
  serializeObject,
  serializeIndirectObject,
  serializeStreamObject,
  formatNumber,
  formatName,
  dict,
  name,
  ref,
  hexString,
  literalString,
} from './serialize';
export { decodePdfDoc, encodePdfDoc } from './pdfdoc-encoding';
