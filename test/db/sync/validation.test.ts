import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../db/client';
import { syncedTables } from '../../../db/sync/triggers';
import { unaccountedColumns } from '../../../db/sync/validateRecord';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import { seed004Year } from '../../helpers/reports';
import { deviceOf, exchange, exportFrom, importInto, openDepartment, bundleFile } from '../../helpers/sync';

// Received records are held to the API's rules (issue 12, item 5). Each bad record below is written at the
// sending installation with raw SQL, as a build without the API's checks (or a hand-edited database)
// would, so the change is captured, exported and signed by the legitimate device like any other.

let site: TestApp;
let dept: TestApp;
beforeEach(async () => {
  site = await openTestApp();
  dept = await openDepartment();
});
afterEach(() => {
  site.close();
  dept.close();
});

/** A second connection with the app's functions, for writes the API would refuse. */
const withStore = async <T>(t: TestApp, fn: (s: Store) => T): Promise<T> => {
  const s = await openStore(t.app.dbPath);
  try {
    s.attachClock(await deviceOf(t));
    return fn(s);
  } finally {
    s.close();
  }
};

const rawUpdate = (t: TestApp, sql: string, ...params: unknown[]) =>
  withStore(t, (s) => s.tx((w) => w.sqlite.prepare(sql).run(...params)));

/** An agreement with one training activity, exchanged so the department holds both. */
const shared = async () => {
  const { agreement } = await seedAgreement(site);
  const activity = await site.call('activities.create', {
    agreementId: agreement.id,
    type: '捐赠',
    title: '捐赠图书',
    startDate: '2023-12-14',
    teachers: 50,
    details: { items: '图书 200 册' },
  });
  await exchange(site, dept);
  return { agreement, activity };
};

/** The department's ledger, report and dashboard all answer. */
const departmentStillWorks = async (agreementId: string) => {
  expect((await dept.call('activities.list', {})).total).toBeGreaterThan(0);
  const report = await dept.call('reports.open', { agreementId, year: 2023, template: 'seed004' });
  expect(report.sections.length).toBeGreaterThan(0);
  expect((await dept.call('dashboard.get', { agreementId: null, year: 2023 })).activities).toBeGreaterThan(0);
};

/** About 5 MB of varied Chinese text: a real title would not compress two hundredfold, nor does this. */
const fiveMegabytes = () => {
  let x = 12345;
  return Array.from({ length: 1_750_000 }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return String.fromCharCode(0x4e00 + (x % 0x5000));
  }).join('');
};

const cases: {
  kind: string;
  sql: (id: string) => [string, ...unknown[]];
  column: string;
  problem: RegExp;
}[] = [
  {
    kind: 'text length (a 5 MB title)',
    sql: (id) => ['UPDATE activities SET title = ? WHERE id = ?', fiveMegabytes(), id],
    column: 'title',
    problem: /内容过长/,
  },
  {
    kind: 'text length within the column cap but over the API’s',
    sql: (id) => ['UPDATE activities SET title = ? WHERE id = ?', '长'.repeat(201), id],
    column: 'title',
    problem: /活动名称不能超过 200 个字/,
  },
  {
    kind: 'enum (an unknown activity type)',
    sql: (id) => ["UPDATE activities SET type = '野餐' WHERE id = ?", id],
    column: 'type',
    problem: /请选择有效的活动类型/,
  },
  {
    kind: 'integer range (a negative count)',
    sql: (id) => ['UPDATE activities SET teachers = -3 WHERE id = ?', id],
    column: 'teachers',
    problem: /教师人数不能小于 0/,
  },
  {
    kind: 'integer type (a string in a count column)',
    sql: (id) => ["UPDATE activities SET teachers = '五十' WHERE id = ?", id],
    column: 'teachers',
    problem: /应为整数，收到的是文本/,
  },
  {
    kind: 'date (2023-13-45)',
    sql: (id) => ["UPDATE activities SET start_date = '2023-13-45' WHERE id = ?", id],
    column: 'start_date',
    problem: /开始日期不是有效日期/,
  },
  {
    kind: 'JSON details that do not fit the type',
    sql: (id) => [`UPDATE activities SET details = '{"items":5,"volunteers":3}' WHERE id = ?`, id],
    column: 'details',
    problem: /捐赠物品必须是文本|volunteers/,
  },
  {
    kind: 'JSON details that are not JSON',
    sql: (id) => ["UPDATE activities SET details = '{items' WHERE id = ?", id],
    column: 'details',
    problem: /不是有效的 JSON/,
  },
  {
    kind: 'foreign key (a project that does not exist)',
    sql: (id) => ['UPDATE activities SET task_id = ? WHERE id = ?', uuidv7(), id],
    column: 'task_id',
    problem: /引用的记录（tasks）不存在/,
  },
];

