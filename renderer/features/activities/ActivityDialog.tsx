import { useEffect, useState } from 'react';
import type { Activity, ActivityType, OutcomeLevel, Task } from '../../../electron/shared/contract';
import { LIMITS } from '../../../electron/shared/limits';
import { call } from '../../api';
import { SelectField, TextField } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { toFailure, type FormFailure } from '../../components/form';
import { useI18n } from '../../i18n';
import { enumValues } from '../../i18n/enums';
import { useActivityEditor, type EditorTarget } from '../../stores/activityEditor';
import { useAgreementOptions } from '../../stores/agreementOptions';
import { useApp } from '../../stores/app';
import { AttachmentPanel } from '../attachments/AttachmentPanel';
import {
  DETAILS_BY_TYPE,
  NUMBER_DETAILS,
  TEXT_DETAILS,
  draftOf,
  numberKind,
  toInput,
  visibleNumbers,
  type ActivityDraft,
} from './activityDraft';
import { OutcomePanel } from './OutcomePanel';

/** The one activity dialog, shown while the editor store has a target. */
export const ActivityEditorHost = () => {
  const target = useActivityEditor((s) => s.target);
  if (!target) return null;
  return (
    <ActivityDialog key={target.mode === 'edit' ? target.id : JSON.stringify(target.draft)} target={target} />
  );
};

