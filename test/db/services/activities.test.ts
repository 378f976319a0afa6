import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../../electron/shared/contract';
import { changes, maxSeq, openTestApp, seedAgreement, type TestApp } from '../../helpers/db';

let t: TestApp;
let agreementId: string;
beforeEach(async () => {
  t = await openTestApp();
  agreementId = (await seedAgreement(t)).agreement.id;
});
afterEach(() => t.close());

const training = (): Input<'activities.create'> => ({
  agreementId,
  type: '培训',
  title: '教师信息技术应用能力培训',
  startDate: '2023-12-14',
  endDate: '2023-12-18',
  online: true,
  platform: '腾讯会议',
  place: '线上',
  department: '信息工程系',
  teachers: 50,
  instructorCount: 6,
  lectures: 6,
  days: 5,
  satisfactionPct: '98',
  outcome: '提升普宁市教师信息技术应用能力',
});

const titles = async (query: string) =>
  (await t.call('activities.list', { query })).rows.map((r) => r.title).sort();

describe('activity records', () => {
  it('records seed 004’s December training with its figures and a change message', async () => {
    const before = maxSeq(t.raw());
    const a = await t.call('activities.create', training());
    expect(a).toMatchObject({
      teachers: 50,
      days: 5,
      satisfactionPct: 98,
      online: true,
      evidenceCount: 0,
      details: {},
    });
    expect(changes(t.raw(), before).map((c) => [c.tbl, c.op])).toEqual([['activities', 'i']]);
  });

  it('validates numbers, dates and the fields of each type, saving nothing on error', async () => {
    const before = maxSeq(t.raw());
    const fields = async (input: object) => {
      const res = await t.app.invoke('activities.create', { ...training(), ...input });
      expect(res.ok).toBe(false);
      return res.ok ? {} : (res.error.fields ?? {});
    };
    expect((await fields({ teachers: -1 })).teachers).toBe('教师人数不能小于 0');
    expect((await fields({ teachers: 2.5 })).teachers).toBe('教师人数必须是整数');
    expect((await fields({ satisfactionPct: 120 })).satisfactionPct).toBe('满意度不能大于 100');
    expect((await fields({ endDate: '2023-12-01' })).endDate).toBe('结束日期不能早于开始日期');
    expect(
      (await fields({ type: '招生与学历提升', details: { applicants: 33, admitted: 81 } }))[
        'details.admitted'
      ],
    ).toBe('录取人数不能多于报名人数');
    expect((await fields({ type: '捐赠', details: { volunteers: 3 } }))['details']).toMatch(/volunteers/);
    expect((await fields({ details: { anything: 1 } })).details).toMatch(/没有专项字段/);
    expect(maxSeq(t.raw())).toBe(before);
    const admission = await t.call('activities.create', {
      ...training(),
      type: '招生与学历提升',
      title: '幼儿园教师学历提升招生',
      details: { applicants: '81', admitted: 33, feeReductionPct: 30 },
    });
    expect(admission.details).toEqual({ applicants: 81, admitted: 33, feeReductionPct: 30 });
  });

  it('finds records by Chinese words of two to six characters, and forgets deleted ones', async () => {
    await t.call('activities.create', training());
    await t.call('activities.create', {
      ...training(),
      type: '会议',
      title: '2023 年基础教育帮扶工作推进会',
      online: false,
      place: '揭阳职院',
      outcome: null,
    });
    await t.call('activities.create', {
      ...training(),
      type: '志愿服务',
      title: '暑期志愿服务',
      place: '南溪镇南溪小学',
      outcome: '服务普宁学生 80 人',
    });
    expect(await titles('信息技术')).toEqual(['教师信息技术应用能力培训']);
    expect(await titles('培训')).toEqual(['教师信息技术应用能力培训']);
    // 普宁 is also the receiving party of their agreement: every activity of it is found.
    expect(await titles('普宁')).toEqual([
      '2023 年基础教育帮扶工作推进会',
      '教师信息技术应用能力培训',
      '暑期志愿服务',
    ]);
    expect(await titles('南溪')).toEqual(['暑期志愿服务']);
    expect(await titles('南溪小学')).toEqual(['暑期志愿服务']);
    expect(await titles('帮扶 推进')).toEqual(['2023 年基础教育帮扶工作推进会']);
    expect(await titles('溪')).toEqual(['暑期志愿服务']);
    expect(await titles('"培训')).toEqual([]);
    const meeting = (await t.call('activities.list', { query: '推进会' })).rows[0]!;
    await t.call('activities.delete', { id: meeting.id });
    expect(await titles('推进会')).toEqual([]);
    expect(await titles('工作推进')).toEqual([]);
    await t.call('activities.restore', { id: meeting.id });
    expect(await titles('推进会')).toEqual(['2023 年基础教育帮扶工作推进会']);
  });

  it('keeps the search index in step with edits', async () => {
    const a = await t.call('activities.create', training());
    const { id: _id, evidenceCount: _e, updatedAt: _u, ...values } = a;
    await t.call('activities.update', {
      id: a.id,
      ...values,
      title: '美育浸润活动教师培训班',
      outcome: '广太镇音乐美术教师',
      amountYuan: 1200,
    });
    expect(await titles('信息技术')).toEqual([]);
    expect(await titles('美育')).toEqual(['美育浸润活动教师培训班']);
    expect((await t.call('activities.get', { id: a.id })).amountYuan).toBe(1200);
  });

  it('filters by agreement, type, date range and department, and sorts by date', async () => {
    await t.call('activities.create', training());
    await t.call('activities.create', {
      ...training(),
      type: '会议',
      title: '推进会',
      startDate: '2023-03-21',
      endDate: null,
      department: '继续教育部',
    });
    await t.call('activities.create', {
      ...training(),
      type: '调研对接',
      title: '调研',
      startDate: '2023-04-18',
      endDate: null,
    });
    const list = (input: Input<'activities.list'>) =>
      t.call('activities.list', input).then((p) => p.rows.map((r) => r.title));
    expect(await list({ agreementId, sort: 'startDate', direction: 'asc' })).toEqual([
      '推进会',
      '调研',
      '教师信息技术应用能力培训',
    ]);
    expect(await list({ type: '会议' })).toEqual(['推进会']);
    expect(await list({ from: '2023-04-01', to: '2023-04-30' })).toEqual(['调研']);
    expect(await list({ from: '2023-12-16', to: '2023-12-31' })).toEqual(['教师信息技术应用能力培训']);
    expect(await list({ department: '继续教育部' })).toEqual(['推进会']);
    expect(await list({ hasEvidence: true })).toEqual([]);
    expect((await t.call('activities.list', { limit: 1 })).total).toBe(3);
  });

  it('links an activity to a task and a plan item of its own agreement only', async () => {
    const task = await t.call('tasks.create', {
      agreementId,
      name: '教师信息技术应用能力培训',
      category: '师资培训',
      year: 2023,
      status: '进行中',
    });
    let plan = await t.call('plans.create', { agreementId, month: '2023-12' });
    plan = await t.call('plans.saveItem', {
      planId: plan.id,
      taskId: task.id,
      content: '12-14至18 信息技术应用能力培训',
      status: '进行中',
    });
    const item = plan.items[0]!;
    await t.call('activities.create', { ...training(), taskId: task.id, planItemId: item.id });
    expect((await t.call('plans.get', { agreementId, month: '2023-12' }))!.items[0]!.activityCount).toBe(1);
    await t.call('activities.create', { ...training(), title: '未关联计划的培训' });
    const linked = await t.call('activities.list', { planItemId: item.id });
    expect(linked.rows.map((r) => r.title)).toEqual([training().title]);
    const other = (await seedAgreement(t, { title: '另一协议' })).agreement.id;
    const res = await t.app.invoke('activities.create', {
      ...training(),
      agreementId: other,
      taskId: task.id,
    });
    expect(res).toMatchObject({ ok: false, error: { fields: { taskId: '所选帮扶项目不属于该协议' } } });
  });
});

