import { integer, text } from 'drizzle-orm/sqlite-core';

// Every synced row carries these (DESIGN.md section 3). Times are Unix milliseconds: smaller than ISO text
// and compared numerically; the hybrid logical clock in the change log, not these, decides merges.
export const syncColumns = () => ({
  id: text('id').primaryKey(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  deletedAt: integer('deleted_at'),
  ownerSite: text('owner_site').notNull(),
});
