/**
 * What the verifier asks about revocation and what it is told. Kept apart from the fetching and
 * the checking so verify.ts depends on the words only, never on the network.
 */
import type * as pkijs from 'pkijs';
import type { RevocationEvidence, RevocationSource } from '../../../../src-shared/pdf/report';

/** Where an answer came from (fetched now, or the offline cache), and the data it rests on. */
export type { RevocationEvidence, RevocationSource };

export interface RevocationResult {
  /** null: nothing current is known (offline, responder down, or every answer refused). */
  status: 'good' | 'revoked' | null;
  source: RevocationSource | null;
  /** When the certificate was revoked, if it was. */
  revokedAt?: Date;
  evidence?: RevocationEvidence;
  /** Why answers were refused or sources failed (English, for logs and tests). */
  problems?: string[];
}

export interface RevocationContext {
  /** The signing time the verifier settled on, and what proves it. */
  signingTime: Date | null;
  timeSource: 'timestamp' | 'claimed' | 'none';
  /** The verifier's "now", when it was given one. */
  now?: Date;
}

/** A plain status is still accepted (older callers and simple fakes). */
export type RevocationAnswer = 'good' | 'revoked' | null | RevocationResult;

export type RevocationCallback = (
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate | null,
  context: RevocationContext,
) => Promise<RevocationAnswer>;

export function asResult(answer: RevocationAnswer): RevocationResult {
  if (answer === null) return { status: null, source: null };
  if (typeof answer === 'string') return { status: answer, source: null };
  return answer;
}

/**
 * The status that counts for this signature. A certificate revoked after a signing time proven
 * by a timestamp was still good when it signed ('good-at-signing'); with only the signer's own
 * clock to go by, revoked is revoked.
 */
export function statusAtSigning(
  result: RevocationResult,
  context: RevocationContext,
): 'good' | 'revoked' | 'good-at-signing' | null {
  if (result.status !== 'revoked') return result.status;
  if (
    context.timeSource === 'timestamp' &&
    context.signingTime &&
    result.revokedAt &&
    result.revokedAt.getTime() > context.signingTime.getTime()
  ) {
    return 'good-at-signing';
  }
  return 'revoked';
}
