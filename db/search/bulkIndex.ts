import type Database from 'better-sqlite3';

// Search indexes in bulk (migration 0012). Row by row, the triggers index each written activity with four
// statements through the activity_search view, about 100 µs a row, most of a bulk write's cost. Inside a
// bulk write the triggers only note the rowids (bf_search_later), and `flush` indexes the noted rows with
// one INSERT ... SELECT per index. The writer flushes before its transaction commits, so search is never
// stale after a commit, and a failure or crash before the commit rolls back rows and index together.

const noted = new WeakMap<Database.Database, Set<number>>();

/** Registered on every connection that writes (beside bf_bigrams): the triggers of 0012 call them. */
export const registerSearchFunctions = (db: Database.Database): void => {
  db.function('bf_search_deferred', { deterministic: false }, () => (noted.has(db) ? 1 : 0));
  db.function('bf_search_later', { deterministic: false }, (rowid: unknown) => {
    noted.get(db)?.add(Number(rowid));
    return null;
  });
};

const FLUSH_SQL = (target: 'fts' | 'bigrams', rows: string) =>
  target === 'fts'
    ? `INSERT INTO activities_fts (rowid, title, place, outcome, notes, platform, organiser, context)
       SELECT rid, title, place, outcome, notes, platform, organiser, context
       FROM activity_search WHERE rid IN (${rows}) ORDER BY rid`
    : `INSERT INTO activities_bigrams (rowid, words)
       SELECT rid, bf_bigrams(concat_ws(' ', title, place, outcome, notes, platform, organiser, context))
       FROM activity_search WHERE rid IN (${rows}) ORDER BY rid`;
const ROWS = 'SELECT value FROM json_each(?)';

export interface BulkSearch {
  /** Indexes every row noted since the last flush; inside the writer's transaction. */
  flush(): void;
  /** Forgets the rows noted so far, unindexed: for a write that is certain to roll back (a dry run). */
  discard(): void;
  /** Ends the bulk write (after a flush, or on failure, when the transaction rolls back). */
  end(): void;
}

const NESTED: BulkSearch = { flush: () => undefined, discard: () => undefined, end: () => undefined };

/**
 * Starts a bulk write on `db`. Nested inside another one it does nothing: the outer writer flushes. The
 * caller must flush before committing and end in every case (try/finally).
 */
export const bulkSearch = (db: Database.Database): BulkSearch => {
  if (noted.has(db)) return NESTED;
  const rows = new Set<number>();
  noted.set(db, rows);
  const removals = [
    db.prepare(`DELETE FROM activities_fts WHERE rowid IN (${ROWS})`),
    db.prepare(`DELETE FROM activities_bigrams WHERE rowid IN (${ROWS})`),
  ];
  const additions = [db.prepare(FLUSH_SQL('fts', ROWS)), db.prepare(FLUSH_SQL('bigrams', ROWS))];
  const highest = db
    .prepare(
      `SELECT max(coalesce((SELECT rowid FROM activities_fts ORDER BY rowid DESC LIMIT 1), 0),
                  coalesce((SELECT rowid FROM activities_bigrams ORDER BY rowid DESC LIMIT 1), 0))`,
    )
    .pluck();
  return {
    flush() {
      if (rows.size === 0) return;
      // Ascending rowids: FTS5 appends them to its pending segment without flushing it in between.
      const sorted = [...rows].sort((a, b) => a - b);
      rows.clear();
      // A rowid above every one either index holds has nothing to remove: in a bulk import that is nearly
      // every row, and looking each up in both indexes cost about 0.3 s per 100,000 rows.
      const indexed = highest.get() as number;
      const held = sorted.filter((rowid) => rowid <= indexed);
      if (held.length > 0) for (const st of removals) st.run(JSON.stringify(held));
      const list = JSON.stringify(sorted);
      for (const st of additions) st.run(list);
    },
    discard: () => rows.clear(),
    end() {
      if (noted.get(db) === rows) noted.delete(db);
    },
  };
};

/** Runs a synchronous bulk write (inside the caller's transaction) with its search indexing done at the end. */
export const withBulkSearch = <T>(db: Database.Database, fn: () => T): T => {
  const bulk = bulkSearch(db);
  try {
    const result = fn();
    bulk.flush();
    return result;
  } finally {
    bulk.end();
  }
};
