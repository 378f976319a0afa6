import type Database from 'better-sqlite3';
import { columnStatements, insertSql, updateSql, type Row, type Value } from './applyStore';

// The rows a dry run would write, kept beside the database's own: one TEMP copy per table written, made
// with the table's own column definitions (types, NOT NULLs, defaults), so what is read back is what the
// import would read; and the rows it would delete (a withdrawn creation). A read looks at the copy first,
// then at the database. Statements are prepared once per table and column set: this is the dry run's
// per-record path.

export interface OverlayRows {
  current(table: string, id: string): Row | undefined;
  exists(table: string, id: string): boolean;
  insert(table: string, names: string[], values: Value[]): void;
  update(table: string, id: string, columns: string[], values: Value[]): void;
  remove(table: string, id: string): void;
  /** References the rows would leave dangling (the import's commit checks them): the first table and count. */
  dangling(): { table: string; count: number } | null;
}

interface Access {
  mainRow: Database.Statement;
  mainHas: Database.Statement;
  copy: Copy | null;
}
interface Copy {
  name: string;
  row: Database.Statement;
  has: Database.Statement;
  fromMain: Database.Statement;
  drop: Database.Statement;
}

export const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;
const GONE = 'temp."bf_dry_gone"';

export const overlayRows = (db: Database.Database): OverlayRows => {
  db.exec(`CREATE TEMP TABLE "bf_dry_gone" (tbl TEXT, id TEXT, PRIMARY KEY (tbl, id)) WITHOUT ROWID`);
  const goneAt = db.prepare(`SELECT 1 FROM ${GONE} WHERE tbl = ? AND id = ?`);
  const bury = db.prepare(`INSERT OR IGNORE INTO ${GONE} (tbl, id) VALUES (?, ?)`);
  const unbury = db.prepare(`DELETE FROM ${GONE} WHERE tbl = ? AND id = ?`);
  let buried = 0;
  const isGone = (table: string, id: string) => buried > 0 && goneAt.get(table, id) !== undefined;

  const tables = new Map<string, Access>();
  const access = (table: string): Access => {
    let a = tables.get(table);
    if (!a) {
      a = {
        mainRow: db.prepare(`SELECT * FROM main.${q(table)} WHERE id = ?`),
        mainHas: db.prepare(`SELECT 1 FROM main.${q(table)} WHERE id = ?`),
        copy: null,
      };
      tables.set(table, a);
    }
    return a;
  };
  const copyOf = (table: string): Copy => {
    const a = access(table);
    if (!a.copy) {
      const name = `temp.${q(`bf_dry_row_${table}`)}`;
      const cols = db.pragma(`main.table_info(${q(table)})`) as {
        name: string;
        type: string;
        notnull: number;
        dflt_value: string | null;
        pk: number;
      }[];
      const defs = cols.map(
        (c) =>
          `${q(c.name)} ${c.type}${c.pk ? ' PRIMARY KEY' : ''}${c.notnull ? ' NOT NULL' : ''}` +
          (c.dflt_value !== null ? ` DEFAULT ${c.dflt_value}` : ''),
      );
      db.exec(`CREATE TABLE ${name} (${defs.join(', ')}) WITHOUT ROWID`);
      a.copy = {
        name,
        row: db.prepare(`SELECT * FROM ${name} WHERE id = ?`),
        has: db.prepare(`SELECT 1 FROM ${name} WHERE id = ?`),
        fromMain: db.prepare(`INSERT INTO ${name} SELECT * FROM main.${q(table)} WHERE id = ?`),
        drop: db.prepare(`DELETE FROM ${name} WHERE id = ?`),
      };
    }
    return a.copy;
  };
  const inserts = columnStatements(db, insertSql);
  const updates = columnStatements(db, updateSql);
  const read = (table: string, id: string, which: 'row' | 'has') => {
    const a = access(table);
    const copied: unknown = a.copy?.[which].get(id);
    if (copied !== undefined || isGone(table, id)) return copied;
    return (which === 'row' ? a.mainRow : a.mainHas).get(id);
  };

  return {
    current: (table, id) => read(table, id, 'row') as Row | undefined,
    exists: (table, id) => read(table, id, 'has') !== undefined,
    insert(table, names, values) {
      inserts(copyOf(table).name, names).run(...values);
      if (isGone(table, values[names.indexOf('id')] as string))
        unbury.run(table, values[names.indexOf('id')]);
    },
    update(table, id, columns, values) {
      // What the database's trigger refuses (bf_<table>_id_fixed), refused here too.
      const at = columns.indexOf('id');
      if (at >= 0 && values[at] !== id) throw new Error('row ids never change');
      const copy = copyOf(table);
      if (copy.has.get(id) === undefined) copy.fromMain.run(id);
      updates(copy.name, columns).run(...values, id);
    },
    remove(table, id) {
      copyOf(table).drop.run(id);
      bury.run(table, id);
      buried++;
    },
    dangling: () => danglingKeys(db, (table) => tables.get(table)?.copy?.name),
  };
};

/**
 * Every row the bundle would write must find what it references, in a copy or in the database, and no row
 * left must reference one the bundle would delete. References are to ids (every synced table's key).
 */
const danglingKeys = (
  db: Database.Database,
  copyName: (table: string) => string | undefined,
): { table: string; count: number } | null => {
  const tables = db
    .prepare(
      "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const count = (sql: string, ...params: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .get(...params) as number;
  for (const table of tables) {
    const copy = copyName(table);
    let bad = 0;
    for (const k of db.pragma(`main.foreign_key_list(${q(table)})`) as { table: string; from: string }[]) {
      const parent = copyName(k.table);
      const from = q(k.from);
      if (copy)
        bad += count(
          `SELECT count(*) FROM ${copy} c WHERE c.${from} IS NOT NULL
             ${parent ? `AND NOT EXISTS (SELECT 1 FROM ${parent} p WHERE p.id = c.${from})` : ''}
             AND (NOT EXISTS (SELECT 1 FROM main.${q(k.table)} m WHERE m.id = c.${from})
               OR EXISTS (SELECT 1 FROM ${GONE} g WHERE g.tbl = ? AND g.id = c.${from}))`,
          k.table,
        );
      // Rows of the database the bundle leaves as they are, pointing at a row it deletes.
      bad += count(
        `SELECT count(*) FROM ${GONE} g JOIN main.${q(table)} c ON c.${from} = g.id
         WHERE g.tbl = ? AND NOT EXISTS (SELECT 1 FROM ${GONE} h WHERE h.tbl = ? AND h.id = c.id)
           ${copy ? `AND NOT EXISTS (SELECT 1 FROM ${copy} o WHERE o.id = c.id)` : ''}`,
        k.table,
        table,
      );
    }
    if (bad > 0) return { table, count: bad };
  }
  return null;
};
