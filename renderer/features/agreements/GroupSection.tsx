import { useState } from 'react';
import type { GroupRevision } from '../../../electron/shared/contract';
import { useI18n } from '../../i18n';
import { GroupEditor } from './GroupEditor';

const MemberTable = ({ revision }: { revision: GroupRevision }) => {
  const { t, label } = useI18n();
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('group.kind')}</th>
          <th>{t('group.role')}</th>
          <th>{t('group.name')}</th>
          <th>{t('group.institution')}</th>
          <th>{t('group.post')}</th>
          <th>{t('group.phone')}</th>
        </tr>
      </thead>
      <tbody>
        {revision.members.map((m) => (
          <tr key={m.id}>
            <td>{label('groupKind', m.groupKind)}</td>
            <td>{label('memberRole', m.role)}</td>
            <td>{m.name}</td>
            <td>{m.institutionName ?? '—'}</td>
            <td>{m.post ?? '—'}</td>
            <td>{m.phone ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

/** The group in force (newest revision) with its members, and the older revisions kept as history. */
export const GroupSection = ({ agreementId, groups }: { agreementId: string; groups: GroupRevision[] }) => {
  const { t } = useI18n();
  const [editing, setEditing] = useState<'revise' | 'correct' | null>(null);
  const [current, ...history] = groups;
  return (
    <section className="section" aria-label={t('group.title')}>
      <div className="section-head">
        <h2>{t('group.title')}</h2>
        <div className="actions">
          {current ? (
            <button type="button" onClick={() => setEditing('correct')}>
              {t('group.correct')}
            </button>
          ) : null}
          <button type="button" className="primary" onClick={() => setEditing('revise')}>
            {current ? t('group.revise') : t('group.create')}
          </button>
        </div>
      </div>
      {current ? (
        <>
          <p className="muted" data-testid="group-current">
            {t('group.current', { date: current.revisedOn })}
            {current.approvedBy ? ` · ${t('group.approvedLine', { meeting: current.approvedBy })}` : ''}
            {current.documentNumber
              ? ` · ${t('group.documentLine', { number: current.documentNumber })}`
              : ''}
            {current.notes ? ` · ${current.notes}` : ''}
          </p>
          <MemberTable revision={current} />
        </>
      ) : (
        <p className="empty">{t('group.none')}</p>
      )}
      {history.length > 0 ? (
        <details className="history">
          <summary>
            {t('group.history')}（{history.length}）
          </summary>
          {history.map((r) => (
            <div key={r.id}>
              <h3>
                {r.revisedOn}
                {r.approvedBy ? ` · ${t('group.approvedLine', { meeting: r.approvedBy })}` : ''}
                {r.documentNumber ? ` · ${t('group.documentLine', { number: r.documentNumber })}` : ''}
              </h3>
              <MemberTable revision={r} />
            </div>
          ))}
        </details>
      ) : null}
      {editing ? (
        <GroupEditor
          agreementId={agreementId}
          base={current ?? null}
          correct={editing === 'correct'}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      ) : null}
    </section>
  );
};
