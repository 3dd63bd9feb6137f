/**
 * What the setup wizard holds while the administrator types, and how it becomes the contract's
 * SetupInput. Checked with the contract's own schema, so the wizard and the engine agree.
 */
import { PARTY_SHARED_DECISION_CODES } from '../../../src-shared/domain/doc-types';
import type { Regime } from '../../../src-shared/domain/enums';
import { SetupInput, type SetupInputRaw } from '../../../src-shared/ipc/schemas';
import { readDate } from '../../components/DateField';
import type { Strings } from '../../i18n';

export interface SetupDraft {
  name: string;
  organId: string;
  abbreviation: string;
  regime: Regime | '';
  termName: string;
  termStart: string;
  termEnd: string;
  shareDecisionCounter: boolean;
  username: string;
  fullName: string;
  password: string;
  passwordAgain: string;
}

export type DraftField = keyof SetupDraft;

export const EMPTY_DRAFT: SetupDraft = {
  name: '',
  organId: '',
  abbreviation: '',
  regime: '',
  termName: '',
  termStart: '',
  termEnd: '',
  shareDecisionCounter: false,
  username: '',
  fullName: '',
  password: '',
  passwordAgain: '',
};

/** The fields of each step, in order; an error jumps to the first step that has one. */
export const STEP_FIELDS: readonly (readonly DraftField[])[] = [
  ['name', 'organId', 'abbreviation', 'regime'],
  ['termName', 'termStart', 'termEnd', 'shareDecisionCounter'],
  ['username', 'fullName', 'password', 'passwordAgain'],
];

const PATH_FIELDS: Record<string, DraftField> = {
  'organisation.name': 'name',
  'organisation.organId': 'organId',
  'organisation.abbreviation': 'abbreviation',
  'organisation.regime': 'regime',
  'term.name': 'termName',
  'term.startDate': 'termStart',
  'term.endDate': 'termEnd',
  sharedCounters: 'shareDecisionCounter',
  'admin.username': 'username',
  'admin.fullName': 'fullName',
  'admin.password': 'password',
};

export function fieldOfPath(path: string): DraftField | null {
  return PATH_FIELDS[path] ?? null;
}

export function toSetupInput(d: SetupDraft): SetupInputRaw {
  const start = readDate(d.termStart);
  const end = readDate(d.termEnd);
  return {
    organisation: {
      name: d.name,
      organId: d.organId.trim().toUpperCase(),
      abbreviation: d.abbreviation,
      regime: (d.regime || undefined) as Regime,
      numbersHere: true,
    },
    term: {
      name: d.termName,
      startDate: typeof start === 'string' && start !== 'invalid' ? start : '',
      endDate: end === null || end === 'invalid' ? null : end,
    },
    sharedCounters: d.regime === 'party' && d.shareDecisionCounter ? [[...PARTY_SHARED_DECISION_CODES]] : [],
    admin: { username: d.username.trim().toLowerCase(), fullName: d.fullName, password: d.password },
  };
}

/** Every problem of the draft, by field: the contract's schema plus what only the form knows. */
export function checkDraft(d: SetupDraft, t: Strings): Partial<Record<DraftField, string>> {
  const errors: Partial<Record<DraftField, string>> = {};
  const parsed = SetupInput.safeParse(toSetupInput(d));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path.join('.'));
      if (field) errors[field] ??= issue.message;
    }
  }
  if (d.regime === '') errors.regime = t.setup.chooseRegime;
  const start = readDate(d.termStart);
  if (start === null) errors.termStart = t.setup.termStartMissing;
  else if (start === 'invalid') errors.termStart = t.errors.badDate;
  if (readDate(d.termEnd) === 'invalid') errors.termEnd = t.errors.badDate;
  if (d.passwordAgain !== d.password) errors.passwordAgain = t.setup.passwordMismatch;
  return errors;
}

export function firstStepWithError(errors: Partial<Record<DraftField, string>>): number {
  const step = STEP_FIELDS.findIndex((fields) => fields.some((f) => errors[f]));
  return step === -1 ? STEP_FIELDS.length - 1 : step;
}

export function errorsOfStep(errors: Partial<Record<DraftField, string>>, step: number) {
  const fields = STEP_FIELDS[step] ?? [];
  return Object.fromEntries(fields.filter((f) => errors[f]).map((f) => [f, errors[f]])) as Partial<
    Record<DraftField, string>
  >;
}
