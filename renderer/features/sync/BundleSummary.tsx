import type { BundleReport } from '../../../electron/shared/contract';
import { useI18n } from '../../i18n';

const COUNTS = ['new', 'had', 'conflicts', 'parked', 'rejected'] as const;

/** What applying a bundle would do (or did), per table: the dry run a person reads before confirming. */
export const BundleSummary = ({ summary }: { summary: BundleReport['summary'] }) => {
  const { t } = useI18n();
  return (
    <>
      <table className="table compact">
        <thead>
          <tr>
            <th>{t('sync.table')}</th>
            {COUNTS.map((c) => (
              <th key={c}>{t(`sync.${c}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Object.entries(summary.tables).map(([table, counts]) => (
            <tr key={table}>
              <td>{t(`sync.tables.${table}`, { defaultValue: table })}</td>
              {COUNTS.map((c) => (
                <td key={c} className={c === 'rejected' && counts[c] > 0 ? 'bad' : undefined}>
                  {counts[c]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {summary.reasons.length > 0 ? (
        <ul className="reasons" aria-label={t('sync.reasons')}>
          {summary.reasons.map((r) => (
            <li key={r.reason}>
              {r.reason}（{r.count}）
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
};
