import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { syncColumns } from './columns';
import { agreements } from './agreements';

/** An annual work report: per agreement (or for the whole site when agreement_id is null) and year. */
export const reports = sqliteTable(
  'reports',
  {
    ...syncColumns(),
    agreementId: text('agreement_id').references(() => agreements.id),
    year: integer('year').notNull(),
    template: text('template').notNull(),
    title: text('title').notNull(),
    status: text('status').notNull(),
  },
  (t) => [index('reports_agreement_year_idx').on(t.agreementId, t.year)],
);

/** Narrative sections are written by people; generated ones may be edited before printing. */
export const reportSections = sqliteTable(
  'report_sections',
  {
    ...syncColumns(),
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id),
    key: text('key').notNull(),
    heading: text('heading').notNull(),
    body: text('body').notNull(),
    generated: integer('generated', { mode: 'boolean' }).notNull(),
    edited: integer('edited', { mode: 'boolean' }).notNull(),
    sort: integer('sort').notNull(),
  },
  (t) => [index('report_sections_report_idx').on(t.reportId)],
);

/** Evidence (photos, sign-in sheets, scans, 实施方案): content-addressed files outside the database. */
export const attachments = sqliteTable(
  'attachments',
  {
    ...syncColumns(),
    entityTable: text('entity_table').notNull(),
    entityId: text('entity_id').notNull(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    caption: text('caption'),
  },
  (t) => [
    index('attachments_entity_idx').on(t.entityTable, t.entityId),
    // "Has evidence" for every activity of a year answered from the index, without reading each file's row.
    index('attachments_live_entity_idx')
      .on(t.entityTable, t.entityId, t.deletedAt)
      .where(sql`${t.deletedAt} IS NULL`),
  ],
);

/**
 * A photo chosen from the year's attachments for one part of a report, with the caption printed under it
 * (图 1 …). Keyed by the section's key, not a report_sections row: those exist only once a part is saved.
 */
export const reportPhotos = sqliteTable(
  'report_photos',
  {
    ...syncColumns(),
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id),
    sectionKey: text('section_key').notNull(),
    attachmentId: text('attachment_id')
      .notNull()
      .references(() => attachments.id),
    caption: text('caption').notNull(),
    sort: integer('sort').notNull(),
  },
  (t) => [index('report_photos_report_idx').on(t.reportId)],
);
