import { useI18n } from '../i18n';

/** The year a summary covers, within the bounds the API accepts. */
export const YearInput = ({ value, onChange }: { value: number; onChange: (year: number) => void }) => {
  const { t } = useI18n();
  return (
    <label className="inline">
      {t('report.year')}
      <input
        type="number"
        className="year"
        min={2000}
        max={2100}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </label>
  );
};
