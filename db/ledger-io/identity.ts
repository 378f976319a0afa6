import { createHash } from 'node:crypto';
import type { Activity } from '../../electron/shared/schemas/activities';
import type { ImportField } from '../../electron/shared/schemas/ledgerImport';
import type { Parsed } from './readRow';

// Whether a row is an activity already in the ledger. The same row is recognised by its title and place
// on its day, by its sheet and row position on its day (a title corrected in Excel), or by most of its
// figures on its day; two trainings with one title on one day at different places stay two.

export type Stored = Activity & { importKey: string | null };

/** The key an imported row carries: where it came from, so a corrected re-import finds it. */
export const positionKey = (agreementId: string, sheet: string, row: number): string =>
  createHash('sha256')
    .update(JSON.stringify([agreementId, sheet, row]))
    .digest('hex');

const norm = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, '') : v);

const conflicting = (a: unknown, b: unknown) =>
  a !== null && a !== undefined && b !== null && b !== undefined && norm(a) !== norm(b);

const COMPARED: ImportField[] = [
  'title',
  'type',
  'endDate',
  'place',
  'department',
  'organiser',
  'teachers',
  'students',
  'cadres',
  'hours',
  'days',
  'instructors',
  'amountYuan',
  'outcome',
  'notes',
];

const mostlySame = (row: Parsed, s: Stored): boolean => {
  let compared = 0;
  let same = 0;
  for (const f of COMPARED) {
    const a = row[f];
    const b = s[f];
    if (a === null || a === undefined || b === null || b === undefined) continue;
    compared++;
    if (norm(a) === norm(b)) same++;
  }
  return compared >= 3 && same / compared >= 0.75;
};

/** The stored activity a row is, if any: each stored one is claimed by one row at most. */
export const matchStored = (
  row: Parsed,
  key: string,
  onDay: Stored[],
  claimed: Set<string>,
): Stored | null => {
  const free = onDay.filter((s) => !claimed.has(s.id));
  const samePlace = (s: Stored) => !conflicting(row.place, s.place);
  return (
    free.find((s) => norm(s.title) === norm(row.title) && samePlace(s)) ??
    free.find((s) => s.importKey === key) ??
    free.find((s) => samePlace(s) && mostlySame(row, s)) ??
    null
  );
};

/** The imported fields whose values differ from the stored ones. */
export const changedFields = (row: Parsed, s: Stored, fields: ImportField[]): ImportField[] =>
  fields.filter((f) => (row[f] ?? null) !== (s[f] ?? null));
