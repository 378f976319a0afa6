import { z } from 'zod';
import { LIMITS, requiredText, uuid } from './common';

// Evidence photos in a report (seed 001: "图 1 创新强校论证专家签名"): chosen from the year's attachments for
// one part, captioned, ordered. The report model names each photo; its bytes are fetched per photo
// (attachments.read), so a report with many photos stays a small document.

export const PHOTO_MIMES = ['image/jpeg', 'image/png', 'image/gif'] as const;

/** A photo printed in a part: numbered 图 1, 图 2 … through the whole report, in the order of the parts. */
export const reportPhoto = z.strictObject({
  id: z.string(),
  attachmentId: z.string(),
  caption: z.string(),
  number: z.number(),
  fileName: z.string(),
  mime: z.string(),
});

/** A chosen photo whose attachment was removed (or whose file is missing): not printed, named on screen. */
export const missingPhoto = z.strictObject({
  id: z.string(),
  caption: z.string(),
  reason: z.enum(['deleted', 'fileMissing']),
});

/** An image of the year that can be chosen: attached to an activity, a plan item or the agreement. */
export const photoChoice = z.strictObject({
  attachmentId: z.string(),
  fileName: z.string(),
  mime: z.string(),
  /** The attachment's own caption, offered as the photo's. */
  caption: z.string().nullable(),
  recordTitle: z.string(),
  date: z.string().nullable(),
});

const caption = requiredText('图片说明', LIMITS.title);

export const photoAddInput = z.strictObject({
  reportId: uuid('报告'),
  sectionKey: z.string().min(1).max(LIMITS.short),
  attachmentId: uuid('附件'),
  caption,
});

export const photoCaptionInput = z.strictObject({ id: uuid('图片'), caption });

export const photoMoveInput = z.strictObject({
  id: uuid('图片'),
  /** -1: one place earlier in its part, 1: one place later. */
  offset: z.union([z.literal(-1), z.literal(1)], { error: '只能前移或后移一位' }),
});

export const photoChoicesInput = z.strictObject({ reportId: uuid('报告') });

export type ReportPhoto = z.output<typeof reportPhoto>;
export type MissingPhoto = z.output<typeof missingPhoto>;
export type PhotoChoice = z.output<typeof photoChoice>;
