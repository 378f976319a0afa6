import { useState } from 'react';
import type { Task, TaskCategory, TaskStatus } from '../../../electron/shared/contract';
import { Dialog, SaveCancel } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { toFailure, type FormFailure } from '../../components/form';
import { useI18n } from '../../i18n';
import { enumValues } from '../../i18n/enums';
import { useAgreement } from '../../stores/agreement';

interface Props {
  agreementId: string;
  task: Task | null;
  onClose: () => void;
  onSaved: () => void;
}

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export const TaskDialog = ({ agreementId, task, onClose, onSaved }: Props) => {
  const { t, label } = useI18n();
  const [f, setF] = useState({
    name: str(task?.name),
    category: (task?.category ?? '') as TaskCategory | '',
    description: str(task?.description),
    department: str(task?.department),
    responsiblePerson: str(task?.responsiblePerson),
    liaison: str(task?.liaison),
    contact: str(task?.contact),
    year: str(task?.year ?? new Date().getFullYear()),
    targetText: str(task?.targetText),
    targetValue: str(task?.targetValue),
    targetUnit: str(task?.targetUnit),
    budgetYuan: str(task?.budgetYuan),
    status: (task?.status ?? '未开始') as TaskStatus,
    notes: str(task?.notes),
  });
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const saveTask = useAgreement((s) => s.saveTask);
  const set =
    <K extends keyof typeof f>(k: K) =>
    (v: (typeof f)[K]) =>
      setF({ ...f, [k]: v });
  const err = (k: string) => failure?.fields[k];

  const save = async () => {
    const values = { ...f, category: f.category as TaskCategory };
    try {
      await saveTask(agreementId, task?.id ?? null, values);
      onSaved();
    } catch (e) {
      setFailure(toFailure(e, t('common.fixErrors')));
    }
  };

  return (
    <Dialog
      title={task ? t('task.edit') : t('task.new')}
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
          label={t('task.name')}
          name="taskName"
          value={f.name}
          onChange={set('name')}
          error={err('name')}
          required
          wide
        />
        <SelectField
          label={t('task.category')}
          name="taskCategory"
          value={f.category}
          placeholder={t('common.choose')}
          options={enumValues('taskCategory').map((v) => ({ value: v, label: label('taskCategory', v) }))}
          onChange={set('category')}
          error={err('category')}
          required
        />
        <SelectField
          label={t('task.status')}
          name="taskStatus"
          value={f.status}
          options={enumValues('taskStatus').map((v) => ({ value: v, label: label('taskStatus', v) }))}
          onChange={set('status')}
          error={err('status')}
          required
        />
        <TextField
          label={t('task.year')}
          name="taskYear"
          inputMode="numeric"
          value={f.year}
          onChange={set('year')}
          error={err('year')}
          required
        />
        <TextField
          label={t('task.department')}
          name="taskDepartment"
          value={f.department}
          onChange={set('department')}
          error={err('department')}
        />
        <TextField
          label={t('task.responsiblePerson')}
          value={f.responsiblePerson}
          onChange={set('responsiblePerson')}
          error={err('responsiblePerson')}
        />
        <TextField
          label={t('task.liaison')}
          value={f.liaison}
          onChange={set('liaison')}
          error={err('liaison')}
        />
        <TextField
          label={t('task.contact')}
          name="taskContact"
          inputMode="tel"
          value={f.contact}
          onChange={set('contact')}
          error={err('contact')}
        />
        <TextField
          label={t('task.budget')}
          name="taskBudget"
          inputMode="decimal"
          value={f.budgetYuan}
          onChange={set('budgetYuan')}
          error={err('budgetYuan')}
        />
        <TextField
          label={t('task.targetValue')}
          inputMode="decimal"
          value={f.targetValue}
          onChange={set('targetValue')}
          error={err('targetValue')}
        />
        <TextField
          label={t('task.targetUnit')}
          value={f.targetUnit}
          onChange={set('targetUnit')}
          error={err('targetUnit')}
        />
        <TextField
          label={t('task.targetText')}
          value={f.targetText}
          onChange={set('targetText')}
          error={err('targetText')}
          multiline
          wide
        />
        <TextField
          label={t('task.description')}
          value={f.description}
          onChange={set('description')}
          error={err('description')}
          multiline
          wide
        />
        <TextField
          label={t('task.notes')}
          value={f.notes}
          onChange={set('notes')}
          error={err('notes')}
          multiline
          wide
        />
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
};
