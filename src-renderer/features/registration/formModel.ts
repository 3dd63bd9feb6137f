/**
 * The registration form as the clerk types it (text, dates as dd/mm/yyyy) and how it becomes
 * the contract's document.create input. Nothing typed is dropped: a value that cannot be read
 * stays in the form with an error beside it.
 */
import type { Direction, Secrecy, Urgency } from '../../../src-shared/domain/enums';
import { formatDateVi, todayInVietnam } from '../../../src-shared/domain/dates';
import { STANDARD_DOCUMENT_TYPES } from '../../../src-shared/domain/doc-types';
import { numberNotationOf, parseNumberNotation } from '../../../src-shared/domain/notation';
import type { CallInput } from '../../../src-shared/ipc/contract';
import type { DocumentFields, DocumentType } from '../../../src-shared/ipc/schemas';
import { readDate } from '../../components/DateField';
import type { Strings } from '../../i18n';

export const SUBJECT_MAX = 500;

export interface FormValues {
  typeName: string;
  numberText: string;
  issuedDate: string;
  organName: string;
  subject: string;
  signerFullName: string;
  signerPosition: string;
  signerCompetence: string;
  toPlaces: string;
  urgency: Urgency;
  secrecy: Secrecy;
  circulation: 'public' | 'internal';
  dueDate: string;
  arrivalDate: string;
  receivedVia: 'paper' | 'electronic';
  pageAmount: string;
  draftingUnit: string;
  description: string;
}

export type FormField = keyof FormValues | 'files';
export type FormErrors = Partial<Record<FormField, string>>;
export type CreateInput = CallInput<'document.create'>;

export function emptyValues(direction: Direction): FormValues {
  return {
    typeName: '',
    numberText: '',
    issuedDate: '',
    organName: '',
    subject: '',
    signerFullName: '',
    signerPosition: '',
    signerCompetence: '',
    toPlaces: '',
    urgency: 'normal',
    secrecy: 'none',
    circulation: 'public',
    dueDate: '',
    arrivalDate: direction === 'in' ? formatDateVi(todayInVietnam()) : '',
    receivedVia: 'paper',
    pageAmount: '',
    draftingUnit: '',
    description: '',
  };
}

/** Where the engine's issue paths show on this form. */
const PATH_FIELDS: Record<string, FormField> = {
  codeNumber: 'numberText',
  codeNotation: 'numberText',
  signerCompetence: 'signerCompetence',
};

export function fieldOfPath(path: string, values: FormValues): FormField | null {
  const head = path.split('.')[0] ?? '';
  if (head === 'files') return 'files';
  const mapped = PATH_FIELDS[head];
  if (mapped) return mapped;
  return head in values ? (head as keyof FormValues) : null;
}

export function isDirty(values: FormValues, direction: Direction): boolean {
  const empty = emptyValues(direction);
  return (Object.keys(values) as (keyof FormValues)[]).some((k) => values[k] !== empty[k]);
}

/** A type suggested by the notation's type code ("25-CV/ĐU" -> Công văn), if the list has it. */
export function typeFromNotation(numberText: string, types: readonly DocumentType[]): string | null {
  const parsed = parseNumberNotation(numberText);
  if (!parsed) return null;
  const code = parsed.codeNotation.split(/[-/]/)[0] ?? '';
  const standard = STANDARD_DOCUMENT_TYPES.find((s) => s.code !== '' && s.code === code);
  const name = standard?.name;
  return name && types.some((d) => d.name === name) ? name : null;
}

function dateOf(text: string, field: keyof FormValues, errors: FormErrors, t: Strings): string | null {
  const value = readDate(text);
  if (value === 'invalid') {
    errors[field] = t.errors.badDate;
    return null;
  }
  return value;
}

export interface FileRef {
  sha256: string;
  name: string;
}

/** The input for document.create, or the fields that must be fixed first. */
export function buildInput(
  values: FormValues,
  direction: Direction,
  organisationId: number,
  files: FileRef[],
  t: Strings,
): { input: CreateInput; errors?: undefined } | { errors: FormErrors; input?: undefined } {
  const errors: FormErrors = {};
  if (!values.typeName) errors.typeName = t.form.typeRequired;
  if (!values.subject.trim()) errors.subject = t.errors.required;
  else if (values.subject.trim().length > SUBJECT_MAX)
    errors.subject = t.form.subjectCount(values.subject.trim().length, SUBJECT_MAX);

  let codeNumber: number | null = null;
  let codeNotation = '';
  if (direction === 'in' && values.numberText.trim()) {
    const parsed = parseNumberNotation(values.numberText);
    if (parsed) ({ codeNumber, codeNotation } = parsed);
    else errors.numberText = t.form.numberNotationBad;
  }
  const issuedDate = direction === 'in' ? dateOf(values.issuedDate, 'issuedDate', errors, t) : null;
  const arrivalDate = direction === 'in' ? dateOf(values.arrivalDate, 'arrivalDate', errors, t) : null;
  const dueDate = dateOf(values.dueDate, 'dueDate', errors, t);
  let pageAmount: number | null = null;
  if (values.pageAmount.trim()) {
    pageAmount = Number(values.pageAmount.trim());
    if (!Number.isInteger(pageAmount) || pageAmount < 1) errors.pageAmount = t.form.pageAmountBad;
  }
  if (Object.keys(errors).length > 0) return { errors };

  return {
    input: {
      direction,
      organisationId,
      typeName: values.typeName,
      codeNumber,
      codeNotation,
      issuedDate,
      organName: direction === 'in' ? values.organName : '',
      subject: values.subject,
      pageAmount,
      description: values.description,
      signerCompetence: direction === 'out' ? values.signerCompetence : '',
      signerPosition: values.signerPosition,
      signerFullName: values.signerFullName,
      toPlaces: values.toPlaces,
      dueDate,
      urgency: values.urgency,
      secrecy: values.secrecy,
      circulation: values.circulation,
      arrivalDate,
      receivedVia: values.receivedVia,
      draftingUnit: direction === 'out' ? values.draftingUnit : '',
      files,
    },
  };
}

/** A pre-filled form (a document received through the inbox server) from the engine's fields. */
export function valuesFromFields(f: DocumentFields): FormValues {
  const date = (iso: string | null) => (iso ? formatDateVi(iso) : '');
  return {
    ...emptyValues(f.direction),
    typeName: f.typeName,
    numberText: numberNotationOf(f.codeNumber, f.codeNotation),
    issuedDate: date(f.issuedDate),
    organName: f.organName,
    subject: f.subject,
    signerFullName: f.signerFullName,
    signerPosition: f.signerPosition,
    toPlaces: f.toPlaces,
    urgency: f.urgency,
    secrecy: f.secrecy,
    circulation: f.circulation,
    dueDate: date(f.dueDate),
    arrivalDate: date(f.arrivalDate) || emptyValues(f.direction).arrivalDate,
    receivedVia: f.receivedVia,
    pageAmount: f.pageAmount ? String(f.pageAmount) : '',
    description: f.description,
  };
}
