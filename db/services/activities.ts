import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { AppFailure } from '../../electron/shared/errors';
import type { Activity, activityInput, activityUpdateInput } from '../../electron/shared/schemas/activities';
import type { WriteDb } from '../client';
import {
  getActivity,
  insertActivity,
  listActivities,
  updateActivity,
  type ActivityFilter,
  type ActivityValues,
} from '../repositories/activities';
import { agreementRow } from '../repositories/agreements';
import { itemRow, planRow } from '../repositories/plans';
import { setDeleted } from '../repositories/rows';
import { getTask } from '../repositories/tasks';
import { activities } from '../schema';
import { withBulkSearch } from '../search/bulkIndex';
import type { ServiceContext } from './context';
import { siteOf } from './setup';

type Input = z.output<typeof activityInput>;

/** Links must stay inside the agreement: a task or plan item of another agreement is refused by field. */
const checkLinks = (w: WriteDb, v: Input) => {
  agreementRow(w, v.agreementId);
  if (v.taskId && getTask(w, v.taskId).agreementId !== v.agreementId) {
    throw new AppFailure('VALIDATION', '所选帮扶项目不属于该协议', { taskId: '所选帮扶项目不属于该协议' });
  }
  if (v.planItemId && planRow(w, itemRow(w, v.planItemId).planId).agreementId !== v.agreementId) {
    throw new AppFailure('VALIDATION', '所选计划事项不属于该协议', {
      planItemId: '所选计划事项不属于该协议',
    });
  }
};

const valuesOf = (v: Input): ActivityValues => ({
  ...v,
  taskId: v.taskId ?? null,
  planItemId: v.planItemId ?? null,
});

export const createActivity = (ctx: ServiceContext, input: Input): Activity => {
  const site = siteOf(ctx);
  return ctx.store.tx((w) => {
    checkLinks(w, input);
    return getActivity(w, insertActivity(w, site, valuesOf(input)));
  });
};

export const createActivityBatch = (ctx: ServiceContext, list: Input[]): { ids: string[] } => {
  const site = siteOf(ctx);
  return ctx.store.tx((w) =>
    // The batch's rows are indexed for search together, before the transaction commits.
    withBulkSearch(w.sqlite, () => {
      const checked = new Set<string>();
      const ids = list.map((input) => {
        // Most batches share one agreement and few links: check each distinct set once.
        const key = `${input.agreementId}|${input.taskId ?? ''}|${input.planItemId ?? ''}`;
        if (!checked.has(key)) {
          checkLinks(w, input);
          checked.add(key);
        }
        return insertActivity(w, site, valuesOf(input));
      });
      return { ids };
    }),
  );
};

export const updateActivityService = (
  ctx: ServiceContext,
  { id, ...input }: z.output<typeof activityUpdateInput>,
): Activity => {
  siteOf(ctx);
  return ctx.store.tx((w) => {
    checkLinks(w, input);
    updateActivity(w, id, valuesOf(input));
    return getActivity(w, id);
  });
};

export const deleteActivity = (ctx: ServiceContext, id: string, deleted: boolean): { id: string } => {
  siteOf(ctx);
  ctx.store.tx((w) => setDeleted(w, activities, id, deleted, '活动记录'));
  return { id };
};

export const searchActivities = (ctx: ServiceContext, filter: ActivityFilter) => {
  siteOf(ctx);
  return listActivities(ctx.store.read, filter);
};

export const readActivity = (ctx: ServiceContext, id: string): Activity => {
  siteOf(ctx);
  return getActivity(ctx.store.read, id);
};

/**
 * Links an existing activity to a plan item of its agreement, or unlinks it (null), from either side: the
 * plan item's page or the activity's dialog. Only the link changes.
 */
export const linkPlanItem = (ctx: ServiceContext, id: string, planItemId: string | null): Activity => {
  siteOf(ctx);
  return ctx.store.tx((w) => {
    const activity = getActivity(w, id);
    if (planItemId && planRow(w, itemRow(w, planItemId).planId).agreementId !== activity.agreementId) {
      throw new AppFailure('VALIDATION', '所选计划事项不属于该活动的协议', {
        planItemId: '所选计划事项不属于该活动的协议',
      });
    }
    w.orm.update(activities).set({ planItemId, updatedAt: w.now() }).where(eq(activities.id, id)).run();
    return getActivity(w, id);
  });
};
