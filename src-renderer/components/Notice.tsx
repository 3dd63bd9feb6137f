/** A message box: errors are announced at once, other notices politely. */
import type { ReactNode } from 'react';
import { useStrings } from '../i18n';

export type NoticeKind = 'error' | 'warning' | 'success' | 'info';

export interface NoticeProps {
  kind: NoticeKind;
  title?: string;
  children: ReactNode;
  onClose?: () => void;
}

export function Notice({ kind, title, children, onClose }: NoticeProps) {
  const t = useStrings();
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <div className="notice-body">
        {title && <strong className="notice-title">{title}</strong>}
        {children}
      </div>
      {onClose && (
        <button
          type="button"
          className="notice-close"
          onClick={onClose}
          aria-label={t.document.close}
          title={t.document.close}
        >
          ×
        </button>
      )}
    </div>
  );
}
