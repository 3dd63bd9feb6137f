import { t } from '../../i18n';
import { PAGE_SIZE } from './listState';

export function Pager({
  offset,
  total,
  onOffset,
}: {
  offset: number;
  total: number;
  onOffset: (offset: number) => void;
}) {
  if (total <= PAGE_SIZE) return null;
  const last = Math.min(offset + PAGE_SIZE, total);
  return (
    <nav className="pager" aria-label={t.list.pageInfo(offset + 1, last, total)}>
      <button type="button" onClick={() => onOffset(Math.max(0, offset - PAGE_SIZE))} disabled={offset === 0}>
        ‹ {t.list.previous}
      </button>
      <span className="pager-info">{t.list.pageInfo(offset + 1, last, total)}</span>
      <button type="button" onClick={() => onOffset(offset + PAGE_SIZE)} disabled={last >= total}>
        {t.list.next} ›
      </button>
    </nav>
  );
}
