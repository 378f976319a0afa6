import { useState } from 'react';
import { InstitutionDialog } from '../features/institutions/InstitutionDialog';
import { useI18n } from '../i18n';
import { useInstitutions } from '../stores/institutions';

const NEW = '__new__';

interface Props {
  id?: string;
  value: string;
  onChange: (id: string) => void;
  invalid?: boolean;
  allowEmpty?: boolean;
  ariaLabel?: string;
}

/** Every institution, plus "新建机构…": creating one inline selects it, without leaving the form. */
export const InstitutionPicker = ({ id, value, onChange, invalid, allowEmpty, ariaLabel }: Props) => {
  const { t } = useI18n();
  const all = useInstitutions((s) => s.all);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <select
        id={id}
        value={value}
        aria-label={ariaLabel}
        aria-invalid={invalid}
        onChange={(e) => (e.target.value === NEW ? setCreating(true) : onChange(e.target.value))}
      >
        <option value="">{allowEmpty ? t('common.none') : t('institution.pick')}</option>
        {all.map((i) => (
          <option key={i.id} value={i.id}>
            {i.name}
          </option>
        ))}
        <option value={NEW}>＋ {t('institution.newInline')}</option>
      </select>
      {creating ? (
        <InstitutionDialog
          onClose={() => setCreating(false)}
          onSaved={(saved) => {
            setCreating(false);
            onChange(saved.id);
          }}
        />
      ) : null}
    </>
  );
};
