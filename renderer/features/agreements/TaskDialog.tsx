import type { Task, TaskCategory, TaskStatus } from '../../../electron/shared/contract';
import { LIMITS } from '../../../electron/shared/limits';
import { SelectField, TextField } from '../../components/Field';
import { FormDialog, useFormState } from '../../components/FormDialog';
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
  const {
    values: f,
    bind,
    failure,
    submit,
    dirty,
  } = useFormState({
    name: str(task?.name),
    category: (task?.category ?? '') as TaskCategory | '',
    description: str(task?.description),
    department: str(task?.department),
    responsiblePerson: str(task?.responsiblePerson),
    liaison: str(task?.liaison),
    contact: str(task?.contact),
    year: str(task?.year ?? new Date().getFullYear()),
    yearEnd: str(task?.yearEnd),
    targetText: str(task?.targetText),
    targetValue: str(task?.targetValue),
    targetUnit: str(task?.targetUnit),
    budgetYuan: str(task?.budgetYuan),
    status: (task?.status ?? '未开始') as TaskStatus,
    notes: str(task?.notes),
  });
  const saveTask = useAgreement((s) => s.saveTask);

  const save = async () => {
    const values = { ...f, category: f.category as TaskCategory };
    await submit(async () => {
      await saveTask(agreementId, task?.id ?? null, values);
      onSaved();
    });
  };

  return (
    <FormDialog
      title={task ? t('task.edit') : t('task.new')}
      onClose={onClose}
      onSave={() => void save()}
      failure={failure}
      dirty={dirty}
      wide
    >
      <TextField label={t('task.name')} max={LIMITS.title} name="taskName" {...bind('name')} required wide />
      <SelectField
        label={t('task.category')}
        name="taskCategory"
        placeholder={t('common.choose')}
        options={enumValues('taskCategory').map((v) => ({ value: v, label: label('taskCategory', v) }))}

        {...bind('category')}
        required
      />
      <SelectField
        label={t('task.status')}
        name="taskStatus"
        options={enumValues('taskStatus').map((v) => ({ value: v, label: label('taskStatus', v) }))}

        {...bind('status')}
        required
      />
      <TextField label={t('task.yearFrom')} name="taskYear" number="count" {...bind('year')} required />
      <TextField
        label={t('task.yearTo')}
        name="taskYearEnd"
        number="count"
        hint={t('task.yearToHint')}
        {...bind('yearEnd')}
      />
      <TextField
        label={t('task.department')}
        max={LIMITS.name}
        name="taskDepartment"
        {...bind('department')}
      />
      <TextField label={t('task.responsiblePerson')} max={LIMITS.name} {...bind('responsiblePerson')} />
      <TextField label={t('task.liaison')} {...bind('liaison')} />
      <TextField label={t('task.contact')} name="taskContact" inputMode="tel" {...bind('contact')} />
      <TextField label={t('task.budget')} name="taskBudget" number="yuan" {...bind('budgetYuan')} />
      <TextField label={t('task.targetValue')} number="decimal" {...bind('targetValue')} />
      <TextField label={t('task.targetUnit')} {...bind('targetUnit')} />
      <TextField label={t('task.targetText')} {...bind('targetText')} multiline wide />
      <TextField label={t('task.description')} {...bind('description')} multiline wide />
      <TextField label={t('task.notes')} {...bind('notes')} multiline wide />
    </FormDialog>
  );
};
