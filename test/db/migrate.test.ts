import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../db/client';
import { applyMigrations, planMigrations, readMigrations } from '../../db/migrate';
import { migrationsFolder } from '../../db/paths';
import { bigrams } from '../../db/search/bigrams';
import { registerSearchFunctions } from '../../db/search/bulkIndex';
import { dropChangeTriggers } from '../../db/sync/triggers';
import { tempDir } from '../helpers/db';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
const tmp = () => {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
};

/** A migrations folder with the given SQL files, in drizzle-kit's layout. */
const writeMigrations = (dir: string, files: Record<string, string>) => {
  mkdirSync(join(dir, 'meta'), { recursive: true });
  const entries = Object.keys(files).map((tag, idx) => ({
    idx,
    version: '6',
    when: idx,
    tag,
    breakpoints: true,
  }));
  writeFileSync(
    join(dir, 'meta', '_journal.json'),
    JSON.stringify({ version: '7', dialect: 'sqlite', entries }),
  );
  for (const [tag, sql] of Object.entries(files)) writeFileSync(join(dir, `${tag}.sql`), sql);
  return dir;
};

const PARENT_CHILD = `CREATE TABLE parent (id text PRIMARY KEY, name text NOT NULL);
--> statement-breakpoint
CREATE TABLE child (id text PRIMARY KEY, parent_id text NOT NULL REFERENCES parent(id) ON DELETE CASCADE);`;

// What drizzle-kit emits when a column change forces SQLite to rebuild a table.
const REBUILD_PARENT = `PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE __new_parent (id text PRIMARY KEY, name text NOT NULL, region text);
--> statement-breakpoint
INSERT INTO __new_parent (id, name) SELECT id, name FROM parent;--> statement-breakpoint
DROP TABLE parent;--> statement-breakpoint
ALTER TABLE __new_parent RENAME TO parent;--> statement-breakpoint
PRAGMA foreign_keys=ON;`;

const withFamily = (db: Database.Database) => {
  db.exec("INSERT INTO parent VALUES ('p1', '揭阳职院'), ('p2', '普宁市教育局')");
  db.exec("INSERT INTO child VALUES ('c1', 'p1'), ('c2', 'p1'), ('c3', 'p2')");
};