describe('activity batches', () => {
  it('writes a batch in one transaction, all or nothing', async () => {
    const ok = await t.call('activities.createBatch', {
      activities: Array.from({ length: 30 }, (_, i) => ({ ...training(), title: `第${i}期培训` })),
    });
    expect(ok.ids).toHaveLength(30);
    expect((await t.call('activities.list', { query: '培训', limit: 1 })).total).toBe(30);
    const before = maxSeq(t.raw());
    const bad = await t.app.invoke('activities.createBatch', {
      activities: [training(), { ...training(), teachers: -3 }],
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { fields: { 'activities.1.teachers': '教师人数不能小于 0' } },
    });
    expect(maxSeq(t.raw())).toBe(before);
  });
});

describe('search over many matches', () => {
  it('walks the date index for common words and returns what sorting would: same rows, order and total', async () => {
    const { pageStrategy, WALK_INDEX_ABOVE } = await import('../../../db/repositories/activities');
    expect(pageStrategy(WALK_INDEX_ABOVE + 1, 'startDate')).toBe('walk');
    expect(pageStrategy(WALK_INDEX_ABOVE + 1, 'title')).toBe('sort');
    expect(pageStrategy(10, 'startDate')).toBe('sort');
    expect(pageStrategy(null, undefined)).toBe('sort');
    const day = (i: number) =>
      new Date(Date.UTC(2023, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
    const rows = Array.from({ length: WALK_INDEX_ABOVE + 200 }, (_, i) => ({
      ...training(),
      title: i % 2 === 0 ? `普宁教师培训第${i}期` : `调研第${i}期`,
      startDate: day(i),
      endDate: null,
    }));
    for (let i = 0; i < rows.length; i += 600)
      await t.call('activities.createBatch', { activities: rows.slice(i, i + 600) });
    // 普宁 is in every row's outcome (提升普宁市教师…), more matches than the threshold: the index is walked.
    const walked = await t.call('activities.list', { query: '普宁', limit: 30, offset: 10 });
    const expected = rows
      .map((r, i) => ({ ...r, i }))
      .sort((a, b) => (a.startDate === b.startDate ? b.i - a.i : a.startDate < b.startDate ? 1 : -1))
      .slice(10, 40)
      .map((r) => r.title);
    expect(walked.total).toBe(rows.length);
    expect(walked.rows.map((r) => r.title)).toEqual(expected);
    // With a filter the total is counted on the rows themselves.
    const text = (r: (typeof rows)[number]) => `${r.title} ${r.place ?? ''} ${r.outcome ?? ''}`;
    const filtered = await t.call('activities.list', { query: '培训 第1', type: '培训', limit: 1 });
    expect(filtered.total).toBe(
      rows.filter((r) => text(r).includes('培训') && text(r).includes('第1')).length,
    );
  });
});

describe('ledger pages', () => {
  const day = (i: number) => `2023-0${1 + (i % 3)}-1${i % 4}`;
  const batch = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      ...training(),
      title: `活动${100 + i}`,
      startDate: day(i),
      endDate: null,
    }));

  it('gives every page, near end or far, the rows of the one order (date, then entry) in both directions', async () => {
    const rows = batch(53);
    await t.call('activities.createBatch', { activities: rows });
    // Days repeat, so many rows tie on the date and the entry order decides.
    const byDate = rows
      .map((r, i) => ({ ...r, i }))
      .sort((a, b) => (a.startDate === b.startDate ? a.i - b.i : a.startDate < b.startDate ? -1 : 1))
      .map((r) => r.title);
    const orders = { asc: byDate, desc: [...byDate].reverse() };
    for (const direction of ['asc', 'desc'] as const)
      for (let offset = 0; offset <= 56; offset++) {
        const page = await t.call('activities.list', { sort: 'startDate', direction, limit: 7, offset });
        expect(page.total).toBe(53);
        expect(page.rows.map((r) => r.title)).toEqual(orders[direction].slice(offset, offset + 7));
      }
    const byTitle = await t.call('activities.list', {
      sort: 'title',
      direction: 'asc',
      limit: 10,
      offset: 45,
    });
    expect(byTitle.rows.map((r) => r.title)).toEqual(rows.map((r) => r.title).slice(45, 55));
  });

  it('counts the list afresh after every change, also while its pages are being turned', async () => {
    await t.call('activities.createBatch', { activities: batch(5) });
    expect((await t.call('activities.list', { limit: 2 })).total).toBe(5);
    expect((await t.call('activities.list', { limit: 2, offset: 2 })).total).toBe(5);
    const a = await t.call('activities.create', training());
    expect((await t.call('activities.list', { limit: 2, offset: 4 })).total).toBe(6);
    expect((await t.call('activities.list', { limit: 2, type: '培训' })).total).toBe(6);
    await t.call('activities.delete', { id: a.id });
    const after = await t.call('activities.list', { limit: 2, offset: 4 });
    expect(after.total).toBe(5);
    expect(after.rows).toHaveLength(1);
  });
});
