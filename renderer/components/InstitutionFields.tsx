import type { InstitutionKind } from '../../electron/shared/contract';
import { useI18n } from '../i18n';
import { enumValues } from '../i18n/enums';
import { SelectField, TextField } from './Field';
import type { FieldErrors } from './form';

export interface InstitutionDraft {
  name: string;
  shortName: string;
  kind: InstitutionKind | '';
  region: string;
}

export const institutionDraft = (
  i?: { name: string; shortName: string | null; kind: InstitutionKind; region: string | null },
  name = '',
): InstitutionDraft => ({
  name: i?.name ?? name,
  shortName: i?.shortName ?? '',
  kind: i?.kind ?? '',
  region: i?.region ?? '',
});

/** Name, short name, kind and region: in first-run setup (under "institution.") and in the dialog. */
export const InstitutionFields = ({
  value,
  onChange,
  errors,
  prefix = '',
}: {
  value: InstitutionDraft;
  onChange: (v: InstitutionDraft) => void;
  errors: FieldErrors;
  prefix?: string;
}) => {
  const { t, label } = useI18n();
  const set =
    <K extends keyof InstitutionDraft>(k: K) =>
    (v: InstitutionDraft[K]) =>
      onChange({ ...value, [k]: v });
  return (
    <>
      <TextField
        label={t('institution.name')}
        name="institutionName"
        value={value.name}
        onChange={set('name')}
        error={errors[`${prefix}name`]}
        required
      />
      <TextField
        label={t('institution.shortName')}
        value={value.shortName}
        onChange={set('shortName')}
        error={errors[`${prefix}shortName`]}
      />
      <SelectField
        label={t('institution.kind')}
        name="institutionKind"
        value={value.kind}
        placeholder={t('common.choose')}
        options={enumValues('institutionKind').map((v) => ({ value: v, label: label('institutionKind', v) }))}
        onChange={set('kind')}
        error={errors[`${prefix}kind`]}
        required
      />
      <TextField
        label={t('institution.region')}
        value={value.region}
        onChange={set('region')}
        error={errors[`${prefix}region`]}
      />
    </>
  );
};
