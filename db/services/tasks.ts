import type { z } from 'zod';
import type { Task, taskBatchInput, taskInput, taskUpdateInput } from '../../electron/shared/schemas/tasks';
import { AppFailure } from '../../electron/shared/errors';
import { agreementRow } from '../repositories/agreements';
import { setDeleted } from '../repositories/rows';
import { getTask, insertTasks, updateTask } from '../repositories/tasks';
import { tasks } from '../schema';
import type { ServiceContext } from './context';
import { siteOf } from './setup';

/**
 * A task's years lie within its agreement's period (2021—2025, or 2018-09 to 2020-02 by its years): a 2019
 * task under a 2021—2025 agreement is a typing slip that would drop it from every year's report. A task
 * spanning several years is checked at both ends; `prefix` is where the field sits in the input (tasks.3.).
 */
const checkYears = (
  agreement: { periodStart: string; periodEnd: string },
  tasks: { year: number; yearEnd: number | null; prefix: string }[],
): void => {
  const first = Number(agreement.periodStart.slice(0, 4));
  const last = Number(agreement.periodEnd.slice(0, 4));
  const message = `年度应在协议期限 ${first}—${last} 年之内`;
  const outside = tasks.flatMap((t) => [
    ...(t.year < first || t.year > last ? [[`${t.prefix}year`, message]] : []),
    ...(t.yearEnd !== null && (t.yearEnd < first || t.yearEnd > last)
      ? [[`${t.prefix}yearEnd`, `结束${message}`]]
      : []),
  ]);
  if (!outside.length) return;
  throw new AppFailure(
    'VALIDATION',
    `帮扶项目的年度不在协议期限（${first}—${last} 年）之内`,
    Object.fromEntries(outside),
  );
};

export const createTask = (
  ctx: ServiceContext,
  { agreementId, ...values }: z.output<typeof taskInput>,
): Task => {
  const site = siteOf(ctx);
  return ctx.store.tx((w) => {
    checkYears(agreementRow(w, agreementId), [{ ...values, prefix: '' }]);
    const [id] = insertTasks(w, site, agreementId, [values]);
    return getTask(w, id!);
  });
};

/** The spreadsheet-import path: many rows, one transaction, one tx group in the change log. */
export const createTaskBatch = (
  ctx: ServiceContext,
  { agreementId, tasks }: z.output<typeof taskBatchInput>,
): { ids: string[] } => {
  const site = siteOf(ctx);
  return ctx.store.tx((w) => {
    checkYears(
      agreementRow(w, agreementId),
      tasks.map((t, i) => ({ ...t, prefix: `tasks.${i}.` })),
    );
    return { ids: insertTasks(w, site, agreementId, tasks) };
  });
};

export const updateTaskService = (
  ctx: ServiceContext,
  { id, ...values }: z.output<typeof taskUpdateInput>,
): Task => {
  siteOf(ctx);
  return ctx.store.tx((w) => {
    checkYears(agreementRow(w, getTask(w, id).agreementId), [{ ...values, prefix: '' }]);
    return updateTask(w, id, values);
  });
};

export const deleteTask = (ctx: ServiceContext, id: string, deleted: boolean): { id: string } => {
  siteOf(ctx);
  ctx.store.tx((w) => setDeleted(w, tasks, id, deleted, '帮扶项目'));
  return { id };
};
