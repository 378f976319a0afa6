import type { Input } from '../../electron/shared/contract';
import { listAgreements } from '../repositories/agreements';
import { findInstitutionByName } from '../repositories/institutions';
import type { ServiceContext } from './context';
import { loadDemoLedger } from './demoLedger';

// Seed 004 (揭阳职业技术学院 2023 年对口支援工作报告), entered through the API like any user's input, so
// demo data obeys the same validation and change capture as real data.

export const DEMO_AGREEMENT_TITLE = '结对帮扶协议（2021—2025 年）';

const SUPPORTER = {
  name: '揭阳职业技术学院',
  shortName: '揭阳职院',
  kind: '高职院校',
  region: '广东省揭阳市',
} as const;
const RECEIVER = { name: '普宁市教育局', shortName: null, kind: '教育局', region: '广东省普宁市' } as const;

type TaskFields = Omit<Input<'tasks.create'>, 'agreementId'>;

const task = (t: Partial<TaskFields> & Pick<TaskFields, 'name' | 'category'>): TaskFields => ({
  year: 2023,
  status: '进行中',
  ...t,
});

const TASKS: TaskFields[] = [
  task({
    name: '幼儿园教师学历提升工程',
    category: '学历提升',
    department: '继续教育部',
    targetText: '报名 81 人，录取 33 人，学费减免 30%，以在线学习为主',
    targetValue: 33,
    targetUnit: '人',
  }),
  task({
    name: '开展师范生实习支教',
    category: '师资培训',
    department: '教务处',
    description: '师范教育系、外语系、艺术与体育系 2021 级师范生到普宁市各级学校实习支教',
    targetValue: 118,
    targetUnit: '人',
  }),
  task({ name: '教师信息技术应用能力培训', category: '师资培训', department: '信息工程系' }),
  task({
    name: '教师能力素养培训',
    category: '师资培训',
    targetText: '培训音乐、美术教师 58 人',
    targetValue: 58,
    targetUnit: '人',
  }),
  task({ name: '美育浸润活动', category: '志愿服务', description: '广太镇，2023-04-20 至 2023-06-20' }),
  task({
    name: '推荐优秀论文发表',
    category: '科研与社会服务',
    department: '科技设备处',
    targetText: '第二十卷第三期 2 篇、第四期 4 篇',
    targetValue: 6,
    targetUnit: '篇',
  }),
];

const institutionId = async (ctx: ServiceContext, v: typeof SUPPORTER | typeof RECEIVER) =>
  findInstitutionByName(ctx.store.read, v.name)?.id ?? (await ctx.call('institutions.create', v)).id;

export const loadDemo = async (ctx: ServiceContext): Promise<{ agreementId: string; created: boolean }> => {
  const existing = listAgreements(ctx.store.read, { query: DEMO_AGREEMENT_TITLE }).rows[0];
  if (existing) return { agreementId: existing.id, created: false };
  const supporter = await institutionId(ctx, SUPPORTER);
  const receiver = await institutionId(ctx, RECEIVER);
  const agreement = await ctx.call('agreements.create', {
    title: DEMO_AGREEMENT_TITLE,
    programType: '基础教育帮扶',
    deliveryMode: '一对一',
    documentForm: '协议',
    policyBasis: '广东省教育厅《关于做好全口径全方位融入式帮扶粤东粤西粤北地区基础教育高质量发展工作的通知》',
    periodStart: '2021',
    periodEnd: '2025',
    status: '执行中',
    goals: '帮扶普宁市基础教育高质量发展：学历提升、师资培训、实习支教、美育浸润、科研支持',
    budgetYuan: 210000,
    notes: '2023 年基础教育帮扶支出预算共 21 万元',
    parties: [
      { institutionId: supporter, role: '支援方' },
      { institutionId: receiver, role: '受援方' },
    ],
    phases: [],
  });
  const office = ['继续教育部', '教务处', '科技设备处', '学生工作处', '师范教育系', '信息工程系'];
  await ctx.call('groups.saveRevision', {
    agreementId: agreement.id,
    revisedOn: '2023-06-13',
    approvedBy: '学校党委会',
    notes: '《揭阳职业技术学院对口帮扶基础教育高质量发展工作实施方案（2023 年修订）》调整领导小组',
    members: [
      { groupKind: '领导小组', name: '罗恢远', role: '组长', institutionId: supporter, post: '院长' },
      {
        groupKind: '领导小组',
        name: '普宁市教育局局长',
        role: '副组长',
        institutionId: receiver,
        post: '局长',
      },
      {
        groupKind: '领导小组',
        name: '学校党委副书记',
        role: '副组长',
        institutionId: supporter,
        post: '党委副书记',
      },
      { groupKind: '领导小组', name: '学校副院长', role: '副组长', institutionId: supporter, post: '副院长' },
      {
        groupKind: '办公室',
        name: '刘瑞叶',
        role: '办公室主任',
        institutionId: supporter,
        post: '副院长（兼）',
      },
      ...office.map((dept) => ({
        groupKind: '办公室' as const,
        name: `${dept}负责人`,
        role: '办公室成员' as const,
        institutionId: supporter,
        post: dept,
      })),
      {
        groupKind: '办公室',
        name: '普宁市教育局相关部门负责人',
        role: '办公室成员',
        institutionId: receiver,
      },
    ],
  });
  await ctx.call('tasks.createBatch', { agreementId: agreement.id, tasks: TASKS });
  const { tasks } = await ctx.call('agreements.get', { id: agreement.id });
  await loadDemoLedger(ctx, agreement.id, tasks);
  return { agreementId: agreement.id, created: true };
};
