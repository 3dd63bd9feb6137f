/**
 * Typed errors of the contract. `message` is for the clerk, in plain Vietnamese: what happened
 * and what to do next. `code` is for code and logs.
 */
import { z } from 'zod';

export const ERROR_CODES = [
  'VALIDATION', // input failed its schema; `issues` says which fields
  'UNAUTHENTICATED', // not signed in, or the session was locked after idle time
  'FORBIDDEN', // the role may not do this
  'KEY_SECRET', // a key's password or PIN was refused (or the token locked): the session is fine
  'NOT_FOUND',
  'CONFLICT', // e.g. already issued, already set up
  'DUPLICATE', // same number + notation + issuer in the period
  'TERM_MISSING', // the date lies outside every configured term
  'NOT_NUMBERING_STATION', // this workstation does not give numbers for the organisation
  'BAD_FILE', // not a PDF, or a damaged one
  'DB_TOO_NEW', // the database was written by a newer VanThu
  'KEY_UNAVAILABLE', // this workstation cannot open the register's encryption key
  'OFFLINE', // the inbox server cannot be reached now; the work is kept and retried
  'INTERNAL',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldIssue = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;

export const ApiError = z.object({
  code: ErrorCode,
  message: z.string(),
  issues: z.array(FieldIssue).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown by core services; the binding turns it into `{ ok: false, error }`. */
export class VanThuError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'VanThuError';
  }

  toApiError(): ApiError {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}

/** Vietnamese messages for zod issues: field name plus what is wrong. */
export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

export function validationError(error: z.ZodError): VanThuError {
  const issues = issuesFromZod(error);
  const fields = [...new Set(issues.map((i) => i.path).filter(Boolean))].join(', ');
  return new VanThuError(
    'VALIDATION',
    fields ? `Thông tin chưa hợp lệ ở: ${fields}. Hãy sửa rồi lưu lại.` : 'Thông tin chưa hợp lệ. Hãy kiểm tra lại.',
    issues,
  );
}
