import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../db/client';
import { applyRecords } from '../../../db/sync/apply';
import type { ChangeRecord } from '../../../db/sync/bundle/format';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import { deviceOf, exchange, openDepartment } from '../../helpers/sync';

// Issue 14, item 10: a task may span several years (2023—2024), each end within the agreement's period.

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
});
afterEach(() => t.close());

const fields = { category: '学历提升', status: '进行中', name: '学历提升工程' } as const;

describe('tasks spanning several years', () => {
  it('keeps a task from 2023 to 2024 and stores a span ending in its own year as one year', async () => {
    const { agreement } = await seedAgreement(t);
    const span = await t.call('tasks.create', {
      ...fields,
      agreementId: agreement.id,
      year: 2023,
      yearEnd: 2024,
    });
    expect([span.year, span.yearEnd]).toEqual([2023, 2024]);
    const one = await t.call('tasks.create', {
      ...fields,
      agreementId: agreement.id,
      year: 2023,
      yearEnd: '2023',
    });
    expect(one.yearEnd).toBeNull();
    const blank = await t.call('tasks.create', {
      ...fields,
      agreementId: agreement.id,
      year: 2025,
      yearEnd: '',
    });
    expect(blank.yearEnd).toBeNull();
    const widened = await t.call('tasks.update', { ...fields, id: one.id, year: 2022, yearEnd: 2025 });
    expect([widened.year, widened.yearEnd]).toEqual([2022, 2025]);
    const narrowed = await t.call('tasks.update', { ...fields, id: span.id, year: 2023, yearEnd: null });
    expect(narrowed.yearEnd).toBeNull();
  });

  it('refuses an end before the start, and an end outside the agreement’s period, beside the field', async () => {
    const { agreement } = await seedAgreement(t);
    const backwards = await t.app.invoke('tasks.create', {
      ...fields,
      agreementId: agreement.id,
      year: 2024,
      yearEnd: 2023,
    });
    expect(backwards.ok ? null : backwards.error).toMatchObject({
      code: 'VALIDATION',
      fields: { yearEnd: '结束年度不能早于起始年度' },
    });
    const late = await t.app.invoke('tasks.create', {
      ...fields,
      agreementId: agreement.id,
      year: 2024,
      yearEnd: 2027,
    });
    expect(late.ok ? null : late.error).toMatchObject({
      code: 'VALIDATION',
      message: '帮扶项目的年度不在协议期限（2021—2025 年）之内',
      fields: { yearEnd: '结束年度应在协议期限 2021—2025 年之内' },
    });
    const batch = await t.app.invoke('tasks.createBatch', {
      agreementId: agreement.id,
      tasks: [
        { ...fields, year: 2023, yearEnd: 2024 },
        { ...fields, year: 2025, yearEnd: 2026 },
        { ...fields, year: 2023, yearEnd: 2021 },
      ],
    });
    expect(batch.ok ? null : batch.error.fields).toMatchObject({
      'tasks.2.yearEnd': '结束年度不能早于起始年度',
    });
    const task = await t.call('tasks.create', { ...fields, agreementId: agreement.id, year: 2023 });
    const moved = await t.app.invoke('tasks.update', { ...fields, id: task.id, year: 2023, yearEnd: 2030 });
    expect(moved.ok ? null : moved.error.fields).toEqual({
      yearEnd: '结束年度应在协议期限 2021—2025 年之内',
    });
    const spanBatch = await t.app.invoke('tasks.createBatch', {
      agreementId: agreement.id,
      tasks: [
        { ...fields, year: 2023, yearEnd: 2024 },
        { ...fields, year: 2025, yearEnd: 2026 },
      ],
    });
    expect(spanBatch.ok ? null : spanBatch.error.fields).toEqual({
      'tasks.1.yearEnd': '结束年度应在协议期限 2021—2025 年之内',
    });
    expect((await t.call('agreements.get', { id: agreement.id })).tasks.map((x) => x.yearEnd)).toEqual([
      null,
    ]);
  });

  it('applies a task record from a peer of the previous version, which has no year_end column', async () => {
    const dept = await openDepartment();
    try {
      const { agreement } = await seedAgreement(t);
      await exchange(t, dept);
      const task = await t.call('tasks.create', { ...fields, agreementId: agreement.id, year: 2023 });
      const logged = t
        .raw()
        .prepare("SELECT hlc, data FROM change_log WHERE tbl = 'tasks' AND row_id = ?")
        .get(task.id) as { hlc: string; data: string };
      const { year_end: _dropped, ...older } = JSON.parse(logged.data) as Record<
        string,
        string | number | null
      >;
      const device = await deviceOf(t);
      const applied = dept
        .raw()
        .prepare('SELECT applied_seq FROM devices WHERE device_id = ?')
        .pluck()
        .get(device) as number;
      const record = (v: Record<string, string | number | null>, n: number, id = task.id): ChangeRecord => ({
        d: device,
        s: applied + n,
        h: logged.hlc,
        x: applied + n,
        t: 'tasks',
        r: id,
        o: 'i',
        v,
      });
      const s = await openStore(dept.app.dbPath);
      try {
        expect(s.applyRemote((w) => applyRecords(w, [record(older, 1)], 1))).toMatchObject({ new: 1 });
        const backwards = { ...older, year: 2024, year_end: 2023 };
        const refused = s.applyRemote((w) =>
          applyRecords(w, [record(backwards, 2, '0190a0b0-0000-7000-8000-000000000001')], 2),
        );
        expect(refused).toMatchObject({ new: 0, rejected: 1 });
        expect(refused.reasons.map((r) => r.reason)).toEqual([
          '记录内容不符合要求，未被接受：字段 year_end：结束年度不能早于起始年度',
        ]);
      } finally {
        s.close();
      }
      const held = (await dept.call('agreements.get', { id: agreement.id })).tasks;
      expect(held.map((x) => [x.id, x.year, x.yearEnd])).toEqual([[task.id, 2023, null]]);
    } finally {
      dept.close();
    }
  });
});
