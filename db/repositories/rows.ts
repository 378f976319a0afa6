import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { AppFailure } from '../../electron/shared/errors';
import type { WriteDb } from '../client';
import { activities, agreements, attachments, outcomes, reportPhotos, secondments, tasks } from '../schema';

export const newId = (): string => uuidv7();

export interface SyncStamp {
  id: string;
  createdAt: number;
  updatedAt: number;
  deletedAt: null;
  ownerSite: string;
}

export const stampNew = (w: WriteDb, ownerSite: string): SyncStamp => {
  const t = w.now();
  return { id: newId(), createdAt: t, updatedAt: t, deletedAt: null, ownerSite };
};

export const fenToYuan = (fen: number | null): number | null => (fen === null ? null : fen / 100);
export const yuanToFen = (yuan: number | null): number | null =>
  yuan === null ? null : Math.round(yuan * 100);

/**
 * An activity's type-specific fields. A stored text that is not a JSON object (kept from before received
 * records were checked) reads as no fields rather than failing the list it is in.
 */
export const detailsOf = (text: string | null): Record<string, unknown> => {
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

export const notFound = (what: string): AppFailure => new AppFailure('NOT_FOUND', `${what}不存在或已被删除`);

/** LIKE pattern for a literal substring: Chinese search needs substrings (普宁 inside 普宁市教育局). */
export const likeContains = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** True when writing `values` would change `row`; unchanged rows are not rewritten, so they sync nothing. */
export const differs = (row: Record<string, unknown>, values: Record<string, unknown>): boolean =>
  Object.entries(values).some(([k, v]) => row[k] !== v);

/** Tables whose rows a person deletes and may restore (undo). */
export type TombstonedTable =
  | typeof agreements
  | typeof tasks
  | typeof activities
  | typeof secondments
  | typeof outcomes
  | typeof attachments
  | typeof reportPhotos;

/**
 * Deletes (tombstones) or restores one row: synced rows are never hard-deleted, so an undo or another
 * replica can bring them back. `what` names the record in the Chinese not-found message.
 */
export const setDeleted = (
  w: WriteDb,
  table: TombstonedTable,
  id: string,
  deleted: boolean,
  what: string,
): void => {
  const t = w.now();
  const res = w.orm
    .update(table)
    .set({ deletedAt: deleted ? t : null, updatedAt: t })
    .where(and(eq(table.id, id), deleted ? isNull(table.deletedAt) : isNotNull(table.deletedAt)))
    .run();
  if (res.changes === 0) throw notFound(what);
};
