import { sql, type SQL } from 'drizzle-orm';
import type { ReadDb, WriteDb } from '../client';

// A common word at a department (培训: 214,286 of 500,000 activities) cost two passes over its index
// entries and a third over the ledger: one to count the matches, one to list them all for the page's
// walk down the date index (building that list was most of the search). Here one pass over the entries
// counts them and keeps only those among the first rows of the list's order: when those hold the page,
// the walk tests its rows against that short list, and every match before the page's last row is in it.

/** The rows of the list's order the pass keeps matches among. */
export const FIRST_ROWS = 4096;

/** Pages ending beyond this row are turned as before (a pass over the first rows would rarely hold them). */
export const FIRST_PAGES_END = FIRST_ROWS / 4;

export interface FirstMatches {
  /** Every match, counted. */
  total: number;
  /**
   * Rowids of the matches among the first FIRST_ROWS rows of the list, when they hold the page: at least
   * `end` of them, or every match is among them; else null.
   */
  rows: number[] | null;
}

/**
 * `matches`: a statement listing matching rowids; `firstRows`: one listing the rowids of the list's first
 * FIRST_ROWS rows in its order (the filters but not the words); `end`: offset + limit of the page.
 */
export const firstMatches = (
  db: ReadDb | WriteDb,
  matches: SQL,
  firstRows: SQL,
  end: number,
): FirstMatches => {
  // FILTER, not WHERE: a rowid condition in WHERE would reach the full-text table as one lookup per row.
  // The first rows are read only once a match is met (a word nowhere costs nothing more).
  const found = db.orm.get<{ total: number; rows: string }>(
    sql`WITH first_rows(rid) AS (${firstRows})
        SELECT count(*) AS total,
               json_group_array(m.rowid) FILTER (WHERE m.rowid IN first_rows) AS rows
        FROM (${matches}) m`,
  );
  if (!found) return { total: 0, rows: null };
  const rows = JSON.parse(found.rows) as number[];
  return { total: found.total, rows: rows.length >= end || rows.length === found.total ? rows : null };
};
