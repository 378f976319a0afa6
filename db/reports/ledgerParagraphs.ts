import type { Paragraph, Run } from '../../electron/shared/schemas/reports';
import { achievements } from './achievements';
import type { ActivityFact, Facts } from './facts';
import { activityRef, Book, counted, joinClauses, para, sum, taskRef, valued } from './figures';

// The paragraphs written from the ledger's money and routine: the year's budget, spending and donations,
// the monthly plans' completion, evidence, and the people on secondment.

export const funding = (facts: Facts, book: Book): Paragraph[] => {
  const year = facts.scope.year;
  const yuan = (fen: number | null) => (fen === null ? null : fen / 100);
  // A task spanning several years is budgeted once, in the year it starts: counting it again in each later
  // year would add the same money to every year's total.
  const taskBudgets = facts.tasks.filter((t) => t.budgetFen !== null && t.year === year);
  const budget = taskBudgets.length
    ? book.fig(
        'money.budget',
        '年度预算',
        sum(taskBudgets, (t) => t.budgetFen) / 100,
        '元',
        valued(taskBudgets, taskRef, (t) => yuan(t.budgetFen)),
      )
    : book.fig(
        'money.budget',
        '年度预算',
        sum(facts.agreements, (a) => a.budgetFen) / 100,
        '元',
        valued(
          facts.agreements,
          (a) => ({ table: 'agreements' as const, id: a.id, title: a.title, date: null }),
          (a) => yuan(a.budgetFen),
        ),
      );
  const paid = facts.activities.filter((a) => a.amountFen !== null && a.type !== '捐赠');
  const donated = facts.activities.filter((a) => a.amountFen !== null && a.type === '捐赠');
  const amount = (rows: ActivityFact[]) => valued(rows, activityRef, (a) => yuan(a.amountFen));
  const runs: Run[] = [
    { text: `${year} 年帮扶支出预算共 ` },
    budget,
    { text: '，已登记支出 ' },
    book.fig('money.spent', '已登记支出', sum(paid, (a) => a.amountFen) / 100, '元', amount(paid)),
  ];
  if (donated.length)
    runs.push(
      { text: '，捐赠款物折合 ' },
      book.fig('money.donated', '捐赠', sum(donated, (a) => a.amountFen) / 100, '元', amount(donated)),
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

export const routine = (facts: Facts, book: Book): Paragraph[] => {
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
    book.fig('plans.items', '计划事项', items.length, '项', counted(items, itemRef)),
    { text: '，已完成 ' },
    book.fig('plans.done', '已完成事项', done.length, '项', counted(done, itemRef)),
  ];
  if (items.length)
    runs.push(
      { text: '，完成率 ' },
      book.fig('plans.rate', '计划完成率', (done.length / items.length) * 100, '%', counted(done, itemRef)),
    );
  runs.push(
    { text: '；登记帮扶活动 ' },
    book.fig(
      'activities.total',
      '帮扶活动',
      facts.activities.length,
      '项',
      counted(facts.activities, activityRef),
    ),
    { text: '，其中有佐证材料的 ' },
    book.fig(
      'evidence.with',
      '有佐证材料的活动',
      withEvidence.length,
      '项',
      counted(withEvidence, activityRef),
    ),
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
          counted(facts.secondments, (s) => ({
            table: 'secondments' as const,
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
