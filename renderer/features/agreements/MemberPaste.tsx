import { useState } from 'react';
import type { AgreementDetail } from '../../../electron/shared/contract';
import { useI18n } from '../../i18n';
import { rowKey } from './agreementDraft';
import type { MemberDraft } from './GroupMembers';
import { parseMemberList, type PastedMember } from './memberPaste';

/** The party whose name (or the start of it) the pasted unit names, so the row gets its institution. */
const partyOf = (parties: AgreementDetail['parties'], unit: string): string => {
  const u = unit.trim();
  if (!u) return '';
  return parties.find((p) => p.institutionName === u || p.institutionName.includes(u))?.institutionId ?? '';
};

/**
 * A box to paste a member list into (a notice's lines or a Word/Excel table); the rows it reads are added
 * to the table below for review, roles filled in, before anything is saved.
 */
export const MemberPaste = ({
  parties,
  onAdd,
}: {
  parties: AgreementDetail['parties'];
  onAdd: (rows: MemberDraft[]) => void;
}) => {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [found, setFound] = useState<PastedMember[] | null>(null);
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('group.paste')}
      </button>
    );
  const read = (value: string) => {
    setText(value);
    setFound(value.trim() ? parseMemberList(value) : null);
  };
  const add = () => {
    if (!found?.length) return;
    onAdd(
      found.map((m) => ({
        key: rowKey(),
        groupKind: m.groupKind,
        role: m.role,
        name: m.name,
        post: m.post,
        phone: m.phone,
        institutionId: partyOf(parties, m.institution),
      })),
    );
    setText('');
    setFound(null);
    setOpen(false);
  };
  return (
    <div className="paste-box">
      <label>
        {t('group.pasteLabel')}
        <textarea
          aria-label={t('group.pasteLabel')}
          value={text}
          rows={6}
          placeholder={t('group.pastePlaceholder')}
          onChange={(e) => read(e.target.value)}
        />
      </label>
      {found ? (
        <p className={found.length ? 'muted small' : 'field-error'} role="status">
          {found.length ? t('group.pasteFound', { count: found.length }) : t('group.pasteNone')}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" disabled={!found?.length} onClick={add}>
          {t('group.pasteAdd', { count: found?.length ?? 0 })}
        </button>
      </div>
    </div>
  );
};
