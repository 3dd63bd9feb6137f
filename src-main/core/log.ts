/**
 * The log of the app, the host and the CLI's background work: standard error, one redacted line
 * per event (src-shared/log/redact.ts), so no secret reaches a log file or a support e-mail.
 */
import { logText } from '../../src-shared/log/redact';

export function logError(...parts: unknown[]): void {
  console.error(logText(...parts));
}

export function logWarning(...parts: unknown[]): void {
  console.warn(logText(...parts));
}
