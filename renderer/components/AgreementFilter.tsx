import { useAgreementOptions } from '../stores/agreementOptions';

/** Narrows a page to one agreement, or (empty value) all of them. */
export const AgreementFilter = ({
  label,
  allLabel,
  value,
  onChange,
}: {
  label: string;
  allLabel: string;
  value: string;
  onChange: (agreementId: string) => void;
}) => {
  const agreements = useAgreementOptions((s) => s.options);
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{allLabel}</option>
      {agreements.map((a) => (
        <option key={a.id} value={a.id}>
          {a.title}
        </option>
      ))}
    </select>
  );
};
