import type { ActivityType, OutcomeLevel, Task } from '../../../electron/shared/contract';
import { LIMITS } from '../../../electron/shared/limits';
import { call } from '../../api';
import { SelectField, TextField } from '../../components/Field';
import { useRead } from '../../components/hooks';
import { useI18n } from '../../i18n';
import { enumValues } from '../../i18n/enums';
import { useAgreementOptions } from '../../stores/agreementOptions';
import {
  DETAILS_BY_TYPE,
  NUMBER_DETAILS,
  TEXT_DETAILS,
  numberKind,
  visibleNumbers,
  type ActivityDraft,
} from './activityDraft';

/** The plan item the activity carries out: one of its agreement's items for the month it starts in. */
const PlanItemField = ({
  draft,
  onChange,
  error,
}: {
  draft: ActivityDraft;
  onChange: (id: string) => void;
  error: string | undefined;
}) => {
  const { t } = useI18n();
  const month = /^\d{4}-\d{2}/.exec(draft.startDate)?.[0] ?? null;
  const { data: plan } = useRead(draft.agreementId && month ? `${draft.agreementId}|${month}` : null, () =>
    call('plans.get', { agreementId: draft.agreementId, month: month! }),
  );
  const items = plan?.items ?? [];
  const elsewhere = draft.planItemId !== '' && !items.some((i) => i.id === draft.planItemId);
  return (
    <SelectField
      label={t('activity.planItem')}
      name="activityPlanItem"
      value={draft.planItemId}
      placeholder={items.length || elsewhere ? t('common.none') : t('activity.noPlanItems')}
      options={[
        ...(elsewhere ? [{ value: draft.planItemId, label: t('activity.planItemElsewhere') }] : []),
        ...items.map((i) => ({ value: i.id, label: `${i.content}（${i.status}）` })),
      ]}
      onChange={onChange}
      error={error}
    />
  );
};

/** The activity form's fields: what every activity has, then the figures and details its type is reported by. */
export const ActivityFields = ({
  draft,
  onChange: setDraft,
  tasks,
  err,
}: {
  draft: ActivityDraft;
  onChange: (d: ActivityDraft) => void;
  tasks: Task[];
  err: (field: string) => string | undefined;
}) => {
  const { t, label } = useI18n();
  const agreements = useAgreementOptions((s) => s.options);
  const set =
    <K extends keyof ActivityDraft>(k: K) =>
    (v: ActivityDraft[K]) =>
      setDraft({ ...draft, [k]: v });
  const setNumber = (k: keyof ActivityDraft['numbers']) => (v: string) =>
    setDraft({ ...draft, numbers: { ...draft.numbers, [k]: v } });
  const setDetail = (k: string) => (v: string) =>
    setDraft({ ...draft, details: { ...draft.details, [k]: v } });
  const detailKeys = draft.type === '' ? [] : (DETAILS_BY_TYPE[draft.type] ?? []);
  return (
    <>
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
      <PlanItemField draft={draft} onChange={set('planItemId')} error={err('planItemId')} />
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
    </>
  );
};
