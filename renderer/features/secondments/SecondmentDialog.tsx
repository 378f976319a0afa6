import { useCallback } from 'react';
import type { Secondment, SecondmentDirection } from '../../../electron/shared/contract';
import { LIMITS } from '../../../electron/shared/limits';
import { call } from '../../api';
import { Field, SelectField, TextField } from '../../components/Field';
import { FormDialog, useFormState } from '../../components/FormDialog';
import { InstitutionPicker } from '../../components/InstitutionPicker';
import { text } from '../../components/form';
import { useI18n } from '../../i18n';
import { enumValues } from '../../i18n/enums';
import { useAgreementOptions, useAgreementWhileUnset } from '../../stores/agreementOptions';
import { monthsBetween } from './months';

interface Props {
  secondment: Secondment | null;
  onClose: () => void;
  onSaved: () => void;
}

export const SecondmentDialog = ({ secondment: s, onClose, onSaved }: Props) => {
  const { t, label } = useI18n();
  const agreements = useAgreementOptions((st) => st.options);
  const {
    values: f,
    set,
    prefill,
    err,
    bind,
    failure,
    submit,
    dirty,
  } = useFormState({
    agreementId: s?.agreementId ?? useAgreementOptions.getState().current,
    person: text(s?.person),
    direction: (s?.direction ?? '') as SecondmentDirection | '',
    homePost: text(s?.homePost),
    hostInstitutionId: text(s?.hostInstitutionId),
    hostPost: text(s?.hostPost),
    startDate: text(s?.startDate),
    endDate: text(s?.endDate),
    months: s?.months === null || s?.months === undefined ? '' : String(s.months),
    scope: text(s?.scope),
    termNo: s?.termNo === null || s?.termNo === undefined ? '' : String(s.termNo),
  });
  useAgreementWhileUnset(
    !s,
    f.agreementId,
    useCallback((agreementId) => prefill({ agreementId }), [prefill]),
  );
  // Typed months win; otherwise the dates say how long the posting is.
  const computed = monthsBetween(f.startDate, f.endDate);
  const save = async () => {
    const input = {
      ...f,
      months: f.months.trim() === '' && computed !== null ? String(computed) : f.months,
      direction: f.direction as SecondmentDirection,
      hostInstitutionId: f.hostInstitutionId || null,
      activityId: s?.activityId ?? null,
    };
    await submit(async () => {
      if (s) await call('secondments.update', { id: s.id, ...input });
      else await call('secondments.create', input);
      onSaved();
    });
  };
  return (
    <FormDialog
      title={s ? t('secondment.edit') : t('secondment.new')}
      onClose={onClose}
      onSave={() => void save()}
      failure={failure}
      dirty={dirty}
      wide
    >
      <SelectField
        label={t('secondment.agreement')}
        placeholder={t('common.choose')}
        options={agreements.map((a) => ({ value: a.id, label: a.title }))}

        {...bind('agreementId')}
        required
      />
      <SelectField
        label={t('secondment.direction')}
        name="secondmentDirection"
        value={f.direction}
        placeholder={t('common.choose')}
        options={enumValues('secondmentDirection').map((v) => ({
          value: v,
          label: label('secondmentDirection', v),
        }))}
        onChange={set('direction')}
        error={err('direction')}
        required
      />
      <TextField
        label={t('secondment.person')}
        max={LIMITS.name}
        name="secondmentPerson"
        {...bind('person')}
        required
      />
      <TextField label={t('secondment.homePost')} max={LIMITS.name} {...bind('homePost')} />
      <Field label={t('secondment.hostInstitution')} error={err('hostInstitutionId')}>
        {(id, describedBy) => (
          <InstitutionPicker
            id={id}
            value={f.hostInstitutionId}
            onChange={set('hostInstitutionId')}
            invalid={!!err('hostInstitutionId')}
            describedBy={describedBy}
            allowEmpty
          />
        )}
      </Field>
      <TextField label={t('secondment.hostPost')} max={LIMITS.name} {...bind('hostPost')} />
      <TextField
        label={t('secondment.startDate')}
        name="secondmentStart"
        type="date"
        {...bind('startDate')}
        required
      />
      <TextField label={t('secondment.endDate')} name="secondmentEnd" type="date" {...bind('endDate')} />
      <TextField
        label={t('secondment.months')}
        number="decimal"
        {...bind('months')}
        {...(computed !== null
          ? { placeholder: String(computed), hint: t('secondment.monthsFromDates', { months: computed }) }
          : {})}
      />
      <TextField label={t('secondment.termNo')} number="count" {...bind('termNo')} />
      <TextField label={t('secondment.scope')} {...bind('scope')} multiline wide />
    </FormDialog>
  );
};
