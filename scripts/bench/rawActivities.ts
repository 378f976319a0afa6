import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { bigrams } from '../../db/search/bigrams';
import type { Input } from '../../electron/shared/contract';

// The floor for activities: the app's own activities table and indexes (copied from its file, without
// foreign keys), filled by one prepared INSERT in transactions of the same size, synchronous FULL, with no
// validation, change log or triggers. The API path's rate over this one is what those cost. With `search`,
// the app's two search indexes too, filled once per transaction with the same text the app indexes (the
// agreement's title and parties, known here in advance, stand in for the view's joins); the time spent on
// them is kept apart, so one run gives the ceiling with and without search.

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export const rawActivityWriter = (appDbPath: string, rawPath: string, search?: { context: string }) => {
  const app = new Database(appDbPath, { readonly: true });
  const ddl = app
    .prepare(
      `SELECT sql FROM sqlite_master WHERE tbl_name = 'activities' AND type IN ('table', 'index') AND sql IS NOT NULL`,
    )
    .pluck()
    .all() as string[];
  const searchDdl = app
    .prepare("SELECT sql FROM sqlite_master WHERE name IN ('activities_fts', 'activities_bigrams')")
    .pluck()
    .all() as string[];
  app.close();
  const db = new Database(rawPath);
  db.function('bf_bigrams', { deterministic: true }, (text: unknown) => bigrams(text as string | null));
  if (search) for (const s of searchDdl) db.exec(s);
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
  const index = [
    db.prepare(`INSERT INTO activities_fts (rowid, title, place, outcome, notes, platform, organiser, context)
      SELECT rowid, title, place, outcome, notes, platform, organiser, @context FROM activities WHERE rowid > @after`),
    db.prepare(`INSERT INTO activities_bigrams (rowid, words)
      SELECT rowid, bf_bigrams(concat_ws(' ', title, place, outcome, notes, platform, organiser, @context))
      FROM activities WHERE rowid > @after`),
  ];
  const lastRowid = db.prepare('SELECT coalesce(max(rowid), 0) FROM activities').pluck();
  let searchMs = 0;
  const insertRows = db.transaction((rows: Input<'activities.create'>[]) => {
    const after = lastRowid.get() as number;
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
    if (!search) return;
    const start = process.hrtime.bigint();
    for (const st of index) st.run({ context: search.context, after });
    searchMs += Number(process.hrtime.bigint() - start) / 1e6;
  });
  return {
    write: (rows: Input<'activities.create'>[]) => insertRows(rows),
    /** Of the time spent writing, how much went on the search indexes. */
    searchMs: () => searchMs,
    close: () => db.close(),
  };
};
