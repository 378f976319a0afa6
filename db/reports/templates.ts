import type { ReportTemplate } from '../../electron/shared/domain';
import type { Paragraph, Run } from '../../electron/shared/schemas/reports';
import type { Facts } from './facts';
import {
  achievements,
  activityRef,
  Book,
  groupBy,
  joinClauses,
  sum,
  taskRef,
  tasksWithActivities,
  trainingTotals,
} from './figures';

// The two report shapes the seeds show (DESIGN.md §2): seed 001's three parts with the 汇总表, and seed
// 004's seven parts that follow the province's assessment. A generated part is written from the year's
// records; a narrative part is whatever people write and save.

export type SectionSpec =
  | { key: string; heading: string; kind: 'generated'; write: (facts: Facts, book: Book) => Paragraph[] }
  | { key: string; heading: string; kind: 'narrative' | 'summary' };

const CN_NUMBERS = '一二三四五六七八九十';
const sub = (i: number, text: string): Paragraph => ({
  runs: [{ text: `（${CN_NUMBERS[i]}）${text}` }],
  sub: true,
});
const para = (...runs: Run[]): Paragraph => ({ runs });
const dayText = (date: string) => `${Number(date.slice(5, 7))} 月 ${Number(date.slice(8, 10))} 日`;

const leadership = (facts: Facts): Paragraph[] =>
  facts.groups.map((g) => {
    const leaders = g.members.filter((m) => m.kind === '领导小组');
    const head = leaders.find((m) => m.role === '组长');
    const deputies = leaders.filter((m) => m.role === '副组长');
    const office = g.members.filter((m) => m.kind === '办公室');
    const who = (m: { name: string; post: string | null }) => (m.post ? `${m.name}（${m.post}）` : m.name);
    const parts = [
      head ? `由${who(head)}任组长` : '成立帮扶工作领导小组',
      deputies.length ? `${deputies.map(who).join('、')}任副组长` : '',
      `领导小组成员共 ${leaders.length} 人`,
      office.length ? `办公室成员 ${office.length} 人` : '',
    ].filter(Boolean);
    const revised = g.revisions > 0 ? `；本年度调整 ${g.revisions} 次，现行名单于 ${g.revisedOn} 调整` : '';
    return para({ text: `帮扶双方成立帮扶工作领导小组，${parts.join('，')}${revised}。` });
  });

/** Events named one by one in a sentence before the rest are only counted. */
const LISTED = 12;

const eventList = (
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
    .map((a) => `${dayText(a.startDate)}，${a.title}`)
    .join('；');
  const more = rows.length > LISTED ? `等（另有 ${rows.length - LISTED} 次，见活动台账）` : '';
  return [
    para({ text: lead }, book.fig(id, label, rows.length, '次', rows.map(activityRef)), {
      text: `：${listed}${more}。`,
    }),
  ];
};

const trainingParagraph = (facts: Facts, book: Book): Paragraph[] => {
  const t = trainingTotals(facts.activities);
  if (!t.rows.length) return [para({ text: '本年度暂无培训记录。' })];
  const refs = t.rows.map(activityRef);
  const runs: Run[] = [
    { text: '全年开展培训 ' },
    book.fig('year.training.sessions', '全年培训期数', t.rows.length, '期', refs),
    { text: '，培训教师 ' },
    book.fig('year.training.teachers', '全年培训教师', t.teachers, '人次', refs),
  ];
  if (t.students)
    runs.push(
      { text: '，学生 ' },
      book.fig('year.training.students', '全年培训学生', t.students, '人次', refs),
    );
  if (t.cadres)
    runs.push({ text: '，干部 ' }, book.fig('year.training.cadres', '全年培训干部', t.cadres, '人次', refs));
  runs.push({ text: '，累计 ' }, book.fig('year.training.days', '全年培训天数', t.days, '天', refs));
  if (t.satisfaction !== null)
    runs.push(
      { text: '，满意度 ' },
      book.fig(
        'year.training.satisfaction',
        '全年培训满意度',
        t.satisfaction,
        '%',
        t.satisfactionRows.map(activityRef),
      ),
    );
  runs.push({ text: '。' });
  return [para(...runs)];
};

