import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { Input } from '../../electron/shared/contract';

// The floor for activities: the app's own activities table and indexes (copied from its file, without
// foreign keys), filled by one prepared INSERT in transactions of the same size, synchronous FULL, with no
// validation, change log, search index or triggers. The API path's rate over this one is what those cost.

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export const rawActivityWriter = (appDbPath: string, rawPath: string) => {
  const app = new Database(appDbPath, { readonly: true });
  const ddl = app
    .prepare(
      `SELECT sql FROM sqlite_master WHERE tbl_name = 'activities' AND type IN ('table', 'index') AND sql IS NOT NULL`,
    )
    .pluck()
    .all() as string[];
  app.close();
  const db = new Database(rawPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Parent tables are absent here, and SQLite refuses to prepare an INSERT against a missing parent.
  const noForeignKeys =
    /,\s*FOREIGN KEY\s*\([^)]*\)\s*REFERENCES\s*[`"]?\w+[`"]?\s*\([^)]*\)(\s+ON\s+(UPDATE|DELETE)\s+(NO ACTION|CASCADE|RESTRICT|SET NULL|SET DEFAULT))*/gi;
  for (const s of ddl) db.exec(s.replace(noForeignKeys, ''));
  const columns = (db.pragma('table_info(activities)') as { name: string }[]).map((c) => c.name);
  const insert = db.prepare(
    `INSERT INTO activities (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  const write = db.transaction((rows: Input<'activities.create'>[]) => {
    const now = Date.now();
    for (const r of rows) {
      const values: Record<string, unknown> = Object.fromEntries(columns.map((c) => [c, null]));
      for (const [k, v] of Object.entries(r)) if (snake(k) in values) values[snake(k)] = v;
      Object.assign(values, {
        id: uuidv7(),
        created_at: now,
        updated_at: now,
        owner_site: 'bench',
        online: r.online ? 1 : 0,
        details: JSON.stringify(r.details ?? {}),
      });
      insert.run(values);
    }
  });
  return { write, close: () => db.close() };
};
