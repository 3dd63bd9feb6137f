/**
 * Turns the xref chain into revisions: the original file plus one per incremental update.
 * A signature covers exactly some revision, so each revision records where it ends (just
 * after its %%EOF line): that is the offset a signature's /ByteRange must reach.
 */
import { PdfDict, type PdfObject } from './objects';
import type { EofMarker } from './scan';
import type { PdfXrefEntry, XrefSection } from './xref';

export interface PdfRevision {
  /** 0 = the original document */
  index: number;
  /**
   * where its xref table or stream starts: the offset its startxref / the next /Prev names
   * (for a linearized file, the first-page section); -1 if reconstructed and none was found
   */
  xrefOffset: number;
  kind: 'table' | 'stream';
  trailer: PdfDict;
  /** object number -> entry, for the objects in use that this revision defines */
  objects: Map<number, PdfXrefEntry>;
  /** object numbers this revision marks free (object 0, the head of the free list, is left out) */
  freed: number[];
  /** offset just after this revision's %%EOF and its end-of-line */
  end: number;
}

/** The end of the first %%EOF line at or after offset; the file length when there is none. */
export function revisionEnd(eofs: readonly EofMarker[], offset: number, fileLength: number): number {
  let lo = 0;
  let hi = eofs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((eofs[mid] as EofMarker).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return eofs[lo]?.end ?? fileLength;
}

/**
 * Sections come newest first. In a linearized file the startxref points at the first-page
 * section near the top, whose /Prev points forward to the main section at the end; the two
 * were written together and form one revision (ISO 32000-1 Annex F), ending at the last
 * %%EOF of that pair, not at the dummy %%EOF after the first-page trailer.
 */
export function revisionsFromSections(
  sections: readonly XrefSection[],
  eofs: readonly EofMarker[],
  fileLength: number,
  linearized: boolean,
): PdfRevision[] {
  const groups: XrefSection[][] = [];
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i] as XrefSection;
    const previous = sections[i - 1];
    const joinsPrevious =
      linearized && previous !== undefined && previous.prev !== undefined && previous.prev > previous.offset;
    const last = groups[groups.length - 1];
    if (joinsPrevious && last) last.push(s);
    else groups.push([s]);
  }
  groups.reverse();
  return groups.map((group, index) => mergeGroup(group, index, eofs, fileLength));
}

function mergeGroup(
  group: readonly XrefSection[],
  index: number,
  eofs: readonly EofMarker[],
  fileLength: number,
): PdfRevision {
  const primary = group[0] as XrefSection;
  let objects = primary.entries;
  let freed = primary.freed;
  let trailer = primary.trailer;
  if (group.length > 1) {
    // The newer (first) section's entries and trailer keys win.
    objects = new Map();
    freed = new Set();
    const keys = new Map<string, PdfObject>();
    for (let i = group.length - 1; i >= 0; i--) {
      const s = group[i] as XrefSection;
      for (const [num, e] of s.entries) {
        objects.set(num, e);
        freed.delete(num);
      }
      for (const num of s.freed) {
        objects.delete(num);
        freed.add(num);
      }
      for (const [k, v] of s.trailer.entries) keys.set(k, v);
    }
    trailer = new PdfDict(keys);
  }
  const end = revisionEnd(eofs, Math.max(...group.map((s) => s.end)), fileLength);
  return {
    index,
    xrefOffset: primary.offset,
    kind: primary.kind,
    trailer,
    objects,
    freed: [...freed].sort((a, b) => a - b),
    end,
  };
}
