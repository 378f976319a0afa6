import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changes, maxSeq, openTestApp, seedAgreement, type TestApp } from '../../helpers/db';

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
});
afterEach(() => t.close());

const institution = (name: string, kind: '高职院校' | '教育局' = '高职院校') =>
  t.call('institutions.create', { name, kind });

describe('agreements', () => {
  it('creates an agreement with parties and phases and reads it back whole', async () => {
    const { agreement, supporter, receiver } = await seedAgreement(t, {
      policyBasis: '《关于做好全口径全方位融入式帮扶……的通知》',
      signedDate: '2021-06-01',
      hostOffice: '合作教育办公室',
      phases: [
        { name: '第一阶段', startDate: '2021-09-01', endDate: '2023-08-31' },
        { name: '第二阶段', startDate: '2023-09-01', endDate: '2025-12-31', notes: '巩固提升' },
      ],
    });
    const got = await t.call('agreements.get', { id: agreement.id });
    expect(got).toMatchObject({
      title: '结对帮扶协议（2021—2025 年）',
      programType: '基础教育帮扶',
      budgetYuan: 210000,
      signedDate: '2021-06-01',
      hostOffice: '合作教育办公室',
    });
    expect(got.parties.map((p) => [p.institutionId, p.role])).toEqual([
      [supporter.id, '支援方'],
      [receiver.id, '受援方'],
    ]);
    expect(got.phases.map((p) => p.name)).toEqual(['第一阶段', '第二阶段']);
  });

  it('keeps several supporting colleges of a 组团式 agreement, each with its major', async () => {
    const hotan = await institution('和田职业技术学院');
    const colleges = await Promise.all(
      ['天津职业大学', '天津轻工职业技术学院', '天津医学高等专科学校'].map((n) => institution(n)),
    );
    const majors = ['电子商务', '服装设计', '护理'];
    const a = await t.call('agreements.create', {
      title: '援建和田职业技术学院项目',
      programType: '援疆',
      deliveryMode: '组团式',
      documentForm: '任务书',
      periodStart: '2018-09',
      periodEnd: '2020-02',
      status: '已完成',
      hostOffice: '合作教育办公室',
      parties: [
        ...colleges.map((c, i) => ({ institutionId: c.id, role: '支援方' as const, major: majors[i]! })),
        { institutionId: hotan.id, role: '受援方' },
      ],
      phases: [],
    });
    expect(a.parties.filter((p) => p.role === '支援方').map((p) => p.major)).toEqual(majors);
    const page = await t.call('agreements.list', { query: '和田' });
    expect(page.rows[0]!.supporters).toHaveLength(3);
  });

  it('finds agreements by two-character Chinese words in titles and party names', async () => {
    await seedAgreement(t);
    const other = await institution('阳江职业技术学院');
    const self = (await t.call('institutions.list', { query: '揭阳' }))[0]!;
    await t.call('agreements.create', {
      title: '一流高职院校结对帮扶框架协议',
      programType: '结对帮扶',
      deliveryMode: '一对一',
      documentForm: '框架协议',
      periodStart: '2019',
      periodEnd: '2021',
      status: '已完成',
      parties: [
        { institutionId: self.id, role: '支援方' },
        { institutionId: other.id, role: '受援方' },
      ],
      phases: [],
    });
    expect((await t.call('agreements.list', { query: '普宁' })).rows.map((r) => r.title)).toEqual([
      '结对帮扶协议（2021—2025 年）',
    ]);
    expect((await t.call('agreements.list', { query: '阳江' })).total).toBe(1);
    expect((await t.call('agreements.list', { query: '框架' })).total).toBe(1);
    expect((await t.call('agreements.list', { query: '帮扶' })).total).toBe(2);
    expect((await t.call('agreements.list', { query: '100%' })).total).toBe(0);
  });

  it('filters by program type, status and the years an agreement runs, and sorts', async () => {
    await seedAgreement(t);
    await seedAgreement(t, {
      title: '东西协作协议',
      programType: '东西协作',
      periodStart: '2018-09',
      periodEnd: '2020-02',
      status: '已完成',
    });
    expect((await t.call('agreements.list', { programType: '东西协作' })).total).toBe(1);
    expect((await t.call('agreements.list', { status: '执行中' })).rows[0]!.title).toMatch(/2021/);
    expect((await t.call('agreements.list', { year: 2019 })).rows.map((r) => r.title)).toEqual([
      '东西协作协议',
    ]);
    expect((await t.call('agreements.list', { year: 2020 })).total).toBe(1);
    expect((await t.call('agreements.list', { year: 2023 })).total).toBe(1);
    const asc = await t.call('agreements.list', { sort: 'periodStart', direction: 'asc' });
    expect(asc.rows.map((r) => r.periodStart)).toEqual(['2018-09', '2021']);
    const paged = await t.call('agreements.list', {
      limit: 1,
      offset: 1,
      sort: 'periodStart',
      direction: 'asc',
    });
    expect(paged).toMatchObject({ total: 2, rows: [{ periodStart: '2021' }] });
  });

  it('deletes as a tombstone that an undo restores, each a synced change', async () => {
    const { agreement } = await seedAgreement(t);
    const before = maxSeq(t.raw());
    await t.call('agreements.delete', { id: agreement.id });
    expect((await t.call('agreements.list', {})).total).toBe(0);
    expect(
      t.raw().prepare('SELECT deleted_at IS NOT NULL FROM agreements WHERE id = ?').pluck().get(agreement.id),
    ).toBe(1);
    const gone = await t.app.invoke('agreements.get', { id: agreement.id });
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await t.call('agreements.restore', { id: agreement.id });
    expect((await t.call('agreements.list', {})).total).toBe(1);
    const recorded = changes(t.raw(), before);
    expect(recorded.map((c) => [c.tbl, c.op, 'deleted_at' in JSON.parse(c.data)])).toEqual([
      ['agreements', 'u', true],
      ['agreements', 'u', true],
    ]);
  });

  it('removes a party by tombstoning it, not by deleting the row', async () => {
    const { agreement, supporter } = await seedAgreement(t);
    const third = await institution('普宁市第二中学', '教育局');
    const detail = await t.call('agreements.get', { id: agreement.id });
    const receiverParty = detail.parties.find((p) => p.role === '受援方')!;
    await t.call('agreements.update', {
      id: agreement.id,
      title: detail.title,
      programType: detail.programType,
      deliveryMode: detail.deliveryMode,
      documentForm: detail.documentForm,
      periodStart: detail.periodStart,
      periodEnd: detail.periodEnd,
      status: detail.status,
      parties: [
        { id: detail.parties[0]!.id, institutionId: supporter.id, role: '支援方' },
        { institutionId: third.id, role: '受援方' },
      ],
      phases: [],
    });
    const after = await t.call('agreements.get', { id: agreement.id });
    expect(after.parties.map((p) => p.institutionName)).toEqual(['揭阳职业技术学院', '普宁市第二中学']);
    expect(
      t
        .raw()
        .prepare('SELECT deleted_at IS NOT NULL FROM agreement_parties WHERE id = ?')
        .pluck()
        .get(receiverParty.id),
    ).toBe(1);
  });

  it('refuses a party institution that does not exist, saving nothing', async () => {
    const self = (await t.call('institutions.list', {}))[0]!;
    const before = maxSeq(t.raw());
    const res = await t.app.invoke('agreements.create', {
      title: '协议',
      programType: '结对帮扶',
      deliveryMode: '一对一',
      documentForm: '协议',
      periodStart: '2021',
      periodEnd: '2025',
      status: '执行中',
      parties: [
        { institutionId: self.id, role: '支援方' },
        { institutionId: '0192f3a4-b5c6-7d8e-9f01-23456789abcd', role: '受援方' },
      ],
      phases: [],
    });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { parties: expect.stringMatching(/不存在/) } },
    });
    expect(maxSeq(t.raw())).toBe(before);
  });
});

