import type { z } from 'zod';
import type { Task, taskBatchInput, taskInput, taskUpdateInput } from '../../electron/shared/schemas/tasks';
import { agreementRow } from '../repositories/agreements';
import { setDeleted } from '../repositories/rows';
import { getTask, insertTasks, updateTask } from '../repositories/tasks';
import { tasks } from '../schema';
import type { ServiceContext } from './context';
import { siteOf } from './setup';

export const createTask = (
  ctx: ServiceContext,
  { agreementId, ...values }: z.output<typeof taskInput>,
): Task => {
  const site = siteOf(ctx);
  return ctx.store.tx((w) => {
    agreementRow(w, agreementId);
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
    agreementRow(w, agreementId);
    return { ids: insertTasks(w, site, agreementId, tasks) };
  });
};

export const updateTaskService = (
  ctx: ServiceContext,
  { id, ...values }: z.output<typeof taskUpdateInput>,
): Task => {
  siteOf(ctx);
  return ctx.store.tx((w) => updateTask(w, id, values));
};

export const deleteTask = (ctx: ServiceContext, id: string, deleted: boolean): { id: string } => {
  siteOf(ctx);
  ctx.store.tx((w) => setDeleted(w, tasks, id, deleted, '帮扶项目'));
  return { id };
};
