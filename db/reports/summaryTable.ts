import type { SummaryRow } from '../../electron/shared/schemas/reports';
import type { Facts } from './facts';
import { achievements } from './achievements';
import { Book, groupBy, joinClauses, plainText, tasksWithActivities } from './figures';

// 结对帮扶计划实施情况汇总表: one row per task of the year, columns as DESIGN.md §2 lists them.

const range = (dates: string[]): string | null => {
  if (!dates.length) return null;
  const sorted = [...dates].sort();
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  return first === last ? first : `${first} 至 ${last}`;
};

export const summaryRows = (facts: Facts): SummaryRow[] => {
  // The table's own book: its figures are shown as text in cells.
  const book = new Book();
  const itemsByTask = groupBy(facts.planItems, (p) => p.taskId);
  return tasksWithActivities(facts).map(({ task, activities }, i) => {
    const items = itemsByTask.get(task.id) ?? [];
    const planned =
      range(items.map((p) => p.plannedDate ?? p.month)) ??
      range(activities.map((a) => a.startDate)) ??
      (task.yearEnd !== null ? `${task.year}—${task.yearEnd} 年` : `${facts.scope.year} 年`);
    const counted = items.filter((p) => p.status !== '取消');
    const done = counted.filter((p) => p.status === '已完成').length;
    const state = counted.length ? `${task.status}（计划事项完成 ${done}/${counted.length}）` : task.status;
    const effect = plainText(joinClauses(achievements(book, `row.${task.id}`, activities)));
    const target = task.targetText ?? '';
    return {
      taskId: task.id,
      cells: [
        i + 1,
        task.name,
        task.description ?? target,
        task.department ?? '',
        task.responsiblePerson ?? '',
        [task.liaison, task.contact].filter(Boolean).join(' '),
        planned,
        state,
        effect,
        task.evidence,
        task.notes ?? '',
      ],
    };
  });
};
