import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { syncColumns } from './columns';
import { institutions } from './institutions';

export const agreements = sqliteTable(
  'agreements',
  {
    ...syncColumns(),
    title: text('title').notNull(),
    programType: text('program_type').notNull(),
    deliveryMode: text('delivery_mode').notNull(),
    documentForm: text('document_form').notNull(),
    policyBasis: text('policy_basis'),
    documentNumber: text('document_number'),
    signedDate: text('signed_date'),
    /** 'YYYY' or 'YYYY-MM': seeds give both "2021-2025" and "2018-09 至 2020-02". */
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    status: text('status').notNull(),
    goals: text('goals'),
    clauses: text('clauses'),
    budgetFen: integer('budget_fen'),
    hostOffice: text('host_office'),
    notes: text('notes'),
  },
  (t) => [index('agreements_period_idx').on(t.periodStart, t.periodEnd)],
);

/** Supporting and receiving parties; a 组团式 agreement has several supporters, each maybe for one major. */
export const agreementParties = sqliteTable(
  'agreement_parties',
  {
    ...syncColumns(),
    agreementId: text('agreement_id')
      .notNull()
      .references(() => agreements.id),
    institutionId: text('institution_id')
      .notNull()
      .references(() => institutions.id),
    role: text('role').notNull(),
    major: text('major'),
    sort: integer('sort').notNull(),
  },
  (t) => [index('agreement_parties_agreement_idx').on(t.agreementId)],
);

export const agreementPhases = sqliteTable(
  'agreement_phases',
  {
    ...syncColumns(),
    agreementId: text('agreement_id')
      .notNull()
      .references(() => agreements.id),
    name: text('name').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    notes: text('notes'),
    sort: integer('sort').notNull(),
  },
  (t) => [index('agreement_phases_agreement_idx').on(t.agreementId)],
);
