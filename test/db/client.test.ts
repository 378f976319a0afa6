import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../db/client';
import { readMigrations } from '../../db/migrate';
import { migrationsFolder } from '../../db/paths';
import { AppFailure } from '../../electron/shared/errors';
import { openTestApp, seedAgreement, tempDir } from '../helpers/db';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
const tmp = () => {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
};

const failure = async (p: Promise<unknown>): Promise<AppFailure> => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppFailure);
    return e as AppFailure;
  }
  throw new Error('expected a failure');
};

describe('opening the store', () => {
  it('uses WAL, foreign keys and synchronous FULL on the writing connection', async () => {
    const store = await openStore(join(tmp(), 'a.sqlite'));
    try {
      expect(store.write.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.write.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(store.write.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      store.close();
    }
  });

  it('keeps the statement journals of writes in memory (every synced write runs triggers), reads as they were', async () => {
    const store = await openStore(join(tmp(), 'a.sqlite'));
    try {
      expect(store.write.sqlite.pragma('temp_store', { simple: true })).toBe(2);
      expect(store.read.sqlite.pragma('temp_store', { simple: true })).toBe(0);
    } finally {
      store.close();
    }
  });

  it('keeps the TEMP tables of a transaction that asks for it on disk, and the journals in memory again after', async () => {
    const store = await openStore(join(tmp(), 'a.sqlite'));
    const db = store.write.sqlite;
    try {
      for (const outcome of ['commit', 'throw', 'commit'] as const) {
        const inside = store.applyRemoteAsync(
          async () => {
            db.exec('CREATE TEMP TABLE overlay (id TEXT PRIMARY KEY)');
            db.prepare('INSERT INTO overlay (id) VALUES (?)').run('x');
            const mode = db.pragma('temp_store', { simple: true });
            if (outcome === 'throw') throw new Error('dry run');
            return mode;
          },
          { tempOnDisk: true },
        );
        if (outcome === 'throw') await expect(inside).rejects.toThrow('dry run');
        else expect(await inside).toBe(1);
        expect(db.pragma('temp_store', { simple: true })).toBe(2);
        expect(
          db.prepare("SELECT count(*) FROM temp.sqlite_schema WHERE name = 'overlay'").pluck().get(),
        ).toBe(0);
      }
    } finally {
      store.close();
    }
  });

  it('gives reads a connection that cannot write', async () => {
    const store = await openStore(join(tmp(), 'a.sqlite'));
    try {
      expect(() => store.read.sqlite.exec("INSERT INTO settings (key, value) VALUES ('x', 'y')")).toThrow(
        /readonly/,
      );
    } finally {
      store.close();
    }
  });

  it('refuses a file that is not a database, with a clear Chinese message, and leaves it alone', async () => {
    const file = join(tmp(), 'junk.sqlite');
    writeFileSync(file, Buffer.alloc(8192, 7));
    const e = await failure(openStore(file));
    expect(e.code).toBe('DB_CORRUPT');
    expect(e.message).toMatch(/数据库文件已损坏/);
    expect(readdirSync(join(file, '..'))).toEqual(['junk.sqlite']);
  });

  it('refuses a database whose identity pages were damaged (what opening reads is checked at start)', async () => {
    const dir = tmp();
    const t = await openTestApp({ dir });
    await seedAgreement(t);
    t.close();
    const file = join(dir, 'bangfu-ledger.sqlite');
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const root = db
      .prepare("SELECT rootpage FROM sqlite_master WHERE name = 'devices'")
      .pluck()
      .get() as number;
    db.close();
    const fd = await import('node:fs').then((fs) => fs.openSync(file, 'r+'));
    const { writeSync, closeSync } = await import('node:fs');
    writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (root - 1) * pageSize);
    closeSync(fd);
    const e = await failure(openStore(file));
    expect(e.code).toBe('DB_CORRUPT');
  });

  it('refuses a database made by a newer version of the app and changes nothing', async () => {
    const file = join(tmp(), 'future.sqlite');
    (await openStore(file)).close();
    const db = new Database(file);
    const known = readMigrations(migrationsFolder()).length;
    db.prepare('INSERT INTO schema_migrations (idx, tag, hash, applied_at) VALUES (?, ?, ?, ?)').run(
      known,
      '9999_future',
      'x',
      1,
    );
    db.close();
    const before = Buffer.from(await import('node:fs').then((fs) => fs.readFileSync(file)));
    const e = await failure(openStore(file));
    expect(e.code).toBe('DB_TOO_NEW');
    expect(e.message).toMatch(/请升级程序/);
    expect((await import('node:fs')).readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a database whose recorded migration differs from the app’s file', async () => {
    const file = join(tmp(), 'tampered.sqlite');
    (await openStore(file)).close();
    const db = new Database(file);
    db.prepare("UPDATE schema_migrations SET hash = 'other' WHERE idx = 0").run();
    db.close();
    expect((await failure(openStore(file))).code).toBe('MIGRATION_FAILED');
  });

  it('keeps data across a restart', async () => {
    const dir = tmp();
    const t1 = await openTestApp({ dir });
    const { agreement } = await seedAgreement(t1);
    t1.close();
    const t2 = await openTestApp({ dir, setup: false });
    try {
      const got = await t2.call('agreements.get', { id: agreement.id });
      expect(got.title).toBe(agreement.title);
      expect(got.parties.map((p) => p.institutionName)).toEqual(['揭阳职业技术学院', '普宁市教育局']);
      expect((await t2.call('app.status', {})).initialized).toBe(true);
    } finally {
      t2.close();
    }
  });
});

describe('migrations', () => {
  it('backs up before migrating an older database, and the backup opens and passes integrity_check', async () => {
    const dir = tmp();
    const all = readMigrations(migrationsFolder());
    expect(all.length).toBeGreaterThanOrEqual(2);
    // A copy of the migrations folder whose journal stops at the previous migration plays the old app.
    const old = join(dir, 'old-migrations');
    const { cpSync, readFileSync } = await import('node:fs');
    cpSync(migrationsFolder(), old, { recursive: true });
    const journal = JSON.parse(readFileSync(join(old, 'meta', '_journal.json'), 'utf8')) as {
      entries: unknown[];
    };
    journal.entries = journal.entries.slice(0, -1);
    writeFileSync(join(old, 'meta', '_journal.json'), JSON.stringify(journal));

    const dataDir = join(dir, 'data');
    const file = join(dataDir, 'bangfu-ledger.sqlite');
    const oldStore = await openStore(file, { migrations: old });
    oldStore.close();
    const backups = join(dataDir, 'backups');
    expect(existsSync(backups)).toBe(false);
    const newStore = await openStore(file);
    newStore.close();
    const files = readdirSync(backups);
    expect(files).toHaveLength(1);
    expect(files[0]).toContain(`before-${all.at(-1)!.tag}`);
    const copy = join(dir, 'restored.sqlite');
    copyFileSync(join(backups, files[0]!), copy);
    const db = new Database(copy, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(all.length - 1);
    db.close();
  });
});
