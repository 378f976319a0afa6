import { useCallback, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Dialog, SaveCancel } from './Dialog';
import { toFailure, type FormFailure } from './form';

/**
 * A form's values, its last failed save, and `submit`, which runs a save and keeps its failure: the banner
 * line and the message under each field, in Chinese, as the API returned them.
 */
export const useFormState = <T extends object>(initial: T) => {
  const { t } = useI18n();
  const [values, setValues] = useState(initial);
  // What was last loaded or saved: the form is dirty while its values differ from it.
  const [baseline, setBaseline] = useState(initial);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const dirty = JSON.stringify(values) !== JSON.stringify(baseline);
  const set =
    <K extends keyof T>(k: K) =>
    (v: T[K]) =>
      setValues((current) => ({ ...current, [k]: v }));
  /** Values the person did not enter (a default that arrives after the form opened): the form stays clean. */
  const prefill = useCallback((patch: Partial<T>) => {
    setValues((current) => ({ ...current, ...patch }));
    setBaseline((current) => ({ ...current, ...patch }));
  }, []);
  const err = (field: string) => failure?.fields[field];
  /** A field's value, change handler and error message, spread onto a TextField or SelectField. */
  const bind = <K extends keyof T & string>(k: K) => ({ value: values[k], onChange: set(k), error: err(k) });
  const submit = async (save: () => Promise<void>) => {
    try {
      await save();
      setBaseline(values);
      setFailure(null);
    } catch (e) {
      setFailure(toFailure(e, t('common.fixErrors')));
    }
  };
  return { values, set, prefill, err, bind, failure, submit, dirty };
};

interface FormDialogProps {
  title: string;
  onClose: () => void;
  onSave: () => void;
  failure: FormFailure | null;
  children: ReactNode;
  wide?: boolean;
  saveLabel?: string;
  /** Replaces the cancel/save footer; as a function it gets the dialog's close that asks first. */
  footer?: ReactNode | ((close: () => void) => ReactNode);
  /** Shown below the form, inside the dialog (evidence, outcomes). */
  after?: ReactNode;
  /** Unsaved changes: Esc, ×, 取消 and a click beside the dialog ask before closing. */
  dirty?: boolean;
}

/** An editing dialog: a grid form with its failure banner; Enter, Ctrl+S and the save button all save. */
export const FormDialog = ({
  title,
  onClose,
  onSave,
  failure,
  children,
  wide,
  saveLabel,
  footer,
  after,
  dirty = false,
}: FormDialogProps) => {
  const { t } = useI18n();
  return (
    <Dialog
      title={title}
      onClose={onClose}
      onSave={onSave}
      wide={wide ?? false}
      dirty={dirty}
      footer={
        footer ??
        ((close) => (
          <SaveCancel
            onCancel={close}
            onSave={onSave}
            cancel={t('common.cancel')}
            save={saveLabel ?? t('common.save')}
          />
        ))
      }
    >
      <form
        className="grid"
        noValidate
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          onSave();
        }}
      >
        {failure ? (
          <div className="banner error wide" role="alert">
            {failure.message}
          </div>
        ) : null}
        {children}
        <button type="submit" hidden />
      </form>
      {after}
    </Dialog>
  );
};
