import { useEffect, useState } from 'react';
import { call } from '../../api';
import { Field, SelectField, TextField } from '../../components/Field';
import { InstitutionPicker } from '../../components/InstitutionPicker';
import { rowErrors, toFailure, type FormFailure } from '../../components/form';
import { useHotkeys } from '../../components/hooks';
import { useI18n } from '../../i18n';
import { enumValues, type EnumName } from '../../i18n/enums';
import { useApp } from '../../stores/app';
import {
  draftFrom,
  emptyDraft,
  rowKey,
  toInput,
  type AgreementDraft,
  type PartyDraft,
  type PhaseDraft,
} from './agreementDraft';

export const AgreementForm = ({ id }: { id?: string | undefined }) => {
  const { t, label } = useI18n();
  const go = useApp((s) => s.go);
  const toast = useApp((s) => s.toast);
  const own = useApp((s) => s.status?.institutionId ?? null);
  const [draft, setDraft] = useState<AgreementDraft | null>(id ? null : emptyDraft(own));
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (id)
      void call('agreements.get', { id }).then(
        (a) => setDraft(draftFrom(a)),
        (e: Error) => setFailure({ fields: {}, message: e.message }),
      );
  }, [id]);

  const save = async () => {
    if (!draft || busy) return;
    setBusy(true);
    try {
      const saved = id
        ? await call('agreements.update', { id, ...toInput(draft) })
        : await call('agreements.create', toInput(draft));
      toast(id ? t('common.saved') : t('agreement.created'));
      go({ page: 'agreement', id: saved.id });
    } catch (e) {
      setFailure(toFailure(e, t('common.fixErrors')));
    } finally {
      setBusy(false);
    }
  };
  useHotkeys({ save: () => void save() });

  if (!draft) return <p className="page muted">{failure?.message ?? t('app.loading')}</p>;
  const set =
    <K extends keyof AgreementDraft>(k: K) =>
    (v: AgreementDraft[K]) =>
      setDraft({ ...draft, [k]: v });
  const err = (k: string) => failure?.fields[k];
  const options = <N extends EnumName>(name: N) =>
    enumValues(name).map((v) => ({ value: v, label: label(name, v) }));
  const setParty = (i: number, patch: Partial<PartyDraft>) =>
    set('parties')(draft.parties.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const setPhase = (i: number, patch: Partial<PhaseDraft>) =>
    set('phases')(draft.phases.map((p, j) => (j === i ? { ...p, ...patch } : p)));

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
          name="documentNumber"
          value={draft.documentNumber}
          onChange={set('documentNumber')}
          error={err('documentNumber')}
        />
        <TextField
          label={t('agreement.budget')}
          name="budgetYuan"
          inputMode="decimal"
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

      <h2>{t('agreement.parties')}</h2>
      {err('parties') ? (
        <div className="field-error" role="alert">
          {err('parties')}
        </div>
      ) : null}
      <table className="table editable" data-testid="parties">
        <thead>
          <tr>
            <th>{t('agreement.role')}</th>
            <th>{t('institution.title')}</th>
            <th>{t('agreement.major')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {draft.parties.map((p, i) => {
            const e = rowErrors(failure?.fields ?? {}, 'parties', i);
            return (
              <tr key={p.key}>
                <td>
                  <select
                    aria-label={`${t('agreement.role')} ${i + 1}`}
                    value={p.role}
                    onChange={(ev) => setParty(i, { role: ev.target.value as PartyDraft['role'] })}
                  >
                    {options('partyRole').map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <InstitutionPicker
                    ariaLabel={`${t('institution.title')} ${i + 1}`}
                    value={p.institutionId}
                    invalid={!!e.institutionId}
                    onChange={(v) => setParty(i, { institutionId: v })}
                  />
                  {e.institutionId ? <div className="field-error">{e.institutionId}</div> : null}
                </td>
                <td>
                  <input
                    aria-label={`${t('agreement.major')} ${i + 1}`}
                    value={p.major}
                    onChange={(ev) => setParty(i, { major: ev.target.value })}
                  />
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    onClick={() => set('parties')(draft.parties.filter((_, j) => j !== i))}
                  >
                    {t('common.remove')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() =>
          set('parties')([...draft.parties, { key: rowKey(), institutionId: '', role: '支援方', major: '' }])
        }
      >
        ＋ {t('agreement.addParty')}
      </button>

      <h2>{t('agreement.phases')}</h2>
      {draft.phases.map((p, i) => {
        const e = rowErrors(failure?.fields ?? {}, 'phases', i);
        return (
          <div className="grid phase" key={p.key}>
            <TextField
              label={t('agreement.phaseName')}
              value={p.name}
              onChange={(v) => setPhase(i, { name: v })}
              error={e.name}
              required
            />
            <TextField
              label={t('agreement.start')}
              type="date"
              value={p.startDate}
              onChange={(v) => setPhase(i, { startDate: v })}
              error={e.startDate}
              required
            />
            <TextField
              label={t('agreement.end')}
              type="date"
              value={p.endDate}
              onChange={(v) => setPhase(i, { endDate: v })}
              error={e.endDate}
              required
            />
            <Field label=" ">
              {() => (
                <button type="button" onClick={() => set('phases')(draft.phases.filter((_, j) => j !== i))}>
                  {t('common.remove')}
                </button>
              )}
            </Field>
          </div>
        );
      })}
      <button
        type="button"
        onClick={() =>
          set('phases')([...draft.phases, { key: rowKey(), name: '', startDate: '', endDate: '', notes: '' }])
        }
      >
        ＋ {t('agreement.addPhase')}
      </button>
    </form>
  );
};
