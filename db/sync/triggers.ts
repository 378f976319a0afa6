import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3';
import * as schema from '../schema';

// Change capture lives in triggers generated from the drizzle schema, so no write path (repository, raw
// SQL, a future bulk import) can change a synced row without its change record being written in the same
// transaction. The triggers call functions the app registers on its connection (bf_capturing, bf_hlc,
// bf_tx); a connection without them, such as a stray sqlite3 shell, cannot write synced tables at all.
// bf_capturing is 0 only inside Store.applyRemote, which logs each received change itself.

export const LOCAL_DEVICE_NO = 1;

export interface SyncedTable {
  name: string;
  columns: string[];
}

const isTable = (v: unknown): v is SQLiteTable =>
  typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v;

export const syncedTables = (): SyncedTable[] =>
  Object.values(schema)
    .filter(isTable)
    .map((t) => getTableConfig(t))
    .filter((c) => c.columns.some((col) => col.name === 'owner_site'))
    .map((c) => ({ name: c.name, columns: c.columns.map((col) => col.name) }));

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

// The record carries every column but the id, which is the row key already.
const payloadColumns = (t: SyncedTable) => t.columns.filter((c) => c !== 'id');

const jsonOf = (t: SyncedTable) =>
  `json_object(${payloadColumns(t)
    .map((c) => `${lit(c)}, NEW.${q(c)}`)
    .join(', ')})`;

const appendChange = (t: SyncedTable, op: 'i' | 'u', data: string) => `
  SELECT RAISE(ABORT, 'device not initialised: synced rows cannot be written yet')
    WHERE NOT EXISTS (SELECT 1 FROM device_state WHERE one = 1);
  UPDATE device_state SET seq = seq + 1 WHERE one = 1;
  INSERT INTO change_log (device_no, seq, hlc, tx, tbl, row_id, op, data)
    SELECT ${LOCAL_DEVICE_NO}, seq, bf_hlc(), bf_tx(seq), ${lit(t.name)}, NEW.id, '${op}', ${data}
    FROM device_state WHERE one = 1;`;

export const triggerStatements = (t: SyncedTable): string[] => {
  const cols = payloadColumns(t);
  const changed = cols.map((c) => `NEW.${q(c)} IS NOT OLD.${q(c)}`).join(' OR ');
  // json_remove drops the unchanged columns; '$._' names no column, so it is a harmless no-op path.
  const onlyChanged = `json_remove(${jsonOf(t)}, ${cols
    .map((c) => `CASE WHEN NEW.${q(c)} IS OLD.${q(c)} THEN ${lit(`$.${c}`)} ELSE '$._' END`)
    .join(', ')})`;
  const n = t.name;
  return [
    `CREATE TRIGGER ${q(`bf_${n}_insert`)} AFTER INSERT ON ${q(n)} WHEN bf_capturing() BEGIN ${appendChange(t, 'i', jsonOf(t))} END`,
    `CREATE TRIGGER ${q(`bf_${n}_update`)} AFTER UPDATE ON ${q(n)} WHEN bf_capturing() AND (${changed}) BEGIN ${appendChange(t, 'u', onlyChanged)} END`,
    `CREATE TRIGGER ${q(`bf_${n}_id_fixed`)} BEFORE UPDATE OF id ON ${q(n)} WHEN NEW.id IS NOT OLD.id BEGIN
       SELECT RAISE(ABORT, 'row ids never change'); END`,
    `CREATE TRIGGER ${q(`bf_${n}_no_delete`)} BEFORE DELETE ON ${q(n)} BEGIN
       SELECT RAISE(ABORT, 'synced rows are never hard-deleted: set deleted_at'); END`,
  ];
};

/** Drops every bf_ trigger; migrations run without them and they are rebuilt from the new schema after. */
export const dropChangeTriggers = (db: Database.Database): void => {
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'bf\\_%' ESCAPE '\\'")
    .pluck()
    .all() as string[];
  for (const name of names) db.exec(`DROP TRIGGER ${q(name)}`);
};

export const installChangeTriggers = (db: Database.Database): void => {
  db.transaction(() => {
    dropChangeTriggers(db);
    for (const t of syncedTables()) for (const s of triggerStatements(t)) db.exec(s);
  }).immediate();
};