describe('leadership group revisions', () => {
  it('keeps the history: a new revision leaves the old one and its members intact', async () => {
    const { agreement, supporter, receiver } = await seedAgreement(t);
    const first = await t.call('groups.saveRevision', {
      agreementId: agreement.id,
      revisedOn: '2021-06-01',
      approvedBy: '校长办公会',
      members: [
        {
          groupKind: '领导小组',
          name: '罗恢远',
          role: '组长',
          institutionId: supporter.id,
          post: '院长',
          phone: '0663-8888888',
        },
        { groupKind: '领导小组', name: '普宁市教育局局长', role: '副组长', institutionId: receiver.id },
      ],
    });
    const second = await t.call('groups.saveRevision', {
      agreementId: agreement.id,
      revisedOn: '2023-06-13',
      approvedBy: '学校党委会',
      members: [
        ...first.members.map(({ groupKind, name, role, institutionId, post, phone, id }) => ({
          id,
          groupKind,
          name,
          role,
          institutionId,
          post,
          phone,
        })),
        {
          groupKind: '办公室',
          name: '刘瑞叶',
          role: '办公室主任',
          institutionId: supporter.id,
          post: '副院长（兼）',
        },
      ],
    });
    expect(second.id).not.toBe(first.id);
    expect(second.members.map((m) => m.id)).not.toContain(first.members[0]!.id);
    const detail = await t.call('agreements.get', { id: agreement.id });
    expect(detail.groups.map((g) => [g.revisedOn, g.approvedBy, g.members.length])).toEqual([
      ['2023-06-13', '学校党委会', 3],
      ['2021-06-01', '校长办公会', 2],
    ]);
    expect(detail.groups[0]!.members[2]).toMatchObject({
      name: '刘瑞叶',
      institutionName: '揭阳职业技术学院',
    });
  });

  it('corrects a revision in place when given its id, tombstoning removed members', async () => {
    const { agreement } = await seedAgreement(t);
    const rev = await t.call('groups.saveRevision', {
      agreementId: agreement.id,
      revisedOn: '2023-06-13',
      members: [
        { groupKind: '领导小组', name: '罗恢远', role: '组长' },
        { groupKind: '办公室', name: '误录', role: '办公室成员' },
      ],
    });
    const fixed = await t.call('groups.saveRevision', {
      id: rev.id,
      agreementId: agreement.id,
      revisedOn: '2023-06-13',
      members: [
        { id: rev.members[0]!.id, groupKind: '领导小组', name: '罗恢远', role: '组长', phone: '13800138000' },
      ],
    });
    expect(fixed.id).toBe(rev.id);
    expect(fixed.members).toMatchObject([{ id: rev.members[0]!.id, phone: '13800138000' }]);
    expect(
      t.raw().prepare('SELECT count(*) FROM group_members WHERE revision_id = ?').pluck().get(rev.id),
    ).toBe(2);
  });
});

