/** Filters over the table: year, type, urgency, secrecy, a date range. */
import { SECRECIES, URGENCIES, type Secrecy, type Urgency } from '../../../src-shared/domain/enums';
import { todayInVietnam, yearOf } from '../../../src-shared/domain/dates';
import { DateField } from '../../components/DateField';
import { SelectField, type Option } from '../../components/Field';
import { useWorkspace } from '../../app/workspaceContext';
import { useStrings, type Strings } from '../../i18n';
import { hasFilters, NO_FILTERS, type Filters } from './listState';

const YEARS_BACK = 10;

/** Where Alt+L puts the cursor. */
export const FIRST_FILTER_ID = 'filter-year';

function yearOptions(t: Strings): Option[] {
  const thisYear = yearOf(todayInVietnam());
  const years = Array.from({ length: YEARS_BACK }, (_, i) => String(thisYear - i));
  return [{ value: '', label: t.filters.any }, ...years.map((y) => ({ value: y, label: y }))];
}

export function FilterBar({ filters, onChange }: { filters: Filters; onChange: (f: Filters) => void }) {
  const t = useStrings();
  const { documentTypes } = useWorkspace();
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => onChange({ ...filters, [key]: value });
  const any = { value: '', label: t.filters.any };

  return (
    <fieldset className="filter-bar">
      <legend className="visually-hidden">{t.filters.title}</legend>
      <SelectField
        id={FIRST_FILTER_ID}
        label={t.filters.year}
        value={filters.year}
        onChange={(v) => set('year', v)}
        options={yearOptions(t)}
      />
      <SelectField
        id="filter-type"
        label={t.filters.type}
        value={filters.typeName}
        onChange={(v) => set('typeName', v)}
        options={[any, ...documentTypes.map((d) => ({ value: d.name, label: d.name }))]}
      />
      <SelectField
        id="filter-urgency"
        label={t.filters.urgency}
        value={filters.urgency}
        onChange={(v) => set('urgency', v as Urgency | '')}
        options={[any, ...URGENCIES.map((u) => ({ value: u, label: t.labels.urgency[u] }))]}
      />
      <SelectField
        id="filter-secrecy"
        label={t.filters.secrecy}
        value={filters.secrecy}
        onChange={(v) => set('secrecy', v as Secrecy | '')}
        options={[any, ...SECRECIES.map((s) => ({ value: s, label: t.labels.secrecy[s] }))]}
      />
      <DateField
        id="filter-from"
        label={t.filters.from}
        value={filters.fromText}
        onChange={(v) => set('fromText', v)}
      />
      <DateField id="filter-to" label={t.filters.to} value={filters.toText} onChange={(v) => set('toText', v)} />
      <div className="filter-clear">
        <button type="button" className="link" onClick={() => onChange(NO_FILTERS)} disabled={!hasFilters(filters)}>
          {t.filters.clear}
        </button>
      </div>
    </fieldset>
  );
}
