import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Live activities' evidence, kept by triggers (migration 0014) from attachments and activities: one row per
 * activity with at least one live file attached, with the activity's date and scope copied beside the
 * count, so the overview counts a year's evidenced activities by one index range instead of probing the
 * attachments once per activity (100,000 probes at a department). Derived and never synced: the columns
 * avoid the sync columns' names (a table with `owner_site` would count as synced).
 */
export const activityEvidence = sqliteTable(
  'activity_evidence',
  {
    activityId: text('activity_id').primaryKey(),
    /** Live attachments on the activity (rows at 0 are removed). */
    files: integer('files').notNull(),
    /** The activity's start date while it is live; null while it is deleted or not (yet) in this file. */
    startDate: text('start_date'),
    agreementId: text('agreement_id'),
    /** The activity's owner_site. */
    site: text('site'),
  },
  (t) => [index('activity_evidence_date_idx').on(t.startDate, t.agreementId, t.site)],
);
