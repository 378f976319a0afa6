import { copyFileSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { bigrams } from '../../db/search/bigrams';
import { walkZip } from '../../db/zip/readZip';
import { BUNDLE_LIMITS } from '../../db/sync/bundle/read';
import { peakMb } from './peakMemory';

// Child process of the sync benchmark: the ceiling an import is measured against. The same bundle goes into
// a copy of the department's empty store (same tables, same indexes, both search indexes) with nothing but
// what SQLite must do: inflate, JSON.parse, one prepared INSERT per row and one per change-log entry, and
// the search indexes filled once per chunk, in one transaction, synchronous FULL. No signature, hashing,
// validation, merge or triggers. Prints its time and this process's peak memory.

const [template, path, bundlePath] = process.argv.slice(2) as [string, string, string];
copyFileSync(template, path);
const db = new Database(path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.function('bf_bigrams', { deterministic: true }, (text: unknown) => bigrams(text as string | null));
for (const name of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all())
  db.exec(`DROP TRIGGER "${name as string}"`);
const deviceNo = (
  db
    .prepare(
      "INSERT INTO devices (device_id, site_id, public_key, enrolled_at) VALUES ('raw', '', '', 0) RETURNING no",
    )
    .get() as {
    no: number;
  }
).no;
const log = db.prepare(
  'INSERT INTO change_log (device_no, seq, hlc, tx, tbl, row_id, op, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
);
const inserts = new Map<string, Database.Statement>();
const insert = (table: string, cols: string[]) => {
  const sql = `INSERT INTO "${table}" (id, ${cols.map((c) => `"${c}"`).join(', ')}) VALUES (?${', ?'.repeat(cols.length)})`;
  let st = inserts.get(sql);
  if (!st) inserts.set(sql, (st = db.prepare(sql)));
  return st;
};
const index = [
  db.prepare(`INSERT INTO activities_fts (rowid, title, place, outcome, notes, platform, organiser, context)
    SELECT rid, title, place, outcome, notes, platform, organiser, context FROM activity_search WHERE rid > ?`),
  db.prepare(`INSERT INTO activities_bigrams (rowid, words)
    SELECT rid, bf_bigrams(concat_ws(' ', title, place, outcome, notes, platform, organiser, context))
    FROM activity_search WHERE rid > ?`),
];
const lastRowid = db.prepare('SELECT coalesce(max(rowid), 0) FROM activities').pluck();

const bytes = readFileSync(bundlePath);
const start = process.hrtime.bigint();
const cpu = process.cpuUsage();
db.exec('BEGIN IMMEDIATE');
let indexed = lastRowid.get() as number;
await walkZip(bytes, BUNDLE_LIMITS, (name, data) => {
  if (!name.startsWith('changes/')) return;
  for (const line of data.toString('utf8').split('\n')) {
    if (line === '') continue;
    const r = JSON.parse(line) as {
      s: number;
      h: string;
      x: number;
      t: string;
      r: string;
      o: string;
      v: Record<string, string | number | null>;
    };
    const cols = Object.keys(r.v);
    insert(r.t, cols).run(r.r, ...cols.map((c) => r.v[c]));
    log.run(deviceNo, r.s, r.h, r.x, r.t, r.r, r.o, JSON.stringify(r.v));
  }
  for (const st of index) st.run(indexed);
  indexed = lastRowid.get() as number;
});
db.exec('COMMIT');
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const used = process.cpuUsage(cpu);
db.close();
console.log(
  JSON.stringify({
    ms,
    cpuMs: (used.user + used.system) / 1000,
    peakMb: peakMb(),
  }),
);
