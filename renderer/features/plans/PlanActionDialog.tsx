import { useState } from 'react';
import { Dialog, SaveCancel } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { toFailure, type FormFailure } from '../../components/form';
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
  const [by, setBy] = useState(defaultBy);
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const run = async () => {
    try {
      if (action === 'submit') await submit(by);
      else if (action === 'approve') await approve(by, note);
      else await sendBack(by, note);
      onClose();
    } catch (e) {
      setFailure(toFailure(e, t('common.fixErrors')));
    }
  };
  const title = t(`plan.${action}`);
  return (
    <Dialog
      title={title}
      onClose={onClose}
      onSave={() => void run()}
      footer={
        <SaveCancel onCancel={onClose} onSave={() => void run()} cancel={t('common.cancel')} save={title} />
      }
    >
      <form
        className="grid"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        {failure ? (
          <div className="banner error wide" role="alert">
            {failure.message}
          </div>
        ) : null}
        <TextField
          label={action === 'submit' ? t('plan.by') : t('plan.reviewer')}
          name="planBy"
          value={by}
          onChange={setBy}
          error={failure?.fields.by}
          required
          wide
        />
        {action === 'submit' ? null : (
          <TextField
            label={action === 'return' ? t('plan.returnReason') : t('plan.reviewNote')}
            name="planNote"
            value={note}
            onChange={setNote}
            error={failure?.fields.note}
            required={action === 'return'}
            multiline
            wide
          />
        )}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
};
