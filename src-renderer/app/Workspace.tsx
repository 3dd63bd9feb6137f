/**
 * The signed-in workspace: the boxes on the left, the top bar, and in the centre the register,
 * a registration form or a document. Global shortcuts: Ctrl+K or / search, Alt+N new document,
 * Alt+L the filters, Ctrl+P the printed registers, Alt+B the reports, Alt+Q administration
 * (administrators).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Direction } from '../../src-shared/domain/enums';
import type { DocumentType, Organisation, Session, Warning } from '../../src-shared/ipc/schemas';
import { useStrings } from '../i18n';
import { Notice } from '../components/Notice';
import { dialogIsOpen } from '../components/Dialog';
import { useApi } from './services';
import { useWindowKeydown } from './useWindowKeydown';
import { messageOf } from './errors';
import { TopBar } from './TopBar';
import { typesFor, WorkspaceContext, type WorkspaceInfo } from './workspaceContext';
import { Sidebar } from '../features/register/Sidebar';
import { RegisterView } from '../features/register/RegisterView';
import { boxById, boxAfterSaving } from '../features/register/boxes';
import { INITIAL_LIST, type ListState } from '../features/register/listState';
import { FIRST_FILTER_ID } from '../features/register/FilterBar';
import { useBoxCounts, useDebounced } from '../features/register/useRegisterData';
import { RegistrationForm } from '../features/registration/RegistrationForm';
import { DocumentPage } from '../features/document/DocumentPage';
import { InboxView } from '../features/inbox/InboxView';
import { InboxItemPage } from '../features/inbox/InboxItemPage';
import { useSyncStatus } from '../features/sync/useSyncStatus';
import { UpdateBanner } from '../features/updates/UpdateBanner';
import { useUrgentArrivals } from '../features/inbox/useUrgentArrivals';
import { useDeadlineReminders } from '../features/handling/useDeadlineReminders';
import { useSavedSearches } from '../features/register/savedSearches';
import { AdminView } from '../features/admin/AdminView';
import { BookView } from '../features/books/BookView';
import { ReportView } from '../features/reports/ReportView';
import { isTyping } from './isTyping';

/** A message carried to the next screen (e.g. "Đã vào sổ… Số đến: 1" and any warnings). */
export interface Flash {
  message: string;
  warnings: Warning[];
}

export type Route =
  | { kind: 'register' }
  | { kind: 'new'; direction: Direction }
  | { kind: 'document'; id: number; flash?: Flash }
  | { kind: 'inbox'; flash?: string }
  | { kind: 'inbox-item'; id: number }
  | { kind: 'admin' }
  | { kind: 'books' }
  | { kind: 'reports' };

interface Loaded {
  organisations: Organisation[];
  types: DocumentType[];
}

// The organisation whose register this machine last showed (a commune's Đảng ủy or UBND).
const ORGANISATION_KEY = 'vanthu.organisation';

