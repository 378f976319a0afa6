import { useEffect, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}

/** Modal dialog: Esc closes it, focus moves in on open and back to where it was on close. */
export const Dialog = ({ title, onClose, children, footer, wide }: DialogProps) => {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      before?.focus();
    };
  }, [onClose]);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className={`dialog${wide ? ' wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        ref={ref}
      >
        <header>
          <h2>{title}</h2>
          <button type="button" className="icon" aria-label="关闭" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dialog-body">{children}</div>
        {footer ? <footer>{footer}</footer> : null}
      </div>
    </div>
  );
};

/** The footer every editing dialog has. */
export const SaveCancel = ({
  onCancel,
  onSave,
  cancel,
  save,
}: {
  onCancel: () => void;
  onSave: () => void;
  cancel: string;
  save: string;
}) => (
  <>
    <button type="button" onClick={onCancel}>
      {cancel}
    </button>
    <button type="button" className="primary" onClick={onSave}>
      {save}
    </button>
  </>
);
