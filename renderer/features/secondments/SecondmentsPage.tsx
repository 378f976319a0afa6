import { useState } from 'react';
import type { Secondment } from '../../../electron/shared/contract';
import { call } from '../../api';
import { useAction, useHotkeys, useRead } from '../../components/hooks';
import { AgreementFilter } from '../../components/AgreementFilter';
import { useI18n } from '../../i18n';
import { dayOf } from '../plans/month';
import { SecondmentDialog } from './SecondmentDialog';

/** Who is posted where: by default only those in post on a date (today), else every record. */
export const SecondmentsPage = () => {
  const { t, label } = useI18n();
  const [agreementId, setAgreementId] = useState('');
  const [onlyOn, setOnlyOn] = useState(true);
  const [onDate, setOnDate] = useState(() => dayOf(new Date()));
  const [editing, setEditing] = useState<Secondment | 'new' | null>(null);
  const input = {
    ...(agreementId ? { agreementId } : {}),
    ...(onlyOn && /^\d{4}-\d{2}-\d{2}$/.test(onDate) ? { onDate } : {}),
  };
  // A failed read says so with a retry, instead of leaving the page on 加载中 behind a passing toast.
  const list = useRead(JSON.stringify(input), () => call('secondments.list', input));
  const rows = list.data;
  const { run } = useAction();
  useHotkeys({ new: () => setEditing('new') });

  const remove = async (s: Secondment) => {
    if (
      await run(
        'delete',
        () => call('secondments.delete', { id: s.id }),
        () => t('common.deleted', { name: s.person }),
      )
    )
      list.reload();
  };

  return (
    <div className="page" data-testid="secondments">
      <div className="page-head">
        <h1>{t('secondment.title')}</h1>
        <div className="actions">
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            {t('secondment.new')}
          </button>
        </div>
      </div>
      <div className="filters">
        <AgreementFilter
          label={t('secondment.agreement')}
          allLabel={t('ledger.allAgreements')}
          value={agreementId}
          onChange={setAgreementId}
        />
        <div className="segmented" role="group">
          <button type="button" aria-pressed={onlyOn} onClick={() => setOnlyOn(true)}>
            {t('secondment.now')}
          </button>
          <button type="button" aria-pressed={!onlyOn} onClick={() => setOnlyOn(false)}>
            {t('secondment.all')}
          </button>
        </div>
        {onlyOn ? (
          <label className="inline">
            {t('secondment.onDate')}
            <input type="date" value={onDate} onChange={(e) => setOnDate(e.target.value)} />
          </label>
        ) : null}
      </div>
      {list.error ? (
        <div className="banner error" role="alert">
          {list.error}{' '}
          <button type="button" className="link" onClick={list.reload}>
            {t('app.retry')}
          </button>
        </div>
      ) : null}
      {rows === null ? (
        list.error ? null : (
          <p className="muted">{t('app.loading')}</p>
        )
      ) : rows.length === 0 ? (
        <div className="empty">
          {onlyOn ? t('secondment.noneNow', { date: onDate }) : t('secondment.none')}
        </div>
      ) : (
        <table className="table" aria-label={t('secondment.title')}>
          <thead>
            <tr>
              <th>{t('secondment.person')}</th>
              <th>{t('secondment.direction')}</th>
              <th>{t('secondment.hostInstitution')}</th>
              <th>{t('secondment.hostPost')}</th>
              <th>{t('secondment.startDate')}</th>
              <th>{t('secondment.endDate')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id}>
                <td>
                  <strong>{s.person}</strong>
                  {s.homePost ? <div className="muted small">{s.homePost}</div> : null}
                </td>
                <td>{label('secondmentDirection', s.direction)}</td>
                <td>{s.hostInstitutionName ?? '—'}</td>
                <td>{s.hostPost ?? '—'}</td>
                <td className="nowrap">{s.startDate}</td>
                <td className="nowrap">
                  {s.endDate ??
                    (s.months ? t('secondment.monthsShown', { months: s.months }) : t('secondment.ongoing'))}
                </td>
                <td className="row-actions">
                  <button type="button" className="link" onClick={() => setEditing(s)}>
                    {t('common.edit')}
                  </button>
                  <button type="button" className="link danger" onClick={() => void remove(s)}>
                    {t('common.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing ? (
        <SecondmentDialog
          secondment={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      ) : null}
    </div>
  );
};
