import { sqliteTable, text, integer, real, index } from 'drizzle-orm/sqlite-core';
import { syncColumns } from './columns';
import { agreements } from './agreements';

/** 帮扶项目: a line of the 目标任务分工表 / 工作台账. */
export const tasks = sqliteTable(
  'tasks',
  {
    ...syncColumns(),
    agreementId: text('agreement_id')
      .notNull()
      .references(() => agreements.id),
    name: text('name').notNull(),
    category: text('category').notNull(),
    description: text('description'),
    department: text('department'),
    responsiblePerson: text('responsible_person'),
    liaison: text('liaison'),
    contact: text('contact'),
    year: integer('year').notNull(),
    /** Last year of a task that spans several (2023—2024); null for a task of one year. */
    yearEnd: integer('year_end'),
    targetText: text('target_text'),
    targetValue: real('target_value'),
    targetUnit: text('target_unit'),
    budgetFen: integer('budget_fen'),
    status: text('status').notNull(),
    /** 备注 column of the 汇总表. */
    notes: text('notes'),
    sort: integer('sort').notNull(),
  },
  (t) => [
    index('tasks_agreement_idx').on(t.agreementId, t.year),
    // New tasks go after the last one: max(sort) per agreement must not scan every task.
    index('tasks_agreement_sort_idx').on(t.agreementId, t.sort),
  ],
);
