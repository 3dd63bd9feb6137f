/** The fields of a document (DocumentFields), labelled as in UI.md, for either direction. */
import {
  SECRECIES,
  URGENCIES,
  isSecret,
  type Direction,
  type Secrecy,
  type Urgency,
} from '../../../src-shared/domain/enums';
import { DateField } from '../../components/DateField';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { useWorkspace } from '../../app/workspaceContext';
import { useStrings } from '../../i18n';
import { SUBJECT_MAX, type FormErrors, type FormValues } from './formModel';
import { NumberNotationField } from './NumberNotationField';

export interface DocumentFieldsGridProps {
  direction: Direction;
  values: FormValues;
  set: <K extends keyof FormValues>(field: K, value: FormValues[K]) => void;
  errors: FormErrors;
  typeHint?: string;
  pageHint?: string;
}

const COMPETENCES = ['T/M', 'K/T', 'T/L', 'Q.'];

export function DocumentFieldsGrid({ direction, values, set, errors, typeHint, pageHint }: DocumentFieldsGridProps) {
  const t = useStrings();
  const { documentTypes, organisation } = useWorkspace();
  const incoming = direction === 'in';
  const typeOptions = [
    { value: '', label: t.form.chooseType },
    ...documentTypes.map((d) => ({ value: d.name, label: d.name })),
  ];
  const subjectLength = values.subject.trim().length;

  return (
    <div className="form-grid">
      {incoming && (
        <NumberNotationField
          value={values.numberText}
          onChange={(v) => set('numberText', v)}
          error={errors.numberText}
          autoFocus
        />
      )}
      <SelectField
        id="doc-type"
        label={t.form.typeName}
        value={values.typeName}
        onChange={(v) => set('typeName', v)}
        options={typeOptions}
        error={errors.typeName}
        hint={typeHint}
        required
        autoFocus={!incoming}
      />
      {incoming ? (
        <>
          <DateField
            id="doc-issued-date"
            label={t.form.issuedDate}
            value={values.issuedDate}
            onChange={(v) => set('issuedDate', v)}
            error={errors.issuedDate}
          />
          <DateField
            id="doc-arrival-date"
            label={t.form.arrivalDate}
            value={values.arrivalDate}
            onChange={(v) => set('arrivalDate', v)}
            error={errors.arrivalDate}
          />
          <TextField
            id="doc-organ-name"
            className="span-2"
            label={t.form.organName}
            value={values.organName}
            onChange={(v) => set('organName', v)}
            error={errors.organName}
            maxLength={300}
          />
        </>
      ) : (
        organisation.regime === 'state' && (
          <TextField
            id="doc-drafting-unit"
            label={t.form.draftingUnit}
            value={values.draftingUnit}
            onChange={(v) => set('draftingUnit', v)}
            error={errors.draftingUnit}
            hint={t.form.draftingUnitHint}
            maxLength={30}
          />
        )
      )}
      <TextAreaField
        id="doc-subject"
        className="span-2"
        label={t.form.subject}
        value={values.subject}
        onChange={(v) => set('subject', v)}
        error={errors.subject}
        hint={t.form.subjectCount(subjectLength, SUBJECT_MAX)}
        rows={3}
        required
      />
      <TextField
        id="doc-signer"
        label={t.form.signerFullName}
        value={values.signerFullName}
        onChange={(v) => set('signerFullName', v)}
        error={errors.signerFullName}
        maxLength={200}
      />
      <TextField
        id="doc-signer-position"
        label={t.form.signerPosition}
        value={values.signerPosition}
        onChange={(v) => set('signerPosition', v)}
        error={errors.signerPosition}
        maxLength={200}
      />
      {!incoming && (
        <SelectField
          id="doc-signer-competence"
          label={t.form.signerCompetence}
          value={values.signerCompetence}
          onChange={(v) => set('signerCompetence', v)}
          options={[{ value: '', label: t.form.competenceNone }, ...COMPETENCES.map((c) => ({ value: c, label: c }))]}
          error={errors.signerCompetence}
        />
      )}
      <SelectField
        id="doc-urgency"
        label={t.form.urgency}
        value={values.urgency}
        onChange={(v) => set('urgency', v as Urgency)}
        options={URGENCIES.map((u) => ({ value: u, label: t.labels.urgency[u] }))}
        error={errors.urgency}
      />
      <SelectField
        id="doc-secrecy"
        label={t.form.secrecy}
        value={values.secrecy}
        onChange={(v) => set('secrecy', v as Secrecy)}
        options={SECRECIES.map((s) => ({ value: s, label: t.labels.secrecy[s] }))}
        error={errors.secrecy}
        hint={isSecret(values.secrecy) ? t.form.secretNote : undefined}
      />
      {!incoming && (
        <SelectField
          id="doc-circulation"
          label={t.form.circulation}
          value={values.circulation}
          onChange={(v) => set('circulation', v as FormValues['circulation'])}
          options={[
            { value: 'public', label: t.form.circulationPublic },
            { value: 'internal', label: t.form.circulationInternal },
          ]}
        />
      )}
      <DateField
        id="doc-due-date"
        label={t.form.dueDate}
        value={values.dueDate}
        onChange={(v) => set('dueDate', v)}
        error={errors.dueDate}
      />
      <TextField
        id="doc-page-amount"
        label={t.form.pageAmount}
        value={values.pageAmount}
        onChange={(v) => set('pageAmount', v)}
        error={errors.pageAmount}
        hint={pageHint}
        inputMode="numeric"
        maxLength={5}
      />
      {incoming && (
        <SelectField
          id="doc-received-via"
          label={t.form.receivedVia}
          value={values.receivedVia}
          onChange={(v) => set('receivedVia', v as FormValues['receivedVia'])}
          options={[
            { value: 'paper', label: t.form.viaPaper },
            { value: 'electronic', label: t.form.viaElectronic },
          ]}
        />
      )}
      <TextAreaField
        id="doc-to-places"
        className="span-2"
        label={incoming ? t.form.toPlacesIncoming : t.form.toPlacesOutgoing}
        value={values.toPlaces}
        onChange={(v) => set('toPlaces', v)}
        error={errors.toPlaces}
        hint={incoming ? t.form.toPlacesIncomingHint : t.form.toPlacesOutgoingHint}
        rows={incoming ? 2 : 3}
        maxLength={1000}
      />
      <TextAreaField
        id="doc-description"
        className="span-2"
        label={t.form.description}
        value={values.description}
        onChange={(v) => set('description', v)}
        error={errors.description}
        rows={2}
        maxLength={2000}
      />
    </div>
  );
}
