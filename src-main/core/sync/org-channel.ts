/**
 * The organisation channel (DOMAIN.md "Who works where"): the numbering workstation's register
 * reaches the organisation's other workstations (a second clerk, a leader, a specialist), and
 * what they add comes back. Only the numbering workstation numbers, so numbers stay right
 * offline. The register travels as snapshots of each entry (the numbering workstation is its
 * authority); notes travel as edits with the value they replaced, so two edits of the same note
 * made apart are both kept and shown to the clerk, never silently dropped.
 */
import { randomUUID } from 'node:crypto';
import type { DocumentFields } from '../../../src-shared/ipc/schemas';
import { WireFile, type Op } from '../../../src-shared/sync/protocol';
import type { AuditLog } from '../audit';
import type { Sqlite } from '../db/open';
import type { Documents, MirrorSnapshot, Organisations } from '../register';
import type { AccountSnapshot, Accounts } from '../auth';
import type { Handling, Units } from '../handling';
import type { UnitChange } from '../handling/units';
import {
  DirectiveWire,
  ENTITY_DIRECTIVE,
  ENTITY_HANDLING_EVENT,
  ENTITY_PLACEMENT,
  ENTITY_UNIT,
  HandlingEventWire,
  PlacementWire,
  UnitWire,
} from '../../../src-shared/sync/handling-wire';

export const ENTITY_DOCUMENT = 'document';
export const ENTITY_NOTE = 'document.note';
export const ENTITY_ACCOUNT = 'account';

/** The files of a snapshot, as the engine fetches them before applying it. */
export function snapshotFiles(fields: Record<string, unknown>): WireFile[] {
  const files = (fields as { files?: unknown }).files;
  if (!Array.isArray(files)) return [];
  return files.flatMap((f) => {
    const parsed = WireFile.safeParse(f);
    return parsed.success ? [parsed.data] : [];
  });
}

export interface Conflict {
  id: number;
  documentId: number | null;
  field: string;
  localValue: string;
  remoteValue: string;
  remoteWorkstation: string;
  at: string;
}

