import type { z } from 'zod';
import { AppFailure } from '../../electron/shared/errors';
import type {
  AgreementDetail,
  agreementInput,
  agreementUpdateInput,
} from '../../electron/shared/schemas/agreements';
import type { ReadDb, WriteDb } from '../client';
import {
  agreementRow,
  insertAgreement,
  listParties,
  listPhases,
  replaceParties,
  replacePhases,
  summaryCore,
  updateAgreement,
  type AgreementValues,
} from '../repositories/agreements';
import { listRevisions } from '../repositories/groups';
import { countLiveInstitutions } from '../repositories/institutions';
import { setDeleted } from '../repositories/rows';
import { listTasks } from '../repositories/tasks';
import { agreements } from '../schema';
import type { ServiceContext } from './context';
import { siteOf } from './setup';

type CreateInput = z.output<typeof agreementInput>;
type UpdateInput = z.output<typeof agreementUpdateInput>;

export const agreementDetail = (db: ReadDb | WriteDb, id: string): AgreementDetail => {
  const a = agreementRow(db, id);
  return {
    ...summaryCore(a),
    policyBasis: a.policyBasis,
    goals: a.goals,
    clauses: a.clauses,
    hostOffice: a.hostOffice,
    notes: a.notes,
    createdAt: a.createdAt,
    parties: listParties(db, id),
    phases: listPhases(db, id),
    groups: listRevisions(db, id),
    tasks: listTasks(db, id),
  };
};

const checkParties = (w: WriteDb, input: CreateInput) => {
  const ids = [...new Set(input.parties.map((p) => p.institutionId))];
  if (countLiveInstitutions(w, ids) !== ids.length) {
    throw new AppFailure('VALIDATION', '所选单位不存在或已被删除', {
      parties: '所选单位不存在或已被删除，请重新选择',
    });
  }
};

const valuesOf = ({ parties: _p, phases: _ph, ...v }: CreateInput): AgreementValues => v;

export const createAgreement = (ctx: ServiceContext, input: CreateInput): AgreementDetail => {
  const site = siteOf(ctx);
  return ctx.store.tx((w) => {
    checkParties(w, input);
    const id = insertAgreement(w, site, valuesOf(input));
    replaceParties(w, site, id, input.parties);
    replacePhases(w, site, id, input.phases);
    return agreementDetail(w, id);
  });
};

export const updateAgreementService = (
  ctx: ServiceContext,
  { id, ...input }: UpdateInput,
): AgreementDetail => {
  const site = siteOf(ctx);
  return ctx.store.tx((w) => {
    agreementRow(w, id);
    checkParties(w, input);
    updateAgreement(w, id, valuesOf(input));
    replaceParties(w, site, id, input.parties);
    replacePhases(w, site, id, input.phases);
    return agreementDetail(w, id);
  });
};

/** A tombstone, not a deletion: the row stays (and syncs) so an undo, or another replica, can restore it. */
export const deleteAgreement = (ctx: ServiceContext, id: string, deleted: boolean): { id: string } => {
  siteOf(ctx);
  ctx.store.tx((w) => setDeleted(w, agreements, id, deleted, '协议'));
  return { id };
};
