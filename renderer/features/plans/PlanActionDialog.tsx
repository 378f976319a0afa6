import { TextField } from '../../components/Field';
import { FormDialog, useFormState } from '../../components/FormDialog';
import { useI18n } from '../../i18n';
import { usePlan } from '../../stores/plan';

export type PlanAction = 'submit' | 'approve' | 'return';

/** Who moves the plan along is recorded with it, so each step asks for a name (and a note for review). */
export const PlanActionDialog = ({
  action,
  defaultBy,
  onClose,
}: {
  action: PlanAction;
  defaultBy: string;
  onClose: () => void;
}) => {
  const { t } = useI18n();
  const { submit, approve, sendBack } = usePlan();
  const form = useFormState({ by: defaultBy, note: '' });
  const { by, note } = form.values;
  const run = () =>
    form.submit(async () => {
      if (action === 'submit') await submit(by);
      else if (action === 'approve') await approve(by, note);
      else await sendBack(by, note);
      onClose();
    });
  const title = t(`plan.${action}`);
  return (
    <FormDialog
      title={title}
      onClose={onClose}
      onSave={() => void run()}
      failure={form.failure}
      dirty={form.dirty}
      saveLabel={title}
    >
      <TextField
        label={action === 'submit' ? t('plan.by') : t('plan.reviewer')}
        name="planBy"
        value={by}
        onChange={form.set('by')}
        error={form.err('by')}
        required
        wide
      />
      {action === 'submit' ? null : (
        <TextField
          label={action === 'return' ? t('plan.returnReason') : t('plan.reviewNote')}
          name="planNote"
          value={note}
          onChange={form.set('note')}
          error={form.err('note')}
          required={action === 'return'}
          multiline
          wide
        />
      )}
    </FormDialog>
  );
};
