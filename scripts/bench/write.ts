import Database from 'better-sqlite3';
import { benchApp, taskRow, type TaskRow } from './fixtures';
import { rawWriter } from './raw';
import { figure, percentile, timeMs, timeMsAsync } from './stats';
import { measureStore } from './store';

// Issue 3's write benchmark: the API's batch path (validation, repository, triggers writing the change log,
// one transaction per 1,000 rows) against hand-written prepared INSERTs of the same task rows and the same
// change records with the same transaction sizes, which is the ceiling. Then single durable writes.

const TOTAL = 50_000;
const BATCH = 1_000;
const SINGLES = 2_000;
const WARMUP = 200;

interface LogSample {
  groups: number;
  avgDataBytes: number;
  first: Record<string, unknown>;
  last: Record<string, unknown>;
}

/** What the bulk write left in the change log: tx groups, record size, the first and last records. */
const sampleLog = (dbPath: string): LogSample => {
  const db = new Database(dbPath, { readonly: true });
  try {
    const agg = db
      .prepare(
        "SELECT count(DISTINCT tx) AS groups, avg(length(CAST(data AS BLOB))) AS avg FROM change_log WHERE tbl = 'tasks'",
      )
      .get() as { groups: number; avg: number };
    const data = (order: 'ASC' | 'DESC') =>
      JSON.parse(
        db
          .prepare(`SELECT data FROM change_log WHERE tbl = 'tasks' ORDER BY seq ${order} LIMIT 1`)
          .pluck()
          .get() as string,
      ) as Record<string, unknown>;
    return { groups: agg.groups, avgDataBytes: agg.avg, first: data('ASC'), last: data('DESC') };
  } finally {
    db.close();
  }
};

// Stamps and ids differ between the two databases by construction; everything else must match.
const VARYING = new Set(['created_at', 'updated_at', 'owner_site', 'agreement_id']);
const sameRecord = (a: Record<string, unknown>, b: Record<string, unknown>): boolean =>
  Object.keys(a).join() === Object.keys(b).join() &&
  Object.keys(a).every((k) => VARYING.has(k) || a[k] === b[k]);

const batches = (rows: TaskRow[]): TaskRow[][] =>
  Array.from({ length: Math.ceil(rows.length / BATCH) }, (_, i) => rows.slice(i * BATCH, (i + 1) * BATCH));

export const runWriteBench = async (root: string): Promise<void> => {
  const rows = Array.from({ length: TOTAL }, (_, i) => taskRow(i));
  const singleRows = Array.from({ length: WARMUP + SINGLES }, (_, i) => taskRow(TOTAL + i));

  // Both stores are made the same way through the API. The raw one's app connection is closed before the
  // raw connection drops the insert trigger and writes. The two paths alternate batch by batch (and write
  // by write below), so disk and CPU noise from anything else on the machine falls on both alike.
  const api = await benchApp(root, 'api');
  const rawApp = await benchApp(root, 'raw');
  rawApp.dispose();
  const raw = rawWriter(rawApp.app.dbPath, rawApp.agreementId);

  // (a) 50 batches of 1,000 on each path.
  const before = measureStore(api.app.dbPath);
  let apiMs = 0;
  let rawMs = 0;
  for (const tasks of batches(rows)) {
    apiMs += await timeMsAsync(() => api.call('tasks.createBatch', { agreementId: api.agreementId, tasks }));
    rawMs += timeMs(() => raw.write(tasks));
  }
  // (c) what the API's bulk write added to its store, before single writes add more.
  const after = measureStore(api.app.dbPath);
  const apiLog = sampleLog(api.app.dbPath);
  const rawLog = sampleLog(rawApp.app.dbPath);

  // (b) single writes, each its own durable transaction.
  const singles: number[] = [];
  const rawSingles: number[] = [];
  for (const [i, row] of singleRows.entries()) {
    const ms = await timeMsAsync(() => api.call('tasks.create', { agreementId: api.agreementId, ...row }));
    const rawOne = timeMs(() => raw.write([row]));
    if (i >= WARMUP) {
      singles.push(ms);
      rawSingles.push(rawOne);
    }
  }
  api.dispose();
  raw.close();

  const same = sameRecord(apiLog.first, rawLog.first) && sameRecord(apiLog.last, rawLog.last);
  console.log(
    `${TOTAL} tasks in transactions of ${BATCH} (API: ${(apiMs / 1000).toFixed(2)} s, raw: ${(rawMs / 1000).toFixed(2)} s); ` +
      `${SINGLES} single durable writes after ${WARMUP} warm-up`,
  );
  console.log(
    `change log: ${apiLog.groups} / ${rawLog.groups} tx groups (API / raw), ` +
      `avg data ${apiLog.avgDataBytes.toFixed(0)} / ${rawLog.avgDataBytes.toFixed(0)} B; ` +
      (same
        ? 'raw records match the trigger’s columns and values'
        : 'WARNING: raw records differ from the trigger’s'),
  );
  const apiRate = TOTAL / (apiMs / 1000);
  const rawRate = TOTAL / (rawMs / 1000);
  singles.sort((a, b) => a - b);
  rawSingles.sort((a, b) => a - b);
  figure('write.api_rows_per_s', apiRate, 'rows/s');
  figure('write.raw_rows_per_s', rawRate, 'rows/s');
  figure('write.api_vs_raw', apiRate / rawRate, 'x');
  figure('write.single_p50_ms', percentile(singles, 50), 'ms');
  figure('write.single_p95_ms', percentile(singles, 95), 'ms');
  figure('write.raw_single_p50_ms', percentile(rawSingles, 50), 'ms');
  figure('write.raw_single_p95_ms', percentile(rawSingles, 95), 'ms');
  console.log(
    `store: ${(before.bytes / 1024).toFixed(0)} KiB before the bulk write, ${(after.bytes / 1024 / 1024).toFixed(1)} MiB after (WAL checkpointed)`,
  );
  figure('store.bytes_per_task', (after.bytes - before.bytes) / TOTAL, 'B');
  if (after.changeLog === null || before.changeLog === null) {
    console.log('dbstat is not compiled into this SQLite: the change log’s share was not measured');
  } else {
    figure('store.change_log_bytes_per_task', (after.changeLog - before.changeLog) / TOTAL, 'B');
    const idx = (after.changeLogIndexes ?? 0) - (before.changeLogIndexes ?? 0);
    console.log(
      `change_log indexes (device_no+seq, row_id) add ${(idx / TOTAL).toFixed(0)} B per task on top`,
    );
  }
};