const funding = (facts: Facts, book: Book): Paragraph[] => {
  const year = facts.scope.year;
  const taskBudgets = facts.tasks.filter((t) => t.budgetFen !== null);
  const budget = taskBudgets.length
    ? book.fig(
        'money.budget',
        '年度预算',
        sum(taskBudgets, (t) => t.budgetFen) / 100,
        '元',
        taskBudgets.map(taskRef),
      )
    : book.fig(
        'money.budget',
        '年度预算',
        sum(facts.agreements, (a) => a.budgetFen) / 100,
        '元',
        facts.agreements
          .filter((a) => a.budgetFen !== null)
          .map((a) => ({ table: 'agreements' as const, id: a.id, title: a.title, date: null })),
      );
  const paid = facts.activities.filter((a) => a.amountFen !== null && a.type !== '捐赠');
  const donated = facts.activities.filter((a) => a.amountFen !== null && a.type === '捐赠');
  const runs: Run[] = [
    { text: `${year} 年帮扶支出预算共 ` },
    budget,
    { text: '，已登记支出 ' },
    book.fig('money.spent', '已登记支出', sum(paid, (a) => a.amountFen) / 100, '元', paid.map(activityRef)),
  ];
  if (donated.length)
    runs.push(
      { text: '，捐赠款物折合 ' },
      book.fig(
        'money.donated',
        '捐赠',
        sum(donated, (a) => a.amountFen) / 100,
        '元',
        donated.map(activityRef),
      ),
    );
  runs.push({ text: '。' });
  const out = [para(...runs)];
  const enrol = facts.activities.filter((a) => a.type === '招生与学历提升');
  if (enrol.length) {
    const clauses = achievements(book, 'money.enrol', enrol);
    out.push(para({ text: '学历提升项目' }, ...joinClauses(clauses), { text: '。' }));
  }
  return out;
};

const routine = (facts: Facts, book: Book): Paragraph[] => {
  const items = facts.planItems.filter((i) => i.status !== '取消');
  const done = items.filter((i) => i.status === '已完成');
  const months = new Set(facts.planItems.map((i) => i.month));
  const itemRef = (i: (typeof items)[number]) => ({
    table: 'plan_items' as const,
    id: i.id,
    title: i.content,
    date: i.plannedDate,
  });
  const withEvidence = facts.activities.filter((a) => a.evidence > 0);
  const runs: Run[] = [
    { text: `全年制定月度工作计划 ${months.size} 份，计划事项 ` },
    book.fig('plans.items', '计划事项', items.length, '项', items.map(itemRef)),
    { text: '，已完成 ' },
    book.fig('plans.done', '已完成事项', done.length, '项', done.map(itemRef)),
  ];
  if (items.length)
    runs.push(
      { text: '，完成率 ' },
      book.fig('plans.rate', '计划完成率', (done.length / items.length) * 100, '%', done.map(itemRef)),
    );
  runs.push(
    { text: '；登记帮扶活动 ' },
    book.fig(
      'activities.total',
      '帮扶活动',
      facts.activities.length,
      '项',
      facts.activities.map(activityRef),
    ),
    { text: '，其中有佐证材料的 ' },
    book.fig('evidence.with', '有佐证材料的活动', withEvidence.length, '项', withEvidence.map(activityRef)),
    { text: '。' },
  );
  const out = [para(...runs)];
  if (facts.secondments.length)
    out.push(
      para(
        { text: '挂职、跟岗人员 ' },
        book.fig(
          'secondments.count',
          '挂职跟岗人员',
          facts.secondments.length,
          '人',
          facts.secondments.map((s) => ({
            table: 'secondments',
            id: s.id,
            title: s.person,
            date: s.startDate,
          })),
        ),
        {
          text: `：${facts.secondments.map((s) => `${s.person}（${s.direction}${s.hostPost ? `，${s.hostPost}` : ''}）`).join('、')}。`,
        },
      ),
    );
  return out;
};

