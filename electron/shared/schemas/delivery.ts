import { z } from 'zod';
import { uuid } from './common';

export const OUTBOX_STATES = ['waiting', 'retrying', 'failed', 'delivered'] as const;

export const deliveryTarget = z.strictObject({
  id: z.string(),
  kind: z.enum(['folder', 'webdav']),
  label: z.string(),
  location: z.string(),
  username: z.string().nullable(),
  enabled: z.boolean(),
  /** A password is kept (in the keychain); the password itself never crosses the API. */
  hasPassword: z.boolean(),
});
export type DeliveryTarget = z.output<typeof deliveryTarget>;

const label = z
  .string({ error: '请填写名称' })
  .trim()
  .min(1, { error: '请填写名称' })
  .max(50, { error: '名称不超过 50 字' });

export const targetInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      id: uuid('发送目标').optional(),
      kind: z.literal('folder'),
      label,
      location: z
        .string({ error: '请选择文件夹' })
        .trim()
        .min(1, { error: '请选择文件夹' })
        .max(1000)
        .refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p), { error: '请填写文件夹的完整路径' }),
      enabled: z.boolean().default(true),
    }),
    z.strictObject({
      id: uuid('发送目标').optional(),
      kind: z.literal('webdav'),
      label,
      location: z
        .string({ error: '请填写服务器地址' })
        .trim()
        .max(1000)
        .refine((u) => /^https?:\/\/[^\s]+$/i.test(u), { error: '服务器地址应以 http:// 或 https:// 开头' }),
      username: z.string().trim().max(200).optional(),
      /** Omitted: keep the stored one. */
      password: z.string().max(500).optional(),
      enabled: z.boolean().default(true),
    }),
  ],
  { error: '请选择发送目标类型' },
);
export type TargetInput = z.output<typeof targetInput>;

export const outboxEntry = z.strictObject({
  id: z.number(),
  bundleId: z.string(),
  fileName: z.string(),
  target: z.string(),
  state: z.enum(OUTBOX_STATES),
  attempts: z.number(),
  nextAt: z.number().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.number().nullable(),
});
export type OutboxEntry = z.output<typeof outboxEntry>;

export const deliverInput = z.strictObject({
  /** Try every undelivered entry now, not only those whose pause is over. */
  all: z.boolean().optional(),
});
