import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { readMigrations } from '../../../db/migrate';
import { DB_FILE_NAME, migrationsFolder } from '../../../db/paths';
import { recountedEvidence } from '../../../db/reports/evidence';
import { bigrams } from '../../../db/search/bigrams';
import { openTestApp, tempDir, type TestApp } from '../../helpers/db';
import { bundleFile, exchange, exportFrom, importInto, openDepartment } from '../../helpers/sync';

// The overview counts "has evidence" from activity_evidence, kept by triggers. Whatever writes the
// attachments or the activities (the API, a received bundle, a raw change as sync applies one), the table
// must equal the same figures counted afresh, and the overview must count what a person would.

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
).toString('base64');

/** A writer as received changes write (capture off), for the changes the API never makes. */
const rawWriter = (t: TestApp) => {
  const db = new Database(t.app.dbPath);
  db.pragma('busy_timeout = 10000');
  db.function('bf_capturing', () => 0);
  db.function('bf_search_deferred', () => 0);
  db.function('bf_search_later', (_rowid: unknown) => null);
  db.function('bf_hlc', (_above: unknown) => 0);
  db.function('bf_tx', (_seq: unknown) => 0);
  db.function('bf_bigrams', { deterministic: true }, (text: unknown) => bigrams(text as string | null));
  return db;
};

const keptEvidence = (t: TestApp) => {
  const db = t.raw();
  return db.prepare('SELECT * FROM activity_evidence ORDER BY activity_id').all();
};

const expectKeptAsCounted = (t: TestApp) => expect(keptEvidence(t)).toEqual(recountedEvidence(t.raw()));

