import { useEffect, useState } from 'react';
import type { PlanItem, TaskStatus } from '../../../electron/shared/contract';
import { call } from '../../api';
import { formatDate } from '../../components/form';
import { useAction, useHotkeys, useRead } from '../../components/hooks';
import { useI18n } from '../../i18n';
import { useActivityEditor } from '../../stores/activityEditor';
import { useAgreementOptions } from '../../stores/agreementOptions';
import { useApp } from '../../stores/app';
import { usePlan } from '../../stores/plan';
import { activityDateFor, isMonth, shiftMonth } from './month';
import { PlanActionDialog, type PlanAction } from './PlanActionDialog';
import { PlanItems } from './PlanItems';
import { PlanProgress } from './PlanProgress';
import { PlanItemDialog } from './PlanItemDialog';

/** One agreement's plan for one month: items, their status and activities, and the review workflow. */
export const PlansPage = () => {
  const { t, label } = useI18n();
  const toast = useApp((s) => s.toast);
  const go = useApp((s) => s.go);
  const { options, loaded, current, choose } = useAgreementOptions();
  const { month, plan, loading, error, setMonth, load, create, copyUnfinished, saveItem, deleteItem } =
    usePlan();
  const openNew = useActivityEditor((s) => s.openNew);
  const version = useActivityEditor((s) => s.version);
  const [monthText, setMonthText] = useState(month);
  const [editing, setEditing] = useState<PlanItem | 'new' | null>(null);
  const [action, setAction] = useState<PlanAction | null>(null);
  // The item dialog's task choices: the chosen agreement's, never a previous agreement's late answer.
  const tasks = useRead(current || null, () => call('agreements.get', { id: current })).data?.tasks ?? [];

  useEffect(() => {
    if (current) void load(current);
  }, [current, month, version, load]);

  const editable = plan !== null && (plan.status === '草稿' || plan.status === '已退回');
  useHotkeys({ new: () => editable && setEditing('new') });

  const goMonth = (m: string) => {
    setMonthText(m);
    if (isMonth(m)) setMonth(m);
  };
  const { run } = useAction();
  const guard = (f: () => Promise<unknown>) => run('plan', f);
  const setStatus = (item: PlanItem, status: TaskStatus) =>
    guard(() =>
      saveItem(item.id, {
        content: item.content,
        taskId: item.taskId,
        department: item.department,
        person: item.person,
        plannedDate: item.plannedDate,
        status,
        completionNote: item.completionNote,
      }),
    );
  const recordActivity = (item: PlanItem) =>
    openNew(
      current,
      {
        title: item.content,
        taskId: item.taskId ?? '',
        planItemId: item.id,
        department: item.department ?? '',
        startDate: activityDateFor(month, item.plannedDate),
      },
      item.content,
    );

  if (loaded && options.length === 0) return <div className="page empty">{t('plan.pickAgreement')}</div>;

  return (
    <div className="page" data-testid="plans">
      <div className="page-head">
        <h1>{t('plan.title')}</h1>
      </div>
      <div className="filters">
        <select aria-label={t('plan.agreement')} value={current} onChange={(e) => choose(e.target.value)}>
          {options.map((a) => (
            <option key={a.id} value={a.id}>
              {a.title}
            </option>
          ))}
        </select>
        <button
          type="button"
          aria-label={t('plan.previousMonth')}
          onClick={() => goMonth(shiftMonth(month, -1))}
        >
          ‹
        </button>
        <input
          type="month"
          aria-label={t('plan.month')}
          value={monthText}
          onChange={(e) => goMonth(e.target.value)}
        />
        <button type="button" aria-label={t('plan.nextMonth')} onClick={() => goMonth(shiftMonth(month, 1))}>
          ›
        </button>
      </div>
      {error ? <div className="banner error">{error}</div> : null}
      {!plan ? (
        loading ? (
          <p className="muted">{t('app.loading')}</p>
        ) : (
          <div className="empty">
            <p>{t('plan.none', { month })}</p>
            <div className="actions">
              <button type="button" className="primary" onClick={() => void guard(() => create(current, ''))}>
                {t('plan.create')}
              </button>
              <button
                type="button"
                onClick={() =>
                  void guard(async () =>
                    toast(t('plan.copied', { count: await copyUnfinished(current, shiftMonth(month, -1)) })),
                  )
                }
              >
                {t('plan.copyUnfinished')}
              </button>
            </div>
          </div>
        )
      ) : (
        <>
          <section className="section">
            <div className="section-head">
              <h2>
                {month}{' '}
                <span className={`tag plan-${plan.status}`} data-testid="plan-status">
                  {label('planStatus', plan.status)}
                </span>
              </h2>
              <div className="actions">
                {editable ? (
                  <>
                    <button
                      type="button"
                      onClick={() =>
                        void guard(async () =>
                          toast(
                            t('plan.copied', { count: await copyUnfinished(current, shiftMonth(month, -1)) }),
                          ),
                        )
                      }
                    >
                      {t('plan.copyUnfinished')}
                    </button>
                    <button type="button" onClick={() => setAction('submit')}>
                      {t('plan.submit')}
                    </button>
                  </>
                ) : null}
                {plan.status === '已提交' ? (
                  <button type="button" onClick={() => setAction('approve')}>
                    {t('plan.approve')}
                  </button>
                ) : null}
                {plan.status === '已提交' || plan.status === '已审核' ? (
                  <button type="button" onClick={() => setAction('return')}>
                    {t('plan.return')}
                  </button>
                ) : null}
                <button type="button" onClick={() => go({ page: 'planPrint', agreementId: current, month })}>
                  {t('report.planPrint')}
                </button>
              </div>
            </div>
            <PlanProgress plan={plan} />
            <ul className="plain-list muted small">
              {plan.submittedBy && plan.submittedAt ? (
                <li>{t('plan.submittedBy', { by: plan.submittedBy, at: formatDate(plan.submittedAt) })}</li>
              ) : null}
              {plan.reviewedBy && plan.reviewedAt ? (
                <li>
                  {plan.status === '已退回'
                    ? t('plan.returnedBy', {
                        by: plan.reviewedBy,
                        at: formatDate(plan.reviewedAt),
                        note: plan.reviewNote ?? '',
                      })
                    : t('plan.reviewedBy', { by: plan.reviewedBy, at: formatDate(plan.reviewedAt) })}
                </li>
              ) : null}
            </ul>
            {plan.status === '已提交' ? <div className="banner">{t('plan.readOnly')}</div> : null}
            {plan.status === '已审核' ? <div className="banner">{t('plan.approvedNote')}</div> : null}
          </section>
          <PlanItems
            plan={plan}
            agreementId={current}
            editable={editable}
            onAdd={() => setEditing('new')}
            onEdit={setEditing}
            onStatus={(item, status) => void setStatus(item, status)}
            onRecord={recordActivity}
            onDelete={(item) => void guard(() => deleteItem(item.id))}
          />
        </>
      )}
      {editing ? (
        <PlanItemDialog
          item={editing === 'new' ? null : editing}
          tasks={tasks}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {action && plan ? (
        <PlanActionDialog action={action} defaultBy={plan.drafter ?? ''} onClose={() => setAction(null)} />
      ) : null}
    </div>
  );
};
