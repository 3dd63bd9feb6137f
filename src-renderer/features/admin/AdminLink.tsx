/** The "Quản trị" entry at the foot of the boxes (administrators only); Alt+Q opens it too. */
import { Kbd } from '../../components/Kbd';
import { useStrings } from '../../i18n';

export const ADMIN_SHORTCUT = 'Alt+Q';

export function AdminLink({ active, onSelect }: { active: boolean; onSelect: () => void }) {
  const t = useStrings();
  return (
    <section className="box-group admin-nav">
      <h2>{t.admin.navGroup}</h2>
      <ul>
        <li>
          <button
            type="button"
            className={`box-link${active ? ' active' : ''}`}
            aria-current={active ? 'page' : undefined}
            aria-keyshortcuts={ADMIN_SHORTCUT}
            onClick={onSelect}
          >
            <span className="box-label">{t.admin.nav}</span>
            <Kbd>{ADMIN_SHORTCUT}</Kbd>
          </button>
        </li>
      </ul>
    </section>
  );
}