describe('received records are validated against the API’s rules', () => {
  for (const c of cases)
    it(`returns a record breaking the ${c.kind} rule to its sender with the column and the problem`, async () => {
      const { agreement, activity } = await shared();
      const [sql, ...params] = c.sql(activity.id);
      // The sending site's own foreign keys would stop the dangling reference: this build has them off.
      await withStore(site, (s) => {
        s.write.sqlite.pragma('foreign_keys = OFF');
        s.tx((w) => w.sqlite.prepare(sql).run(...params));
      });
      const bundle = await exportFrom(site);
      const dry = await dept.call('sync.inspect', bundleFile(bundle.bytes));
      expect(dry.summary.tables.activities).toMatchObject({ new: 0, rejected: 1 });
      const done = await dept.call('sync.import', bundleFile(bundle.bytes));
      expect(done.summary.tables.activities).toMatchObject({ new: 0, rejected: 1 });

      const held = await dept.call('activities.get', { id: activity.id });
      expect(held).toMatchObject({ title: '捐赠图书', type: '捐赠', teachers: 50, startDate: '2023-12-14' });
      await departmentStillWorks(agreement.id);

      await importInto(site, (await exportFrom(dept, { to: await deviceOf(site) })).bytes);
      const returned = await site.call('sync.records', { state: 'returned' });
      expect(returned.rows).toEqual([
        expect.objectContaining({ table: 'activities', rowId: activity.id, reason: expect.any(String) }),
      ]);
      const reason = returned.rows[0]!.reason!;
      expect(reason).toContain(`字段 ${c.column}`);
      expect(reason).toMatch(c.problem);
      // Returned is settled, not a gap: the site's next change goes through.
      await site.call('activities.create', {
        agreementId: agreement.id,
        type: '培训',
        title: '之后的培训',
        startDate: '2024-01-10',
      });
      expect((await exchange(site, dept)).up.summary).toMatchObject({ new: 1, parked: 0, rejected: 0 });
    }, 120_000);

  it('returns an invalid record at a site too: the department’s bad row does not reach its ledger', async () => {
    const { agreement, activity } = await shared();
    await rawUpdate(dept, 'UPDATE activities SET satisfaction_pct = 180 WHERE id = ?', activity.id);
    const back = await importInto(site, (await exportFrom(dept, { to: await deviceOf(site) })).bytes);
    expect(back.summary.tables.activities).toMatchObject({ new: 0, rejected: 1 });
    expect((await site.call('activities.get', { id: activity.id })).satisfactionPct).toBeNull();
    const kept = site.raw().prepare('SELECT reason FROM returned_changes').pluck().all();
    expect(kept).toEqual([expect.stringMatching(/字段 satisfaction_pct：满意度不能大于 100/)]);
    expect((await site.call('activities.list', { agreementId: agreement.id })).total).toBe(1);
  });

  it('accepts a record the API would accept, and an edit of a row held from before the check', async () => {
    const { activity } = await shared();
    // Stored before this version checked anything: an edit of another field still applies.
    await rawUpdate(dept, "UPDATE activities SET details = '{bad' WHERE id = ?", activity.id);
    await rawUpdate(site, "UPDATE activities SET notes = '补充说明' WHERE id = ?", activity.id);
    // The API takes a fraction of a month, though the column is declared integer.
    const posted = await site.call('secondments.create', {
      agreementId: activity.agreementId,
      person: '张老师',
      direction: '派出',
      startDate: '2023-09-01',
      months: 1.5,
    });
    const { up } = await exchange(site, dept);
    expect(up.summary.tables.activities).toMatchObject({ new: 1, rejected: 0 });
    expect(up.summary.tables.secondments).toMatchObject({ new: 1, rejected: 0 });
    expect((await dept.call('activities.get', { id: activity.id })).notes).toBe('补充说明');
    expect((await dept.call('secondments.list', {})).find((s) => s.id === posted.id)?.months).toBe(1.5);
  });

  it('returns nothing of a whole ledger written through the API (seed 004, with plans, groups and a report)', async () => {
    const { agreementId } = await seed004Year(site);
    const report = await site.call('reports.open', { agreementId, year: 2023, template: 'seed004' });
    await site.call('reports.saveSection', {
      reportId: report.reportId,
      key: 'rules',
      body: '制定了帮扶工作制度。',
    });
    await site.call('outcomes.create', { agreementId, kind: '奖项', title: '省级教学成果奖', level: '省级' });
    const { up, back } = await exchange(site, dept);
    expect(up.summary).toMatchObject({ rejected: 0, parked: 0 });
    expect(Object.keys(up.summary.tables)).toEqual(
      expect.arrayContaining(['group_members', 'plan_items', 'activities', 'report_sections', 'outcomes']),
    );
    expect(back.summary).toMatchObject({ rejected: 0, parked: 0 });
  }, 120_000);

  it('accounts for every column of every synced table, so a new field cannot slip past', () => {
    for (const t of syncedTables()) expect([t.name, unaccountedColumns(t.name)]).toEqual([t.name, []]);
  });
});

describe('stored rows that break the rules', () => {
  it('never make a list, a record, the dashboard or a report fail', async () => {
    const { agreement, activity } = await shared();
    await withStore(dept, (s) =>
      s.tx((w) =>
        w.sqlite
          .prepare(
            `UPDATE activities SET type = '野餐', teachers = '五十', amount_fen = 'x', details = '{bad',
               satisfaction_pct = 'abc', online = 7 WHERE id = ?`,
          )
          .run(activity.id),
      ),
    );
    await rawUpdate(
      dept,
      "UPDATE agreements SET program_type = '未知', budget_fen = 'x' WHERE id = ?",
      agreement.id,
    );
    const list = await dept.call('activities.list', {});
    expect(list.rows.map((r) => r.id)).toEqual([activity.id]);
    expect(list.rows[0]).toMatchObject({ title: '捐赠图书', teachers: null, amountYuan: null });
    expect((await dept.call('activities.get', { id: activity.id })).details).toEqual({});
    expect((await dept.call('agreements.list', {})).total).toBe(1);
    await dept.call('agreements.get', { id: agreement.id });
    await departmentStillWorks(agreement.id);
  });
});
