import { TASK_CATEGORIES, type TaskCategory, type TaskStatus } from '../../electron/shared/domain';
import type { TaskImportField } from '../../electron/shared/schemas/ledgerImport';
import { normaliseHeader } from './columns';

// The province's 汇总表 (序号, 帮扶项目, 具体任务, 对口部门, 责任人, 联络员, 联系方式, 计划时间, 完成情况,
// 量化成效, 佐证材料, 备注): its headers, and how its 完成情况 and 帮扶项目 cells read as a task's status
// and category.

const TASK_HEADERS: Record<TaskImportField, string[]> = {
  name: ['帮扶项目', '项目名称', '帮扶任务', '项目'],
  category: ['项目类别', '类别'],
  description: ['具体任务', '任务内容', '工作任务', '具体内容'],
  department: ['对口部门', '责任部门', '牵头部门', '负责部门'],
  responsiblePerson: ['责任人', '负责人'],
  liaison: ['联络员', '联络员/联系方式', '联系人'],
  contact: ['联系方式', '联系电话', '电话'],
  plannedTime: ['计划时间', '完成时限', '计划完成时间', '时间节点'],
  status: ['完成情况', '进展情况', '完成状态'],
  targetText: ['量化成效', '预期成效', '目标'],
  evidence: ['佐证材料'],
  notes: ['备注'],
};

const LOOKUP = new Map<string, TaskImportField>(
  (Object.entries(TASK_HEADERS) as [TaskImportField, string[]][]).flatMap(([field, names]) =>
    names.map((n) => [normaliseHeader(n), field] as const),
  ),
);

export const taskFieldOfHeader = (h: string): TaskImportField | null =>
  LOOKUP.get(normaliseHeader(h.split('·').at(-1)!)) ?? null;

/** How many distinct 汇总表 fields a row of headers names. */
export const taskHeaderScore = (cells: string[]): number =>
  new Set(cells.map((c) => (c === '' ? null : taskFieldOfHeader(c))).filter((f) => f !== null)).size;

// 未完成 before 完成: the first pattern a cell matches decides.
const STATUS: [RegExp, TaskStatus][] = [
  [/取消|终止/, '取消'],
  [/延期|推迟|暂缓/, '延期'],
  [/未开始|尚未|未启动|待开展/, '未开始'],
  [/未完成|进行中|推进中|正在|持续|部分完成|开展中/, '进行中'],
  [/已完成|完成|已落实|已开展|已举办|已实施|已签订|达成/, '已完成'],
];

/** The status a 完成情况 cell states, or null when it states none. */
export const readTaskStatus = (text: string): TaskStatus | null =>
  STATUS.find(([re]) => re.test(text))?.[1] ?? null;

const CATEGORY_WORDS: [string, TaskCategory][] = [
  ['党建', '党建'],
  ['专业', '专业建设'],
  ['师资', '师资培训'],
  ['教师', '师资培训'],
  ['培训', '师资培训'],
  ['课程', '课程与教材'],
  ['教材', '课程与教材'],
  ['实训', '实训基地'],
  ['基地', '实训基地'],
  ['大赛', '技能大赛'],
  ['竞赛', '技能大赛'],
  ['学历', '学历提升'],
  ['招生', '学历提升'],
  ['志愿', '志愿服务'],
  ['捐', '捐赠'],
  ['科研', '科研与社会服务'],
  ['社会服务', '科研与社会服务'],
  ['管理', '管理与制度'],
  ['制度', '管理与制度'],
];

/** The category a task's own words name (党建 before 培训: the first word found decides), or null. */
export const readTaskCategory = (text: string): TaskCategory | null => {
  const s = text.replace(/\s/g, '');
  if ((TASK_CATEGORIES as readonly string[]).includes(s)) return s as TaskCategory;
  return CATEGORY_WORDS.find(([w]) => s.includes(w))?.[1] ?? null;
};
