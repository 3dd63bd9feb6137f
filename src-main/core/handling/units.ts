/**
 * Units (phòng, ban, chi bộ) and who works in them: the administrator keeps them; directives
 * show a handler with their unit, and reports count the backlog per unit.
 */
import { VanThuError } from '../../../src-shared/ipc/errors';
import type { Unit } from '../../../src-shared/ipc/admin';
import type { AuditLog } from '../audit';
import type { Sqlite } from '../db/open';
import { uuidV7 } from '../db/uuid';

export function createUnits(sqlite: Sqlite, deps: { audit: AuditLog }) {
  const list = sqlite.prepare(`
    SELECT n.id, n.organisation_id AS organisationId, n.name,
      (SELECT count(*) FROM users u WHERE u.unit_id = n.id AND u.disabled = 0) AS people
    FROM units n ORDER BY n.organisation_id, n.name COLLATE NOCASE`);
  const byId = sqlite.prepare('SELECT id, name, organisation_id AS organisationId FROM units WHERE id = ?');
  const sameName = sqlite
    .prepare('SELECT id FROM units WHERE organisation_id = ? AND lower(name) = lower(?) AND id != ?')
    .pluck();
  const organisationExists = sqlite.prepare('SELECT 1 FROM organisations WHERE id = ?').pluck();
  const insert = sqlite.prepare('INSERT INTO units (uid, organisation_id, name) VALUES (?, ?, ?)');
  const rename = sqlite.prepare('UPDATE units SET name = ? WHERE id = ?');
  const user = sqlite.prepare('SELECT id, username, unit_id AS unitId FROM users WHERE id = ?');
  const setUnit = sqlite.prepare('UPDATE users SET unit_id = ? WHERE id = ?');

  function requireUnit(id: number): { id: number; name: string; organisationId: number } {
    const unit = byId.get(id) as { id: number; name: string; organisationId: number } | undefined;
    if (!unit) throw new VanThuError('NOT_FOUND', 'Không tìm thấy đơn vị này. Hãy tải lại danh sách.');
    return unit;
  }

  function refuseDuplicate(organisationId: number, name: string, id = 0): void {
    if (sameName.get(organisationId, name, id)) {
      const message = `Đã có đơn vị "${name}" trong cơ quan này.`;
      throw new VanThuError('CONFLICT', message, [{ path: 'name', message }]);
    }
  }

  return {
    list(): Unit[] {
      return list.all() as Unit[];
    },

    add(organisationId: number, name: string, actor: string): Unit[] {
      if (!organisationExists.get(organisationId)) throw new VanThuError('NOT_FOUND', 'Không tìm thấy cơ quan này.');
      refuseDuplicate(organisationId, name);
      const id = Number(insert.run(uuidV7(), organisationId, name).lastInsertRowid);
      deps.audit.append({ actor, action: 'unit.add', entity: 'unit', entityId: id, details: { name } });
      return this.list();
    },

    rename(id: number, name: string, actor: string): Unit[] {
      const unit = requireUnit(id);
      refuseDuplicate(unit.organisationId, name, id);
      rename.run(name, id);
      deps.audit.append({
        actor,
        action: 'unit.rename',
        entity: 'unit',
        entityId: id,
        details: { name: { from: unit.name, to: name } },
      });
      return this.list();
    },

    /** Places a person in a unit, or in none (null). */
    placeUser(userId: number, unitId: number | null, actor: string): void {
      const found = user.get(userId) as { id: number; username: string; unitId: number | null } | undefined;
      if (!found) throw new VanThuError('NOT_FOUND', 'Không tìm thấy tài khoản này. Hãy tải lại danh sách.');
      const unit = unitId === null ? null : requireUnit(unitId);
      setUnit.run(unitId, userId);
      deps.audit.append({
        actor,
        action: 'user.setUnit',
        entity: 'user',
        entityId: found.username,
        details: { unit: unit?.name ?? null },
      });
    },
  };
}

export type Units = ReturnType<typeof createUnits>;
