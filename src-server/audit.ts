/** The audit trail: enrollments, revocations, pushes (kind, key, outcome), prunes; with time and actor. */
import type { Db } from './db';

export interface AuditEntry {
  workstationId?: string;
  organId?: string;
  action: string;
  details?: unknown;
}

export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  await db.query('INSERT INTO audit (workstation_id, organ_id, action, details) VALUES ($1, $2, $3, $4)', [
    entry.workstationId ?? '',
    entry.organId ?? '',
    entry.action,
    JSON.stringify(entry.details ?? {}),
  ]);
}

export interface AuditRow {
  at: string;
  workstationId: string;
  organId: string;
  action: string;
  details: Record<string, unknown>;
}

export async function listAudit(db: Db, limit = 100): Promise<AuditRow[]> {
  const rows = await db.query<{
    at: string | Date;
    workstation_id: string;
    organ_id: string;
    action: string;
    details: Record<string, unknown> | string;
  }>('SELECT at, workstation_id, organ_id, action, details FROM audit ORDER BY id DESC LIMIT $1', [limit]);
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    workstationId: r.workstation_id,
    organId: r.organ_id,
    action: r.action,
    details: typeof r.details === 'string' ? (JSON.parse(r.details) as Record<string, unknown>) : r.details,
  }));
}
