import { useState } from 'react';
import type { Institution, InstitutionKind } from '../../../electron/shared/contract';
import { Dialog, SaveCancel } from '../../components/Dialog';
import { InstitutionFields, institutionDraft } from '../../components/InstitutionFields';
import { toFailure, type FormFailure } from '../../components/form';
import { useI18n } from '../../i18n';
import { useInstitutions } from '../../stores/institutions';

interface Props {
  institution?: Institution;
  initialName?: string;
  onClose: () => void;
  onSaved: (institution: Institution) => void;
}

export const InstitutionDialog = ({ institution, initialName, onClose, onSaved }: Props) => {
  const { t } = useI18n();
  const [initial] = useState(() => institutionDraft(institution, initialName));
  const [draft, setDraft] = useState(initial);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const saveInstitution = useInstitutions((s) => s.save);

  const save = async () => {
    const values = { ...draft, kind: draft.kind as InstitutionKind };
    try {
      onSaved(await saveInstitution(institution?.id, values));
    } catch (e) {
      setFailure(toFailure(e, t('common.fixErrors')));
    }
  };

  return (
    <Dialog
      title={institution ? t('institution.edit') : t('institution.new')}
      onClose={onClose}
      onSave={() => void save()}
      dirty={JSON.stringify(draft) !== JSON.stringify(initial)}
      footer={(close) => (
        <SaveCancel
          onCancel={close}
          onSave={() => void save()}
          cancel={t('common.cancel')}
          save={t('common.save')}
        />
      )}
    >
      <form
        className="grid"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {failure ? <div className="banner error wide">{failure.message}</div> : null}
        <InstitutionFields value={draft} onChange={setDraft} errors={failure?.fields ?? {}} />
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
};
