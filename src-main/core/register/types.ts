/** Document types: editable data, seeded with the standard list of DOMAIN.md. */
import { STANDARD_DOCUMENT_TYPES } from '../../../src-shared/domain/doc-types';
import { foldName } from '../../../src-shared/domain/fold';
import { compareVietnamese } from '../../../src-shared/domain/collate';
import type { Regime } from '../../../src-shared/domain/enums';
import type { DocumentType } from '../../../src-shared/ipc/schemas';
import type { Sqlite } from '../db/open';
import type { ReadCache } from '../db/read-cache';

interface TypeRow extends Omit<DocumentType, 'active' | 'builtin'> {
  active: number;
  builtin: number;
}

export function createDocumentTypes(sqlite: Sqlite, cache: ReadCache) {
  const all = sqlite.prepare(
    'SELECT id, name, code, regime, active, builtin, handling_days AS handlingDays FROM document_types',
  );
  const insert = sqlite.prepare(
    'INSERT OR IGNORE INTO document_types (name, code, regime, builtin) VALUES (?, ?, ?, ?)',
  );

  function list(): DocumentType[] {
    return cache.get('documentTypes', () =>
      (all.all() as TypeRow[])
        .map((r) => ({ ...r, active: r.active === 1, builtin: r.builtin === 1 }))
        .sort((a, b) => compareVietnamese(a.name, b.name) || a.regime.localeCompare(b.regime)),
    );
  }

  /** Types by folded name, for matching what a clerk or an import typed. */
  function byFoldedName(): Map<string, DocumentType[]> {
    return cache.get('documentTypesByName', () => {
      const map = new Map<string, DocumentType[]>();
      for (const t of list()) {
        const key = foldName(t.name);
        map.set(key, [...(map.get(key) ?? []), t]);
      }
      return map;
    });
  }

  return {
    list,

    seedIfEmpty(): void {
      if (sqlite.prepare('SELECT 1 FROM document_types LIMIT 1').get()) return;
      cache.invalidate();
      sqlite.transaction(() => {
        for (const t of STANDARD_DOCUMENT_TYPES) insert.run(t.name, t.code, t.regime, 1);
      })();
    },

    /**
     * The type a name means for an organ of `regime`: its own regime's entry first (Quy định is
     * QĐi for Party organs, QyĐ for state ones), then one for both. Names match without
     * diacritics or case, so an import's "Cong van" finds "Công văn".
     */
    find(name: string, regime: Regime): DocumentType | null {
      const matches = byFoldedName().get(foldName(name)) ?? [];
      return matches.find((t) => t.regime === regime) ?? matches.find((t) => t.regime === 'both') ?? null;
    },

    /** Adds a type an import named but the list lacks; its code is made from its initials. */
    add(name: string): DocumentType {
      const code = foldName(name)
        .split(' ')
        .map((w) => w.charAt(0).toUpperCase())
        .join('');
      cache.invalidate();
      insert.run(name, code, 'both', 0);
      const added = list().find((t) => t.name === name && t.regime === 'both');
      if (!added) throw new Error(`document type ${name} was not added`);
      return added;
    },
  };
}

export type DocumentTypes = ReturnType<typeof createDocumentTypes>;
