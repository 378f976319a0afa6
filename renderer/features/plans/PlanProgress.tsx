import type { Plan } from '../../../electron/shared/contract';
import { useI18n } from '../../i18n';
import { formatRate } from './month';

/** A month's planned and done items and its completion rate (cancelled items left out). */
export const PlanProgress = ({ plan }: { plan: Plan }) => {
  const { t } = useI18n();
  const { planned, done, completionRate } = plan.progress;
  return (
    <div className="progress-card" data-testid="plan-progress">
      <div>
        <span className="muted">{t('plan.planned')}</span> <strong>{planned}</strong>
      </div>
      <div>
        <span className="muted">{t('plan.done')}</span> <strong>{done}</strong>
      </div>
      <div>
        <span className="muted">{t('plan.rate')}</span>{' '}
        <strong data-testid="plan-rate">{formatRate(completionRate)}</strong>
      </div>
      <progress max={1} value={completionRate ?? 0} aria-label={t('plan.rate')} />
    </div>
  );
};
