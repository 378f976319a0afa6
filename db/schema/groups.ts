import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { syncColumns } from './columns';
import { agreements } from './agreements';
import { institutions } from './institutions';

/**
 * One revision of the leadership group and its office. Revisions are snapshots, so the history survives
 * (seed 004 revised its group on 2023-06-13); the latest by revised_on is the one in force.
 */
export const groupRevisions = sqliteTable(
  'group_revisions',
  {
    ...syncColumns(),
    agreementId: text('agreement_id')
      .notNull()
      .references(() => agreements.id),
    revisedOn: text('revised_on').notNull(),
    approvedBy: text('approved_by'),
    documentNumber: text('document_number'),
    notes: text('notes'),
  },
  (t) => [index('group_revisions_agreement_idx').on(t.agreementId)],
);

export const groupMembers = sqliteTable(
  'group_members',
  {
    ...syncColumns(),
    revisionId: text('revision_id')
      .notNull()
      .references(() => groupRevisions.id),
    groupKind: text('group_kind').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    institutionId: text('institution_id').references(() => institutions.id),
    post: text('post'),
    phone: text('phone'),
    sort: integer('sort').notNull(),
  },
  (t) => [index('group_members_revision_idx').on(t.revisionId)],
);
