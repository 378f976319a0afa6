import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock, openTestApp, seedAgreement, tempDir, type TestApp } from '../../helpers/db';
import { dumpDiff } from '../../helpers/dumpDiff';
import { bundleFile, deviceOf, exportFrom, importInto } from '../../helpers/sync';

// Clocks (DESIGN.md 3.1): a stamp more than a day ahead of the receiver is held back with the reason, not
// applied; a device resumes from its own stamps only; an edit is stamped above what it overwrites; and the
// app says when the computer's clock looks wrong.

const DAY = 24 * 3600 * 1000;
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

const open: TestApp[] = [];
const cleanups: (() => void)[] = [];
const track = <T extends TestApp>(t: T): T => {
  open.push(t);
  return t;
};
afterEach(() => {
  for (const t of open.splice(0)) t.close();
  for (const c of cleanups.splice(0)) c();
});

const dir = () => {
  const d = tempDir('bangfu-clock-');
  cleanups.push(d.cleanup);
  return d.dir;
};

const department = async (wallClock: () => number, at = dir()) => {
  const t = track(await openTestApp({ dir: at, wallClock, setup: false }));
  await t.call('app.setup', {
    mode: 'department',
    siteName: '广东省教育厅职成处',
    institution: { name: '广东省教育厅', kind: '政府部门' },
  });
  return t;
};

const retitle = async (t: TestApp, id: string, title: string) => {
  const { evidenceCount: _e, updatedAt: _u, ...input } = await t.call('activities.get', { id });
  return t.call('activities.update', { ...input, title } as never);
};

describe('a clock far ahead', () => {
  it('holds back what a device ten years ahead sent, says why in the dry run, and applies it once time has come', async () => {
    const deptClock = fixedClock(T0);
    const dept = await department(deptClock);
    const siteClock = fixedClock(T0 + 3650 * DAY);
    const site = track(await openTestApp({ wallClock: siteClock }));
    await seedAgreement(site);
    const bytes = (await exportFrom(site)).bytes;
    const seen = await dept.call('sync.inspect', bundleFile(bytes));
    expect(seen.summary.new).toBe(0);
    expect(seen.summary.parked).toBe(seen.records);
    expect(seen.summary.reasons[0]!.reason).toMatch(
      new RegExp(`设备 ${(await deviceOf(site)).slice(-8)} 的时钟比本机快约 3650 天`),
    );
    await importInto(dept, bytes);
    expect(dept.raw().prepare('SELECT count(*) FROM agreements').pluck().get()).toBe(0);
    // Ten years on, the next bundle from that device brings everything in.
    deptClock.advance(3650 * DAY);
    await site.call('institutions.create', { name: '新机构', kind: '企业' });
    const later = await importInto(dept, (await exportFrom(site)).bytes);
    expect(later.summary.parked).toBe(0);
    expect(dept.raw().prepare('SELECT count(*) FROM agreements').pluck().get()).toBe(1);
  });

  it('once the clock is put right, stamps again what it recorded years ahead, and nothing waits any more', async () => {
    const deptClock = fixedClock(T0);
    const dept = await department(deptClock);
    const siteDir = dir();
    const wrong = fixedClock(T0 + 3650 * DAY);
    let site = track(await openTestApp({ dir: siteDir, wallClock: wrong }));
    const { agreement } = await seedAgreement(site);
    await site.call('activities.create', {
      agreementId: agreement.id,
      type: '培训',
      title: '时钟错误时登记',
      startDate: '2024-03-01',
    });
    const held = await importInto(dept, (await exportFrom(site)).bytes);
    expect(held.summary.new).toBe(0);
    // The coordinator puts the clock right and restarts; the app says what happened and offers the way out.
    site.app.close();
    open.splice(open.indexOf(site), 1);
    site = track(await openTestApp({ dir: siteDir, wallClock: fixedClock(T0 + 3600_000), setup: false }));
    const status = await site.call('sync.status', {});
    expect(status.clockWarning).toMatch(/晚约 3650 天/);
    expect(status.restampable).toBe(true);
    await site.call('sync.recover', { restamp: true });
    expect((await site.call('sync.status', {})).restampable).toBe(false);
    const up = await importInto(dept, (await exportFrom(site)).bytes);
    expect(up.summary.parked).toBe(0);
    expect(dept.raw().prepare('SELECT count(*) FROM parked_changes').pluck().get()).toBe(0);
    await importInto(site, (await exportFrom(dept, { to: await deviceOf(site) })).bytes);
    expect((await dept.call('activities.list', { limit: 10, offset: 0 })).rows.map((r) => r.title)).toEqual([
      '时钟错误时登记',
    ]);
    expect(dumpDiff(site.raw(), dept.raw())).toEqual([]);
  });

  it('stamps an edit above the value it overwrites, and resumes from its own stamps after a restart', async () => {
    const deptClock = fixedClock(T0);
    const deptDir = dir();
    let dept = await department(deptClock, deptDir);
    // Two hours ahead: within the bound, so applied; its stamps lead the department's clock.
    const site = track(await openTestApp({ wallClock: fixedClock(T0 + 2 * 3600 * 1000) }));
    const { agreement } = await seedAgreement(site);
    const made = await site.call('activities.create', {
      agreementId: agreement.id,
      type: '培训',
      title: '学校的标题',
      startDate: '2024-03-01',
    });
    await importInto(dept, (await exportFrom(site)).bytes);
    dept.app.close();
    open.splice(open.indexOf(dept), 1);
    dept = track(await openTestApp({ dir: deptDir, wallClock: deptClock, setup: false }));
    // After the restart the department's clock is its own, not the site's two hours ahead.
    deptClock.advance(60_000);
    await dept.call('institutions.create', { name: '部门新增的机构', kind: '企业' });
    const [ownStamp] = dept
      .raw()
      .prepare(
        "SELECT hlc FROM change_log WHERE device_no = 1 AND tbl = 'institutions' ORDER BY seq DESC LIMIT 1",
      )
      .pluck()
      .all() as string[];
    expect(parseInt(ownStamp!.slice(0, 12), 16)).toBe(T0 + 60_000);
    // Its correction of the site's title still wins everywhere: stamped above the title it replaces.
    await retitle(dept, made.id, '部门更正的标题');
    await importInto(site, (await exportFrom(dept, { to: await deviceOf(site) })).bytes);
    expect((await site.call('activities.get', { id: made.id })).title).toBe('部门更正的标题');
    expect(dumpDiff(site.raw(), dept.raw())).toEqual([]);
  });
});

describe('clock warnings', () => {
  it('warns when the clock is behind the last stamp this device issued, or behind the department', async () => {
    const at = dir();
    const clock = fixedClock(T0 + 5 * DAY);
    let site = track(await openTestApp({ dir: at, wallClock: clock }));
    await seedAgreement(site);
    expect((await site.call('sync.status', {})).clockWarning).toBeNull();
    site.app.close();
    open.splice(open.indexOf(site), 1);
    clock.advance(-5 * DAY);
    site = track(await openTestApp({ dir: at, wallClock: clock, setup: false }));
    expect((await site.call('sync.status', {})).clockWarning).toMatch(/晚约 5 天/);

    const behind = track(await openTestApp({ wallClock: fixedClock(T0) }));
    const dept = await department(fixedClock(T0 + 3 * DAY));
    await importInto(dept, (await exportFrom(behind)).bytes);
    await importInto(behind, (await exportFrom(dept, { to: await deviceOf(behind) })).bytes);
    expect((await behind.call('sync.status', {})).clockWarning).toMatch(/慢约 3 天/);
  });
});
