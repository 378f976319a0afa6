import { useState } from 'react';
import type { Outcome, OutcomeKind, OutcomeLevel } from '../../../electron/shared/contract';
import { call } from '../../api';
import { SelectField, TextField } from '../../components/Field';
import { useAction, useRead } from '../../components/hooks';
import { FormDialog, useFormState } from '../../components/FormDialog';
import { text } from '../../components/form';
import { useI18n } from '../../i18n';
import { enumValues } from '../../i18n/enums';

interface Props {
  agreementId: string;
  activityId: string;
}

const OutcomeDialog = ({
  agreementId,
  activityId,
  outcome,
  onClose,
  onSaved,
}: Props & { outcome: Outcome | null; onClose: () => void; onSaved: () => void }) => {
  const { t, label } = useI18n();
  const {
    values: f,
    bind,
    failure,
    submit,
    dirty,
  } = useFormState({
    kind: (outcome?.kind ?? '') as OutcomeKind | '',
    title: text(outcome?.title),
    level: (outcome?.level ?? '') as OutcomeLevel | '',
    quantity: String(outcome?.quantity ?? 1),
    date: text(outcome?.date),
    notes: text(outcome?.notes),
  });
  const save = async () => {
    const input = {
      agreementId,
      activityId,
      kind: f.kind as OutcomeKind,
      title: f.title,
      level: f.level === '' ? null : f.level,
      quantity: f.quantity,
      date: f.date,
      notes: f.notes,
    };
    await submit(async () => {
      if (outcome) await call('outcomes.update', { id: outcome.id, ...input });
      else await call('outcomes.create', input);
      onSaved();
    });
  };
  return (
    <FormDialog
      title={outcome ? t('outcome.edit') : t('outcome.new')}
      onClose={onClose}
      onSave={() => void save()}
      failure={failure}
      dirty={dirty}
    >
      <SelectField
        label={t('outcome.kind')}
        name="outcomeKind"
        placeholder={t('common.choose')}
        options={enumValues('outcomeKind').map((v) => ({ value: v, label: label('outcomeKind', v) }))}

        {...bind('kind')}
        required
      />
      <SelectField
        label={t('outcome.level')}
        name="outcomeLevel"
        placeholder={t('common.none')}
        options={enumValues('outcomeLevel').map((v) => ({ value: v, label: label('outcomeLevel', v) }))}

        {...bind('level')}
      />
      <TextField label={t('outcome.name')} name="outcomeTitle" {...bind('title')} required wide />
      <TextField label={t('outcome.quantity')} number="count" {...bind('quantity')} />
      <TextField label={t('outcome.date')} type="date" {...bind('date')} />
      <TextField label={t('outcome.notes')} {...bind('notes')} multiline wide />
    </FormDialog>
  );
};

/** 成果 recorded against one activity: awards, 立项, new majors, papers, certificates. */
export const OutcomePanel = ({ agreementId, activityId }: Props) => {
  const { t, label } = useI18n();
  const [editing, setEditing] = useState<Outcome | 'new' | null>(null);
  const outcomes = useRead(`${agreementId}\u0000${activityId}`, () =>
    call('outcomes.list', { agreementId, activityId }),
  );
  const { run } = useAction();
  const remove = async (o: Outcome) => {
    if (
      await run(
        'delete',
        () => call('outcomes.delete', { id: o.id }),
        () => t('common.deleted', { name: o.title }),
      )
    )
      outcomes.reload();
  };
  return (
    <section className="section" aria-label={t('outcome.title')}>
      <div className="section-head">
        <h3>{t('outcome.title')}</h3>
        <button type="button" onClick={() => setEditing('new')}>
          {t('outcome.new')}
        </button>
      </div>
      {/* Not read yet, or the read failed: "no outcomes" would be untrue. */}
      {outcomes.error ? (
        <div className="banner error" role="alert">
          {outcomes.error}{' '}
          <button type="button" className="link" onClick={outcomes.reload}>
            {t('app.retry')}
          </button>
        </div>
      ) : outcomes.data === null ? (
        <p className="muted">{t('app.loading')}</p>
      ) : outcomes.data.length === 0 ? (
        <p className="muted">{t('outcome.none')}</p>
      ) : (
        <ul className="plain-list">
          {outcomes.data.map((o) => (
            <li key={o.id}>
              <span className="tag">{label('outcomeKind', o.kind)}</span> {o.title}
              {o.level ? ` · ${label('outcomeLevel', o.level)}` : ''}
              {o.quantity > 1 ? ` × ${o.quantity}` : ''}
              {o.date ? ` · ${o.date}` : ''}
              <span className="row-actions">
                <button type="button" className="link" onClick={() => setEditing(o)}>
                  {t('common.edit')}
                </button>
                <button type="button" className="link danger" onClick={() => void remove(o)}>
                  {t('common.delete')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <OutcomeDialog
          agreementId={agreementId}
          activityId={activityId}
          outcome={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            outcomes.reload();
          }}
        />
      ) : null}
    </section>
  );
};
