/** What every screen of the signed-in workspace needs: who, for which organisation, which types. */
import { createContext, useContext } from 'react';
import type { DocumentType, Organisation, Session } from '../../src-shared/ipc/schemas';
import { typesForRegime } from '../../src-shared/domain/doc-types';

export interface WorkspaceInfo {
  session: Session;
  organisation: Organisation;
  /** Every organisation whose registers this workstation keeps; more than one: the top bar switches. */
  organisations: Organisation[];
  switchOrganisation: (id: number) => void;
  /** The organisation's document types (its regime's and the common ones), by name. */
  documentTypes: DocumentType[];
  /** Bumped after anything changes the register, so counts and lists reload. */
  registerVersion: number;
  registerChanged: () => void;
}

export const WorkspaceContext = createContext<WorkspaceInfo | null>(null);

export function useWorkspace(): WorkspaceInfo {
  const info = useContext(WorkspaceContext);
  if (!info) throw new Error('WorkspaceContext is missing');
  return info;
}

/** Types usable by an organ of this regime: one entry per name, active ones only. */
export function typesFor(organisation: Organisation, all: readonly DocumentType[]): DocumentType[] {
  return typesForRegime(organisation.regime, all);
}
