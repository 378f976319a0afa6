import { useState } from 'react';
import type { PlanItem, Task, TaskStatus } from '../../../electron/shared/contract';
import { Dialog, SaveCancel } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { text, toFailure, type FormFailure } from '../../components/form';
import { useI18n } from '../../i18n';
import { enumValues } from '../../i18n/enums';
import { usePlan } from '../../stores/plan';

interface Props {
  item: PlanItem | null;
  tasks: Task[];
  onClose: () => void;
}

export const PlanItemDialog = ({ item, tasks, onClose }: Props) => {
  const { t, label } = useI18n();
  const saveItem = usePlan((s) => s.saveItem);
  const [f, setF] = useState({
    content: text(item?.content),
    taskId: text(item?.taskId),
    department: text(item?.department),
    person: text(item?.person),
    plannedDate: text(item?.plannedDate),
    status: (item?.status ?? '未开始') as TaskStatus,
    completionNote: text(item?.completionNote),
  });
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const set =
    <K extends keyof typeof f>(k: K) =>
    (v: (typeof f)[K]) =>
      setF({ ...f, [k]: v });
  const err = (k: string) => failure?.fields[k];
  const save = async () => {
    try {
      await saveItem(item?.id ?? null, { ...f, taskId: f.taskId || null });
      onClose();
    } catch (e) {
      setFailure(toFailure(e, t('common.fixErrors')));
    }
  };
  return (
    <Dialog
      title={item ? t('plan.editItem') : t('plan.addItem')}
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
        <TextField
          label={t('plan.content')}
          name="itemContent"
          value={f.content}
          onChange={set('content')}
          error={err('content')}
          required
          wide
        />
        <SelectField
          label={t('plan.task')}
          name="itemTask"
          value={f.taskId}
          placeholder={t('common.none')}
          options={tasks.map((x) => ({ value: x.id, label: x.name }))}
          onChange={set('taskId')}
          error={err('taskId')}
        />
        <SelectField
          label={t('plan.itemStatus')}
          name="itemStatus"
          value={f.status}
          options={enumValues('taskStatus').map((v) => ({ value: v, label: label('taskStatus', v) }))}
          onChange={set('status')}
          error={err('status')}
          required
        />
        <TextField
          label={t('plan.department')}
          name="itemDepartment"
          value={f.department}
          onChange={set('department')}
          error={err('department')}
        />
        <TextField
          label={t('plan.person')}
          name="itemPerson"
          value={f.person}
          onChange={set('person')}
          error={err('person')}
        />
        <TextField
          label={t('plan.plannedDate')}
          name="itemDate"
          type="date"
          value={f.plannedDate}
          onChange={set('plannedDate')}
          error={err('plannedDate')}
        />
        <TextField
          label={t('plan.completionNote')}
          name="itemNote"
          value={f.completionNote}
          onChange={set('completionNote')}
          error={err('completionNote')}
          multiline
          wide
        />
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
};
