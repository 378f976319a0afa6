import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { HybridLogicalClock, nodeFromDeviceId } from '../../db/sync/hlc';
import type { TaskRow } from './fixtures';

// The ceiling: hand-written prepared INSERTs of the same task rows and of the same change records the
// bf_tasks_insert trigger writes (device_no 1, seq, HLC, tx = seq of the transaction's first record,
// data = JSON of every column but the id), in transactions of the same size, synchronous FULL.

/** Task columns in schema order, which is the order the trigger's json_object lists them in. */
const TASK_COLUMNS = [
  'created_at',
  'updated_at',
  'deleted_at',
  'owner_site',
  'agreement_id',
  'name',
  'category',
  'description',
  'department',
  'responsible_person',
  'liaison',
  'contact',
  'year',
  'target_text',
  'target_value',
  'target_unit',
  'budget_fen',
  'status',
  'notes',
  'sort',
] as const;

export interface RawWriter {
  /** Writes `rows` in one transaction, as one tx group in the change log. */
  write(rows: TaskRow[]): void;
  close(): void;
}

/**
 * A second connection to a database made by openApp (schema, device identity, agreement all in place).
 * The tasks insert triggers are dropped first: this path writes the change records itself, always as the
 * owner, and has none of the app's connection functions the triggers call.
 */
export const rawWriter = (dbPath: string, agreementId: string): RawWriter => {
  const db = new Database(dbPath);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec('DROP TRIGGER "bf_tasks_insert"; DROP TRIGGER "bf_tasks_owner_insert"');
  const state = db.prepare('SELECT device_id, site_id, seq FROM device_state WHERE one = 1').get() as {
    device_id: string;
    site_id: string;
    seq: number;
  };
  const clock = new HybridLogicalClock(nodeFromDeviceId(state.device_id));
  clock.restore(
    db.prepare('SELECT max(hlc) FROM change_log WHERE device_no = 1').pluck().get() as string | null,
  );
  const insertTask = db.prepare(
    `INSERT INTO tasks (id, ${TASK_COLUMNS.join(', ')}) VALUES (?${', ?'.repeat(TASK_COLUMNS.length)})`,
  );
  const insertChange = db.prepare(
    "INSERT INTO change_log (device_no, seq, hlc, tx, tbl, row_id, op, data) VALUES (1, ?, ?, ?, 'tasks', ?, 'i', ?)",
  );
  const saveSeq = db.prepare('UPDATE device_state SET seq = ? WHERE one = 1');
  let seq = state.seq;
  let sort = (db.prepare('SELECT coalesce(max(sort), -1) + 1 FROM tasks').pluck().get() as number) ?? 0;

  const write = db.transaction((rows: TaskRow[]) => {
    const tx = seq + 1;
    for (const r of rows) {
      const t = Date.now();
      const budget = r.budgetYuan === undefined || r.budgetYuan === null ? null : Number(r.budgetYuan);
      const values = [
        t,
        t,
        null,
        state.site_id,
        agreementId,
        r.name,
        r.category,
        r.description ?? null,
        r.department ?? null,
        r.responsiblePerson ?? null,
        r.liaison ?? null,
        r.contact ?? null,
        Number(r.year),
        r.targetText ?? null,
        r.targetValue === undefined || r.targetValue === null ? null : Number(r.targetValue),
        r.targetUnit ?? null,
        budget === null ? null : Math.round(budget * 100),
        r.status,
        r.notes ?? null,
        sort++,
      ];
      const id = uuidv7();
      insertTask.run(id, ...values);
      const data: Record<string, unknown> = {};
      for (let i = 0; i < TASK_COLUMNS.length; i++) data[TASK_COLUMNS[i]!] = values[i];
      seq += 1;
      insertChange.run(seq, clock.now(), tx, id, JSON.stringify(data));
    }
    saveSeq.run(seq);
  });

  return { write: (rows) => write.immediate(rows), close: () => db.close() };
};
