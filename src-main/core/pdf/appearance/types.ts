/** What an appearance shows, and what building one gives back. */
import type { PdfRef } from '../syntax';

export type AppearanceSpec =
  | {
      kind: 'signer';
      width: number;
      height: number;
      image?: Uint8Array;
      /** Full name (bold), then others. */
      lines?: string[];
    }
  | {
      kind: 'seal';
      image: Uint8Array;
      /** Overrides the size the PNG states (pHYs). */
      diameterMm?: number;
    }
  | {
      kind: 'stamp';
      lines: string[];
      signingTime: Date;
      /** Longest line before wrapping, points. */
      maxWidth?: number;
    }
  | {
      kind: 'arrival';
      organisationName: string;
      arrivalNumber: string;
      /** ISO date ("2026-11-22") or date-time; shown as dd/MM/yyyy in Vietnam time. */
      arrivalDate: string;
      routedTo?: string;
      fileCode?: string;
    };

export interface BuiltAppearance {
  /** The Form XObject for /AP << /N … >>. */
  ref: PdfRef;
  /** Size of the upright drawing, points (the widget's displayed width and height). */
  width: number;
  height: number;
}
