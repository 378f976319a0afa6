import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3';
import * as schema from '../schema';

// Change capture lives in triggers generated from the drizzle schema, so no write path (repository, raw
// SQL, a future bulk import) can change a synced row without its change record being written in the same
// transaction. The triggers call functions the app registers on its connection (bf_capturing, bf_hlc,
// bf_tx); a connection without them, such as a stray sqlite3 shell, cannot write synced tables at all.
// bf_capturing is 0 only inside Store.applyRemote, which logs each received change itself.

export const LOCAL_DEVICE_NO = 1;

/**
 * Rows both sides keep (DESIGN.md section 3): the agreement, its parties, phases and projects, and the
 * institution list. Any college may edit these; every other row only by the college that owns it.
 */
export const SHARED_TABLES: ReadonlySet<string> = new Set([
  'agreements',
  'agreement_parties',
  'agreement_phases',
  'tasks',
  'institutions',
]);

/** The message a refused write carries up from SQLite; the API turns it into a Chinese explanation. */
export const NOT_OWNER = 'bf_not_owner';

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

// An edit is stamped above every stamp the row's values carry, whatever this device's clock says.
const stampFor = (t: SyncedTable, op: 'i' | 'u') =>
  op === 'i'
    ? 'bf_hlc(NULL)'
    : `bf_hlc((SELECT max(hlc) FROM change_log WHERE row_id = NEW.id AND tbl = ${lit(t.name)}))`;

const appendChange = (t: SyncedTable, op: 'i' | 'u', data: string) => `
  SELECT RAISE(ABORT, 'device not initialised: synced rows cannot be written yet')
    WHERE NOT EXISTS (SELECT 1 FROM device_state WHERE one = 1);
  UPDATE device_state SET seq = seq + 1 WHERE one = 1;
  INSERT INTO change_log (device_no, seq, hlc, tx, tbl, row_id, op, data)
    SELECT ${LOCAL_DEVICE_NO}, seq, ${stampFor(t, op)}, bf_tx(seq), ${lit(t.name)}, NEW.id, '${op}', ${data}
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
    // Only a withdrawn creation is ever removed, while received changes apply (capture is off then).
    `CREATE TRIGGER ${q(`bf_${n}_no_delete`)} BEFORE DELETE ON ${q(n)} WHEN bf_capturing() BEGIN
       SELECT RAISE(ABORT, 'synced rows are never hard-deleted: set deleted_at'); END`,
    ...ownershipStatements(t),
  ];
};

// A college's installation writes rows under its own name, and changes another college's rows only where
// they are shared. Enforced here rather than in each service so that no write path can forget it; the
// department may edit anything (it approves and returns months), and received changes are checked on import.
const ownershipStatements = (t: SyncedTable): string[] => {
  const n = t.name;
  const otherSite = (row: 'NEW' | 'OLD') =>
    `EXISTS (SELECT 1 FROM device_state WHERE one = 1 AND mode = 'site' AND site_id IS NOT ${row}.owner_site)`;
  const refuse = `BEGIN SELECT RAISE(ABORT, '${NOT_OWNER}'); END`;
  const statements = [
    `CREATE TRIGGER ${q(`bf_${n}_owner_insert`)} BEFORE INSERT ON ${q(n)} WHEN bf_capturing() AND ${otherSite('NEW')} ${refuse}`,
  ];
  if (!SHARED_TABLES.has(n))
    statements.push(
      `CREATE TRIGGER ${q(`bf_${n}_owner_update`)} BEFORE UPDATE ON ${q(n)} WHEN bf_capturing() AND ${otherSite('OLD')} ${refuse}`,
    );
  return statements;
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
