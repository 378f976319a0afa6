import Database from 'better-sqlite3';

// Store size as the file will be once the WAL is folded in: checkpoint (TRUNCATE), then the main file's
// page_count * page_size. Measured before and after the bulk write; the difference is what the tasks cost.

export interface StoreSize {
  bytes: number;
  /** Bytes of the change_log table's b-tree (dbstat), or null when SQLite lacks dbstat. */
  changeLog: number | null;
  /** Bytes of change_log's two indexes (device_no+seq, row_id). */
  changeLogIndexes: number | null;
}

const dbstatBytes = (db: Database.Database, where: string): number | null => {
  try {
    return (
      (db.prepare(`SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE ${where}`).pluck().get() as number) ?? 0
    );
  } catch {
    return null;
  }
};

/** Opens a side connection (the app's stays open), checkpoints, and measures. */
export const measureStore = (dbPath: string): StoreSize => {
  const db = new Database(dbPath);
  try {
    db.pragma('busy_timeout = 5000');
    const [cp] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (cp?.busy) console.log('note: WAL checkpoint was busy; sizes read through the WAL');
    const bytes =
      (db.pragma('page_count', { simple: true }) as number) *
      (db.pragma('page_size', { simple: true }) as number);
    return {
      bytes,
      changeLog: dbstatBytes(db, "name = 'change_log'"),
      changeLogIndexes: dbstatBytes(
        db,
        "name IN (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'change_log')",
      ),
    };
  } finally {
    db.close();
  }
};
