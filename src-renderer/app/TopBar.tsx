/**
 * The top bar: the organisation (a switcher when the workstation keeps several), the search box
 * (works without diacritics), the sync state, the user.
 */
import type { RefObject } from 'react';

import { Kbd } from '../components/Kbd';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useStrings } from '../i18n';
import { useWorkspace } from './workspaceContext';
import type { SyncStatus } from '../../src-shared/ipc/sync';
import { SyncIndicator } from '../features/sync/SyncIndicator';

export interface TopBarProps {
  searchText: string;
  onSearchText: (text: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  /** ↓ or Enter in the search box: go down into the results. */
  onEnterResults: () => void;
  onSignOut: () => void;
  sync: SyncStatus | null;
  onSyncChanged: (status: SyncStatus | null) => void;
}

export function TopBar({
  searchText,
  onSearchText,
  searchRef,
  onEnterResults,
  onSignOut,
  sync,
  onSyncChanged,
}: TopBarProps) {
  const t = useStrings();
  const { session, organisation, organisations, switchOrganisation } = useWorkspace();
  return (
    <header className="top-bar">
      <div className="top-brand">
        <img className="brand-mark" src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={36} height={36} />
        <div>
          <p className="brand-name">{t.app.name}</p>
          {organisations.length > 1 ? (
            <select
              className="org-switch"
              aria-label={t.topBar.organisation}
              value={organisation.id}
              onChange={(e) => switchOrganisation(Number(e.target.value))}
            >
              {organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          ) : (
            <p className="org-name" title={organisation.name}>
              {organisation.name}
            </p>
          )}
        </div>
      </div>
      <div className="search" role="search">
        <input
          ref={searchRef}
          type="search"
          aria-label={t.topBar.searchLabel}
          placeholder={t.topBar.searchPlaceholder}
          value={searchText}
          onChange={(e) => onSearchText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'Enter') {
              e.preventDefault();
              onEnterResults();
            } else if (e.key === 'Escape' && searchText) {
              e.preventDefault();
              onSearchText('');
            }
          }}
          aria-keyshortcuts="Control+K /"
          spellCheck={false}
          autoComplete="off"
        />
        <span className="search-hint" aria-hidden="true">
          <Kbd>Ctrl+K</Kbd>
        </span>
      </div>
      <SyncIndicator status={sync} onChanged={onSyncChanged} />
      <div className="user-box">
        <div className="user-name">
          <strong>{session.user.fullName}</strong>
          <span>{t.labels.role[session.user.role]}</span>
        </div>
        <LanguageSwitch />
        <button type="button" onClick={onSignOut}>
          {t.topBar.signOut}
        </button>
      </div>
    </header>
  );
}
