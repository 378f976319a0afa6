import type { Input, Task } from '../../electron/shared/contract';
import type { ServiceContext } from './context';

// Seed 004's ledger (shared/fixtures/seed-004-records.ndjson): its two monthly plans and ten activities.
// Where the report gives only a month (志愿服务 in July, 实习支教 in June) the first day stands in, and the
// notes say so. Grouping the items into monthly plans is the fixture's inference, kept as it is.

type ActivityFields = Omit<Input<'activities.create'>, 'agreementId'>;
type Item = {
  content: string;
  plannedDate?: string;
  task?: string;
  status: Input<'plans.saveItem'>['status'];
};
type Row = ActivityFields & { task?: string; item?: string };

const MONTH_ONLY = '报告只记到月份，日期取该月 1 日';

const PLANS: { month: string; reviewed: boolean; items: Item[] }[] = [
  {
    month: '2023-04',
    reviewed: true,
    items: [
      { content: '04-07 修订项目实施方案研讨会', plannedDate: '2023-04-07', status: '已完成' },
      { content: '制订师范生实习支教实施方案', task: '开展师范生实习支教', status: '已完成' },
      { content: '04-18 调研对接', plannedDate: '2023-04-18', status: '已完成' },
      { content: '04-20 美育培训班开班', plannedDate: '2023-04-20', task: '美育浸润活动', status: '已完成' },
    ],
  },
  {
    month: '2023-12',
    reviewed: false,
    items: [
      {
        content: '12-14至18 信息技术应用能力培训',
        plannedDate: '2023-12-14',
        task: '教师信息技术应用能力培训',
        status: '已完成',
      },
      { content: '12-15 考核结果研讨会', plannedDate: '2023-12-15', status: '进行中' },
    ],
  },
];

const ACTIVITIES: Row[] = [
  { type: '会议', title: '2023 年基础教育帮扶工作推进会', startDate: '2023-03-21' },
  {
    type: '调研对接',
    title: '罗恢远院长带队到普宁市教育局调研',
    startDate: '2023-03-13',
    place: '普宁市教育局',
    details: { attendees: '罗恢远' },
  },
  {
    type: '会议',
    title: '修订《2023 年帮扶基础教育高质量发展工作具体项目实施方案》研讨会',
    startDate: '2023-04-07',
    item: '04-07 修订项目实施方案研讨会',
  },
  {
    type: '调研对接',
    title: '刘瑞叶副院长带领 6 个部门到普宁市教育局调研对接',
    startDate: '2023-04-18',
    place: '普宁市教育局',
    details: { attendees: '刘瑞叶及 6 个部门负责人' },
    item: '04-18 调研对接',
  },
  {
    type: '培训',
    title: '帮扶普宁市广太镇美育浸润活动教师培训班开班',
    startDate: '2023-04-20',
    place: '广太镇仁美小学',
    task: '美育浸润活动',
    item: '04-20 美育培训班开班',
  },
  {
    type: '实习支教',
    title: '师范生实习支教',
    startDate: '2023-06-01',
    students: 118,
    notes: MONTH_ONLY,
    task: '开展师范生实习支教',
  },
  {
    type: '志愿服务',
    title: '南溪镇南溪小学志愿服务',
    startDate: '2023-07-01',
    place: '南溪镇南溪小学',
    students: 50,
    details: { volunteers: 50, served: 80 },
    notes: MONTH_ONLY,
  },
  { type: '会议', title: '2022年度全口径全方位融入式帮扶工作考核推进会', startDate: '2023-09-13' },
  {
    type: '培训',
    title: '教师信息技术应用能力培训',
    startDate: '2023-12-14',
    endDate: '2023-12-18',
    online: true,
    teachers: 50,
    days: 5,
    instructorCount: 6,
    lectures: 6,
    department: '信息工程系',
    task: '教师信息技术应用能力培训',
    item: '12-14至18 信息技术应用能力培训',
  },
  {
    type: '会议',
    title: '2022年度考核结果研讨会暨2023年度考核动员会',
    startDate: '2023-12-15',
    item: '12-15 考核结果研讨会',
  },
];

export const loadDemoLedger = async (ctx: ServiceContext, agreementId: string, tasks: Task[]) => {
  const taskId = (name?: string) => (name ? (tasks.find((t) => t.name === name)?.id ?? null) : null);
  const itemIds = new Map<string, string>();
  for (const p of PLANS) {
    let plan = await ctx.call('plans.create', { agreementId, month: p.month, drafter: '帮扶办' });
    for (const item of p.items) {
      const { task, ...rest } = item;
      plan = await ctx.call('plans.saveItem', { planId: plan.id, taskId: taskId(task), ...rest });
    }
    for (const i of plan.items) itemIds.set(i.content, i.id);
    if (p.reviewed) {
      await ctx.call('plans.submit', { id: plan.id, by: '帮扶办' });
      await ctx.call('plans.approve', { id: plan.id, by: '刘瑞叶', note: '同意' });
    }
  }
  const activities = ACTIVITIES.map(({ task, item, ...a }) => ({
    ...a,
    agreementId,
    taskId: taskId(task),
    planItemId: item ? (itemIds.get(item) ?? null) : null,
  }));
  await ctx.call('activities.createBatch', { activities });
};
