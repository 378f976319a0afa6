import type { Run } from '../../electron/shared/schemas/reports';
import type { ActivityFact } from './facts';
import {
  activityRef,
  type Book,
  counted,
  detail,
  groupBy,
  joinClauses,
  people,
  sum,
  trainingDays,
  trainingTotals,
  TRAINING_TYPES,
  valued,
  type Sources,
  Tally,
} from './figures';

// What activities achieved, in the words of the seeds: a group's totals ("线上培训 1 期，共 5 天，培训教师 50
// 人次") and each activity with its own figures ("教师信息技术应用能力培训（12 月 14 日—18 日，线上）：共 5 天，
// 培训教师 50 人次"), so a rate measured at one training is never printed beside a total of several.

const day = (date: string) => `${Number(date.slice(5, 7))} 月 ${Number(date.slice(8, 10))} 日`;

/** "12 月 14 日—18 日": an activity's dates as a report writes them. */
export const datesText = (a: ActivityFact): string => {
  if (!a.endDate || a.endDate === a.startDate) return day(a.startDate);
  const sameMonth = a.endDate.slice(0, 7) === a.startDate.slice(0, 7);
  return `${day(a.startDate)}—${sameMonth ? `${Number(a.endDate.slice(8, 10))} 日` : day(a.endDate)}`;
};

const COUNTED_TYPES: ReadonlySet<string> = new Set([
  ...TRAINING_TYPES,
  '实习支教',
  '招生与学历提升',
  '志愿服务',
  '捐赠',
]);

/**
 * The clauses that say what activities achieved, figure by figure. `own` writes one activity's figures
 * (no "培训 1 期", no count of its type), for the activity's own line.
 */
export const achievements = (
  book: Book,
  prefix: string,
  activities: ActivityFact[],
  labelPrefix = '',
  own = false,
): Run[][] => {
  const fig = (id: string, label: string, value: number, unit: string, sources: Sources) =>
    book.fig(`${prefix}.${id}`, `${labelPrefix}${label}`, value, unit, sources);
  const one = (rows: ActivityFact[]) => counted(rows, activityRef);
  const each = (rows: ActivityFact[], pick: (a: ActivityFact) => number | null) =>
    valued(rows, activityRef, pick);
  const parts: Run[][] = [];
  const t = trainingTotals(activities);
  if (t.rows.length) {
    if (!own) {
      const allOnline = t.online.length === t.rows.length;
      parts.push([
        { text: `${allOnline ? '线上' : ''}培训 ` },
        fig('training.sessions', '培训期数', t.rows.length, '期', one(t.rows)),
      ]);
    }
    parts.push([{ text: '共 ' }, fig('training.days', '培训天数', t.days, '天', each(t.rows, trainingDays))]);
    const groups = [
      ['teachers', '培训教师'],
      ['students', '培训学生'],
      ['cadres', '培训干部'],
    ] as const;
    for (const [key, label] of groups)
      if (t[key] > 0)
        parts.push([
          { text: `${label} ` },
          fig(
            `training.${key}`,
            label,
            t[key],
            '人次',
            each(t.rows, (a) => a[key]),
          ),
        ]);
    if (t.instructors > 0)
      parts.push([
        { text: '主讲教师 ' },
        fig(
          'training.instructors',
          '主讲教师',
          t.instructors,
          '名',
          each(t.rows, (a) => a.instructorCount),
        ),
      ]);
    if (!own && t.online.length && t.online.length < t.rows.length)
      parts.push([
        { text: '其中线上 ' },
        fig('training.online', '线上培训期数', t.online.length, '期', one(t.online)),
        { text: '、' },
        fig('training.onlinePeople', '线上参训', t.onlinePeople, '人次', each(t.online, people)),
      ]);
    if (t.satisfaction !== null)
      parts.push([
        { text: '满意度 ' },
        fig(
          'training.satisfaction',
          '培训满意度',
          t.satisfaction,
          '%',
          each(t.rated, (a) => a.satisfactionPct),
        ),
      ]);
  }
  const ofType = (type: string) => activities.filter((a) => a.type === type);
  const placement = ofType('实习支教');
  if (placement.length)
    parts.push([
      { text: '实习支教学生 ' },
      fig(
        'placement.students',
        '实习支教学生',
        sum(placement, (a) => a.students),
        '人',
        each(placement, (a) => a.students),
      ),
    ]);
  const enrol = ofType('招生与学历提升');
  if (enrol.length) {
    const applicants = sum(enrol, (a) => detail(a, 'applicants'));
    const admitted = sum(enrol, (a) => detail(a, 'admitted'));
    const reductions = enrol.filter((a) => detail(a, 'feeReductionPct') !== null);
    if (applicants > 0)
      parts.push([
        { text: '报名 ' },
        fig(
          'enrol.applicants',
          '学历提升报名',
          applicants,
          '人',
          each(enrol, (a) => detail(a, 'applicants')),
        ),
      ]);
    if (admitted > 0)
      parts.push([
        { text: '录取 ' },
        fig(
          'enrol.admitted',
          '学历提升录取',
          admitted,
          '人',
          each(enrol, (a) => detail(a, 'admitted')),
        ),
      ]);
    if (reductions.length)
      parts.push([
        { text: '学费减免 ' },
        fig(
          'enrol.feeReduction',
          '学费减免比例',
          Math.max(...reductions.map((a) => detail(a, 'feeReductionPct')!)),
          '%',
          each(reductions, (a) => detail(a, 'feeReductionPct')),
        ),
      ]);
  }
  const volunteer = ofType('志愿服务');
  if (volunteer.length) {
    const volunteers = (a: ActivityFact) => detail(a, 'volunteers') ?? a.students;
    const served = sum(volunteer, (a) => detail(a, 'served'));
    parts.push([
      { text: '志愿者 ' },
      fig('volunteer.volunteers', '志愿者', sum(volunteer, volunteers), '人', each(volunteer, volunteers)),
    ]);
    if (served > 0)
      parts.push([
        { text: '服务 ' },
        fig(
          'volunteer.served',
          '志愿服务对象',
          served,
          '人次',
          each(volunteer, (a) => detail(a, 'served')),
        ),
      ]);
  }
  const donations = ofType('捐赠');
  if (donations.length) {
    const yuan = (a: ActivityFact) => (a.amountFen === null ? null : a.amountFen / 100);
    parts.push([
      { text: '捐赠 ' },
      fig('donated', '捐赠金额', sum(donations, yuan), '元', each(donations, yuan)),
    ]);
  }
  if (!own) {
    const others = groupBy(activities, (a) => (COUNTED_TYPES.has(a.type) ? null : a.type));
    for (const [type, rows] of others)
      parts.push([{ text: `${type} ` }, fig(`type.${type}`, `${type}次数`, rows.length, '次', one(rows))]);
  }
  return parts;
};

