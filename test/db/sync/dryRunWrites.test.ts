import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closedAfterEach, openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import { bundleFile, deviceOf, exportFrom, importInto, openDepartment } from '../../helpers/sync';

// 检查 costs a fraction of the import because it is not a trial import (issue 15): it makes the import's
// decisions on an overlay and writes no row of the database, not even one rolled back afterwards. Every
// table gets a trigger that refuses any write while 检查 runs; the import, with the traps gone, then does
// what 检查 said.

const track = closedAfterEach();

/** Every table but the search indexes' own (SQLite refuses triggers there; they change only through these). */
const TRAPPED = `SELECT name FROM sqlite_master t
  WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
    AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%'
      AND t.name LIKE v.name || '\\_%' ESCAPE '\\')`;

/** Runs `fn` with every table of `t`'s database refusing inserts, updates and deletes. */
const trapped = async <T>(t: TestApp, fn: () => Promise<T>): Promise<T> => {
  const db = new Database(t.app.dbPath);
  const tables = db.prepare(TRAPPED).pluck().all() as string[];
  const names: string[] = [];
  try {
    for (const table of tables)
      for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
        const name = `test_trap_${op}_${table}`;
        db.exec(
          `CREATE TRIGGER "${name}" BEFORE ${op} ON "${table}" BEGIN SELECT RAISE(ABORT, '检查 wrote ${table}'); END`,
        );
        names.push(name);
      }
    return await fn();
  } finally {
    for (const name of names) db.exec(`DROP TRIGGER "${name}"`);
    db.close();
  }
};

describe('a dry run that is not a trial import', () => {
  it('checks a bundle with conflicts, and the answer carrying it back, without writing any row of either database', async () => {
    const site = track(await openTestApp());
    const dept = track(await openDepartment());
    const { agreement } = await seedAgreement(site);
    for (const title of ['送教下乡', '跟岗培训', '名师讲座'])
      await site.call('activities.create', {
        agreementId: agreement.id,
        type: '培训',
        title,
        startDate: '2024-03-01',
      });
    await importInto(dept, (await exportFrom(site)).bytes);
    await importInto(site, (await exportFrom(dept, { to: await deviceOf(site) })).bytes);
    // The same field edited at both ends: a conflict for each to report.
    const first = site.raw().prepare('SELECT id FROM activities ORDER BY id LIMIT 1').pluck().get() as string;
    for (const [t, notes] of [
      [site, '学校的说明'],
      [dept, '厅里的说明'],
    ] as const) {
      const { evidenceCount: _e, updatedAt: _u, ...input } = await t.call('activities.get', { id: first });
      await t.call('activities.update', { ...input, notes } as never);
    }
    await site.call('activities.create', {
      agreementId: agreement.id,
      type: '培训',
      title: '教研活动',
      startDate: '2024-04-01',
    });

    const up = (await exportFrom(site)).bytes;
    const seenUp = await trapped(dept, () => dept.call('sync.inspect', bundleFile(up)));
    expect(seenUp.summary).toMatchObject({ new: 2, conflicts: 1 });
    expect((await importInto(dept, up)).summary).toEqual(seenUp.summary);

    const back = (await exportFrom(dept, { to: await deviceOf(site) })).bytes;
    const seenBack = await trapped(site, () => site.call('sync.inspect', bundleFile(back)));
    expect(seenBack.summary.new).toBeGreaterThan(0);
    expect((await importInto(site, back)).summary).toEqual(seenBack.summary);
  });
});
