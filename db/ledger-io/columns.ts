import type { ImportField } from '../../electron/shared/schemas/ledgerImport';

// Column headers in the 台账 spreadsheets schools keep, normalised (no spaces, no bracketed units, lower
// case) to the field they fill. The export writes the first name of each list, so its files import back.

export const HEADERS: Record<ImportField, string[]> = {
  title: ['活动名称', '活动内容', '项目名称', '名称', '工作内容', '活动主题', '主题'],
  type: ['活动类型', '类型', '类别', '活动类别', '形式类别'],
  startDate: ['开始日期', '日期', '时间', '活动时间', '活动日期', '开始时间'],
  endDate: ['结束日期', '结束时间', '截止日期'],
  place: ['地点', '活动地点', '举办地点'],
  online: ['线上/线下', '线上线下', '形式', '方式', '活动形式', '线上'],
  platform: ['线上平台', '平台', '直播平台'],
  department: ['负责部门', '责任部门', '部门', '承办部门', '牵头部门'],
  organiser: ['组织单位', '主办单位', '主办'],
  beneficiarySchools: ['受益学校数', '受益学校', '覆盖学校数'],
  teachers: ['教师人数', '教师', '培训教师', '参训教师', '参训教师人数', '参加教师'],
  students: ['学生人数', '学生', '参与学生'],
  cadres: ['干部人数', '干部', '参训干部'],
  instructors: ['授课专家', '主讲人', '主讲专家', '授课教师'],
  instructorCount: ['专家人数', '授课专家人数', '讲师人数'],
  lectures: ['讲座场次', '场次', '讲座数'],
  hours: ['学时', '课时'],
  days: ['天数', '培训天数', '时长'],
  satisfactionPct: ['满意度', '满意率'],
  certificates: ['发放证书数', '证书数', '结业证书'],
  amountYuan: ['金额', '捐赠金额', '经费', '资金'],
  outcome: ['成效', '成果', '活动成效', '取得成效'],
  notes: ['备注', '说明'],
};

export const normaliseHeader = (h: string): string =>
  h
    .replace(/\s/g, '')
    .replace(/[（(【[][^）)】\]]*[）)】\]]/g, '')
    .toLowerCase();

const LOOKUP = new Map<string, ImportField>(
  (Object.entries(HEADERS) as [ImportField, string[]][]).flatMap(([field, names]) =>
    names.map((n) => [normaliseHeader(n), field] as const),
  ),
);

export const fieldOfHeader = (h: string): ImportField | null => LOOKUP.get(normaliseHeader(h)) ?? null;

/** How many cells of a row read as known headers: the header row is the one with most. */
export const headerScore = (cells: string[]): number => cells.filter((c) => fieldOfHeader(c) !== null).length;

/** Each field's column: the first header naming it, each column used once. */
export const guessMapping = (
  headers: string[],
  fields: readonly ImportField[],
): Record<ImportField, number | null> => {
  const mapping = Object.fromEntries(fields.map((f) => [f, null])) as Record<ImportField, number | null>;
  headers.forEach((h, column) => {
    const field = fieldOfHeader(h);
    if (field && mapping[field] === null) mapping[field] = column;
  });
  return mapping;
};
