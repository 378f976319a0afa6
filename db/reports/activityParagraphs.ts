import type { Paragraph, Run } from '../../electron/shared/schemas/reports';
import { datesText, taskAchievements } from './achievements';
import type { ActivityFact, Facts } from './facts';
import {
  activityRef,
  Book,
  counted,
  groupBy,
  joinClauses,
  para,
  people,
  sum,
  tasksWithActivities,
  trainingDays,
  trainingTotals,
  valued,
} from './figures';

// The paragraphs written from the year's activities: meetings and visits named by date, the year's
// training, each task with what its activities achieved, and the outcomes. A paragraph with nothing to say
// is left out, so its sub-heading shows as still to be written.

/** Events named one by one in a sentence before the rest are only counted. */
const LISTED = 12;

export const eventList = (
  facts: Facts,
  book: Book,
  type: string,
  id: string,
  label: string,
  lead: string,
): Paragraph[] => {
  const rows = facts.activities.filter((a) => a.type === type);
  if (!rows.length) return [];
  // A report names the meetings of a year; a ledger with hundreds names the first ones and counts the rest.
  const listed = rows
    .slice(0, LISTED)
    .map((a) => `${datesText(a)}，${a.title}`)
    .join('；');
  const more = rows.length > LISTED ? `等（另有 ${rows.length - LISTED} 次，见活动台账）` : '';
  return [
    para({ text: lead }, book.fig(id, label, rows.length, '次', counted(rows, activityRef)), {
      text: `：${listed}${more}。`,
    }),
  ];
};

export const trainingParagraph = (facts: Facts, book: Book): Paragraph[] => {
  const t = trainingTotals(facts.activities);
  if (!t.rows.length) return [];
  const each = (rows: ActivityFact[], pick: (a: ActivityFact) => number | null) =>
    valued(rows, activityRef, pick);
  const runs: Run[] = [
    { text: '全年开展培训 ' },
    book.fig('year.training.sessions', '全年培训期数', t.rows.length, '期', counted(t.rows, activityRef)),
    { text: '，培训教师 ' },
    book.fig(
      'year.training.teachers',
      '全年培训教师',
      t.teachers,
      '人次',
      each(t.rows, (a) => a.teachers),
    ),
  ];
  if (t.students)
    runs.push(
      { text: '，学生 ' },
      book.fig(
        'year.training.students',
        '全年培训学生',
        t.students,
        '人次',
        each(t.rows, (a) => a.students),
      ),
    );
  if (t.cadres)
    runs.push(
      { text: '，干部 ' },
      book.fig(
        'year.training.cadres',
        '全年培训干部',
        t.cadres,
        '人次',
        each(t.rows, (a) => a.cadres),
      ),
    );
  runs.push(
    { text: '，累计 ' },
    book.fig('year.training.days', '全年培训天数', t.days, '天', each(t.rows, trainingDays)),
  );
  if (t.online.length)
    runs.push(
      { text: '，其中线上 ' },
      book.fig(
        'year.training.online',
        '全年线上培训期数',
        t.online.length,
        '期',
        counted(t.online, activityRef),
      ),
      { text: '、' },
      book.fig('year.training.onlinePeople', '全年线上参训', t.onlinePeople, '人次', each(t.online, people)),
    );
  if (t.satisfaction !== null)
    runs.push(
      { text: '，满意度 ' },
      book.fig(
        'year.training.satisfaction',
        '全年培训满意度',
        t.satisfaction,
        '%',
        each(t.rated, (a) => a.satisfactionPct),
      ),
    );
  else if (t.rated.length)
    runs.push(
      { text: '；测评满意度的培训：' },
      ...joinClauses(
        t.rated.map((a) => [
          { text: `${a.title} ` },
          book.fig(`year.training.satisfaction.${a.id}`, `${a.title}：满意度`, a.satisfactionPct!, '%', [
            { ref: activityRef(a), part: a.satisfactionPct! },
          ]),
        ]),
        '、',
      ),
    );
  runs.push({ text: '。' });
  return [para(...runs)];
};

export const taskLines = (facts: Facts, book: Book): Paragraph[] =>
  tasksWithActivities(facts).map(({ task, activities }, i) => {
    const body = activities.length
      ? taskAchievements(book, `task.${task.id}`, `${task.name}：`, activities)
      : [{ text: '本年度暂无活动记录' }];
    return para({ text: `${i + 1}. ${task.name}。` }, ...body, { text: `。完成情况：${task.status}。` });
  });

export const outcomes = (facts: Facts, book: Book): Paragraph[] => {
  if (!facts.outcomes.length) return [];
  const byLevel = groupBy(facts.outcomes, (o) => o.level ?? '其他');
  const clauses = [...byLevel].map(([level, rows]): Run[] => [
    { text: `${level} ` },
    book.fig(
      `outcomes.${level}`,
      `${level}成果`,
      sum(rows, (o) => o.quantity),
      '项',
      valued(
        rows,
        (o) => ({ table: 'outcomes' as const, id: o.id, title: o.title, date: o.date }),
        (o) => o.quantity,
      ),
    ),
  ]);
  return [para({ text: '取得成果：' }, ...joinClauses(clauses, '、'), { text: '。' })];
};
