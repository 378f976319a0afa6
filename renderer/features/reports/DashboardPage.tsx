import { useEffect, useState } from 'react';
import { call } from '../../api';
import { useRead } from '../../components/hooks';
import { YearInput } from '../../components/YearInput';
import { AgreementFilter } from '../../components/AgreementFilter';
import { useI18n } from '../../i18n';
import { useApp } from '../../stores/app';
import { initialFilters, useLedger, type LedgerFilters } from '../../stores/ledger';
import { useReportYear } from '../../stores/reportYear';
import { DashboardCharts, Panel } from './DashboardCharts';

// 概览: the year at a glance for one agreement, all of them, or (at the department) one site. Charts are
// SVG (recharts), so they print sharp; animation is off so a printed page never catches a bar mid-way.

const Stat = ({
  label,
  value,
  detail,
  onOpen,
}: {
  label: string;
  value: string;
  detail?: string;
  /** Shows the records behind the figure. */
  onOpen?: () => void;
}) => {
  const body = (
    <>
      <div className="muted small">{label}</div>
      <div className="stat-value">{value}</div>
      {detail ? <div className="muted small">{detail}</div> : null}
    </>
  );
  return onOpen ? (
    <button type="button" className="stat link-card" onClick={onOpen}>
      {body}
    </button>
  ) : (
    <div className="stat">{body}</div>
  );
};

export const DashboardPage = () => {
  const { t, label } = useI18n();
  const mode = useApp((s) => s.status?.mode);
  const [agreementId, setAgreementId] = useState('');
  const [siteId, setSiteId] = useState('');
  const { year: chosen, setYear, settle } = useReportYear();
  useEffect(() => {
    void settle();
  }, [settle]);
  const year = chosen ?? new Date().getFullYear();
  const valid = chosen !== null && year >= 2000 && year <= 2100;
  const { data, error, reload } = useRead(valid ? `${agreementId}|${siteId}|${year}` : null, () =>
    call('dashboard.get', { agreementId: agreementId || null, siteId: siteId || null, year }),
  );
  // Every count leads to the activities behind it: the ledger, filtered to the same agreement and period.
  const go = useApp((s) => s.go);
  const openLedger = (patch: Partial<LedgerFilters>) => {
    useLedger.getState().setFilters({
      ...initialFilters,
      agreementId,
      from: `${year}-01-01`,
      to: `${year}-12-31`,
      ...patch,
    });
    go({ page: 'ledger' });
  };
  const monthRange = (m: number) => {
    const mm = String(m).padStart(2, '0');
    const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
    return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${last}` };
  };
  const coverage = data && data.evidence.total ? (data.evidence.withEvidence / data.evidence.total) * 100 : 0;

  return (
    <div className="page" data-testid="dashboard">
      <div className="page-head">
        <h1>{t('dashboard.title')}</h1>
      </div>
      <div className="filters">
        <AgreementFilter
          label={t('report.scope')}
          allLabel={t('ledger.allAgreements')}
          value={agreementId}
          onChange={setAgreementId}
        />
        {mode === 'department' && data ? (
          <select aria-label={t('dashboard.site')} value={siteId} onChange={(e) => setSiteId(e.target.value)}>
            <option value="">{t('dashboard.allSites')}</option>
            {data.sites.map((s) => (
              <option key={s.siteId} value={s.siteId}>
                {s.name}
              </option>
            ))}
          </select>
        ) : null}
        <YearInput value={year} onChange={setYear} />
      </div>
      {error ? (
        <div className="banner error" role="alert">
          {error}{' '}
          <button type="button" onClick={reload}>
            {t('app.retry')}
          </button>
        </div>
      ) : null}
      {!data ? (
        error ? null : (
          <p className="muted">{t('app.loading')}</p>
        )
      ) : (
        <>
          <div className="stats">
            <Stat
              label={t('dashboard.activities')}
              value={String(data.activities)}
              onOpen={() => openLedger({})}
            />
            <Stat
              label={`${t('dashboard.trained')}（${t('dashboard.teachers')} / ${t('dashboard.students')} / ${t('dashboard.cadres')}）`}
              value={`${data.trained.teachers} / ${data.trained.students} / ${data.trained.cadres}`}
              detail={t('dashboard.sessions', {
                n: data.trained.sessions,
                days: Number(data.trained.days.toFixed(1)),
              })}
            />
            <Stat label={t('dashboard.secondments')} value={String(data.secondmentsInPost)} />
            <Stat
              label={t('dashboard.evidence')}
              value={`${coverage.toFixed(0)}%`}
              detail={t('dashboard.evidenceDetail', {
                with: data.evidence.withEvidence,
                total: data.evidence.total,
              })}
            />
          </div>
          <div className="panels">
            <DashboardCharts data={data} onOpen={openLedger} monthRange={monthRange} />
            <Panel title={t('dashboard.overdue')}>
              {data.overdue.length === 0 ? (
                <p className="muted">{t('dashboard.noOverdue')}</p>
              ) : (
                <ul className="overdue">
                  {data.overdue.map((o) => (
                    <li key={o.id}>
                      <span className="tag warn">{label('taskStatus', o.status)}</span> {o.title}
                      {o.date ? <span className="muted small"> {o.date}</span> : null}
                    </li>
                  ))}
                </ul>
              )}
            </Panel>
          </div>
        </>
      )}
    </div>
  );
};
