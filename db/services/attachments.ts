import { and, asc, eq, isNull } from 'drizzle-orm';
import { join } from 'node:path';
import type { z } from 'zod';
import { AppFailure } from '../../electron/shared/errors';
import {
  MAX_ATTACHMENT_BYTES,
  type Attachment,
  type AttachmentContent,
  type attachmentAddInput,
  type ATTACHMENT_ENTITIES,
} from '../../electron/shared/schemas/attachments';
import { BlobStore } from '../attachments/blobs';
import { attachmentFileName, cleanFileName } from '../attachments/fileName';
import { classify } from '../attachments/sniff';
import type { ReadDb, WriteDb } from '../client';
import { getActivity } from '../repositories/activities';
import { agreementRow } from '../repositories/agreements';
import { itemRow } from '../repositories/plans';
import { setDeleted, stampNew } from '../repositories/rows';
import { attachments } from '../schema';
import type { ServiceContext } from './context';
import { siteOf } from './setup';

type Entity = (typeof ATTACHMENT_ENTITIES)[number];

export const blobStore = (ctx: ServiceContext): BlobStore => new BlobStore(join(ctx.dataDir, 'attachments'));

const checkEntity = (w: WriteDb, table: Entity, id: string) => {
  if (table === 'activities') getActivity(w, id);
  else if (table === 'agreements') agreementRow(w, id);
  else itemRow(w, id);
};

const toAttachment = (r: typeof attachments.$inferSelect): Attachment => ({
  id: r.id,
  entityTable: r.entityTable as Entity,
  entityId: r.entityId,
  sha256: r.sha256,
  // Rows from other sites arrive by sync with whatever name they were given there.
  fileName: attachmentFileName(r.fileName, r.mime),
  mime: r.mime,
  size: r.size,
  caption: r.caption,
  createdAt: r.createdAt,
});

const formatMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Checks size and real type, stores the bytes by hash (once, however often they are added), then records
 * the attachment in one transaction. A failed transaction leaves at most an unreferenced blob behind.
 */
export const addAttachment = (
  ctx: ServiceContext,
  input: z.output<typeof attachmentAddInput>,
): Attachment => {
  const site = siteOf(ctx);
  const given = cleanFileName(input.fileName);
  const bytes = Buffer.from(input.dataBase64, 'base64');
  if (bytes.length === 0) throw new AppFailure('VALIDATION', `“${given}”是空文件`, { file: '文件为空' });
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    const message = `“${given}”过大（${formatMb(bytes.length)}），单个附件不能超过 ${formatMb(MAX_ATTACHMENT_BYTES)}`;
    throw new AppFailure('VALIDATION', message, { file: message });
  }
  const kind = classify(given, bytes);
  if ('error' in kind) throw new AppFailure('VALIDATION', kind.error, { file: kind.error });
  checkEntity(ctx.store.write, input.entityTable, input.entityId);
  const sha256 = blobStore(ctx).put(bytes);
  return ctx.store.tx((w) => {
    checkEntity(w, input.entityTable, input.entityId);
    const row = {
      ...stampNew(w, site),
      entityTable: input.entityTable,
      entityId: input.entityId,
      sha256,
      fileName: attachmentFileName(input.fileName, kind.mime),
      mime: kind.mime,
      size: bytes.length,
      caption: input.caption,
    };
    w.orm.insert(attachments).values(row).run();
    return toAttachment(row);
  });
};

export const listAttachments = (db: ReadDb | WriteDb, entityTable: Entity, entityId: string): Attachment[] =>
  db.orm
    .select()
    .from(attachments)
    .where(
      and(
        eq(attachments.entityTable, entityTable),
        eq(attachments.entityId, entityId),
        isNull(attachments.deletedAt),
      ),
    )
    .orderBy(asc(attachments.createdAt))
    .all()
    .map(toAttachment);

/** The bytes of a live attachment, or null when it was removed or its file is missing or damaged. */
export const attachmentBytes = (ctx: ServiceContext, id: string): Buffer | null => {
  const row = ctx.store.read.orm
    .select({ sha256: attachments.sha256 })
    .from(attachments)
    .where(and(eq(attachments.id, id), isNull(attachments.deletedAt)))
    .get();
  return row ? blobStore(ctx).get(row.sha256) : null;
};

/** The stored bytes of a live attachment; a missing or damaged blob (a folder copied in part) is named. */
export const readAttachment = (ctx: ServiceContext, id: string): AttachmentContent => {
  const row = ctx.store.read.orm
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, id), isNull(attachments.deletedAt)))
    .get();
  if (!row) throw new AppFailure('NOT_FOUND', '附件不存在或已被删除');
  const bytes = blobStore(ctx).get(row.sha256);
  if (!bytes) {
    throw new AppFailure(
      'NOT_FOUND',
      `附件“${cleanFileName(row.fileName)}”的文件缺失或已损坏：请检查数据文件夹中的 attachments 目录，或等下一个带有它的同步包`,
    );
  }
  return {
    fileName: attachmentFileName(row.fileName, row.mime),
    mime: row.mime,
    dataBase64: bytes.toString('base64'),
  };
};

/** Removes the attachment from its record; the blob stays, since other records may hold the same file. */
export const removeAttachment = (ctx: ServiceContext, id: string): { id: string } => {
  siteOf(ctx);
  ctx.store.tx((w) => setDeleted(w, attachments, id, true, '附件'));
  return { id };
};
