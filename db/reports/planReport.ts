import type { PlanReport } from '../../electron/shared/schemas/reports';
import type { ReadDb } from '../client';
import { agreementRow } from '../repositories/agreements';
import { findPlan, planView } from '../repositories/plans';
import { notFound } from '../repositories/rows';

// The monthly plan as it is printed for the supervisor's signature: each item with its status and the
// activities recorded against it, the month's completion, and who drafted, submitted and reviewed it.

export const planReport = (
  db: ReadDb,
  agreementId: string,
  month: string,
  institution: string,
): PlanReport => {
  const agreement = agreementRow(db, agreementId);
  const row = findPlan(db, agreementId, month);
  if (!row) throw notFound(`${month} 的月度工作计划`);
  const plan = planView(db, row);
  const linked = db.sqlite
    .prepare(
      `SELECT a.plan_item_id AS itemId, a.title, a.type, a.start_date AS startDate FROM activities a
       JOIN plan_items i ON i.id = a.plan_item_id
       WHERE i.plan_id = ? AND a.deleted_at IS NULL ORDER BY a.start_date`,
    )
    .all(plan.id) as { itemId: string; title: string; type: string; startDate: string }[];
  return {
    agreementTitle: agreement.title,
    institution,
    month: plan.month,
    status: plan.status,
    drafter: plan.drafter,
    submittedBy: plan.submittedBy,
    submittedAt: plan.submittedAt,
    reviewedBy: plan.reviewedBy,
    reviewedAt: plan.reviewedAt,
    reviewNote: plan.reviewNote,
    progress: plan.progress,
    items: plan.items.map((item, i) => ({
      no: i + 1,
      content: item.content,
      taskName: item.taskName,
      department: item.department,
      person: item.person,
      plannedDate: item.plannedDate,
      status: item.status,
      completionNote: item.completionNote,
      activities: linked
        .filter((a) => a.itemId === item.id)
        .map(({ title, type, startDate }) => ({ title, type, startDate })),
    })),
  };
};
