import { call } from '../../api';
import { useRead } from '../../components/hooks';
import { formatDate } from '../../components/form';
import { useI18n } from '../../i18n';

/**
 * The newest full integrity check of the database: opening the app checks only what it reads, and the full
 * check runs in the background (weekly) or from the button beside this. `version` changes after the button.
 */
export const IntegrityStatusLine = ({ version }: { version: number }) => {
  const { t } = useI18n();
  const { data } = useRead(`integrity:${version}`, () => call('maintenance.integrityStatus', {}));
  if (!data) return null;
  const { last, running, everyDays } = data;
  return (
    <p
      className={last && !last.ok ? 'banner error' : 'muted small'}
      data-testid="integrity-status"
      role="status"
    >
      {running
        ? t('settings.integrityRunning')
        : last === null
          ? t('settings.integrityNever', { days: everyDays })
          : last.ok
            ? t('settings.integrityLastOk', { at: formatDate(last.checkedAt), days: everyDays })
            : t('settings.integrityLastBad', {
                at: formatDate(last.checkedAt),
                problems: last.problems.slice(0, 3).join('；'),
              })}
    </p>
  );
};
