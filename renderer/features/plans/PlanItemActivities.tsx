import type { Activity, PlanItem } from '../../../electron/shared/contract';
import { call } from '../../api';
import { useAction, useRead } from '../../components/hooks';
import { useI18n } from '../../i18n';
import { useActivityEditor } from '../../stores/activityEditor';

/**
 * A plan item's activities, both ways: those recorded against it (each opens in its dialog), a picker to
 * link an activity already recorded that month, and, once something is linked, the offer to mark the item
 * 已完成.
 */
export const PlanItemActivities = ({
  item,
  agreementId,
  month,
  editable,
  onDone,
}: {
  item: PlanItem;
  agreementId: string;
  month: string;
  editable: boolean;
  onDone: (item: PlanItem) => void;
}) => {
  const { t, label } = useI18n();
  const openEdit = useActivityEditor((s) => s.openEdit);
  const version = useActivityEditor((s) => s.version);
  const changed = useActivityEditor((s) => s.changed);
  const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  const { data } = useRead(`${item.id}|${agreementId}|${month}|${version}`, async () => {
    const [linked, ofMonth] = await Promise.all([
      call('activities.list', { planItemId: item.id, limit: 100 }),
      call('activities.list', {
        agreementId,
        from: `${month}-01`,
        to: `${month}-${String(last).padStart(2, '0')}`,
        limit: 200,
      }),
    ]);
    return { linked: linked.rows, others: ofMonth.rows.filter((a) => a.planItemId !== item.id) };
  });
  const { busy, run } = useAction();
  const link = (activity: Activity) =>
    void run(
      'link',
      () => call('activities.linkPlanItem', { id: activity.id, planItemId: item.id }),
      () => {
        changed();
        return t('plan.linked', { title: activity.title });
      },
    );
  if (!data) return <p className="muted">{t('app.loading')}</p>;
  return (
    <div className="linked">
      <ul className="plain-list">
        {data.linked.map((a) => (
          <li key={a.id}>
            <button type="button" className="link" onClick={() => openEdit(a.id)}>
              {a.startDate} · {label('activityType', a.type)} · {a.title}
            </button>
            {a.evidenceCount > 0 ? <span className="muted"> 📎 {a.evidenceCount}</span> : null}
          </li>
        ))}
      </ul>
      {data.others.length ? (
        <select
          aria-label={t('plan.linkExisting', { content: item.content })}
          value=""
          disabled={busy !== null}
          onChange={(e) => {
            const a = data.others.find((x) => x.id === e.target.value);
            if (a) link(a);
          }}
        >
          <option value="">{t('plan.linkPlaceholder')}</option>
          {data.others.map((a) => (
            <option key={a.id} value={a.id}>
              {a.startDate} · {a.title}
            </option>
          ))}
        </select>
      ) : null}
      {editable && data.linked.length > 0 && item.status !== '已完成' && item.status !== '取消' ? (
        <p className="offer">
          {t('plan.offerDone', { count: data.linked.length })}{' '}
          <button type="button" className="primary" onClick={() => onDone(item)}>
            {t('plan.markDone')}
          </button>
        </p>
      ) : null}
    </div>
  );
};
