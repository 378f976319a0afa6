import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import { addSheet, bytesOf } from '../../helpers/workbook';

// The province's 汇总表 comes in as the agreement's tasks and plan items, not as activities.

let t: TestApp;
let agreementId: string;
beforeEach(async () => {
  t = await openTestApp();
  agreementId = (await seedAgreement(t)).agreement.id;
});
afterEach(() => t.close());

const summary = async (done = '进行中') => {
  const book = new ExcelJS.Workbook();
  addSheet(book, '汇总表', {
    title: ['2023年结对帮扶计划实施情况汇总表', '填报单位（盖章）：揭阳职业技术学院'],
    header: [
      [
        '序号',
        '帮扶项目',
        '具体任务',
        '对口部门',
        '责任人',
        '联络员/联系方式',
        '计划时间',
        '完成情况',
        '量化成效',
        '佐证材料',
        '备注',
      ],
    ],
    rows: [
      [
        1,
        '师资队伍建设',
        '教师信息技术应用能力培训',
        '继续教育学院',
        '王强',
        '李华 13800138000',
        '2023年12月14日',
        '已完成',
        '培训教师 50 人',
        '签到表',
        null,
      ],
      [
        2,
        null,
        '骨干教师跟岗学习',
        '教务处',
        '陈明',
        '李华 13800138000',
        '2023年5月',
        done,
        null,
        null,
        null,
      ],
      [3, '党建引领', '支部共建', '党委办公室', '刘洋', null, '全年', '推进中', null, null, '/'],
      ['合计', null, null, null, null, null, null, null, null, null, null],
      ['填表人：李华', null, null, null, null, null, null, '审核人：王强', null, null, null],
    ],
    merges: ['B4:B5'],
  });
  return bytesOf(book);
};

const file = (bytes: Buffer) => ({
  agreementId,
  fileName: '汇总表.xlsx',
  dataBase64: bytes.toString('base64'),
});
const commit = async (bytes: Buffer) => {
  const p = await t.call('ledger.importPreview', file(bytes));
  return t.call('ledger.importCommit', {
    ...file(bytes),
    expected: { create: p.counts.create, update: p.counts.update },
  });
};

describe('the province’s 汇总表', () => {
  it('is recognised and said so, and imports as tasks with the plan items its dates give', async () => {
    const bytes = await summary();
    const p = await t.call('ledger.importPreview', file(bytes));
    expect(p.layout).toBe('tasks');
    expect(p.layoutNote).toBe(
      '识别为省汇总表：工作表 “汇总表” 的 3 行将导入为本协议的帮扶项目（不是活动），其中 2 行有计划时间，同时加入当月工作计划',
    );
    expect(p.skipped).toEqual(['合计、小计行 1 行未导入（第 7 行）', '签字、填表人行 1 行未导入（第 8 行）']);
    expect(p.counts).toEqual({ total: 3, create: 3, update: 0, same: 0, held: 0, warnings: 2 });
    expect(p.rows.find((r) => r.row === 5)!.warnings).toEqual([
      { field: 'plannedTime', message: '“2023年5月”只有月份，计划日期按 2023-05-01 记' },
    ]);
    expect(p.rows.find((r) => r.row === 6)!.warnings).toEqual([
      { field: 'plannedTime', message: '计划时间“全年”不是日期，不生成计划事项' },
    ]);
    expect(await commit(bytes)).toEqual({ layout: 'tasks', created: 3, updated: 0, same: 0, held: 0 });

    const tasks = (await t.call('agreements.get', { id: agreementId })).tasks;
    expect(
      tasks.map((k) => [
        k.name,
        k.category,
        k.description,
        k.department,
        k.liaison,
        k.contact,
        k.year,
        k.status,
      ]),
    ).toEqual([
      [
        '师资队伍建设',
        '师资培训',
        '教师信息技术应用能力培训',
        '继续教育学院',
        '李华',
        '13800138000',
        2023,
        '已完成',
      ],
      ['师资队伍建设', '师资培训', '骨干教师跟岗学习', '教务处', '李华', '13800138000', 2023, '进行中'],
      ['党建引领', '党建', '支部共建', '党委办公室', null, null, 2023, '进行中'],
    ]);
    const december = await t.call('plans.get', { agreementId, month: '2023-12' });
    expect(december!.items.map((i) => [i.content, i.plannedDate, i.status, i.taskName])).toEqual([
      ['教师信息技术应用能力培训', '2023-12-14', '已完成', '师资队伍建设'],
    ]);
    const may = await t.call('plans.get', { agreementId, month: '2023-05' });
    expect(may!.items.map((i) => [i.content, i.plannedDate])).toEqual([['骨干教师跟岗学习', '2023-05-01']]);
    expect((await t.call('activities.list', {})).total).toBe(0);
  });

  it('adds nothing on a second import and updates a task whose 完成情况 changed', async () => {
    await commit(await summary());
    expect(await commit(await summary())).toEqual({
      layout: 'tasks',
      created: 0,
      updated: 0,
      same: 3,
      held: 0,
    });
    expect(await commit(await summary('已完成'))).toEqual({
      layout: 'tasks',
      created: 0,
      updated: 1,
      same: 2,
      held: 0,
    });
    const tasks = (await t.call('agreements.get', { id: agreementId })).tasks;
    expect(tasks.map((k) => k.status)).toEqual(['已完成', '已完成', '进行中']);
    const may = await t.call('plans.get', { agreementId, month: '2023-05' });
    expect(may!.items).toHaveLength(1);
  });
});
