import { useState } from 'react';
import type { GroupKind, GroupRevision, MemberRole } from '../../../electron/shared/contract';
import { Dialog, SaveCancel } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { InstitutionPicker } from '../../components/InstitutionPicker';
import { rowErrors, toFailure, type FormFailure } from '../../components/form';
import { useI18n } from '../../i18n';
import { enumValues } from '../../i18n/enums';
import { useAgreement } from '../../stores/agreement';
import { rowKey } from './agreementDraft';

interface MemberDraft {
  key: string;
  id?: string;
  groupKind: GroupKind;
  name: string;
  role: MemberRole;
  institutionId: string;
  post: string;
  phone: string;
}

interface Props {
  agreementId: string;
  /** The revision to start from; with `correct` it is edited in place, otherwise copied into a new one. */
  base: GroupRevision | null;
  correct: boolean;
  onClose: () => void;
  onSaved: () => void;
}

const today = () => new Date().toISOString().slice(0, 10);

export const GroupEditor = ({ agreementId, base, correct, onClose, onSaved }: Props) => {
  const { t, label } = useI18n();
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
  const saveGroup = useAgreement((s) => s.saveGroup);
  const setMember = (i: number, patch: Partial<MemberDraft>) =>
    setMembers(members.map((m, j) => (j === i ? { ...m, ...patch } : m)));

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

  const footer = (
    <SaveCancel
      onCancel={onClose}
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
            name="approvedBy"
            value={approvedBy}
            onChange={setApprovedBy}
            error={failure?.fields.approvedBy}
          />
          <TextField
            label={t('group.documentNumber')}
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
        <table className="table editable" data-testid="members">
          <thead>
            <tr>
              <th>{t('group.kind')}</th>
              <th>{t('group.name')}</th>
              <th>{t('group.role')}</th>
              <th>{t('group.institution')}</th>
              <th>{t('group.post')}</th>
              <th>{t('group.phone')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {members.map((m, i) => {
              const e = rowErrors(failure?.fields ?? {}, 'members', i);
              const n = i + 1;
              return (
                <tr key={m.key}>
                  <td>
                    <select
                      aria-label={`${t('group.kind')} ${n}`}
                      value={m.groupKind}
                      onChange={(ev) => setMember(i, { groupKind: ev.target.value as GroupKind })}
                    >
                      {enumValues('groupKind').map((v) => (
                        <option key={v} value={v}>
                          {label('groupKind', v)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={`${t('group.name')} ${n}`}
                      aria-invalid={!!e.name}
                      value={m.name}
                      onChange={(ev) => setMember(i, { name: ev.target.value })}
                    />
                    {e.name ? <div className="field-error">{e.name}</div> : null}
                  </td>
                  <td>
                    <select
                      aria-label={`${t('group.role')} ${n}`}
                      value={m.role}
                      onChange={(ev) => setMember(i, { role: ev.target.value as MemberRole })}
                    >
                      {enumValues('memberRole').map((v) => (
                        <option key={v} value={v}>
                          {label('memberRole', v)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <InstitutionPicker
                      ariaLabel={`${t('group.institution')} ${n}`}
                      allowEmpty
                      value={m.institutionId}
                      onChange={(v) => setMember(i, { institutionId: v })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`${t('group.post')} ${n}`}
                      value={m.post}
                      onChange={(ev) => setMember(i, { post: ev.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`${t('group.phone')} ${n}`}
                      aria-invalid={!!e.phone}
                      inputMode="tel"
                      value={m.phone}
                      onChange={(ev) => setMember(i, { phone: ev.target.value })}
                    />
                    {e.phone ? <div className="field-error">{e.phone}</div> : null}
                  </td>
                  <td className="row-actions">
                    <button type="button" onClick={() => setMembers(members.filter((_, j) => j !== i))}>
                      {t('common.remove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
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
          ＋ {t('group.addMember')}
        </button>
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
};
