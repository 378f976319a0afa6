import type { z } from 'zod';
import type {
  Institution,
  institutionInput,
  institutionUpdateInput,
} from '../../electron/shared/schemas/institutions';
import { insertInstitution, updateInstitution } from '../repositories/institutions';
import type { ServiceContext } from './context';
import { siteOf } from './setup';

export const createInstitution = (
  ctx: ServiceContext,
  input: z.output<typeof institutionInput>,
): Institution => {
  const site = siteOf(ctx);
  return ctx.store.tx((w) => insertInstitution(w, site, input));
};

export const updateInstitutionService = (
  ctx: ServiceContext,
  { id, ...values }: z.output<typeof institutionUpdateInput>,
): Institution => {
  siteOf(ctx);
  return ctx.store.tx((w) => updateInstitution(w, id, values));
};
