/** The boxes on the left, grouped by direction, each with its live count. */
import type { Direction } from '../../../src-shared/domain/enums';
import { useStrings } from '../../i18n';
import { BOXES, directionTitle, type BoxId } from './boxes';
import type { BoxCounts } from './useRegisterData';
import { AdminLink } from '../admin/AdminLink';
import { PRINT_SHORTCUT } from '../books/BookView';
import { SideLink } from './SideLink';
import { REPORTS_SHORTCUT } from '../reports/ReportView';

export interface SidebarProps {
  activeBox: BoxId | null;
  counts: BoxCounts;
  onSelect: (id: BoxId) => void;
  /** "Chờ tiếp nhận": documents received through the inbox server, not yet registered. */
  waiting: { count: number | undefined; active: boolean; onSelect: () => void };
  /** "Quản trị", for administrators only (UI.md "Layout"). */
  admin?: { active: boolean; onSelect: () => void } | undefined;
  /** "Sổ đăng ký › In sổ", for those who keep or read the registers. */
  books?: { active: boolean; onSelect: () => void } | undefined;
  /** Tìm đã lưu: searches kept under a name, shown again with a click. */
  saved?: { names: string[]; onApply: (name: string) => void; onRemove: (name: string) => void } | undefined;
  /** "Báo cáo", for the same people. */
  reports?: { active: boolean; onSelect: () => void } | undefined;
}

const DIRECTIONS: readonly Direction[] = ['in', 'out'];

export function Sidebar({ activeBox, counts, onSelect, waiting, admin, books, reports, saved }: SidebarProps) {
  const t = useStrings();
  return (
    <nav className="sidebar" aria-label={t.boxes.navLabel}>
      {DIRECTIONS.map((direction) => (
        <section key={direction} className="box-group">
          <h2>{directionTitle(direction, t)}</h2>
          <ul>
            {direction === 'in' && (
              <li>
                <button
                  type="button"
                  className={`box-link${waiting.active ? ' active' : ''}${waiting.count ? ' has-waiting' : ''}`}
                  aria-current={waiting.active ? 'page' : undefined}
                  onClick={waiting.onSelect}
                >
                  <span className="box-label">{t.boxes.waiting}</span>
                  <span
                    className="box-count"
                    aria-label={waiting.count === undefined ? undefined : t.list.count(waiting.count)}
                  >
                    {waiting.count ?? '…'}
                  </span>
                </button>
              </li>
            )}
            {BOXES.filter((b) => b.direction === direction).map((box) => {
              const count = counts[box.id];
              return (
                <li key={box.id}>
                  <button
                    type="button"
                    // Overdue work is shown red, like waiting arrivals: it needs someone now.
                    className={`box-link${activeBox === box.id ? ' active' : ''}${box.alarm && count ? ' has-waiting' : ''}`}
                    aria-current={activeBox === box.id ? 'page' : undefined}
                    onClick={() => onSelect(box.id)}
                  >
                    <span className="box-label">{t.boxes[box.label]}</span>
                    <span className="box-count" aria-label={count === undefined ? undefined : t.list.count(count)}>
                      {count ?? '…'}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {saved && saved.names.length > 0 && (
        <section className="box-group saved-searches">
          <h2>{t.saved.group}</h2>
          <ul>
            {saved.names.map((name) => (
              <li key={name} className="saved-search">
                <button type="button" className="box-link" onClick={() => saved.onApply(name)}>
                  <span className="box-label">{name}</span>
                </button>
                <button
                  type="button"
                  className="saved-remove"
                  aria-label={t.saved.remove(name)}
                  onClick={() => saved.onRemove(name)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {books && (
        <SideLink
          group={t.books.navGroup}
          label={t.books.nav}
          shortcut={PRINT_SHORTCUT}
          className="side-nav"
          {...books}
        />
      )}
      {reports && (
        <SideLink
          group={t.reports.nav}
          label={t.reports.link}
          shortcut={REPORTS_SHORTCUT}
          className="side-nav"
          {...reports}
        />
      )}
      {admin && <AdminLink {...admin} />}
    </nav>
  );
}
