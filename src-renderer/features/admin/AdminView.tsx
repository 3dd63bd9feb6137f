/**
 * Quản trị (administrators only): document types, organisations and their terms, registers and
 * sequences, accounts, the audit log and the trust anchors, one tab each. ←/→ (Home/End) move
 * between tabs, as in any tab list.
 */
import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { useApi } from '../../app/services';
import { useWorkspace } from '../../app/workspaceContext';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';
import { TrustAnchors } from '../signatures/TrustAnchors';
import { DocumentTypesTab } from './DocumentTypesTab';
import { OrganisationsTab } from './OrganisationsTab';
import { SequencesTab } from './SequencesTab';
import { AccountsTab } from './AccountsTab';
import { AuditTab } from './AuditTab';
import { UnitsTab } from './UnitsTab';
import { CalendarTab } from './CalendarTab';
import { SecurityTab } from './SecurityTab';
import { useLoaded } from './useLoaded';

const TABS = [
  'types',
  'organisations',
  'sequences',
  'accounts',
  'units',
  'calendar',
  'audit',
  'trust',
  'security',
] as const;
type Tab = (typeof TABS)[number];

export interface AdminViewProps {
  /** Something the rest of the workspace shows changed (types, the organisation's name). */
  onChanged: () => void;
}

export function AdminView({ onChanged }: AdminViewProps) {
  const t = useStrings();
  const api = useApi();
  const { organisation: current } = useWorkspace();
  const [tab, setTab] = useState<Tab>('types');
  const [organisationId, setOrganisationId] = useState(current.id);
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const loaded = useLoaded(useCallback(() => api.call('organisation.list', {}), [api]));
  const organisations = loaded.value;
  const error = loaded.error;
  const { reload } = loaded;

  const organisationChanged = useCallback(() => {
    void reload();
    onChanged();
  }, [reload, onChanged]);

  function onTabKey(event: KeyboardEvent) {
    const i = TABS.indexOf(tab);
    let next: number;
    if (event.key === 'ArrowRight') next = (i + 1) % TABS.length;
    else if (event.key === 'ArrowLeft') next = (i - 1 + TABS.length) % TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = TABS.length - 1;
    else return;
    event.preventDefault();
    const id = TABS[next]!;
    setTab(id);
    tabRefs.current[id]?.focus();
  }

  const organisation = organisations?.find((o) => o.id === organisationId) ?? null;
  const perOrganisation = tab === 'organisations' || tab === 'sequences';

  return (
    <section className="admin-view" aria-labelledby="admin-title">
      <header className="view-header">
        <div>
          <h1 id="admin-title">{t.admin.title}</h1>
          <p className="view-subtitle">{t.admin.intro}</p>
        </div>
        {perOrganisation && organisations && organisations.length > 1 && (
          <label className="admin-org-picker">
            <span>{t.admin.organisation}</span>
            <select value={organisationId} onChange={(e) => setOrganisationId(Number(e.target.value))}>
              {organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      <div className="admin-tabs" role="tablist" aria-label={t.admin.tabsLabel} onKeyDown={onTabKey}>
        {TABS.map((id) => (
          <button
            key={id}
            ref={(el) => {
              tabRefs.current[id] = el;
            }}
            type="button"
            role="tab"
            id={`admin-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`admin-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            className={tab === id ? 'active' : undefined}
            onClick={() => setTab(id)}
          >
            {t.admin.tabs[id]}
          </button>
        ))}
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      <div className="admin-panel" role="tabpanel" id={`admin-panel-${tab}`} aria-labelledby={`admin-tab-${tab}`}>
        {tab === 'types' && <DocumentTypesTab onChanged={onChanged} />}
        {tab === 'organisations' && organisation && (
          <OrganisationsTab
            key={organisation.id}
            organisation={organisation}
            onChanged={organisationChanged}
            onAdded={(id) => {
              setOrganisationId(id);
              organisationChanged();
            }}
          />
        )}
        {tab === 'sequences' && organisation && <SequencesTab key={organisation.id} organisation={organisation} />}
        {tab === 'accounts' && <AccountsTab />}
        {tab === 'units' && <UnitsTab />}
        {tab === 'calendar' && <CalendarTab />}
        {tab === 'audit' && <AuditTab />}
        {tab === 'security' && <SecurityTab />}
        {tab === 'trust' && (
          <div className="card">
            <TrustAnchors />
          </div>
        )}
      </div>
    </section>
  );
}
