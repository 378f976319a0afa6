import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, real, index } from 'drizzle-orm/sqlite-core';
import { syncColumns } from './columns';
import { agreements } from './agreements';
import { institutions } from './institutions';
import { tasks } from './tasks';
import { planItems } from './plans';

/** 活动记录. Fields every type shares are columns; the rest of a type's fields sit in `details` (JSON). */
export const activities = sqliteTable(
  'activities',
  {
    ...syncColumns(),
    agreementId: text('agreement_id')
      .notNull()
      .references(() => agreements.id),
    taskId: text('task_id').references(() => tasks.id),
    planItemId: text('plan_item_id').references(() => planItems.id),
    type: text('type').notNull(),
    title: text('title').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date'),
    place: text('place'),
    online: integer('online', { mode: 'boolean' }).notNull(),
    platform: text('platform'),
    organiser: text('organiser'),
    department: text('department'),
    beneficiarySchools: integer('beneficiary_schools'),
    teachers: integer('teachers'),
    students: integer('students'),
    cadres: integer('cadres'),
    instructors: text('instructors'),
    instructorCount: integer('instructor_count'),
    lectures: integer('lectures'),
    hours: real('hours'),
    days: real('days'),
    satisfactionPct: real('satisfaction_pct'),
    certificates: integer('certificates'),
    amountFen: integer('amount_fen'),
    outcome: text('outcome'),
    notes: text('notes'),
    details: text('details'),
    /** SHA-256 of an imported row's identity (title, type, start): importing the file again skips it. */
    importKey: text('import_key'),
  },
  (t) => [
    // Partial indexes over live rows: the ledger counts and pages them without touching the table.
    index('activities_live_agreement_date_idx')
      .on(t.agreementId, t.startDate)
      .where(sql`${t.deletedAt} IS NULL`),
    index('activities_live_date_idx')
      .on(t.startDate)
      .where(sql`${t.deletedAt} IS NULL`),
    // No index on deleted_at alone: without statistics the planner prefers its equality to the date range
    // and walks every live row for one year's count. A year's figures (overview panels, the report's
    // evidence per task) read from this index alone: on a department's file the year's rows lie scattered
    // over the whole table, and reading them was most of it. SQLite takes an index as covering only when it
    // holds every column a query names, deleted_at included (always NULL here, so a few bytes a row).
    index('activities_live_figures_idx')
      .on(
        t.startDate,
        t.type,
        t.agreementId,
        t.ownerSite,
        t.taskId,
        t.id,
        t.teachers,
        t.students,
        t.cadres,
        t.days,
        t.endDate,
        t.amountFen,
        t.deletedAt,
      )
      .where(sql`${t.deletedAt} IS NULL`),
    index('activities_import_key_idx')
      .on(t.agreementId, t.importKey)
      .where(sql`${t.importKey} IS NOT NULL AND ${t.deletedAt} IS NULL`),
  ],
);

export const activityBeneficiaries = sqliteTable(
  'activity_beneficiaries',
  {
    ...syncColumns(),
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    institutionId: text('institution_id')
      .notNull()
      .references(() => institutions.id),
  },
  (t) => [index('activity_beneficiaries_activity_idx').on(t.activityId)],
);

/** 挂职 / 跟岗: kept as their own records so "who is posted where now" is one query. */
export const secondments = sqliteTable(
  'secondments',
  {
    ...syncColumns(),
    agreementId: text('agreement_id')
      .notNull()
      .references(() => agreements.id),
    activityId: text('activity_id').references(() => activities.id),
    person: text('person').notNull(),
    direction: text('direction').notNull(),
    homePost: text('home_post'),
    hostInstitutionId: text('host_institution_id').references(() => institutions.id),
    hostPost: text('host_post'),
    startDate: text('start_date').notNull(),
    endDate: text('end_date'),
    months: integer('months'),
    scope: text('scope'),
    termNo: integer('term_no'),
  },
  (t) => [index('secondments_agreement_idx').on(t.agreementId)],
);

/** 成果: award, 立项, new major, donation, paper, certificate, signed agreement... */
export const outcomes = sqliteTable(
  'outcomes',
  {
    ...syncColumns(),
    agreementId: text('agreement_id')
      .notNull()
      .references(() => agreements.id),
    activityId: text('activity_id').references(() => activities.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    level: text('level'),
    quantity: integer('quantity').notNull(),
    date: text('date'),
    notes: text('notes'),
  },
  (t) => [index('outcomes_agreement_idx').on(t.agreementId)],
);