function rememberedOrganisation(): number | null {
  try {
    const value = Number(window.localStorage.getItem(ORGANISATION_KEY));
    return Number.isInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

export interface WorkspaceProps {
  session: Session;
  hidden: boolean;
  onSignOut: () => void;
}

export function Workspace({ session, hidden, onSignOut }: WorkspaceProps) {
  const t = useStrings();
  const api = useApi();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [chosenOrganisation, setChosenOrganisation] = useState<number | null>(rememberedOrganisation);
  const [loadError, setLoadError] = useState('');
  const [registerVersion, setRegisterVersion] = useState(0);
  const [route, setRoute] = useState<Route>({ kind: 'register' });
  const [list, setList] = useState<ListState>(INITIAL_LIST);
  const [searchText, setSearchText] = useState('');
  const saved = useSavedSearches(session.user.id);
  const [registerKey, setRegisterKey] = useState(0);
  // The register takes the focus when the workspace opens, so ↑ ↓ Enter work at once.
  const [focusRequest, setFocusRequest] = useState(1);
  const searchRef = useRef<HTMLInputElement>(null);
  const debouncedSearch = useDebounced(searchText, 200);

  const load = useCallback(async () => {
    setLoadError('');
    try {
      const [organisations, types] = await Promise.all([
        api.call('organisation.list', {}),
        api.call('documentType.list', {}),
      ]);
      if (organisations.length === 0) throw new Error('no organisation');
      setLoaded({ organisations, types });
    } catch (error) {
      setLoadError(messageOf(error));
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  const registerChanged = useCallback(() => setRegisterVersion((v) => v + 1), []);
  // The chosen organisation while it exists, else the one this workstation numbers for.
  const organisation = loaded
    ? (loaded.organisations.find((o) => o.id === chosenOrganisation) ??
      loaded.organisations.find((o) => o.numbersHere) ??
      loaded.organisations[0])
    : undefined;
  const switchOrganisation = useCallback((id: number) => {
    setChosenOrganisation(id);
    try {
      window.localStorage.setItem(ORGANISATION_KEY, String(id));
    } catch {
      // Storage refused: the choice lasts until the window closes.
    }
    setList(INITIAL_LIST);
    setSearchText('');
    setRoute({ kind: 'register' });
  }, []);
  const info = useMemo<WorkspaceInfo | null>(
    () =>
      loaded && organisation
        ? {
            session,
            organisation,
            organisations: loaded.organisations,
            switchOrganisation,
            documentTypes: typesFor(organisation, loaded.types),
            registerVersion,
            registerChanged,
          }
        : null,
    [session, loaded, organisation, switchOrganisation, registerVersion, registerChanged],
  );

  const currentDirection: Direction = route.kind === 'new' ? route.direction : boxById(list.boxId).direction;
  const openNew = useCallback((direction: Direction) => setRoute({ kind: 'new', direction }), []);
  const isAdmin = session.user.role === 'administrator';
  // The registers are the clerk's; leaders read them; handlers see only their own work.
  const readsBooks = session.user.role !== 'handler';

  useWindowKeydown((event) => {
    if (dialogIsOpen()) return;
    const key = event.key.toLowerCase();
    // The browser's "save page" never helps here; forms handle Ctrl+S themselves.
    if (event.ctrlKey && key === 's') event.preventDefault();
    if ((event.ctrlKey && key === 'k') || (key === '/' && !isTyping(event.target) && !event.ctrlKey && !event.altKey)) {
      event.preventDefault();
      setRoute((r) => (r.kind === 'document' ? { kind: 'register' } : r));
      if (route.kind === 'new') return; // a form in progress is not left by a shortcut
      // At once, so what the clerk types next lands in the box; the register, coming back from
      // a document, leaves the cursor there (DocumentTable).
      searchRef.current?.select();
    } else if (event.altKey && key === 'l' && route.kind !== 'new') {
      // The filters over the register: the cursor goes to the first one (Năm).
      event.preventDefault();
      setRoute((r) => (r.kind === 'register' ? r : { kind: 'register' }));
      window.setTimeout(() => document.getElementById(FIRST_FILTER_ID)?.focus(), 0);
    } else if (event.altKey && key === 'n' && route.kind !== 'new') {
      event.preventDefault();
      openNew(currentDirection);
    } else if (event.ctrlKey && key === 'p' && route.kind !== 'books') {
      // Printing the app's screen never helps: Ctrl+P opens "In sổ" (which prints the register).
      event.preventDefault();
      if (readsBooks && route.kind !== 'new') setRoute({ kind: 'books' });
    } else if (event.altKey && key === 'b' && readsBooks && route.kind !== 'new') {
      event.preventDefault();
      setRoute({ kind: 'reports' });
    } else if (event.altKey && key === 'q' && isAdmin && route.kind !== 'new') {
      event.preventDefault();
      setRoute({ kind: 'admin' });
    }
  }, !hidden);

  const counts = useBoxCounts(organisation?.id ?? 0, registerVersion, session.user);
  const sync = useSyncStatus(!hidden && loaded !== null);
  const waiting = sync.status?.waitingToReceive;
  useUrgentArrivals(waiting);
  useDeadlineReminders(organisation?.id ?? 0, session.user);
  const lastSyncAt = sync.status?.lastSyncAt;
  // A pass brought something, or a document arrived or left the box: what is shown may be stale.
  useEffect(() => {
    if (waiting !== undefined || lastSyncAt) setRegisterVersion((v) => v + 1);
  }, [waiting, lastSyncAt]);

  if (!info) {
    return (
      <main className="centered-page">
        {loadError ? (
          <section className="card narrow">
            <Notice kind="error">{loadError}</Notice>
            <div className="actions">
              <button type="button" className="primary" onClick={() => void load()}>
                {t.connection.retry}
              </button>
            </div>
          </section>
        ) : (
          <div className="splash">{t.app.loading}</div>
        )}
      </main>
    );
  }

  const backToList = () => {
    setRoute({ kind: 'register' });
    setFocusRequest((n) => n + 1);
  };
  const openDocument = (id: number) => {
    setList((l) => ({ ...l, selectedId: id }));
    setRoute({ kind: 'document', id });
  };

  let centre;
  if (route.kind === 'new') {
    centre = (
      <RegistrationForm
        key={`new-${route.direction}`}
        direction={route.direction}
        onCancel={backToList}
        onSaved={(saved, message) => {
          registerChanged();
          setList((l) => ({ ...l, boxId: boxAfterSaving(route.direction), selectedIndex: 0, selectedId: saved.id }));
          setRoute({ kind: 'document', id: saved.id, flash: { message, warnings: saved.warnings } });
        }}
      />
    );
  } else if (route.kind === 'inbox') {
    centre = (
      <>
        {route.flash && <Notice kind="success">{route.flash}</Notice>}
        <InboxView version={registerVersion} onOpen={(id) => setRoute({ kind: 'inbox-item', id })} />
      </>
    );
  } else if (route.kind === 'inbox-item') {
    centre = (
      <InboxItemPage
        key={route.id}
        id={route.id}
        onCancel={() => setRoute({ kind: 'inbox' })}
        onRejected={(message) => {
          void sync.refresh();
          setRoute({ kind: 'inbox', flash: message });
        }}
        onRegistered={(saved, message) => {
          registerChanged();
          void sync.refresh();
          setList((l) => ({ ...l, boxId: 'in-all', selectedIndex: 0, selectedId: saved.id }));
          setRoute({ kind: 'document', id: saved.id, flash: { message, warnings: saved.warnings } });
        }}
      />
    );
  } else if (route.kind === 'books') {
    centre = <BookView />;
  } else if (route.kind === 'reports') {
    centre = <ReportView />;
  } else if (route.kind === 'admin') {
    centre = <AdminView onChanged={() => void load()} />;
  } else if (route.kind === 'document') {
    centre = <DocumentPage key={route.id} id={route.id} flash={route.flash} onBack={backToList} />;
  } else {
    centre = (
      <RegisterView
        list={list}
        onList={setList}
        searchText={debouncedSearch}
        onOpen={openDocument}
        onNew={openNew}
        focusRequest={focusRequest}
        onSaveSearch={(name) => saved.save(name, list, searchText)}
        key={registerKey}
      />
    );
  }

  return (
    <WorkspaceContext.Provider value={info}>
      <div className="workspace" inert={hidden} aria-hidden={hidden || undefined}>
        <TopBar
          searchText={searchText}
          onSearchText={(text) => {
            setSearchText(text);
            setList((l) => ({ ...l, selectedIndex: 0, selectedId: null }));
            if (route.kind === 'document') setRoute({ kind: 'register' });
          }}
          searchRef={searchRef}
          onEnterResults={() => {
            if (route.kind === 'document') setRoute({ kind: 'register' });
            setFocusRequest((n) => n + 1);
          }}
          onSignOut={onSignOut}
          sync={sync.status}
          onSyncChanged={(s) => s && sync.setStatus(s)}
        />
        <UpdateBanner active={!hidden && loaded !== null} />
        <div className="workspace-body">
          <Sidebar
            activeBox={route.kind === 'register' ? list.boxId : null}
            counts={counts}
            waiting={{
              count: waiting,
              active: route.kind === 'inbox' || route.kind === 'inbox-item',
              onSelect: () => setRoute({ kind: 'inbox' }),
            }}
            books={
              readsBooks ? { active: route.kind === 'books', onSelect: () => setRoute({ kind: 'books' }) } : undefined
            }
            saved={{
              names: saved.items.map((s) => s.name),
              onApply: (name) => {
                const search = saved.items.find((s) => s.name === name);
                if (!search) return;
                setList(saved.apply(search));
                setSearchText(search.text);
                setRegisterKey((k) => k + 1); // the table takes the search's columns
                setRoute({ kind: 'register' });
              },
              onRemove: (name) => saved.remove(name),
            }}
            reports={
              readsBooks
                ? { active: route.kind === 'reports', onSelect: () => setRoute({ kind: 'reports' }) }
                : undefined
            }
            admin={
              isAdmin ? { active: route.kind === 'admin', onSelect: () => setRoute({ kind: 'admin' }) } : undefined
            }
            onSelect={(boxId) => {
              setList((l) => ({ ...l, boxId, selectedIndex: 0, selectedId: null }));
              setRoute({ kind: 'register' });
            }}
          />
          <main className="content">{centre}</main>
        </div>
      </div>
    </WorkspaceContext.Provider>
  );
}
