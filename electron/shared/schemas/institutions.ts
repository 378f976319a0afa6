import { z } from 'zod';
import { INSTITUTION_KINDS } from '../domain';
import { LIMITS, oneOf, optionalText, requiredText, uuid } from './common';

export const institutionFields = {
  name: requiredText('机构名称', LIMITS.name),
  shortName: optionalText('简称', LIMITS.short),
  kind: oneOf(INSTITUTION_KINDS, '机构类型'),
  region: optionalText('所在地区', LIMITS.short),
};

export const institutionInput = z.strictObject(institutionFields);
export const institutionUpdateInput = z.strictObject({ id: uuid(), ...institutionFields });
export const institutionListInput = z.strictObject({
  query: z.string().trim().max(LIMITS.name, { error: '搜索词过长' }).optional(),
});

export const institution = z.strictObject({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(INSTITUTION_KINDS),
  region: z.string().nullable(),
  updatedAt: z.number(),
});
export type Institution = z.output<typeof institution>;