const ActivityDialog = ({ target }: { target: EditorTarget }) => {
  const { t, label } = useI18n();
  const toast = useApp((s) => s.toast);
  const agreements = useAgreementOptions((s) => s.options);
  const { close, save: saveActivity, remove, restore, openNew, changed } = useActivityEditor();
  const [id, setId] = useState<string | null>(target.mode === 'edit' ? target.id : null);
  const [saved, setSaved] = useState<Activity | null>(null);
  const [draft, setDraft] = useState<ActivityDraft | null>(target.mode === 'new' ? target.draft : null);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [tasks, setTasks] = useState<Task[]>([]);

  useEffect(() => {
    if (target.mode !== 'edit') return;
    call('activities.get', { id: target.id }).then(
      (a) => {
        setSaved(a);
        setDraft(draftOf(a));
      },
      (e: Error) => {
        toast(e.message, { kind: 'error' });
        close();
      },
    );
  }, [target, toast, close]);

  const agreementId = draft?.agreementId ?? '';
  useEffect(() => {
    if (!agreementId) return;
    call('agreements.get', { id: agreementId }).then(
      (a) => setTasks(a.tasks),
      () => setTasks([]),
    );
  }, [agreementId]);

  if (!draft) return null;
  const set =
    <K extends keyof ActivityDraft>(k: K) =>
    (v: ActivityDraft[K]) =>
      setDraft({ ...draft, [k]: v });
  const setNumber = (k: keyof ActivityDraft['numbers']) => (v: string) =>
    setDraft({ ...draft, numbers: { ...draft.numbers, [k]: v } });
  const setDetail = (k: string) => (v: string) =>
    setDraft({ ...draft, details: { ...draft.details, [k]: v } });
  const err = (k: string) => failure?.fields[k];

  const save = async () => {
    try {
      const a = await saveActivity(id, toInput(draft));
      setFailure(null);
      if (id) {
        toast(t('common.saved'));
        close();
      } else {
        // A new record stays open: evidence is added to a saved record, right after saving it.
        setId(a.id);
        setSaved(a);
        setDraft(draftOf(a));
        toast(t('activity.savedAddEvidence'));
      }
    } catch (e) {
      setFailure(toFailure(e, t('common.fixErrors')));
    }
  };

  const duplicate = () => {
    openNew(draft.agreementId, { ...draft });
    toast(t('activity.duplicated'));
  };

  const del = async () => {
    if (!id) return;
    try {
      await remove(id);
      close();
      toast(t('common.deleted', { name: draft.title }), {
        ms: 8000,
        action: {
          label: t('common.undo'),
          run: () => void restore(id).catch((e: Error) => toast(e.message, { kind: 'error' })),
        },
      });
    } catch (e) {
      toast((e as Error).message, { kind: 'error' });
    }
  };

  const detailKeys = draft.type === '' ? [] : (DETAILS_BY_TYPE[draft.type] ?? []);
  const title = id ? t('activity.edit') : t('activity.new');

  return (
    <FormDialog
      title={title}
      onClose={close}
      onSave={() => void save()}
      failure={failure}
      wide
      footer={
        <>
          {id ? (
            <>
              <button type="button" className="danger" onClick={() => void del()}>
                {t('common.delete')}
              </button>
              <button type="button" onClick={duplicate}>
                {t('activity.duplicate')}
              </button>
            </>
          ) : null}
          <span className="spacer" />
          <button type="button" onClick={close}>
            {t('common.close')}
          </button>
          <button type="button" className="primary" onClick={() => void save()}>
            {t('common.save')}
          </button>
        </>
      }
      after={
        id && saved ? (
          <>
            <AttachmentPanel entityTable="activities" entityId={id} onChange={changed} />
            <OutcomePanel agreementId={saved.agreementId} activityId={id} />
          </>
        ) : null
      }
    >
      {target.mode === 'new' && target.planItem && !id ? (
        <div className="banner wide">{t('activity.fromPlan', { content: target.planItem })}</div>
      ) : null}
      <SelectField
        label={t('activity.agreement')}
        name="activityAgreement"
        value={draft.agreementId}
        placeholder={t('common.choose')}
        options={agreements.map((a) => ({ value: a.id, label: a.title }))}
        onChange={(v) => setDraft({ ...draft, agreementId: v, taskId: '', planItemId: '' })}
        error={err('agreementId')}
        required
      />
      <SelectField
        label={t('activity.type')}
        name="activityType"
        value={draft.type}
        placeholder={t('common.choose')}
        options={enumValues('activityType').map((v) => ({ value: v, label: label('activityType', v) }))}
        onChange={(v) => set('type')(v as ActivityType)}
        error={err('type')}
        required
      />
      <TextField
        label={t('activity.title')}
        max={LIMITS.title}
        name="activityTitle"
        value={draft.title}
        onChange={set('title')}
        error={err('title')}
        required
        wide
      />
      <TextField
        label={t('activity.startDate')}
        name="activityStart"
        type="date"
        value={draft.startDate}
        onChange={set('startDate')}
        error={err('startDate')}
        required
      />
      <TextField
        label={t('activity.endDate')}
        name="activityEnd"
        type="date"
        value={draft.endDate}
        onChange={set('endDate')}
        error={err('endDate')}
      />
      <SelectField
        label={t('activity.mode')}
        name="activityMode"
        value={draft.online ? 'online' : 'offline'}
        options={[
          { value: 'offline', label: t('activity.offline') },
          { value: 'online', label: t('activity.online') },
        ]}
        onChange={(v) => set('online')(v === 'online')}
        error={err('online')}
      />
      {draft.online ? (
        <TextField
          label={t('activity.platform')}
          max={LIMITS.name}
          name="activityPlatform"
          value={draft.platform}
          onChange={set('platform')}
          error={err('platform')}
        />
      ) : (
        <TextField
          label={t('activity.place')}
          name="activityPlace"
          value={draft.place}
          onChange={set('place')}
          error={err('place')}
        />
      )}
      <TextField
        label={t('activity.organiser')}
        max={LIMITS.name}
        value={draft.organiser}
        onChange={set('organiser')}
        error={err('organiser')}
      />
      <TextField
        label={t('activity.department')}
        max={LIMITS.name}
        name="activityDepartment"
        value={draft.department}
        onChange={set('department')}
        error={err('department')}
      />
      <SelectField
        label={t('activity.task')}
        name="activityTask"
        value={draft.taskId}
        placeholder={t('common.none')}
        options={tasks.map((x) => ({ value: x.id, label: x.name }))}
        onChange={set('taskId')}
        error={err('taskId')}
      />
      {draft.type === '培训' || draft.type === '送教讲座' || draft.instructors ? (
        <TextField
          label={t('activity.instructors')}
          name="activityInstructors"
          value={draft.instructors}
          onChange={set('instructors')}
          error={err('instructors')}
        />
      ) : null}
      {visibleNumbers(draft).map((k) => (
        <TextField
          key={k}
          label={t(`activity.${k}`)}
          name={`activity-${k}`}
          number={numberKind(k)}
          value={draft.numbers[k]}
          onChange={setNumber(k)}
          error={err(k)}
        />
      ))}
      {detailKeys.map((k) =>
        k === 'level' ? (
          <SelectField
            key={k}
            label={t('activity.level')}
            name="activity-level"
            value={(draft.details[k] ?? '') as OutcomeLevel | ''}
            placeholder={t('common.none')}
            options={enumValues('outcomeLevel').map((v) => ({ value: v, label: label('outcomeLevel', v) }))}
            onChange={setDetail(k)}
            error={err(`details.${k}`)}
          />
        ) : (
          <TextField
            key={k}
            label={t(`activity.${k}`)}
            name={`activity-${k}`}
            value={draft.details[k] ?? ''}
            onChange={setDetail(k)}
            error={err(`details.${k}`)}
            multiline={TEXT_DETAILS.has(k)}
            wide={TEXT_DETAILS.has(k)}
            {...(NUMBER_DETAILS.has(k) ? { number: numberKind(k) } : {})}
          />
        ),
      )}
      <TextField
        label={t('activity.outcome')}
        name="activityOutcome"
        value={draft.outcome}
        onChange={set('outcome')}
        error={err('outcome')}
        multiline
        wide
      />
      <TextField
        label={t('activity.notes')}
        name="activityNotes"
        value={draft.notes}
        onChange={set('notes')}
        error={err('notes')}
        multiline
        wide
      />
    </FormDialog>
  );
};
