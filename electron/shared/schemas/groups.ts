import { z } from 'zod';
import { GROUP_KINDS, MEMBER_ROLES } from '../domain';
import { LIMITS, date, list, oneOf, optionalText, phone, requiredText, uuid } from './common';

const memberInput = z.strictObject({
  id: uuid().optional(),
  groupKind: oneOf(GROUP_KINDS, '所属机构（领导小组或办公室）'),
  name: requiredText('姓名', LIMITS.name),
  role: oneOf(MEMBER_ROLES, '职务'),
  institutionId: uuid('所在单位').nullable().optional(),
  post: optionalText('职务/岗位', LIMITS.name),
  phone: phone('电话'),
});

/** Without `id` a new revision is made (the old one stays in the history); with `id` it is corrected. */
export const groupRevisionInput = z.strictObject({
  id: uuid().optional(),
  agreementId: uuid('协议编号'),
  revisedOn: date('调整日期'),
  approvedBy: optionalText('审议会议', LIMITS.line),
  documentNumber: optionalText('文号', LIMITS.short),
  notes: optionalText('备注', LIMITS.text),
  members: list(memberInput, '成员'),
});

export const groupMember = z.strictObject({
  id: z.string(),
  groupKind: z.enum(GROUP_KINDS),
  name: z.string(),
  role: z.enum(MEMBER_ROLES),
  institutionId: z.string().nullable(),
  institutionName: z.string().nullable(),
  post: z.string().nullable(),
  phone: z.string().nullable(),
  sort: z.number(),
});

export const groupRevision = z.strictObject({
  id: z.string(),
  agreementId: z.string(),
  revisedOn: z.string(),
  approvedBy: z.string().nullable(),
  documentNumber: z.string().nullable(),
  notes: z.string().nullable(),
  members: z.array(groupMember),
});
export type GroupRevision = z.output<typeof groupRevision>;
export type GroupMember = z.output<typeof groupMember>;