/** Activities named one by one before a total; the rest are only counted. */
const LISTED = 6;

// Asks whether an activity has figures of its own without registering them.
const TALLY = new Tally();

/**
 * A task's achievements: with several activities, each main one (one with figures) with its own numbers,
 * then the totals; with one, its figures alone. The activities past the listed ones keep their own figures
 * in the book (the Excel sheet, a figure's records) but register them only when the whole book is asked for.
 */
export const taskAchievements = (book: Book, prefix: string, label: string, rows: ActivityFact[]): Run[] => {
  const totals = achievements(book, prefix, rows, label);
  if (rows.length < 2) return joinClauses(totals);
  const own = (into: Book, a: ActivityFact) =>
    achievements(into, `${prefix}.${a.id}`, [a], `${a.title}：`, true);
  const lines: { a: ActivityFact; own: Run[][] }[] = [];
  let next = 0;
  for (; next < rows.length && lines.length < LISTED; next++) {
    const a = rows[next]!;
    const mine = own(book, a);
    if (mine.length) lines.push({ a, own: mine });
  }
  const rest = rows.slice(next);
  const withOwn = lines.length + rest.filter((a) => own(TALLY, a).length).length;
  if (rest.length) book.later(() => rest.forEach((a) => own(book, a)));
  if (withOwn < 2) return joinClauses(totals);
  const listed = lines.map(({ a, own }): Run[] => [
    { text: `${a.title}（${datesText(a)}${a.online ? '，线上' : ''}）：` },
    ...joinClauses(own),
  ]);
  const more = withOwn > LISTED ? [{ text: `等（另有 ${withOwn - LISTED} 项，见活动台账）` }] : [];
  return [...joinClauses(listed, '；'), ...more, { text: '。合计' }, ...joinClauses(totals)];
};
