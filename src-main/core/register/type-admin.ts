/**
 * The administrator's list of document types (DOMAIN.md "Document types": data an admin can
 * extend). A register entry keeps its type by name, and a type's numbers are counted by its
 * abbreviation, so: a used type is not renamed or deleted (it is retired instead), and its
 * abbreviation does not change while numbers are being given under it.
 */
import { VanThuError } from '../../../src-shared/ipc/errors';
import { foldVietnamese } from '../../../src-shared/domain/fold';
import type { DocumentType, Organisation } from '../../../src-shared/ipc/schemas';
import type { AuditLog } from '../audit';
import type { Sqlite } from '../db/open';
import type { ReadCache } from '../db/read-cache';
import type { Organisations } from './organisations';
import type { SequenceAdmin } from './sequence-admin';
import type { DocumentTypes } from './types';

export type TypeRegime = DocumentType['regime'];

export interface NewDocumentType {
  name: string;
  code: string;
  regime: TypeRegime;
}

function applies(regime: TypeRegime, org: Organisation): boolean {
  return regime === 'both' || regime === org.regime;
}

/** Two entries a single organ could both see (the same regime, or one for both). */
function overlap(a: TypeRegime, b: TypeRegime): boolean {
  return a === 'both' || b === 'both' || a === b;
}

function invalid(path: 'name' | 'code', message: string): VanThuError {
  return new VanThuError('VALIDATION', message, [{ path, message }]);
}

