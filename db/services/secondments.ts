import type { z } from 'zod';
import type {
  Outcome,
  outcomeInput,
  outcomeUpdateInput,
  Secondment,
  secondmentInput,
  secondmentUpdateInput,
} from '../../electron/shared/schemas/secondments';
import { AppFailure } from '../../electron/shared/errors';
import type { WriteDb } from '../client';
import { getActivity } from '../repositories/activities';
import { agreementRow } from '../repositories/agreements';
import { getInstitution } from '../repositories/institutions';
import {
  getOutcome,
  getSecondment,
  insertOutcome,
  insertSecondment,
  updateOutcome,
  updateSecondment,
} from '../repositories/secondments';
import { setDeleted } from '../repositories/rows';
import { outcomes, secondments } from '../schema';
import type { ServiceContext } from './context';
import { siteOf } from './setup';

const checkLinks = (w: WriteDb, agreementId: string, activityId: string | null | undefined) => {
  agreementRow(w, agreementId);
  if (activityId && getActivity(w, activityId).agreementId !== agreementId) {
    throw new AppFailure('VALIDATION', '所选活动不属于该协议', { activityId: '所选活动不属于该协议' });
  }
};

type SecondmentIn = z.output<typeof secondmentInput>;

const secondmentValues = (w: WriteDb, v: SecondmentIn) => {
  checkLinks(w, v.agreementId, v.activityId);
  if (v.hostInstitutionId) getInstitution(w, v.hostInstitutionId);
  return { ...v, activityId: v.activityId ?? null, hostInstitutionId: v.hostInstitutionId ?? null };
};

export const createSecondment = (ctx: ServiceContext, input: SecondmentIn): Secondment => {
  const site = siteOf(ctx);
  return ctx.store.tx((w) => getSecondment(w, insertSecondment(w, site, secondmentValues(w, input))));
};

export const updateSecondmentService = (
  ctx: ServiceContext,
  { id, ...input }: z.output<typeof secondmentUpdateInput>,
): Secondment => {
  siteOf(ctx);
  return ctx.store.tx((w) => {
    updateSecondment(w, id, secondmentValues(w, input));
    return getSecondment(w, id);
  });
};

export const deleteSecondment = (ctx: ServiceContext, id: string): { id: string } => {
  siteOf(ctx);
  ctx.store.tx((w) => setDeleted(w, secondments, id, true, '挂职记录'));
  return { id };
};

type OutcomeIn = z.output<typeof outcomeInput>;

const outcomeValues = (w: WriteDb, v: OutcomeIn) => {
  checkLinks(w, v.agreementId, v.activityId);
  return { ...v, activityId: v.activityId ?? null, level: v.level ?? null };
};

export const createOutcome = (ctx: ServiceContext, input: OutcomeIn): Outcome => {
  const site = siteOf(ctx);
  return ctx.store.tx((w) => getOutcome(w, insertOutcome(w, site, outcomeValues(w, input))));
};

export const updateOutcomeService = (
  ctx: ServiceContext,
  { id, ...input }: z.output<typeof outcomeUpdateInput>,
): Outcome => {
  siteOf(ctx);
  return ctx.store.tx((w) => {
    updateOutcome(w, id, outcomeValues(w, input));
    return getOutcome(w, id);
  });
};

export const deleteOutcome = (ctx: ServiceContext, id: string): { id: string } => {
  siteOf(ctx);
  ctx.store.tx((w) => setDeleted(w, outcomes, id, true, '成果'));
  return { id };
};
