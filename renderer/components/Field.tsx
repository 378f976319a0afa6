import { useId, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string;
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
  inputMode?: 'decimal' | 'numeric' | 'tel';
  placeholder?: string;
  name?: string;
}

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
  placeholder,
  name,
}: TextProps) => (
  <Field
    label={label}
    error={error}
    required={required ?? false}
    wide={wide ?? false}
    {...(hint ? { hint } : {})}
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
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          id={id}
          name={name}
          type={type ?? 'text'}
          value={value}
          inputMode={inputMode}
          placeholder={placeholder}
          aria-invalid={!!error}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      )
    }
  </Field>
);

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
