import { useState } from 'react';
import type { Institution, InstitutionKind } from '../../../electron/shared/contract';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { toFailure, text, type FormFailure } from '../../components/form';
import { enumValues } from '../../i18n/enums';
import { useI18n } from '../../i18n';
import { useInstitutions } from '../../stores/institutions';

interface Props {
  institution?: Institution;
  initialName?: string;
  onClose: () => void;
  onSaved: (institution: Institution) => void;
}

export const InstitutionDialog = ({ institution, initialName, onClose, onSaved }: Props) => {
  const { t, label } = useI18n();
  const [name, setName] = useState(institution?.name ?? initialName ?? '');
  const [shortName, setShortName] = useState(text(institution?.shortName));
  const [kind, setKind] = useState<InstitutionKind | ''>(institution?.kind ?? '');
  const [region, setRegion] = useState(text(institution?.region));
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const add = useInstitutions((s) => s.add);

  const save = async () => {
    const values = { name, shortName, kind: kind as InstitutionKind, region };
    try {
      const saved = institution
        ? await call('institutions.update', { id: institution.id, ...values })
        : await call('institutions.create', values);
      add(saved);
      onSaved(saved);
    } catch (e) {
      setFailure(toFailure(e, t('common.fixErrors')));
    }
  };

  return (
    <Dialog
      title={institution ? t('institution.edit') : t('institution.new')}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" onClick={() => void save()}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <form
        className="grid"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {failure ? <div className="banner error">{failure.message}</div> : null}
        <TextField
          label={t('institution.name')}
          name="institution-name"
          value={name}
          onChange={setName}
          error={failure?.fields.name}
          required
        />
        <TextField
          label={t('institution.shortName')}
          value={shortName}
          onChange={setShortName}
          error={failure?.fields.shortName}
        />
        <SelectField
          label={t('institution.kind')}
          name="institution-kind"
          value={kind}
          placeholder={t('common.choose')}
          options={enumValues('institutionKind').map((v) => ({
            value: v,
            label: label('institutionKind', v),
          }))}
          onChange={setKind}
          error={failure?.fields.kind}
          required
        />
        <TextField
          label={t('institution.region')}
          value={region}
          onChange={setRegion}
          error={failure?.fields.region}
        />
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
};
