import { sqliteTable, text, index } from 'drizzle-orm/sqlite-core';
import { syncColumns } from './columns';

export const institutions = sqliteTable(
  'institutions',
  {
    ...syncColumns(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    kind: text('kind').notNull(),
    region: text('region'),
  },
  (t) => [index('institutions_name_idx').on(t.name)],
);

/** A site is one college (or the department) running the app; devices belong to it. */
export const sites = sqliteTable('sites', {
  ...syncColumns(),
  name: text('name').notNull(),
  mode: text('mode').notNull(),
  institutionId: text('institution_id').references(() => institutions.id),
});
