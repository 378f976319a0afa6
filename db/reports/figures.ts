import type { Figure, RecordRef, Run } from '../../electron/shared/schemas/reports';
import type { ActivityFact, Facts, TaskFact } from './facts';

// Figures and the words around them. A Book collects every figure a report uses with the records behind
// it, so the screen can show "these 3 activities" beside "培训 3 期".

const trim = (n: number, digits: number) => String(Number(n.toFixed(digits)));

/** 210000 → "21 万元", 3500 → "3500 元": how amounts are written in these reports. */
export const yuanText = (yuan: number): string =>
  yuan >= 10_000 ? `${trim(yuan / 10_000, 2)} 万元` : `${trim(yuan, 2)} 元`;

const formatValue = (value: number, unit: string): string => {
  if (unit === '元') return yuanText(value);
  if (unit === '%') return `${trim(value, 1)}%`;
  return `${trim(value, 1)} ${unit}`;
};

export class Book {
  readonly figures: Record<string, Figure> = {};
  readonly records: Record<string, RecordRef> = {};

  /** Registers a figure and returns the run that shows it in a sentence. */
  fig(id: string, label: string, value: number, unit: string, refs: RecordRef[]): Run {
    for (const r of refs) this.records[r.id] = r;
    this.figures[id] = { id, label, value, unit, refs: refs.map((r) => r.id) };
    return { text: formatValue(value, unit), figure: id };
  }
}

export const activityRef = (a: ActivityFact): RecordRef => ({
  table: 'activities',
  id: a.id,
  title: a.title,
  date: a.startDate,
});
export const taskRef = (t: TaskFact): RecordRef => ({ table: 'tasks', id: t.id, title: t.name, date: null });

export const TRAINING_TYPES: ReadonlySet<string> = new Set(['培训', '送教讲座']);

export const sum = <T>(rows: T[], pick: (r: T) => number | null | undefined): number =>
  rows.reduce((n, r) => n + (pick(r) ?? 0), 0);

const detail = (a: ActivityFact, key: string): number | null => {
  const v = a.details[key];
  return typeof v === 'number' ? v : null;
};

/** Days a training ran: as recorded, else its calendar span, else one (the dashboard's SQL says the same). */
const trainingDays = (a: ActivityFact): number => {
  if (a.days !== null) return a.days;
  if (!a.endDate) return 1;
  const ms = Date.parse(`${a.endDate}T00:00:00Z`) - Date.parse(`${a.startDate}T00:00:00Z`);
  return Math.max(1, Math.round(ms / 86_400_000) + 1);
};

export interface TrainingTotals {
  rows: ActivityFact[];
  teachers: number;
  students: number;
  cadres: number;
  days: number;
  instructors: number;
  /** Mean of the recorded satisfaction, weighted by participants; null when none was recorded. */
  satisfaction: number | null;
  satisfactionRows: ActivityFact[];
}

export const trainingTotals = (activities: ActivityFact[]): TrainingTotals => {
  const rows = activities.filter((a) => TRAINING_TYPES.has(a.type));
  const rated = rows.filter((a) => a.satisfactionPct !== null);
  const weight = (a: ActivityFact) => Math.max(1, (a.teachers ?? 0) + (a.students ?? 0) + (a.cadres ?? 0));
  const totalWeight = sum(rated, weight);
  return {
    rows,
    teachers: sum(rows, (a) => a.teachers),
    students: sum(rows, (a) => a.students),
    cadres: sum(rows, (a) => a.cadres),
    days: sum(rows, trainingDays),
    instructors: sum(rows, (a) => a.instructorCount),
    satisfaction: rated.length ? sum(rated, (a) => a.satisfactionPct! * weight(a)) / totalWeight : null,
    satisfactionRows: rated,
  };
};

/**
 * The sentence that says what a group of activities achieved, figure by figure, e.g.
 * "线上培训 1 期，共 5 天，培训教师 50 人次，主讲教师 6 名". Empty when the activities have no figures.
 */
