import { useEffect, useState } from 'react';
import { LIMITS } from '../../../electron/shared/limits';
import { SelectField, TextField } from '../../components/Field';
import { toFailure, type FormFailure } from '../../components/form';
import { useUnsaved } from '../../components/discard';
import { useHotkeys } from '../../components/hooks';
import { useI18n } from '../../i18n';
import { enumValues, type EnumName } from '../../i18n/enums';
import { useAgreement } from '../../stores/agreement';
import { useAgreementList } from '../../stores/agreements';
import { useApp } from '../../stores/app';
import { draftFrom, emptyDraft, toInput, type AgreementDraft } from './agreementDraft';
import { PartiesEditor, PhasesEditor } from './AgreementRows';

export const AgreementForm = ({ id }: { id?: string | undefined }) => {
  const { t, label } = useI18n();
  const go = useApp((s) => s.go);
  const toast = useApp((s) => s.toast);
  const own = useApp((s) => s.status?.institutionId ?? null);
  const [draft, setDraft] = useState<AgreementDraft | null>(id ? null : emptyDraft(own));
  const [baseline, setBaseline] = useState<string | null>(() => (draft ? JSON.stringify(draft) : null));
  useUnsaved(draft !== null && baseline !== null && JSON.stringify(draft) !== baseline);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useAgreement((s) => s.load);
  const loadError = useAgreement((s) => s.error);
  const saveAgreement = useAgreementList((s) => s.save);

  // The draft starts from what the database holds now, not from a copy that may be stale.
  useEffect(() => {
    if (id)
      void load(id).then((a) => {
        if (!a) return;
        setDraft(draftFrom(a));
        setBaseline(JSON.stringify(draftFrom(a)));
      });
  }, [id, load]);

  const save = async () => {
    if (!draft || busy) return;
    setBusy(true);
    try {
      const saved = await saveAgreement(id, toInput(draft));
      toast(id ? t('common.saved') : t('agreement.created'));
      go({ page: 'agreement', id: saved.id }, { afterSave: true });
    } catch (e) {
      setFailure(toFailure(e, t('common.fixErrors')));
    } finally {
      setBusy(false);
    }
  };
  useHotkeys({ save: () => void save() });

  if (!draft) {
    return loadError ? (
      <div className="page banner error">{loadError}</div>
    ) : (
      <p className="page muted">{t('app.loading')}</p>
    );
  }
  const set =
    <K extends keyof AgreementDraft>(k: K) =>
    (v: AgreementDraft[K]) =>
      setDraft({ ...draft, [k]: v });
  const fields = failure?.fields ?? {};
  const err = (k: string) => fields[k];
  const options = <N extends EnumName>(name: N) =>
    enumValues(name).map((v) => ({ value: v, label: label(name, v) }));

  return (
    <form
      className="page form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="page-head">
        <h1>{id ? t('agreement.edit') : t('agreement.new')}</h1>
        <div className="actions">
          <button type="button" onClick={() => go(id ? { page: 'agreement', id } : { page: 'agreements' })}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy} title="Ctrl+S">
            {t('common.save')}
          </button>
        </div>
      </div>
      {failure ? (
        <div className="banner error" role="alert">
          {failure.message}
        </div>
      ) : null}
      <div className="grid">
        <TextField
          label={t('agreement.title')}
          max={LIMITS.title}
          name="title"
          value={draft.title}
          onChange={set('title')}
          error={err('title')}
          required
          wide
        />
        <SelectField
          label={t('agreement.programType')}
          name="programType"
          value={draft.programType}
          placeholder={t('common.choose')}
          options={options('programType')}
          onChange={set('programType')}
          error={err('programType')}
          required
        />
        <SelectField
          label={t('agreement.deliveryMode')}
          name="deliveryMode"
          value={draft.deliveryMode}
          options={options('deliveryMode')}
          onChange={set('deliveryMode')}
          error={err('deliveryMode')}
          required
        />
        <SelectField
          label={t('agreement.documentForm')}
          name="documentForm"
          value={draft.documentForm}
          options={options('documentForm')}
          onChange={set('documentForm')}
          error={err('documentForm')}
          required
        />
        <SelectField
          label={t('agreement.status')}
          name="status"
          value={draft.status}
          options={options('agreementStatus')}
          onChange={set('status')}
          error={err('status')}
          required
        />
        <TextField
          label={t('agreement.periodStart')}
          name="periodStart"
          value={draft.periodStart}
          onChange={set('periodStart')}
          error={err('periodStart')}
          hint={t('agreement.periodHint')}
          required
        />
        <TextField
          label={t('agreement.periodEnd')}
          name="periodEnd"
          value={draft.periodEnd}
          onChange={set('periodEnd')}
          error={err('periodEnd')}
          hint={t('agreement.periodHint')}
          required
        />
        <TextField
          label={t('agreement.signedDate')}
          name="signedDate"
          type="date"
          value={draft.signedDate}
          onChange={set('signedDate')}
          error={err('signedDate')}
        />
        <TextField
          label={t('agreement.documentNumber')}
          max={LIMITS.short}
          name="documentNumber"
          value={draft.documentNumber}
          onChange={set('documentNumber')}
          error={err('documentNumber')}
        />
        <TextField
          label={t('agreement.budget')}
          name="budgetYuan"
          number="yuan"
          value={draft.budgetYuan}
          onChange={set('budgetYuan')}
          error={err('budgetYuan')}
        />
        <TextField
          label={t('agreement.hostOffice')}
          name="hostOffice"
          value={draft.hostOffice}
          onChange={set('hostOffice')}
          error={err('hostOffice')}
        />
      </div>

      <h2>{t('agreement.parties')}</h2>
      <PartiesEditor rows={draft.parties} onChange={set('parties')} fields={fields} />

      <h2>{t('agreement.phases')}</h2>
      <PhasesEditor rows={draft.phases} onChange={set('phases')} fields={fields} />

      <h2>{t('agreement.texts')}</h2>
      <div className="grid">
        <TextField
          label={t('agreement.policyBasis')}
          name="policyBasis"
          value={draft.policyBasis}
          onChange={set('policyBasis')}
          error={err('policyBasis')}
          multiline
          wide
        />
        <TextField
          label={t('agreement.goals')}
          name="goals"
          value={draft.goals}
          onChange={set('goals')}
          error={err('goals')}
          multiline
          wide
        />
        <TextField
          label={t('agreement.clauses')}
          name="clauses"
          value={draft.clauses}
          onChange={set('clauses')}
          error={err('clauses')}
          multiline
          wide
        />
        <TextField
          label={t('agreement.notes')}
          name="notes"
          value={draft.notes}
          onChange={set('notes')}
          error={err('notes')}
          multiline
          wide
        />
      </div>
    </form>
  );
};
