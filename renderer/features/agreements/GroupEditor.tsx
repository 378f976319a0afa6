import { useState } from 'react';
import type { AgreementDetail, GroupRevision } from '../../../electron/shared/contract';
import { LIMITS } from '../../../electron/shared/limits';
import { Dialog, SaveCancel } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { toFailure, type FormFailure } from '../../components/form';
import { useI18n } from '../../i18n';
import { useAgreement } from '../../stores/agreement';
import { rowKey } from './agreementDraft';
import { GroupMembers, type MemberDraft } from './GroupMembers';
import { MemberPaste } from './MemberPaste';

interface Props {
  agreementId: string;
  /** The revision to start from; with `correct` it is edited in place, otherwise copied into a new one. */
  base: GroupRevision | null;
  correct: boolean;
  onClose: () => void;
  onSaved: () => void;
}

const NO_PARTIES: AgreementDetail['parties'] = [];

const today = () => new Date().toISOString().slice(0, 10);

export const GroupEditor = ({ agreementId, base, correct, onClose, onSaved }: Props) => {
  const { t } = useI18n();
  const [revisedOn, setRevisedOn] = useState(correct && base ? base.revisedOn : today());
  const [approvedBy, setApprovedBy] = useState(correct && base ? (base.approvedBy ?? '') : '');
  const [documentNumber, setDocumentNumber] = useState(correct && base ? (base.documentNumber ?? '') : '');
  const [notes, setNotes] = useState(correct && base ? (base.notes ?? '') : '');
  const [members, setMembers] = useState<MemberDraft[]>(
    (base?.members ?? []).map((m) => ({
      key: rowKey(),
      ...(correct ? { id: m.id } : {}),
      groupKind: m.groupKind,
      name: m.name,
      role: m.role,
      institutionId: m.institutionId ?? '',
      post: m.post ?? '',
      phone: m.phone ?? '',
    })),
  );
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const snapshot = () =>
    JSON.stringify([revisedOn, approvedBy, documentNumber, notes, members.map(({ key: _, ...m }) => m)]);
  const [initial] = useState(snapshot);
  const saveGroup = useAgreement((s) => s.saveGroup);
  const parties = useAgreement((s) => (s.detail?.id === agreementId ? s.detail.parties : NO_PARTIES));

  const save = async () => {
    try {
      await saveGroup({
        ...(correct && base ? { id: base.id } : {}),
        agreementId,
        revisedOn,
        approvedBy,
        documentNumber,
        notes,
        members: members.map((m) => ({
          ...(m.id ? { id: m.id } : {}),
          groupKind: m.groupKind,
          name: m.name,
          role: m.role,
          institutionId: m.institutionId || null,
          post: m.post,
          phone: m.phone,
        })),
      });
      onSaved();
    } catch (e) {
      setFailure(toFailure(e, t('common.fixErrors')));
    }
  };

  const footer = (close: () => void) => (
    <SaveCancel
      onCancel={close}
      onSave={() => void save()}
      cancel={t('common.cancel')}
      save={t('common.save')}
    />
  );

  return (
    <Dialog
      title={correct ? t('group.correct') : base ? t('group.revise') : t('group.create')}
      onClose={onClose}
      onSave={() => void save()}
      footer={footer}
      dirty={snapshot() !== initial}
      wide
    >
      {/* A form so that Enter in any field saves, as in every other dialog. */}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {failure ? (
          <div className="banner error" role="alert">
            {failure.message}
          </div>
        ) : null}
        <div className="grid">
          <TextField
            label={t('group.revisedOn')}
            name="revisedOn"
            type="date"
            value={revisedOn}
            onChange={setRevisedOn}
            error={failure?.fields.revisedOn}
            required
          />
          <TextField
            label={t('group.approvedBy')}
            max={LIMITS.line}
            name="approvedBy"
            value={approvedBy}
            onChange={setApprovedBy}
            error={failure?.fields.approvedBy}
          />
          <TextField
            label={t('group.documentNumber')}
            max={LIMITS.short}
            value={documentNumber}
            onChange={setDocumentNumber}
            error={failure?.fields.documentNumber}
          />
          <TextField
            label={t('group.notes')}
            value={notes}
            onChange={setNotes}
            error={failure?.fields.notes}
          />
        </div>
        <h3>{t('group.members')}</h3>
        {failure?.fields.members ? <div className="field-error">{failure.fields.members}</div> : null}
        <GroupMembers members={members} onChange={setMembers} errors={failure?.fields ?? {}} />
        <button
          type="button"
          onClick={() =>
            setMembers([
              ...members,
              {
                key: rowKey(),
                groupKind: '领导小组',
                name: '',
                role: '成员',
                institutionId: '',
                post: '',
                phone: '',
              },
            ])
          }
        >
          {t('common.plus')} {t('group.addMember')}
        </button>
        <MemberPaste
          parties={parties}
          onAdd={(rows) => {
            // Rows nobody has typed into yet make way for the pasted list.
            setMembers([...members.filter((m) => m.name.trim()), ...rows]);
          }}
        />
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
};
