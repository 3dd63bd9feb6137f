/**
 * One administration change at a time: busy while it runs, then either what happened (a
 * success line) or the engine's Vietnamese message, with field errors placed by the form.
 */
import { useCallback, useState } from 'react';
import type { FieldIssue } from '../../../src-shared/ipc/errors';
import { issuesOf, messageOf } from '../../app/errors';

export interface Action {
  busy: boolean;
  error: string;
  issues: FieldIssue[];
  done: string;
  /** Runs `work`; true when it succeeded. What the form holds is never cleared on failure. */
  run: (work: () => Promise<unknown>, success: string | (() => string)) => Promise<boolean>;
  clear: () => void;
  /**
   * The message for the notice under a form: empty when every issue is already shown beside
   * its field (`placed`), so the same words are not said twice.
   */
  notice: (placed: readonly string[]) => string;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [done, setDone] = useState('');

  const clear = useCallback(() => {
    setError('');
    setIssues([]);
    setDone('');
  }, []);

  const run = useCallback(
    async (work: () => Promise<unknown>, success: string | (() => string)) => {
      setBusy(true);
      clear();
      try {
        await work();
        setDone(typeof success === 'string' ? success : success());
        return true;
      } catch (e) {
        setError(messageOf(e));
        setIssues(issuesOf(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [clear],
  );

  const notice = useCallback(
    (placed: readonly string[]) => (issues.length > 0 && issues.every((i) => placed.includes(i.path)) ? '' : error),
    [issues, error],
  );

  return { busy, error, issues, done, run, clear, notice };
}

/** The message of the issue at `path`, for the field that shows it. */
export function issueAt(issues: readonly FieldIssue[], path: string): string | undefined {
  return issues.find((i) => i.path === path)?.message;
}
