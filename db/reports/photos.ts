import type { PhotoChoice, ReportPhoto, MissingPhoto } from '../../electron/shared/schemas/reportPhotos';
import { PHOTO_MIMES } from '../../electron/shared/schemas/reportPhotos';
import type { ReportScope, ReportSection } from '../../electron/shared/schemas/reports';
import { attachmentFileName } from '../attachments/fileName';
import type { ReadDb } from '../client';
import { scopeAgreements } from './facts';

// Which photos a report may show (the images attached to the year's records in its scope), and where the
// chosen ones print: after their part's text, numbered 图 1, 图 2 … through the report in the order of the
// parts, so a photo added to an earlier part renumbers the later ones.

/** A chosen photo as stored, with what the report needs to know about its attachment. */
export interface PhotoLink {
  id: string;
  sectionKey: string;
  attachmentId: string;
  caption: string;
  /** Null when the attachment was removed. */
  attachment: { fileName: string; mime: string; sha256: string } | null;
  /** False when the attachment's file is not on this PC (a folder copied in part, a bundle still due). */
  fileHeld: boolean;
}

interface LinkRow {
  id: string;
  sectionKey: string;
  attachmentId: string;
  caption: string;
  fileName: string | null;
  mime: string | null;
  sha256: string | null;
}

export const readPhotoLinks = (
  db: ReadDb,
  reportId: string,
  fileHeld: (sha256: string) => boolean,
): PhotoLink[] =>
  (
    db.sqlite
      .prepare(
        `SELECT p.id, p.section_key AS sectionKey, p.attachment_id AS attachmentId, p.caption,
                f.file_name AS fileName, f.mime, f.sha256
         FROM report_photos p
         LEFT JOIN attachments f ON f.id = p.attachment_id AND f.deleted_at IS NULL
         WHERE p.report_id = ? AND p.deleted_at IS NULL
         ORDER BY p.sort, p.created_at`,
      )
      .all(reportId) as LinkRow[]
  ).map((r) => {
    const attachment =
      r.sha256 !== null && r.mime !== null && r.fileName !== null
        ? { fileName: attachmentFileName(r.fileName, r.mime), mime: r.mime, sha256: r.sha256 }
        : null;
    return {
      id: r.id,
      sectionKey: r.sectionKey,
      attachmentId: r.attachmentId,
      caption: r.caption,
      attachment,
      fileHeld: attachment !== null && fileHeld(attachment.sha256),
    };
  });

export type SectionText = Omit<ReportSection, 'photos' | 'missingPhotos'>;

/** Puts each chosen photo under its part and numbers the printable ones through the report. */
export const placePhotos = (sections: SectionText[], links: PhotoLink[]): ReportSection[] => {
  let number = 0;
  return sections.map((s) => {
    const photos: ReportPhoto[] = [];
    const missingPhotos: MissingPhoto[] = [];
    if (s.kind !== 'summary')
      for (const link of links.filter((l) => l.sectionKey === s.key)) {
        if (link.attachment && link.fileHeld)
          photos.push({
            id: link.id,
            attachmentId: link.attachmentId,
            caption: link.caption,
            number: ++number,
            fileName: link.attachment.fileName,
            mime: link.attachment.mime,
          });
        else
          missingPhotos.push({
            id: link.id,
            caption: link.caption,
            reason: link.attachment ? 'fileMissing' : 'deleted',
          });
      }
    return { ...s, photos, missingPhotos };
  });
};

interface ChoiceRow extends Omit<PhotoChoice, 'fileName'> {
  fileName: string;
}

/**
 * The images attached to the records a report covers in its year: activities that started in it, plan
 * items of its months, and the agreements themselves (signing photos, for instance). JPEG, PNG and GIF
 * only: the formats Word embeds.
 */
export const photoChoices = (db: ReadDb, scope: ReportScope): PhotoChoice[] => {
  const ids = scopeAgreements(db, scope).map((a) => a.id);
  if (ids.length === 0) return [];
  const inIds = ids.map(() => '?').join(',');
  const mimes = PHOTO_MIMES.map(() => '?').join(',');
  const site = scope.agreementId ? null : scope.siteId;
  const live = `f.deleted_at IS NULL AND f.mime IN (${mimes})`;
  const rows = db.sqlite
    .prepare(
      `SELECT * FROM (
         SELECT f.id AS attachmentId, f.file_name AS fileName, f.mime, f.caption,
                a.title AS recordTitle, a.start_date AS date, f.created_at AS added
         FROM attachments f JOIN activities a ON f.entity_table = 'activities' AND a.id = f.entity_id
         WHERE ${live} AND a.deleted_at IS NULL AND a.start_date >= ? AND a.start_date <= ?
           AND a.agreement_id IN (${inIds}) AND (? IS NULL OR a.owner_site = ?)
         UNION ALL
         SELECT f.id, f.file_name, f.mime, f.caption, i.content, p.month, f.created_at
         FROM attachments f JOIN plan_items i ON f.entity_table = 'plan_items' AND i.id = f.entity_id
           JOIN monthly_plans p ON p.id = i.plan_id
         WHERE ${live} AND i.deleted_at IS NULL AND p.deleted_at IS NULL AND p.month LIKE ? || '-%'
           AND p.agreement_id IN (${inIds})
         UNION ALL
         SELECT f.id, f.file_name, f.mime, f.caption, g.title, NULL, f.created_at
         FROM attachments f JOIN agreements g ON f.entity_table = 'agreements' AND g.id = f.entity_id
         WHERE ${live} AND g.id IN (${inIds})
       ) ORDER BY date IS NULL, date, added`,
    )
    .all(
      ...PHOTO_MIMES,
      `${scope.year}-01-01`,
      `${scope.year}-12-31`,
      ...ids,
      site,
      site,
      ...PHOTO_MIMES,
      String(scope.year),
      ...ids,
      ...PHOTO_MIMES,
      ...ids,
    ) as (ChoiceRow & { added: number })[];
  return rows.map(({ added: _added, ...r }) => ({ ...r, fileName: attachmentFileName(r.fileName, r.mime) }));
};