export function createTypeAdmin(
  sqlite: Sqlite,
  deps: {
    types: DocumentTypes;
    organisations: Organisations;
    sequences: SequenceAdmin;
    audit: AuditLog;
    cache: ReadCache;
  },
) {
  const { types, organisations, sequences, audit, cache } = deps;
  const insert = sqlite.prepare('INSERT INTO document_types (name, code, regime, builtin) VALUES (?, ?, ?, 0)');
  const rename = sqlite.prepare('UPDATE document_types SET name = ? WHERE id = ?');
  const recode = sqlite.prepare('UPDATE document_types SET code = ? WHERE id = ?');
  const setHandlingDays = sqlite.prepare('UPDATE document_types SET handling_days = ? WHERE id = ?');
  const setActive = sqlite.prepare('UPDATE document_types SET active = ? WHERE id = ?');
  const remove = sqlite.prepare('DELETE FROM document_types WHERE id = ?');
  const uses = sqlite
    .prepare(
      `SELECT COUNT(*) FROM documents d JOIN organisations o ON o.id = d.organisation_id
       WHERE d.type_name = ? AND (? = 'both' OR o.regime = ?)`,
    )
    .pluck();

  function get(id: number): DocumentType {
    const found = types.list().find((t) => t.id === id);
    if (!found) throw new VanThuError('NOT_FOUND', 'Không tìm thấy loại văn bản này. Hãy tải lại danh sách.');
    return found;
  }

  function usedBy(type: Pick<DocumentType, 'name' | 'regime'>): number {
    return uses.get(type.name, type.regime, type.regime) as number;
  }

  /** A name is unique among the types one organ sees, ignoring case and diacritics. */
  function requireFreeName(name: string, regime: TypeRegime, selfId: number | null): void {
    const key = foldVietnamese(name);
    const clash = types
      .list()
      .find((t) => t.id !== selfId && foldVietnamese(t.name) === key && overlap(t.regime, regime));
    if (clash) throw invalid('name', `Đã có loại văn bản "${clash.name}" trong danh mục.`);
  }

  function requireCode(code: string): void {
    // Letters (Đ, đ included) and digits only: the code sits between "-" and "/" in a notation.
    if (!/^[\p{L}\d]{1,10}$/u.test(code)) {
      throw invalid('code', 'Ký hiệu viết tắt gồm 1 đến 10 chữ cái hoặc chữ số, không có dấu cách, ví dụ QĐ hoặc CTr.');
    }
  }

  /**
   * The abbreviation is in every number's notation and picks its counter: while a number was
   * given under it in a running period (this year, this term), changing it would make that
   * series read two ways.
   */
  function requireNoRunningNumbers(type: DocumentType): void {
    for (const org of organisations.list()) {
      if (!applies(type.regime, org)) continue;
      const running = sequences.runningKeys(org);
      for (const [period, top] of sequences.numbersGiven(org, [type.name])) {
        if (!running.has(period) && sequences.isClosed(org, period)) continue;
        throw invalid(
          'code',
          `${org.name} đã cấp đến số ${top} cho ${type.name} (${type.code || 'không ký hiệu'}) trong kỳ đánh số đang chạy; đổi ký hiệu bây giờ làm dãy số ghi hai kiểu. Hãy đổi khi sang ${org.regime === 'state' ? 'năm' : 'nhiệm kỳ'} mới.`,
        );
      }
    }
  }

  function audited(action: string, type: DocumentType, details: Record<string, unknown>, actor: string): void {
    audit.append({
      actor,
      action,
      entity: 'documentType',
      entityId: type.id,
      details: { name: type.name, ...details },
    });
  }

  return {
    add(input: NewDocumentType, actor: string): DocumentType {
      return cache.transaction(() => {
        requireCode(input.code);
        requireFreeName(input.name, input.regime, null);
        cache.invalidate();
        const id = Number(insert.run(input.name, input.code, input.regime).lastInsertRowid);
        const added = get(id);
        audited('documentType.add', added, { code: added.code, regime: added.regime }, actor);
        return added;
      });
    },

    /** Renames a type (only one no entry uses yet) and/or changes its abbreviation. */
    update(
      id: number,
      edit: { name: string; code: string; handlingDays?: number | null | undefined },
      actor: string,
    ): DocumentType {
      return cache.transaction(() => {
        const before = get(id);
        const changes: Record<string, { from: string | number | null; to: string | number | null }> = {};
        if (edit.name !== before.name) {
          requireFreeName(edit.name, before.regime, id);
          const n = usedBy(before);
          if (n > 0) {
            throw invalid(
              'name',
              `Đã có ${n} văn bản mang tên loại "${before.name}"; đổi tên thì các văn bản đó không còn khớp danh mục. Hãy ngừng dùng loại này và thêm loại mới.`,
            );
          }
          cache.invalidate();
          rename.run(edit.name, id);
          changes.name = { from: before.name, to: edit.name };
        }
        if (edit.code !== before.code) {
          requireCode(edit.code);
          requireNoRunningNumbers(before);
          cache.invalidate();
          recode.run(edit.code, id);
          for (const org of organisations.list()) {
            if (applies(before.regime, org)) sequences.renameCode(org, before.code, edit.code);
          }
          changes.code = { from: before.code, to: edit.code };
        }
        if (edit.handlingDays !== undefined && edit.handlingDays !== before.handlingDays) {
          cache.invalidate();
          setHandlingDays.run(edit.handlingDays, id);
          changes.handlingDays = { from: before.handlingDays, to: edit.handlingDays };
        }
        if (Object.keys(changes).length === 0) return before;
        const after = get(id);
        audited('documentType.update', after, changes, actor);
        return after;
      });
    },

    /** Retired types are no longer offered for new entries; those that carry them keep them. */
    setActive(id: number, active: boolean, actor: string): DocumentType {
      return cache.transaction(() => {
        const before = get(id);
        if (before.active === active) return before;
        cache.invalidate();
        setActive.run(active ? 1 : 0, id);
        const after = get(id);
        audited(active ? 'documentType.restore' : 'documentType.retire', after, {}, actor);
        return after;
      });
    },

    /** Deletes a type added by mistake: never a standard one, never one an entry carries. */
    remove(id: number, actor: string): void {
      cache.transaction(() => {
        const type = get(id);
        if (type.builtin) {
          throw new VanThuError(
            'CONFLICT',
            `"${type.name}" là loại văn bản theo quy định nên không xóa được. Nếu cơ quan không dùng, hãy ngừng dùng.`,
          );
        }
        const n = usedBy(type);
        if (n > 0) {
          throw new VanThuError(
            'CONFLICT',
            `Đã có ${n} văn bản thuộc loại "${type.name}" nên không xóa được. Hãy ngừng dùng loại này.`,
          );
        }
        cache.invalidate();
        remove.run(id);
        audited('documentType.remove', type, { code: type.code }, actor);
      });
    },
  };
}

export type TypeAdmin = ReturnType<typeof createTypeAdmin>;