describe('activity evidence kept by triggers', () => {
  const open: TestApp[] = [];
  const writers: Database.Database[] = [];
  afterEach(() => {
    for (const w of writers.splice(0)) w.close();
    for (const t of open.splice(0)) t.close();
  });

  it('follows files added, removed, restored and moved, activities deleted, restored, moved and removed', async () => {
    const t = await openTestApp();
    open.push(t);
    const { agreementId } = await t.call('demo.load', {});
    const { ids } = await t.call('activities.createBatch', {
      activities: Array.from({ length: 8 }, (_, i) => ({
        agreementId,
        type: '会议' as const,
        title: `推进会${i}`,
        startDate: `2024-0${1 + i}-10`,
      })),
    });
    const add = (entityTable: 'activities' | 'agreements', entityId: string) =>
      t.call('attachments.add', { entityTable, entityId, fileName: '签到表.png', dataBase64: PNG });
    const withEvidence = async (year = 2024) =>
      (await t.call('dashboard.get', { agreementId, year })).evidence;

    const first = await add('activities', ids[0]!);
    await add('activities', ids[0]!);
    await add('activities', ids[1]!);
    const third = await add('activities', ids[2]!);
    // A file on the agreement itself is no activity's evidence.
    await add('agreements', agreementId);
    expectKeptAsCounted(t);
    expect(await withEvidence()).toEqual({ withEvidence: 3, total: 8 });

    // One of two files removed: still evidenced; the only file removed: not.
    await t.call('attachments.remove', { id: first.id });
    await t.call('attachments.remove', { id: third.id });
    expectKeptAsCounted(t);
    expect(await withEvidence()).toEqual({ withEvidence: 2, total: 8 });

    // Deleted activity: its file stays but it is not counted; restored, it counts again.
    await t.call('activities.delete', { id: ids[1]! });
    expectKeptAsCounted(t);
    expect(await withEvidence()).toEqual({ withEvidence: 1, total: 7 });
    await t.call('activities.restore', { id: ids[1]! });
    expectKeptAsCounted(t);
    expect(await withEvidence()).toEqual({ withEvidence: 2, total: 8 });

    // Moved to another year, the evidence moves with it.
    const moved = await t.call('activities.get', { id: ids[0]! });
    const { id: _id, evidenceCount: _e, updatedAt: _u, ...values } = moved;
    await t.call('activities.update', { id: ids[0]!, ...values, startDate: '2025-03-03' });
    expectKeptAsCounted(t);
    expect(await withEvidence()).toEqual({ withEvidence: 1, total: 7 });
    expect(await withEvidence(2025)).toMatchObject({ withEvidence: 1 });

    // Changes only a received change makes: a removed file restored, a file moved to another activity,
    // a file for an activity not here yet, and a withdrawn creation removed outright.
    const w = rawWriter(t);
    writers.push(w);
    w.prepare('UPDATE attachments SET deleted_at = NULL WHERE id = ?').run(third.id);
    expectKeptAsCounted(t);
    expect(await withEvidence()).toEqual({ withEvidence: 2, total: 7 });
    w.prepare('UPDATE attachments SET entity_id = ? WHERE id = ?').run(ids[3]!, third.id);
    expectKeptAsCounted(t);
    expect(await withEvidence()).toEqual({ withEvidence: 2, total: 7 });
    w.prepare('UPDATE attachments SET entity_table = ? WHERE id = ?').run('tasks', third.id);
    expectKeptAsCounted(t);
    expect(await withEvidence()).toEqual({ withEvidence: 1, total: 7 });
    // A file received for an activity deleted here: not counted until the activity is restored.
    await t.call('activities.delete', { id: ids[5]! });
    const copyFile = w.prepare(
      `INSERT INTO attachments (id, created_at, updated_at, owner_site, entity_table, entity_id, sha256, file_name, mime, size)
       SELECT ?, created_at, updated_at, owner_site, 'activities', ?, sha256, file_name, mime, size
       FROM attachments WHERE id = ?`,
    );
    copyFile.run('f0000000-0000-7000-8000-000000000005', ids[5]!, first.id);
    expectKeptAsCounted(t);
    expect(await withEvidence()).toEqual({ withEvidence: 1, total: 6 });
    await t.call('activities.restore', { id: ids[5]! });
    expectKeptAsCounted(t);
    expect(await withEvidence()).toEqual({ withEvidence: 2, total: 7 });
    const early = 'e0000000-0000-7000-8000-000000000001';
    copyFile.run('f0000000-0000-7000-8000-000000000001', early, first.id);
    expectKeptAsCounted(t);
    const columns = (w.pragma('table_info(activities)') as { name: string }[])
      .map((c) => c.name)
      .filter((c) => c !== 'id' && c !== 'start_date');
    w.prepare(
      `INSERT INTO activities (id, start_date, ${columns.join(', ')})
       SELECT ?, '2024-12-12', ${columns.join(', ')} FROM activities WHERE id = ?`,
    ).run(early, ids[4]!);
    expectKeptAsCounted(t);
    expect(await withEvidence()).toEqual({ withEvidence: 3, total: 8 });
    w.prepare('DELETE FROM activities WHERE id = ?').run(early);
    w.prepare('DELETE FROM attachments WHERE entity_id = ?').run(ids[1]!);
    expectKeptAsCounted(t);
    expect(await withEvidence()).toEqual({ withEvidence: 1, total: 7 });
  });

  it('arrives with a college’s bundle at the department, per site, and a dry run leaves it as it was', async () => {
    const site = await openTestApp();
    const dept = await openDepartment();
    open.push(site, dept);
    const { agreementId } = await site.call('demo.load', {});
    const { ids } = await site.call('activities.createBatch', {
      activities: Array.from({ length: 5 }, (_, i) => ({
        agreementId,
        type: '培训' as const,
        title: `培训${i}`,
        startDate: `2024-1${i % 3}-0${1 + i}`,
      })),
    });
    const files = [];
    for (const i of [0, 1, 2, 2])
      files.push(
        await site.call('attachments.add', {
          entityTable: 'activities',
          entityId: ids[i]!,
          fileName: '照片.png',
          dataBase64: PNG,
        }),
      );
    await exchange(site, dept);
    expectKeptAsCounted(dept);
    const siteId = (await site.call('app.status', {})).siteId!;
    const at = (t: TestApp, s: string | null) =>
      t.call('dashboard.get', { agreementId: null, siteId: s, year: 2024 });
    expect((await at(dept, null)).evidence).toEqual({ withEvidence: 3, total: 5 });
    expect((await at(dept, siteId)).evidence).toEqual({ withEvidence: 3, total: 5 });
    expect((await at(dept, 'another site')).evidence).toEqual({ withEvidence: 0, total: 0 });

    await site.call('attachments.remove', { id: files[0]!.id });
    await site.call('attachments.remove', { id: files[2]!.id });
    await site.call('activities.delete', { id: ids[1]! });
    const { bytes } = await exportFrom(site);
    const before = keptEvidence(dept);
    await dept.call('sync.inspect', bundleFile(bytes));
    expect(keptEvidence(dept)).toEqual(before);
    await importInto(dept, bytes);
    expectKeptAsCounted(dept);
    expect((await at(dept, null)).evidence).toEqual({ withEvidence: 1, total: 4 });
    expect((await at(dept, siteId)).evidence).toEqual((await at(site, null)).evidence);
  });

  it('is filled from the files already there when a database is brought up to this version', async () => {
    const { dir, cleanup } = tempDir();
    try {
      let t = await openTestApp({ dir });
      const { agreementId } = await t.call('demo.load', {});
      const { rows } = await t.call('activities.list', { limit: 100 });
      for (const [i, r] of rows.entries())
        for (let k = 0; k <= i % 3; k++) {
          const file = await t.call('attachments.add', {
            entityTable: 'activities',
            entityId: r.id,
            fileName: '照片.png',
            dataBase64: PNG,
          });
          if (i % 4 === 1) await t.call('attachments.remove', { id: file.id });
        }
      await t.call('activities.delete', { id: rows[2]!.id });
      const year = Number(rows[0]!.startDate.slice(0, 4));
      const shown = (await t.call('dashboard.get', { agreementId, year })).evidence;
      const kept = keptEvidence(t);
      expect(kept).toEqual(recountedEvidence(t.raw()));
      t.close();
      // As the file was before the migration (without the table or its triggers), then the migration run.
      const migration = readMigrations(migrationsFolder()).find((m) => m.tag.endsWith('_activity_evidence'))!;
      const before = new Database(join(dir, DB_FILE_NAME));
      for (const name of before
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'evidence_%'")
        .pluck()
        .all() as string[])
        before.exec(`DROP TRIGGER ${name}`);
      before.exec('DROP TABLE activity_evidence');
      for (const statement of migration.statements) before.exec(statement);
      before.close();
      t = await openTestApp({ dir, setup: false });
      open.push(t);
      expect(keptEvidence(t)).toEqual(kept);
      expect((await t.call('dashboard.get', { agreementId, year })).evidence).toEqual(shown);
      expect(shown.withEvidence).toBeGreaterThan(0);
    } finally {
      for (const t of open.splice(0)) t.close();
      cleanup();
    }
  });
});
