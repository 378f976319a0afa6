import { z } from 'zod';
import { MAX_ATTACHMENT_BYTES } from '../limits';
import { LIMITS, optionalText, requiredText, uuid } from './common';

export const ATTACHMENT_ENTITIES = ['activities', 'agreements', 'plan_items'] as const;

export { MAX_ATTACHMENT_BYTES };

export const attachmentAddInput = z.strictObject({
  entityTable: z.enum(ATTACHMENT_ENTITIES, { error: '附件所属记录类型不正确' }),
  entityId: uuid('所属记录'),
  fileName: requiredText('文件名', LIMITS.line).refine((n) => !/[\\/\0]/.test(n), {
    error: '文件名不能包含路径',
  }),
  caption: optionalText('说明', LIMITS.line),
  // Base64 grows bytes by 4/3; the size check on the decoded bytes gives the exact message.
  dataBase64: z
    .string({ error: '缺少文件内容' })
    .max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 1024, { error: '文件过大：单个附件不能超过 10 MB' }),
});

export const attachmentListInput = z.strictObject({
  entityTable: z.enum(ATTACHMENT_ENTITIES),
  entityId: uuid('所属记录'),
});

export const attachment = z.strictObject({
  id: z.string(),
  entityTable: z.enum(ATTACHMENT_ENTITIES),
  entityId: z.string(),
  sha256: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number(),
  caption: z.string().nullable(),
  createdAt: z.number(),
});

/** The file itself, for a thumbnail, a preview or saving a copy. */
export const attachmentContent = z.strictObject({
  fileName: z.string(),
  mime: z.string(),
  dataBase64: z.string(),
});

export type Attachment = z.output<typeof attachment>;
export type AttachmentContent = z.output<typeof attachmentContent>;
