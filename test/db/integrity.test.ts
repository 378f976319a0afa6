import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../db/client';
import { FULL_CHECK_EVERY_MS } from '../../db/integrity';
import { openTestApp, seedAgreement, tempDir } from '../helpers/db';

const cleanups: (() => void)[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  while (cleanups.length) cleanups.pop()!();
});

/** A site's database with an agreement, closed; its agreements table's root page overwritten when asked. */
const database = async (damage: boolean): Promise<string> => {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const app = await openTestApp({ dir: t.dir });
  await seedAgreement(app);
  app.close();
  const file = join(t.dir, 'bangfu-ledger.sqlite');
  if (!damage) return file;
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const root = db
    .prepare("SELECT rootpage FROM sqlite_master WHERE name = 'agreements'")
    .pluck()
    .get() as number;
  db.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (root - 1) * pageSize);
  closeSync(fd);
  return file;
};

describe('integrity of the database file', () => {
  it('does not read the whole file when opening: neither integrity_check nor a whole-file quick_check', async () => {
    const file = await database(false);
    const pragmas: string[] = [];
    const original = Database.prototype.pragma;
    vi.spyOn(Database.prototype, 'pragma').mockImplementation(function (
      this: Database.Database,
      source,
      options,
    ) {
      pragmas.push(source);
      return original.call(this, source, options);
    });
    const store = await openStore(file, { fullCheckAfterMs: null });
    store.close();
    expect(pragmas.filter((p) => /integrity_check/.test(p))).toEqual([]);
    expect(pragmas.filter((p) => /^quick_check\s*$/.test(p) || /quick_check\(\s*\d*\s*\)/.test(p))).toEqual(
      [],
    );
    expect(pragmas.some((p) => /quick_check\("devices"\)/.test(p))).toBe(true);
  });

  it('opens a file damaged outside what opening reads, and the full check finds the damage and keeps it', async () => {
    const file = await database(true);
    const store = await openStore(file, { fullCheckAfterMs: null });
    try {
      expect(store.integrity.last()).toBeNull();
      const result = await store.integrity.check();
      expect(result.ok).toBe(false);
      expect(result.problems.length).toBeGreaterThan(0);
      expect(store.integrity.last()).toEqual(result);
    } finally {
      store.close();
    }
    // Recorded beside the database, so the next start (and Settings) still shows it.
    const again = await openStore(file, { fullCheckAfterMs: null });
    try {
      expect(again.integrity.last()?.ok).toBe(false);
    } finally {
      again.close();
    }
  }, 60_000);

  it('runs the scheduled full check by itself after opening and records a sound file as sound', async () => {
    const file = await database(false);
    const store = await openStore(file, { fullCheckAfterMs: 0 });
    try {
      await vi.waitFor(() => expect(store.integrity.last()).not.toBeNull(), {
        timeout: 30_000,
        interval: 50,
      });
      expect(store.integrity.last()).toMatchObject({ ok: true, problems: [] });
      expect(store.integrity.running()).toBe(false);
    } finally {
      store.close();
    }
  }, 60_000);

  it('waits with the scheduled check while a long write holds its transaction open, then runs it', async () => {
    const file = await database(false);
    const store = await openStore(file, { fullCheckAfterMs: 0 });
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // As an import does: one transaction open across many turns of the event loop.
    const write = store.applyRemoteAsync(() => held);
    try {
      // The schedule's turn comes and goes while the write is open.
      await new Promise((r) => setTimeout(r, 300));
      expect(store.integrity.running()).toBe(false);
      expect(store.integrity.last()).toBeNull();
      release();
      await write;
      await vi.waitFor(() => expect(store.integrity.last()).not.toBeNull(), {
        timeout: 30_000,
        interval: 50,
      });
      expect(store.integrity.last()).toMatchObject({ ok: true, problems: [] });
    } finally {
      release();
      await write.catch(() => undefined);
      store.close();
    }
  }, 60_000);

  it('does not run the scheduled check again within a week of the last one', async () => {
    const file = await database(false);
    let now = Date.now();
    const first = await openStore(file, { fullCheckAfterMs: null, wallClock: () => now });
    const done = await first.integrity.check();
    first.close();
    now += FULL_CHECK_EVERY_MS / 2;
    const second = await openStore(file, { fullCheckAfterMs: 0, wallClock: () => now });
    try {
      // Give the schedule its turn; the record stays the first check.
      await new Promise((r) => setTimeout(r, 50));
      expect(second.integrity.running()).toBe(false);
      expect(second.integrity.last()).toEqual(done);
    } finally {
      second.close();
    }
  }, 60_000);

  it('reports the full check through the API as Settings shows it', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const app = await openTestApp({ dir: t.dir });
    try {
      await seedAgreement(app);
      expect(await app.call('maintenance.integrityStatus', {})).toMatchObject({ running: false, last: null });
      expect(await app.call('maintenance.integrityCheck', {})).toEqual({ ok: true, problems: [] });
      const status = await app.call('maintenance.integrityStatus', {});
      expect(status.last).toMatchObject({ ok: true, problems: [] });
      expect(status.everyDays).toBe(7);
    } finally {
      app.close();
    }
  }, 60_000);
});
