import type { ImportInput, ImportResult, ImportRow } from '../../electron/shared/schemas/ledgerImport';
import type { ReadDb, WriteDb } from '../client';
import { findPlan, insertItem, insertPlan, listItems, planRow } from '../repositories/plans';
import { insertTasks, listTasks, updateTask, type TaskValues } from '../repositories/tasks';
import type { Task } from '../../electron/shared/schemas/tasks';
import type { TaskRow } from './readTaskRows';

// The 汇总表 imported as the agreement's tasks: a task already there (same 帮扶项目 and 具体任务) is updated
// or left alone, and a dated row adds its plan item to the month's plan unless that plan is already
// submitted or approved.

export interface DecidedTask extends TaskRow {
  status: ImportRow['status'];
  stored: Task | null;
}

const EDITABLE = new Set(['草稿', '已退回']);
const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '');
const COMPARED = [
  'category',
  'description',
  'department',
  'responsiblePerson',
  'liaison',
  'contact',
  'year',
  'status',
  'targetText',
  'notes',
] as const;

/** The task fields a row would change on the stored task. */
export const changedTaskFields = (task: TaskValues, stored: Task) =>
  COMPARED.filter((f) => (task[f] ?? null) !== (stored[f] ?? null));

export const decideTasks = (db: ReadDb, agreementId: string, rows: TaskRow[]): DecidedTask[] => {
  const stored = listTasks(db, agreementId);
  const claimed = new Set<string>();
  return rows.map((r) => {
    if (!r.task) return { ...r, status: 'held', stored: null };
    const t = r.task;
    const match = stored.find(
      (s) =>
        !claimed.has(s.id) && norm(s.name) === norm(t.name) && norm(s.description) === norm(t.description),
    );
    if (match) claimed.add(match.id);
    const warnings = [...r.warnings];
    if (r.plan) {
      const plan = findPlan(db, agreementId, r.plan.month);
      if (plan && !EDITABLE.has(plan.status))
        warnings.push({
          field: 'plannedTime',
          message: `${r.plan.month} 的计划已${plan.status === '已审核' ? '审核' : '提交'}，不添加计划事项`,
        });
    }
    if (!match) return { ...r, warnings, status: 'new', stored: null };
    return {
      ...r,
      warnings,
      status: changedTaskFields(t, match).length > 0 ? 'update' : 'same',
      stored: match,
    };
  });
};

/** Adds the row's plan item to its month's plan (made as a draft when missing), once. */
const addPlanItem = (w: WriteDb, site: string, agreementId: string, taskId: string, r: DecidedTask) => {
  if (!r.plan) return;
  const existing = findPlan(w, agreementId, r.plan.month);
  if (existing && !EDITABLE.has(existing.status)) return;
  const plan = existing ?? planRow(w, insertPlan(w, site, agreementId, r.plan.month, null));
  if (listItems(w, plan.id).some((i) => i.taskId === taskId && norm(i.content) === norm(r.plan!.content)))
    return;
  insertItem(w, site, plan.id, {
    taskId,
    content: r.plan.content,
    department: r.task!.department,
    person: r.task!.responsiblePerson,
    plannedDate: r.plan.plannedDate,
    status: r.plan.status,
    completionNote: r.plan.completionNote,
  });
};

export const commitTasks = (
  w: WriteDb,
  site: string,
  input: ImportInput,
  rows: DecidedTask[],
): ImportResult => {
  const count = (s: ImportRow['status']) => rows.filter((r) => r.status === s).length;
  for (const r of rows) {
    if (r.status === 'held') continue;
    let id = r.stored?.id;
    if (r.status === 'new') [id] = insertTasks(w, site, input.agreementId, [r.task!]);
    else if (r.status === 'update') {
      const { id: _i, agreementId: _a, sort: _s, updatedAt: _u, ...kept } = r.stored!;
      updateTask(w, r.stored!.id, {
        ...kept,
        ...r.task!,
        budgetYuan: kept.budgetYuan,
        targetValue: kept.targetValue,
        targetUnit: kept.targetUnit,
      });
    }
    addPlanItem(w, site, input.agreementId, id!, r);
  }
  return {
    layout: 'tasks',
    created: count('new'),
    updated: count('update'),
    same: count('same'),
    held: count('held'),
  };
};
