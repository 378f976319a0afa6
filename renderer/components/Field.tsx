import { useId, type ReactNode } from 'react';
import { LIMITS } from '../../electron/shared/limits';
import { numberEcho, readNumber, type NumberKind } from '../../electron/shared/numberInput';
import { useI18n } from '../i18n';

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  wide?: boolean;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}

/** A labelled control with its Chinese error message directly beneath it. */
export const Field = ({ label, error, hint, required, wide, children }: FieldProps) => {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={`field${wide ? ' wide' : ''}${error ? ' has-error' : ''}`} data-label={label}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required"> *</span> : null}
      </label>
      {children(id, error ? errorId : undefined)}
      {error ? (
        <div className="field-error" id={errorId} role="alert">
          {error}
        </div>
      ) : hint ? (
        <div className="field-hint">{hint}</div>
      ) : null}
    </div>
  );
};

interface TextProps {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  multiline?: boolean;
  wide?: boolean;
  type?: 'text' | 'date' | 'password';
  inputMode?: 'tel';
  /** A number field: accepts 313人, 1,000, ２５, 2500万, 95%, 第一期, and says what it understood. */
  number?: NumberKind;
  /** Most characters the API accepts; typing stops there, with a counter near it. */
  max?: number;
  placeholder?: string;
  name?: string;
}

/** Shows the counter from this share of the limit on. */
const COUNTER_FROM = 0.8;

/** What a field says under itself when there is no error: its number read back, a question, a counter. */
const useNote = (
  value: string,
  onChange: (v: string) => void,
  number: NumberKind | undefined,
  max: number | undefined,
  hint: string | undefined,
): { note: ReactNode; invalid: string | undefined } => {
  const { t } = useI18n();
  if (number) {
    const r = readNumber(value, number);
    if (r.state === 'invalid') return { note: null, invalid: t('common.notNumber') };
    if (r.state === 'number' && r.percentOf !== undefined)
      return {
        invalid: undefined,
        note: (
          <>
            {t('common.percentOf', { value: r.percentOf })}{' '}
            <button type="button" className="link" onClick={() => onChange(`${r.percentOf}%`)}>
              {t('common.usePercent', { value: r.percentOf })}
            </button>
          </>
        ),
      };
    return { note: numberEcho(value, number) ?? hint, invalid: undefined };
  }
  if (max !== undefined && value.length >= max * COUNTER_FROM)
    return {
      invalid: undefined,
      note: (
        <span className="counter" aria-live="polite">
          {hint ? `${hint} · ` : ''}
          {t('common.counter', { count: value.length, max })}
        </span>
      ),
    };
  return { note: hint, invalid: undefined };
};

export const TextField = ({
  label,
  value,
  onChange,
  error,
  hint,
  required,
  multiline,
  wide,
  type,
  inputMode,
  number,
  max: maxProp,
  placeholder,
  name,
}: TextProps) => {
  const max =
    number || type === 'date' || type === 'password'
      ? undefined
      : (maxProp ?? (multiline ? LIMITS.text : LIMITS.line));
  const { note, invalid } = useNote(value, onChange, number, max, hint);
  return (
    <Field
      label={label}
      error={error ?? invalid}
      required={required ?? false}
      wide={wide ?? false}
      {...(note ? { hint: note } : {})}
    >
      {(id, describedBy) =>
        multiline ? (
          <textarea
            id={id}
            name={name}
            value={value}
            rows={3}
            aria-invalid={!!error}
            aria-describedby={describedBy}
            placeholder={placeholder}
            maxLength={max}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <input
            id={id}
            name={name}
            type={type ?? 'text'}
            value={value}
            inputMode={number ? 'decimal' : inputMode}
            maxLength={max}
            placeholder={placeholder}
            aria-invalid={!!error}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
};

interface SelectProps<V extends string> {
  label: string;
  value: V | '';
  options: { value: V; label: string }[];
  onChange: (v: V) => void;
  error?: string | undefined;
  required?: boolean;
  placeholder?: string;
  name?: string;
}

export const SelectField = <V extends string>({
  label,
  value,
  options,
  onChange,
  error,
  required,
  placeholder,
  name,
}: SelectProps<V>) => (
  <Field label={label} error={error} required={required ?? false}>
    {(id, describedBy) => (
      <select
        id={id}
        name={name}
        value={value}
        aria-invalid={!!error}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value as V)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    )}
  </Field>
);
