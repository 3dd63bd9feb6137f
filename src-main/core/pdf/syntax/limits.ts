/**
 * Limits that keep a hostile or broken PDF from exhausting memory, stack or time. Every loop
 * that a file can make long calls Budget.tick(), so the deadline is honoured everywhere.
 */
import { PdfSyntaxError } from './objects';

export interface PdfLimits {
  /** nesting of arrays/dictionaries and of reference resolution */
  maxDepth: number;
  /** cross-reference entries, objects found by scanning, pages walked */
  maxObjects: number;
  /** xref sections (tables, streams, /XRefStm) in the /Prev chain */
  maxXrefSections: number;
  /** total bytes inflated over the life of one opened file */
  maxDecompressedBytes: number;
  /** absolute time (ms since epoch); see Budget for how the default applies */
  deadline: number;
}

export const DEFAULT_TIME_MS = 8000;

export const DEFAULT_LIMITS: Omit<PdfLimits, 'deadline'> = {
  maxDepth: 64,
  maxObjects: 2_000_000,
  maxXrefSections: 1000,
  maxDecompressedBytes: 512 * 1024 * 1024,
};

export function tooComplex(message: string): PdfSyntaxError {
  return new PdfSyntaxError('TOO_COMPLEX', message);
}
export function damaged(message: string): PdfSyntaxError {
  return new PdfSyntaxError('DAMAGED', message);
}

/**
 * The running account against the limits. With an explicit deadline it bounds all work on the
 * file; without one each top-level operation (opening, then each later call) gets its own
 * DEFAULT_TIME_MS, so a file kept open while the clerk types a PIN does not time out.
 */
export class Budget {
  readonly maxDepth: number;
  readonly maxObjects: number;
  readonly maxXrefSections: number;
  readonly maxDecompressedBytes: number;
  deadline: number;
  readonly explicitDeadline: boolean;
  decompressed = 0;
  private ticks = 0;
  private operations = 0;

  constructor(limits: Partial<PdfLimits> = {}) {
    this.maxDepth = limits.maxDepth ?? DEFAULT_LIMITS.maxDepth;
    this.maxObjects = limits.maxObjects ?? DEFAULT_LIMITS.maxObjects;
    this.maxXrefSections = limits.maxXrefSections ?? DEFAULT_LIMITS.maxXrefSections;
    this.maxDecompressedBytes = limits.maxDecompressedBytes ?? DEFAULT_LIMITS.maxDecompressedBytes;
    this.explicitDeadline = limits.deadline !== undefined;
    this.deadline = limits.deadline ?? Date.now() + DEFAULT_TIME_MS;
  }

  /** Cheap enough for inner loops: the clock is read once per 1024 calls. */
  tick(): void {
    if ((++this.ticks & 1023) === 0) this.checkDeadline();
  }

  checkDeadline(): void {
    if (Date.now() > this.deadline) throw tooComplex('time limit exceeded while reading the PDF');
  }

  /** Runs a top-level operation; nested calls share the outer operation's time. */
  operation<T>(fn: () => T): T {
    if (this.operations === 0 && !this.explicitDeadline) this.deadline = Date.now() + DEFAULT_TIME_MS;
    this.operations++;
    try {
      this.checkDeadline();
      return fn();
    } finally {
      this.operations--;
    }
  }

  /** Bytes still allowed to be inflated. */
  get decompressRemaining(): number {
    return Math.max(0, this.maxDecompressedBytes - this.decompressed);
  }
}
