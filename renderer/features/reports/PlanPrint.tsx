import type { PlanReport } from '../../../electron/shared/contract';
import { call } from '../../api';
import { formatDate } from '../../components/form';
import { useI18n } from '../../i18n';
import { useApp } from '../../stores/app';
import { formatRate } from '../plans/month';
import { PrintView } from './PrintView';

/** A month's plan on paper, for the supervisor's signature. */
const PlanPaper = ({ plan }: { plan: PlanReport }) => {
  const { t, label } = useI18n();
  const [year, month] = plan.month.split('-');
  return (
    <article className="paper" data-testid="plan-paper">
      <header className="title-block">
        <h1>{t('report.planTitle', { agreement: plan.agreementTitle, year, month: Number(month) })}</h1>
        <p>{plan.institution}</p>
      </header>
      <p className="plain">
        {t('report.planStatus', { status: label('planStatus', plan.status) })}
        {plan.submittedBy && plan.submittedAt
          ? `；${t('plan.submittedBy', { by: plan.submittedBy, at: formatDate(plan.submittedAt) })}`
          : ''}
        {plan.reviewedBy && plan.reviewedAt
          ? `；${t('plan.reviewedBy', { by: plan.reviewedBy, at: formatDate(plan.reviewedAt) })}`
          : ''}
      </p>
      <table className="summary-table plan-table">
        <thead>
          <tr>
            <th>{t('report.planCols.no')}</th>
            <th>{t('plan.content')}</th>
            <th>{t('report.planCols.task')}</th>
            <th>{t('plan.department')}</th>
            <th>{t('plan.person')}</th>
            <th>{t('plan.plannedDate')}</th>
            <th>{t('plan.itemStatus')}</th>
            <th>{t('report.planCols.note')}</th>
            <th>{t('report.planCols.activities')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.items.map((i) => (
            <tr key={i.no}>
              <td className="num">{i.no}</td>
              <td>{i.content}</td>
              <td>{i.taskName ?? ''}</td>
              <td>{i.department ?? ''}</td>
              <td>{i.person ?? ''}</td>
              <td>{i.plannedDate ?? ''}</td>
              <td>{label('taskStatus', i.status)}</td>
              <td>{i.completionNote ?? ''}</td>
              <td>
                {i.activities.map((a) => (
                  <div key={`${a.startDate}${a.title}`}>
                    {a.startDate} {a.title}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="plain">
        {t('report.planSummary', {
          planned: plan.progress.planned,
          done: plan.progress.done,
          rate: formatRate(plan.progress.completionRate),
        })}
      </p>
      {plan.reviewNote ? (
        <p className="plain">
          {t('report.reviewNote')}
          {plan.reviewNote}
        </p>
      ) : null}
      <div className="signatures">
        <span>
          {t('report.drafterSign')}
          {plan.drafter ?? ''}
        </span>
        <span>{t('report.reviewerSign')}</span>
        <span>{t('report.signDate')}</span>
      </div>
    </article>
  );
};

export const PlanPrint = ({ agreementId, month }: { agreementId: string; month: string }) => {
  const go = useApp((s) => s.go);
  return (
    <PrintView
      testId="plan-print"
      load={() => call('reports.monthlyPlan', { agreementId, month })}
      loadKey={`${agreementId}:${month}`}
      onBack={() => go({ page: 'plans' })}
      pdf={() => call('reports.planPdf', { agreementId, month })}
      title={(plan) => `${plan.agreementTitle} ${plan.month} 月度工作计划`}
    >
      {(plan) => <PlanPaper plan={plan} />}
    </PrintView>
  );
};
