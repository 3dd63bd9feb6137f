/**
 * A modal dialog on the native <dialog>: focus stays inside, Esc closes it. Used to confirm
 * anything that changes the register (UI.md: confirmed first).
 */
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useStrings } from '../i18n';

export interface DialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  busy?: boolean;
  danger?: boolean;
  confirmDisabled?: boolean;
  /** For dialogs with a page preview beside the form. */
  wide?: boolean;
}

export function Dialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
  busy,
  danger,
  confirmDisabled,
  wide,
}: DialogProps) {
  const t = useStrings();
  const ref = useRef<HTMLDialogElement>(null);

  // Modal in the same task as it appears, so dialogIsOpen() is never false for a shown dialog
  // and page shortcuts (Esc) cannot slip past it.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  // A portal keeps the dialog's form out of any form it is opened from (no nested forms).
  return createPortal(
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby="dialog-title"
      // Keys typed in the dialog stay in it (React would bubble them to the page's shortcuts).
      onKeyDown={(e) => e.stopPropagation()}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          e.stopPropagation(); // React bubbles through portals: the outer form must not submit
          if (!busy && !confirmDisabled) onConfirm();
        }}
      >
        <h2 id="dialog-title">{title}</h2>
        <div className="dialog-body">{children}</div>
        <div className="actions">
          <button type="button" onClick={onClose} disabled={busy}>
            {t.document.close}
          </button>
          <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy || confirmDisabled}>
            {busy ? t.app.working : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>,
    document.body,
  );
}

/** True while a modal dialog is open: page-level shortcuts (Esc, arrows) leave it alone. */
export function dialogIsOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}