export const achievements = (
  book: Book,
  prefix: string,
  activities: ActivityFact[],
  labelPrefix = '',
): Run[][] => {
  const fig = (id: string, label: string, value: number, unit: string, refs: RecordRef[]) =>
    book.fig(`${prefix}.${id}`, `${labelPrefix}${label}`, value, unit, refs);
  const parts: Run[][] = [];
  const refs = (rows: ActivityFact[]) => rows.map(activityRef);
  const t = trainingTotals(activities);
  if (t.rows.length) {
    const online = t.rows.every((a) => a.online) ? '线上' : '';
    parts.push([
      { text: `${online}培训 ` },
      fig('training.sessions', '培训期数', t.rows.length, '期', refs(t.rows)),
    ]);
    parts.push([{ text: '共 ' }, fig('training.days', '培训天数', t.days, '天', refs(t.rows))]);
    const people = [
      ['teachers', '培训教师'],
      ['students', '培训学生'],
      ['cadres', '培训干部'],
    ] as const;
    for (const [key, label] of people)
      if (t[key] > 0)
        parts.push([
          { text: `${label} ` },
          fig(`training.${key}`, label, t[key], '人次', refs(t.rows.filter((a) => (a[key] ?? 0) > 0))),
        ]);
    if (t.instructors > 0)
      parts.push([
        { text: '主讲教师 ' },
        fig('training.instructors', '主讲教师', t.instructors, '名', refs(t.rows)),
      ]);
    if (t.satisfaction !== null)
      parts.push([
        { text: '满意度 ' },
        fig('training.satisfaction', '培训满意度', t.satisfaction, '%', refs(t.satisfactionRows)),
      ]);
  }
  const ofType = (type: string) => activities.filter((a) => a.type === type);
  const placement = ofType('实习支教');
  if (placement.length)
    parts.push([
      { text: '实习支教学生 ' },
      fig(
        `placement.students`,
        '实习支教学生',
        sum(placement, (a) => a.students),
        '人',
        refs(placement),
      ),
    ]);
  const enrol = ofType('招生与学历提升');
  if (enrol.length) {
    const applicants = sum(enrol, (a) => detail(a, 'applicants'));
    const admitted = sum(enrol, (a) => detail(a, 'admitted'));
    const reductions = enrol.map((a) => detail(a, 'feeReductionPct')).filter((v): v is number => v !== null);
    if (applicants > 0)
      parts.push([{ text: '报名 ' }, fig('enrol.applicants', '学历提升报名', applicants, '人', refs(enrol))]);
    if (admitted > 0)
      parts.push([{ text: '录取 ' }, fig('enrol.admitted', '学历提升录取', admitted, '人', refs(enrol))]);
    if (reductions.length)
      parts.push([
        { text: '学费减免 ' },
        fig('enrol.feeReduction', '学费减免比例', Math.max(...reductions), '%', refs(enrol)),
      ]);
  }
  const volunteer = ofType('志愿服务');
  if (volunteer.length) {
    const volunteers = sum(volunteer, (a) => detail(a, 'volunteers') ?? a.students);
    const served = sum(volunteer, (a) => detail(a, 'served'));
    parts.push([
      { text: '志愿者 ' },
      fig('volunteer.volunteers', '志愿者', volunteers, '人', refs(volunteer)),
    ]);
    if (served > 0)
      parts.push([
        { text: '服务 ' },
        fig('volunteer.served', '志愿服务对象', served, '人次', refs(volunteer)),
      ]);
  }
  const donations = ofType('捐赠');
  if (donations.length)
    parts.push([
      { text: '捐赠 ' },
      fig('donated', '捐赠金额', sum(donations, (a) => a.amountFen) / 100, '元', refs(donations)),
    ]);
  const counted = new Set([...TRAINING_TYPES, '实习支教', '招生与学历提升', '志愿服务', '捐赠']);
  const others = groupBy(activities, (a) => (counted.has(a.type) ? null : a.type));
  for (const [type, rows] of others)
    parts.push([{ text: `${type} ` }, fig(`type.${type}`, `${type}次数`, rows.length, '次', refs(rows))]);
  return parts;
};

/** Joins clauses with "，" into one run list. */
export const joinClauses = (clauses: Run[][], sep = '，'): Run[] =>
  clauses.flatMap((c, i) => (i === 0 ? c : [{ text: sep }, ...c]));

/** Groups rows by a key, keeping their order. */
export const groupBy = <T>(rows: T[], key: (r: T) => string | null): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(r);
    else groups.set(k, [r]);
  }
  return groups;
};

export const plainText = (runs: Run[]): string => runs.map((r) => r.text).join('');

export interface TaskView {
  task: TaskFact;
  activities: ActivityFact[];
}

/** Each task of the year with the activities recorded against it. */
export const tasksWithActivities = (facts: Facts): TaskView[] => {
  const byTask = groupBy(facts.activities, (a) => a.taskId);
  return facts.tasks.map((task) => ({ task, activities: byTask.get(task.id) ?? [] }));
};
