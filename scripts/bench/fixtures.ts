import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, type AppHandle } from '../../db/app';
import type { Input, Method, Output } from '../../electron/shared/contract';
import { TASK_CATEGORIES, TASK_STATUSES } from '../../electron/shared/domain';

export interface BenchApp {
  app: AppHandle;
  dir: string;
  agreementId: string;
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  dispose(): void;
}

/** The Chinese searches of two to six characters the ledger and department benches time, as people type them. */
export const SEARCH_QUERIES = [
  '培训',
  '普宁',
  '挂职',
  '信息技术',
  '美育浸润',
  '南溪小学',
  '送教下乡',
  '学历提升',
  '教师信息技术',
  '骨干教师跟岗',
];

/** Calls through the app's dispatcher and returns the value, or throws with the method and its message. */
export const callerOf =
  (app: Pick<AppHandle, 'invoke'>) =>
  async <M extends Method>(method: M, input: Input<M>): Promise<Output<M>> => {
    const res = await app.invoke(method, input);
    if (!res.ok) throw new Error(`${method}: ${res.error.message}`);
    return res.value as Output<M>;
  };

/** A fresh site in `root/label` with one agreement, set up through the API exactly as a user's first run. */
export const benchApp = async (root: string, label: string): Promise<BenchApp> => {
  const dir = join(root, label);
  mkdirSync(dir);
  const app = await openApp({ dataDir: dir, appVersion: 'bench' });
  const call = callerOf(app);
  await call('app.setup', {
    mode: 'site',
    siteName: '揭阳职院',
    institution: { name: '揭阳职业技术学院', kind: '高职院校' },
  });
  const supporter = (await call('institutions.list', {}))[0]!;
  const receiver = await call('institutions.create', { name: '普宁市教育局', kind: '教育局' });
  const agreement = await call('agreements.create', {
    title: '结对帮扶协议（2021—2025 年）',
    programType: '基础教育帮扶',
    deliveryMode: '一对一',
    documentForm: '协议',
    periodStart: '2021',
    periodEnd: '2025',
    status: '执行中',
    parties: [
      { institutionId: supporter.id, role: '支援方' },
      { institutionId: receiver.id, role: '受援方' },
    ],
    phases: [],
  });
  return {
    app,
    dir,
    agreementId: agreement.id,
    call,
    // The caller's temp root is removed as a whole at the end of the run.
    dispose: () => app.close(),
  };
};

const DEPARTMENTS = ['继续教育部', '教务处', '科技设备处', '学生工作处', '师范教育系', '信息工程系'];
const SUBJECTS = [
  '教师信息技术应用能力培训',
  '幼儿园教师学历提升',
  '师范生实习支教',
  '美育浸润活动',
  '送教下乡讲座',
  '骨干教师跟岗学习',
];

export type TaskRow = Omit<Input<'tasks.create'>, 'agreementId'>;

/** Realistic 工作台账 rows: varied names, categories, departments, years and budgets. */
export const taskRow = (i: number): TaskRow => ({
  name: `${SUBJECTS[i % SUBJECTS.length]}（第${(i % 97) + 1}期）`,
  category: TASK_CATEGORIES[i % TASK_CATEGORIES.length]!,
  department: DEPARTMENTS[i % DEPARTMENTS.length]!,
  responsiblePerson: `责任人${i % 53}`,
  year: 2021 + (i % 5),
  targetText: `培训教师 ${20 + (i % 80)} 人次，满意度不低于 90%`,
  targetValue: 20 + (i % 80),
  targetUnit: '人次',
  budgetYuan: 1000 + (i % 500) * 10,
  status: TASK_STATUSES[i % TASK_STATUSES.length]!,
  ...(i % 3 === 0
    ? { description: `${DEPARTMENTS[(i + 2) % DEPARTMENTS.length]}牵头，分${(i % 4) + 1}批次实施` }
    : {}),
  ...(i % 7 === 0 ? { notes: '经费由帮扶专项列支' } : {}),
});

/**
 * Fills a bench site with `n` trainings through activities.createBatch, 1,000 per call: the ledger a
 * sync bundle or an import is made from.
 */
export const addTrainings = async (site: BenchApp, n: number): Promise<void> => {
  for (let i = 0; i < n; i += 1000) {
    const activities = Array.from({ length: Math.min(1000, n - i) }, (_, j) => ({
      agreementId: site.agreementId,
      type: '培训' as const,
      title: `教师信息技术应用能力培训（第${i + j + 1}期）`,
      startDate: '2023-12-14',
      teachers: 50,
      notes: '佐证材料：签到表、现场照片',
    }));
    await site.call('activities.createBatch', { activities });
  }
};