export function createOrgChannel(
  sqlite: Sqlite,
  deps: {
    accounts: Accounts;
    documents: Documents;
    handling: Handling;
    units: Units;
    organisations: Organisations;
    audit: AuditLog;
    transaction: <T>(work: () => T) => T;
    /** Writes the op to the outbox (same transaction as the change). */
    enqueue: (op: Op, documentId: number | null) => void;
    /** Only a workstation connected to the server keeps the channel. */
    active: () => boolean;
    /**
     * The organisation the workstation is enrolled for (its OrganId): only that organisation's
     * register travels on its channel. Another organisation kept on this machine (a commune's
     * Đảng ủy beside its UBND) is not the channel's to see.
     */
    channelOrgan: () => string | null;
  },
) {
  const { documents, organisations } = deps;
  const insertConflict = sqlite.prepare(
    'INSERT INTO sync_conflicts (entity, entity_id, document_id, field, local_value, remote_value, remote_workstation) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const openConflicts = sqlite.prepare(
    'SELECT id, document_id AS documentId, field, local_value AS localValue, remote_value AS remoteValue, remote_workstation AS remoteWorkstation, at FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY id',
  );
  const conflictById = sqlite.prepare('SELECT * FROM sync_conflicts WHERE id = ? AND resolved_at IS NULL');
  /** The register entries this workstation is the authority for (it numbers their organisation). */
  const numberedHere = sqlite
    .prepare(
      "SELECT d.id FROM documents d JOIN organisations o ON o.id = d.organisation_id WHERE o.numbers_here = 1 AND o.organ_id = ? AND d.secrecy = 'none' ORDER BY d.id",
    )
    .pluck();
  const resolve = sqlite.prepare(
    "UPDATE sync_conflicts SET resolved_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), resolution = ? WHERE id = ?",
  );

  function op(entity: string, entityId: string, fields: Record<string, unknown>, base: Record<string, unknown>): Op {
    return {
      kind: 'org.change',
      key: randomUUID(),
      happenedAt: new Date().toISOString(),
      entity,
      entityId,
      fields,
      base,
    };
  }

  function snapshotOf(id: number): MirrorSnapshot & { files: (WireFile & { role: string })[] } {
    const d = documents.get(id);
    const org = organisations.get(d.organisationId);
    const { id: _id, uid, status, cancelReason, createdBy, createdAt, files, ...fields } = d;
    return {
      uid,
      organId: org.organId,
      status,
      cancelReason,
      createdBy,
      createdAt,
      fields: fields as DocumentFields,
      files: files.map((f) => ({ sha256: f.sha256, name: f.name, size: f.size, mediaType: f.mediaType, role: f.role })),
    };
  }

  // Accounts made here reach the organisation's other workstations: people sign in anywhere.
  deps.accounts.observe((account) => {
    if (deps.active()) deps.enqueue(op(ENTITY_ACCOUNT, account.username, { ...account }, {}), null);
  });

  /** Whether a record of this organisation's register may go on the channel. */
  function travels(where: { organisationId: number; secrecy: string }): boolean {
    if (!deps.active() || where.secrecy !== 'none') return false; // secret documents never leave
    return organisations.get(where.organisationId).organId === deps.channelOrgan();
  }

  function handlingOp(change: { kind: 'directive' | 'event'; id: number }): Op | null {
    const { channel } = deps.handling;
    const found = change.kind === 'directive' ? channel.directive(change.id) : channel.event(change.id);
    if (!found || !travels(found)) return null;
    const { organisationId: _o, secrecy: _s, ...wire } = found;
    return op(change.kind === 'directive' ? ENTITY_DIRECTIVE : ENTITY_HANDLING_EVENT, wire.uid, { ...wire }, {});
  }

  // A directive typed, or a line moved, on this workstation: the others see it too.
  deps.handling.observe((change) => {
    const made = handlingOp(change);
    if (made) deps.enqueue(made, null);
  });

  function unitOp(change: UnitChange): Op {
    return change.kind === 'unit'
      ? op(ENTITY_UNIT, change.uid, { ...change }, {})
      : op(ENTITY_PLACEMENT, change.username, { ...change }, {});
  }

  /** Units, and places in them, of another organisation kept here stay off this channel. */
  function unitTravels(change: UnitChange): boolean {
    const organ = deps.units.organOf(change);
    return organ === null || organ === deps.channelOrgan();
  }

  // Units and who works in them are the organisation's, like its accounts.
  deps.units.observe((change) => {
    if (deps.active() && unitTravels(change)) deps.enqueue(unitOp(change), null);
  });

  // Every register change, in its own transaction.
  documents.observe((id, action, before) => {
    if (!deps.active()) return;
    const d = documents.get(id);
    if (d.secrecy !== 'none') return; // secret documents never leave the machine
    const org = organisations.get(d.organisationId);
    if (org.organId !== deps.channelOrgan()) return;
    if (org.numbersHere) {
      const snapshot = snapshotOf(id);
      deps.enqueue(op(ENTITY_DOCUMENT, snapshot.uid, { ...snapshot }, {}), id);
    } else if (action === 'update' && before && before.description !== d.description) {
      deps.enqueue(op(ENTITY_NOTE, d.uid, { description: d.description }, { description: before.description }), id);
    }
  });

  /** A directive or a line change made on another workstation of the organisation. */
  function applyHandling(change: {
    entity: string;
    entityId: string;
    fields: Record<string, unknown>;
    workstationId: string;
  }) {
    const actor = `sync:${change.workstationId}`;
    const { channel } = deps.handling;
    const directive = change.entity === ENTITY_DIRECTIVE ? DirectiveWire.safeParse(change.fields) : null;
    const event = change.entity === ENTITY_HANDLING_EVENT ? HandlingEventWire.safeParse(change.fields) : null;
    const parsed = directive ?? event;
    if (!parsed?.success) {
      deps.audit.append({ actor, action: 'sync.refused', entity: change.entity, entityId: change.entityId });
      return;
    }
    const outcome = directive?.success
      ? channel.applyDirective(directive.data)
      : channel.applyEvent(event!.data as HandlingEventWire);
    if (outcome === 'missing') {
      // What it refers to is not here (a secret document, an account not yet received).
      deps.audit.append({ actor, action: 'sync.skipped', entity: change.entity, entityId: change.entityId });
      return;
    }
    if (outcome === 'same') return;
    deps.audit.append({ actor, action: `${change.entity}.received`, entity: change.entity, entityId: change.entityId });
    if (typeof outcome === 'object') {
      insertConflict.run(
        ENTITY_HANDLING_EVENT,
        change.entityId,
        outcome.conflict.documentId,
        'status',
        outcome.conflict.local,
        outcome.conflict.remote,
        change.workstationId,
      );
    }
  }

  return {
    /** A change from another workstation of the organisation (files already fetched). */
    apply(change: {
      entity: string;
      entityId: string;
      fields: Record<string, unknown>;
      base: Record<string, unknown>;
      workstationId: string;
    }): void {
      if (change.entity === ENTITY_DOCUMENT) {
        const snapshot = change.fields as unknown as MirrorSnapshot;
        const org = organisations.list().find((o) => o.organId === snapshot.organId);
        // Only workstations that keep this organisation's register, and do not number it, mirror.
        if (!org || org.numbersHere) return;
        const id = documents.mirror(snapshot, `sync:${change.workstationId}`);
        // Its deadline and "handled" mark follow the directives here, whatever the copy said.
        deps.handling.refresh(id);
        return;
      }
      if (change.entity === ENTITY_ACCOUNT) {
        const account = change.fields as unknown as AccountSnapshot;
        if (deps.accounts.mirror(account, `sync:${change.workstationId}`) === 'conflict') {
          // Two accounts with one name, made apart: the local one stays; both are shown.
          const local = deps.accounts.snapshots().find((a) => a.username === account.username);
          insertConflict.run(
            ENTITY_ACCOUNT,
            account.username,
            null,
            'account',
            local ? `${local.fullName} (${local.role})` : '',
            `${account.fullName} (${account.role})`,
            change.workstationId,
          );
        }
        return;
      }
      if (change.entity === ENTITY_UNIT || change.entity === ENTITY_PLACEMENT) {
        const parsed = (change.entity === ENTITY_UNIT ? UnitWire : PlacementWire).safeParse(change.fields);
        const actor = `sync:${change.workstationId}`;
        if (!parsed.success || deps.units.apply(parsed.data) === 'missing') {
          deps.audit.append({ actor, action: 'sync.skipped', entity: change.entity, entityId: change.entityId });
        }
        return;
      }
      if (change.entity === ENTITY_DIRECTIVE || change.entity === ENTITY_HANDLING_EVENT) {
        applyHandling(change);
        return;
      }
      if (change.entity === ENTITY_NOTE) {
        const id = documents.idByUid(change.entityId);
        if (id === null) return;
        const current = documents.get(id).description;
        const remote = String(change.fields.description ?? '');
        const base = String(change.base.description ?? '');
        if (current === remote) return;
        if (current === base) {
          documents.update(id, { description: remote }, `sync:${change.workstationId}`);
        } else {
          insertConflict.run(ENTITY_NOTE, change.entityId, id, 'description', current, remote, change.workstationId);
          deps.audit.append({
            actor: `sync:${change.workstationId}`,
            action: 'sync.conflict',
            entity: 'document',
            entityId: id,
            details: { field: 'description' },
          });
        }
      }
    },

    conflicts: () => openConflicts.all() as Conflict[],

    /** The clerk keeps one of the two values; the other stays in the conflict's record. */
    resolveConflict(id: number, keep: 'local' | 'remote', actor: string): void {
      deps.transaction(() => {
        const row = conflictById.get(id) as
          { entity: string; document_id: number | null; remote_value: string } | undefined;
        if (!row) return;
        // An account conflict keeps the local account either way: the administrator renames one.
        if (keep === 'remote' && row.entity === ENTITY_NOTE && row.document_id !== null) {
          documents.update(row.document_id, { description: row.remote_value }, actor);
        }
        resolve.run(keep, id);
      });
    },

    /** When a workstation first connects, the whole register goes to the organisation's others. */
    publishAll(): number {
      let count = 0;
      deps.transaction(() => {
        for (const account of deps.accounts.snapshots()) {
          deps.enqueue(op(ENTITY_ACCOUNT, account.username, { ...account }, {}), null);
          count++;
        }
        const ids = numberedHere.all(deps.channelOrgan()) as number[];
        for (const id of ids) {
          const snapshot = snapshotOf(id);
          deps.enqueue(op(ENTITY_DOCUMENT, snapshot.uid, { ...snapshot }, {}), id);
          count++;
        }
        for (const change of deps.units.all().filter(unitTravels)) {
          deps.enqueue(unitOp(change), null);
          count++;
        }
        // Then how each is being handled, in the order it happened.
        const organ = deps.channelOrgan();
        if (organ) {
          const { directives, events } = deps.handling.channel.allOf(organ);
          const changes = [
            ...directives.map((id) => ({ kind: 'directive' as const, id })),
            ...events.map((id) => ({ kind: 'event' as const, id })),
          ];
          for (const change of changes) {
            const made = handlingOp(change);
            if (made) deps.enqueue(made, null);
            if (made) count++;
          }
        }
      });
      return count;
    },
  };
}

export type OrgChannel = ReturnType<typeof createOrgChannel>;
