import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { HybridLogicalClock, nodeFromDeviceId } from '../../db/sync/hlc';
import { benchApp, taskRow, type BenchApp } from './fixtures';
import { figure, percentile, timeMs, timeMsAsync } from './stats';

// Issue 3's write benchmark: the API's batch path (validation, repository, triggers writing the change log,
// one transaction per 1,000 rows) against hand-written prepared INSERTs of the same task rows and the same
// change records with the same transaction sizes, which is the ceiling.

const TOTAL = 50_000;
const BATCH = 1_000;
const SINGLES = 2_000;
const WARMUP = 200;

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

// page_count reads through the WAL, so this is the database's logical size without a checkpoint.
const storeBytes = (db: Database.Database): number => {
  return (
    (db.pragma('page_count', { simple: true }) as number) *
    (db.pragma('page_size', { simple: true }) as number)
  );
};

/** A raw connection to a bench database with the tasks insert trigger gone: the raw path logs by hand. */
const rawWriter = (b: BenchApp) => {
  const db = new Database(b.app.dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec('DROP TRIGGER "bf_tasks_insert"');
  const state = db.prepare('SELECT device_id, site_id, seq FROM device_state').get() as {
    device_id: string;
    site_id: string;
    seq: number;
  };
  const clock = new HybridLogicalClock(nodeFromDeviceId(state.device_id));
  const insertTask = db.prepare(
    `INSERT INTO tasks (id, ${TASK_COLUMNS.join(', ')}) VALUES (?, ${TASK_COLUMNS.map(() => '?').join(', ')})`,
  );
  const insertChange = db.prepare(
    'INSERT INTO change_log (device_no, seq, hlc, tx, tbl, row_id, op, data) VALUES (1, ?, ?, ?, ?, ?, ?, ?)',
  );
  const saveSeq = db.prepare('UPDATE device_state SET seq = ? WHERE one = 1');
  let seq = state.seq;
  let sort = 0;
  const write = (rows: ReturnType<typeof taskRow>[]) => {
    const tx = seq + 1;
    for (const r of rows) {
      const t = Date.now();
      const values = [
        t,
        t,
        null,
        state.site_id,
        b.agreementId,
        r.name,
        r.category,
        null,
        r.department ?? null,
        r.responsiblePerson ?? null,
        null,
        null,
        r.year,
        r.targetText ?? null,
        r.targetValue ?? null,
        r.targetUnit ?? null,
        Math.round(Number(r.budgetYuan) * 100),
        r.status,
        null,
        sort++,
      ];
      const id = uuidv7();
      insertTask.run(id, ...values);
      const data = JSON.stringify(Object.fromEntries(TASK_COLUMNS.map((c, i) => [c, values[i]])));
      seq += 1;
      insertChange.run(seq, clock.now(), tx, 'tasks', id, 'i', data);
    }
    saveSeq.run(seq);
  };
  return { db, batch: db.transaction(write) };
};

export const runWriteBench = async (): Promise<void> => {
  const rows = Array.from({ length: TOTAL }, (_, i) => taskRow(i));

  const api = await benchApp();
  const before = storeBytes(new Database(api.app.dbPath, { readonly: true }));
  const apiMs = await timeMsAsync(async () => {
    for (let i = 0; i < TOTAL; i += BATCH) {
      await api.call('tasks.createBatch', { agreementId: api.agreementId, tasks: rows.slice(i, i + BATCH) });
    }
  });
  const inspect = new Database(api.app.dbPath);
  const after = storeBytes(inspect);
  let changeLogBytes: number | null = null;
  try {
    changeLogBytes = inspect
      .prepare("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'change_log%'")
      .pluck()
      .get() as number;
  } catch {
    changeLogBytes = null;
  }
  inspect.close();

  const singles: number[] = [];
  for (let i = 0; i < WARMUP + SINGLES; i++) {
    const ms = await timeMsAsync(() =>
      api.call('tasks.create', { agreementId: api.agreementId, ...rows[i]! }),
    );
    if (i >= WARMUP) singles.push(ms);
  }
  api.dispose();

  const rawApp = await benchApp();
  rawApp.app.close();
  const raw = rawWriter(rawApp);
  const rawMs = timeMs(() => {
    for (let i = 0; i < TOTAL; i += BATCH) raw.batch(rows.slice(i, i + BATCH));
  });
  const rawSingles: number[] = [];
  for (let i = 0; i < WARMUP + SINGLES; i++) {
    const ms = timeMs(() => raw.batch([rows[i]!]));
    if (i >= WARMUP) rawSingles.push(ms);
  }
  raw.db.close();
  rawApp.dispose();

  const apiRate = TOTAL / (apiMs / 1000);
  const rawRate = TOTAL / (rawMs / 1000);
  singles.sort((a, b) => a - b);
  rawSingles.sort((a, b) => a - b);
  console.log(
    `${TOTAL} tasks in transactions of ${BATCH}; ${SINGLES} single durable writes after ${WARMUP} warm-up`,
  );
  figure('write.api_rows_per_s', apiRate, 'rows/s');
  figure('write.raw_rows_per_s', rawRate, 'rows/s');
  figure('write.api_vs_raw', apiRate / rawRate, 'x');
  figure('write.single_p50_ms', percentile(singles, 50), 'ms');
  figure('write.single_p95_ms', percentile(singles, 95), 'ms');
  figure('write.raw_single_p95_ms', percentile(rawSingles, 95), 'ms');
  figure('store.bytes_per_task', (after - before) / TOTAL, 'B');
  if (changeLogBytes !== null) figure('store.change_log_bytes_per_task', changeLogBytes / TOTAL, 'B');
  else console.log('dbstat is not compiled into this SQLite: change-log share not measured');
};