const taskLines = (facts: Facts, book: Book): Paragraph[] =>
  tasksWithActivities(facts).map(({ task, activities }, i) => {
    const clauses = achievements(book, `task.${task.id}`, activities, `${task.name}：`);
    const body = clauses.length ? joinClauses(clauses) : [{ text: '本年度暂无活动记录' }];
    return para({ text: `${i + 1}. ${task.name}。` }, ...body, { text: `。完成情况：${task.status}。` });
  });

const outcomes = (facts: Facts, book: Book): Paragraph[] => {
  if (!facts.outcomes.length) return [];
  const byLevel = groupBy(facts.outcomes, (o) => o.level ?? '其他');
  const clauses = [...byLevel].map(([level, rows]): Run[] => [
    { text: `${level} ` },
    book.fig(
      `outcomes.${level}`,
      `${level}成果`,
      sum(rows, (o) => o.quantity),
      '项',
      rows.map((o) => ({ table: 'outcomes', id: o.id, title: o.title, date: o.date })),
    ),
  ]);
  return [para({ text: '取得成果：' }, ...joinClauses(clauses, '、'), { text: '。' })];
};

const TEMPLATES: Record<ReportTemplate, SectionSpec[]> = {
  seed001: [
    {
      key: 'progress',
      heading: '一、主要工作进展与成绩',
      kind: 'generated',
      write: (f, b) => [
        sub(0, '加强组织领导，建立健全工作机制'),
        ...leadership(f),
        ...eventList(f, b, '会议', 'meetings.count', '工作会议', '全年召开工作会议 '),
        sub(1, '开展培训与交流'),
        ...trainingParagraph(f, b),
        ...eventList(f, b, '调研对接', 'visits.count', '调研对接', '开展调研对接 '),
        sub(2, '推进帮扶项目'),
        ...taskLines(f, b),
        sub(3, '日常工作与成果'),
        ...routine(f, b),
        ...outcomes(f, b),
      ],
    },
    { key: 'problems', heading: '二、存在问题与不足', kind: 'narrative' },
    { key: 'next', heading: '三、下一阶段工作设想', kind: 'narrative' },
    { key: 'summary', heading: '附件：结对帮扶计划实施情况汇总表', kind: 'summary' },
  ],
  seed004: [
    {
      key: 'leadership',
      heading: '一、组织领导',
      kind: 'generated',
      write: (f, b) => [
        sub(0, '成立帮扶工作领导小组'),
        ...leadership(f),
        sub(1, '召开帮扶工作推进会、研讨会'),
        ...eventList(f, b, '会议', 'meetings.count', '工作会议', '全年召开帮扶工作会议 '),
        sub(2, '开展调研对接活动'),
        ...eventList(f, b, '调研对接', 'visits.count', '调研对接', '全年开展调研对接 '),
      ],
    },
    { key: 'rules', heading: '二、制度建设', kind: 'narrative' },
    { key: 'funding', heading: '三、资金支持', kind: 'generated', write: funding },
    { key: 'routine', heading: '四、平时工作', kind: 'generated', write: routine },
    {
      key: 'tasks',
      heading: '五、帮扶任务落实情况',
      kind: 'generated',
      write: (f, b) => [
        sub(0, '落实帮扶工作计划'),
        ...trainingParagraph(f, b),
        sub(1, '推动年度帮扶项目落地'),
        ...taskLines(f, b),
        ...outcomes(f, b),
      ],
    },
    { key: 'problems', heading: '六、主要困难与问题', kind: 'narrative' },
    { key: 'next', heading: '七、下一步工作设想', kind: 'narrative' },
    { key: 'summary', heading: '附件：结对帮扶计划实施情况汇总表', kind: 'summary' },
  ],
};

export const templateSections = (template: ReportTemplate): SectionSpec[] => TEMPLATES[template];
