/** The "Quản trị" entry at the foot of the boxes (administrators only); Alt+Q opens it too. */
import { useStrings } from '../../i18n';
import { SideLink } from '../register/SideLink';

export const ADMIN_SHORTCUT = 'Alt+Q';

export function AdminLink({ active, onSelect }: { active: boolean; onSelect: () => void }) {
  const t = useStrings();
  return (
    <SideLink
      group={t.admin.navGroup}
      label={t.admin.nav}
      shortcut={ADMIN_SHORTCUT}
      className="side-nav"
      active={active}
      onSelect={onSelect}
    />
  );
}
