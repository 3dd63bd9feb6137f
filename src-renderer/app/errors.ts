/** What to tell the clerk about a failure: the engine's Vietnamese message, never a stack trace. */
import { ApiFailure } from '../../src-shared/ipc/client';
import type { ApiError, FieldIssue } from '../../src-shared/ipc/errors';
import { currentStrings } from '../i18n';

export function messageOf(error: unknown): string {
  if (error instanceof ApiFailure) return error.message;
  // Unexpected errors are for the developer's console, not the clerk's screen.
  console.error(error);
  return currentStrings().errors.unexpected;
}

export function issuesOf(error: unknown): FieldIssue[] {
  return error instanceof ApiFailure ? (error.error.issues ?? []) : [];
}

/**
 * Field errors keyed by the form's own field names; `fieldOf` maps an issue's path (e.g.
 * "organisation.organId") to a field, or null when no field on screen shows it.
 */
export function fieldErrors<K extends string>(
  issues: readonly FieldIssue[],
  fieldOf: (path: string) => K | null,
): { byField: Partial<Record<K, string>>; unplaced: string[] } {
  const byField: Partial<Record<K, string>> = {};
  const unplaced: string[] = [];
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (field === null) unplaced.push(issue.message);
    else byField[field] ??= issue.message;
  }
  return { byField, unplaced };
}

export function codeOf(error: unknown): ApiError['code'] | null {
  return error instanceof ApiFailure ? error.code : null;
}
