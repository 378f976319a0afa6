import { useEffect, useState } from 'react';
import type { Output } from '../../../electron/shared/contract';
import type { RecordState } from '../../../electron/shared/schemas/sync';
import { call } from '../../api';
import { formatDate } from '../../components/form';
import { useI18n } from '../../i18n';
import { useApp } from '../../stores/app';

type Page = Output<'sync.records'>;
const PAGE = 100;
const RECORD_STATES: RecordState[] = ['pending', 'exported', 'acknowledged', 'returned'];

/** Where each record this device changed stands with the department, filterable by state, newest first. */
export const RecordStates = ({
  counts,
  version,
}: {
  counts: Record<RecordState, number>;
  version: number;
}) => {
  const { t } = useI18n();
  const toast = useApp((s) => s.toast);
  const [state, setState] = useState<RecordState | undefined>(undefined);
  const [page, setPage] = useState<Page | null>(null);

  useEffect(() => {
    let live = true;
    call('sync.records', { ...(state ? { state } : {}), limit: PAGE }).then(
      (p) => live && setPage(p),
      (e: Error) => toast(e.message, { kind: 'error' }),
    );
    return () => {
      live = false;
    };
  }, [state, version, toast]);

  const more = async () => {
    if (!page) return;
    const next = await call('sync.records', {
      ...(state ? { state } : {}),
      offset: page.rows.length,
      limit: PAGE,
    });
    setPage({ total: next.total, rows: [...page.rows, ...next.rows] });
  };

  return (
    <section className="section" aria-label={t('sync.records')}>
      <h2>{t('sync.records')}</h2>
      <div className="segmented" role="tablist">
        {[undefined, ...RECORD_STATES].map((s) => (
          <button
            key={s ?? 'all'}
            type="button"
            role="tab"
            aria-selected={state === s}
            className={state === s ? 'active' : undefined}
            onClick={() => setState(s)}
          >
            {s ? t(`sync.states.${s}`) : t('sync.allStates')}{' '}
            <strong data-testid={`records-${s ?? 'all'}`}>
              {s ? counts[s] : RECORD_STATES.reduce((n, k) => n + counts[k], 0)}
            </strong>
          </button>
        ))}
      </div>
      {page && page.rows.length === 0 ? <p className="muted">{t('sync.noRecords')}</p> : null}
      {page && page.rows.length > 0 ? (
        <table className="table compact" aria-label={t('sync.records')}>
          <thead>
            <tr>
              <th>{t('sync.record')}</th>
              <th>{t('sync.table')}</th>
              <th>{t('delivery.state')}</th>
              <th>{t('sync.changedAt')}</th>
              <th>{t('sync.bundleFile')}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr key={`${r.table}:${r.rowId}`}>
                <td>{r.label}</td>
                <td>{t(`sync.tables.${r.table}`, { defaultValue: r.table })}</td>
                <td>
                  <span className={`tag state-${r.state}`}>{t(`sync.states.${r.state}`)}</span>
                  {r.reason ? <div className="small bad">{r.reason}</div> : null}
                </td>
                <td className="small">{formatDate(r.changedAt)}</td>
                <td className="mono small">{r.bundle ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {page && page.rows.length < page.total ? (
        <button type="button" className="link" onClick={() => void more()}>
          {t('sync.more', { shown: page.rows.length, total: page.total })}
        </button>
      ) : null}
    </section>
  );
};
