import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { syncColumns } from './columns';
import { agreements } from './agreements';
import { tasks } from './tasks';

/** 月度工作计划: drafted by a 填报员, submitted, approved or returned by a 审核员. */
export const monthlyPlans = sqliteTable(
  'monthly_plans',
  {
    ...syncColumns(),
    agreementId: text('agreement_id')
      .notNull()
      .references(() => agreements.id),
    month: text('month').notNull(),
    status: text('status').notNull(),
    drafter: text('drafter'),
    submittedBy: text('submitted_by'),
    submittedAt: integer('submitted_at'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: integer('reviewed_at'),
    reviewNote: text('review_note'),
  },
  (t) => [index('monthly_plans_agreement_month_idx').on(t.agreementId, t.month)],
);

export const planItems = sqliteTable(
  'plan_items',
  {
    ...syncColumns(),
    planId: text('plan_id')
      .notNull()
      .references(() => monthlyPlans.id),
    taskId: text('task_id').references(() => tasks.id),
    content: text('content').notNull(),
    department: text('department'),
    person: text('person'),
    plannedDate: text('planned_date'),
    status: text('status').notNull(),
    completionNote: text('completion_note'),
    sort: integer('sort').notNull(),
  },
  (t) => [index('plan_items_plan_idx').on(t.planId)],
);
