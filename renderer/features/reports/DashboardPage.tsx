import { useEffect, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ActivityType, Dashboard } from '../../../electron/shared/contract';
import { call } from '../../api';
import { YearInput } from '../../components/YearInput';
import { AgreementFilter } from '../../components/AgreementFilter';
import { useI18n } from '../../i18n';
import { useApp } from '../../stores/app';
import { initialFilters, useLedger, type LedgerFilters } from '../../stores/ledger';

// 概览: the year at a glance for one agreement, all of them, or (at the department) one site. Charts are
// SVG (recharts), so they print sharp; animation is off so a printed page never catches a bar mid-way.

/** Distinct, print-safe colours, one per activity type in the order they are counted. */
const PALETTE = [
  '#1f6feb',
  '#d97706',
  '#16a34a',
  '#dc2626',
  '#7c3aed',
  '#0891b2',
  '#be185d',
  '#65a30d',
  '#92400e',
  '#475569',
  '#0d9488',
  '#9333ea',
  '#ca8a04',
];

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

const Panel = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <section className="panel" aria-label={title}>
    <h2>{title}</h2>
    {children}
  </section>
);

export const DashboardPage = () => {
  const { t } = useI18n();
  const toast = useApp((s) => s.toast);
  const mode = useApp((s) => s.status?.mode);
  const [agreementId, setAgreementId] = useState('');
  const [siteId, setSiteId] = useState('');
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [data, setData] = useState<Dashboard | null>(null);

  useEffect(() => {
    if (year < 2000 || year > 2100) return;
    let live = true;
    call('dashboard.get', { agreementId: agreementId || null, siteId: siteId || null, year }).then(
      (d) => live && setData(d),
      (e: Error) => toast(e.message, { kind: 'error' }),
    );
    return () => {
      live = false;
    };
  }, [agreementId, siteId, year, toast]);

  const types = data ? data.byType.map((x) => x.key) : [];
  const months = data
    ? data.byMonth.map((m) => ({ name: t('dashboard.month', { m: m.month }), ...m.counts }))
    : [];
  const completion = data
    ? data.completion.map((c) => ({
        name: t('dashboard.month', { m: c.month }),
        rate: c.rate === null ? null : Number(c.rate.toFixed(1)),
      }))
    : [];
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
      {!data ? (
        <p className="muted">{t('app.loading')}</p>
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
            <Panel title={t('dashboard.byMonth')}>
              {data.activities === 0 ? (
                <p className="muted">{t('dashboard.none')}</p>
              ) : (
                <ResponsiveContainer width="100%" height={260}>
                  <BarChart data={months}>
                    <CartesianGrid strokeDasharray="3 3" vertical={false} />
                    <XAxis dataKey="name" fontSize={12} />
                    <YAxis allowDecimals={false} fontSize={12} />
                    <Tooltip />
                    <Legend />
                    {types.map((type, i) => (
                      <Bar
                        key={type}
                        dataKey={type}
                        stackId="a"
                        fill={PALETTE[i % PALETTE.length]}
                        isAnimationActive={false}
                        cursor="pointer"
                        onClick={(_, index) =>
                          openLedger({ type: type as ActivityType, ...monthRange(index + 1) })
                        }
                      />
                    ))}
                  </BarChart>
                </ResponsiveContainer>
              )}
            </Panel>
            <Panel title={t('dashboard.byType')}>
              {data.byType.length === 0 ? (
                <p className="muted">{t('dashboard.none')}</p>
              ) : (
                <ResponsiveContainer width="100%" height={260}>
                  <BarChart data={data.byType} layout="vertical" margin={{ left: 24 }}>
                    <XAxis type="number" allowDecimals={false} fontSize={12} />
                    <YAxis type="category" dataKey="key" width={96} fontSize={12} />
                    <Tooltip />
                    <Bar
                      dataKey="value"
                      name={t('dashboard.activities')}
                      fill={PALETTE[0]}
                      isAnimationActive={false}
                      cursor="pointer"
                      onClick={(_, index) => openLedger({ type: data.byType[index]!.key as ActivityType })}
                    />
                  </BarChart>
                </ResponsiveContainer>
              )}
            </Panel>
            <Panel title={t('dashboard.completion')}>
              <ResponsiveContainer width="100%" height={220}>
                <LineChart data={completion}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="name" fontSize={12} />
                  <YAxis domain={[0, 100]} fontSize={12} />
                  <Tooltip />
                  <Line
                    dataKey="rate"
                    name={t('dashboard.rate')}
                    stroke={PALETTE[2]}
                    connectNulls
                    isAnimationActive={false}
                  />
                </LineChart>
              </ResponsiveContainer>
            </Panel>
            <Panel title={t('dashboard.money')}>
              <ResponsiveContainer width="100%" height={220}>
                <BarChart
                  data={[
                    { name: t('dashboard.budget'), value: data.money.budgetYuan },
                    { name: t('dashboard.spent'), value: data.money.spentYuan },
                    { name: t('dashboard.donated'), value: data.money.donatedYuan },
                  ]}
                >
                  <XAxis dataKey="name" fontSize={12} />
                  <YAxis fontSize={12} />
                  <Tooltip />
                  <Bar
                    dataKey="value"
                    name={t('dashboard.money')}
                    fill={PALETTE[1]}
                    isAnimationActive={false}
                  />
                </BarChart>
              </ResponsiveContainer>
            </Panel>
            <Panel title={t('dashboard.outcomes')}>
              {data.outcomesByLevel.length === 0 ? (
                <p className="muted">{t('dashboard.none')}</p>
              ) : (
                <ResponsiveContainer width="100%" height={220}>
                  <BarChart data={data.outcomesByLevel}>
                    <XAxis dataKey="key" fontSize={12} />
                    <YAxis allowDecimals={false} fontSize={12} />
                    <Tooltip />
                    <Bar
                      dataKey="value"
                      name={t('dashboard.outcomes')}
                      fill={PALETTE[4]}
                      isAnimationActive={false}
                    />
                  </BarChart>
                </ResponsiveContainer>
              )}
            </Panel>
            <Panel title={t('dashboard.overdue')}>
              {data.overdue.length === 0 ? (
                <p className="muted">{t('dashboard.noOverdue')}</p>
              ) : (
                <ul className="overdue">
                  {data.overdue.map((o) => (
                    <li key={o.id}>
                      <span className="tag warn">{o.status}</span> {o.title}
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