describe('tasks', () => {
  it('refuses a task whose year lies outside its agreement’s period, naming the period', async () => {
    const { agreement } = await seedAgreement(t);
    const base = {
      agreementId: agreement.id,
      category: '学历提升',
      status: '进行中',
      name: '学历提升',
    } as const;
    const res = await t.app.invoke('tasks.create', { ...base, year: 2019 });
    expect(res.ok ? null : res.error).toMatchObject({
      code: 'VALIDATION',
      message: '帮扶项目的年度不在协议期限（2021—2025 年）之内',
      fields: { year: '年度应在协议期限 2021—2025 年之内' },
    });
    const batch = await t.app.invoke('tasks.createBatch', {
      agreementId: agreement.id,
      tasks: [2023, 2026].map((year) => {
        const { agreementId: _b, ...task } = base;
        return { ...task, year };
      }),
    });
    expect(batch.ok ? null : batch.error.fields).toEqual({
      'tasks.1.year': '年度应在协议期限 2021—2025 年之内',
    });
    const task = await t.call('tasks.create', { ...base, year: 2025 });
    const { agreementId: _a, ...fields } = base;
    const moved = await t.app.invoke('tasks.update', { ...fields, id: task.id, year: 2030 });
    expect(moved.ok ? null : moved.error.fields).toEqual({ year: '年度应在协议期限 2021—2025 年之内' });
    expect((await t.call('agreements.get', { id: agreement.id })).tasks.map((x) => x.year)).toEqual([2025]);
  });

  it('creates, edits, deletes and restores a task, in order within its agreement', async () => {
    const { agreement } = await seedAgreement(t);
    const base = { agreementId: agreement.id, category: '学历提升', year: 2023, status: '进行中' } as const;
    const a = await t.call('tasks.create', {
      ...base,
      name: '幼儿园教师学历提升工程',
      department: '继续教育部',
      budgetYuan: '12000.50',
      contact: '0663-1234567',
    });
    const b = await t.call('tasks.create', { ...base, name: '开展师范生实习支教', department: '教务处' });
    expect([a.sort, b.sort]).toEqual([0, 1]);
    expect(a.budgetYuan).toBe(12000.5);
    const edited = await t.call('tasks.update', {
      id: a.id,
      name: a.name,
      category: '学历提升',
      year: 2023,
      status: '已完成',
      targetValue: 33,
      targetUnit: '人',
    });
    expect(edited).toMatchObject({ status: '已完成', targetValue: 33, budgetYuan: null });
    await t.call('tasks.delete', { id: b.id });
    expect((await t.call('agreements.get', { id: agreement.id })).tasks.map((x) => x.name)).toEqual([
      '幼儿园教师学历提升工程',
    ]);
    await t.call('tasks.restore', { id: b.id });
    expect((await t.call('agreements.list', {})).rows[0]!.taskCount).toBe(2);
  });

  it('writes a batch in one transaction: all rows or none', async () => {
    const { agreement } = await seedAgreement(t);
    const row = { name: '培训', category: '师资培训', year: 2023, status: '进行中' } as const;
    const ok = await t.call('tasks.createBatch', {
      agreementId: agreement.id,
      tasks: Array.from({ length: 120 }, () => row),
    });
    expect(ok.ids).toHaveLength(120);
    const txs = t
      .raw()
      .prepare("SELECT count(DISTINCT tx) FROM change_log WHERE tbl = 'tasks'")
      .pluck()
      .get();
    expect(txs).toBe(1);
    const before = maxSeq(t.raw());
    const bad = await t.app.invoke('tasks.createBatch', {
      agreementId: agreement.id,
      tasks: [row, { ...row, year: 3000 }],
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { 'tasks.1.year': expect.any(String) } },
    });
    expect(maxSeq(t.raw())).toBe(before);
  });
});
