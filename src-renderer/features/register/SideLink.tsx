/** One entry at the foot of the boxes, under its own heading, with its shortcut shown. */
import { Kbd } from '../../components/Kbd';

export interface SideLinkProps {
  group: string;
  label: string;
  shortcut: string;
  active: boolean;
  onSelect: () => void;
  className?: string;
}

export function SideLink({ group, label, shortcut, active, onSelect, className }: SideLinkProps) {
  return (
    <section className={`box-group${className ? ` ${className}` : ''}`}>
      <h2>{group}</h2>
      <ul>
        <li>
          <button
            type="button"
            className={`box-link${active ? ' active' : ''}`}
            aria-current={active ? 'page' : undefined}
            aria-keyshortcuts={shortcut}
            onClick={onSelect}
          >
            <span className="box-label">{label}</span>
            <Kbd>{shortcut}</Kbd>
          </button>
        </li>
      </ul>
    </section>
  );
}
