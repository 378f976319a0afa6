import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { PlanStatus, TaskStatus } from '../../electron/shared/domain';
import type { Plan, PlanItem, PlanSummary } from '../../electron/shared/schemas/plans';
import type { ReadDb, WriteDb } from '../client';
import { activities, monthlyPlans, planItems, tasks } from '../schema';
import { differs, notFound, stampNew } from './rows';

export type PlanRow = typeof monthlyPlans.$inferSelect;

export interface PlanItemValues {
  taskId: string | null;
  content: string;
  department: string | null;
  person: string | null;
  plannedDate: string | null;
  status: TaskStatus;
  completionNote: string | null;
}

export const planRow = (db: ReadDb | WriteDb, id: string): PlanRow => {
  const row = db.orm
    .select()
    .from(monthlyPlans)
    .where(and(eq(monthlyPlans.id, id), isNull(monthlyPlans.deletedAt)))
    .get();
  if (!row) throw notFound('月度工作计划');
  return row;
};

export const findPlan = (db: ReadDb | WriteDb, agreementId: string, month: string): PlanRow | null =>
  db.orm
    .select()
    .from(monthlyPlans)
    .where(
      and(
        eq(monthlyPlans.agreementId, agreementId),
        eq(monthlyPlans.month, month),
        isNull(monthlyPlans.deletedAt),
      ),
    )
    .orderBy(asc(monthlyPlans.createdAt))
    .get() ?? null;

export const insertPlan = (
  w: WriteDb,
  ownerSite: string,
  agreementId: string,
  month: string,
  drafter: string | null,
) => {
  const row = { ...stampNew(w, ownerSite), agreementId, month, status: '草稿' as PlanStatus, drafter };
  w.orm.insert(monthlyPlans).values(row).run();
  return row.id;
};

export const updatePlan = (w: WriteDb, id: string, patch: Partial<Omit<PlanRow, 'id'>>) => {
  w.orm
    .update(monthlyPlans)
    .set({ ...patch, updatedAt: w.now() })
    .where(eq(monthlyPlans.id, id))
    .run();
};

export const listItems = (db: ReadDb | WriteDb, planId: string): PlanItem[] =>
  db.orm
    .select({
      i: planItems,
      taskName: tasks.name,
      activityCount: sql<number>`(SELECT count(*) FROM ${activities} a WHERE a.plan_item_id = ${sql.raw('"plan_items"."id"')} AND a.deleted_at IS NULL)`,
    })
    .from(planItems)
    .leftJoin(tasks, eq(tasks.id, planItems.taskId))
    .where(and(eq(planItems.planId, planId), isNull(planItems.deletedAt)))
    .orderBy(asc(planItems.sort))
    .all()
    .map(({ i, taskName, activityCount }) => ({
      id: i.id,
      planId: i.planId,
      taskId: i.taskId,
      taskName: taskName ?? null,
      content: i.content,
      department: i.department,
      person: i.person,
      plannedDate: i.plannedDate,
      status: i.status as TaskStatus,
      completionNote: i.completionNote,
      sort: i.sort,
      activityCount,
    }));

export const progressOf = (statuses: string[]) => {
  const counted = statuses.filter((s) => s !== '取消');
  const done = counted.filter((s) => s === '已完成').length;
  return {
    planned: counted.length,
    done,
    completionRate: counted.length === 0 ? null : done / counted.length,
  };
};

export const planView = (db: ReadDb | WriteDb, row: PlanRow): Plan => {
  const items = listItems(db, row.id);
  return {
    id: row.id,
    agreementId: row.agreementId,
    month: row.month,
    status: row.status as PlanStatus,
    drafter: row.drafter,
    submittedBy: row.submittedBy,
    submittedAt: row.submittedAt,
    reviewedBy: row.reviewedBy,
    reviewedAt: row.reviewedAt,
    reviewNote: row.reviewNote,
    items,
    progress: progressOf(items.map((i) => i.status)),
  };
};

export const planSummaries = (db: ReadDb | WriteDb, agreementId: string, year?: number): PlanSummary[] => {
  const plans = db.orm
    .select()
    .from(monthlyPlans)
    .where(
      and(
        eq(monthlyPlans.agreementId, agreementId),
        isNull(monthlyPlans.deletedAt),
        year !== undefined ? sql`substr(${monthlyPlans.month}, 1, 4) = ${String(year)}` : undefined,
      ),
    )
    .orderBy(asc(monthlyPlans.month))
    .all();
  return plans.map((p) => {
    const statuses = db.orm
      .select({ s: planItems.status })
      .from(planItems)
      .where(and(eq(planItems.planId, p.id), isNull(planItems.deletedAt)))
      .all()
      .map((r) => r.s);
    return { id: p.id, month: p.month, status: p.status as PlanStatus, progress: progressOf(statuses) };
  });
};

export const itemRow = (db: ReadDb | WriteDb, id: string) => {
  const row = db.orm
    .select()
    .from(planItems)
    .where(and(eq(planItems.id, id), isNull(planItems.deletedAt)))
    .get();
  if (!row) throw notFound('计划事项');
  return row;
};

export const insertItem = (w: WriteDb, ownerSite: string, planId: string, v: PlanItemValues): string => {
  const sort =
    (w.orm
      .select({ n: sql<number | null>`max(${planItems.sort})` })
      .from(planItems)
      .where(eq(planItems.planId, planId))
      .get()?.n ?? -1) + 1;
  const row = { ...stampNew(w, ownerSite), planId, sort, ...v };
  w.orm.insert(planItems).values(row).run();
  return row.id;
};

export const updateItem = (w: WriteDb, id: string, v: PlanItemValues): void => {
  if (!differs(itemRow(w, id), { ...v })) return;
  w.orm
    .update(planItems)
    .set({ ...v, updatedAt: w.now() })
    .where(eq(planItems.id, id))
    .run();
};

export const tombstoneItem = (w: WriteDb, id: string): void => {
  const t = w.now();
  w.orm.update(planItems).set({ deletedAt: t, updatedAt: t }).where(eq(planItems.id, id)).run();
};
