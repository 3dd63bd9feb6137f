/** What every screen of the signed-in workspace needs: who, for which organisation, which types. */
import { createContext, useContext } from 'react';
import type { DocumentType, Organisation, Session } from '../../src-shared/ipc/schemas';

export interface WorkspaceInfo {
  session: Session;
  organisation: Organisation;
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
  const byName = new Map<string, DocumentType>();
  for (const type of all) {
    if (!type.active || (type.regime !== 'both' && type.regime !== organisation.regime)) continue;
    const seen = byName.get(type.name);
    // The regime's own entry wins over a common one (Quy định: QĐi for Party, QyĐ for state).
    if (!seen || (seen.regime === 'both' && type.regime === organisation.regime)) byName.set(type.name, type);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}
