import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ActivityType, Dashboard } from '../../../electron/shared/contract';
import { useI18n } from '../../i18n';
import type { LedgerFilters } from '../../stores/ledger';
import { moneyText, moneyTick, moneyUnit } from './money';

// The overview's charts. Every category label is drawn (interval 0: recharts would otherwise skip labels it
// thinks crowded, leaving months or types unnamed), and money reads in 万元 once amounts are large.

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

export const Panel = ({ title, children }: { title: string; children: ReactNode }) => (
  <section className="panel" aria-label={title}>
    <h2>{title}</h2>
    {children}
  </section>
);

/** A type's longest name sets the width of the category axis, so no name is cut (Latin letters are narrower). */
const categoryWidth = (names: string[], locale: string) =>
  Math.max(48, (locale === 'en' ? 7.5 : 14) * Math.max(0, ...names.map((n) => n.length)) + 12);

export const DashboardCharts = ({
  data,
  onOpen,
  monthRange,
}: {
  data: Dashboard;
  onOpen: (patch: Partial<LedgerFilters>) => void;
  monthRange: (month: number) => { from: string; to: string };
}) => {
  const { t, label, locale } = useI18n();
  const types = data.byType.map((x) => x.key);
  // Stored terms (培训, 省级) are keys; what the axes and legends show is their name in the current language.
  const byType = data.byType.map((x) => ({ ...x, name: label('activityType', x.key) }));
  const byLevel = data.outcomesByLevel.map((x) => ({ ...x, name: label('outcomeLevel', x.key) }));
  const months = data.byMonth.map((m) => ({ name: t('dashboard.month', { m: m.month }), ...m.counts }));
  const completion = data.completion.map((c) => ({
    name: t('dashboard.month', { m: c.month }),
    rate: c.rate === null ? null : Number(c.rate.toFixed(1)),
  }));
  const money = [
    { name: t('dashboard.budget'), value: data.money.budgetYuan },
    { name: t('dashboard.spent'), value: data.money.spentYuan },
    { name: t('dashboard.donated'), value: data.money.donatedYuan },
  ];
  const moneyMax = Math.max(...money.map((m) => m.value));
  return (
    <>
      <Panel title={t('dashboard.byMonth')}>
        {data.activities === 0 ? (
          <p className="muted">{t('dashboard.none')}</p>
        ) : (
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={months}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" fontSize={11} interval={0} />
              <YAxis allowDecimals={false} fontSize={12} />
              <Tooltip />
              <Legend />
              {types.map((type, i) => (
                <Bar
                  key={type}
                  dataKey={type}
                  name={label('activityType', type)}
                  stackId="a"
                  fill={PALETTE[i % PALETTE.length]}
                  isAnimationActive={false}
                  cursor="pointer"
                  onClick={(_, index) => onOpen({ type: type as ActivityType, ...monthRange(index + 1) })}
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
          <ResponsiveContainer width="100%" height={Math.max(160, 28 * data.byType.length + 40)}>
            <BarChart data={byType} layout="vertical" margin={{ left: 8, right: 32 }}>
              <XAxis type="number" allowDecimals={false} fontSize={12} />
              <YAxis
                type="category"
                dataKey="name"
                width={categoryWidth(
                  byType.map((x) => x.name),
                  locale,
                )}
                fontSize={12}
                interval={0}
              />
              <Tooltip />
              <Bar
                dataKey="value"
                name={t('dashboard.activities')}
                fill={PALETTE[0]}
                isAnimationActive={false}
                cursor="pointer"
                onClick={(_, index) => onOpen({ type: data.byType[index]!.key as ActivityType })}
              >
                <LabelList dataKey="value" position="right" fontSize={12} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        )}
      </Panel>
      <Panel title={t('dashboard.completion')}>
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={completion}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" fontSize={11} interval={0} />
            <YAxis domain={[0, 100]} fontSize={12} unit="%" />
            <Tooltip formatter={(v) => `${String(v)}%`} />
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
          <BarChart data={money} margin={{ top: 20 }}>
            <XAxis dataKey="name" fontSize={12} interval={0} />
            <YAxis
              fontSize={12}
              width={64}
              tickFormatter={moneyTick(moneyMax, locale)}
              label={{
                value: moneyUnit(moneyMax, locale),
                position: 'insideTopLeft',
                offset: -16,
                fontSize: 12,
              }}
            />
            <Tooltip formatter={(v) => moneyText(Number(v), locale)} />
            <Bar dataKey="value" name={t('dashboard.money')} fill={PALETTE[1]} isAnimationActive={false}>
              <LabelList
                dataKey="value"
                position="top"
                fontSize={12}
                formatter={(v: unknown) => moneyText(Number(v), locale)}
              />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </Panel>
      <Panel title={t('dashboard.outcomes')}>
        {data.outcomesByLevel.length === 0 ? (
          <p className="muted">{t('dashboard.none')}</p>
        ) : (
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={byLevel}>
              <XAxis dataKey="name" fontSize={12} interval={0} />
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
    </>
  );
};
