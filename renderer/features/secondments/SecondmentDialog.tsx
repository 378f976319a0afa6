import { useState } from 'react';
import type { Secondment, SecondmentDirection } from '../../../electron/shared/contract';
import { call } from '../../api';
import { Dialog, SaveCancel } from '../../components/Dialog';
import { Field, SelectField, TextField } from '../../components/Field';
import { InstitutionPicker } from '../../components/InstitutionPicker';
import { text, toFailure, type FormFailure } from '../../components/form';
import { useI18n } from '../../i18n';
import { enumValues } from '../../i18n/enums';
import { useAgreementOptions } from '../../stores/agreementOptions';

interface Props {
  secondment: Secondment | null;
  onClose: () => void;
  onSaved: () => void;
}

export const SecondmentDialog = ({ secondment: s, onClose, onSaved }: Props) => {
  const { t, label } = useI18n();
  const agreements = useAgreementOptions((st) => st.options);
  const [f, setF] = useState({
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
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const set =
    <K extends keyof typeof f>(k: K) =>
    (v: (typeof f)[K]) =>
      setF({ ...f, [k]: v });
  const err = (k: string) => failure?.fields[k];
  const save = async () => {
    const input = {
      ...f,
      direction: f.direction as SecondmentDirection,
      hostInstitutionId: f.hostInstitutionId || null,
      activityId: s?.activityId ?? null,
    };
    try {
      if (s) await call('secondments.update', { id: s.id, ...input });
      else await call('secondments.create', input);
      onSaved();
    } catch (e) {
      setFailure(toFailure(e, t('common.fixErrors')));
    }
  };
  return (
    <Dialog
      title={s ? t('secondment.edit') : t('secondment.new')}
      onClose={onClose}
      onSave={() => void save()}
      wide
      footer={
        <SaveCancel
          onCancel={onClose}
          onSave={() => void save()}
          cancel={t('common.cancel')}
          save={t('common.save')}
        />
      }
    >
      <form
        className="grid"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {failure ? (
          <div className="banner error wide" role="alert">
            {failure.message}
          </div>
        ) : null}
        <SelectField
          label={t('secondment.agreement')}
          value={f.agreementId}
          placeholder={t('common.choose')}
          options={agreements.map((a) => ({ value: a.id, label: a.title }))}
          onChange={set('agreementId')}
          error={err('agreementId')}
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
          name="secondmentPerson"
          value={f.person}
          onChange={set('person')}
          error={err('person')}
          required
        />
        <TextField
          label={t('secondment.homePost')}
          value={f.homePost}
          onChange={set('homePost')}
          error={err('homePost')}
        />
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
        <TextField
          label={t('secondment.hostPost')}
          value={f.hostPost}
          onChange={set('hostPost')}
          error={err('hostPost')}
        />
        <TextField
          label={t('secondment.startDate')}
          name="secondmentStart"
          type="date"
          value={f.startDate}
          onChange={set('startDate')}
          error={err('startDate')}
          required
        />
        <TextField
          label={t('secondment.endDate')}
          name="secondmentEnd"
          type="date"
          value={f.endDate}
          onChange={set('endDate')}
          error={err('endDate')}
        />
        <TextField
          label={t('secondment.months')}
          inputMode="decimal"
          value={f.months}
          onChange={set('months')}
          error={err('months')}
        />
        <TextField
          label={t('secondment.termNo')}
          inputMode="numeric"
          value={f.termNo}
          onChange={set('termNo')}
          error={err('termNo')}
        />
        <TextField
          label={t('secondment.scope')}
          value={f.scope}
          onChange={set('scope')}
          error={err('scope')}
          multiline
          wide
        />
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
};
