import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp } from '../../db/app';
import { backupDirFor, listBackups, verifyBackup } from '../../db/backups';
import { caller, fixedClock, openTestApp, seedAgreement, tempDir, type TestApp } from '../helpers/db';

const DAY = 24 * 60 * 60 * 1000;
let t: TestApp | null = null;
afterEach(() => {
  t?.close();
  t = null;
});

const check = (file: string) => {
  const db = new Database(':memory:');
  try {
    return verifyBackup(db, file);
  } finally {
    db.close();
  }
};

describe('scheduled backups', () => {
  it('takes one a day, each passing integrity_check, listed newest first with date and size', async () => {
    const clock = fixedClock();
    t = await openTestApp({ wallClock: clock });
    await seedAgreement(t);
    const first = await t.call('backups.runScheduled', {});
    expect(first.backups).toHaveLength(1);
    expect(first.backups[0]).toMatchObject({ kind: 'scheduled', takenAt: clock() });
    expect(first.backups[0]!.size).toBeGreaterThan(0);
    clock.advance(DAY - 60_000);
    expect((await t.call('backups.runScheduled', {})).backups).toHaveLength(1);
    clock.advance(60_000);
    const second = await t.call('backups.runScheduled', {});
    expect(second.backups.map((b) => b.takenAt)).toEqual([clock(), clock() - DAY]);
    expect(second.lastScheduledAt).toBe(clock());
    for (const b of listBackups(backupDirFor(t.app.dbPath)))
      expect(check(b.path)).toEqual({ ok: true, problems: [] });
    // Only finished files: no -wal, -shm or .partial left beside them.
    expect(readdirSync(backupDirFor(t.app.dbPath)).every((f) => f.endsWith('.sqlite'))).toBe(true);
  });

  it('keeps the newest N scheduled backups (14 unless set), leaving manual and pre-migration ones alone', async () => {
    const clock = fixedClock();
    t = await openTestApp({ wallClock: clock });
    expect((await t.call('backups.list', {})).keep).toBe(14);
    await t.call('maintenance.backup', {});
    const dir = backupDirFor(t.app.dbPath);
    writeFileSync(join(dir, 'bangfu-ledger.before-0007_sync_delivery.2025-01-01T00-00-00-000Z.sqlite'), '');
    for (let day = 0; day < 5; day++) {
      await t.call('backups.runScheduled', {});
      clock.advance(DAY);
    }
    const kept = await t.call('backups.setKeep', { keep: 3 });
    expect(kept.keep).toBe(3);
    expect(kept.backups.map((b) => b.kind).sort()).toEqual([
      'manual',
      'migration',
      'scheduled',
      'scheduled',
      'scheduled',
    ]);
    expect(kept.backups.filter((b) => b.kind === 'scheduled').map((b) => b.takenAt)).toEqual(
      [1, 2, 3].map((n) => clock() - n * DAY),
    );
    expect(await t.app.invoke('backups.setKeep', { keep: 0 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { keep: '至少保留 1 份' } },
    });
  });

  it('takes none before the device is set up', async () => {
    t = await openTestApp({ setup: false });
    expect((await t.call('backups.runScheduled', {})).backups).toEqual([]);
  });

  it('reports a failed backup in the list until one succeeds, never silently', async () => {
    const clock = fixedClock();
    t = await openTestApp({ wallClock: clock });
    const dir = backupDirFor(t.app.dbPath);
    writeFileSync(dir, 'a file where the backups folder should be');
    const failed = await t.app.invoke('backups.runScheduled', {});
    expect(failed).toMatchObject({
      ok: false,
      error: { code: 'STORAGE', message: expect.stringMatching(/^自动备份未完成：/) },
    });
    const shown = await t.call('backups.list', {});
    expect(shown.lastFailure).toEqual({ at: clock(), message: failed.ok ? '' : failed.error.message });
    rmSync(dir);
    mkdirSync(dir);
    await t.call('backups.runScheduled', {});
    expect((await t.call('backups.list', {})).lastFailure).toBeNull();
  });

  it('says when the scheduled backup has not run for more than two days', async () => {
    const clock = fixedClock();
    t = await openTestApp({ wallClock: clock });
    await t.call('backups.runScheduled', {});
    clock.advance(2 * DAY + 1);
    expect((await t.call('backups.list', {})).overdue).toBe(true);
  });

  it('takes the day’s backup at quit when the last is older than a day, and not otherwise', async () => {
    const tmp = tempDir();
    try {
      const open = () =>
        openApp({ dataDir: tmp.dir, appVersion: '0.0.0-test', background: true, log: () => undefined });
      const first = await open();
      await caller(first)('app.setup', {
        mode: 'site',
        siteName: '揭阳职院',
        institution: { name: '揭阳职业技术学院', kind: '高职院校' },
      });
      await first.quit();
      expect(listBackups(backupDirFor(first.dbPath)).map((b) => b.kind)).toEqual(['scheduled']);
      const second = await open();
      await second.quit();
      expect(listBackups(backupDirFor(second.dbPath))).toHaveLength(1);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('verifying a backup file', () => {
  it('finds a damaged or foreign file unsound, without changing it', async () => {
    const tmp = tempDir();
    try {
      const junk = join(tmp.dir, 'bangfu-ledger.auto.2026-01-01T00-00-00-000Z.sqlite');
      writeFileSync(junk, Buffer.alloc(8192, 7));
      expect(check(junk).ok).toBe(false);
      writeFileSync(junk, '');
      expect(check(junk)).toMatchObject({ ok: false });
      expect(listBackups(tmp.dir)).toMatchObject([{ kind: 'scheduled', size: 0 }]);
    } finally {
      tmp.cleanup();
    }
  });
});
