import { useState } from 'react';
import type { Plan, PlanItem, TaskStatus } from '../../../electron/shared/contract';
import { useI18n } from '../../i18n';
import { enumValues } from '../../i18n/enums';
import { PlanItemActivities } from './PlanItemActivities';

interface Props {
  plan: Plan;
  agreementId: string;
  editable: boolean;
  onAdd: () => void;
  onEdit: (item: PlanItem) => void;
  onStatus: (item: PlanItem, status: TaskStatus) => void;
  onRecord: (item: PlanItem) => void;
  onDelete: (item: PlanItem) => void;
}

/** The month's items: status, the activities each has (opened on demand), and the item's actions. */
export const PlanItems = ({
  plan,
  agreementId,
  editable,
  onAdd,
  onEdit,
  onStatus,
  onRecord,
  onDelete,
}: Props) => {
  const { t, label } = useI18n();
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };
  return (
    <section className="section">
      <div className="section-head">
        <h2>{t('plan.items')}</h2>
        {editable ? (
          <button type="button" className="primary" onClick={onAdd}>
            {t('plan.addItem')}
          </button>
        ) : null}
      </div>
      {plan.items.length === 0 ? (
        <p className="empty">{t('plan.noItems')}</p>
      ) : (
        <table className="table" aria-label={t('plan.items')}>
          <thead>
            <tr>
              <th>{t('plan.content')}</th>
              <th>{t('plan.department')}</th>
              <th>{t('plan.plannedDate')}</th>
              <th>{t('plan.itemStatus')}</th>
              <th>{t('plan.activities')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {plan.items.map((item) => (
              <tr key={item.id} data-testid="plan-item">
                <td>
                  <strong>{item.content}</strong>
                  {item.taskName ? <div className="muted small">{item.taskName}</div> : null}
                  {item.completionNote ? <div className="small">{item.completionNote}</div> : null}
                  {open.has(item.id) ? (
                    <PlanItemActivities
                      item={item}
                      agreementId={agreementId}
                      month={plan.month}
                      editable={editable}
                      onDone={(i) => onStatus(i, '已完成')}
                    />
                  ) : null}
                </td>
                <td>
                  {item.department ?? '—'}
                  {item.person ? <div className="muted small">{item.person}</div> : null}
                </td>
                <td className="nowrap">{item.plannedDate ?? '—'}</td>
                <td>
                  <select
                    aria-label={`${t('plan.itemStatus')}：${item.content}`}
                    value={item.status}
                    disabled={!editable}
                    onChange={(e) => onStatus(item, e.target.value as TaskStatus)}
                  >
                    {enumValues('taskStatus').map((v) => (
                      <option key={v} value={v}>
                        {label('taskStatus', v)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    className="link"
                    aria-expanded={open.has(item.id)}
                    onClick={() => toggle(item.id)}
                  >
                    {item.activityCount > 0
                      ? t('plan.showActivities', { count: item.activityCount })
                      : t('plan.linkActivities')}
                  </button>
                </td>
                <td className="row-actions">
                  <button type="button" onClick={() => onRecord(item)}>
                    {t('plan.recordActivity')}
                  </button>
                  {editable ? (
                    <>
                      <button type="button" className="link" onClick={() => onEdit(item)}>
                        {t('common.edit')}
                      </button>
                      <button type="button" className="link danger" onClick={() => onDelete(item)}>
                        {t('common.delete')}
                      </button>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};
