import { LIMITS } from '../../../electron/shared/limits';
import { TextField } from '../../components/Field';
import { InstitutionPicker } from '../../components/InstitutionPicker';
import { rowErrors, type FieldErrors } from '../../components/form';
import { useI18n } from '../../i18n';
import { enumValues } from '../../i18n/enums';
import { rowKey, type PartyDraft, type PhaseDraft } from './agreementDraft';

interface RowsProps<R> {
  rows: R[];
  onChange: (rows: R[]) => void;
  /** The form's field errors; rows pick theirs by path ("parties.1.institutionId"). */
  fields: FieldErrors;
}

const patchRow = <R,>(rows: R[], i: number, patch: Partial<R>): R[] =>
  rows.map((r, j) => (j === i ? { ...r, ...patch } : r));

/** Supporting and receiving parties; 组团式 has several supporters, each with the major it pairs with. */
export const PartiesEditor = ({ rows, onChange, fields }: RowsProps<PartyDraft>) => {
  const { t, label } = useI18n();
  const set = (i: number, patch: Partial<PartyDraft>) => onChange(patchRow(rows, i, patch));
  return (
    <>
      {fields.parties ? (
        <div className="field-error" role="alert">
          {fields.parties}
        </div>
      ) : null}
      <table className="table editable" data-testid="parties">
        <thead>
          <tr>
            <th>{t('agreement.role')}</th>
            <th>{t('agreement.institution')}</th>
            <th>{t('agreement.major')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((p, i) => {
            const e = rowErrors(fields, 'parties', i);
            return (
              <tr key={p.key}>
                <td>
                  <select
                    aria-label={`${t('agreement.role')} ${i + 1}`}
                    value={p.role}
                    onChange={(ev) => set(i, { role: ev.target.value as PartyDraft['role'] })}
                  >
                    {enumValues('partyRole').map((v) => (
                      <option key={v} value={v}>
                        {label('partyRole', v)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <InstitutionPicker
                    ariaLabel={`${t('agreement.institution')} ${i + 1}`}
                    value={p.institutionId}
                    invalid={!!e.institutionId}
                    onChange={(v) => set(i, { institutionId: v })}
                  />
                  {e.institutionId ? <div className="field-error">{e.institutionId}</div> : null}
                </td>
                <td>
                  <input
                    aria-label={`${t('agreement.major')} ${i + 1}`}
                    aria-invalid={!!e.major}
                    maxLength={LIMITS.name}
                    value={p.major}
                    onChange={(ev) => set(i, { major: ev.target.value })}
                  />
                  {e.major ? <div className="field-error">{e.major}</div> : null}
                </td>
                <td className="row-actions">
                  <button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
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
        className="add-row"
        onClick={() => onChange([...rows, { key: rowKey(), institutionId: '', role: '支援方', major: '' }])}
      >
        {t('common.plus')} {t('agreement.addParty')}
      </button>
    </>
  );
};

/** Phases of the agreement (e.g. 2018-09 to 2020-02), each with its own dates. */
export const PhasesEditor = ({ rows, onChange, fields }: RowsProps<PhaseDraft>) => {
  const { t } = useI18n();
  const set = (i: number, patch: Partial<PhaseDraft>) => onChange(patchRow(rows, i, patch));
  return (
    <>
      {fields.phases ? <div className="field-error">{fields.phases}</div> : null}
      {rows.map((p, i) => {
        const e = rowErrors(fields, 'phases', i);
        return (
          <div className="grid phase" key={p.key} data-testid={`phase-${i + 1}`}>
            <TextField
              label={t('agreement.phaseName')}
              value={p.name}
              onChange={(v) => set(i, { name: v })}
              error={e.name}
              required
            />
            <TextField
              label={t('agreement.start')}
              type="date"
              value={p.startDate}
              onChange={(v) => set(i, { startDate: v })}
              error={e.startDate}
              required
            />
            <TextField
              label={t('agreement.end')}
              type="date"
              value={p.endDate}
              onChange={(v) => set(i, { endDate: v })}
              error={e.endDate}
              required
            />
            <TextField
              label={t('agreement.phaseNotes')}
              value={p.notes}
              onChange={(v) => set(i, { notes: v })}
              error={e.notes}
            />
            <div className="phase-remove">
              <button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                {t('common.remove')}
              </button>
            </div>
          </div>
        );
      })}
      <button
        type="button"
        className="add-row"
        onClick={() =>
          onChange([...rows, { key: rowKey(), name: '', startDate: '', endDate: '', notes: '' }])
        }
      >
        {t('common.plus')} {t('agreement.addPhase')}
      </button>
    </>
  );
};
