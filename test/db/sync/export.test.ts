import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHUNK_RECORDS } from '../../../db/sync/bundle/format';
import { readBundle } from '../../../db/sync/bundle/read';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import { deviceOf, exchange, exportFrom, openDepartment } from '../../helpers/sync';

// The export reads the change log a page at a time (ids in clock order first, rows by id per page of 500) and
// checks each record as it reads it, instead of parsing the finished bundle again.

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

const inClockOrder = (hlcs: string[]) => [...hlcs].sort();

describe('exporting the change log chunk by chunk', () => {
  it('carries every change of a log longer than several chunks, in clock order, each once', async () => {
    const { agreement } = await seedAgreement(site);
    const n = 2 * CHUNK_RECORDS + 300;
    for (let i = 0; i < n; i += 1000)
      await site.call('activities.createBatch', {
        activities: Array.from({ length: Math.min(1000, n - i) }, (_, j) => ({
          agreementId: agreement.id,
          type: '培训' as const,
          title: `教师信息技术应用能力培训（第${i + j + 1}期）`,
          startDate: '2023-12-14',
          teachers: 50,
        })),
      });
    const out = await exportFrom(site);
    const read = await readBundle(out.bytes);
    const logged = site.raw().prepare('SELECT hlc FROM change_log ORDER BY hlc').pluck().all() as string[];
    expect(read.records.map((r) => r.h)).toEqual(logged);
    expect(new Set(read.records.map((r) => r.s)).size).toBe(logged.length);
    expect(read.manifest.entries.filter((e) => e.name.startsWith('changes/'))).toHaveLength(3);
  }, 180_000);

  it('answers a site with the changes of other devices beyond what it holds, in clock order', async () => {
    const { agreement } = await seedAgreement(site);
    const activity = await site.call('activities.create', {
      agreementId: agreement.id,
      type: '培训',
      title: '教师信息技术应用能力培训',
      startDate: '2023-12-14',
      teachers: 50,
    });
    // Twice: the site's second bundle tells the department what it holds of the department's changes.
    await exchange(site, dept);
    await exchange(site, dept);
    const siteDevice = await deviceOf(site);
    for (const notes of ['部门更正：参训 48 人', '部门再更正：参训 49 人']) {
      const {
        evidenceCount: _e,
        updatedAt: _u,
        ...input
      } = await dept.call('activities.get', {
        id: activity.id,
      });
      await dept.call('activities.update', { ...input, notes } as never);
    }
    const back = await readBundle((await exportFrom(dept, { to: siteDevice })).bytes);
    const full = await readBundle((await exportFrom(dept, { to: siteDevice, full: true })).bytes);
    for (const bundle of [back, full]) {
      expect(bundle.records.every((r) => r.d !== siteDevice)).toBe(true);
      expect(bundle.records.map((r) => r.h)).toEqual(inClockOrder(bundle.records.map((r) => r.h)));
    }
    expect(back.records.map((r) => [r.t, r.o, r.v.notes])).toEqual([
      ['activities', 'u', '部门更正：参训 48 人'],
      ['activities', 'u', '部门再更正：参训 49 人'],
    ]);
    expect(full.records.length).toBeGreaterThan(back.records.length);
  }, 120_000);

  it('refuses to export a change record its receiver would refuse, naming the line', async () => {
    await seedAgreement(site);
    const writable = new Database(site.app.dbPath);
    try {
      writable
        .prepare('UPDATE change_log SET data = ? WHERE id = (SELECT max(id) FROM change_log)')
        .run('{"title":{"nested":1}}');
    } finally {
      writable.close();
    }
    const count = site.raw().prepare('SELECT count(*) FROM change_log').pluck().get() as number;
    const res = await site.app.invoke('sync.export', {});
    expect(res.ok ? 'exported' : res.error.message).toBe(
      `同步包写出后校验失败：同步包第 ${count} 条变更格式不正确`,
    );
  });
});
