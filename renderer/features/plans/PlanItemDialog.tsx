import type { PlanItem, Task, TaskStatus } from '../../../electron/shared/contract';
import { SelectField, TextField } from '../../components/Field';
import { FormDialog, useFormState } from '../../components/FormDialog';
import { text } from '../../components/form';
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
  const {
    values: f,
    bind,
    failure,
    submit,
    dirty,
  } = useFormState({
    content: text(item?.content),
    taskId: text(item?.taskId),
    department: text(item?.department),
    person: text(item?.person),
    plannedDate: text(item?.plannedDate),
    status: (item?.status ?? '未开始') as TaskStatus,
    completionNote: text(item?.completionNote),
  });
  const save = async () => {
    await submit(async () => {
      await saveItem(item?.id ?? null, { ...f, taskId: f.taskId || null });
      onClose();
    });
  };
  return (
    <FormDialog
      title={item ? t('plan.editItem') : t('plan.addItem')}
      onClose={onClose}
      onSave={() => void save()}
      failure={failure}
      dirty={dirty}
      wide
    >
      <TextField label={t('plan.content')} name="itemContent" {...bind('content')} required wide />
      <SelectField
        label={t('plan.task')}
        name="itemTask"
        placeholder={t('common.none')}
        options={tasks.map((x) => ({ value: x.id, label: x.name }))}

        {...bind('taskId')}
      />
      <SelectField
        label={t('plan.itemStatus')}
        name="itemStatus"
        options={enumValues('taskStatus').map((v) => ({ value: v, label: label('taskStatus', v) }))}

        {...bind('status')}
        required
      />
      <TextField label={t('plan.department')} name="itemDepartment" {...bind('department')} />
      <TextField label={t('plan.person')} name="itemPerson" {...bind('person')} />
      <TextField label={t('plan.plannedDate')} name="itemDate" type="date" {...bind('plannedDate')} />
      <TextField
        label={t('plan.completionNote')}
        name="itemNote"
        {...bind('completionNote')}
        multiline
        wide
      />
    </FormDialog>
  );
};
