import type { GroupKind, MemberRole } from '../../../electron/shared/contract';
import { LIMITS } from '../../../electron/shared/limits';
import { InstitutionPicker } from '../../components/InstitutionPicker';
import { rowErrors, type FieldErrors } from '../../components/form';
import { useI18n } from '../../i18n';
import { enumValues } from '../../i18n/enums';
import { kindOfRole } from './memberPaste';

export interface MemberDraft {
  key: string;
  id?: string;
  groupKind: GroupKind;
  name: string;
  role: MemberRole;
  institutionId: string;
  post: string;
  phone: string;
}

/** The members of a revision being edited, one editable row each. */
export const GroupMembers = ({
  members,
  onChange,
  errors,
}: {
  members: MemberDraft[];
  onChange: (members: MemberDraft[]) => void;
  errors: FieldErrors;
}) => {
  const { t, label } = useI18n();
  const setMember = (i: number, patch: Partial<MemberDraft>) =>
    onChange(members.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
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
          const e = rowErrors(errors, 'members', i);
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
                  maxLength={LIMITS.name}
                  value={m.name}
                  onChange={(ev) => setMember(i, { name: ev.target.value })}
                />
                {e.name ? <div className="field-error">{e.name}</div> : null}
              </td>
              <td>
                <select
                  aria-label={`${t('group.role')} ${n}`}
                  value={m.role}
                  onChange={(ev) => {
                    // 办公室主任 / 办公室成员 belong to the office, 组长 / 副组长 to the group.
                    const role = ev.target.value as MemberRole;
                    const groupKind = role === '成员' || role === '联络员' ? m.groupKind : kindOfRole(role);
                    setMember(i, { role, groupKind });
                  }}
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
                  maxLength={LIMITS.name}
                  value={m.post}
                  onChange={(ev) => setMember(i, { post: ev.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`${t('group.phone')} ${n}`}
                  aria-invalid={!!e.phone}
                  inputMode="tel"
                  maxLength={30}
                  value={m.phone}
                  onChange={(ev) => setMember(i, { phone: ev.target.value })}
                />
                {e.phone ? <div className="field-error">{e.phone}</div> : null}
              </td>
              <td className="row-actions">
                <button type="button" onClick={() => onChange(members.filter((_, j) => j !== i))}>
                  {t('common.remove')}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
};