describe('migration runner', () => {
  it('rebuilds a parent table without cascading deletes into its children', () => {
    const folder = writeMigrations(join(tmp(), 'm'), {
      '0000_init': PARENT_CHILD,
      '0001_rebuild': REBUILD_PARENT,
    });
    const db = new Database(join(tmp(), 'x.sqlite'));
    db.pragma('foreign_keys = ON');
    const all = readMigrations(folder);
    applyMigrations(db, planMigrations(db, all.slice(0, 1)).pending, () => 1);
    withFamily(db);
    applyMigrations(db, planMigrations(db, all).pending, () => 2);
    expect(db.prepare('SELECT count(*) FROM child').pluck().get()).toBe(3);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('would lose the children if the rebuild ran inside one transaction with foreign keys on (the hazard)', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const s of PARENT_CHILD.split('--> statement-breakpoint')) db.exec(s);
    withFamily(db);
    db.transaction(() => {
      for (const s of REBUILD_PARENT.split('--> statement-breakpoint')) db.exec(s);
    })();
    expect(db.prepare('SELECT count(*) FROM child').pluck().get()).toBe(0);
    db.close();
  });

  it('rolls back a migration that would leave dangling references', () => {
    const broken = `DELETE FROM parent WHERE id = 'p1';`;
    const folder = writeMigrations(join(tmp(), 'm'), { '0000_init': PARENT_CHILD, '0001_broken': broken });
    const db = new Database(join(tmp(), 'x.sqlite'));
    const all = readMigrations(folder);
    applyMigrations(db, planMigrations(db, all.slice(0, 1)).pending, () => 1);
    withFamily(db);
    expect(() => applyMigrations(db, planMigrations(db, all).pending, () => 2)).toThrow(/破坏 2 条记录/);
    expect(db.prepare('SELECT count(*) FROM parent').pluck().get()).toBe(2);
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(1);
    db.close();
  });

  it('never skips a migration recorded out of order', () => {
    const folder = writeMigrations(join(tmp(), 'm'), {
      '0000_init': PARENT_CHILD,
      '0001_rebuild': REBUILD_PARENT,
    });
    const db = new Database(':memory:');
    const all = readMigrations(folder);
    planMigrations(db, all);
    db.prepare('INSERT INTO schema_migrations VALUES (1, ?, ?, 1)').run(all[1]!.tag, all[1]!.hash);
    expect(() => planMigrations(db, all)).toThrow(/不连续/);
    db.close();
  });

  it('migrates the real schema from the previous migration with data present and keeps every row', async () => {
    const dir = tmp();
    const old = join(dir, 'old');
    cpSync(migrationsFolder(), old, { recursive: true });
    const journal = JSON.parse(readFileSync(join(old, 'meta', '_journal.json'), 'utf8')) as {
      entries: unknown[];
    };
    journal.entries = journal.entries.slice(0, -1);
    writeFileSync(join(old, 'meta', '_journal.json'), JSON.stringify(journal));
    const file = join(dir, 'data', 'bangfu-ledger.sqlite');
    mkdirSync(join(dir, 'data'));
    // The previous schema by the runner alone: this version's triggers name tables a newer migration adds.
    // Its search triggers call the functions the app registers on its connection.
    const db = new Database(file);
    db.function('bf_bigrams', { deterministic: true }, (text: unknown) => bigrams(text as string | null));
    registerSearchFunctions(db);
    applyMigrations(db, planMigrations(db, readMigrations(old)).pending, () => 1);

    // Rows as the previous version wrote them (its triggers are not this version's, so write them bare).
    dropChangeTriggers(db);
    const t = 1_700_000_000_000;
    const sync = `'${t}', '${t}', NULL, 'site-1'`;
    db.exec(`INSERT INTO institutions (id, created_at, updated_at, deleted_at, owner_site, name, kind)
      VALUES ('i1', ${sync}, '揭阳职业技术学院', '高职院校'), ('i2', ${sync}, '普宁市教育局', '教育局')`);
    db.exec(`INSERT INTO agreements (id, created_at, updated_at, deleted_at, owner_site, title, program_type,
      delivery_mode, document_form, period_start, period_end, status, budget_fen)
      VALUES ('a1', ${sync}, '结对帮扶协议', '基础教育帮扶', '一对一', '协议', '2021', '2025', '执行中', 21000000)`);
    db.exec(`INSERT INTO agreement_parties (id, created_at, updated_at, deleted_at, owner_site, agreement_id, institution_id, role, sort)
      VALUES ('p1', ${sync}, 'a1', 'i1', '支援方', 0), ('p2', ${sync}, 'a1', 'i2', '受援方', 1)`);
    for (let i = 0; i < 50; i++) {
      db.exec(`INSERT INTO tasks (id, created_at, updated_at, deleted_at, owner_site, agreement_id, name, category, year, status, sort)
        VALUES ('t${i}', ${sync}, 'a1', '项目${i}', '师资培训', 2023, '进行中', ${i})`);
    }
    db.exec(`INSERT INTO change_log (device_no, seq, hlc, tx, tbl, row_id, op, data)
      VALUES (1, 1, '018bcfe56800-0000-0000000000000001', 1, 'agreements', 'a1', 'i', '{}')`);
    const countsBefore = ['institutions', 'agreements', 'agreement_parties', 'tasks', 'change_log'].map(
      (n) => db.prepare(`SELECT count(*) FROM ${n}`).pluck().get() as number,
    );
    db.close();

    const store = await openStore(file);
    try {
      const r = store.read.sqlite;
      const countsAfter = ['institutions', 'agreements', 'agreement_parties', 'tasks', 'change_log'].map(
        (n) => r.prepare(`SELECT count(*) FROM ${n}`).pluck().get() as number,
      );
      expect(countsAfter).toEqual(countsBefore);
      expect(r.prepare("SELECT budget_fen FROM agreements WHERE id = 'a1'").pluck().get()).toBe(21000000);
      expect(r.prepare("SELECT name, notes, year_end FROM tasks WHERE id = 't7'").get()).toEqual({
        name: '项目7',
        notes: null,
        year_end: null,
      });
      expect(r.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      store.close();
    }
  });
});
