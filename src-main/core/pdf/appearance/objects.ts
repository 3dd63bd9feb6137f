/**
 * Collects the new objects of one incremental update: appearances, fonts and images get their
 * object numbers from here, so the signer or stamp that owns the update decides where
 * numbering starts and writes everything in one appendUpdate.
 */
import { deflateSync } from 'node:zlib';
import type { UpdateObject } from '../incremental';
import { PdfName, PdfRef, serializeObject, serializeStreamObject, type PdfDict, type PdfObject } from '../syntax';

export class ObjectSink {
  readonly objects: UpdateObject[] = [];

  constructor(private nextNum: number) {}

  /** The first object number not handed out yet. */
  get next(): number {
    return this.nextNum;
  }

  /** A number for an object written later (e.g. one that must point back at its parent). */
  reserve(): PdfRef {
    return new PdfRef(this.nextNum++, 0);
  }

  put(ref: PdfRef, value: PdfObject): PdfRef {
    this.objects.push({ num: ref.num, gen: ref.gen, body: serializeObject(value) });
    return ref;
  }

  add(value: PdfObject): PdfRef {
    return this.put(this.reserve(), value);
  }

  /** A stream, Flate-compressed: appearance content, font programs and pixels all shrink well. */
  addStream(dict: PdfDict, data: Uint8Array, compress = true): PdfRef {
    const ref = this.reserve();
    const body = compress
      ? serializeStreamObject(dict.with('Filter', new PdfName('FlateDecode')), deflateSync(data, { level: 9 }))
      : serializeStreamObject(dict, data);
    this.objects.push({ num: ref.num, gen: ref.gen, body });
    return ref;
  }
}
