import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { confirmDiscard, useUnsaved } from './discard';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** The footer; given the dialog's own close, so its 取消 asks about unsaved changes like Esc and × do. */
  footer?: ReactNode | ((close: () => void) => ReactNode);
  wide?: boolean;
  /** Ctrl/Cmd+S while this is the innermost dialog. */
  onSave?: () => void;
  /** Unsaved changes: closing asks first. */
  dirty?: boolean;
}

/** Open dialogs, innermost last: Esc closes only the innermost (a new institution over a group editor). */
const stack: symbol[] = [];

/** Whether a dialog is open: page shortcuts (Ctrl+N, "/", the page's Ctrl+S) then stay quiet. */
export const dialogOpen = (): boolean => stack.length > 0;

/** Modal dialog: Esc closes it, Ctrl/Cmd+S saves it, focus moves in on open and back on close. */
export const Dialog = ({ title, onClose, children, footer, wide, onSave, dirty = false }: DialogProps) => {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useUnsaved(dirty);
  const attemptClose = () => {
    void confirmDiscard(dirty).then((discard) => discard && onClose());
  };
  const close = useRef(attemptClose);
  const save = useRef(onSave);
  useEffect(() => {
    close.current = attemptClose;
    save.current = onSave;
  });
  useEffect(() => {
    const me = Symbol('dialog');
    stack.push(me);
    const before = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    // Bubble phase, after the focused control: an open picker list handles Esc first and marks it done.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && stack.at(-1) === me) {
        e.preventDefault();
        close.current();
      }
    };
    // Capture phase: the innermost dialog's save wins over the page's, and the browser's "save page".
    const onSaveKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's' && stack.at(-1) === me) {
        e.preventDefault();
        save.current?.();
      }
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('keydown', onSaveKey, true);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keydown', onSaveKey, true);
      stack.splice(stack.indexOf(me), 1);
      before?.focus();
    };
  }, []);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && attemptClose()}>
      <div
        className={`dialog${wide ? ' wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        ref={ref}
      >
        <header>
          <h2>{title}</h2>
          <button type="button" className="icon" aria-label={t('common.close')} onClick={attemptClose}>
            ×
          </button>
        </header>
        <div className="dialog-body">{children}</div>
        {footer ? <footer>{typeof footer === 'function' ? footer(attemptClose) : footer}</footer> : null}
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
