import { and, asc, eq, isNull, max } from 'drizzle-orm';
import type { z } from 'zod';
import { AppFailure } from '../../electron/shared/errors';
import type { ReportTemplate } from '../../electron/shared/domain';
import type {
  PhotoChoice,
  photoAddInput,
  photoCaptionInput,
  photoMoveInput,
} from '../../electron/shared/schemas/reportPhotos';
import type { ReportDocument } from '../../electron/shared/schemas/reports';
import type { WriteDb } from '../client';
import { photoChoices } from '../reports/photos';
import { templateSections } from '../reports/templates';
import { notFound, setDeleted, stampNew } from '../repositories/rows';
import { reportPhotos, reports } from '../schema';
import { requireIdentity, type ServiceContext } from './context';
import { getReport, reportRow, scopeOf } from './reports';

// Choosing, captioning, ordering and removing a report's evidence photos. Each change is one transaction
// that also touches the report's updated_at, and answers with the report as it now reads.

type PhotoRow = typeof reportPhotos.$inferSelect;

/** The images a person may choose for a report: those of the records its scope covers in its year. */
export const reportPhotoChoices = (ctx: ServiceContext, reportId: string): PhotoChoice[] => {
  const row = reportRow(ctx.store.read, reportId);
  return photoChoices(ctx.store.read, scopeOf(ctx, row));
};

const photoRow = (w: WriteDb, id: string): PhotoRow => {
  const row = w.orm
    .select()
    .from(reportPhotos)
    .where(and(eq(reportPhotos.id, id), isNull(reportPhotos.deletedAt)))
    .get();
  if (!row) throw notFound('图片');
  return row;
};

const touch = (w: WriteDb, reportId: string) =>
  w.orm.update(reports).set({ updatedAt: w.now() }).where(eq(reports.id, reportId)).run();

const sectionPhotos = (w: WriteDb, reportId: string, sectionKey: string): PhotoRow[] =>
  w.orm
    .select()
    .from(reportPhotos)
    .where(
      and(
        eq(reportPhotos.reportId, reportId),
        eq(reportPhotos.sectionKey, sectionKey),
        isNull(reportPhotos.deletedAt),
      ),
    )
    .orderBy(asc(reportPhotos.sort), asc(reportPhotos.createdAt))
    .all();

export const addPhoto = (ctx: ServiceContext, input: z.output<typeof photoAddInput>): ReportDocument => {
  requireIdentity(ctx);
  const choices = reportPhotoChoices(ctx, input.reportId);
  ctx.store.tx((w) => {
    const report = reportRow(w, input.reportId);
    const spec = templateSections(report.template as ReportTemplate).find((s) => s.key === input.sectionKey);
    if (!spec || spec.kind === 'summary')
      throw new AppFailure('VALIDATION', '报告中没有这一部分，或这一部分不能放图片', {
        sectionKey: '请选择报告的一个部分',
      });
    if (!choices.some((c) => c.attachmentId === input.attachmentId))
      throw new AppFailure('VALIDATION', '只能选择本报告年度内记录的图片附件（JPG、PNG 或 GIF）', {
        attachmentId: '请从本年度的图片中选择',
      });
    const current = sectionPhotos(w, report.id, input.sectionKey);
    if (current.some((p) => p.attachmentId === input.attachmentId))
      throw new AppFailure('VALIDATION', '这张图片已在这一部分中', { attachmentId: '已选过这张图片' });
    const last = w.orm
      .select({ sort: max(reportPhotos.sort) })
      .from(reportPhotos)
      .where(and(eq(reportPhotos.reportId, report.id), eq(reportPhotos.sectionKey, input.sectionKey)))
      .get();
    w.orm
      .insert(reportPhotos)
      .values({
        ...stampNew(w, report.ownerSite),
        reportId: report.id,
        sectionKey: input.sectionKey,
        attachmentId: input.attachmentId,
        caption: input.caption,
        sort: (last?.sort ?? -1) + 1,
      })
      .run();
    touch(w, report.id);
  });
  return getReport(ctx, input.reportId);
};

export const captionPhoto = (
  ctx: ServiceContext,
  input: z.output<typeof photoCaptionInput>,
): ReportDocument => {
  requireIdentity(ctx);
  const reportId = ctx.store.tx((w) => {
    const photo = photoRow(w, input.id);
    if (photo.caption !== input.caption) {
      w.orm
        .update(reportPhotos)
        .set({ caption: input.caption, updatedAt: w.now() })
        .where(eq(reportPhotos.id, photo.id))
        .run();
      touch(w, photo.reportId);
    }
    return photo.reportId;
  });
  return getReport(ctx, reportId);
};

/** Swaps the photo with its neighbour in its part; at either end it stays where it is. */
export const movePhoto = (ctx: ServiceContext, input: z.output<typeof photoMoveInput>): ReportDocument => {
  requireIdentity(ctx);
  const reportId = ctx.store.tx((w) => {
    const photo = photoRow(w, input.id);
    const order = sectionPhotos(w, photo.reportId, photo.sectionKey);
    const at = order.findIndex((p) => p.id === photo.id);
    const to = at + input.offset;
    if (to < 0 || to >= order.length) return photo.reportId;
    // Sorts are renumbered 0..n-1 so that equal sorts (two devices adding at once) still move.
    const next = [...order];
    [next[at], next[to]] = [next[to]!, next[at]!];
    const t = w.now();
    next.forEach((p, i) => {
      if (p.sort !== i)
        w.orm.update(reportPhotos).set({ sort: i, updatedAt: t }).where(eq(reportPhotos.id, p.id)).run();
    });
    touch(w, photo.reportId);
    return photo.reportId;
  });
  return getReport(ctx, reportId);
};

/** Takes the photo out of the report; the attachment itself stays with its record. */
export const removePhoto = (ctx: ServiceContext, id: string): ReportDocument => {
  requireIdentity(ctx);
  const reportId = ctx.store.tx((w) => {
    const photo = photoRow(w, id);
    setDeleted(w, reportPhotos, id, true, '图片');
    touch(w, photo.reportId);
    return photo.reportId;
  });
  return getReport(ctx, reportId);
};
