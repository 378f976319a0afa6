import type { ImportField } from '../../electron/shared/schemas/ledgerImport';
import { yearIn } from './parse/dates';
import type { Measure } from './parse/numbers';
import { halfWidth } from './parse/text';

// Column headers in the 台账 spreadsheets schools keep, normalised (no spaces, no bracketed units, lower
// case) to the field they fill. The export writes the first name of each list, so its files import back.

export const HEADERS: Record<ImportField, string[]> = {
  title: [
    '活动名称',
    '活动内容',
    '项目名称',
    '名称',
    '工作内容',
    '活动主题',
    '主题',
    '培训名称',
    '培训项目',
    '活动项目',
    '会议名称',
    '事项',
    '工作事项',
    '帮扶活动',
    '内容',
    '培训主题',
    '讲座主题',
    '活动',
  ],
  type: ['活动类型', '类型', '类别', '活动类别', '形式类别', '活动形式类别', '帮扶类型', '项目类型'],
  startDate: [
    '开始日期',
    '日期',
    '时间',
    '活动时间',
    '活动日期',
    '开始时间',
    '起止时间',
    '起止日期',
    '培训时间',
    '举办时间',
    '开展时间',
    '培训日期',
    '会议时间',
  ],
  endDate: ['结束日期', '结束时间', '截止日期', '截止时间'],
  place: ['地点', '活动地点', '举办地点', '培训地点', '会议地点', '地址'],
  online: ['线上/线下', '线上线下', '形式', '方式', '活动形式', '线上', '培训方式', '举办形式'],
  platform: ['线上平台', '平台', '直播平台', '会议平台'],
  department: ['负责部门', '责任部门', '部门', '承办部门', '牵头部门', '对口部门'],
  organiser: ['组织单位', '主办单位', '主办', '承办单位', '组织部门'],
  beneficiarySchools: ['受益学校数', '受益学校', '覆盖学校数', '受益学校数量', '学校数'],
  teachers: [
    '教师人数',
    '教师',
    '培训教师',
    '参训教师',
    '参训教师人数',
    '参加教师',
    '受训教师',
    '参训人数',
    '培训人数',
    '受训人数',
  ],
  students: ['学生人数', '学生', '参与学生', '受益学生', '受益学生数'],
  cadres: ['干部人数', '干部', '参训干部', '管理干部'],
  instructors: ['授课专家', '主讲人', '主讲专家', '授课教师', '主讲', '授课人', '专家'],
  instructorCount: ['专家人数', '授课专家人数', '讲师人数'],
  lectures: ['讲座场次', '场次', '讲座数', '讲座场数'],
  hours: ['学时', '课时', '培训学时', '学时数'],
  days: ['天数', '培训天数', '时长', '培训时长', '活动时长'],
  satisfactionPct: ['满意度', '满意率'],
  certificates: ['发放证书数', '证书数', '结业证书', '发证数'],
  amountYuan: ['金额', '捐赠金额', '经费', '资金', '投入资金', '经费投入', '捐赠价值'],
  outcome: ['成效', '成果', '活动成效', '取得成效', '量化成效', '完成情况'],
  notes: ['备注', '说明'],
};

/** What each figure field counts, so a unit in a cell can be checked against its column. */
export const MEASURES: Partial<Record<ImportField, Measure>> = {
  beneficiarySchools: 'count',
  teachers: 'count',
  students: 'count',
  cadres: 'count',
  instructorCount: 'count',
  lectures: 'count',
  certificates: 'count',
  hours: 'hours',
  days: 'days',
  satisfactionPct: 'percent',
  amountYuan: 'yuan',
};

const BRACKETS = /[（(【[]([^）)】\]]*)[）)】\]]/g;

export const normaliseHeader = (h: string): string =>
  halfWidth(h)
    .replace(/\s/g, '')
    .replace(BRACKETS, '')
    .replace(/^\d+[.、]/, '')
    .toLowerCase();

const LOOKUP = new Map<string, ImportField>(
  (Object.entries(HEADERS) as [ImportField, string[]][]).flatMap(([field, names]) =>
    names.map((n) => [normaliseHeader(n), field] as const),
  ),
);

const TIME_GROUP = /^(时间|日期|活动时间|起止时间|起止日期|培训时间|活动日期)$/;
const PEOPLE_GROUP = /(人数|人员|对象|参训|参加|受益)/;
const SUBFIELDS: [RegExp, RegExp, ImportField][] = [
  [TIME_GROUP, /^(开始|起|起始|开始时间|开始日期|自)$/, 'startDate'],
  [TIME_GROUP, /^(结束|止|截止|结束时间|结束日期|至)$/, 'endDate'],
  [PEOPLE_GROUP, /^(教师|老师)/, 'teachers'],
  [PEOPLE_GROUP, /^学生/, 'students'],
  [PEOPLE_GROUP, /^(干部|管理人员)/, 'cadres'],
];

/** The field a header names: a composed one (时间·开始) by its group and part, else by its own words. */
export const fieldOfHeader = (h: string): ImportField | null => {
  const [upper, lower] = h.split('·').map(normaliseHeader);
  if (lower !== undefined) {
    const sub = SUBFIELDS.find(([g, p]) => g.test(upper!) && p.test(lower));
    return sub?.[2] ?? LOOKUP.get(lower) ?? LOOKUP.get(upper!) ?? null;
  }
  return LOOKUP.get(upper!) ?? null;
};

export interface HeaderReading {
  field: ImportField | null;
  /** What the header's brackets say about its values: 10,000 for 万元, null when nothing. */
  unit: string | null;
  scale: number;
  /** A year the header names (日期（2023年）), for dates typed without one. */
  year: number | null;
}

const HOUR_UNITS = /^(小时|学时|课时|h)$/i;
const DAY_UNITS = /^(天|日|工作日)$/;

/** A header's field, with the unit in its brackets applied: 时长（小时） is hours, 金额（万元） ×10,000. */
export const readHeader = (h: string): HeaderReading => {
  let field = fieldOfHeader(h);
  const inside = [...halfWidth(h).matchAll(BRACKETS)].map((m) => m[1]!.replace(/\s|单位[:：]?/g, ''));
  const unit = inside.find((u) =>
    /^(万元|元|万|小时|学时|课时|h|天|日|工作日|人|人次|%|个|所|场|次)$/i.test(u),
  );
  let scale = 1;
  if (unit && (field === 'days' || field === 'hours')) {
    if (HOUR_UNITS.test(unit)) field = 'hours';
    else if (DAY_UNITS.test(unit)) field = 'days';
  }
  if (unit && field === 'amountYuan' && /^万元?$/.test(unit)) scale = 10_000;
  const year = inside.map(yearIn).find((y) => y !== null) ?? null;
  return { field, unit: unit ?? null, scale, year };
};

/** How many distinct fields a row of headers names: the header row is the one naming most. */
export const headerScore = (cells: string[]): number =>
  new Set(cells.map((c) => (c === '' ? null : readHeader(c).field)).filter((f) => f !== null)).size;
