/**
 * Units (phòng, ban, chi bộ) and who works in them: the administrator keeps them; directives
 * show a handler with their unit, and reports count the backlog per unit.
 */
import { VanThuError } from '../../../src-shared/ipc/errors';
import type { Unit } from '../../../src-shared/ipc/admin';
import type { AuditLog } from '../audit';
import type { Sqlite } from '../db/open';
import { uuidV7 } from '../db/uuid';
import { compareVietnamese } from '../../../src-shared/domain/collate';

/** A unit, or a person's place in one, as the organisation channel carries it. */
export type UnitChange =
  | { kind: 'unit'; uid: string; organId: string; name: string }
  | { kind: 'placement'; username: string; unitUid: string | null };

export function createUnits(sqlite: Sqlite, deps: { audit: AuditLog }) {
  const listeners: ((change: UnitChange) => void)[] = [];
  const notify = (change: UnitChange) => {
    for (const listener of listeners) listener(change);
  };
  const unitWire = sqlite.prepare(
    'SELECT n.uid, o.organ_id AS organId, n.name FROM units n JOIN organisations o ON o.id = n.organisation_id WHERE n.id = ?',
  );
  const unitByUid = sqlite.prepare('SELECT id FROM units WHERE uid = ?').pluck();
  const organOfUnit = sqlite
    .prepare('SELECT o.organ_id FROM units n JOIN organisations o ON o.id = n.organisation_id WHERE n.uid = ?')
    .pluck();
  const organisationByOrganId = sqlite.prepare('SELECT id FROM organisations WHERE organ_id = ?').pluck();
  const insertWithUid = sqlite.prepare('INSERT INTO units (uid, organisation_id, name) VALUES (?, ?, ?)');
  const userByName = sqlite.prepare('SELECT id FROM users WHERE username = ?').pluck();
  const allUnits = sqlite.prepare('SELECT id FROM units ORDER BY id').pluck();
  const placements = sqlite.prepare(
    'SELECT u.username, n.uid AS unitUid FROM users u JOIN units n ON n.id = u.unit_id ORDER BY u.id',
  );
  const wireOf = (id: number) => ({
    kind: 'unit' as const,
    ...(unitWire.get(id) as { uid: string; organId: string; name: string }),
  });
  const list = sqlite.prepare(`
    SELECT n.id, n.organisation_id AS organisationId, n.name,
      (SELECT count(*) FROM users u WHERE u.unit_id = n.id AND u.disabled = 0) AS people
    FROM units n`);
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
    observe(listener: (change: UnitChange) => void): void {
      listeners.push(listener);
    },

    /** The organisation a unit or a placement belongs to (null: a person taken out of every unit). */
    organOf(change: UnitChange): string | null {
      if (change.kind === 'unit') return change.organId;
      return change.unitUid === null ? null : ((organOfUnit.get(change.unitUid) as string | undefined) ?? null);
    },

    /** Every unit and placement, for a workstation that has just connected. */
    all(): UnitChange[] {
      return [
        ...(allUnits.all() as number[]).map(wireOf),
        ...(placements.all() as { username: string; unitUid: string }[]).map((p) => ({
          kind: 'placement' as const,
          ...p,
        })),
      ];
    },

    /** A unit or a placement made on another workstation: the later one stands. */
    apply(change: UnitChange): 'applied' | 'missing' {
      if (change.kind === 'unit') {
        const id = unitByUid.get(change.uid) as number | undefined;
        if (id !== undefined) {
          rename.run(change.name, id);
          return 'applied';
        }
        const organisationId = organisationByOrganId.get(change.organId) as number | undefined;
        if (organisationId === undefined) return 'missing';
        insertWithUid.run(change.uid, organisationId, change.name);
        return 'applied';
      }
      const userId = userByName.get(change.username) as number | undefined;
      const unitId = change.unitUid === null ? null : (unitByUid.get(change.unitUid) as number | undefined);
      if (userId === undefined || unitId === undefined) return 'missing';
      setUnit.run(unitId, userId);
      return 'applied';
    },

    list(): Unit[] {
      return (list.all() as Unit[]).sort(
        (a, b) => a.organisationId - b.organisationId || compareVietnamese(a.name, b.name),
      );
    },

    add(organisationId: number, name: string, actor: string): Unit[] {
      if (!organisationExists.get(organisationId)) throw new VanThuError('NOT_FOUND', 'Không tìm thấy cơ quan này.');
      refuseDuplicate(organisationId, name);
      const id = Number(insert.run(uuidV7(), organisationId, name).lastInsertRowid);
      deps.audit.append({ actor, action: 'unit.add', entity: 'unit', entityId: id, details: { name } });
      notify(wireOf(id));
      return this.list();
    },

    rename(id: number, name: string, actor: string): Unit[] {
      const unit = requireUnit(id);
      refuseDuplicate(unit.organisationId, name, id);
      rename.run(name, id);
      notify(wireOf(id));
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
      notify({
        kind: 'placement',
        username: found.username,
        unitUid: unitId === null ? null : (unitWire.get(unitId) as { uid: string }).uid,
      });
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
